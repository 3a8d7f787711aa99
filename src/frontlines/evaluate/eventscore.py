"""Scoring one predicted event against one gold event, field by field.

A `PredictedEvent` is an event flattened to what the gold datasets code. Each scorer answers True,
False, or None when the gold row does not code that field (then the row is left out of that
field's denominator). Rules, written once here:

- place: great-circle distance from the predicted point to the gold point within 25 / 50 km;
  no predicted point is a miss. Same first-order division: the gold division's name is looked
  up among the gazetteer's ADM1 records of the gold country (exact spelling key, else fuzzy at
  0.85) and compared with the predicted place's (country, admin1 code); when the gazetteer has
  no such division, the spelling keys of the names are compared.
- fatalities: a predicted count that is unknown counts as 0 ("no deaths reported"), as ACLED
  codes it. Best exact; gold best within [low, high] of the prediction (a missing low or high
  takes the best); within ±20% (±10% for the FA-KES categories) of the gold value.
- actors: ACLED names compared after dropping the year suffix, case and accents; UCDP sides
  compared as sets of names (a gold side such as "Ahrar al-Sham, HTS" is matched by any of its
  groups). "both sides" needs side A and side B matched by two different predicted sides.
- dates: the predicted start against the gold start, exactly and within one day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from unidecode import unidecode

from frontlines.evaluate.eventgold import GoldEvent

_DIVISION_WORDS = ("governorate", "province", "oblast", "region", "state", "district", "division", "department",
                   "county", "prefecture", "territory", "muhafazah", "city")


@dataclass(slots=True)
class PredictedEvent:
    """One predicted event, flattened to the values gold datasets code."""

    index: int = -1  # position among the row's predicted events; -1 for "no event"
    lat: float | None = None
    lon: float | None = None
    location: str | None = None
    country_code: str | None = None
    admin1_code: str | None = None
    admin1_name: str | None = None
    low: int | None = None
    best: int | None = None
    high: int | None = None
    sides: tuple[str | None, str | None] = (None, None)
    actor1: str | None = None
    actor2: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    violence: int | None = None
    start: date | None = None
    end: date | None = None
    civilians: int | None = None
    noncivilians: int | None = None
    trigger: str | None = None
    extra: dict = field(default_factory=dict)


def name_key(name: str | None) -> str:
    """Lower case, no accents, single spaces: how actor and side names are compared."""
    return " ".join(unidecode(name or "").lower().replace("’", "'").split())


class Divisions:
    """Gold place names to gazetteer codes: countries by name, first-order divisions by name."""

    def __init__(self, gazetteer) -> None:
        self.gaz = gazetteer
        self.country_code = lru_cache(maxsize=None)(self._country_code)
        self.admin1 = lru_cache(maxsize=None)(self._admin1)

    def _country_code(self, name: str | None) -> str | None:
        if not name:
            return None
        if len(name) == 2 and name.isupper():
            return name
        places = [p for p in self.gaz.candidates(name) if p.feature_code.startswith("PCL")]
        if not places:
            places = [p for p, _ in self.gaz.fuzzy(name, feature_codes=["PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"],
                                                    limit=1, cutoff=0.9)]
        return places[0].country_code if places else None

    def _admin1(self, name: str | None, cc: str | None) -> tuple[str | None, str | None]:
        """(country, admin1 code) of a division named in gold, or (cc, None) when not found."""
        if not name:
            return cc, None
        words = name.split()
        while len(words) > 1 and words[-1].lower() in _DIVISION_WORDS:
            words.pop()
        bare = " ".join(words)
        for text in dict.fromkeys((name, bare)):
            found = [p for p in self.gaz.candidates(text)
                     if p.feature_code == "ADM1" and (cc is None or p.country_code == cc)]
            if found:
                return found[0].country_code, found[0].admin1_code
        fuzzy = self.gaz.fuzzy(bare, countries=[cc] if cc else None, feature_codes=["ADM1"], limit=1, cutoff=0.85)
        if fuzzy:
            return fuzzy[0][0].country_code, fuzzy[0][0].admin1_code
        return cc, None

    def same_admin1(self, gold: GoldEvent, pred: PredictedEvent) -> bool | None:
        if not gold.admin1:
            return None
        if pred.country_code is None:
            return False
        cc, code = self.admin1(gold.admin1, self.country_code(gold.country))
        if code is not None:
            return pred.country_code == cc and pred.admin1_code == code
        from frontlines.places.keys import key  # the places package loads spaCy: only when scoring

        return bool(pred.admin1_name) and key(pred.admin1_name) == key(gold.admin1)

    def same_country(self, gold: GoldEvent, pred: PredictedEvent) -> bool | None:
        cc = self.country_code(gold.country)
        return None if cc is None else pred.country_code == cc


def _within(gold: GoldEvent, pred: PredictedEvent, km: float) -> bool | None:
    if gold.lat is None or gold.lon is None:
        return None
    if pred.lat is None or pred.lon is None:
        return False
    from frontlines.places.resolve import haversine_km

    return haversine_km(gold.lat, gold.lon, pred.lat, pred.lon) <= km


def _count(value: int | None) -> int:
    return value or 0


def _near(gold: int | None, pred: int | None, share: float) -> bool | None:
    if gold is None:
        return None
    return abs(_count(pred) - gold) <= share * gold


def _best(pred: PredictedEvent) -> int:
    return _count(pred.best if pred.best is not None else pred.low)


def _in_range(gold: GoldEvent, pred: PredictedEvent) -> bool | None:
    if gold.best is None:
        return None
    best = _best(pred)
    low = pred.low if pred.low is not None else best
    high = pred.high if pred.high is not None else max(best, low)
    return low <= gold.best <= high


def _side(names: list[str], sides: set[str]) -> str | None:
    return next((n for n in map(name_key, names) if n in sides), None)


def _sides(gold: GoldEvent, pred: PredictedEvent, both: bool) -> bool | None:
    if not gold.side_a:
        return None
    sides = {name_key(s) for s in pred.sides if s}
    a = _side(gold.side_a, sides)
    if not both:
        return a is not None
    b = _side(gold.side_b, sides - {a}) if a else None
    return a is not None and b is not None


def _days(gold: GoldEvent, pred: PredictedEvent, days: int) -> bool | None:
    if gold.start is None:
        return None
    return pred.start is not None and abs((pred.start - gold.start).days) <= days


def _same(gold_value, pred_value, compare=lambda g, p: g == p) -> bool | None:
    return None if gold_value is None else pred_value is not None and compare(gold_value, pred_value)


Scorer = Callable[[GoldEvent, PredictedEvent, Divisions], "bool | None"]

PLACE: dict[str, Scorer] = {
    "place_25km": lambda g, p, d: _within(g, p, 25),
    "place_50km": lambda g, p, d: _within(g, p, 50),
    "same_admin1": lambda g, p, d: d.same_admin1(g, p),
    "same_country": lambda g, p, d: d.same_country(g, p),
}
DATES: dict[str, Scorer] = {
    "date_exact": lambda g, p, d: _days(g, p, 0),
    "date_1day": lambda g, p, d: _days(g, p, 1),
}

FIELDS: dict[str, dict[str, Scorer]] = {
    "ucdp": {
        **PLACE,
        "best_exact": lambda g, p, d: None if g.best is None else _best(p) == g.best,
        "best_in_range": lambda g, p, d: _in_range(g, p),
        "best_20pct": lambda g, p, d: _near(g.best, _best(p), 0.2),
        "side_a": lambda g, p, d: _sides(g, p, both=False),
        "both_sides": lambda g, p, d: _sides(g, p, both=True),
        "violence_type": lambda g, p, d: _same(g.violence, p.violence),
        **DATES,
    },
    "acled": {
        "event_type": lambda g, p, d: _same(g.event_type, p.event_type),
        "sub_event_type": lambda g, p, d: _same(g.sub_event_type, p.sub_event_type),
        "fatalities_exact": lambda g, p, d: None if g.best is None else _best(p) == g.best,
        "fatalities_20pct": lambda g, p, d: _near(g.best, _best(p), 0.2),
        **PLACE,
        "actor1": lambda g, p, d: _same(name_key(g.actor1) or None, name_key(p.actor1) or None),
        "actor2": lambda g, p, d: _same(name_key(g.actor2) or None, name_key(p.actor2) or None),
        **DATES,
    },
    "fakes": {
        "governorate": lambda g, p, d: d.same_admin1(g, p),
        "same_country": PLACE["same_country"],
        "civilians_exact": lambda g, p, d: _same(g.civilians, _count(p.civilians)),
        "civilians_10pct": lambda g, p, d: _near(g.civilians, p.civilians, 0.1),
        "noncivilians_10pct": lambda g, p, d: _near(g.noncivilians, p.noncivilians, 0.1),
        "both_categories_10pct": lambda g, p, d: (None if g.civilians is None or g.noncivilians is None else
                                                  bool(_near(g.civilians, p.civilians, 0.1) and _near(g.noncivilians, p.noncivilians, 0.1))),
        **DATES,
    },
}


def score(gold: GoldEvent, pred: PredictedEvent, divisions: Divisions) -> dict[str, bool | None]:
    """Every field of the gold row's dataset, scored."""
    return {name: f(gold, pred, divisions) for name, f in FIELDS[gold.dataset].items()}


def best_match(gold: GoldEvent, preds: list[PredictedEvent], divisions: Divisions) -> tuple[PredictedEvent, dict[str, bool | None]]:
    """The predicted event that matches the gold best (most fields right; the earliest on ties).

    A system that codes no event is scored as an empty prediction (index -1): no place, no
    actors, no date, and deaths unknown, which counts as 0 like every unknown count."""
    best = (PredictedEvent(), score(gold, PredictedEvent(), divisions))
    top = -1
    for pred in preds:
        fields = score(gold, pred, divisions)
        right = sum(1 for v in fields.values() if v)
        if right > top:
            best, top = (pred, fields), right
    return best

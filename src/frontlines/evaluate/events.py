"""`frontlines eval events`: code each gold row's text and score it against the row's gold.

Every system runs on the same rows in the same process and shares one spaCy parse and one
geoparse per row: frontlines' extractor (any registered by name) and the naive coder (`NaiveCoder`).
Each system's `seconds` is its own extraction time plus the shared parse and geoparse, so the
times compare what a user of each would wait for.

A row whose text yields several events is scored on the event that matches the gold best; how
often that was not the first event is reported (`chosen_not_first`), as are the rows for which
a system coded no event at all (`no_event`). Because that choice looks at the gold, each field
also carries `first_event`: the score of the system's first event, with no choice made. A row
that failed is wrong on every field it codes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontlines.clean import to_report
from frontlines.evaluate.eventgold import GoldEvent, digest
from frontlines.evaluate.eventscore import FIELDS, Divisions, PredictedEvent, best_match, name_key
from frontlines.records import Document, Event, Failure, PlaceMention, Report

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAIVE = "naive"
OURS = "frontlines"

_DEATH = re.compile(r"^(?:kill(?:s|ed|ing)?|dead|died|dies|death|deaths|fatalities|bodies|martyrs?|lives)$", re.I)
_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}


def _number(text: str) -> int | None:
    digits = text.replace(",", "")
    if digits.isdigit():
        return int(digits)
    return _WORDS.get(text.lower())


class NaiveCoder:
    """The naive event coder: the first number next to a death word, the first resolved place.

    "Next to" is within three words either side. The date is the publication date; no type,
    actors or sides are coded. This is the baseline every automatic coder must beat."""

    name = NAIVE
    window = 3

    def __call__(self, doc: Doc, report: Report, mentions: list[PlaceMention]) -> list[PredictedEvent]:
        pred = PredictedEvent(index=0, start=report.published, end=report.published)
        for tok in doc:
            number = _number(tok.text) if tok.like_num else None
            if number is None:
                continue
            near = doc[max(0, tok.i - self.window):tok.i + self.window + 1]
            if any(_DEATH.match(t.text) for t in near):
                pred.low = pred.best = pred.high = number
                break
        place = next((m.place for m in mentions if m.place is not None and m.role == "place"), None)
        if place is not None:
            pred.lat, pred.lon, pred.location = place.lat, place.lon, place.name
            pred.country_code, pred.admin1_code, pred.admin1_name = place.country_code, place.admin1_code, place.admin1_name
        return [pred]


def _category(event: Event, who: Iterable[str]) -> int | None:
    counts = [t.best if t.best is not None else t.low for t in event.tolls if t.who in who]
    return sum(c or 0 for c in counts) if counts else None


def from_event(event: Event, index: int) -> PredictedEvent:
    """An extracted event flattened for scoring."""
    from frontlines.events.taxonomy import ucdp_sides  # the events package loads spaCy: only when scoring

    pred = PredictedEvent(index=index, trigger=event.trigger.text)
    place = event.place.place if event.place is not None else None
    if place is not None:
        pred.lat, pred.lon, pred.location = place.lat, place.lon, place.name
        pred.country_code, pred.admin1_code, pred.admin1_name = place.country_code, place.admin1_code, place.admin1_name
        if place.feature_code == "ADM1" and not pred.admin1_name:
            pred.admin1_name = place.name
    toll = event.fatalities
    pred.low, pred.best, pred.high = toll.low, toll.best, toll.high
    pred.sides = ucdp_sides(event.actor1, event.actor2, event.violence_type)
    pred.actor1 = event.actor1.name if event.actor1 else None
    pred.actor2 = event.actor2.name if event.actor2 else None
    pred.event_type, pred.sub_event_type, pred.violence = event.event_type, event.sub_event_type, event.violence_type
    pred.start, pred.end = event.date.start, event.date.end
    pred.civilians = _category(event, ("civilians",))
    pred.noncivilians = _category(event, ("side_a", "side_b", "combatants"))
    pred.extra = {"modality": event.modality, "where_prec": event.where_prec, "date_prec": event.date.precision}
    return pred


@dataclass(slots=True)
class RowResult:
    """One gold row as each system coded it, with the chosen event and its field scores."""

    gold: GoldEvent
    predictions: dict[str, list[PredictedEvent]]
    chosen: dict[str, PredictedEvent]
    fields: dict[str, dict[str, bool | None]]
    failure: str | None = None
    first: dict[str, dict[str, bool | None]] | None = None  # fields of each system's first event, no choice
    reach: dict[str, bool | None] | None = None  # what the text makes reachable (`reachable`), with --ceiling


def _report(gold: GoldEvent) -> Report | Failure:
    return to_report(Document(origin=f"{gold.dataset}:{gold.key}", text=gold.text, source=gold.source,
                              published=gold.published, published_from="row" if gold.published else None))


def run_rows(golds: list[GoldEvent], pipeline, *, naive: bool = True, batch_size: int = 32,
             progress: Callable[[int], None] | None = None,
             ceiling: bool = False) -> tuple[list[RowResult], dict[str, float]]:
    """Parse, geoparse and code every row with each system; times per system in seconds. With
    `ceiling`, each row also records what its text makes reachable (`reachable`), untimed."""
    divisions = Divisions(pipeline.geoparser.gazetteer)
    sides_of = TextSides(pipeline.nlp) if ceiling else None
    coder = NaiveCoder()
    seconds = {OURS: 0.0, NAIVE: 0.0, "shared": 0.0}
    results: list[RowResult] = []
    reports = [_report(g) for g in golds]
    good = [(g, r) for g, r in zip(golds, reports) if isinstance(r, Report)]
    failed = {id(g): r for g, r in zip(golds, reports) if isinstance(r, Failure)}
    t0 = time.perf_counter()
    docs = iter(pipeline.nlp.pipe((r.text for _, r in good), batch_size=batch_size))
    parsed: dict[int, tuple[Report, Doc]] = {}
    for gold, report in good:
        parsed[id(gold)] = (report, next(docs))
    seconds["shared"] += time.perf_counter() - t0
    for n, gold in enumerate(golds, 1):
        preds: dict[str, list[PredictedEvent]] = {OURS: [], NAIVE: []} if naive else {OURS: []}
        failure = failed[id(gold)].reason if id(gold) in failed else None
        if failure is None:
            report, doc = parsed[id(gold)]
            try:
                t = time.perf_counter()
                mentions = pipeline.geoparser(doc)
                t1 = time.perf_counter()
                events = pipeline.extractor(doc, report, mentions)
                t2 = time.perf_counter()
                preds[OURS] = [from_event(e, i) for i, e in enumerate(events)]
                if naive:
                    preds[NAIVE] = coder(doc, report, mentions)
                t3 = time.perf_counter()
                seconds["shared"] += t1 - t
                seconds[OURS] += t2 - t1
                seconds[NAIVE] += t3 - t2
            except Exception as exc:  # a row that breaks a stage is recorded and the rest go on
                failure = f"{type(exc).__name__}: {exc}"
        reach = None
        if ceiling and failure is None:
            reach = reachable(gold, doc, report, mentions, divisions, sides_of)
        chosen, fields, first = {}, {}, {}
        for system, plist in preds.items():
            chosen[system], fields[system] = best_match(gold, plist, divisions)
            first[system] = best_match(gold, plist[:1], divisions)[1]
            if failure is not None:  # a row that failed is wrong on every field it codes
                fields[system] = first[system] = {k: (None if v is None else False) for k, v in fields[system].items()}
        results.append(RowResult(gold, preds, chosen, fields, failure, first, reach))
        if progress:
            progress(n)
    shared = seconds.pop("shared")
    times = {system: round(value + shared, 3) for system, value in seconds.items() if naive or system == OURS}
    return results, times


def summarise(dataset: str, results: list[RowResult], seconds: dict[str, float]) -> dict:
    """Per system and field: the share right over the rows that code the field, with counts."""
    systems: dict[str, dict] = {}
    for system in seconds:
        fields: dict[str, dict] = {}
        for name in FIELDS[dataset]:
            values = [r.fields[system][name] for r in results if r.fields[system][name] is not None]
            firsts = [r.first[system][name] for r in results if r.first and r.first[system][name] is not None]
            fields[name] = {"score": round(sum(values) / len(values), 4) if values else None,
                            "right": sum(values), "n": len(values),
                            "first_event": round(sum(firsts) / len(firsts), 4) if firsts else None}
        multi = [r for r in results if len(r.predictions[system]) > 1]
        systems[system] = {
            "fields": fields,
            "seconds": seconds[system],
            "rows_per_second": round(len(results) / seconds[system], 1) if seconds[system] else None,
            "events": sum(len(r.predictions[system]) for r in results),
            "no_event": sum(1 for r in results if not r.predictions[system]),
            "several_events": len(multi),
            "chosen_not_first": sum(1 for r in multi if r.chosen[system].index > 0),
        }
    out = {"dataset": dataset, "rows": len(results), "digest": digest(r.gold for r in results),
           "failures": [{"key": r.gold.key, "reason": r.failure} for r in results if r.failure],
           "systems": systems}
    if any(r.reach is not None for r in results):
        out["ceiling"] = ceiling_summary(dataset, results)
    return out


def worst_rows(results: list[RowResult], n: int, system: str = OURS) -> list[dict]:
    """The `n` rows where `system` missed most coded fields, with gold and chosen prediction."""
    def missed(r: RowResult) -> int:
        return sum(1 for v in r.fields[system].values() if v is False)

    out = []
    for r in sorted(results, key=lambda r: (-missed(r), r.gold.key))[:n]:
        g, p = r.gold, r.chosen[system]
        out.append({
            "key": g.key, "text": g.text[:400], "missed": [k for k, v in r.fields[system].items() if v is False],
            "gold": {k: v for k, v in {
                "location": g.location, "admin1": g.admin1, "best": g.best, "side_a": ", ".join(g.side_a) or None,
                "side_b": ", ".join(g.side_b) or None, "actor1": g.actor1, "actor2": g.actor2, "type": g.event_type,
                "sub_type": g.sub_event_type, "start": g.start, "civilians": g.civilians,
                "noncivilians": g.noncivilians}.items() if v is not None},
            "predicted": {k: v for k, v in {
                "index": p.index, "events": len(r.predictions[system]), "trigger": p.trigger, "location": p.location,
                "admin1": p.admin1_name, "best": p.best, "low": p.low, "sides": [s for s in p.sides if s] or None,
                "actor1": p.actor1, "actor2": p.actor2, "type": p.event_type, "sub_type": p.sub_event_type,
                "start": p.start, "civilians": p.civilians, "noncivilians": p.noncivilians}.items() if v is not None},
        })
    return out


# --- What the text makes reachable -------------------------------------------------------------

CEILING_FIELDS: dict[str, tuple[str, ...]] = {
    "ucdp": ("place_25km", "place_50km", "same_admin1", "best_exact", "best_in_range", "side_a", "both_sides",
             "date_1day"),
    "acled": ("place_25km", "place_50km", "same_admin1", "fatalities_exact", "date_1day"),
    "fakes": ("governorate", "civilians_10pct", "noncivilians_10pct", "date_1day"),
}
"""The fields whose ceiling `reachable` measures, per dataset (its scorers' names)."""


class TextSides:
    """The UCDP sides a text names, read with the project's actor dictionary: named groups, state
    forces (by demonym, or of the report's country), civilians. Generic words ("the militants")
    name no one and count for nothing here."""

    def __init__(self, nlp) -> None:
        from frontlines.events.actors import ActorDictionary  # loads spaCy: only with --ceiling

        self.actors = ActorDictionary(nlp)

    def __call__(self, doc: Doc, country: str | None) -> set[str]:
        sides: set[str] = set()
        for m in self.actors.find(doc):
            if m.kind == "named":
                sides.update(e.ucdp for e in m.entries if e.ucdp)
            elif m.kind in ("state", "police"):
                name, inter = self.actors.state_forces(m.country or country, police=m.kind == "police")
                if (side := self.actors.ucdp_side(name, inter)) is not None:
                    sides.add(side)
            elif m.kind == "civilians":
                sides.add("Civilians")
        return sides


def _numbers(text: str) -> set[int]:
    from frontlines.events.numbers import find_counts

    found = {int(d.replace(",", "")) for d in re.findall(r"\d[\d,]*", text) if d.replace(",", "").isdigit()}
    for c in find_counts(text):
        found.update(v for v in (c.low, c.best, c.high) if v is not None)
    return found


def reachable(gold: GoldEvent, doc: Doc, report: Report, mentions: list[PlaceMention], divisions: Divisions,
              sides_of: TextSides | None = None) -> dict[str, bool | None]:
    """For one row, whether its text gives a coder what each field needs, whatever the coder
    (None where the gold does not code the field). The share over rows is a ceiling for any
    system that reads only this text with this gazetteer and actor dictionary:

    - place within 25 / 50 km: some place the text names resolves (gazetteer) within that distance
      of the gold point; first-order division (FA-KES governorate): some resolved place lies in it;
    - fatalities (and FA-KES civilian / non-civilian deaths): the gold count is 0 (nothing to find)
      or a number the text writes (digits, words, a range's ends) equals it (is within ±10% for
      FA-KES); `best_in_range` counts as reachable on the same terms as `best_exact`;
    - sides: the text names the gold side A (and, for both sides, also side B as another side);
    - date within a day: the publication date is within a day of the gold start, or a time
      expression in the text resolves to a start within a day of it.
    It is an upper bound on what the text offers, not a promise: a reachable place may be one of
    several the text names, and a reachable number may count something else."""
    from frontlines.evaluate.eventscore import _within  # the scorer's own distance rule
    from frontlines.events.places import main_country
    from frontlines.events.timex import resolve_expression

    places = [m.place for m in mentions if m.place is not None and m.role != "demonym"]
    points = [PredictedEvent(lat=p.lat, lon=p.lon, country_code=p.country_code, admin1_code=p.admin1_code,
                         admin1_name=p.admin1_name or (p.name if p.feature_code == "ADM1" else None)) for p in places]
    out: dict[str, bool | None] = {}
    for km in (25, 50):
        out[f"place_{km}km"] = None if gold.lat is None or gold.lon is None else any(_within(gold, p, km) for p in points)
    admin1 = None if not gold.admin1 else any(divisions.same_admin1(gold, p) for p in points)
    out["same_admin1"] = out["governorate"] = admin1
    numbers = _numbers(gold.text)
    exact = None if gold.best is None else gold.best == 0 or gold.best in numbers
    out["best_exact"] = out["best_in_range"] = out["fatalities_exact"] = exact
    for name, value in (("civilians_10pct", gold.civilians), ("noncivilians_10pct", gold.noncivilians)):
        out[name] = None if value is None else value == 0 or any(abs(n - value) <= 0.1 * value for n in numbers)
    if gold.side_a and sides_of is not None:
        named = {name_key(s) for s in sides_of(doc, main_country(mentions))}
        a = [name_key(s) for s in gold.side_a if name_key(s) in named]
        b = [name_key(s) for s in gold.side_b if name_key(s) in named and name_key(s) not in a[:1]]
        out["side_a"], out["both_sides"] = bool(a), bool(a) and bool(b)
    else:
        out["side_a"] = out["both_sides"] = None
    if gold.start is None:
        out["date_1day"] = None
    else:
        starts = [report.published] if report.published else []
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME") and (found := resolve_expression(ent.text, report.published)) is not None:
                starts.append(found.start)
        out["date_1day"] = any(s is not None and abs((s - gold.start).days) <= 1 for s in starts)
    return {name: out.get(name) for name in CEILING_FIELDS[gold.dataset]}


def ceiling_summary(dataset: str, results: list[RowResult], system: str = OURS) -> dict[str, dict]:
    """Per field: the share of rows whose text makes it reachable, `system`'s score on the same
    rows, its score as a share of the reachable, and how often it is right where reachable."""
    out: dict[str, dict] = {}
    for name in CEILING_FIELDS[dataset]:
        rows = [r for r in results if r.reach is not None and r.reach.get(name) is not None
                and r.fields[system].get(name) is not None]
        if not rows:
            continue
        reach = sum(1 for r in rows if r.reach[name])
        ours = sum(1 for r in rows if r.fields[system][name])
        right_when = sum(1 for r in rows if r.reach[name] and r.fields[system][name])
        out[name] = {"n": len(rows), "reachable": round(reach / len(rows), 4), "ours": round(ours / len(rows), 4),
                     "of_reachable": round(ours / reach, 4) if reach else None,
                     "right_when_reachable": round(right_when / reach, 4) if reach else None}
    return out

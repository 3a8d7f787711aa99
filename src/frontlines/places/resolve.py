"""Resolve place mentions to gazetteer records, with a score and a reason, or leave them open.

Each candidate gets a total in [0, 1] from four parts (weights in `WEIGHTS`):
- match: 1 for the place's own name (St./Mt./Ft. spelt out count; a division's name without
  its generic word), 0.9 for an alternate name (0.8 where towns bear the name as their own),
  0.85 for the name without a qualifier ("Upper", "Fawqani"), the similarity scaled down for
  a bounded fuzzy match;
- prior: countries > capitals > first-order divisions > populated places by population (an
  unknown one as `names.UNKNOWN_POPULATION`);
- coherence: in a country of the report (named in it, or of its confidently resolved places),
  inside / containing the report's other resolved places, 1 within 50 km of one, falling
  linearly to 0.4 at 300 km (`PROXIMITY`); a foreign country gets 0 against a first-order
  division of the same name in the report's country ("Georgia" beside Atlanta);
- fit: the feature type against the context word (province → ADM1, district → ADM2,
  camp/village/settlement → P);
- area (`context.py`): once places are resolved, the candidates in the first-order division of
  many of them gain coherence and a bonus by their share (weighed by score and mentions), if a
  namesake of the best match there stands comparable with the best-known one of its country
  and class (all candidates of that division gain alike: a town and the district of its name).

Before ranking: a name that is a country's, or a first-order division's of the report's
countries, drops the small namesakes outside it ("Italy" beside Texas); a division written
after the name and a comma ("Paris, Tenn.", marked "qualifier" by the recognizer) keeps only
the candidates inside it for that mention.

The score is the best total discounted by how little it beats the best competitor (another
candidate that is neither nested in it nor within 25 km). When the report has an area, small
places outside its countries and more than `far_km` from its places are dropped as
far-away namesakes. Fuzzy matching is a bounded fallback: only within the report's
countries, for divisions under a division context word (Jaro-Winkler ≥ 0.85), and for
other places one edit at most. Resolution runs three times so that the places resolved in
one pass (places, governments, and names opening an organisation's name) steer the next, and
a confident answer then vouches for its neighbours alone, no longer its namesakes;
mentions with the same key and context kind share one answer. Towns joined by "and" take
namesakes beside each other ("Gainesville and Lindsay"); a name that opens with another name of
the report and that the gazetteer lacks, or the same town named twice, takes that name's answer
("Cottonport Fire Station", "Dublin City"); the report-level evidence is in `support.py`. A demonym names its country; a
name the model took for a nationality that is no demonym but the own name of a country, a
first-order division, a capital or a large town ("Sochi", "Punjab") is resolved as a place.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..records import Place, PlaceMention
from .candidates import SKELETON_HOW, WITHOUT_QUALIFIER, Candidates, Option, fits
from .context import AREA_WEIGHT, Area, Standing, state_of
from .coordination import division_peers
from .cues import ATTRIBUTE, CONTEXT_WORDS, FEATURE_WORDS
from .gazetteer import Gazetteer
from .keys import key, words
from .mentions import (
    comma_joined,
    coordinated,
    demonym_qualified,
    qualify_groups,
    street,
)
from .names import full_division as _full_division
from .names import own_name as _own_name
from .names import prior as _prior
from .names import spellings as _spellings
from .relations import NEAR_KM, haversine_km
from .relations import contains as _contains
from .relations import division as _division
from .relations import inside as _inside
from .relations import nested as _nested
from .relations import seat as _seat
from .support import named_after, report_support, same_place, support_options

WEIGHTS = {"match": 0.4, "prior": 0.25, "coherence": 0.25, "fit": 0.1}
FAR_KM, SAME_KM = 300.0, 25.0
#: How far a town may lie from the town it is coordinated with ("Gainesville and Lindsay").
BESIDE_KM = 100.0
#: How a best candidate's lead over its best rival discounts its score: total * (1 - e^(-lead / this) / 2).
MARGIN_SCALE = 0.06
#: From the second pass, a name resolved with this score or more gives support from its answer
#: alone: its other namesakes no longer vouch for theirs (Denver, Pennsylvania had support from
#: a Pennsylvania "Indiana" in a report whose Indiana is the state).
PLACED_SUPPORT = 0.9
#: Coherence a candidate gets from its support: SUPPORT_BASE + the share times this, before and
#: after the report has resolved places (whose evidence then counts for more: `context.Area`).
#: The base keeps any support above the coherence of a candidate with no neighbour at all.
SUPPORT_BASE, SUPPORT_GAIN, SUPPORT_GAIN_PLACED = 0.3, 0.7, 0.6
#: Passes of resolution, each steered by the places the one before resolved confidently.
PASSES = 3
#: Coherence of a place in a country of the report, and the least any country gets.
IN_COUNTRY, COUNTRY_FLOOR = 0.4, 0.4
#: The share of that coherence a country has when the report names it only by a demonym
#: ("American officials said the strike in Damascus"): whose people act is weaker evidence of
#: where than a place. At full weight it put Syria's capital in Maryland and "Russian forces
#: shelled Pisky, Donetsk" in Russia's Donetsk; on ACLED notes 0.5 placed 10 more rows in their
#: first-order division than 1.0 (though a lone "Palmyra" beside "the Syrian Observatory" is
#: then left between Tadmur and the US Palmyras).
DEMONYM_SHARE = 0.5


#: Coherence of a place just beyond NEAR_KM from one of the report's places, and at FAR_KM.
PROXIMITY = (0.9, 0.4)


def _proximity(d: float) -> float:
    """Coherence of a place `d` km from one of the report's places (NEAR_KM < d <= FAR_KM),
    falling linearly: where namesakes are dense (the US), a namesake 250 km from a place of
    the report is no longer much likelier than the well-known one."""
    hi, lo = PROXIMITY
    return hi + (lo - hi) * (d - NEAR_KM) / (FAR_KM - NEAR_KM)


@dataclass(slots=True)
class Ranked:
    """A candidate with its total and the features that made it."""

    total: float
    option: Option
    why: str
    features: dict[str, float]


@dataclass(slots=True)
class _Answer:
    place: Place | None
    score: float
    reason: str


def _beside(a: _Answer) -> bool:
    """Whether an answer is a guess at the place's neighbourhood, which steers no other name: a
    qualifier before a country or a state names a part of it ("North Texas"), but before a
    district or a town another place that shares its name (Ethiopia's Shabelle district for
    "Lower Shabelle" would make Somalia's Afgoye a far-away namesake)."""
    return a.reason.startswith(WITHOUT_QUALIFIER) and a.place is not None and \
        not (a.place.feature_code.startswith("PCL") or a.place.feature_code == "ADM1")


def _kind(ctx: str | None) -> str | None:
    return CONTEXT_WORDS.get(ctx) if ctx else None


def _label(p: Place) -> str:
    return f"{p.name} ({p.country_code} {p.feature_code})"


class Resolver:
    """Ranks the gazetteer's candidates for each mention against the rest of the report."""

    def __init__(self, gazetteer: Gazetteer, *, threshold: float = 0.4, far_km: float = FAR_KM,
                 small_population: int = 100_000) -> None:
        self.g = gazetteer
        self.threshold = threshold
        self.far_km = far_km
        self.small_population = small_population
        self.candidates = Candidates(gazetteer, small_population)
        self._options: dict[tuple[str, str | None, frozenset[str]], tuple[list[Option], bool]] = {}

    def options(self, text: str, kind: str | None, countries: set[str]) -> tuple[list[Option], bool]:
        """Candidates for a name (`candidates.Candidates`; flag: fuzzy matching tried)."""
        return self.candidates(text, kind, countries)

    def well_known(self, text: str) -> bool:
        """Whether a name is the own name of a country, a division, a capital or a large town."""
        return self.candidates.well_known(text)

    # -- scoring -----------------------------------------------------------------------------

    def _coherence(self, p: Place, anchors: list[Place], countries: set[str],
                   near: set[str], own: frozenset[int] = frozenset()) -> tuple[float, str]:
        """How well a candidate fits the report's resolved places (`anchors`) and countries.
        Anchors in `own` (candidates of the very name, resolved from another spelling of it:
        "Хомс" beside "حمص") are no evidence for or against its namesakes."""
        if not anchors and not countries:
            return 0.5, ""
        best, why = 0.0, ""
        share = 1.0 if anchors else DEMONYM_SHARE  # without places, the countries are the demonyms'
        if p.country_code in countries:
            best, why = IN_COUNTRY * share, "country in report"
        elif p.country_code in near:
            best, why = 0.25 * share, "neighbour of a country in report"
        for a in anchors:
            if a.geonameid == p.geonameid or a.feature_code.startswith("PCL") or a.geonameid in own:
                continue
            if a.feature_code in ("ADM1", "ADM2") and _contains(a, p):
                return 1.0, f"in {a.name}"
            if (p.feature_code in ("ADM1", "ADM2") or p.feature_code.startswith("PCL")) and _contains(p, a):
                return 1.0, f"contains {a.name}"
            if a.feature_class == "A" or p.feature_class == "A":
                continue
            d = haversine_km(p.lat, p.lon, a.lat, a.lon)
            if d <= NEAR_KM:
                return 1.0, f"{d:.0f} km from {a.name}"
            if d <= self.far_km:
                c = _proximity(d)
                if c > best:
                    best, why = c, f"{d:.0f} km from {a.name}"
        return best, why

    def _seat_named(self, division: Place, text: str) -> bool:
        """Whether a division's other name is that of a town of it ("Kharkiv region" is the
        oblast of Kharkiv, not a name found by chance, as Iran's province is "Kurdistan")."""
        spellings = _spellings(text)
        return any(p.feature_class == "P" and _own_name(p, spellings) and _seat(division, p)
                   for p in self.g.candidates(text))

    def _near_point(self, p: Place, anchors: list[Place]) -> bool:
        """Whether a place lies within `far_km` of one of the report's resolved towns."""
        return any(a.feature_class != "A" and a.geonameid != p.geonameid and
                   haversine_km(p.lat, p.lon, a.lat, a.lon) <= self.far_km for a in anchors)

    def _far(self, p: Place, anchors: list[Place], countries: set[str], any_size: bool = False) -> bool:
        """A small place (any place but a country, with `any_size`) outside the report's
        countries and far from all of its places. Not without places: a demonym alone ("a
        Mexican restaurant") does not set the report's area."""
        if not countries or not anchors or p.country_code in countries:
            return False
        if p.feature_code.startswith("PCL") or p.feature_code == "CONT" or not any_size and (
                p.feature_code in ("ADM1", "PPLC") or p.population >= self.small_population):
            return False
        return not any(a.feature_class != "A" and
                       haversine_km(p.lat, p.lon, a.lat, a.lon) <= self.far_km for a in anchors)

    def rank(self, opts: list[Option], ctx: str | None, anchors: list[Place], countries: set[str],
             support: dict[int, float] | None = None, weights: list[float] | None = None) -> list[Ranked]:
        """Score candidates: the weighted sum of match, prior, coherence and fit (best first).

        `weights`, parallel to `anchors` (each one's score times its mentions), turns on the
        report's area (`context.Area`): coherence and a bonus for the division of most of its
        places, where a namesake of comparable standing lies."""
        kind = _kind(ctx)
        near = {n for cc in countries for n in self.g.neighbours(cc)}
        # a bare "Deir ez-Zor" is the city, not the province named after it: pairs of a division
        # and a town of its name inside it
        towns = [q.place for q in opts if q.place.feature_class == "P"]
        divs = [q.place for q in opts if q.place.feature_code in ("ADM1", "ADM2")]
        nested = {id(p) for d in divs for t in towns if _seat(d, t) for p in (d, t)} if towns and divs else set()
        # a country the report does not place anything in, against a first-order division of
        # one it does ("Georgia" beside Atlanta is the state)
        own = frozenset(q.place.geonameid for q in opts)
        home_division = any(q.place.feature_code == "ADM1" and q.place.country_code in countries for q in opts)
        area = Area.of((a, w) for a, w in zip(anchors, weights, strict=True)
                       if a.geonameid not in own) if weights else None
        # the divisions where a namesake of the best match stands comparable with the best-known
        # one: every candidate there gains alike (a town beside the district of its name)
        favoured: set[tuple[str, str] | None] = set()
        if area:
            standing = Standing((q.place for q in opts), _prior)
            best_match = max(q.match for q in opts)
            favoured = {state_of(q.place) for q in opts if q.match >= best_match
                        and standing.comparable(q.place)} - {None}
        out = []
        for o in opts:
            coh, why = self._coherence(o.place, anchors, countries, near, own)
            if (o.place.feature_code.startswith("PCL") or o.place.feature_code == "CONT") and coh < COUNTRY_FLOOR:
                # (not a neighbour of a country of the report: "Georgia" beside Russia)
                if home_division and o.place.country_code not in countries | near:
                    coh, why = 0.0, "a foreign country against a division of the report's country"
                else:
                    coh, why = COUNTRY_FLOOR, why or "a country fits any report"
            share = support.get(o.place.geonameid, 0.0) if support else 0.0
            gain = SUPPORT_GAIN_PLACED if area else SUPPORT_GAIN
            if share and SUPPORT_BASE + gain * share > coh:
                coh, why = SUPPORT_BASE + gain * share, f"near {share:.0%} of the report's other names"
            main = 0.0
            if area and state_of(o.place) in favoured:
                c, w = area.coherence(o.place)
                if c > coh:
                    coh, why = c, w
                main = area.share(o.place)
            if kind:
                fit = 1.0 if fits(o.place, kind) else 0.0
            elif nested:  # the division loses to its town, and no town gains on the others
                fit = 1.0 if o.place.feature_class == "P" else (0.0 if id(o.place) in nested else 0.5)
            else:
                fit = 0.2 if (ctx and o.place.feature_code.startswith("PCL")) else 0.5
            features = {"match": o.match, "prior": round(_prior(o.place), 3), "coherence": coh, "fit": fit}
            total = sum(WEIGHTS[k] * v for k, v in features.items())
            if main:
                features["area"] = round(main, 3)
                total = min(1.0, total + AREA_WEIGHT * main)
            out.append(Ranked(round(total, 4), o, why, features))
        out.sort(key=lambda r: (-r.total, -r.option.place.population))
        return out

    def lookup(self, text: str, *, countries: set[str] | None = None,
               near: tuple[float, float] | None = None, limit: int = 10) -> list[Ranked]:
        """Ranked candidates for a name alone, as `frontlines gazetteer lookup` shows them."""
        opts, _ = self.options(text, None, countries or set())
        if countries:
            opts = [o for o in opts if o.place.country_code in countries]
        anchors = [Place(0, "the given point", "P", "PPL", "", near[0], near[1])] if near else []
        return self.rank(opts, None, anchors, countries or set())[:limit]

    def decide(self, text: str, ctx: str | None, anchors: list[Place], countries: set[str],
               support: dict[int, float] | None = None, within: list[Place] | None = None,
               division: bool = False, weights: list[float] | None = None,
               division_countries: frozenset[str] = frozenset(), local: bool = False) -> _Answer:
        """The best candidate for one name, or none with the reason.

        `support` maps a candidate's geonameid to the share of the report's other names that
        have a candidate near it (see `support.report_support`). `within`: the divisions a qualifier after the
        name allows ("Paris, Tenn."): candidates inside one of them, if any, are the only ones;
        `division`: the name is such a qualifier, so a country or first-order division if it
        can be; `division_countries`: if given, a division in one of these countries first;
        `local`: the model took the name for a person or an organisation (it was found as what
        is shelled, or beside another name), so that a far-away namesake it names by an
        alternate name is dropped whatever its size, if the report has places ("shelled
        Al-Bara" beside Ariha is no Paulo Afonso, Brazil)."""
        kind = _kind(ctx)
        memo = (text, kind, frozenset(countries))
        if memo not in self._options:
            if len(self._options) > 4096:
                self._options.clear()
            self._options[memo] = self.options(text, kind, countries)
        opts, fuzzy_tried = self._options[memo]
        if division:
            divs = [o for o in opts if _division(o.place)]
            opts = [o for o in divs if o.place.country_code in division_countries] or divs or opts
        if within:  # a division: inside it; a town (a coordinated partner's answer): beside it
            opts = [o for o in opts if any(_inside(o.place, d) if d.feature_class == "A" else
                                           o.place.feature_class == "P" and
                                           haversine_km(o.place.lat, o.place.lon, d.lat, d.lon) <= BESIDE_KM
                                           for d in within)] or opts
        if not opts:
            return _Answer(None, 0.0, "no gazetteer entry within bound" if fuzzy_tried
                           else ("no gazetteer entry of the kind the context names" if kind
                                 else "no gazetteer entry"))
        # a county written in full ("Licking County") is no far-away namesake of anything
        kept = [o for o in opts if (not self._far(o.place, anchors, countries, any_size=local and o.match < 1.0)
                                    or o.match == 1.0 and _full_division(o.place, text))
                and not (o.how.startswith(SKELETON_HOW) and not self._near_point(o.place, anchors))]
        # a first-order division of a country the report does not name, found by another of its
        # names ("Kurdistan" beside Mosul is not Iran's Kordestān province), or named after a
        # natural feature the index lacks ("the Red Sea" off Yemen is no Sudanese state)
        ws = words(text)
        feature = kind is None and len(ws) > 1 and ws[-1] in FEATURE_WORDS
        foreign = [o for o in kept if anchors and countries and o.place.country_code not in countries
                   and (o.match < 1.0 and o.place.feature_code == "ADM1" and not self._seat_named(o.place, text)
                        or feature and o.place.feature_class == "A")]
        kept = [o for o in kept if all(o is not f for f in foreign)]
        if not kept:
            names = ", ".join(_label(o.place) for o in (foreign or opts)[:3])
            how = "named after a natural feature" if feature else "by another name"
            return _Answer(None, 0.0, f"only a division of a country the report does not name, {how}: {names}"
                           if foreign else f"only far-away namesakes: {names}")
        scored = [(r.total, r.option, r.why, r.features["fit"])
                  for r in self.rank(kept, ctx, anchors, countries, support, weights)]
        total, best, why, fit = scored[0]
        rivals = [t for t, o, _, _ in scored[1:] if not _nested(o.place, best.place)
                  and haversine_km(o.place.lat, o.place.lon, best.place.lat, best.place.lon) > SAME_KM]
        margin = total - (rivals[0] if rivals else 0.0)
        score = round(total * (1 - 0.5 * math.exp(-margin / MARGIN_SCALE)), 3)
        if score < self.threshold:
            if rivals and margin < 0.05:
                other = next(o for t, o, _, _ in scored[1:] if t == rivals[0])
                return _Answer(None, score, f"ambiguous: {_label(best.place)} or {_label(other.place)}")
            return _Answer(None, score, f"weak match: {_label(best.place)} ({score:.2f})")
        parts = [best.how] + ([why] if why else []) + ([f"fits '{ctx}'"] if kind and fit else [])
        if rivals:
            parts.append(f"best of {len(rivals) + 1} places")
        return _Answer(best.place, score, ", ".join(parts))

    # -- a whole report ----------------------------------------------------------------------

    def well_known_town(self, text: str) -> bool:
        """Whether a name's own reading that is no division is a capital or a big town."""
        spellings = _spellings(text)
        return any(_own_name(p, spellings) and not _division(p) and
                   (p.feature_code == "PPLC" or p.population >= self.small_population)
                   for p in self.g.candidates(text))

    def demonym_country(self, text: str) -> Place | None:
        """The country a demonym points to ("Syrian" → Syria, "Iraqi" → Iraq), if any.

        The index's demonym table first; else a country name the word starts with ("Syrians")."""
        place = self.g.demonym(text) or self.g.demonym(text.rstrip("s"))
        if place is not None:
            return place
        k = key(text)
        for cc in self._country_codes():
            name = self.g.country_name(cc) or ""
            ck = key(name)
            if len(ck) >= 4 and k.startswith(ck) and len(k) - len(ck) <= 3:
                return self.g.country(cc)
        return None

    def _country_codes(self) -> Iterable[str]:
        return self.g.country_codes()

    def __call__(self, mentions: list[PlaceMention], text: str | None = None) -> list[PlaceMention]:
        """Resolve a report's mentions together; `text`, the report's text (where the spans'
        offsets point), shows names coordinated with a division ("Oregon and Washington")."""
        groups: dict[tuple, list[PlaceMention]] = {}
        demonym_cc: set[str] = set()
        for m in mentions:
            if m.role == "demonym":
                country = self.demonym_country(m.span.text)
                if country is None and self.well_known(m.span.text):
                    m.role = "place"  # "Sochi", "Punjab": the model took a place for a nationality
                else:
                    m.place, m.score = country, (0.5 if country else 0.0)
                    m.reason = f"demonym of {country.name}" if country else "demonym, not a place"
                    if country and country.country_code:
                        demonym_cc.add(country.country_code)
                    continue
            groups.setdefault((key(m.span.text), _kind(m.context) or m.context), []).append(m)
        # "Paris, Tenn.", "Jefferson County, Colo.": the name after the comma is a division and
        # the name before it lies in it. The qualified mention is answered on its own ("named
        # after Dublin, Ireland" says nothing of the report's other Dublin); the division it
        # resolves to steers the others as any resolved place does.
        within, qualifier_groups = qualify_groups(mentions, groups, self.g, self.options,
                                                  lambda m: (key(m.span.text), _kind(m.context) or m.context))
        # "Iraqi Kurdistan", "Syrian Golan": a demonym just before a name puts it in that country
        # (its own group, like a qualified name), or leaves it unresolved
        nation = demonym_qualified(mentions, groups, text)
        for g, country in nation.items():
            within[g] = [country]
        group_of = {id(m): g for g, ms in groups.items() for m in ms}
        # a comma list spreads a division reading only among names that are no big towns
        # ("Missouri, New York, North Carolina and Virginia"; not "Kirkuk, Nineveh, Tikrit and Baghdad")
        joined = [(a, b) for a, b in coordinated(mentions, text) if id(a) in group_of and id(b) in group_of]
        pairs = [(group_of[id(a)], group_of[id(b)]) for a, b in joined if not (
            comma_joined(text, a, b) and (self.well_known_town(a.span.text) or self.well_known_town(b.span.text)))]
        local = {g for g, ms in groups.items() if all(m.label in ("PERSON", "ORG") for m in ms)}
        answers: dict[tuple[str, str | None], _Answer] = {}
        anchors: dict[tuple[str, str | None], Place] = {}
        # streets, and countries named only before a noun ("US officials": whose, not where),
        # steer no other name; the latter set the report's countries as demonyms do
        names = {g: ms[0].span.text for g, ms in groups.items()}
        attributes = frozenset(g for g, ms in groups.items() if all(m.reason == ATTRIBUTE for m in ms))
        demonym_cc |= {p.country_code for g in attributes for p in self.g.candidates(names[g])
                       if p.feature_code.startswith("PCL")}
        muted = attributes | frozenset(g for g, ms in groups.items() if street(ms[0].span.text))
        support_opts = support_options(self.options, names)
        support = report_support(support_opts, names, mute=muted)
        weight: dict[tuple, float] = {}
        peers: dict[tuple, frozenset[str]] = {}
        # towns joined by 'and' are neighbours ("Gainesville and Lindsay"): each lies beside the
        # other's answer, if it can
        and_pairs = [(group_of[id(a)], group_of[id(b)]) for a, b in joined if not comma_joined(text, a, b)]
        readings: list[dict[tuple[str, str | None], _Answer]] = []
        for _ in range(PASSES):
            beside = {x: [anchors[y]] for a, b in and_pairs for x, y in ((a, b), (b, a))
                      if y in anchors and anchors[y].feature_class == "P" and x[0] != y[0] and x not in within}
            for g, ms in groups.items():
                others = [p for k, p in anchors.items() if k[0] != g[0]]
                weights = [weight[k] for k in anchors if k[0] != g[0]]
                countries = {p.country_code for p in others} or demonym_cc
                ctx = next((m.context for m in ms if m.context), None)
                a = self.decide(ms[0].span.text, ctx, others, countries, support.get(g), within.get(g) or beside.get(g),
                                g in qualifier_groups or g in peers, weights, peers.get(g, frozenset()), g in local)
                if a.place is None and g in peers and g not in qualifier_groups:
                    # a partner's reading never leaves a name unresolved ("Georgia and Florida")
                    a = self.decide(ms[0].span.text, ctx, others, countries, support.get(g),
                                    within.get(g), False, weights)
                answers[g] = a
            readings.append(dict(answers))
            new_peers = {g: cs | peers.get(g, frozenset()) for g, cs in division_peers(
                self.g, self.well_known_town, pairs, {g: a.place for g, a in answers.items()},
                names).items() if g not in within}
            new_peers = {**peers, **new_peers}
            new = {g: a.place for g, a in answers.items() if a.place is not None and a.score >= 0.6
                   and g not in muted and not _beside(a)
                   and any(m.role in ("place", "embedded", "government") for m in groups[g])}
            if new == anchors and new_peers == peers:
                break
            anchors, peers = new, new_peers
            support = report_support(support_opts, names, mute=muted, placed={
                g: p for g, p in anchors.items() if answers[g].score >= PLACED_SUPPORT})
            # each anchor weighs its score times its mentions: the report's main division
            weight = {g: answers[g].score * len(groups[g]) for g in anchors}
        else:
            # no fixed point: the passes swing between two readings of the report ("Dublin" in
            # Ireland, then in Ohio); the one the report's names fit best stands, not the last
            answers = max(readings[1:], key=lambda r: sum(a.score * len(groups[g]) for g, a in r.items()))
        for g, country in nation.items():
            a = answers[g]
            if a.place is not None and not _inside(a.place, country):
                answers[g] = _Answer(None, 0.0, f"no {groups[g][0].span.text!r} in {country.name}")
        for g, h in named_after(names).items():
            a, b = answers[g], answers[h]
            # a name the gazetteer lacks, or the same town named twice ("Dublin City", "Dublin"; not
            # "Mexico City" beside the country)
            if b.place is not None and (a.place is None or a.reason.startswith("first words") or (
                    b.place.feature_class == "P"
                    and same_place(words(groups[g][0].span.text), words(groups[h][0].span.text)))):
                answers[g] = _Answer(b.place, b.score, f"named after {groups[h][0].span.text!r} in the report")
        for g, ms in groups.items():
            a = answers[g]
            for m in ms:
                m.place, m.score, m.reason = a.place, a.score, a.reason
        return mentions

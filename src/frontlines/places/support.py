"""How a report's names bear on each other before any is resolved: which namesakes of each
name the others support, and which names are another name of the report with more words.

Kept apart from `resolve.py`, which calls them once per report (support once per pass).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..records import Place
from .index import GENERIC_WORDS
from .keys import words
from .relations import close, contains

#: How many of a name's candidates (best first) give and get support, unless they stand alike.
SUPPORT_TOP = 6
#: Words after a town's name that still name the town ("Dublin City", "Groton Town").
SAME_PLACE_WORDS = frozenset({"city", "town", "village"})
#: What a county and a town of it count for in each other's support, beyond a shared state's 1.
COUNTY_PAIR_CREDIT = 2


def same_place(a: list[str], b: list[str]) -> bool:
    """Whether two names (as word lists) are one place named twice ("Dublin", "Dublin City");
    "DeKalb County" beside the town of DeKalb is another place, and evidence for it."""
    short, long_ = sorted((a, b), key=len)
    return bool(short) and long_[:len(short)] == short and set(long_[len(short):]) <= SAME_PLACE_WORDS


def named_after(names: dict[tuple, str]) -> dict[tuple, tuple]:
    """For each name that opens with another name of the report, word for word, that other
    name (the longest): "Cottonport Fire Station" beside "Cottonport", "Hammond Marina" beside
    "Hammond". Where the longer name is no place the gazetteer knows, it lies in the town it is
    named after, which the report names."""
    texts = {g: words(t) for g, t in names.items()}
    out: dict[tuple, tuple] = {}
    for g, ws in texts.items():
        best = None
        for h, hs in texts.items():
            if h != g and 0 < len(hs) < len(ws) and ws[:len(hs)] == hs and (best is None or len(hs) > len(texts[best])):
                best = h
        if best is not None:
            out[g] = best
    return out


def support_candidates(options: Callable[..., Any], text: str, top: int = SUPPORT_TOP) -> list[Place]:
    """The candidates of a name that give and get support: its first `top`, but all of a
    division named in full ("Franklin County"): such namesakes stand alike (no population
    tells them apart), so the first few in the index's order would be an arbitrary few."""
    ps = [o.place for o in options(text, None, set())[0]]
    ws = words(text)
    if len(ws) > 1 and ws[-1] in GENERIC_WORDS and ps and all(p.feature_class == "A" for p in ps):
        return ps
    return ps[:top]


def _counties(opts: dict[tuple, list[Place]], names: dict[tuple, str]) -> set[tuple]:
    """The names that are second-order divisions written in full ("Douglas County")."""
    return {g for g, ps in opts.items() if ps and all(p.feature_code == "ADM2" for p in ps)
            and words(names[g])[-1:] and words(names[g])[-1] in GENERIC_WORDS}


def support_options(options: Callable[..., Any], names: dict[tuple, str],
                    top: int = SUPPORT_TOP) -> dict[tuple, list[Place]]:
    """Each name's candidates that give and get support (`support_candidates`), and besides
    them a town's namesakes inside a namesake of a second-order division the report names in
    full, however far down the town's list they stand: a report that names a county and a
    town of it ("Douglas County", "Alexandria") most likely means that pair, and the 13th
    Alexandria of the index is then as good a reading as the best-known."""
    opts = {g: support_candidates(options, t, top) for g, t in names.items()}
    held = {(p.country_code, p.admin1_code, p.admin2_code) for g in _counties(opts, names)
            for p in opts[g] if p.admin2_code}
    if held:
        for g, ps in opts.items():
            if all(p.feature_class == "A" for p in ps):
                continue
            have = {p.geonameid for p in ps}
            ps += [o.place for o in options(names[g], None, set())[0] if o.place.geonameid not in have
                   and o.place.feature_class == "P"
                   and (o.place.country_code, o.place.admin1_code, o.place.admin2_code) in held]
    return opts


def _county_pair(p: Place, qs: list[Place]) -> bool:
    """Whether `p` is a town of a county among `qs`, or a county holding one of them."""
    return any(q.feature_code == "ADM2" and contains(q, p) or p.feature_code == "ADM2" and contains(p, q)
               for q in qs)


def report_support(opts: dict[tuple, list[Place]], names: dict[tuple, str], mute: frozenset[tuple] = frozenset(),
                   placed: dict[tuple, Place] | None = None) -> dict[tuple, dict[int, float]]:
    """For each name's candidates (`support_options`), the share of the report's other
    names with a candidate close to it: in the same first-order division, one containing the
    other, or within `relations.SUPPORT_KM` (a country supports the places in it). A county
    and a town of it count `COUNTY_PAIR_CREDIT` more (a shared state is common between
    namesakes; a county and its town are a reading of the pair).

    This lets the names of a report choose their namesakes together ("Alexandria" beside
    "Rapides Parish" is the Louisiana town) before any of them is resolved. Names in `mute`
    (streets) get support but give none; a name in `placed` (the report's confident answers,
    on later passes) gives support from its answer alone, not from its namesakes."""
    given = {g: ([placed[g]] if placed and g in placed else ps) for g, ps in opts.items()}
    summary = {g: ({p.country_code for p in ps}, {(p.country_code, p.admin1_code) for p in ps if p.admin1_code})
               for g, ps in given.items()}
    heads = {g: words(t) for g, t in names.items()}
    # a country's or division's name is not its capital's named twice ("Panama", "Panama City")
    divisions = {g for g, ps in opts.items() if any(p.feature_code.startswith("PCL") or p.feature_code == "ADM1"
                                                    for p in ps)}
    counties = _counties(opts, names)
    out: dict[tuple, dict[int, float]] = {}
    for g, ps in opts.items():
        # the same place named twice is no evidence for itself ("Dublin City", "Dublin")
        others = [h for h in opts if h[0] != g[0] and opts[h] and h not in mute
                  and (g in divisions or h in divisions or not same_place(heads[g], heads[h]))]
        if not others or not ps:
            continue
        counts = {}
        for p in ps:
            n = 0
            for h in others:
                ccs, a1s = summary[h]
                if p.country_code not in ccs:
                    continue
                if (p.country_code, p.admin1_code) in a1s or any(close(p, q) for q in given[h]):
                    n += 1
                    if (h in counties or g in counties) and _county_pair(p, given[h]):
                        n += COUNTY_PAIR_CREDIT
            counts[p.geonameid] = n
        # the share of the other names, unless a county pair takes a count past their number:
        # then all are scaled so that the pair stays ahead of a shared state ("Huntsville" beside
        # "Walker County" alone is the Texas town, not the Alabama one)
        total = max(len(others), *counts.values())
        out[g] = {i: n / total for i, n in counts.items()}
    return out

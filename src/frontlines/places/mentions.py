"""How a report's place mentions stand to each other in its text: a division qualifying the
name before it ("Paris, Tenn."), names coordinated by 'and'/'or' ("Oregon and Washington"),
and street names ("Darby Street"), which the resolver keeps from steering the others."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from ..records import Place, PlaceMention
from .gazetteer import Gazetteer
from .keys import key
from .relations import division as _division
from .relations import inside as _inside

#: Last words of a street's name ("Darby Street", "Darling Avenue", "Memphis St."): a street
#: may be placed by the town of its first words, but a town street is named after anywhere, so
#: its namesake town is no evidence of where the report is: it neither steers the other names
#: nor sets the report's area. Not roads: "Morecambe Road" leads to Morecambe.
STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "drive", "dr", "boulevard", "blvd", "lane", "ln",
                          "court", "ct", "place", "pl", "terrace", "circle"})


def qualifiers(mentions: list[PlaceMention]) -> dict[int, PlaceMention]:
    """The qualifier after each qualified mention ("Ripley, Tenn.", "Homs, Syria"), by index
    of the qualified one: the recognizer marks a country or first-order division written after
    a place and a comma with the reason "qualifier"."""
    out: dict[int, PlaceMention] = {}
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].span.start)
    for i, j in pairwise(order):
        a, b = mentions[i], mentions[j]
        if b.reason == "qualifier" and a.role != "demonym" and 1 <= b.span.start - a.span.end <= 2:
            out[i] = b
    return out


def street(text: str) -> bool:
    """Whether a name is a street's: more than one word, the last a street word."""
    ws = text.replace(".", " ").split()
    return len(ws) > 1 and ws[-1].lower() in STREET_WORDS


#: What stands between two coordinated names ("Oregon and Washington", "Iowa or Ohio").
_COORDINATION = re.compile(r"^\s*(?:,\s*)?(?:and|or|&)\s*$")
#: A comma alone between two names: coordination only inside a list that ends in 'and'/'or'
#: ("Missouri, New York, North Carolina and Virginia"); else a qualifier or an apposition.
_LIST_COMMA = re.compile(r"^\s*,\s*$")
#: The longest gap between two coordinated names: ", and " with some spaces to spare.
COORDINATION_GAP = 6


def coordinated(mentions: list[PlaceMention], text: str | None) -> list[tuple[PlaceMention, PlaceMention]]:
    """Pairs of place mentions next to each other joined by 'and' or 'or' in `text`, or by a
    comma in a list of such names that ends in 'and' or 'or'."""
    if not text:
        return []
    order = sorted((m for m in mentions if m.role in ("place", "government")), key=lambda m: m.span.start)
    out: list[tuple[PlaceMention, PlaceMention]] = []
    run: list[tuple[PlaceMention, PlaceMention]] = []  # comma-joined pairs waiting for the list's 'and'
    for a, b in pairwise(order):
        gap = text[a.span.end:b.span.start]
        if 0 < len(gap) <= COORDINATION_GAP and _COORDINATION.match(gap):
            out += run + [(a, b)]
            run = []
        elif 0 < len(gap) <= COORDINATION_GAP and _LIST_COMMA.match(gap):
            run.append((a, b))
        else:
            run = []
    return out


def comma_joined(text: str | None, a: PlaceMention, b: PlaceMention) -> bool:
    """Whether two coordinated mentions stand side by side with only a comma between them."""
    return bool(text) and _LIST_COMMA.match(text[a.span.end:b.span.start]) is not None


def demonym_qualified(mentions: list[PlaceMention], groups: dict[tuple, list[PlaceMention]],
                      text: str | None) -> dict[tuple, Place]:
    """Give each place written right after a demonym of a country ("Iraqi Kurdistan", "Syrian
    Golan") a group of its own in `groups` (changed in place), and return that country per group."""
    if not text:
        return {}
    out: dict[tuple, Place] = {}
    order = sorted(mentions, key=lambda m: m.span.start)
    for d, m in pairwise(order):
        country = d.place
        if d.role != "demonym" or country is None or m.role != "place" or text[d.span.end:m.span.start] != " ":
            continue
        g = next((g for g, ms in groups.items() if m in ms), None)
        if g is not None:
            out[_regroup(groups, g, m, ("in", country.country_code))] = country
    return out


def _regroup(groups: dict[tuple, list[PlaceMention]], old: tuple, m: PlaceMention, suffix: tuple) -> tuple:
    """Move mention `m` from group `old` to a group of its own, `old + suffix` (answered apart
    from the name's other mentions); returns the new group's key."""
    groups[old] = [x for x in groups[old] if x is not m]
    if not groups[old]:
        del groups[old]
    g = old + suffix
    groups.setdefault(g, []).append(m)
    return g


def qualify_groups(mentions: list[PlaceMention], groups: dict[tuple, list[PlaceMention]], gazetteer: Gazetteer,
                   options: Callable[..., Any], group_key: Callable[[PlaceMention], tuple],
                   ) -> tuple[dict[tuple, list[Place]], set[tuple]]:
    """Give each name qualified by a division after a comma ("Paris, Tenn.") a group of its own in
    `groups` (changed in place), and return the divisions each such group lies within and the
    groups the qualifiers themselves fall in (see `Resolver.resolve`)."""
    within: dict[tuple, list[Place]] = {}
    qualifier_groups: set[tuple] = set()
    for i, q in qualifiers(mentions).items():
        m = mentions[i]
        divs = [p for p in gazetteer.candidates(q.span.text) if _division(p)]
        # a qualifier only if the name has a candidate inside it (not "Detroit, Toledo")
        inner = [o for o in options(m.span.text, None, set())[0] if any(_inside(o.place, d) for d in divs)]
        if not inner or key(q.span.text) == key(m.span.text):
            continue
        divs = [d for d in divs if any(_inside(o.place, d) for o in inner)]
        old = group_key(m)
        if m in groups.get(old, []):
            g = _regroup(groups, old, m, (key(q.span.text),))
            within.setdefault(g, []).extend(divs)
        for h, ms in groups.items():
            if q in ms:
                qualifier_groups.add(h)
    return within, qualifier_groups

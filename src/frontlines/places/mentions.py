"""How a report's place mentions stand to each other in its text: a division qualifying the
name before it ("Paris, Tenn."), names coordinated by 'and'/'or' ("Oregon and Washington"),
and street names ("Darby Street"), which the resolver keeps from steering the others."""

from __future__ import annotations

import re
from itertools import pairwise

from ..records import PlaceMention

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
#: The longest gap between two coordinated names: ", and " with some spaces to spare.
COORDINATION_GAP = 6


def coordinated(mentions: list[PlaceMention], text: str | None) -> list[tuple[PlaceMention, PlaceMention]]:
    """Pairs of place mentions next to each other joined by 'and' or 'or' in `text`."""
    if not text:
        return []
    order = sorted((m for m in mentions if m.role in ("place", "government")), key=lambda m: m.span.start)
    return [(a, b) for a, b in pairwise(order)
            if 0 < b.span.start - a.span.end <= COORDINATION_GAP
            and _COORDINATION.match(text[a.span.end:b.span.start])]

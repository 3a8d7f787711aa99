"""Baseline geoparsers run in the same harness as ours, on the same documents.

- "spacy+population": the literature's standard baseline. spaCy's GPE, LOC and FAC entities
  (from the parse the harness shares with our geoparser), each resolved to the gazetteer's
  first candidate for its spelling key. The index orders a key's candidates countries first,
  then first-order divisions, capitals, then places by population (the packaged divisions carry
  no population), so the first candidate is the "most populous GeoNames candidate".
- "geotext": the `geotext` package from PyPI. It finds city, country and nationality names with
  a capitalisation regex and a cities15000 table, but gives neither offsets nor coordinates; the
  spans are found by running its own regex with `finditer` and keeping the matches it keeps
  (cities and countries, not nationalities), and the names are resolved with the same
  first-candidate rule over our gazetteer, so that only recognition differs between the peers.

Each peer maps a text (and, for the spaCy peer, its parsed `Doc`) to `PredictedToponym`s, the
record the harness scores for every system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # the CLI imports this module at start-up; spaCy loads only when used
    from spacy.tokens import Doc

    from ..places import Gazetteer
    from ..records import Place

PEERS = ("spacy+population", "geotext")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(slots=True)
class PredictedToponym:
    """A predicted toponym of any system: its span and the place chosen (None if unresolved)."""

    start: int
    end: int
    text: str
    place: Place | None
    score: float = 1.0


def most_populous(gazetteer: Gazetteer, name: str) -> Place | None:
    """The index's first candidate for `name`: country, first-order division, capital, then most populous."""
    rows = gazetteer.rows(_key(name))
    return gazetteer.place(rows[0]) if rows else None


def _key(name: str) -> str:
    from ..places.keys import key

    return key(name)


def _strip_the(start: int, text: str) -> tuple[int, str]:
    if text.lower().startswith("the "):
        return start + 4, text[4:]
    return start, text


def spacy_population(gazetteer: Gazetteer) -> Callable[[str, Doc], list[PredictedToponym]]:
    """The spaCy NER + most populous candidate peer."""

    def run(text: str, doc: Doc) -> list[PredictedToponym]:
        out = []
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                start, name = _strip_the(ent.start_char, ent.text)
                place = most_populous(gazetteer, name)
                out.append(PredictedToponym(start, ent.end_char, name, place, 1.0 if place else 0.0))
        return out

    return run


def geotext_peer(gazetteer: Gazetteer) -> Callable[[str, Doc | None], list[PredictedToponym]]:
    """The geotext peer (recognition by geotext, resolution by the first-candidate rule)."""
    from geotext import GeoText

    index = GeoText.index
    # The regex of GeoText.__init__ (geotext 0.4), used with finditer to get offsets.
    pattern = re.compile(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*")

    def run(text: str, doc: Doc | None = None) -> list[PredictedToponym]:
        out = []
        for m in pattern.finditer(text):
            name = m.group(0).strip()
            low = name.lower()
            if low in index.countries or low in index.cities:
                place = most_populous(gazetteer, name)
                out.append(PredictedToponym(m.start(), m.start() + len(name), name, place,
                                       1.0 if place else 0.0))
        return out

    return run


def make_peer(name: str, gazetteer: Gazetteer) -> Callable[[str, Doc | None], list[PredictedToponym]]:
    """The peer called `name` (one of `PEERS`)."""
    if name == "spacy+population":
        return spacy_population(gazetteer)
    if name == "geotext":
        return geotext_peer(gazetteer)
    raise ValueError(f"unknown peer {name!r}; choose from {', '.join(PEERS)}")


def needs_parse(name: str) -> bool:
    """Whether the peer reads spaCy's parse (and so shares its time)."""
    return name == "spacy+population"

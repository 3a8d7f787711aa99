"""places stage: recognise place names in a parsed report and resolve them against GeoNames.

`Geoparser(gazetteer)(doc)` returns the report's `PlaceMention`s sorted by start, each
resolved to a `Place` with a score and a reason, or left unresolved with the reason why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads only when a report is parsed, not for `--help`
    from spacy.tokens import Doc


from ..records import PlaceMention
from .cues import SIEGE_OBJECT
from .gazetteer import Gazetteer
from .keys import key
from .recognize import PLACE_LABELS, Recognizer
from .resolve import Resolver, haversine_km

__all__ = ["Gazetteer", "Geoparser", "Recognizer", "Resolver", "haversine_km", "key"]


class Geoparser:
    """Recognise and resolve the places of one spaCy `Doc` (the default gazetteer if none given)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.default()
        self.recognizer = Recognizer(self.gazetteer)
        self.resolver = Resolver(self.gazetteer)

    def __call__(self, doc: Doc) -> list[PlaceMention]:
        mentions = self.recognizer(doc)
        # Names taken for places only because the gazetteer knows them (after a preposition,
        # inside an organisation's name, a bare capitalised name) must also be placed by it;
        # names with a place label, a context word, a dateline, a placed neighbour or a verb of
        # bombardment or siege stay even when the index lacks them ("the Et-Tanf zone"), with the reason.
        vouched = {id(m) for m in mentions if m.role == "demonym" or m.context or m.label in PLACE_LABELS
                   and m.role == "place" or m.reason in ("coordinated", "repeated part", "dateline", SIEGE_OBJECT)}
        demonyms = {id(m) for m in mentions if m.role == "demonym"}
        self.resolver(mentions, doc.text)
        # a demonym the resolver turned into a place ("Sochi") was vouched for as a demonym only
        vouched -= {id(m) for m in mentions if id(m) in demonyms and m.role != "demonym" and not m.context}
        kept = [m for m in mentions if m.place is not None or id(m) in vouched]
        return sorted(kept, key=lambda m: (m.span.start, m.span.end))

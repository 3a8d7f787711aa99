"""Events stage: who did what to whom, where, when, with what toll, and who says so.

An extractor is any callable `(doc, report, place_mentions) -> list[Event]` with a `name`;
implementations are chosen by name (`get_extractor`), so another one (a model served behind
an OpenAI-compatible endpoint, say) can replace the rules and be scored with the same harness.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Protocol


from frontlines.records import Event, PlaceMention, Report

if TYPE_CHECKING:  # spaCy loads only when a report is parsed
    from spacy.language import Language
    from spacy.tokens import Doc


class Extractor(Protocol):
    name: str

    def __call__(self, doc: Doc, report: Report, mentions: list[PlaceMention]) -> list[Event]: ...


def _rules(nlp: Language) -> Extractor:
    from frontlines.events.extract import RuleExtractor

    return RuleExtractor(nlp)


EXTRACTORS: dict[str, Callable[[Language], Extractor]] = {"rules": _rules}


def get_extractor(name: str, nlp: Language) -> Extractor:
    """The extractor registered under `name`; a clear error lists the known names."""
    try:
        return EXTRACTORS[name](nlp)
    except KeyError:
        raise ValueError(f"unknown extractor {name!r}; known: {', '.join(sorted(EXTRACTORS))}") from None

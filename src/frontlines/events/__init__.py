"""Events stage: who did what to whom, where, when, with what toll, and who says so.

An extractor is any callable `(doc, report, place_mentions) -> list[Event]` with a `name`;
implementations are chosen by name (`get_extractor`): "rules" (the default), "chat" (a model
served behind an OpenAI-compatible endpoint, `chat.py`), or any a package declares under the
`frontlines.extractors` entry-point group. Each is scored with the same harness.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Protocol


from frontlines.records import Event, PlaceMention, Report

if TYPE_CHECKING:  # spaCy loads only when a report is parsed
    from spacy.language import Language
    from spacy.tokens import Doc


class ExtractorError(RuntimeError):
    """An extractor could not code a report for a reason the user can act on (a server that does not
    answer, a reply that is not what was asked); the report is logged as a failure with this message."""


class Extractor(Protocol):
    name: str

    def __call__(self, doc: Doc, report: Report, mentions: list[PlaceMention]) -> list[Event]: ...


def _rules(nlp: Language) -> Extractor:
    from frontlines.events.extract import RuleExtractor

    return RuleExtractor(nlp)


def _chat(nlp: Language) -> Extractor:
    from frontlines.events.chat import ChatExtractor

    return ChatExtractor(nlp)


EXTRACTORS: dict[str, Callable[[Language], Extractor]] = {"rules": _rules, "chat": _chat}
ENTRY_POINTS = "frontlines.extractors"  # other packages add extractors under this entry-point group


def _registered() -> dict[str, Callable[[Language], Extractor]]:
    """The built-in extractors and those other installed packages declare as entry points."""
    from importlib.metadata import entry_points

    found = dict(EXTRACTORS)
    for ep in entry_points(group=ENTRY_POINTS):
        found.setdefault(ep.name, ep.load())
    return found


def get_extractor(name: str, nlp: Language) -> Extractor:
    """The extractor registered under `name`; a clear error lists the known names."""
    known = EXTRACTORS if name in EXTRACTORS else _registered()
    if name not in known:
        raise ValueError(f"unknown extractor {name!r}; known: {', '.join(sorted(known))}")
    return known[name](nlp)

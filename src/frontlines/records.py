"""Typed records that travel along the path of a report: ingest → clean → nlp → places → events → store.

Every value that was read from a text keeps the character span it came from (`Span`), so that
exports and the workbench can show the words behind it. Offsets are 0-based, end-exclusive,
into `Report.text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a report's text: `text == report.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Document:
    """One raw input as read from a file, a row or standard input, before cleaning."""

    origin: str  # path, "path:line" for a row, or "-" for standard input
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet
    published: date | None = None
    published_from: str | None = None  # "metadata", "row", "option" or None when unknown


@dataclass(slots=True)
class Report:
    """A cleaned report: the main text and its metadata, keyed by a hash of its content."""

    report_id: str
    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    published_from: str | None = None
    language: str | None = None

    @staticmethod
    def make_id(text: str) -> str:
        """Content hash of the cleaned text, so that re-ingesting the same report adds nothing."""
        return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:20]


@dataclass(slots=True)
class Failure:
    """A report that could not be processed, kept with its reason so that nothing is lost."""

    origin: str
    stage: str  # "ingest", "clean", "nlp", "places", "events", "store"
    reason: str  # one line that says what went wrong and what to do
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer record (GeoNames, or a place learnt from an event dataset)."""

    geonameid: int
    name: str
    feature_class: str  # GeoNames class: A (country, division), P (populated place), L, S, T, H...
    feature_code: str  # PCLI, ADM1, ADM2, PPL, PPLA, PPLC, ...
    country_code: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    population: int = 0
    admin1_code: str | None = None
    admin1_name: str | None = None
    admin2_code: str | None = None
    admin2_name: str | None = None
    country_name: str | None = None
    source: str = "geonames"


@dataclass(slots=True)
class PlaceMention:
    """A place named in a report, resolved to a `Place` with a score, or left unresolved with a reason.

    `role` says how the words are used: "place" (a location), "demonym" ("Syrian soldiers",
    kept as context), or "government" ("Damascus said"). `context` is the context word that
    came with the name ("province", "camp", "zone"), when there was one.
    """

    span: Span
    role: str = "place"
    context: str | None = None
    place: Place | None = None
    score: float = 0.0
    reason: str = ""  # how it was resolved, or why it was not
    label: str | None = None  # the spaCy entity label, if any

    @property
    def resolved(self) -> bool:
        return self.place is not None


@dataclass(slots=True)
class Actor:
    """An actor as written in the report and as normalised by the actor dictionary."""

    text: str
    name: str  # normalised name ("Military Forces of Syria")
    inter: int | None = None  # ACLED actor type, 1..8
    span: Span | None = None
    country_code: str | None = None
    ucdp: str | None = None  # the UCDP side name ("Government of Syria", "IS", "Civilians"), when known


@dataclass(slots=True)
class Toll:
    """A count as UCDP keeps it: low, best and high, with the words it came from."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    who: str | None = None  # "side_a", "side_b", "civilians", "unknown"
    span: Span | None = None


@dataclass(slots=True)
class Equipment:
    """Equipment or vehicles counted in an event ("27 cars with machine guns")."""

    kind: str  # "vehicle", "motorcycle", "tank", "aircraft", "weapon", ...
    count: Toll
    text: str
    span: Span | None = None


@dataclass(slots=True)
class DateRange:
    """When an event happened: a range with a UCDP `date_prec` (1 exact day .. 5 within a year).

    `basis` says where it came from: "text" (a time expression), "report" (no cue in the text,
    the report's publication date), or "unknown" (no cue and no publication date: left open).
    """

    start: date | None = None
    end: date | None = None
    precision: int | None = None
    basis: str = "unknown"
    span: Span | None = None


@dataclass(slots=True)
class Attribution:
    """Who says so: the outlet, and the source it quotes, if any."""

    outlet: str | None = None
    quoted: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class Evidence:
    """The words behind one field of an event."""

    field: str  # "trigger", "actor1", "actor2", "place", "date", "fatalities", "equipment", ...
    span: Span


@dataclass(slots=True)
class Event:
    """One event as a claim of its report, coded in ACLED's taxonomy with UCDP's precision codes."""

    event_id: str
    report_id: str
    event_type: str
    sub_event_type: str
    trigger: Span
    sentence: Span
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actors: list[Actor] = field(default_factory=list)
    place: PlaceMention | None = None
    where_prec: int | None = None  # UCDP, 1 exact .. 7 sea or air
    geo_precision: int | None = None  # ACLED, 1..3
    date: DateRange = field(default_factory=DateRange)
    fatalities: Toll = field(default_factory=Toll)
    tolls: list[Toll] = field(default_factory=list)  # deaths split by side or civilians
    injured: Toll | None = None
    captured: Toll | None = None
    equipment: list[Equipment] = field(default_factory=list)
    modality: str = "happened"  # "happened", "claimed", "planned", "denied", "threatened", "possible"
    attribution: Attribution = field(default_factory=Attribution)
    violence_type: int | None = None  # UCDP type of violence: 1 state-based, 2 non-state, 3 one-sided
    evidence: list[Evidence] = field(default_factory=list)

    @staticmethod
    def make_id(report_id: str, trigger: Span, event_type: str) -> str:
        key = f"{report_id}:{trigger.start}:{trigger.end}:{event_type}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

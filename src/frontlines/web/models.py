"""Request bodies and code labels of the workbench API.

Write bodies are strict pydantic models (unknown keys refused, sizes bounded), so bad input gets a
422 that names the field and says what is wrong. Note bodies take an email that is stored for the
moderators and appears in no response model.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator, model_validator

from frontlines.events.taxonomy import ACLED_TYPES

WHERE_PREC = {
    1: "exact place",
    2: "within about 25 km of a named place",
    3: "second-order division (district)",
    4: "first-order division (province)",
    5: "larger region, or between places",
    6: "country",
    7: "sea or air",
}
"""UCDP `where_prec` codes."""

DATE_PREC = {1: "exact day", 2: "within 2-6 days", 3: "within a week", 4: "within a month", 5: "within a year"}
"""UCDP `date_prec` codes."""

GEO_PRECISION = {1: "the named place itself", 2: "near the named place (part of a region)",
                 3: "a larger region (provincial capital used)"}
"""ACLED `geo_precision` codes."""

TIME_PRECISION = {1: "day", 2: "week", 3: "month or more"}
"""ACLED `time_precision` codes."""

MODALITIES = ("happened", "claimed", "planned", "denied", "threatened", "possible")


def code_labels(row: dict[str, Any]) -> dict[str, str | None]:
    """What each precision code of an event row means, in words."""
    return {
        "where_prec": WHERE_PREC.get(row.get("where_prec") or 0),
        "date_prec": DATE_PREC.get(row.get("date_prec") or 0),
        "geo_precision": GEO_PRECISION.get(row.get("geo_precision") or 0),
        "time_precision": TIME_PRECISION.get(row.get("time_precision") or 0),
    }


class Corrections(BaseModel):
    """Reviewed values for the fields an analyst may correct; omitted fields stay as they are."""

    model_config = ConfigDict(extra="forbid")

    event_type: str | None = None
    sub_event_type: str | None = Field(None, max_length=64)
    actor1: str | None = Field(None, max_length=200)
    actor2: str | None = Field(None, max_length=200)
    event_date: date | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_prec: int | None = Field(None, ge=1, le=5)
    location: str | None = Field(None, max_length=200)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    where_prec: int | None = Field(None, ge=1, le=7)
    fatalities: int | None = Field(None, ge=0, le=1_000_000)
    low: int | None = Field(None, ge=0, le=1_000_000)
    best: int | None = Field(None, ge=0, le=1_000_000)
    high: int | None = Field(None, ge=0, le=1_000_000)
    modality: Literal["happened", "claimed", "planned", "denied", "threatened", "possible"] | None = None
    attribution: str | None = Field(None, max_length=200)

    @field_validator("event_type")
    @classmethod
    def _known_type(cls, value: str | None) -> str | None:
        if value is not None and value not in ACLED_TYPES:
            raise ValueError(f"unknown ACLED event type; use one of: {', '.join(ACLED_TYPES)}")
        return value

    def values(self) -> dict[str, Any]:
        """The fields that were given, JSON-ready (dates as ISO strings)."""
        return self.model_dump(mode="json", exclude_unset=True)


class ReviewIn(BaseModel):
    """An analyst's decision on an event."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "correct", "reject"]
    corrections: Corrections | None = None
    comment: str | None = Field(None, max_length=2000)

    @model_validator(mode="after")
    def _corrections_match_action(self) -> ReviewIn:
        given = self.corrections.values() if self.corrections else {}
        if self.action == "correct" and not given:
            raise ValueError("a correction needs at least one field in 'corrections'")
        if self.action != "correct" and given:
            raise ValueError(f"'{self.action}' takes no corrections; use action 'correct'")
        return self


class NoteIn(BaseModel):
    """A note on a report or one of its events. Name, email and comment are required."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    report_id: str | None = Field(None, max_length=64)
    event_id: str | None = Field(None, max_length=64)
    name: str = Field(min_length=1, max_length=100)
    email: EmailStr = Field(max_length=254)
    comment: str = Field(min_length=1, max_length=5000)

    @model_validator(mode="after")
    def _one_target(self) -> NoteIn:
        if not self.report_id and not self.event_id:
            raise ValueError("say which report or event the note is about (report_id or event_id)")
        return self


class ModerationIn(BaseModel):
    """Hide a note from readers, or show it again."""

    model_config = ConfigDict(extra="forbid")

    hidden: bool

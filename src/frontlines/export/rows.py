"""The one flattening of an event into export columns, and its full nested JSON form.

CSV export, GeoJSON properties, the `extract` command and the database's `events` table all use
`event_row`, so a column means the same thing everywhere. Values are JSON scalars (str, int,
float or None); dates are ISO `YYYY-MM-DD` strings; None means "unknown", never zero.

Column rules (decisions, kept here so the docs and the code cannot drift apart):

- `event_date`: the end of the date range when known, else its start, else empty. ACLED codes
  one day per event; the end of a range is the latest day the report allows.
- `time_precision` (ACLED) from UCDP `date_prec`: 1 → 1 (day), 2-3 → 2 (week), 4-5 → 3 (month
  or more); empty when the date precision is unknown.
- `fatalities`: the UCDP `best` count, else `low` ("more than 20" → 21), else empty. Unknown is
  left empty rather than 0, so that "no deaths reported" and "0 killed" stay different.
- `source`: the report's outlet (falling back to the event's attribution outlet);
  `attribution`: the source the report quotes ("Syrian Ministry of Defence"), if any.
- `location`: the gazetteer name of the resolved place, or the words of the report when the
  place could not be resolved (then `geonameid`, `latitude`, `longitude` are empty).
- `country`, `admin1`, `admin2`: names from the `Place`; a place that is itself a country or a
  first/second-order division fills its own level with its name.
- `side_a`, `side_b`: the UCDP side names of the actors (`events.taxonomy.ucdp_sides`): the
  government first in state-based violence, the perpetrator first and "Civilians" second in
  one-sided violence; empty for actors UCDP does not code as a side (protesters, say).
- `notes`: the sentence the event was read from.
- `equipment`: "27 vehicle; 14 motorcycle"; a count known only as a lower bound reads "21+
  vehicle", a range "10-15 vehicle", an unknown count just "vehicle".
- `evidence`: a compact JSON list of `{field, start, end, text}`.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any

from frontlines.events.taxonomy import ucdp_sides
from frontlines.records import Equipment, Event, Place, PlaceMention, Report, Toll

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
UCDP_COLUMNS: tuple[str, ...] = (
    "where_prec",
    "date_start",
    "date_end",
    "date_prec",
    "low",
    "best",
    "high",
    "type_of_violence",
    "side_a",
    "side_b",
)
OWN_COLUMNS: tuple[str, ...] = (
    "modality",
    "attribution",
    "report_id",
    "geonameid",
    "place_score",
    "date_basis",
    "equipment",
    "evidence",
)
EVENT_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + UCDP_COLUMNS + OWN_COLUMNS
"""Every column of `event_row`, in export order."""

PLACE_COLUMNS: tuple[str, ...] = (
    "start",
    "end",
    "text",
    "geonameid",
    "name",
    "lat",
    "lon",
    "feature_code",
    "country_code",
    "score",
    "role",
    "reason",
)
"""Every column of `place_row`, in export order."""

ASSOC_SEPARATOR = "; "


def time_precision(date_prec: int | None) -> int | None:
    """ACLED `time_precision` (1 day, 2 week, 3 month or more) from UCDP `date_prec` (1..5)."""
    if date_prec is None:
        return None
    if date_prec <= 1:
        return 1
    if date_prec <= 3:
        return 2
    return 3


def fatalities(toll: Toll) -> int | None:
    """The single ACLED number: `best`, else `low`, else None (unknown, not zero)."""
    if toll.best is not None:
        return toll.best
    return toll.low


def equipment_text(items: list[Equipment]) -> str | None:
    """'27 vehicle; 14 motorcycle', or None when the event counts no equipment."""
    if not items:
        return None
    return ASSOC_SEPARATOR.join(_count_text(item.count, item.kind) for item in items)


def _count_text(count: Toll, kind: str) -> str:
    if count.best is not None:
        return f"{count.best} {kind}"
    if count.low is not None and count.high is not None:
        return f"{count.low}-{count.high} {kind}"
    if count.low is not None:
        return f"{count.low}+ {kind}"
    if count.high is not None:
        return f"up to {count.high} {kind}"
    return kind


def evidence_json(event: Event) -> str:
    """The evidence spans as a compact JSON list of `{field, start, end, text}`."""
    items = [
        {"field": ev.field, "start": ev.span.start, "end": ev.span.end, "text": ev.span.text}
        for ev in event.evidence
    ]
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _admin_names(place: Place) -> tuple[str | None, str | None, str | None]:
    """(country, admin1, admin2) names; a division fills its own level with its name."""
    country = place.country_name or place.country_code or None
    admin1, admin2 = place.admin1_name, place.admin2_name
    code = place.feature_code.upper()
    if code.startswith("PCL") and not place.country_name:
        country = place.name
    if code == "ADM1" and not admin1:
        admin1 = place.name
    if code == "ADM2" and not admin2:
        admin2 = place.name
    return country, admin1, admin2


def _place_columns(mention: PlaceMention | None) -> dict[str, Any]:
    columns: dict[str, Any] = dict.fromkeys(
        ("country", "admin1", "admin2", "location", "latitude", "longitude", "geonameid", "place_score")
    )
    if mention is None:
        return columns
    place = mention.place
    if place is None:
        columns["location"] = mention.span.text
        return columns
    country, admin1, admin2 = _admin_names(place)
    columns.update(
        country=country,
        admin1=admin1,
        admin2=admin2,
        location=place.name,
        latitude=place.lat,
        longitude=place.lon,
        geonameid=place.geonameid,
        place_score=mention.score,
    )
    return columns


def event_row(event: Event, report: Report) -> dict[str, Any]:
    """Flatten an event into the export columns (`EVENT_COLUMNS`, in that order)."""
    rng = event.date
    start, end = _iso(rng.start), _iso(rng.end)
    place = _place_columns(event.place)
    a1, a2 = event.actor1, event.actor2
    sides = ucdp_sides(a1, a2, event.violence_type)
    assoc = ASSOC_SEPARATOR.join(a.name for a in event.assoc_actors) or None
    row: dict[str, Any] = {
        "event_id": event.event_id,
        "event_date": end or start,
        "time_precision": time_precision(rng.precision),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": a1.name if a1 else None,
        "assoc_actor_1": assoc,
        "inter1": a1.inter if a1 else None,
        "actor2": a2.name if a2 else None,
        "inter2": a2.inter if a2 else None,
        "country": place["country"],
        "admin1": place["admin1"],
        "admin2": place["admin2"],
        "location": place["location"],
        "latitude": place["latitude"],
        "longitude": place["longitude"],
        "geo_precision": event.geo_precision,
        "source": report.source or event.attribution.outlet,
        "notes": event.sentence.text,
        "fatalities": fatalities(event.fatalities),
        "where_prec": event.where_prec,
        "date_start": start,
        "date_end": end,
        "date_prec": rng.precision,
        "low": event.fatalities.low,
        "best": event.fatalities.best,
        "high": event.fatalities.high,
        "type_of_violence": event.violence_type,
        "side_a": sides[0],
        "side_b": sides[1],
        "modality": event.modality,
        "attribution": event.attribution.quoted,
        "report_id": event.report_id or report.report_id,
        "geonameid": place["geonameid"],
        "place_score": place["place_score"],
        "date_basis": rng.basis,
        "equipment": equipment_text(event.equipment),
        "evidence": evidence_json(event),
    }
    return row


def to_jsonable(value: Any) -> Any:
    """Dataclasses, dates, lists and dicts to plain JSON values (dates as ISO strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def report_record(report: Report) -> dict[str, Any]:
    """The report's metadata (not its text) as it travels with each event record."""
    return {
        "report_id": report.report_id,
        "source": report.source,
        "title": report.title,
        "url": report.url,
        "published": _iso(report.published),
        "published_from": report.published_from,
        "origin": report.origin,
        "language": report.language,
    }


def event_record(event: Event, report: Report) -> dict[str, Any]:
    """The full nested JSON form of an event: every field with its spans, plus its report's metadata.

    Keys follow the `Event` record (actors with text/name/inter/span, place mention with its
    `Place`, date range with basis, tolls, equipment, attribution, evidence); `report` holds the
    metadata of the report that makes the claim.
    """
    record: dict[str, Any] = to_jsonable(event)
    record["report"] = report_record(report)
    return record


def place_row(mention: PlaceMention) -> dict[str, Any]:
    """One place mention as the `geoparse` command prints it (`PLACE_COLUMNS`, in that order)."""
    place = mention.place
    return {
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.span.text,
        "geonameid": place.geonameid if place else None,
        "name": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "feature_code": place.feature_code if place else None,
        "country_code": place.country_code if place else None,
        "score": mention.score,
        "role": mention.role,
        "reason": mention.reason,
    }

"""Filtered, paginated reads of the event store for the workbench API.

One `EventFilters` describes what an analyst asked for (bounding box, dates, type, actor,
source, modality, precision, text, review status); `where` turns it into SQL conditions that
every event endpoint (list, GeoJSON, timeline, facets) shares, so the map, the list and the
timeline always show the same events.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select

from frontlines.export.rows import EVENT_COLUMNS
from frontlines.store import schema
from frontlines.store.annotations import event_reviews

REVIEW_FILTERS = ("unreviewed", "confirmed", "corrected", "rejected")

e = schema.events
r = event_reviews


@dataclass(slots=True)
class BBox:
    """west, south, east, north in degrees (WGS84); west > east crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, value: str) -> BBox:
        """'west,south,east,north' → BBox, or ValueError saying what is wrong."""
        parts = value.split(",")
        if len(parts) != 4:
            raise ValueError("bbox must be four numbers: west,south,east,north")
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError:
            raise ValueError("bbox must be four numbers: west,south,east,north") from None
        if not (-90 <= south <= north <= 90):
            raise ValueError("bbox latitudes must satisfy -90 <= south <= north <= 90")
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise ValueError("bbox longitudes must lie in -180..180")
        return cls(west, south, east, north)


@dataclass(slots=True)
class EventFilters:
    """What to show; empty lists and None mean 'any'."""

    bbox: BBox | None = None
    date_from: date | None = None
    date_to: date | None = None
    types: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)
    max_where_prec: int | None = None
    max_date_prec: int | None = None
    q: str | None = None
    review: list[str] = field(default_factory=list)
    report_id: str | None = None
    located: bool | None = None

    def without_dates(self) -> EventFilters:
        """The same filters over all dates (the timeline shows the whole range it brushes)."""
        copy = EventFilters(**{name: getattr(self, name) for name in self.__slots__})  # type: ignore[attr-defined]
        copy.date_from = copy.date_to = None
        return copy


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its % and _ taken literally (escape character: backslash)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where(f: EventFilters, dialect: str = "default") -> list[ColumnElement[bool]]:
    """SQL conditions on `events` (joined to `event_reviews` when filtering by review) for the filters.

    Text search uses LIKE on SQLite (already case-insensitive for ASCII, and much cheaper than
    lower() on every column) and ILIKE elsewhere.
    """
    cond: list[ColumnElement[bool]] = []
    if f.bbox is not None:
        b = f.bbox
        cond.append(e.c.latitude.between(b.south, b.north))
        if b.west <= b.east:
            cond.append(e.c.longitude.between(b.west, b.east))
        else:
            cond.append(or_(e.c.longitude >= b.west, e.c.longitude <= b.east))
    if f.date_from is not None:
        cond.append(e.c.event_date >= f.date_from)
    if f.date_to is not None:
        cond.append(e.c.event_date <= f.date_to)
    if f.types:
        cond.append(e.c.event_type.in_(f.types))
    if f.actors:
        cond.append(or_(e.c.actor1.in_(f.actors), e.c.actor2.in_(f.actors)))
    if f.sources:
        cond.append(e.c.source.in_(f.sources))
    if f.modalities:
        cond.append(e.c.modality.in_(f.modalities))
    if f.max_where_prec is not None:
        cond.append(e.c.where_prec <= f.max_where_prec)
    if f.max_date_prec is not None:
        cond.append(e.c.date_prec <= f.max_date_prec)
    if f.q:
        pattern = like_pattern(f.q)
        columns = [e.c[name] for name in ("notes", "location", "actor1", "actor2", "attribution")]
        if dialect == "sqlite":
            cond.append(or_(*(c.like(pattern, escape="\\") for c in columns)))
        else:
            cond.append(or_(*(c.ilike(pattern, escape="\\") for c in columns)))
    if f.review:
        status = [s for s in f.review if s != "unreviewed"]
        parts: list[ColumnElement[bool]] = [r.c.status.in_(status)] if status else []
        if "unreviewed" in f.review:
            parts.append(r.c.status.is_(None))
        cond.append(or_(*parts))
    if f.report_id:
        cond.append(e.c.report_id == f.report_id)
    if f.located is True:
        cond.append(and_(e.c.latitude.is_not(None), e.c.longitude.is_not(None)))
    elif f.located is False:
        cond.append(or_(e.c.latitude.is_(None), e.c.longitude.is_(None)))
    return cond


def _base(conn: Connection, columns: list[Any], f: EventFilters, reviews: bool = False) -> Select[Any]:
    """SELECT columns FROM events [LEFT JOIN event_reviews] WHERE the filters (joined only when needed)."""
    source = e.outerjoin(r, r.c.event_id == e.c.event_id) if reviews or f.review else e
    return select(*columns).select_from(source).where(*where(f, conn.dialect.name))


ROW_COLUMNS = [e.c[name] for name in EVENT_COLUMNS]
REVIEW_COLUMNS = [r.c.status.label("review_status"), r.c.reviewer.label("reviewed_by"),
                  r.c.updated.label("reviewed_at"), r.c.reviewed_values]


def page(conn: Connection, f: EventFilters, number: int, size: int) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, the rows of page `number` (1-based) of `size`), newest event first."""
    total = conn.execute(_base(conn, [func.count()], f)).scalar_one()
    # Page the ids first (an index-only scan), then read the wide rows of that page alone.
    ids = (_base(conn, [e.c.event_id], f).order_by(e.c.event_date.desc().nulls_last(), e.c.event_id)
           .limit(size).offset((number - 1) * size))
    query = (select(*ROW_COLUMNS, *REVIEW_COLUMNS).select_from(e.outerjoin(r, r.c.event_id == e.c.event_id))
             .where(e.c.event_id.in_(ids)).order_by(e.c.event_date.desc().nulls_last(), e.c.event_id))
    return int(total), [plain(dict(row)) for row in conn.execute(query).mappings()]


def rows(conn: Connection, f: EventFilters, limit: int) -> list[dict[str, Any]]:
    """Up to `limit` matching rows with their review columns, newest first (the map)."""
    return list(iter_rows(conn, f, limit))


def iter_rows(conn: Connection, f: EventFilters, limit: int, record: bool = False,
              batch: int = 1000) -> Iterator[dict[str, Any]]:
    """`rows` read from the database `batch` at a time as the caller goes (exports of up to a
    million rows hold one batch in memory); with `record`, each row also has its nested record."""
    columns = ROW_COLUMNS + REVIEW_COLUMNS + ([e.c.record] if record else [])
    query = (_base(conn, columns, f, reviews=True)
             .order_by(e.c.event_date.desc().nulls_last(), e.c.event_id).limit(limit))
    for row in conn.execution_options(yield_per=batch).execute(query).mappings():
        yield plain(dict(row))


def one(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """One event's row, its nested record and review columns, or None."""
    query = (select(*ROW_COLUMNS, *REVIEW_COLUMNS, e.c.record)
             .select_from(e.outerjoin(r, r.c.event_id == e.c.event_id)).where(e.c.event_id == event_id))
    row = conn.execute(query).mappings().first()
    return plain(dict(row)) if row is not None else None


def timeline(conn: Connection, f: EventFilters) -> list[dict[str, Any]]:
    """Events per day (by `event_date`) for the filters; undated events are left out."""
    day = e.c.event_date
    query = _base(conn, [day, func.count()], f).where(day.is_not(None)).group_by(day).order_by(day)
    return [{"day": d.isoformat(), "count": int(n)} for d, n in conn.execute(query)]


def facets(conn: Connection, f: EventFilters, limit: int = 200) -> dict[str, list[dict[str, Any]]]:
    """The values each filter can take, with counts under the *other* filters (a facet's own filter
    is lifted, so choosing one type still shows what the other types hold), most frequent first."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, column, lifted in (("type", e.c.event_type, {"types": []}), ("source", e.c.source, {"sources": []}),
                                 ("modality", e.c.modality, {"modalities": []}),
                                 ("where_prec", e.c.where_prec, {"max_where_prec": None}),
                                 ("date_prec", e.c.date_prec, {"max_date_prec": None})):
        query = (_base(conn, [column, func.count()], replace(f, **lifted)).where(column.is_not(None))
                 .group_by(column).order_by(func.count().desc(), column).limit(limit))
        out[name] = [{"value": v, "count": int(n)} for v, n in conn.execute(query)]
    counts: dict[str, int] = {}
    for column in (e.c.actor1, e.c.actor2):
        query = _base(conn, [column, func.count()], replace(f, actors=[])).where(column.is_not(None)).group_by(column)
        for value, n in conn.execute(query):
            counts[value] = counts.get(value, 0) + int(n)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    out["actor"] = [{"value": v, "count": n} for v, n in ranked]
    return out


def plain(row: dict[str, Any]) -> dict[str, Any]:
    """Dates and datetimes as ISO strings, so a row is JSON as it stands."""
    for key, value in row.items():
        if hasattr(value, "isoformat"):
            row[key] = value.isoformat()
    return row

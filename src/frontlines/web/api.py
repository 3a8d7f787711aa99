"""Read-only REST API: reports with their spans, filtered events (JSON, GeoJSON, CSV, JSONL),
timeline, facets, places, runs and failures. Open to every client the server lets in."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import asdict
from datetime import date
from itertools import islice
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.background import BackgroundTask
from sqlalchemy import Connection, func, select

from frontlines.export import REVIEWED_EVENT_COLUMNS, reviewed_row, write_csv, write_jsonl
from frontlines.export.writers import feature
from frontlines.store import Annotations, Database, schema
from frontlines.web import queries
from frontlines.web.models import MODALITIES, code_labels
from frontlines.web.queries import REVIEW_FILTERS, BBox, EventFilters

router = APIRouter(prefix="/api")


def database(request: Request) -> Database:
    return request.app.state.db


def connection(db: Annotated[Database, Depends(database)]) -> Iterator[Connection]:
    with db._connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]


def event_filters(
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    date_from: Annotated[date | None, Query(description="first event_date, YYYY-MM-DD")] = None,
    date_to: Annotated[date | None, Query(description="last event_date, YYYY-MM-DD")] = None,
    type: Annotated[list[str], Query(description="ACLED event type; repeat for several")] = [],  # noqa: B006
    actor: Annotated[list[str], Query(description="actor1 or actor2 (normalised name)")] = [],  # noqa: B006
    source: Annotated[list[str], Query(description="outlet")] = [],  # noqa: B006
    modality: Annotated[list[str], Query(description=", ".join(MODALITIES))] = [],  # noqa: B006
    where_prec: Annotated[int | None, Query(ge=1, le=7, description="at most this UCDP where_prec")] = None,
    date_prec: Annotated[int | None, Query(ge=1, le=5, description="at most this UCDP date_prec")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the sentence, place, actors or quoted source")] = None,
    review: Annotated[list[str], Query(description=", ".join(REVIEW_FILTERS))] = [],  # noqa: B006
    report_id: Annotated[str | None, Query(max_length=64)] = None,
    located: Annotated[bool | None, Query(description="only events with (true) or without (false) coordinates")] = None,
) -> EventFilters:
    """The filters of an event query, checked: a bad value is a 422 that says what to write."""
    box = None
    if bbox:
        try:
            box = BBox.parse(bbox)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
    bad_modality = sorted(set(modality) - set(MODALITIES))
    if bad_modality:
        raise HTTPException(422, f"unknown modality {', '.join(bad_modality)}; use {', '.join(MODALITIES)}")
    bad_review = sorted(set(review) - set(REVIEW_FILTERS))
    if bad_review:
        raise HTTPException(422, f"unknown review status {', '.join(bad_review)}; use {', '.join(REVIEW_FILTERS)}")
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, "date_from is after date_to")
    return EventFilters(box, date_from, date_to, type, actor, source, modality, where_prec, date_prec,
                        (q or "").strip() or None, review, report_id, located)


Filters = Annotated[EventFilters, Depends(event_filters)]


@router.get("/events", summary="Events, filtered and paginated (newest first)")
def list_events(conn: Conn, filters: Filters,
                page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                per_page: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    total, items = queries.page(conn, filters, page, per_page)
    return {"total": total, "page": page, "per_page": per_page, "items": items}


@router.get("/events.geojson", summary="Events as a GeoJSON FeatureCollection (export columns as properties)")
def events_geojson(conn: Conn, filters: Filters,
                   limit: Annotated[int, Query(ge=1, le=100_000)] = 20_000) -> JSONResponse:
    filters.located = True
    rows = queries.rows(conn, filters, limit)
    features = [feature(_export(row)) for row in rows]
    return JSONResponse({"type": "FeatureCollection", "features": features},
                        media_type="application/geo+json")


@router.get("/events.csv", summary="Events as CSV: machine values, then review_status, reviewed_by, reviewed_at, reviewed_values")
def events_csv(db: Annotated[Database, Depends(database)], filters: Filters,
               limit: Annotated[int, Query(ge=1, le=1_000_000)] = 1_000_000) -> StreamingResponse:
    def write(rows: list[dict[str, Any]], out: io.StringIO, first: bool) -> None:
        write_csv((_export(row) for row in rows), out, REVIEWED_EVENT_COLUMNS, header=first)

    return _streamed(db, filters, limit, write, media_type="text/csv; charset=utf-8",
                     headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/events.jsonl", summary="Events as JSON Lines: full records with a 'review' object")
def events_jsonl(db: Annotated[Database, Depends(database)], filters: Filters,
                 limit: Annotated[int, Query(ge=1, le=1_000_000)] = 1_000_000) -> StreamingResponse:
    def write(rows: list[dict[str, Any]], out: io.StringIO, first: bool) -> None:
        write_jsonl((_record_with_review(row) for row in rows), out)

    return _streamed(db, filters, limit, write, record=True, media_type="application/x-ndjson")


EXPORT_CHUNK = 1000  # rows per piece of a streamed export


def _streamed(db: Database, filters: EventFilters, limit: int,
              write: Callable[[list[dict[str, Any]], io.StringIO, bool], None], record: bool = False,
              **response: Any) -> StreamingResponse:
    """An export body, `EXPORT_CHUNK` rows at a time, read on a connection of its own (the
    request's connection is closed before a streamed body is sent).

    The first piece is read before the response starts, so a query that fails gives an error
    status rather than a truncated body. The connection is closed by the response's background
    task once the body is sent; where the server reports a client's disconnect as an error
    (ASGI 2.4) and skips that task, by the body's own `finally` when the generator is closed.
    """
    stack = ExitStack()
    try:
        conn = stack.enter_context(db._connect())
        rows = queries.iter_rows(conn, filters, limit, record=record, batch=EXPORT_CHUNK)
        chunk = list(islice(rows, EXPORT_CHUNK))
        out = io.StringIO()
        write(chunk, out, True)
    except BaseException:
        stack.close()
        raise

    def body(chunk: list[dict[str, Any]], head: str) -> Iterator[str]:
        try:
            yield head
            while len(chunk) == EXPORT_CHUNK:
                chunk = list(islice(rows, EXPORT_CHUNK))
                if chunk:
                    piece = io.StringIO()
                    write(chunk, piece, False)
                    yield piece.getvalue()
        finally:  # also when the server drops the body after a disconnect and the generator is closed
            stack.close()

    pieces = body(chunk, out.getvalue())

    def close() -> None:
        pieces.close()
        stack.close()

    return StreamingResponse(pieces, background=BackgroundTask(close), **response)


@router.get("/events/timeline", summary="Events per day under the filters")
def events_timeline(conn: Conn, filters: Filters) -> list[dict[str, Any]]:
    return queries.timeline(conn, filters)


@router.get("/facets", summary="Values each filter can take, with counts")
def facets(conn: Conn, filters: Filters) -> dict[str, Any]:
    out: dict[str, Any] = queries.facets(conn, filters)
    e = schema.events
    first, last = conn.execute(select(func.min(e.c.event_date), func.max(e.c.event_date))).one()
    out["dates"] = {"first": first.isoformat() if first else None, "last": last.isoformat() if last else None}
    return out


@router.get("/events/{event_id}", summary="One event: fields, precision codes in words, record, evidence, review")
def get_event(event_id: str, conn: Conn, db: Annotated[Database, Depends(database)]) -> dict[str, Any]:
    row = queries.one(conn, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id!r}")
    record = _public_record(row.pop("record"))
    notes = Annotations(db)
    return {
        "event": {k: v for k, v in row.items() if k != "reviewed_values"},
        "codes": code_labels(row),
        "record": record,
        "evidence": json.loads(row["evidence"] or "[]"),
        "review": {"status": row["review_status"], "reviewed_by": row["reviewed_by"],
                   "reviewed_at": row["reviewed_at"], "reviewed_values": row["reviewed_values"] or {},
                   "history": [_dict(h) for h in notes.history(event_id)]},
        "notes": [_dict(n) for n in notes.notes(event_id=event_id)],
    }


@router.get("/reports", summary="Reports, newest first, with their event counts")
def list_reports(conn: Conn, page: Annotated[int, Query(ge=1)] = 1,
                 per_page: Annotated[int, Query(ge=1, le=500)] = 50,
                 q: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    r, s, e = schema.reports, schema.sources, schema.events
    n_events = select(func.count()).where(e.c.report_id == r.c.report_id).scalar_subquery()
    base = select(r.c.report_id).select_from(r)
    if q:
        pattern = queries.like_pattern(q)
        base = base.where(r.c.title.ilike(pattern, escape="\\") | r.c.text.ilike(pattern, escape="\\"))
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    query = (select(r.c.report_id, r.c.title, r.c.url, r.c.published, r.c.origin, s.c.name.label("source"),
                    n_events.label("events"))
             .select_from(r.outerjoin(s, r.c.source_id == s.c.id))
             .where(r.c.report_id.in_(base)).order_by(r.c.published.desc().nulls_last(), r.c.report_id)
             .limit(per_page).offset((page - 1) * per_page))
    items = [queries.plain(dict(row)) for row in conn.execute(query).mappings()]
    for item in items:
        item["origin"] = public_origin(item["origin"])
    return {"total": total, "page": page, "per_page": per_page, "items": items}


@router.get("/reports/{report_id}", summary="One report: text, metadata, highlighted spans, place mentions, events, notes")
def get_report(report_id: str, conn: Conn, db: Annotated[Database, Depends(database)]) -> dict[str, Any]:
    report = db.report(report_id)
    if report is None:
        raise HTTPException(404, f"no report {report_id!r}")
    pm, p, e = schema.place_mentions, schema.places, schema.events
    mentions = [queries.plain(dict(m)) for m in conn.execute(
        select(pm.c.start, pm.c.end, pm.c.text, pm.c.role, pm.c.context, pm.c.geonameid, pm.c.score, pm.c.reason,
               p.c.name, p.c.lat, p.c.lon, p.c.feature_code, p.c.country_code)
        .select_from(pm.outerjoin(p, pm.c.geonameid == p.c.geonameid))
        .where(pm.c.report_id == report_id).order_by(pm.c.start)).mappings()]
    records = [row.record for row in conn.execute(
        select(e.c.record).where(e.c.report_id == report_id).order_by(e.c.trigger_start))]
    return {
        "report": {"report_id": report.report_id, "title": report.title, "url": report.url,
                   "source": report.source, "published": report.published.isoformat() if report.published else None,
                   "origin": public_origin(report.origin), "language": report.language},
        "text": report.text,
        "spans": report_spans(mentions, records),
        "places": mentions,
        "events": [{"event_id": rec["event_id"], "event_type": rec["event_type"],
                    "sub_event_type": rec["sub_event_type"], "trigger": rec["trigger"], "sentence": rec["sentence"]}
                   for rec in records],
        "notes": [_dict(n) for n in Annotations(db).notes(report_id=report_id)],
    }


@router.get("/places", summary="Resolved places with how many events and mentions name them")
def list_places(conn: Conn, q: Annotated[str | None, Query(max_length=200)] = None,
                limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> list[dict[str, Any]]:
    p, e, pm = schema.places, schema.events, schema.place_mentions
    n_events = select(func.count()).where(e.c.geonameid == p.c.geonameid).scalar_subquery()
    n_mentions = select(func.count()).where(pm.c.geonameid == p.c.geonameid).scalar_subquery()
    query = select(p, n_events.label("events"), n_mentions.label("mentions")).order_by(n_events.desc(), p.c.name)
    if q:
        query = query.where(p.c.name.ilike(queries.like_pattern(q), escape="\\"))
    return [dict(row) for row in conn.execute(query.limit(limit)).mappings()]


@router.get("/runs", summary="Pipeline runs, oldest first (input paths as file names)")
def list_runs(db: Annotated[Database, Depends(database)]) -> list[dict[str, Any]]:
    runs = db.runs()
    for run in runs:
        args = run.get("args") or {}
        if isinstance(args.get("paths"), list):
            args["paths"] = [public_origin(str(p)) for p in args["paths"]]
    return runs


@router.get("/failures", summary="Reports that could not be processed, with the reason")
def list_failures(db: Annotated[Database, Depends(database)],
                  run_id: Annotated[int | None, Query(ge=1)] = None) -> list[dict[str, Any]]:
    failures = db.failures(run_id)
    for failure in failures:
        failure["origin"] = public_origin(failure["origin"])
    return failures


def public_origin(origin: str | None) -> str | None:
    """Where a report came from as the page shows it: a URL as it is, a file by its name (and row),
    never the folders of the machine that ran the pipeline; the CLI and exports keep the full path."""
    if not origin or origin == "-" or ("://" in origin and not origin.startswith("file:")):
        return origin
    path = origin.removeprefix("file://")
    return (PureWindowsPath(path) if "\\" in path else PurePosixPath(path)).name or origin


def report_spans(mentions: list[dict[str, Any]], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Places, actors, numbers, dates and quoted sources of a report as `{start, end, kind, label}`, by position."""
    found: dict[tuple[int, int, str], dict[str, Any]] = {}

    def add(span: dict[str, Any] | None, kind: str, label: str | None) -> None:
        if span and span.get("start") is not None:
            found.setdefault((span["start"], span["end"], kind),
                             {"start": span["start"], "end": span["end"], "kind": kind, "label": label})

    for m in mentions:
        if m["role"] == "place":
            add(m, "place", m.get("name") or "unresolved")
    for rec in records:
        for key in ("actor1", "actor2"):
            if rec.get(key):
                add(rec[key].get("span"), "actor", rec[key].get("name"))
        for actor in rec.get("assoc_actors") or []:
            add(actor.get("span"), "actor", actor.get("name"))
        for toll in [rec.get("fatalities"), rec.get("injured"), rec.get("captured"), *(rec.get("tolls") or [])]:
            if toll:
                add(toll.get("span"), "number", _toll_label(toll))
        for item in rec.get("equipment") or []:
            add(item.get("span"), "number", f"{_toll_label(item['count'])} {item['kind']}")
        add((rec.get("date") or {}).get("span"), "date",
            f"{rec['date'].get('start') or '?'} – {rec['date'].get('end') or '?'}")
        add((rec.get("attribution") or {}).get("span"), "source", (rec.get("attribution") or {}).get("quoted"))
    return sorted(found.values(), key=lambda s: (s["start"], -s["end"]))


def _toll_label(toll: dict[str, Any]) -> str:
    low, best, high = toll.get("low"), toll.get("best"), toll.get("high")
    if best is not None:
        return str(best)
    if low is not None and high is not None:
        return f"{low}-{high}"
    if low is not None:
        return f"{low}+"
    return f"up to {high}" if high is not None else "?"


def _export(row: dict[str, Any]) -> dict[str, Any]:
    return reviewed_row(row, row.get("review_status"), row.get("reviewed_by"), row.get("reviewed_at"),
                        row.get("reviewed_values"))


def _public_record(record: dict[str, Any] | None) -> dict[str, Any]:
    """A stored record as the page shows it: its report's origin by file name (see `public_origin`)."""
    record = dict(record or {})
    if isinstance(record.get("report"), dict):
        record["report"] = {**record["report"], "origin": public_origin(record["report"].get("origin"))}
    return record


def _record_with_review(row: dict[str, Any]) -> dict[str, Any]:
    record = _public_record(row.get("record"))
    record["review"] = {"status": row.get("review_status"), "reviewed_by": row.get("reviewed_by"),
                        "reviewed_at": row.get("reviewed_at"), "reviewed_values": row.get("reviewed_values") or {}}
    return record


def _dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)

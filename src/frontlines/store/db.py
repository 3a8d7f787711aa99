"""The event store: one `Database` over any SQLAlchemy URL, SQLite by default.

Opening a database upgrades it to the newest schema (alembic, run from code: users need no
alembic.ini). Reports are keyed by content hash, so saving a report twice adds nothing; each
report is saved with its place mentions, events and evidence in one transaction. Failures are a
per-run log: the same failure in a later run is recorded again, in that run.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, Table, create_engine, event, func, insert, select, text, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError

from frontlines.export.rows import EVENT_COLUMNS, event_record, event_row
from frontlines.records import Event, Failure, Place, PlaceMention, Report
from frontlines.store import schema
from frontlines.store.schema import DATE_COLUMNS

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: PostgreSQL advisory lock key held while migrating, so that processes opening a new database
#: together migrate it once ("frontlines" as a number).
MIGRATION_LOCK = int.from_bytes(b"frontlin", "big") >> 1

URL_HELP = (
    "Give a SQLAlchemy URL such as sqlite:///frontlines.db (a file in the working directory), "
    "sqlite:////abs/path/events.db or postgresql+psycopg://user:password@host/dbname "
    "(--db option or FRONTLINES_DB)."
)


WRITE_OPTION = "frontlines_sqlite_begin"


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message says what to do."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    """WAL lets readers (exports, the workbench) run while a pipeline writes; SQLite needs FKs switched on.

    The driver's own transaction handling is switched off so that `_sqlite_begin` decides how
    a transaction starts (and DDL in migrations is transactional too).
    """
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE for writes (take the write lock first, so that concurrent writers wait
    instead of failing on a stale read); plain BEGIN for reads."""
    mode = conn.get_execution_options().get(WRITE_OPTION, "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _make_engine(url: str) -> Engine:
    """An engine for `url`, or a StoreError saying what is wrong with the URL or the driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"Invalid database URL {url!r}: {exc}. {URL_HELP}") from exc
    try:
        engine = create_engine(parsed, json_serializer=_json)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"No database driver for {parsed.drivername!r} ({exc}). Install the driver "
            f"(e.g. `pip install psycopg` for PostgreSQL) or use SQLite. {URL_HELP}"
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _to_db(row: dict[str, Any]) -> dict[str, Any]:
    """An export row as stored: ISO dates become DATE values."""
    out = dict(row)
    for name in DATE_COLUMNS:
        if out.get(name) is not None:
            out[name] = date.fromisoformat(out[name])
    return out


def _from_db(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event as an export row, in `EVENT_COLUMNS` order with ISO dates."""
    out = {name: row[name] for name in EVENT_COLUMNS}
    for name in DATE_COLUMNS:
        if isinstance(out[name], date):
            out[name] = out[name].isoformat()
    return out


def _place_values(place: Place) -> dict[str, Any]:
    return {
        "geonameid": place.geonameid,
        "name": place.name,
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "country_code": place.country_code,
        "country_name": place.country_name,
        "admin1_code": place.admin1_code,
        "admin1_name": place.admin1_name,
        "admin2_code": place.admin2_code,
        "admin2_name": place.admin2_name,
        "lat": place.lat,
        "lon": place.lon,
        "population": place.population,
        "source": place.source,
    }


def _mention_values(report_id: str, mention: PlaceMention) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.span.text,
        "role": mention.role,
        "context": mention.context,
        "label": mention.label,
        "geonameid": mention.place.geonameid if mention.place else None,
        "score": mention.score,
        "reason": mention.reason,
    }


@contextmanager
def foreign_keys_off(conn: Connection) -> Iterator[None]:
    """On SQLite, batch mode rebuilds a table by dropping it; with foreign keys on, that drop would
    cascade into the rows that refer to it (reviews, notes, evidence). Off for the migration only,
    then checked. The pragma must be set outside a transaction, on the driver's connection."""
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.driver_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StoreError(f"the migration left {len(broken)} rows whose references are broken ({broken[:3]}); "
                             "restore the database from a copy and report this")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


class Database:
    """The event store at a SQLAlchemy URL; opening it upgrades its schema to the newest revision."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _make_engine(url)
        self.migrate()

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Release the connections (the file stays as it is)."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _alembic_config(self, connection: Connection | None = None) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
        cfg.attributes["connection"] = connection
        return cfg

    def revision(self) -> str | None:
        """The schema revision the database is at (None before the first migration)."""
        with self._connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def migrate(self) -> None:
        """Upgrade the database to the newest schema revision; does nothing when it is there already."""
        head = ScriptDirectory.from_config(self._alembic_config()).get_current_head()
        if self.revision() == head:
            return
        try:
            with self._connect() as conn, foreign_keys_off(conn):
                conn.execution_options(**{WRITE_OPTION: "IMMEDIATE"})
                with conn.begin():
                    if conn.dialect.name == "postgresql":  # SQLite's IMMEDIATE has locked already
                        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                    # Checked again under the write lock: another process may have just migrated it.
                    if MigrationContext.configure(conn).get_current_revision() != head:
                        command.upgrade(self._alembic_config(conn), "head")
        except CommandError as exc:
            raise StoreError(
                f"Cannot upgrade the database at {self._safe_url()}: {exc}. It may have been "
                "written by a newer frontlines; upgrade frontlines, or use another database."
            ) from exc

    def _safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A connection in a write transaction (on SQLite, holding the write lock from the start)."""
        with self._connect() as conn:
            conn.execution_options(**{WRITE_OPTION: "IMMEDIATE"})
            with conn.begin():
                yield conn

    def _connect(self) -> Connection:
        try:
            return self.engine.connect()
        except (OperationalError, sqlite3.OperationalError) as exc:
            raise StoreError(
                f"Cannot open the database at {self._safe_url()}: {getattr(exc, 'orig', exc)}. "
                "For SQLite check that the folder exists and is writable; for a server check that "
                f"it is running and that host, user and password are right. {URL_HELP}"
            ) from exc

    # -- runs and failures -------------------------------------------------------------------

    def start_run(self, args: dict[str, Any]) -> int:
        """Record the start of a pipeline run with its arguments; returns the run id."""
        with self._writing() as conn:
            result = conn.execute(
                insert(schema.runs).values(started=_now(), args=args, status="running")
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(self, run_id: int, counts: dict[str, Any], status: str) -> None:
        """Record the end of a run: its counts and status ("ok", "failed", "interrupted"...)."""
        with self._writing() as conn:
            result = conn.execute(
                update(schema.runs)
                .where(schema.runs.c.id == run_id)
                .values(finished=_now(), counts=counts, status=status)
            )
            if result.rowcount == 0:
                raise ValueError(f"No run {run_id} in {self._safe_url()}; start it with start_run().")

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first, with its arguments, counts and status."""
        with self._connect() as conn:
            rows = conn.execute(select(schema.runs).order_by(schema.runs.c.id)).mappings()
            return [_isoformat_times(dict(r), ("started", "finished")) for r in rows]

    def save_failure(self, failure: Failure, run_id: int) -> bool:
        """Log a failure in a run; the same origin, stage and reason is logged once per run.

        Returns False when that run already holds the failure.
        """
        f = schema.failures
        with self._writing() as conn:
            seen = conn.execute(
                select(f.c.id).where(
                    f.c.run_id == run_id,
                    f.c.origin == failure.origin,
                    f.c.stage == failure.stage,
                    f.c.reason == failure.reason,
                )
            ).first()
            if seen is not None:
                return False
            conn.execute(
                insert(f).values(
                    run_id=run_id,
                    origin=failure.origin,
                    stage=failure.stage,
                    reason=failure.reason,
                    detail=failure.detail,
                    created=_now(),
                )
            )
        return True

    def failures(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Logged failures (of one run, or all), oldest first; `created` as an ISO string."""
        f = schema.failures
        query = select(f).order_by(f.c.id)
        if run_id is not None:
            query = query.where(f.c.run_id == run_id)
        with self._connect() as conn:
            return [_isoformat_times(dict(r), ("created",)) for r in conn.execute(query).mappings()]

    # -- reports -----------------------------------------------------------------------------

    def has_report(self, report_id: str) -> bool:
        """Whether a report with this content hash is stored."""
        with self._connect() as conn:
            return _has_report(conn, report_id)

    def report(self, report_id: str) -> Report | None:
        """The stored report, or None."""
        r, s = schema.reports, schema.sources
        query = (
            select(r, s.c.name.label("source_name"))
            .select_from(r.outerjoin(s, r.c.source_id == s.c.id))
            .where(r.c.report_id == report_id)
        )
        with self._connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            return None
        return Report(
            report_id=row["report_id"],
            text=row["text"],
            origin=row["origin"],
            title=row["title"],
            url=row["url"],
            source=row["source_name"],
            published=row["published"],
            published_from=row["published_from"],
            language=row["language"],
        )

    def save(
        self, report: Report, mentions: Sequence[PlaceMention], events: Sequence[Event], run_id: int
    ) -> bool:
        """Store a report with its place mentions, events and evidence, all or nothing.

        Returns False and adds nothing when the report is stored already (re-runs are
        idempotent). Raises ValueError when two events share an event_id, or when the report
        holds a NUL character.
        """
        _check_storable(report)
        _check_unique_events(events)
        try:
            with self._writing() as conn:
                if _has_report(conn, report.report_id):
                    return False
                _insert_report(conn, report, run_id)
                _insert_places(conn, mentions, events)
                if mentions:
                    conn.execute(
                        insert(schema.place_mentions),
                        [_mention_values(report.report_id, m) for m in mentions],
                    )
                _insert_events(conn, report, events)
        except IntegrityError:
            # Another writer may have stored the same report meanwhile: that is a duplicate.
            if self.has_report(report.report_id):
                return False
            raise
        return True

    # -- reading -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many reports, distinct resolved places, place mentions, events and failures are stored."""
        pm = schema.place_mentions
        queries = {
            "reports": select(func.count()).select_from(schema.reports),
            "places": select(func.count(pm.c.geonameid.distinct())),
            "place_mentions": select(func.count()).select_from(pm),
            "events": select(func.count()).select_from(schema.events),
            "failures": select(func.count()).select_from(schema.failures),
        }
        with self._connect() as conn:
            return {name: int(conn.execute(q).scalar_one()) for name, q in queries.items()}

    def _iter_events(self, columns: Sequence[Any]) -> Iterator[Any]:
        e = schema.events
        query = select(*columns).order_by(e.c.report_id, e.c.trigger_start, e.c.event_id)
        with self._connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=500).execute(query)
            yield from result.mappings()

    def iter_event_rows(self) -> Iterator[dict[str, Any]]:
        """Every event as its export row (`event_row`), ordered by report and position in the text."""
        columns = [schema.events.c[name] for name in EVENT_COLUMNS]
        for row in self._iter_events(columns):
            yield _from_db(dict(row))

    def iter_event_records(self) -> Iterator[dict[str, Any]]:
        """Every event as its nested JSON record (`event_record`), in the order of `iter_event_rows`."""
        for row in self._iter_events([schema.events.c.record]):
            yield row["record"]


def _isoformat_times(row: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    for name in names:
        if isinstance(row.get(name), datetime):
            row[name] = row[name].isoformat()
    return row


def _has_report(conn: Connection, report_id: str) -> bool:
    r = schema.reports
    return conn.execute(select(r.c.report_id).where(r.c.report_id == report_id)).first() is not None


def _check_storable(report: Report) -> None:
    """Refuse NUL characters on every backend alike (PostgreSQL text cannot hold them; the
    clean stage removes them, so only a report built by hand can carry one)."""
    for name in ("report_id", "text", "origin", "title", "url", "source", "language"):
        value = getattr(report, name, None)
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(
                f"Report {report.report_id!r}: its {name} holds a NUL character, which no database "
                "stores portably; pass the text through frontlines.clean first."
            )


def _check_unique_events(events: Sequence[Event]) -> None:
    seen: set[str] = set()
    for ev in events:
        if ev.event_id in seen:
            raise ValueError(
                f"Two events of report {ev.report_id} share event_id {ev.event_id} "
                "(same trigger and event type); merge them before saving."
            )
        seen.add(ev.event_id)


def _insert_ignore(conn: Connection, table: Table, rows: list[dict[str, Any]], key: str) -> None:
    """Insert rows whose `key` is not stored yet (the first writer of a place or source wins)."""
    if not rows:
        return
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        module = sqlite_dialect if dialect == "sqlite" else postgresql
        conn.execute(module.insert(table).on_conflict_do_nothing(index_elements=[key]), rows)
        return
    keys = [row[key] for row in rows]
    stored = set(conn.execute(select(table.c[key]).where(table.c[key].in_(keys))).scalars())
    fresh = [row for row in rows if row[key] not in stored]
    if fresh:
        conn.execute(insert(table), fresh)


def _source_id(conn: Connection, name: str | None) -> int | None:
    if not name:
        return None
    s = schema.sources
    _insert_ignore(conn, s, [{"name": name}], "name")
    return int(conn.execute(select(s.c.id).where(s.c.name == name)).scalar_one())


def _insert_report(conn: Connection, report: Report, run_id: int) -> None:
    conn.execute(
        insert(schema.reports).values(
            report_id=report.report_id,
            source_id=_source_id(conn, report.source),
            title=report.title,
            url=report.url,
            published=report.published,
            published_from=report.published_from,
            origin=report.origin,
            language=report.language,
            text=report.text,
            run_id=run_id,
            created=_now(),
        )
    )


def _insert_places(conn: Connection, mentions: Sequence[PlaceMention], events: Sequence[Event]) -> None:
    places: dict[int, Place] = {}
    for mention in [*mentions, *(ev.place for ev in events if ev.place is not None)]:
        if mention.place is not None:
            places.setdefault(mention.place.geonameid, mention.place)
    rows = [_place_values(p) for p in sorted(places.values(), key=lambda p: p.geonameid)]
    _insert_ignore(conn, schema.places, rows, "geonameid")


def _insert_events(conn: Connection, report: Report, events: Sequence[Event]) -> None:
    if not events:
        return
    event_rows: list[dict[str, Any]] = []
    evidence_rows: list[dict[str, Any]] = []
    for ev in events:
        row = _to_db(event_row(ev, report))
        row["trigger_start"] = ev.trigger.start
        row["record"] = event_record(ev, report)
        event_rows.append(row)
        evidence_rows.extend(
            {
                "event_id": ev.event_id,
                "field": item.field,
                "start": item.span.start,
                "end": item.span.end,
                "text": item.span.text,
            }
            for item in ev.evidence
        )
    conn.execute(insert(schema.events), event_rows)
    if evidence_rows:
        conn.execute(insert(schema.evidence), evidence_rows)

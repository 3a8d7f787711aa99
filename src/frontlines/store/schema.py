"""The database schema as SQLAlchemy Core tables: the one description the migrations must match.

Reports are keyed by their content hash and events by a hash of report, trigger and type, so a
re-run adds nothing. The `events` table holds every column of `export.rows.event_row` (dates as
DATE) plus `record`, the nested JSON of `event_record`, and `trigger_start` to keep events in
the order of their report. A change here needs a new file in `migrations/versions/`; a test
compares the migrated database with this metadata.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

ID = String(64)  # content hashes: report_id (20 hex), event_id (16 hex), with room to grow

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    UniqueConstraint("name"),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started", DateTime(timezone=True), nullable=False),
    Column("finished", DateTime(timezone=True)),
    Column("args", JSON),
    Column("counts", JSON),
    Column("status", String(32), nullable=False),
)

reports = Table(
    "reports",
    metadata,
    Column("report_id", ID, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("title", Text),
    Column("url", Text),
    Column("published", Date),
    Column("published_from", String(32)),
    Column("origin", Text, nullable=False),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("created", DateTime(timezone=True), nullable=False),
    Index(None, "source_id"),
    Index(None, "run_id"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("origin", Text, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("detail", Text),
    Column("created", DateTime(timezone=True), nullable=False),
    Index(None, "run_id", "origin"),
)

places = Table(
    "places",
    metadata,
    Column("geonameid", BigInteger, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("feature_class", String(8), nullable=False),
    Column("feature_code", String(16), nullable=False),
    Column("country_code", String(8), nullable=False),
    Column("country_name", Text),
    Column("admin1_code", String(32)),
    Column("admin1_name", Text),
    Column("admin2_code", String(32)),
    Column("admin2_name", Text),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("population", BigInteger, nullable=False),
    Column("source", String(32), nullable=False),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", ID, ForeignKey("reports.report_id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("context", Text),
    Column("label", String(32)),
    Column("geonameid", BigInteger, ForeignKey("places.geonameid")),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Index(None, "report_id", "start"),
    Index(None, "geonameid"),
)

events = Table(
    "events",
    metadata,
    # ACLED columns
    Column("event_id", ID, primary_key=True),
    Column("event_date", Date),
    Column("time_precision", Integer),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("actor1", Text),
    Column("assoc_actor_1", Text),
    Column("inter1", Integer),
    Column("actor2", Text),
    Column("inter2", Integer),
    Column("country", Text),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("source", Text),
    Column("notes", Text),
    Column("fatalities", Integer),
    # UCDP columns
    Column("where_prec", Integer),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_prec", Integer),
    Column("low", Integer),
    Column("best", Integer),
    Column("high", Integer),
    Column("type_of_violence", Integer),
    Column("side_a", Text),
    Column("side_b", Text),
    # ours
    Column("modality", String(32), nullable=False),
    Column("attribution", Text),
    Column("report_id", ID, ForeignKey("reports.report_id", ondelete="CASCADE"), nullable=False),
    Column("geonameid", BigInteger, ForeignKey("places.geonameid")),
    Column("place_score", Float),
    Column("date_basis", String(16), nullable=False),
    Column("equipment", Text),
    Column("evidence", Text, nullable=False),
    # storage only
    Column("trigger_start", Integer, nullable=False),
    Column("record", JSON, nullable=False),
    Index(None, "event_date"),
    Index(None, "event_type"),
    Index(None, "report_id", "trigger_start"),
    Index(None, "latitude", "longitude"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ID, ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("field", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index(None, "event_id"),
)

EVENT_STORAGE_COLUMNS: tuple[str, ...] = ("trigger_start", "record")
"""Columns of `events` that are not export columns."""

DATE_COLUMNS: frozenset[str] = frozenset({"event_date", "date_start", "date_end"})
"""Export columns stored as DATE (ISO strings in rows)."""

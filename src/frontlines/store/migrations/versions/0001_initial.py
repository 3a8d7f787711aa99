"""Initial schema: sources, runs, reports, failures, places, place mentions, events, evidence.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("name", name="uq_sources_name"),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("started", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished", sa.DateTime(timezone=True)),
        sa.Column("args", sa.JSON),
        sa.Column("counts", sa.JSON),
        sa.Column("status", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_table(
        "places",
        sa.Column("geonameid", sa.BigInteger, autoincrement=False, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("feature_class", sa.String(8), nullable=False),
        sa.Column("feature_code", sa.String(16), nullable=False),
        sa.Column("country_code", sa.String(8), nullable=False),
        sa.Column("country_name", sa.Text),
        sa.Column("admin1_code", sa.String(32)),
        sa.Column("admin1_name", sa.Text),
        sa.Column("admin2_code", sa.String(32)),
        sa.Column("admin2_name", sa.Text),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("population", sa.BigInteger, nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("geonameid", name="pk_places"),
    )
    op.create_table(
        "reports",
        sa.Column("report_id", ID, nullable=False),
        sa.Column("source_id", sa.Integer),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("published_from", sa.String(32)),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("report_id", name="pk_reports"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_reports_source_id_sources"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_reports_run_id_runs"),
    )
    op.create_index("ix_reports_source_id", "reports", ["source_id"])
    op.create_index("ix_reports_run_id", "reports", ["run_id"])
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("detail", sa.Text),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_failures_run_id_runs"),
    )
    op.create_index("ix_failures_run_id_origin", "failures", ["run_id", "origin"])
    op.create_table(
        "place_mentions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("report_id", ID, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("context", sa.Text),
        sa.Column("label", sa.String(32)),
        sa.Column("geonameid", sa.BigInteger),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_place_mentions"),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.report_id"],
            name="fk_place_mentions_report_id_reports",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["geonameid"], ["places.geonameid"], name="fk_place_mentions_geonameid_places"
        ),
    )
    op.create_index("ix_place_mentions_report_id_start", "place_mentions", ["report_id", "start"])
    op.create_index("ix_place_mentions_geonameid", "place_mentions", ["geonameid"])
    op.create_table(
        "events",
        sa.Column("event_id", ID, nullable=False),
        sa.Column("event_date", sa.Date),
        sa.Column("time_precision", sa.Integer),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("actor1", sa.Text),
        sa.Column("assoc_actor_1", sa.Text),
        sa.Column("inter1", sa.Integer),
        sa.Column("actor2", sa.Text),
        sa.Column("inter2", sa.Integer),
        sa.Column("country", sa.Text),
        sa.Column("admin1", sa.Text),
        sa.Column("admin2", sa.Text),
        sa.Column("location", sa.Text),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("source", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("fatalities", sa.Integer),
        sa.Column("where_prec", sa.Integer),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_prec", sa.Integer),
        sa.Column("low", sa.Integer),
        sa.Column("best", sa.Integer),
        sa.Column("high", sa.Integer),
        sa.Column("type_of_violence", sa.Integer),
        sa.Column("modality", sa.String(32), nullable=False),
        sa.Column("attribution", sa.Text),
        sa.Column("report_id", ID, nullable=False),
        sa.Column("geonameid", sa.BigInteger),
        sa.Column("place_score", sa.Float),
        sa.Column("date_basis", sa.String(16), nullable=False),
        sa.Column("equipment", sa.Text),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.report_id"], name="fk_events_report_id_reports", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["geonameid"], ["places.geonameid"], name="fk_events_geonameid_places"),
    )
    op.create_index("ix_events_event_date", "events", ["event_date"])
    op.create_index("ix_events_event_type", "events", ["event_type"])
    op.create_index("ix_events_report_id_trigger_start", "events", ["report_id", "trigger_start"])
    op.create_index("ix_events_latitude_longitude", "events", ["latitude", "longitude"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("event_id", ID, nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_evidence"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.event_id"], name="fk_evidence_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_evidence_event_id", "evidence", ["event_id"])


def downgrade() -> None:
    op.drop_table("evidence")
    op.drop_table("events")
    op.drop_table("place_mentions")
    op.drop_table("failures")
    op.drop_table("reports")
    op.drop_table("places")
    op.drop_table("runs")
    op.drop_table("sources")

"""Workbench: reviews of events (history and current state), notes on reports and events, list indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("event_id", ID, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.event_id"], name="fk_reviews_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_reviews_event_id_id", "reviews", ["event_id", "id"])
    op.create_table(
        "event_reviews",
        sa.Column("event_id", ID, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reviewed_values", sa.JSON, nullable=False),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_event_reviews"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.event_id"], name="fk_event_reviews_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_event_reviews_status", "event_reviews", ["status"])
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("report_id", ID, nullable=False),
        sa.Column("event_id", ID),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False),
        sa.Column("moderated_by", sa.Text),
        sa.Column("moderated", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.report_id"], name="fk_notes_report_id_reports", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.event_id"], name="fk_notes_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_notes_report_id_id", "notes", ["report_id", "id"])
    op.create_index("ix_notes_event_id_id", "notes", ["event_id", "id"])
    op.create_index("ix_events_event_type_event_date", "events", ["event_type", "event_date"])
    op.create_index("ix_events_source_event_date", "events", ["source", "event_date"])
    op.create_index("ix_events_longitude_latitude", "events", ["longitude", "latitude"])


def downgrade() -> None:
    op.drop_index("ix_events_longitude_latitude", table_name="events")
    op.drop_index("ix_events_source_event_date", table_name="events")
    op.drop_index("ix_events_event_type_event_date", table_name="events")
    op.drop_table("notes")
    op.drop_table("event_reviews")
    op.drop_table("reviews")

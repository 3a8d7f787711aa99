"""Workbench: one index over every filter column of the event lists, in place of the longitude/latitude one.

Counting and paging a filtered list of events then reads this index only, not the wide rows that
carry each event's JSON record (p95 of a filtered page over 100,000 events: bench/api.md).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BROWSE_COLUMNS = ("event_date", "event_type", "modality", "where_prec", "date_prec", "source", "latitude",
                  "longitude", "actor1", "actor2", "location", "attribution", "notes", "event_id")
# A server database limits the size of an index entry (PostgreSQL's btree: about 2.7 kB), and a
# sentence in `notes` can pass it; there the index keeps the short filter columns only.
SERVER_COLUMNS = ("event_date", "event_type", "modality", "where_prec", "date_prec", "latitude", "longitude",
                  "event_id")


def upgrade() -> None:
    op.drop_index("ix_events_longitude_latitude", table_name="events")
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_index("ix_events_browse", "events", list(BROWSE_COLUMNS if sqlite else SERVER_COLUMNS))


def downgrade() -> None:
    op.drop_index("ix_events_browse", table_name="events")
    op.create_index("ix_events_longitude_latitude", "events", ["longitude", "latitude"])

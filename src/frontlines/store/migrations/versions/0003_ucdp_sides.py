"""Events: UCDP side A and side B beside the ACLED actors.

Events stored before this revision keep empty sides (their records did not carry the UCDP
names); process their reports again into a new database to fill them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("side_a", sa.Text))
        batch.add_column(sa.Column("side_b", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("side_b")
        batch.drop_column("side_a")

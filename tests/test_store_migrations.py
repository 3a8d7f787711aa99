"""The migrated database matches schema.py, and opening a database migrates it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from frontlines.export import EVENT_COLUMNS
from frontlines.store import Database
from frontlines.store.db import MIGRATIONS
from frontlines.store.schema import EVENT_STORAGE_COLUMNS, metadata


def test_migrated_schema_equals_metadata(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        assert compare_metadata(context, metadata) == []
    db.close()


def test_every_table_and_index_is_created(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    insp = inspect(db.engine)
    assert set(insp.get_table_names()) == set(metadata.tables) | {"alembic_version"}
    event_indexes = {tuple(ix["column_names"]) for ix in insp.get_indexes("events")}
    wanted = {("event_date",), ("event_type",), ("report_id", "trigger_start"), ("latitude", "longitude")}
    assert wanted <= event_indexes
    # migrations add columns at the end, so the stored order may differ from the export order
    columns = [c["name"] for c in insp.get_columns("events")]
    assert sorted(columns) == sorted(EVENT_COLUMNS + EVENT_STORAGE_COLUMNS)
    assert {c.name for c in metadata.tables["events"].columns} == set(columns)
    db.close()


def test_one_head_and_the_database_is_at_it(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    cfg = db._alembic_config()
    heads = ScriptDirectory.from_config(cfg).get_heads()
    assert len(heads) == 1 and db.revision() == heads[0]
    assert (MIGRATIONS / "versions" / "0001_initial.py").exists()
    db.close()


def test_downgrade_and_reopen_upgrades_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    db = Database(url)
    with db.engine.begin() as conn:
        command.downgrade(db._alembic_config(conn), "base")
    assert db.revision() is None
    assert inspect(db.engine).get_table_names() == ["alembic_version"]
    db.close()
    again = Database(url)
    assert again.revision() == ScriptDirectory.from_config(again._alembic_config()).get_current_head()
    assert "events" in inspect(again.engine).get_table_names()
    again.close()


def _reviewed_db(path: Path) -> Database:
    import records_factory as rf

    from frontlines.store import Annotations

    db = Database(f"sqlite:///{path}")
    rep, found, events = rf.white_desert()
    db.save(rep, found, events, db.start_run({}))
    Annotations(db).review(events[0].event_id, "reject", "analyst")
    return db


def _downgrade(db: Database, keys_off: bool) -> int:
    """Downgrade to 0002 on the database's own connection (foreign keys on); the reviews left."""
    from contextlib import nullcontext

    from alembic import command

    from frontlines.store.db import foreign_keys_off

    with db.engine.connect() as conn, (foreign_keys_off(conn) if keys_off else nullcontext()):
        with conn.begin():
            command.downgrade(db._alembic_config(conn), "0002")  # 0003's downgrade rebuilds events
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM reviews").scalar()


def test_a_migration_that_rebuilds_events_keeps_the_reviews(tmp_path: Path) -> None:
    """SQLite batch mode drops and rebuilds a table; with foreign keys on, the drop cascades."""
    assert _downgrade(_reviewed_db(tmp_path / "off.db"), keys_off=True) == 1
    assert _downgrade(_reviewed_db(tmp_path / "on.db"), keys_off=False) == 0  # what Database.migrate avoids

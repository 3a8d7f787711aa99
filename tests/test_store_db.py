"""Saving and reading reports, places, events and failures through a SQLite database."""

from __future__ import annotations

import multiprocessing
import uuid
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

import records_factory as rf
from frontlines.export import event_record, event_row
from frontlines.records import Failure, Report
from frontlines.store import Database, StoreError
from frontlines.store.db import MIGRATIONS


def _head() -> str | None:
    """The newest migration revision: opening a database brings it there."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


@pytest.fixture
def db(db_url: str) -> Database:
    """A fresh database of each kind (SQLite and PostgreSQL; see conftest.db_url)."""
    database = Database(db_url)
    yield database  # type: ignore[misc]
    database.close()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'events.db'}")
    yield database  # type: ignore[misc]
    database.close()


def test_save_and_read_back_rows_and_records(db: Database) -> None:
    rep, found, events = rf.white_desert()
    run = db.start_run({"inputs": ["seed/"], "db": "x"})
    assert db.save(rep, found, events, run) is True
    assert list(db.iter_event_rows()) == [event_row(ev, rep) for ev in events]
    assert list(db.iter_event_records()) == [event_record(ev, rep) for ev in events]
    assert db.counts() == {"reports": 1, "places": 2, "place_mentions": 5, "events": 2, "failures": 0}
    assert db.report(rep.report_id) == rep


def test_saving_twice_adds_nothing(db: Database) -> None:
    rep, found, events = rf.white_desert()
    run = db.start_run({})
    assert db.save(rep, found, events, run)
    before = db.counts()
    again = db.start_run({})
    assert db.has_report(rep.report_id)
    assert db.save(rep, found, events, again) is False
    assert db.counts() == before


def test_places_are_shared_between_reports(db: Database) -> None:
    run = db.start_run({})
    rep, found, events = rf.white_desert()
    other = rf.report(rf.TEXT + "Update: the ministry repeated the claim.\n", source="SANA")
    other_found = rf.mentions(other)
    db.save(rep, found, events, run)
    db.save(other, other_found, [rf.strike_event(other, other_found[4])], run)
    assert db.counts()["places"] == 2
    assert db.counts()["reports"] == 2 and db.counts()["events"] == 3
    with db.engine.connect() as conn:
        assert conn.execute(text("select count(*) from sources")).scalar_one() == 2


def test_rows_are_ordered_by_report_then_position(db: Database) -> None:
    rep, found, events = rf.white_desert()
    db.save(rep, found, list(reversed(events)), db.start_run({}))
    assert [r["event_id"] for r in db.iter_event_rows()] == [ev.event_id for ev in events]


def test_unknown_date_and_fatalities_round_trip_as_empty(db: Database) -> None:
    rep = rf.report("Shelling was reported somewhere.\n", published=None, source=None, title=None)
    ev = rf.bare_event(rep)
    assert db.save(rep, [], [ev], db.start_run({}))
    (row,) = db.iter_event_rows()
    assert row == event_row(ev, rep)
    assert row["event_date"] is None and row["fatalities"] is None and row["latitude"] is None


def test_a_failing_save_stores_nothing(db: Database) -> None:
    rep, found, events = rf.white_desert()
    with pytest.raises(IntegrityError):
        db.save(rep, found, events, run_id=999)  # no such run: the foreign key refuses it
    assert not db.has_report(rep.report_id)
    assert db.counts() == {"reports": 0, "places": 0, "place_mentions": 0, "events": 0, "failures": 0}


def test_duplicate_event_ids_are_refused(db: Database) -> None:
    rep, found, events = rf.white_desert()
    with pytest.raises(ValueError, match="share event_id"):
        db.save(rep, found, [events[0], events[0]], db.start_run({}))
    assert not db.has_report(rep.report_id)


def test_failures_are_a_per_run_log(db: Database) -> None:
    first, second = db.start_run({}), db.start_run({})
    failure = Failure("inbox/broken.html", "clean", "No main text found; check that the page is an article.")
    assert db.save_failure(failure, first) is True
    assert db.save_failure(failure, first) is False  # once per run
    assert db.save_failure(failure, second) is True  # and again in a later run
    assert db.save_failure(Failure("inbox/other.pdf", "ingest", "Unsupported format", "pdf"), second)
    assert [f["run_id"] for f in db.failures()] == [first, second, second]
    only = db.failures(second)
    assert [(f["origin"], f["stage"], f["detail"]) for f in only] == [
        ("inbox/broken.html", "clean", None),
        ("inbox/other.pdf", "ingest", "pdf"),
    ]
    assert isinstance(only[0]["created"], str)
    assert db.counts()["failures"] == 3


def test_runs_record_args_counts_and_status(db: Database) -> None:
    run = db.start_run({"inputs": [Path("examples")], "batch_size": 16})
    db.finish_run(run, {"reports": 3, "events": 7, "failures": 1}, "ok")
    (stored,) = db.runs()
    assert stored["args"] == {"inputs": ["examples"], "batch_size": 16}
    assert stored["counts"] == {"reports": 3, "events": 7, "failures": 1}
    assert stored["status"] == "ok" and stored["finished"] >= stored["started"]
    with pytest.raises(ValueError, match="No run 42"):
        db.finish_run(42, {}, "ok")


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_reopening_keeps_the_data(db_url: str) -> None:
    url = db_url
    rep, found, events = rf.white_desert()
    with Database(url) as first:
        first.save(rep, found, events, first.start_run({}))
    with Database(url) as second:
        assert second.revision() == _head()
        assert second.counts()["events"] == 2
        assert second.save(rep, found, events, second.start_run({})) is False


@pytest.mark.parametrize(
    ("url", "hint"),
    [
        ("not a url", "Invalid database URL"),
        ("nosuchdb://host/x", "No database driver"),
        ("sqlite:////nonexistent-folder/sub/events.db", "check that the folder exists"),
    ],
)
def test_bad_urls_say_what_to_do(url: str, hint: str) -> None:
    with pytest.raises(StoreError, match=hint) as info:
        Database(url)
    assert "sqlite:///frontlines.db" in str(info.value)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Database:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('prop') / 'p.db'}"
    else:
        url = request.getfixturevalue("postgres").database()
    database = Database(url)
    yield database  # type: ignore[misc]
    database.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(min_size=1), title=st.none() | st.text(), source=st.none() | st.text(min_size=1))
def test_any_unicode_report_round_trips(shared_db: Database, body: str, title: str | None, source: str | None) -> None:
    rep = Report(report_id=uuid.uuid4().hex[:20], text=body, origin="prop", title=title, source=source)
    run = shared_db.start_run({"title": title})
    if any("\x00" in (v or "") for v in (body, title, source)):
        with pytest.raises(ValueError, match="NUL character"):  # on every backend alike
            shared_db.save(rep, [], [], run)
        assert not shared_db.has_report(rep.report_id)
        return
    assert shared_db.save(rep, [], [], run) is True
    assert shared_db.report(rep.report_id) == rep
    assert shared_db.save(rep, [], [], run) is False
    assert shared_db.report(rep.report_id) == rep


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_any_unicode_event_text_round_trips(shared_db: Database, words: str) -> None:
    body = f"{words.replace(chr(0), '')} shelling {uuid.uuid4().hex}\n"
    rep = rf.report(body)
    ev = rf.bare_event(rep)
    assert shared_db.save(rep, [], [ev], shared_db.start_run({}))
    stored = [r for r in shared_db.iter_event_rows() if r["report_id"] == rep.report_id]
    assert stored == [event_row(ev, rep)]
    records = [r for r in shared_db.iter_event_records() if r["report_id"] == rep.report_id]
    assert records == [event_record(ev, rep)]


def _save_white_desert(url: str) -> bool:
    with Database(url) as database:
        rep, found, events = rf.white_desert()
        return database.save(rep, found, events, database.start_run({"pid": "worker"}))


def test_concurrent_first_open_and_save_store_the_report_once(db_url: str) -> None:
    url = db_url
    with multiprocessing.get_context("fork").Pool(4) as pool:
        results = pool.map(_save_white_desert, [url] * 4)
    assert sorted(results) == [False, False, False, True]
    with Database(url) as database:
        assert database.counts()["events"] == 2 and database.revision() == _head()

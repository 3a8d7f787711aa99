"""Fixtures for the workbench tests: a filled database, an app with a write token, and a client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import webdata
from fastapi.testclient import TestClient

from frontlines.store import Database
from frontlines.web import WebConfig, create_app

TOKEN = "alice:correct-horse-battery"
SECRET = TOKEN.split(":", 1)[1]
AUTH = {"Authorization": f"Bearer {SECRET}"}
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """The workbench's database, on SQLite and on PostgreSQL (see tests/conftest.py)."""
    database = Database(db_url)
    yield database
    database.close()


@pytest.fixture
def ids(db: Database) -> dict[str, str]:
    return webdata.fill(db)


def make_app(db: Database, **overrides):  # type: ignore[no-untyped-def]
    config = WebConfig(db_url=db.url, token=TOKEN, allowed_hosts=["testserver", "127.0.0.1", "localhost"],
                       note_rate="100/minute", **overrides)
    return create_app(config, db)


@pytest.fixture
def client(db: Database, ids: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(make_app(db)) as test_client:
        test_client.get("/api/config")  # sets the CSRF cookie, as loading the page does
        yield test_client


def csrf_headers(client: TestClient) -> dict[str, str]:
    """The double-submit header a page would send."""
    return {"X-CSRF-Token": client.cookies.get("fl_csrf") or ""}

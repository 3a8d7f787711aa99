"""Shared fixtures: the spaCy model, the default gazetteer and the pipeline are loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests that read it skip with the reason when it is absent."""
    if not SHARED.exists():
        pytest.skip(f"../shared not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    from frontlines.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server (see `pgserver.py`); skipped without one, except in CI."""
    import os

    import pgserver

    try:
        server = pgserver.PostgresServer()
    except RuntimeError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind the store supports: a SQLite file and a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.db'}"
    return request.getfixturevalue("postgres").database()

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

"""Settings read from the environment, with defaults that work offline on a fresh machine.

Every setting is also a command-line option; the environment variable is the default for it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def cache_dir() -> Path:
    """Where built artefacts (the default gazetteer index) live: $FRONTLINES_CACHE or ~/.cache/frontlines."""
    base = os.environ.get("FRONTLINES_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "frontlines"
    )
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    """The default database: SQLite file `frontlines.db` in the working directory."""
    return os.environ.get("FRONTLINES_DB", "sqlite:///frontlines.db")


@dataclass(slots=True)
class Settings:
    """What a pipeline run needs to know; passed explicitly, never read from module globals."""

    db_url: str = field(default_factory=default_db_url)
    model: str | None = field(default_factory=lambda: os.environ.get("FRONTLINES_MODEL"))
    gazetteer: Path | None = field(
        default_factory=lambda: Path(p) if (p := os.environ.get("FRONTLINES_GAZETTEER")) else None
    )
    extractor: str = field(default_factory=lambda: os.environ.get("FRONTLINES_EXTRACTOR", "rules"))
    batch_size: int = 16
    workers: int = field(default_factory=lambda: int(os.environ.get("FRONTLINES_WORKERS") or 1))

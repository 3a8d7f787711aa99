"""store stage: the event database (SQLite by default, any SQLAlchemy URL), migrated on open."""

from frontlines.store.db import Database, StoreError

__all__ = ["Database", "StoreError"]

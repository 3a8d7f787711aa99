"""store stage: the event database (SQLite by default, any SQLAlchemy URL), migrated on open."""

from frontlines.store.db import Database, StoreError
from frontlines.store.annotations import Annotations, AnnotationError  # registers the workbench tables

__all__ = ["AnnotationError", "Annotations", "Database", "StoreError"]

"""export stage: the flat event row and nested record, and streaming CSV/GeoJSON/JSONL writers."""

from frontlines.export.rows import (
    ACLED_COLUMNS,
    EVENT_COLUMNS,
    OWN_COLUMNS,
    PLACE_COLUMNS,
    UCDP_COLUMNS,
    event_record,
    event_row,
    place_row,
)
from frontlines.export.review import REVIEW_COLUMNS, REVIEWED_EVENT_COLUMNS, review_columns, reviewed_row
from frontlines.export.writers import write_csv, write_geojson, write_jsonl

__all__ = [
    "ACLED_COLUMNS",
    "EVENT_COLUMNS",
    "OWN_COLUMNS",
    "PLACE_COLUMNS",
    "REVIEWED_EVENT_COLUMNS",
    "REVIEW_COLUMNS",
    "UCDP_COLUMNS",
    "event_record",
    "event_row",
    "place_row",
    "review_columns",
    "reviewed_row",
    "write_csv",
    "write_geojson",
    "write_jsonl",
]

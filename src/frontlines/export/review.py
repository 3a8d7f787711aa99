"""Review columns for exports: which values are the machine's and which an analyst's.

The event columns of `rows.EVENT_COLUMNS` always hold the machine's values, as coded; four
columns added after them say what a reviewer made of the event:

- `review_status`: empty (not reviewed), `confirmed`, `corrected` or `rejected`;
- `reviewed_by`, `reviewed_at`: who decided last, and when (ISO 8601, UTC);
- `reviewed_values`: a compact JSON object of the corrected columns and their reviewed values
  (`{"event_type": "Riots"}`); each key names a column whose machine value sits beside it.

A rejected event is kept, marked, so that a dataset can be rebuilt either way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from frontlines.export.rows import EVENT_COLUMNS

REVIEW_COLUMNS: tuple[str, ...] = ("review_status", "reviewed_by", "reviewed_at", "reviewed_values")
REVIEWED_EVENT_COLUMNS: tuple[str, ...] = EVENT_COLUMNS + REVIEW_COLUMNS
"""Every column of `reviewed_row`, in export order."""


def review_columns(status: str | None, reviewer: str | None, at: str | None,
                   values: Mapping[str, Any] | None) -> dict[str, Any]:
    """The four review columns; all empty for an event nobody has reviewed."""
    if status is None:
        return dict.fromkeys(REVIEW_COLUMNS)
    return {
        "review_status": status,
        "reviewed_by": reviewer,
        "reviewed_at": at,
        "reviewed_values": json.dumps(dict(values or {}), ensure_ascii=False, separators=(",", ":"),
                                      sort_keys=True, default=str),
    }


def reviewed_row(row: Mapping[str, Any], status: str | None = None, reviewer: str | None = None,
                 at: str | None = None, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """An export row (machine values, unchanged) followed by its review columns."""
    out = {name: row.get(name) for name in EVENT_COLUMNS}
    out.update(review_columns(status, reviewer, at, values))
    return out

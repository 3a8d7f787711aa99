"""Streaming writers for the export formats: CSV, GeoJSON and JSON Lines.

Each takes an iterable of rows or records (e.g. `Database.iter_event_rows()`) and an open text
file, writes as it reads so that exports of any size run in constant memory, and returns the
number of items written. Open CSV files with `newline=""` and every file with UTF-8 encoding.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from frontlines.export.rows import EVENT_COLUMNS


def write_csv(
    rows: Iterable[Mapping[str, Any]], fp: TextIO, columns: Sequence[str] = EVENT_COLUMNS, header: bool = True
) -> int:
    """Write rows as CSV under a header of `columns` (the event columns by default; `header=False`
    continues a file already begun); None is empty."""
    writer = csv.DictWriter(fp, fieldnames=list(columns), extrasaction="raise")
    if header:
        writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        n += 1
    return n


def feature(row: Mapping[str, Any]) -> dict[str, Any]:
    """One GeoJSON Feature: a Point at [longitude, latitude], or a null geometry when either is missing."""
    lat, lon = row.get("latitude"), row.get("longitude")
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "id": row.get("event_id"), "geometry": geometry, "properties": dict(row)}


def write_geojson(rows: Iterable[Mapping[str, Any]], fp: TextIO) -> int:
    """Write a FeatureCollection with one Feature per row; rows without coordinates are kept, with null geometry."""
    fp.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for row in rows:
        fp.write(",\n" if n else "\n")
        fp.write(json.dumps(feature(row), ensure_ascii=False))
        n += 1
    fp.write("\n]}\n")
    return n


def write_jsonl(records: Iterable[Mapping[str, Any]], fp: TextIO) -> int:
    """Write one JSON object per line."""
    n = 0
    for record in records:
        fp.write(json.dumps(record, ensure_ascii=False))
        fp.write("\n")
        n += 1
    return n

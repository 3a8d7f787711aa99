"""CSV, GeoJSON and JSON Lines writers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import records_factory as rf
from frontlines.export import EVENT_COLUMNS, event_record, event_row, write_csv, write_geojson, write_jsonl

ACLED_UCDP = (
    "event_id event_date time_precision event_type sub_event_type actor1 assoc_actor_1 inter1 "
    "actor2 inter2 country admin1 admin2 location latitude longitude geo_precision source notes "
    "fatalities where_prec date_start date_end date_prec low best high type_of_violence"
).split()


def rows() -> list[dict[str, Any]]:
    rep, _, events = rf.white_desert()
    bare = rf.report("Shelling reported.\n", published=None)
    return [event_row(ev, rep) for ev in events] + [event_row(rf.bare_event(bare), bare)]


def test_csv_header_has_the_acled_and_ucdp_names() -> None:
    out = io.StringIO(newline="")
    assert write_csv(rows(), out) == 3
    reader = csv.reader(io.StringIO(out.getvalue(), newline=""))
    header = next(reader)
    assert header[: len(ACLED_UCDP)] == ACLED_UCDP
    assert header == list(EVENT_COLUMNS)


def test_csv_round_trip_with_empty_unknowns() -> None:
    data = rows()
    out = io.StringIO(newline="")
    write_csv(data, out)
    back = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert len(back) == 3
    assert back[0]["notes"] == data[0]["notes"]  # curly quotes, commas and newlines survive
    assert back[0]["latitude"] == "" and back[0]["fatalities"] == "21"
    assert back[1]["equipment"] == "27 vehicle; 14 motorcycle"
    assert back[2]["event_date"] == "" and back[2]["fatalities"] == ""
    assert json.loads(back[1]["evidence"]) == json.loads(data[1]["evidence"])


def test_geojson_keeps_events_without_coordinates() -> None:
    data = rows()
    out = io.StringIO()
    assert write_geojson(data, out) == 3
    fc = json.loads(out.getvalue())
    assert fc["type"] == "FeatureCollection"
    features = fc["features"]
    assert [f["geometry"] for f in features] == [None, {"type": "Point", "coordinates": [40.5, 35.0]}, None]
    assert [f["properties"] for f in features] == data
    assert all(f["type"] == "Feature" for f in features)


def test_empty_geojson_is_valid() -> None:
    out = io.StringIO()
    assert write_geojson([], out) == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_writers_stream_from_a_generator() -> None:
    consumed: list[int] = []

    def gen() -> Iterator[dict[str, Any]]:
        for i, row in enumerate(rows()):
            consumed.append(i)
            yield row

    for write in (write_csv, write_geojson):
        consumed.clear()
        assert write(gen(), io.StringIO()) == 3
        assert consumed == [0, 1, 2]


def test_jsonl_one_record_per_line() -> None:
    rep, _, events = rf.white_desert()
    records = [event_record(ev, rep) for ev in events]
    out = io.StringIO()
    assert write_jsonl(records, out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == records
    assert "“white desert”" not in lines[0] or "\\u201c" not in lines[0]  # UTF-8, not escapes

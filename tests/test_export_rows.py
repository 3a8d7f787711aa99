"""The flat event row, the nested record and the place row."""

from __future__ import annotations

import json
from datetime import date

import pytest

import records_factory as rf
from frontlines.export import EVENT_COLUMNS, PLACE_COLUMNS, event_record, event_row, place_row
from frontlines.export.rows import time_precision
from frontlines.records import DateRange, Equipment, PlaceMention, Toll

ACLED = (
    "event_id event_date time_precision event_type sub_event_type actor1 assoc_actor_1 inter1 "
    "actor2 inter2 country admin1 admin2 location latitude longitude geo_precision source notes "
    "fatalities"
).split()
UCDP = "where_prec date_start date_end date_prec low best high type_of_violence side_a side_b".split()
OURS = "modality attribution report_id geonameid place_score date_basis equipment evidence".split()


def test_columns_are_acled_then_ucdp_then_ours() -> None:
    assert list(EVENT_COLUMNS) == ACLED + UCDP + OURS


def test_row_has_every_column_in_order() -> None:
    rep, _, events = rf.white_desert()
    for ev in events:
        assert list(event_row(ev, rep)) == list(EVENT_COLUMNS)


def test_row_of_a_located_claimed_event() -> None:
    rep, _, (_, strike) = rf.white_desert()
    row = event_row(strike, rep)
    assert row["event_date"] == "2019-03-19"  # the end of the range
    assert (row["date_start"], row["date_end"], row["date_prec"]) == ("2019-03-01", "2019-03-19", 4)
    assert row["time_precision"] == 3
    assert row["actor1"] == "Military Forces of Syria" and row["inter1"] == 1
    assert row["assoc_actor_1"] == "Military Forces of Russia"
    assert row["actor2"] == "Islamic State (Syria)" and row["inter2"] == 2
    assert (row["country"], row["admin1"], row["admin2"]) == ("Syria", "Deir ez-Zor Governorate", None)
    assert row["location"] == "Deir ez-Zor Governorate"
    assert (row["latitude"], row["longitude"], row["geonameid"]) == (35.0, 40.5, 170792)
    assert row["place_score"] == 0.77
    assert row["source"] == "SouthFront"
    assert row["attribution"] == "Syrian Ministry of Defence"
    assert row["modality"] == "claimed"
    assert row["notes"] == strike.sentence.text and row["notes"].endswith("the ministry said.")
    assert (row["fatalities"], row["low"], row["best"], row["high"]) == (151, 151, None, None)
    assert row["equipment"] == "27 vehicle; 14 motorcycle"
    assert row["report_id"] == rep.report_id
    assert row["date_basis"] == "text"
    assert row["type_of_violence"] == 1 and row["where_prec"] == 4 and row["geo_precision"] == 2


def test_row_values_are_json_scalars() -> None:
    rep, _, events = rf.white_desert()
    for ev in events:
        for value in event_row(ev, rep).values():
            assert value is None or isinstance(value, (str, int, float))


def test_evidence_is_compact_json_with_spans() -> None:
    rep, _, (attack, _) = rf.white_desert()
    raw = event_row(attack, rep)["evidence"]
    assert ", " not in raw.split('"text"')[0]  # compact separators
    items = json.loads(raw)
    assert [i["field"] for i in items] == ["trigger", "actor1", "actor2", "place", "date", "fatalities"]
    for item in items:
        assert set(item) == {"field", "start", "end", "text"}
        assert rep.text[item["start"] : item["end"]] == item["text"]


def test_unresolved_place_keeps_the_words_and_no_coordinates() -> None:
    rep, _, (attack, _) = rf.white_desert()
    row = event_row(attack, rep)
    assert row["location"] == "white desert"
    assert row["latitude"] is None and row["longitude"] is None
    assert row["geonameid"] is None and row["place_score"] is None and row["country"] is None


def test_unknown_date_and_unknown_fatalities_are_empty_not_zero() -> None:
    rep = rf.report(published=None, published_from=None)
    row = event_row(rf.bare_event(rep), rep)
    for name in ("event_date", "time_precision", "date_start", "date_end", "date_prec"):
        assert row[name] is None
    assert row["date_basis"] == "unknown"
    for name in ("fatalities", "low", "best", "high"):
        assert row[name] is None
    for name in ("actor1", "actor2", "assoc_actor_1", "location", "latitude", "equipment", "attribution"):
        assert row[name] is None
    assert row["evidence"] == "[]"


def test_event_date_falls_back_to_the_start() -> None:
    rep, _, (attack, _) = rf.white_desert()
    attack.date = DateRange(start=date(2019, 3, 9), precision=5, basis="text")
    row = event_row(attack, rep)
    assert row["event_date"] == "2019-03-09" and row["date_end"] is None


@pytest.mark.parametrize(("prec", "expected"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (None, None)])
def test_time_precision_from_date_prec(prec: int | None, expected: int | None) -> None:
    assert time_precision(prec) == expected


@pytest.mark.parametrize(
    ("toll", "fatalities"),
    [(Toll(low=12, best=14, high=20), 14), (Toll(low=21), 21), (Toll(high=5), None), (Toll(), None), (Toll(best=0), 0)],
)
def test_fatalities_is_best_else_low_else_unknown(toll: Toll, fatalities: int | None) -> None:
    rep, _, (attack, _) = rf.white_desert()
    attack.fatalities = toll
    assert event_row(attack, rep)["fatalities"] == fatalities


def test_equipment_counts_that_are_not_exact() -> None:
    rep, _, (_, strike) = rf.white_desert()
    strike.equipment = [
        Equipment("tank", Toll(low=3), "more than 2 tanks"),
        Equipment("vehicle", Toll(low=10, high=15), "10 to 15 vehicles"),
        Equipment("aircraft", Toll(), "aircraft"),
    ]
    assert event_row(strike, rep)["equipment"] == "3+ tank; 10-15 vehicle; aircraft"


def test_source_falls_back_to_the_attributed_outlet() -> None:
    rep, _, (attack, _) = rf.white_desert()
    rep.source = None
    assert event_row(attack, rep)["source"] == "SouthFront"


def test_record_is_the_full_nested_form() -> None:
    rep, _, (attack, strike) = rf.white_desert()
    record = json.loads(json.dumps(event_record(strike, rep)))
    cue = rf.span(rep.text, "Since the beginning of March")
    assert record["event_id"] == strike.event_id
    assert record["actor1"]["text"] == "The Syrian government forces"
    assert record["actor1"]["name"] == "Military Forces of Syria" and record["actor1"]["inter"] == 1
    a1 = record["actor1"]["span"]
    assert rep.text[a1["start"] : a1["end"]] == "The Syrian government forces"
    assert record["date"] == {
        "start": "2019-03-01",
        "end": "2019-03-19",
        "precision": 4,
        "basis": "text",
        "span": {"start": cue.start, "end": cue.end, "text": "Since the beginning of March"},
    }
    assert record["equipment"][0]["count"]["best"] == 27
    assert record["equipment"][0]["span"]["text"] == "27 cars with machine guns"
    assert record["place"]["place"]["geonameid"] == 170792
    assert record["attribution"]["quoted"] == "Syrian Ministry of Defence"
    assert record["evidence"][1] == {"field": "equipment", "span": record["equipment"][0]["span"]}
    assert record["report"]["source"] == "SouthFront" and record["report"]["published"] == "2019-03-19"
    attack_record = event_record(attack, rep)
    assert attack_record["fatalities"]["low"] == 21 and attack_record["fatalities"]["best"] is None
    assert attack_record["place"]["place"] is None


def test_place_row() -> None:
    rep = rf.report()
    found = rf.mentions(rep)
    rows = [place_row(m) for m in found]
    assert all(list(r) == list(PLACE_COLUMNS) for r in rows)
    tanf = rows[1]
    assert tanf == {
        "start": found[1].span.start,
        "end": found[1].span.end,
        "text": "Al-Tanf",
        "geonameid": 7870001,
        "name": "At Tanf",
        "lat": 33.5019,
        "lon": 38.6175,
        "feature_code": "MILB",
        "country_code": "SY",
        "score": 0.91,
        "role": "place",
        "reason": "variant",
    }
    assert rows[0]["geonameid"] is None and rows[0]["text"] == "white desert"
    assert rows[2]["role"] == "demonym"


def test_a_division_fills_its_own_admin_level() -> None:
    rep, _, (_, strike) = rf.white_desert()
    assert isinstance(strike.place, PlaceMention)
    assert event_row(strike, rep)["admin1"] == "Deir ez-Zor Governorate"


def test_ucdp_sides_put_the_government_and_the_perpetrator_first() -> None:
    from frontlines.records import Actor

    rep, _, (ev, *_) = rf.white_desert()
    rebels = Actor("militants", "Islamic State", 2, ucdp="IS")
    army = Actor("Syrian soldiers", "Military Forces of Syria", 1, ucdp="Government of Syria")
    civilians = Actor("villagers", "Civilians (Syria)", 7, ucdp="Civilians")
    ev.actor1, ev.actor2, ev.violence_type = rebels, army, 1
    row = event_row(ev, rep)
    assert (row["side_a"], row["side_b"]) == ("Government of Syria", "IS")
    ev.actor1, ev.actor2, ev.violence_type = civilians, rebels, 3
    assert (event_row(ev, rep)["side_a"], event_row(ev, rep)["side_b"]) == ("IS", "Civilians")
    ev.actor1, ev.actor2, ev.violence_type = Actor("protesters", "Protesters (Syria)", 6), None, None
    assert (event_row(ev, rep)["side_a"], event_row(ev, rep)["side_b"]) == (None, None)

"""The events evaluation: reading the three gold formats, the scoring rules, the best-match choice, the command."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.evaluate.eventgold import GoldError, actor_name, digest, load, select
from frontlines.evaluate.eventscore import Divisions, PredictedEvent, best_match, score
from frontlines.evaluate.events import NaiveCoder
from frontlines.records import Place

ALEPPO = Place(170063, "Aleppo", "P", "PPLA", "SY", 36.20124, 37.16117, 1602264, admin1_code="09", admin1_name="Aleppo")
IDLIB = Place(169389, "Idlib", "P", "PPLA", "SY", 35.93062, 36.63393, 128840, admin1_code="12", admin1_name="Idlib")
ALEPPO_ADM1 = Place(170062, "Aleppo Governorate", "A", "ADM1", "SY", 36.25, 37.5, 4867991, admin1_code="09")
SYRIA = Place(163843, "Syria", "A", "PCLI", "SY", 35.0, 38.0, 22198110)


class TinyGazetteer:
    """Just enough of `Gazetteer` for `Divisions`: exact names only."""

    places = {"aleppo governorate": [ALEPPO_ADM1], "aleppo": [ALEPPO, ALEPPO_ADM1], "syria": [SYRIA]}

    def candidates(self, name):
        return list(self.places.get(name.lower(), []))

    def fuzzy(self, name, **kw):
        return []


def write_csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


UCDP_ROW = {"id": "12.0", "source_headline": "Shelling on Aleppo;Clashes in the countryside;http://example.org/x",
            "source_date": "2016-03-04;2016-03-02", "source_office": "SOHR", "where_coordinates": "Aleppo town",
            "latitude": "36.2", "longitude": "37.16", "country": "Syria", "adm_1": "Aleppo Governorate",
            "side_a": "Government of Syria", "side_b": "Ahrar al-Sham, HTS", "type_of_violence": "1.0",
            "low": "3.0", "best": "4.0", "high": "6.0", "date_start": "2016-03-01", "date_end": "2016-03-02"}


def test_ucdp_rows_join_headlines_drop_urls_and_take_the_earliest_date(tmp_path):
    [g] = load("ucdp", write_csv(tmp_path / "u.csv", [UCDP_ROW]))
    assert g.key == "12"
    assert g.text == "Shelling on Aleppo\n\nClashes in the countryside"
    assert g.published == date(2016, 3, 2)
    assert g.side_b == ["Ahrar al-Sham", "HTS"]
    assert (g.low, g.best, g.high, g.violence) == (3, 4, 6, 1)


def test_acled_and_fakes_rows(tmp_path):
    [a] = load("acled", write_csv(tmp_path / "a.csv", [{
        "event_id_cnty": "SYR1", "event_date": "2022-01-05", "notes": "On 5 January 2022, shelling.",
        "actor1": "Military Forces of Syria (2000-)", "actor2": "", "fatalities": "2.0", "latitude": "36.2",
        "longitude": "37.1", "country": "Syria", "admin1": "Aleppo", "event_type": "Battles", "sub_event_type": "Armed clash"}]))
    assert (a.actor1, a.actor2, a.best, a.published) == ("Military Forces of Syria", None, 2, date(2022, 1, 5))
    [f] = load("fakes", write_csv(tmp_path / "f.csv", [{
        "unit_id": "7", "article_content": "Text.", "date": "4/5/17", "location": "idlib",
        "nb_civilians": "70", "nb_noncivilians": "0"}]))
    assert (f.published, f.admin1, f.civilians, f.noncivilians) == (date(2017, 4, 5), "idlib", 70, 0)
    assert actor_name("Protesters (India)") == "Protesters (India)"
    assert actor_name("Military Forces of Myanmar (2021-)") == "Military Forces of Myanmar"


def test_wrong_file_gets_a_clear_error(tmp_path):
    path = write_csv(tmp_path / "x.csv", [{"a": "1"}])
    with pytest.raises(GoldError, match="no 'notes' column"):
        load("acled", path)
    with pytest.raises(GoldError, match="cannot read"):
        load("ucdp", tmp_path / "missing.csv")


def test_sample_is_fixed_and_digest_changes_with_the_rows(tmp_path):
    rows = [dict(UCDP_ROW, id=f"{i}.0") for i in range(20)]
    golds = load("ucdp", write_csv(tmp_path / "u.csv", rows))
    first = select(golds, 5)
    assert [g.key for g in first] == [g.key for g in select(list(reversed(golds)), 5)]
    assert digest(first) != digest(select(golds, 6))


def test_scoring_rules(tmp_path):
    [g] = load("ucdp", write_csv(tmp_path / "u.csv", [UCDP_ROW]))
    d = Divisions(TinyGazetteer())
    p = PredictedEvent(index=0, lat=ALEPPO.lat, lon=ALEPPO.lon, country_code="SY", admin1_code="09", low=4, best=None,
                   high=8, sides=("Government of Syria", "HTS"), violence=1, start=date(2016, 3, 2))
    s = score(g, p, d)
    assert s["place_25km"] and s["same_admin1"] and s["same_country"]
    assert s["best_exact"] and s["best_in_range"]  # best unknown falls back to low: 4
    assert s["side_a"] and s["both_sides"]  # "HTS" is one of side B's groups
    assert s["violence_type"] and not s["date_exact"] and s["date_1day"]
    far = PredictedEvent(lat=IDLIB.lat, lon=IDLIB.lon, country_code="SY", admin1_code="12", best=5,
                     sides=("Government of Syria", None), start=date(2016, 3, 4))
    s = score(g, far, d)
    assert not s["place_25km"] and not s["place_50km"] and not s["same_admin1"] and s["same_country"]
    assert not s["best_exact"] and s["best_in_range"] is False and s["best_20pct"] is False
    assert s["side_a"] and not s["both_sides"] and not s["date_1day"]
    # the same side cannot stand for both gold sides
    assert score(g, PredictedEvent(sides=("HTS", "HTS")), d)["both_sides"] is False


def test_unknown_deaths_count_as_zero_and_uncoded_fields_are_left_out(tmp_path):
    [g] = load("ucdp", write_csv(tmp_path / "u.csv", [dict(UCDP_ROW, best="0.0", low="0.0", high="0.0", adm_1="")]))
    s = score(g, PredictedEvent(), Divisions(TinyGazetteer()))
    assert s["best_exact"] is True and s["same_admin1"] is None and s["place_25km"] is False


def test_best_match_picks_the_event_with_most_fields_right(tmp_path):
    [g] = load("ucdp", write_csv(tmp_path / "u.csv", [UCDP_ROW]))
    d = Divisions(TinyGazetteer())
    wrong = PredictedEvent(index=0, best=1)
    right = PredictedEvent(index=1, lat=ALEPPO.lat, lon=ALEPPO.lon, country_code="SY", best=4)
    chosen, fields = best_match(g, [wrong, right], d)
    assert chosen.index == 1 and fields["best_exact"]
    chosen, _ = best_match(g, [], d)
    assert chosen.index == -1


@pytest.mark.slow
def test_naive_coder_takes_the_number_next_to_a_death_word(pipeline):
    from frontlines.records import Report

    text = "In 2016, 3 villages were shelled near Aleppo and 12 people were killed."
    report = Report("r", text, "t", published=date(2016, 1, 2))
    doc = pipeline.nlp(text)
    [p] = NaiveCoder()(doc, report, pipeline.geoparser(doc))
    assert p.best == 12 and p.start == date(2016, 1, 2)
    assert p.country_code == "SY"


@pytest.mark.slow
def test_command_on_shared_rows(shared_dir):
    events = shared_dir / "data" / "events"
    result = CliRunner().invoke(app, ["eval", "events", "--ucdp", str(events / "ucdp_ged_syria.csv"),
                                      "--fakes", str(events / "fakes_syria.csv"), "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    ucdp = out["datasets"]["ucdp"]
    assert ucdp["rows"] == 3 and set(ucdp["systems"]) == {"frontlines", "naive"}
    assert ucdp["systems"]["frontlines"]["fields"]["place_50km"]["n"] == 3
    assert out["datasets"]["fakes"]["systems"]["naive"]["fields"]["governorate"]["n"] == 3


def test_command_without_gold_says_what_to_give():
    result = CliRunner().invoke(app, ["eval", "events"])
    assert result.exit_code != 0
    assert "--ucdp" in result.output


@pytest.mark.slow
def test_a_row_that_fails_is_wrong_on_every_field_and_first_event_is_reported(pipeline, tmp_path):
    from types import SimpleNamespace

    from frontlines.evaluate.events import run_rows, summarise

    golds = load("ucdp", write_csv(tmp_path / "u.csv", [dict(UCDP_ROW, best="0.0", low="0.0", high="0.0")]))

    def broken(doc, report, mentions):
        raise RuntimeError("boom")

    failing = SimpleNamespace(nlp=pipeline.nlp, geoparser=pipeline.geoparser, extractor=broken)
    results, seconds = run_rows(golds, failing, naive=False)
    assert results[0].failure == "RuntimeError: boom"
    summary = summarise("ucdp", results, seconds)
    fields = summary["systems"]["frontlines"]["fields"]
    assert fields["best_exact"]["score"] == 0.0  # not right by default on a zero-death row
    assert summary["failures"] == [{"key": "12", "reason": "RuntimeError: boom"}]
    ok = SimpleNamespace(nlp=pipeline.nlp, geoparser=pipeline.geoparser, extractor=pipeline.extractor)
    fields = summarise("ucdp", *run_rows(golds, ok, naive=False))["systems"]["frontlines"]["fields"]
    assert all("first_event" in f for f in fields.values())


@pytest.mark.slow
def test_ceiling_says_what_each_text_makes_reachable(pipeline, tmp_path):
    from types import SimpleNamespace

    from frontlines.evaluate.events import run_rows, summarise

    near = dict(UCDP_ROW, id="1.0", source_headline="Government forces shelled the city of Aleppo on Tuesday, killing 4 people",
                source_date="2016-03-02", best="4.0", side_a="Government of Syria", side_b="IS")
    far = dict(UCDP_ROW, id="2.0", source_headline="Clashes continue in the countryside",
               source_date="2016-02-20", latitude="33.5", longitude="36.3", best="7.0", low="7.0", high="7.0")
    golds = load("ucdp", write_csv(tmp_path / "u.csv", [near, far]))
    ok = SimpleNamespace(nlp=pipeline.nlp, geoparser=pipeline.geoparser, extractor=pipeline.extractor)
    results, seconds = run_rows(golds, ok, naive=False, ceiling=True)
    reach = {r.gold.key: r.reach for r in results}
    assert (reach["1"]["place_25km"], reach["1"]["same_admin1"], reach["1"]["best_exact"]) == (True, True, True), reach
    assert reach["1"]["side_a"] and not reach["1"]["both_sides"]  # the IS is not named
    assert reach["1"]["date_1day"]  # "on Tuesday" before 2 March 2016 is 1 March, the gold start
    assert reach["2"]["place_50km"] is False and reach["2"]["best_exact"] is False and reach["2"]["date_1day"] is False
    ceiling = summarise("ucdp", results, seconds)["ceiling"]
    assert ceiling["place_25km"]["reachable"] == 0.5 and ceiling["best_exact"]["n"] == 2
    assert ceiling["place_25km"]["ours"] <= ceiling["place_25km"]["reachable"]
    assert "ceiling" not in summarise("ucdp", *run_rows(golds, ok, naive=False))


@pytest.mark.slow
def test_command_prints_the_ceiling(shared_dir):
    events = shared_dir / "data" / "events"
    result = CliRunner().invoke(app, ["eval", "events", "--acled", str(events / "acled_2022h1.csv"), "--limit", "3",
                                      "--no-peer", "--ceiling", "--json"])
    assert result.exit_code == 0, result.output
    ceiling = json.loads(result.stdout)["datasets"]["acled"]["ceiling"]
    assert set(ceiling) == {"place_25km", "place_50km", "same_admin1", "fatalities_exact", "date_1day"}
    assert all(c["n"] == 3 and 0 <= c["reachable"] <= 1 for c in ceiling.values())

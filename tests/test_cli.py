"""The `frontlines` command line, driven through typer's CliRunner (and once as `python -m frontlines`).

The spaCy model and the default gazetteer are cached per process (`load_model`, `Gazetteer.default`),
so the `warm_pipeline` session fixture loads them once and every command invoked here reuses them.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from sqlalchemy import text as sql
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.export import EVENT_COLUMNS, PLACE_COLUMNS, REVIEWED_EVENT_COLUMNS
from frontlines.store import Database

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ENV_VARS = ("FRONTLINES_DB", "FRONTLINES_MODEL", "FRONTLINES_GAZETTEER", "FRONTLINES_EXTRACTOR", "FRONTLINES_WORKERS")

# One event whose only place cannot be found in any gazetteer: exported with `geometry: null`.
UNRESOLVED = "Gunmen killed two farmers in the village of Qarvendolo on Monday, residents said.\n"
PLACE_KEYS = ("start", "end", "text", "geonameid", "name", "lat", "lon", "feature_code", "country_code", "score")


def _flat(s: str) -> str:
    """Rich wraps long lines at 80 columns when not on a terminal: compare with whitespace collapsed."""
    return " ".join(s.replace("│", " ").split())


def _invoke(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _counts(url: str) -> dict[str, int]:
    with Database(url) as db:
        return db.counts()


@pytest.fixture(scope="session")
def warm_pipeline():
    """Load the spaCy model and the default gazetteer once; the commands' own `Pipeline()` then reuses them."""
    from frontlines.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No FRONTLINES_* from the caller's shell, and no stray `frontlines.db` in the checkout."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory, warm_pipeline) -> tuple[str, str]:
    """`frontlines run examples/` once into a fresh SQLite file: (url, the run's output)."""
    url = _url(tmp_path_factory.mktemp("examples") / "events.db")
    result = _invoke("run", str(EXAMPLES), "--db", url)
    assert result.exit_code == 0, result.output
    return url, result.stdout


# --- help ------------------------------------------------------------------------------------


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command and group of the app, walked from the click command typer builds (typer vendors click)."""
    found = [(path, command)]
    if hasattr(command, "commands"):
        for name, sub in sorted(command.commands.items()):
            found += _commands(sub, path + (name,))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_every_known_command_is_enumerated() -> None:
    paths = {" ".join(p) for p, _ in COMMANDS}
    assert {"", "run", "export", "geoparse", "extract", "gazetteer", "gazetteer build", "gazetteer info",
            "gazetteer lookup"} <= paths


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) or "frontlines" for p, _ in COMMANDS])
def test_help(path: tuple[str, ...], command: Any) -> None:
    assert (command.help or "").strip(), f"`frontlines {' '.join(path)}` has no help text (add a docstring)"
    for param in command.params:
        if "--help" in getattr(param, "opts", ()):
            continue
        assert (getattr(param, "help", None) or "").strip(), f"{param.name} of `frontlines {' '.join(path)}` has no help"
    for flag in ("--help", "-h"):
        result = _invoke(*path, flag)
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.stdout
        first_line = command.help.strip().splitlines()[0]
        assert _flat(first_line)[:40] in _flat(result.stdout)


def test_no_arguments_shows_help() -> None:
    result = _invoke()
    assert "Usage:" in result.output
    for name in ("run", "export", "geoparse", "extract", "gazetteer"):
        assert name in result.output


def test_help_only_refers_to_existing_commands() -> None:
    known = {" ".join(p) for p, _ in COMMANDS}
    for path, command in COMMANDS:
        texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        for mentioned in re.findall(r"`frontlines ([a-z][a-z -]*)`", " ".join(texts)):
            words = [w for w in mentioned.split() if not w.startswith("-")]
            assert " ".join(words) in known, f"`frontlines {' '.join(path)}` help mentions unknown `frontlines {mentioned}`"


def test_python_dash_m_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "frontlines", "--help"], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Usage:" in proc.stdout and "run" in proc.stdout


def test_the_command_loads_without_spacy() -> None:
    """`--help`, `serve` and `export` should not wait for spaCy: it is imported only to parse reports."""
    code = "import sys, frontlines.cli; sys.exit(1 if 'spacy' in sys.modules else 0)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, "importing frontlines.cli imported spaCy"


def test_version() -> None:
    from frontlines import __version__

    result = _invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"frontlines {__version__}"




# --- run -------------------------------------------------------------------------------------


def _table_row(output: str, label: str) -> list[str]:
    """The cells of a summary table row, e.g. ['events', '40', '40']."""
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("│┃").split("│")]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no {label!r} row in the summary table:\n{output}")


def test_run_examples_prints_the_summary(examples_db: tuple[str, str]) -> None:
    url, output = examples_db
    assert "frontlines run" in output
    counts = _counts(url)
    assert counts["reports"] == 8  # 5 files + 3 JSONL rows
    assert counts["events"] > 0 and counts["failures"] == 0
    for label in ("reports", "events", "failures"):
        this_run, in_db = _table_row(output, label)[1:3]
        assert int(this_run) == int(in_db) == counts[label], output
    mentions = _table_row(output, "place mentions (resolved)")
    assert int(mentions[2]) == counts["place_mentions"]


def test_run_twice_adds_nothing(examples_db: tuple[str, str]) -> None:
    url, _ = examples_db
    before = _counts(url)
    result = _invoke("run", str(EXAMPLES), "--db", url)
    assert result.exit_code == 0, result.output
    assert _counts(url) == before
    assert _table_row(result.stdout, "reports")[1:3] == ["0", str(before["reports"])]
    assert _table_row(result.stdout, "already stored / repeated")[1] == str(before["reports"])
    assert _table_row(result.stdout, "events")[1] == "0"
    with Database(url) as db:
        assert [r["status"] for r in db.runs()][-2:] == ["ok", "ok"]


def test_run_reads_standard_input_with_published(tmp_path: Path, warm_pipeline) -> None:
    url = _url(tmp_path / "stdin.db")
    result = _invoke("run", "-", "--db", url, "--published", "2024-01-02", "--source", "Test Wire", input=UNRESOLVED)
    assert result.exit_code == 0, result.output
    assert _counts(url)["reports"] == 1
    with Database(url) as db:
        with db.engine.connect() as conn:
            (report_id,) = conn.execute(sql("select report_id from reports")).scalars().all()
        report = db.report(report_id)
        assert report is not None
        assert report.origin == "-"
        assert report.text.strip() == UNRESOLVED.strip()
        assert report.published.isoformat() == "2024-01-02"
        assert report.published_from == "option"
        assert report.source == "Test Wire"
        (row,) = list(db.iter_event_rows())
    # "on Monday" before a report published on Tuesday 2 January 2024
    assert (row["date_start"], row["date_end"]) == ("2024-01-01", "2024-01-01")


def test_run_empty_standard_input_fails(tmp_path: Path, warm_pipeline) -> None:
    url = _url(tmp_path / "empty.db")
    result = _invoke("run", "-", "--db", url, input="")
    assert result.exit_code == 1
    assert not isinstance(result.exception, AttributeError), result.exception
    with Database(url) as db:
        (failure,) = db.failures()
    assert failure["origin"] == "-" and "pipe a report" in failure["reason"]


@pytest.mark.parametrize("value", ["2024-13-45", "yesterday", "02/01/2024"])
def test_invalid_published_is_a_usage_error(tmp_path: Path, value: str) -> None:
    url = _url(tmp_path / "bad-date.db")
    result = _invoke("run", "-", "--db", url, "--published", value, input=UNRESOLVED)
    assert result.exit_code == 2, result.output
    message = _flat(result.stderr)
    assert value in message and "YYYY-MM-DD" in message
    assert "Traceback" not in result.output
    assert _counts(url)["reports"] == 0


def test_invalid_published_fails_before_any_work(tmp_path: Path) -> None:
    url = _url(tmp_path / "bad-date.db")
    result = _invoke("run", "-", "--db", url, "--published", "2024-02-30", input=UNRESOLVED)
    assert result.exit_code == 2
    with Database(url) as db:
        assert db.runs() == []


def test_missing_path_is_a_failure(tmp_path: Path, warm_pipeline) -> None:
    url = _url(tmp_path / "missing.db")
    result = _invoke("run", str(tmp_path / "nope.txt"), str(EXAMPLES / "yemen-marib-hodeidah.txt"), "--db", url)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert _counts(url)["reports"] == 1
    with Database(url) as db:
        (failure,) = db.failures()
    assert "no such file" in failure["reason"] and "check the path" in failure["reason"]


def _bad_batch(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(
        "MARTE, Nigeria — Gunmen killed two farmers near Marte in Borno state on Monday, residents said.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "notes.xyz").write_text("not a report format\n", encoding="utf-8")
    (folder / "rows.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Militants attacked a checkpoint in Gao on Tuesday, killing four soldiers."})
        + "\n{\"id\": \"r2\", \"text\": \n"
        + json.dumps({"id": "r3", "text": "Russian forces shelled Kupiansk on Sunday, local officials said."})
        + "\n",
        encoding="utf-8",
    )


def test_bad_batch_keeps_the_good_and_logs_the_bad(tmp_path: Path, warm_pipeline) -> None:
    folder = tmp_path / "batch"
    _bad_batch(folder)
    url = _url(tmp_path / "batch.db")
    result = _invoke("run", str(folder), "--db", url)
    assert isinstance(result.exception, SystemExit), f"the run crashed: {result.exception!r}\n{result.output}"
    assert result.exit_code == 1, result.output
    counts = _counts(url)
    assert counts["reports"] == 3  # good.txt and rows.jsonl lines 1 and 3
    with Database(url) as db:
        failures = {Path(f["origin"]).name: f for f in db.failures()}
        assert db.runs()[-1]["status"] == "partial"
    assert set(failures) == {"empty.txt", "binary.txt", "notes.xyz", "rows.jsonl:2"}
    hints = {"empty.txt": "remove it", "binary.txt": "convert it", "notes.xyz": "supported:",
             "rows.jsonl:2": "fix or remove the line"}
    for name, failure in failures.items():
        assert failure["stage"] == "ingest"
        assert hints[name] in failure["reason"], failure["reason"]
    assert "line 2" in failures["rows.jsonl:2"]["reason"]
    for name in failures:  # each failure is also shown on standard error
        assert name in _flat(result.stderr)


# --- export ----------------------------------------------------------------------------------


def test_export_csv(examples_db: tuple[str, str], tmp_path: Path) -> None:
    url, _ = examples_db
    out = tmp_path / "events.csv"
    result = _invoke("export", "--db", url, "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as fp:
        reader = csv.reader(fp)
        header = next(reader)
        rows = list(reader)
    assert tuple(header) == REVIEWED_EVENT_COLUMNS  # the machine's columns, then the review columns
    assert len(rows) == _counts(url)["events"]
    assert all(len(r) == len(header) for r in rows)
    assert f"exported {len(rows)} events" in _flat(result.stderr)


def test_export_geojson_one_feature_per_event(examples_db: tuple[str, str], tmp_path: Path) -> None:
    url, _ = examples_db
    out = tmp_path / "events.geojson"
    result = _invoke("export", "--db", url, "-f", "geojson", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert len(features) == _counts(url)["events"]
    assert len({f["id"] for f in features}) == len(features)
    for feature in features:
        assert feature["type"] == "Feature"
        props = feature["properties"]
        if props["latitude"] is None:
            assert feature["geometry"] is None
        else:
            assert feature["geometry"]["type"] == "Point"
            assert feature["geometry"]["coordinates"][:2] == [props["longitude"], props["latitude"]]


def test_export_geojson_keeps_an_event_without_coordinates(tmp_path: Path, warm_pipeline) -> None:
    url = _url(tmp_path / "unresolved.db")
    assert _invoke("run", "-", "--db", url, input=UNRESOLVED).exit_code == 0
    result = _invoke("export", "--db", url, "--format", "geojson")
    assert result.exit_code == 0, result.output
    (feature,) = json.loads(result.stdout)["features"]
    assert feature["geometry"] is None
    assert feature["properties"]["event_type"] == "Violence against civilians"
    assert feature["properties"]["latitude"] is None and feature["properties"]["geonameid"] is None


def test_export_jsonl(examples_db: tuple[str, str], tmp_path: Path) -> None:
    url, _ = examples_db
    out = tmp_path / "events.jsonl"
    result = _invoke("export", "--db", url, "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == _counts(url)["events"]
    with Database(url) as db:
        assert [r["event_id"] for r in records] == [r["event_id"] for r in db.iter_event_rows()]
    for record in records:
        assert {"event_id", "event_type", "trigger", "sentence", "report"} <= set(record)
        assert record["report"]["origin"]


def test_export_unknown_format_is_a_usage_error(examples_db: tuple[str, str], tmp_path: Path) -> None:
    url, _ = examples_db
    out = tmp_path / "events.xml"
    result = _invoke("export", "--db", url, "--format", "xml", "--out", str(out))
    assert result.exit_code == 2
    message = _flat(result.stderr)
    assert "--format" in message and "'xml'" in message
    assert all(name in message for name in ("csv", "geojson", "jsonl"))
    assert not out.exists()


# --- geoparse and extract --------------------------------------------------------------------


@pytest.fixture
def batch_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "Syrian army shelling killed three civilians in Saraqib, Idlib province, on Monday."})
        + "\n{not json\n\n"
        + json.dumps({"id": "c", "text": UNRESOLVED, "published": "2024-01-02", "source": "Test Wire"})
        + "\n",
        encoding="utf-8",
    )
    return path


def _read_out(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_geoparse(batch_jsonl: Path, tmp_path: Path, warm_pipeline) -> None:
    out = tmp_path / "places.jsonl"
    result = _invoke("geoparse", str(batch_jsonl), str(out))
    assert result.exit_code == 1, result.output
    assert "line 2" in _flat(result.stderr)
    lines = _read_out(out)
    assert [line["id"] for line in lines] == ["a", "c"]
    for line in lines:
        assert set(line) == {"id", "places"}
        for place in line["places"]:
            assert tuple(place) == PLACE_COLUMNS
            assert set(PLACE_KEYS) <= set(place)
    saraqib = [p for p in lines[0]["places"] if p["text"] == "Saraqib"]
    assert saraqib and saraqib[0]["country_code"] == "SY" and saraqib[0]["geonameid"] is not None
    unresolved = [p for p in lines[1]["places"] if p["text"] == "Qarvendolo"]
    assert unresolved and unresolved[0]["geonameid"] is None and unresolved[0]["lat"] is None


def test_geoparse_stdin_to_stdout(warm_pipeline) -> None:
    line = json.dumps({"id": 7, "text": "Fighting was reported in Mosul."}) + "\n"
    result = _invoke("geoparse", "-", "-", input=line)
    assert result.exit_code == 0, result.output
    (out,) = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert out["id"] == 7 and any(p["text"] == "Mosul" for p in out["places"])


def test_extract(batch_jsonl: Path, tmp_path: Path, warm_pipeline) -> None:
    out = tmp_path / "events.jsonl"
    result = _invoke("extract", str(batch_jsonl), str(out))
    assert result.exit_code == 1, result.output
    assert "line 2" in _flat(result.stderr)
    lines = _read_out(out)
    assert [line["id"] for line in lines] == ["a", "c"]
    for line in lines:
        assert set(line) == {"id", "events"}
        assert line["events"], f"no event found in line {line['id']}"
        for event in line["events"]:
            assert tuple(event) == EVENT_COLUMNS + ("record",)
            assert event["record"]["event_id"] == event["event_id"]
    (shelling,) = lines[0]["events"]
    assert shelling["location"] == "Saraqib" and shelling["low"] == 3
    (unresolved,) = lines[1]["events"]
    assert unresolved["latitude"] is None and unresolved["source"] == "Test Wire"
    assert unresolved["date_start"] == "2024-01-01"  # "on Monday", published Tuesday 2 January 2024
    assert unresolved["record"]["report"]["published"] == "2024-01-02"


@pytest.mark.parametrize("command", ["geoparse", "extract"])
def test_stream_missing_input_file(command: str, tmp_path: Path, warm_pipeline) -> None:
    result = _invoke(command, str(tmp_path / "nope.jsonl"), str(tmp_path / "out.jsonl"))
    assert result.exit_code != 0
    assert not isinstance(result.exception, FileNotFoundError), "a missing input file should be a clear error"


# --- gazetteer -------------------------------------------------------------------------------


def test_gazetteer_lookup(warm_pipeline) -> None:
    result = _invoke("gazetteer", "lookup", "Mosul", "--country", "IQ", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert "Mosul" in result.stdout and "IQ" in result.stdout


def test_gazetteer_lookup_nothing_found(warm_pipeline) -> None:
    result = _invoke("gazetteer", "lookup", "Qxzvbnqwrt", "--country", "IQ")
    assert result.exit_code == 1


def test_gazetteer_info(warm_pipeline) -> None:
    result = _invoke("gazetteer", "info")
    assert result.exit_code == 0, result.output
    assert "places" in result.stdout


def test_gazetteer_build_missing_dump_is_a_usage_error(tmp_path: Path) -> None:
    result = _invoke("gazetteer", "build", "--out", str(tmp_path / "g.idx"), "--geonames", str(tmp_path / "SY.zip"))
    assert result.exit_code == 2, result.output
    assert "SY.zip" in _flat(result.stderr) and "does not exist" in _flat(result.stderr)
    assert not (tmp_path / "g.idx").exists()


def test_run_with_two_workers_stores_the_same_events(examples_db, tmp_path: Path) -> None:
    serial, _ = examples_db
    folder = tmp_path / "in"
    folder.mkdir()
    for path in EXAMPLES.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a failure passes through the workers too
    url = _url(tmp_path / "parallel.db")
    result = _invoke("run", str(folder), "--db", url, "--workers", "2")
    assert result.exit_code == 1, result.output  # the empty file failed, the rest went on
    with Database(serial) as a, Database(url) as b:
        assert [r["event_id"] for r in a.iter_event_rows()] == [r["event_id"] for r in b.iter_event_rows()]
        assert [f["origin"].endswith("empty.txt") for f in b.failures()] == [True]


def test_export_says_which_values_are_reviewed(tmp_path: Path) -> None:
    import records_factory as rf

    from frontlines.store import Annotations

    url = _url(tmp_path / "r.db")
    rep, found, (attack, strike) = rf.white_desert()
    with Database(url) as db:
        db.save(rep, found, [attack, strike], db.start_run({}))
        Annotations(db).review(strike.event_id, "correct", "analyst", {"event_type": "Battles"})
    assert _invoke("export", "--db", url, "--out", str(tmp_path / "e.csv")).exit_code == 0
    with open(tmp_path / "e.csv", newline="", encoding="utf-8") as f:
        rows = {r["event_id"]: r for r in csv.DictReader(f)}
    machine = rows[strike.event_id]
    assert machine["event_type"] == strike.event_type  # the machine's value stays in its column
    assert (machine["review_status"], machine["reviewed_by"]) == ("corrected", "analyst")
    assert json.loads(machine["reviewed_values"]) == {"event_type": "Battles"}
    assert rows[attack.event_id]["review_status"] == ""
    assert _invoke("export", "--db", url, "--format", "jsonl", "--out", str(tmp_path / "e.jsonl")).exit_code == 0
    records = {r["event_id"]: r for r in map(json.loads, (tmp_path / "e.jsonl").read_text().splitlines())}
    assert records[strike.event_id]["review"]["reviewed_values"] == {"event_type": "Battles"}
    assert records[attack.event_id]["review"] is None


def test_run_and_export_on_postgresql_match_sqlite(examples_db, postgres, tmp_path: Path) -> None:
    """The whole path into a PostgreSQL server gives the rows SQLite holds, and so does its export."""
    serial, _ = examples_db
    url = postgres.database()
    result = _invoke("run", str(EXAMPLES), "--db", url, "--workers", "2")
    assert result.exit_code == 0, result.output
    assert _counts(url) == _counts(serial)
    again = _invoke("run", str(EXAMPLES), "--db", url)  # stored already: the ON CONFLICT paths
    assert again.exit_code == 0 and _counts(url) == _counts(serial), again.output
    for db_url, name in ((serial, "sqlite.csv"), (url, "pg.csv")):
        assert _invoke("export", "--db", db_url, "--out", str(tmp_path / name)).exit_code == 0
    assert (tmp_path / "pg.csv").read_text(encoding="utf-8") == (tmp_path / "sqlite.csv").read_text(encoding="utf-8")

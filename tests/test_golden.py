"""Golden end-to-end test: the sample reports in `examples/` through the whole pipeline.

The events found in each sample report are reduced to a compact, stable projection (per report,
keyed by the origin's file name: the trigger word, event_type, sub_event_type, actor1, actor2,
location, where_prec, date_start, date_end, low, best, high, modality) and compared with
`tests/golden/examples.json`.

When a change to the extractor, the geoparser, the cleaner or the sample reports changes the
events *on purpose*, regenerate the golden file, read its diff and commit it with the change:

    FRONTLINES_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

With `FRONTLINES_UPDATE_GOLDEN=1` the test rewrites the file (and passes) instead of comparing.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from frontlines.config import Settings
from frontlines.export import event_row
from frontlines.ingest import iter_documents
from frontlines.pipeline import Pipeline, Summary, reports_from
from frontlines.records import Failure

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "examples.json"
UPDATE = os.environ.get("FRONTLINES_UPDATE_GOLDEN") == "1"

FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "where_prec",
    "date_start",
    "date_end",
    "low",
    "best",
    "high",
    "modality",
)


@pytest.fixture(scope="session")
def golden_pipeline() -> Pipeline:
    """The default pipeline (rules extractor, default model and gazetteer), loaded once per session.

    Settings are spelled out so that FRONTLINES_* variables in the environment cannot change the result.
    """
    return Pipeline(Settings(db_url="sqlite://", model=None, gazetteer=None, extractor="rules"))


def project(pipeline: Pipeline, paths: list[str]) -> dict[str, list[dict[str, Any]]]:
    """{origin file name: [event projection, ...]} in text order; fails on any Failure."""
    summary = Summary()
    out: dict[str, list[dict[str, Any]]] = {}
    failures: list[Failure] = []
    for item in pipeline.process(reports_from(iter_documents(paths), summary)):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        name = Path(item.report.origin).name  # "wire-briefs.jsonl:2" for a row: no machine-specific path
        events = sorted(item.events, key=lambda e: (e.trigger.start, e.trigger.end, e.event_type))
        projected = []
        for event in events:
            row = event_row(event, item.report)
            projected.append({"trigger": event.trigger.text} | {f: row[f] for f in FIELDS})
        assert name not in out, f"two reports with the origin name {name!r}"
        out[name] = projected
    assert not failures, "the sample reports must all be processed:\n" + "\n".join(
        f"{f.origin} ({f.stage}): {f.reason}" for f in failures
    )
    return dict(sorted(out.items()))


def dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_examples_match_golden(golden_pipeline: Pipeline) -> None:
    actual = dump(project(golden_pipeline, [str(EXAMPLES)]))
    if UPDATE:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8")
        return
    assert GOLDEN.exists(), f"{GOLDEN} is missing; create it with FRONTLINES_UPDATE_GOLDEN=1 (see this module's docstring)"
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"{GOLDEN.relative_to(ROOT)} (expected)",
                tofile="pipeline output (actual)",
                n=12,  # enough to show the trigger and the report of a changed event
            )
        )
        pytest.fail(
            "the events found in examples/ differ from the golden file; if the change is intended, "
            "rerun with FRONTLINES_UPDATE_GOLDEN=1 and commit the new golden file.\n" + diff,
            pytrace=False,
        )


def test_golden_covers_every_example() -> None:
    """Each sample report (and each row of the JSONL briefs) has an entry, even when it has no events."""
    if UPDATE or not GOLDEN.exists():
        pytest.skip("golden file being (re)written")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    files = {p.name for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html", ".htm")}
    rows = sum(1 for line in (EXAMPLES / "wire-briefs.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())
    expected = files | {f"wire-briefs.jsonl:{n}" for n in range(1, rows + 1)}
    assert set(golden) == expected
    assert sum(len(v) for v in golden.values()) > 0


def test_pipeline_is_deterministic(golden_pipeline: Pipeline) -> None:
    """Running the same reports twice in one process gives the same events (no state leaks between runs)."""
    paths = [str(EXAMPLES / "syria-deir-ez-zor-ambush.txt"), str(EXAMPLES / "wire-briefs.jsonl")]
    assert project(golden_pipeline, paths) == project(golden_pipeline, paths)

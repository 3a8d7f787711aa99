"""The pipeline over worker processes: the same results as in one process, in input order, across batches."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.config import Settings
from frontlines.ingest import iter_documents
from frontlines.pipeline import Pipeline, Summary, reports_from
from frontlines.records import Failure

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.slow
def test_two_workers_give_the_serial_results_in_order(pipeline, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    paths = [str(EXAMPLES), str(tmp_path / "empty.txt")]
    one = Pipeline(Settings(batch_size=1), nlp=pipeline.nlp, geoparser=pipeline.geoparser, extractor=pipeline.extractor)

    def run(workers):
        items = list(one.process(reports_from(iter_documents(paths), Summary()), workers=workers))
        return [(i.origin, i.stage) if isinstance(i, Failure) else
                (i.report.origin, [e.event_id for e in i.events]) for i in items]

    serial, parallel = run(1), run(2)
    assert len(serial) > 4  # several batches of one report each
    assert parallel == serial
    assert any(isinstance(x[1], str) for x in parallel)  # the empty file's failure came through in its place
    assert all(isinstance(x[1], list) for x in parallel if not x[0].endswith("empty.txt"))

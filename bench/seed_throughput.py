"""Reports per second of `frontlines run` on the seed repeated N times, against spaCy's own `nlp.pipe`.

Both are measured in the same process and run, on the same texts, so the ratio holds on any
machine. Each copy gets a distinct first line so that the content hash does not fold them.
Usage: python bench/seed_throughput.py [N] [--out bench/report.md]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from frontlines.nlp import load_model

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "report-white-desert.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=200)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    texts = [f"Copy {i}\n\n{text}" for i in range(args.n)]

    nlp = load_model()
    list(nlp.pipe(texts[:4]))  # warm up
    t0 = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    spacy_s = time.perf_counter() - t0

    from frontlines.ingest import iter_documents
    from frontlines.pipeline import Pipeline, Summary, reports_from
    from frontlines.records import Failure
    from frontlines.store import Database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i, t in enumerate(texts):
            (folder / f"seed-{i:04d}.txt").write_text(t, encoding="utf-8")
        t_load = time.perf_counter()
        pipeline = Pipeline(nlp=nlp)
        load_s = time.perf_counter() - t_load
        db = Database(f"sqlite:///{tmp}/bench.db")
        run_id = db.start_run({"bench": "seed"})
        summary = Summary()
        t1 = time.perf_counter()
        events = 0
        for item in pipeline.process(reports_from(iter_documents([str(folder)]), summary, db.has_report)):
            if not isinstance(item, Failure):
                db.save(item.report, item.mentions, item.events, run_id)
                events += len(item.events)
        run_s = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"# Seed throughput ({args.n} copies of the seed report, {n_tokens:,} tokens)",
        "",
        "| what | seconds | reports/s | tokens/s | ratio to spaCy |",
        "|---|---:|---:|---:|---:|",
        f"| spaCy `nlp.pipe` alone | {spacy_s:.2f} | {args.n / spacy_s:.1f} | {n_tokens / spacy_s:,.0f} | 1.00 |",
        f"| `frontlines run` path (read, clean, nlp, places, events, store) | {run_s:.2f} | {args.n / run_s:.1f} "
        f"| {n_tokens / run_s:,.0f} | {spacy_s / run_s:.2f} |",
        "",
        f"Pipeline set-up (gazetteer load, extractor): {load_s:.2f} s; events stored: {events}; "
        f"peak memory: {peak_mb:,.0f} MB.",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()

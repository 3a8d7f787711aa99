"""`make bench`: speed and memory of every stage, as ratios to spaCy's own `nlp.pipe` in the same run.

For each corpus (the seed report repeated, UCDP headlines, ACLED notes, FA-KES articles, LGL and
GeoWebNews news) the same texts go through each stage in one process: clean (text to report),
spaCy's `nlp.pipe` (the reference), the geoparser, the event extractor, the SQLite store, and
the whole `frontlines run` path. Reports per second and tokens per second are given per stage,
with the ratio of "parse + stage" throughput to the parse alone (1.00 = free). The gazetteer's
load time, exact and fuzzy lookups per second, and memory are measured on their own; the whole
path is also run with one and with two worker processes.

Seconds depend on the machine and on what else runs; the ratios are what to compare.
Usage: python bench/run.py [--scale 1.0] [--out bench/report.md]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from frontlines.records import Failure

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "report-white-desert.txt"
DATA = SHARED / "data"


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def corpora(scale: float) -> dict[str, list[tuple[str, str | None]]]:
    """Texts with their publication dates (ISO), per corpus, in a fixed order."""
    from frontlines.evaluate.eventgold import load, select
    from frontlines.evaluate.geoparse import load_gold

    n = lambda k: max(4, int(k * scale))  # noqa: E731
    seed = SEED.read_text(encoding="utf-8")
    out: dict[str, list[tuple[str, str | None]]] = {
        "seed": [(f"Copy {i}\n\n{seed}", "2019-04-01") for i in range(n(100))]}
    for dataset, file, k in (("ucdp", "ucdp_ged_syria.csv", 1000), ("acled", "acled_2022h1.csv", 500),
                             ("fakes", "fakes_syria.csv", 100)):
        rows = select(load(dataset, DATA / "events" / file), n(k))
        out[dataset] = [(r.text, r.published.isoformat() if r.published else None) for r in rows]
    for corpus, k in (("lgl", 261), ("geowebnews", 95)):
        docs = load_gold([DATA / "geoparsing" / f"{corpus}.jsonl"])[:n(k)]
        out[corpus] = [(d["text"], None) for d in docs]
    return out


def _reports(texts):
    from datetime import date

    from frontlines.clean import to_report
    from frontlines.records import Document, Report

    reports = []
    for i, (text, published) in enumerate(texts):
        r = to_report(Document(origin=f"bench:{i}", text=text, published=date.fromisoformat(published) if published else None,
                               published_from="row" if published else None))
        if isinstance(r, Report):
            reports.append(r)
    return reports


def stages(name: str, texts, pipeline) -> dict:
    """Seconds per stage on one corpus, all in this process."""
    from frontlines.store import Database

    nlp, geoparser, extractor = pipeline.nlp, pipeline.geoparser, pipeline.extractor
    t = time.perf_counter()
    reports = _reports(texts)
    clean_s = time.perf_counter() - t
    list(nlp.pipe([r.text for r in reports[:4]]))  # warm up
    gc.collect()
    t = time.perf_counter()
    docs = list(nlp.pipe([r.text for r in reports], batch_size=16))
    spacy_s = time.perf_counter() - t
    tokens = sum(len(d) for d in docs)
    t = time.perf_counter()
    mentions = [geoparser(d) for d in docs]
    geo_s = time.perf_counter() - t
    t = time.perf_counter()
    events = [extractor(d, r, m) for d, r, m in zip(docs, reports, mentions)]
    events_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/bench.db")
        run_id = db.start_run({"bench": name})
        t = time.perf_counter()
        for r, m, e in zip(reports, mentions, events):
            db.save(r, m, e, run_id)
        store_s = time.perf_counter() - t
        db2 = Database(f"sqlite:///{tmp}/bench2.db")
        run2 = db2.start_run({"bench": name})
        del docs
        gc.collect()
        t = time.perf_counter()
        for item in pipeline.process(reports):
            if isinstance(item, Failure):
                db2.save_failure(item, run2)
            else:
                db2.save(item.report, item.mentions, item.events, run2)
        run_s = time.perf_counter() - t
    return {"reports": len(reports), "tokens": tokens, "chars": sum(len(r.text) for r in reports),
            "events": sum(map(len, events)), "mentions": sum(map(len, mentions)),
            "clean": clean_s, "spacy": spacy_s, "geoparse": geo_s, "events_s": events_s, "store": store_s, "run": run_s}


def workers(texts, n: int, pipeline) -> dict:
    """The whole path without the store (clean, nlp, places, events) with `n` worker processes,
    as `frontlines run --workers n` runs it (forking the pool is inside the time)."""
    reports = _reports(texts)
    t = time.perf_counter()
    events = sum(len(item.events) for item in pipeline.process(reports, workers=n) if not isinstance(item, Failure))
    return {"workers": n, "seconds": time.perf_counter() - t, "events": events}


def gazetteer_bench(names: list[str]) -> dict:
    from frontlines.places import Gazetteer

    default = Gazetteer.default()  # builds the cache file on first use
    path = default.info().get("path")
    del default
    gc.collect()
    rss0 = _rss_mb()
    t = time.perf_counter()
    gaz = Gazetteer.load(path)
    load_s = time.perf_counter() - t
    rss1 = _rss_mb()
    queries = (names * (100_000 // max(1, len(names)) + 1))[:100_000]
    t = time.perf_counter()
    hits = sum(1 for q in queries if gaz.candidates(q))
    exact_s = time.perf_counter() - t
    fuzzy_q = names[:300]
    t = time.perf_counter()
    for q in fuzzy_q:
        gaz.fuzzy(q, limit=5)
    fuzzy_s = time.perf_counter() - t
    return {"places": len(gaz), "load_s": load_s, "index_mb": rss1 - rss0, "lookups": len(queries),
            "lookups_per_s": len(queries) / exact_s, "hit_share": hits / len(queries),
            "fuzzy_per_s": len(fuzzy_q) / fuzzy_s, "file_mb": os.path.getsize(path) / 2**20}


def _row(label: str, seconds: float, c: dict, ref: float | None) -> str:
    ratio = f"{ref / (ref + seconds):.2f}" if ref is not None else "1.00"
    return (f"| {label} | {seconds:.2f} | {c['reports'] / seconds:,.1f} | {c['tokens'] / seconds:,.0f} | {ratio} |"
            if seconds > 0 else f"| {label} | 0 | — | — | — |")


def render(results: dict, gaz: dict, pools: list[dict], meta: dict) -> str:
    lines = ["# frontlines benchmarks", "",
             f"{meta['date']}, commit `{meta['commit']}`, {meta['machine']}, {os.cpu_count()} cores; "
             f"`{meta['command']}`. Seconds depend on the machine and its load; the ratios are measured in the same "
             "process on the same texts. \"ratio\" is the throughput of the parse plus the stage over the parse alone "
             "(1.00 = the stage is free; for the whole path: spaCy seconds over path seconds).", ""]
    lines += ["## Summary", "", "| corpus | reports | tokens | spaCy reports/s | geoparse ratio (target ≥ 0.80) | "
              "events time / (parse+geoparse) (target ≤ 0.25) | whole path ratio | events |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, c in results.items():
        lines.append(f"| {name} | {c['reports']} | {c['tokens']:,} | {c['reports'] / c['spacy']:,.1f} | "
                     f"{c['spacy'] / (c['spacy'] + c['geoparse']):.2f} | {c['events_s'] / (c['spacy'] + c['geoparse']):.3f} | "
                     f"{c['spacy'] / c['run']:.2f} | {c['events']} |")
    lines.append("")
    for name, c in results.items():
        lines += [f"## {name}: {c['reports']} reports, {c['tokens']:,} tokens, {c['mentions']} place mentions, "
                  f"{c['events']} events", "", "| stage | seconds | reports/s | tokens/s | ratio |", "|---|---:|---:|---:|---:|",
                  _row("clean (text → report)", c["clean"], c, c["spacy"]),
                  _row("spaCy `nlp.pipe` (reference)", c["spacy"], c, None),
                  _row("places (recognise + resolve)", c["geoparse"], c, c["spacy"]),
                  _row("events (extract)", c["events_s"], c, c["spacy"]),
                  _row("store (SQLite)", c["store"], c, c["spacy"]),
                  f"| whole path (nlp, places, events, store) | {c['run']:.2f} | {c['reports'] / c['run']:,.1f} | "
                  f"{c['tokens'] / c['run']:,.0f} | {c['spacy'] / c['run']:.2f} |", ""]
    lines += ["## Gazetteer", "",
              f"- default index: {gaz['places']:,} places, file {gaz['file_mb']:.0f} MB, loads in {gaz['load_s']:.2f} s "
              f"(target < 2 s), adds {gaz['index_mb']:,.0f} MB to the process",
              f"- exact lookups (spelling key → candidates): {gaz['lookups_per_s']:,.0f} per second over {gaz['lookups']:,} "
              f"queries of gold toponym names (target ≥ 50,000; {gaz['hit_share']:.0%} found)",
              f"- fuzzy lookups (bounded Jaro-Winkler, all countries): {gaz['fuzzy_per_s']:,.0f} per second", ""]
    lines += ["## Worker processes (`--workers`: the whole path without the store, on the UCDP and seed texts)", "",
              "| workers | seconds | reports/s | speed-up |", "|---:|---:|---:|---:|"]
    for p in pools:
        lines.append(f"| {p['workers']} | {p['seconds']:.2f} | {p['reports'] / p['seconds']:,.1f} | "
                     f"{pools[0]['seconds'] / p['seconds']:.2f} |")
    lines += ["", f"Peak memory: this process {meta['peak_mb']:,.0f} MB (target < 1 GB for geoparsing); "
              f"largest worker {meta['child_peak_mb']:,.0f} MB.", ""]
    return "\n".join(lines)


def main() -> None:
    import subprocess

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply every corpus size (0.1 for a quick run).")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA} not found: the benchmarks read ../shared beside the checkout")
    from frontlines.evaluate.geoparse import load_gold

    names = sorted({t["text"] for d in load_gold([DATA / "geoparsing" / "lgl.jsonl", DATA / "geoparsing" / "geowebnews.jsonl"])
                    for t in d["toponyms"]})
    random.Random(0).shuffle(names)
    gaz = gazetteer_bench(names)
    texts = corpora(args.scale)

    from frontlines.pipeline import Pipeline

    pipeline = Pipeline()
    results = {}
    for name, items in texts.items():
        print(f"{name}: {len(items)} texts…", flush=True)
        results[name] = stages(name, items, pipeline)
    pool_texts = texts["ucdp"] + texts["seed"]
    pools = []
    for n in (1, 2):
        p = workers(pool_texts, n, pipeline)
        p["reports"] = len(pool_texts)
        pools.append(p)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    meta = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit,
            "machine": f"{platform.machine()}, Python {platform.python_version()}",
            "command": "make bench" if args.scale == 1.0 else f"python bench/run.py --scale {args.scale}",
            "peak_mb": _peak_mb(), "child_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}
    report = render(results, gaz, pools, meta)
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()

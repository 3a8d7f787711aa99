"""Workbench API bench: filtered pages of /api/events over 100,000 stored events, p50/p95 latency.

Events are made in the style of tests/records_factory.py (typed `Report`/`Event` records with real
spans, flattened by `event_row`/`event_record`) and written straight into the store's tables in
large batches (the pipeline would take hours for 100,000 events). Each query of a fixed mix is then
asked many times through the ASGI app in-process (FastAPI + SQLite, JSON serialisation included,
no network), and the latencies are written to bench/api.md. Target: p95 < 200 ms.

    python bench/api_bench.py [--events 100000] [--repeat 30] [--out bench/api.md]
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert

from frontlines.export import event_record, event_row
from frontlines.records import Actor, Attribution, DateRange, Event, Evidence, Place, PlaceMention, Report, Span, Toll
from frontlines.store import Database, schema
from frontlines.store.db import _now, _to_db
from frontlines.web import WebConfig, create_app

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence"),
         ("Strategic developments", "Arrests")]
ACTORS = [("Military Forces of Syria", 1), ("Islamic State (Syria)", 2), ("Military Forces of Russia", 8),
          ("Hayat Tahrir al-Sham", 2), ("Military Forces of Ukraine", 1), ("Ansar Allah", 2), ("JNIM", 2),
          ("Military Forces of Nigeria", 1), ("Boko Haram", 2), ("Civilians (Syria)", 7)] + \
         [(f"Militia {n}", 3) for n in range(20)]
SOURCES = [f"Outlet {n}" for n in range(20)]
MODALITIES = ["happened"] * 6 + ["claimed"] * 3 + ["denied", "planned"]
AREAS = [(35.0, 38.5, 3.0), (48.5, 36.0, 3.0), (15.5, 45.0, 2.5), (12.0, 13.5, 3.0), (33.3, 43.8, 2.0)]
START = date(2019, 1, 1)

TEMPLATE = ("{a1} forces clashed with {a2} near {place} on {day}, killing {n} people, "
            "according to {src}. Report {i}.\n")


def make_report(i: int, rng: random.Random) -> tuple[Report, list[Event]]:
    """One synthetic report with ten events on its one sentence, every span taken from its text."""
    a1, a2 = rng.sample(ACTORS, 2)
    lat0, lon0, spread = rng.choice(AREAS)
    day = START + timedelta(days=rng.randrange(6 * 365))
    place_name = f"Place {rng.randrange(2000)}"
    text = TEMPLATE.format(a1=a1[0], a2=a2[0], place=place_name, day=day.isoformat(), n=rng.randrange(1, 60),
                           src="the ministry", i=i)
    rep = Report(Report.make_id(text), text, f"bench/{i}.txt", title=f"Bench report {i}",
                 source=rng.choice(SOURCES), published=day + timedelta(days=1), published_from="row", language="en")

    def span(needle: str) -> Span:
        start = text.index(needle)
        return Span(start, start + len(needle), needle)

    events = []
    for k in range(10):
        etype, sub = rng.choice(TYPES)
        place = Place(geonameid=100_000 + rng.randrange(2000), name=place_name, feature_class="P",
                      feature_code="PPL", country_code="SY", lat=lat0 + rng.uniform(-spread, spread),
                      lon=lon0 + rng.uniform(-spread, spread), country_name="Syria")
        mention = PlaceMention(span(place_name), place=place, score=0.8, reason="bench")
        trigger = span("clashed")
        when = day + timedelta(days=rng.randrange(-3, 4))
        prec = rng.choice([1, 1, 2, 3, 4])
        events.append(Event(
            event_id=hashlib.sha256(f"{rep.report_id}:{k}".encode()).hexdigest()[:16], report_id=rep.report_id,
            event_type=etype, sub_event_type=sub, trigger=trigger, sentence=Span(0, len(text) - 1, text[:-1]),
            actor1=Actor(a1[0], a1[0], a1[1], span(a1[0])), actor2=Actor(a2[0], a2[0], a2[1], span(a2[0])),
            place=mention, where_prec=rng.choice([1, 2, 2, 3, 4, 6]), geo_precision=rng.choice([1, 2, 3]),
            date=DateRange(when, when, prec, "text", span(day.isoformat())),
            fatalities=Toll(best=rng.randrange(0, 60), span=span("killing")), modality=rng.choice(MODALITIES),
            attribution=Attribution(outlet=rep.source, quoted="the ministry", span=span("the ministry")),
            violence_type=1, evidence=[Evidence("trigger", trigger)],
        ))
    return rep, events


def fill(db: Database, n_events: int, seed: int = 7) -> None:
    """Write `n_events` events (ten per report) straight into the store's tables, in batches."""
    rng = random.Random(seed)
    run = db.start_run({"bench": n_events})
    with db._writing() as conn:
        conn.execute(insert(schema.sources), [{"name": s} for s in SOURCES])
        source_ids = {row.name: row.id for row in conn.execute(schema.sources.select())}
        conn.execute(insert(schema.places), [
            {"geonameid": 100_000 + n, "name": f"Place {n}", "feature_class": "P", "feature_code": "PPL",
             "country_code": "SY", "lat": 35.0, "lon": 38.5, "population": 0, "source": "bench"} for n in range(2000)])
        reports, rows = [], []
        for i in range(n_events // 10):
            rep, events = make_report(i, rng)
            reports.append({"report_id": rep.report_id, "source_id": source_ids[rep.source], "title": rep.title,
                            "url": None, "published": rep.published, "published_from": rep.published_from,
                            "origin": rep.origin, "language": "en", "text": rep.text, "run_id": run,
                            "created": _now()})
            for ev in events:
                row = _to_db(event_row(ev, rep))
                row.update(trigger_start=ev.trigger.start, record=event_record(ev, rep))
                rows.append(row)
            if len(rows) >= 20_000:
                conn.execute(insert(schema.reports), reports)
                conn.execute(insert(schema.events), rows)
                reports, rows = [], []
        if rows:
            conn.execute(insert(schema.reports), reports)
            conn.execute(insert(schema.events), rows)
    db.finish_run(run, {"events": n_events}, "ok")
    with db._writing() as conn:
        conn.exec_driver_sql("ANALYZE")


QUERIES: dict[str, dict[str, object]] = {
    "type + one year, page 1": {"type": "Battles", "date_from": "2021-01-01", "date_to": "2021-12-31"},
    "type + one year, page 20": {"type": "Battles", "date_from": "2021-01-01", "date_to": "2021-12-31", "page": 20},
    "bbox (Syria) + claimed": {"bbox": "36,33,41,37", "modality": "claimed"},
    "bbox + type + month": {"bbox": "35,32,42,38", "type": "Explosions/Remote violence",
                            "date_from": "2022-03-01", "date_to": "2022-03-31"},
    "actor + source": {"actor": "Military Forces of Russia", "source": "Outlet 3"},
    "precision (place<=2, date<=1), page 50": {"where_prec": 2, "date_prec": 1, "page": 50},
    "text search 'Militia 7'": {"q": "Militia 7"},
    "no filter, page 1": {},
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out", type=Path, default=Path("bench/api.md"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        t0 = time.perf_counter()
        fill(db, args.events)
        fill_s = time.perf_counter() - t0
        stored = db.counts()["events"]
        app = create_app(WebConfig(db_url=db.url, allowed_hosts=["testserver"]), db)
        per_query: dict[str, list[float]] = {}
        totals: dict[str, int] = {}
        with TestClient(app) as client:
            for name, params in QUERIES.items():  # warm-up, and check each answers
                response = client.get("/api/events", params={"per_page": 50, **params})
                response.raise_for_status()
                totals[name] = response.json()["total"]
            for _ in range(args.repeat):
                for name, params in QUERIES.items():
                    start = time.perf_counter()
                    response = client.get("/api/events", params={"per_page": 50, **params})
                    per_query.setdefault(name, []).append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200
        db.close()
    every = [v for values in per_query.values() for v in values]
    p50, p95 = percentile(every, 0.50), percentile(every, 0.95)
    lines = [
        "# Workbench API bench",
        "",
        f"Filtered pages (50 events) of `/api/events` over **{stored:,} stored events** (SQLite), asked "
        f"{args.repeat} times each through the app in-process (FastAPI TestClient: routing, SQL, JSON), "
        f"on {platform.machine()} with Python {platform.python_version()}. Filling the database took {fill_s:.0f} s.",
        "",
        f"**All queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms** (target: p95 < 200 ms) — "
        + ("met." if p95 < 200 else "NOT met."),
        "",
        "| query | matching events | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, values in per_query.items():
        lines.append(f"| {name} | {totals[name]:,} | {percentile(values, .5):.1f} | {percentile(values, .95):.1f} "
                     f"| {max(values):.1f} |")
    lines += ["", "Made by `python bench/api_bench.py` (part of `make bench`)."]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if p95 < 200 else 1


if __name__ == "__main__":
    sys.exit(main())

"""The evaluation gate: a fixed subset of the shared gold data, and floors that only go up.

`make test` scores our geoparser and extractor on the subset (`SUBSET`: documents and rows
drawn by a hash of their ids, small enough for CI) and fails when any pinned metric falls
below its floor in `eval/floors.json`, or when the subset is not the one the floors were pinned
on (its digest changed). `frontlines eval gate --update` raises floors to the measured values
minus `EPSILON`; lowering one needs `--lower` as well, so it only happens on purpose.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from frontlines.cli_common import err
from frontlines.evaluate.eventgold import EVENT_FILES

EPSILON = 0.005
FLOORS_FILE = Path(__file__).resolve().parents[3] / "eval" / "floors.json"

SUBSET = {
    "geoparse": {"lgl": 80, "geowebnews": 40, "re3d": 98},
    "events": {"ucdp": 300, "acled": 300, "fakes": 40},
}
GEO_METRICS = ("f1", "acc161", "recall161")
DETECTION_ONLY = frozenset({"re3d"})  # gold without points: F1 alone
EVENT_METRICS = {
    "ucdp": ("same_admin1", "place_50km", "best_exact", "best_in_range", "both_sides", "date_1day"),
    "acled": ("event_type", "sub_event_type", "fatalities_exact", "place_25km", "actor1"),
    "fakes": ("governorate", "civilians_10pct", "noncivilians_10pct", "both_categories_10pct"),
}


def _geo_subset(data: Path) -> tuple[list[dict], dict[str, str]]:
    from frontlines.evaluate.geoparse import load_gold

    docs, digests = [], {}
    for corpus, n in SUBSET["geoparse"].items():
        path = data / corpus if corpus in DETECTION_ONLY else data / "geoparsing" / f"{corpus}.jsonl"
        ranked = sorted(load_gold([path]),
                        key=lambda d: hashlib.sha1(f"{corpus}:{d['id']}".encode()).hexdigest())[:n]
        h = hashlib.sha256()
        for d in ranked:
            h.update(f"{d['id']}\x1f{d['text']}\x1f{json.dumps(d['toponyms'], sort_keys=True)}\x1e".encode())
        digests[f"geoparse.{corpus}"] = h.hexdigest()[:16]
        docs += ranked
    return docs, digests


def measure(data: Path, pipeline) -> tuple[dict[str, float | None], dict[str, str]]:
    """The pinned metrics on the subset, as flat "task.corpus.metric" keys, and the subset digests."""
    from frontlines.evaluate.eventcmd import evaluate_events
    from frontlines.evaluate.geoparse import evaluate_docs

    learnt = pipeline.geoparser.gazetteer.info().get("learnt_places", 0)
    if learnt:
        raise ValueError(f"the gazetteer holds {learnt:,} places learnt from event datasets, which would let the gate "
                         "read the gold's own answers; measure with a GeoNames-only index (rebuild the default one "
                         "with `frontlines gazetteer build`)")
    docs, digests = _geo_subset(data)
    geo = evaluate_docs(docs, geoparser=pipeline.geoparser, nlp=pipeline.nlp, peers=())
    metrics: dict[str, float | None] = {}
    for corpus in SUBSET["geoparse"]:
        ours = geo["corpora"][corpus]["systems"]["frontlines"]
        names = ("f1",) if corpus in DETECTION_ONLY else GEO_METRICS
        metrics.update({f"geoparse.{corpus}.{m}": ours[m] for m in names})
    for dataset, n in SUBSET["events"].items():
        result = evaluate_events({dataset: data / "events" / EVENT_FILES[dataset]}, limit=n, pipeline=pipeline, naive=False)
        summary = result["datasets"][dataset]
        digests[f"events.{dataset}"] = summary["digest"]
        fields = summary["systems"]["frontlines"]["fields"]
        metrics.update({f"events.{dataset}.{m}": fields[m]["score"] for m in EVENT_METRICS[dataset]})
    return metrics, digests


@dataclass(slots=True)
class Verdict:
    """What the gate found: metrics under their floor, and subsets that are not the pinned ones."""

    below: list[tuple[str, float | None, float]]
    changed: list[tuple[str, str | None, str]]
    unpinned: list[str]

    @property
    def ok(self) -> bool:
        return not self.below and not self.changed

    def explain(self) -> str:
        lines = [f"{k}: measured {v}, floor {f}" for k, v, f in self.below]
        lines += [f"{k}: no floors pinned for this subset yet; pin them with `frontlines eval gate --update`"
                  if then is None else
                  f"{k}: the subset's digest is {now}, the floors were pinned on {then}; "
                  "the shared data changed: re-pin the floors with `frontlines eval gate --update --lower`"
                  for k, then, now in self.changed]
        return "\n".join(lines)


def check(metrics: dict[str, float | None], digests: dict[str, str], pinned: dict) -> Verdict:
    """Compare measured metrics and digests with the pinned floors file's content."""
    floors, pinned_digests = pinned.get("floors", {}), pinned.get("digests", {})
    below = [(k, metrics.get(k), f) for k, f in floors.items() if metrics.get(k) is None or metrics[k] < f]
    changed = [(k, pinned_digests.get(k), d) for k, d in digests.items() if pinned_digests.get(k) != d]
    unpinned = [k for k in metrics if k not in floors]
    return Verdict(below, changed, unpinned)


def updated(pinned: dict, metrics: dict[str, float | None], digests: dict[str, str], *, lower: bool = False) -> dict:
    """New floors: measured minus EPSILON, never below the old floor unless `lower`."""
    floors = dict(pinned.get("floors", {}))
    for k, v in metrics.items():
        if v is None:
            continue
        new = max(0.0, round(v - EPSILON, 4))
        floors[k] = new if lower or k not in floors else max(floors[k], new)
    return {"_about": "Floors of the evaluation gate (tests/test_eval_gate.py): measured on the fixed subset "
                      "of ../shared/data minus epsilon. Raise with `frontlines eval gate --update`; lowering "
                      "needs `--lower` too.",
            "epsilon": EPSILON, "subset": SUBSET, "digests": digests, "floors": dict(sorted(floors.items())),
            "measured": {k: v for k, v in sorted(metrics.items())}}


def load_floors(path: Path = FLOORS_FILE) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def gate_command(
    data: Annotated[Path, typer.Option(help="The shared gold data folder.")] = Path("../shared/data"),
    floors: Annotated[Path, typer.Option(help="The floors file.")] = FLOORS_FILE,
    update: Annotated[bool, typer.Option("--update", help="Raise the floors to the measured values minus epsilon.")] = False,
    lower: Annotated[bool, typer.Option("--lower", help="With --update: let floors go down too (on purpose only).")] = False,
    model: Annotated[Optional[str], typer.Option(help="spaCy model name.")] = None,
) -> None:
    """Score the fixed CI subset and compare with the pinned floors; exit 1 when quality fell."""
    from frontlines.config import Settings
    from frontlines.pipeline import Pipeline

    if lower and not update:
        raise typer.BadParameter("--lower only makes sense with --update")
    if not (data / "events").is_dir():
        raise typer.BadParameter(f"{data} has no events/ folder; point --data at the shared gold data")
    settings = Settings()
    settings.model = model or settings.model
    try:
        with err.status("scoring the gate subset…"):
            metrics, digests = measure(data, Pipeline(settings))
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    pinned = load_floors(floors)
    verdict = check(metrics, digests, pinned)
    table = Table("metric", "measured", "floor", "")
    for k, v in sorted(metrics.items()):
        f = pinned.get("floors", {}).get(k)
        status = "new" if f is None else ("[red]below[/red]" if v is None or v < f else "ok")
        table.add_row(k, "—" if v is None else f"{v:.4f}", "—" if f is None else f"{f:.4f}", status)
    Console().print(table)
    if update:
        floors.parent.mkdir(parents=True, exist_ok=True)
        floors.write_text(json.dumps(updated(pinned, metrics, digests, lower=lower), indent=1) + "\n", encoding="utf-8")
        err.print(f"wrote {floors}")
        return
    if not verdict.ok:
        err.print(f"[red]the gate fails:[/red]\n{verdict.explain()}")
        raise typer.Exit(1)

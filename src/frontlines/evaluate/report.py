"""`frontlines eval report` (`make eval`): every evaluation on the shared gold data, written as
`report.md` (tables: our figure, each peer's, the ratio), `report.json` (the same numbers) and
PNG plots — the location error distribution per corpus, the reliability of the place score, and
the event fields beside the naive coder. People read plots before tables.
"""

from __future__ import annotations

import json
import platform
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer

from frontlines.cli_common import GazetteerOption, ModelOption, err
from frontlines.evaluate.eventgold import EVENT_FILES

GEOPARSE_CORPORA = ("lgl", "geowebnews", "wiktor")
GEO_METRICS = [("precision", "detection precision"), ("recall", "detection recall"), ("f1", "detection F1"),
               ("acc161", "accuracy@161 km"), ("recall161", "end-to-end recall@161 km"),
               ("mean_km", "mean error km (lower is better)"), ("median_km", "median error km (lower is better)"),
               ("auc", "AUC of log error (lower is better)"), ("seconds", "seconds (lower is better)")]


def _commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5,
                             cwd=Path(__file__).parent)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def _ratio(ours, peer) -> str:
    return f"{ours / peer:.2f}" if isinstance(ours, (int, float)) and isinstance(peer, (int, float)) and peer else "—"


def geoparse_markdown(result: dict) -> list[str]:
    """One table per corpus: metric, ours, then each peer with the ratio ours/peer."""
    lines: list[str] = []
    for corpus, c in result["corpora"].items():
        systems = c["systems"]
        peers = [s for s in systems if s != "frontlines"]
        counted = (f"{c['gold_resolvable']} resolvable gold toponyms" if c["gold_resolvable"] else
                   f"{c.get('gold_counted', 0)} named gold locations, detection only")
        lines += [f"### {corpus}: {c['documents']} documents, {counted}", ""]
        lines.append("| metric | frontlines | " + " | ".join(f"{p} | ratio" for p in peers) + " |")
        lines.append("|---|---:|" + "---:|---:|" * len(peers))
        for key, label in GEO_METRICS:
            ours = systems["frontlines"].get(key)
            cells = [_fmt(ours)] + [x for p in peers for x in (_fmt(systems[p].get(key)), _ratio(ours, systems[p].get(key)))]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        lines.append("")
        ceil = c.get("ceiling")
        if ceil and ceil.get("ceiling") is not None:
            from frontlines.evaluate.geoceiling import CLASSES, REACHABLE

            lines += [f"Why {ceil['misses']} paired toponyms are misplaced (`--ceiling`): "
                      + ", ".join(f"{name} {ceil[name]}" + (" (reachable)" if name in REACHABLE else "")
                                  for name in CLASSES)
                      + f"; {ceil['span']} of the reachable ones need the gold span. Accuracy@161 km with "
                      f"every reachable one right: {ceil['ceiling']:.3f}.", ""]
    return lines


def events_markdown(result: dict) -> list[str]:
    """One table per dataset: field, rows coded, ours, the naive coder's, the ratio, ours on the first event."""
    from frontlines.evaluate.eventcmd import failures_line, field_cells, system_line

    lines: list[str] = []
    for dataset, d in result["datasets"].items():
        header, rows = field_cells(d)
        header[-1] = "frontlines, first event only"
        lines += [f"### {dataset}: {d['rows']} rows (digest `{d['digest']}`)", ""]
        lines += ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
        lines += ["| " + " | ".join(cells) + " |" for cells in rows]
        lines.append("")
        lines += [f"- {system_line(system, s)}" for system, s in d["systems"].items()]
        if (failed := failures_line(d)) is not None:
            lines.append(f"- {failed}")
        lines.append("")
    return lines


def plot_errors(samples: dict, path: Path) -> None:
    """The distribution of location errors per corpus, as the share of resolved toponyms within
    x km (x on a log scale, an error of 0 drawn at 0.1 km), one curve per system."""
    import matplotlib.pyplot as plt
    import numpy as np

    corpora = list(samples)
    fig, axes = plt.subplots(1, len(corpora), figsize=(5 * len(corpora), 3.8), squeeze=False)
    for ax, corpus in zip(axes[0], corpora):
        for system, s in samples[corpus].items():
            errs = np.sort(np.clip(np.asarray(s["error_km"], dtype=float), 0.1, 20039))
            if len(errs):
                share = np.arange(1, len(errs) + 1) / len(errs)
                ax.step(np.r_[0.1, errs, 20039], np.r_[0, share, 1], where="post", linewidth=1.6,
                        label=f"{system} (n={len(errs)})")
        ax.axvline(161, color="grey", linestyle=":", linewidth=1)
        ax.set_xscale("log")
        ax.set_xlim(0.1, 20039)
        ax.set_ylim(0, 1.02)
        ax.set_title(corpus)
        ax.set_xlabel("error km (log)")
        ax.set_ylabel("share of resolved toponyms within")
        ax.legend(fontsize=8, loc="lower right")
    fig.suptitle("Location errors: share of resolved toponyms within x km (dotted: 161 km)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def reliability(scored: list, bins: int = 10) -> list[dict]:
    """Per score bin: how many resolutions, and the share right (within 161 km)."""
    out = []
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = [ok for score, ok in scored if (lo <= score < hi) or (i == bins - 1 and score == 1.0)]
        out.append({"low": lo, "high": hi, "n": len(inside), "right": sum(inside) / len(inside) if inside else None})
    return out


def plot_reliability(samples: dict, path: Path) -> None:
    """Reliability diagram of our place score against the share resolved right, per corpus."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=1, label="perfectly calibrated")
    for corpus, systems in samples.items():
        scored = systems.get("frontlines", {}).get("scored", [])
        rows = [r for r in reliability(scored) if r["n"]]
        if rows:
            ax.plot([(r["low"] + r["high"]) / 2 for r in rows], [r["right"] for r in rows], marker="o",
                    label=f"{corpus} (n={len(scored)})")
    ax.set_xlabel("place score")
    ax.set_ylabel("share resolved right (161 km)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_title("Reliability of the place score")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_event_fields(result: dict, path: Path) -> None:
    """Grouped bars per dataset: each field, ours beside the naive coder."""
    import matplotlib.pyplot as plt
    import numpy as np

    datasets = list(result["datasets"])
    fig, axes = plt.subplots(len(datasets), 1, figsize=(10, 3.2 * len(datasets)), squeeze=False)
    for ax, dataset in zip(axes[:, 0], datasets):
        systems = result["datasets"][dataset]["systems"]
        names = list(systems["frontlines"]["fields"])
        x = np.arange(len(names))
        for i, (system, s) in enumerate(systems.items()):
            values = [s["fields"][n]["score"] or 0 for n in names]
            ax.bar(x + (i - 0.5) * 0.4, values, width=0.4, label=system)
        ax.set_xticks(x, names, rotation=30, ha="right", fontsize=8)
        ax.set_ylim(0, 1)
        ax.set_title(f"{dataset} ({result['datasets'][dataset]['rows']} rows)")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(geo: dict | None, events: dict | None, out_dir: Path, meta: dict) -> list[Path]:
    """report.md, report.json and the plots in `out_dir`; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    lines = ["# frontlines evaluation", "",
             f"Measured {meta['date']} on commit `{meta['commit']}` ({meta['machine']}); "
             f"reproduce with `{meta['command']}`. Peers ran in the same process on the same documents.", ""]
    if geo is not None:
        plot_errors(geo["samples"], out_dir / "geoparse_errors.png")
        plot_reliability(geo["samples"], out_dir / "place_score_reliability.png")
        written += [out_dir / "geoparse_errors.png", out_dir / "place_score_reliability.png"]
        lines += ["## Geoparsing", "", "![location errors](geoparse_errors.png)", "",
                  "![reliability](place_score_reliability.png)", ""]
        lines += geoparse_markdown(geo)
    if events is not None:
        plot_event_fields(events, out_dir / "event_fields.png")
        written.append(out_dir / "event_fields.png")
        lines += ["## Events", "", f"Extractor `{events['extractor']}`; each row is scored on its best-matching event "
                  "(the issue's rule); the last column scores the first event of each row, with no choice.",
                  "", "![event fields](event_fields.png)", ""]
        lines += events_markdown(events)
    lines += [f"Total time {meta['seconds']:.0f} s.", ""]
    (out_dir / "report.md").write_text("\n".join(lines), encoding="utf-8")
    summary = {"meta": meta, "geoparse": {k: v for k, v in (geo or {}).items() if k != "samples"} or None,
               "reliability": {c: reliability(s.get("frontlines", {}).get("scored", []))
                               for c, s in (geo or {}).get("samples", {}).items()} or None,
               "events": events}
    (out_dir / "report.json").write_text(json.dumps(summary, indent=1, default=str), encoding="utf-8")
    return [out_dir / "report.md", out_dir / "report.json", *written]


def report_command(
    data: Annotated[Path, typer.Option(help="The shared gold data folder (geoparsing/ and events/ inside).")] = Path("../shared/data"),
    out: Annotated[Path, typer.Option(help="Folder for report.md, report.json and the plots.")] = Path("eval"),
    limit: Annotated[Optional[int], typer.Option(help="At most N documents per corpus and N rows per dataset (quick runs).")] = None,
    only: Annotated[Optional[str], typer.Option(help="Only 'geoparse' or 'events'.")] = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Run every evaluation on the shared gold data and write the report with tables and plots."""
    from frontlines.config import Settings
    from frontlines.evaluate.eventcmd import evaluate_events
    from frontlines.evaluate.geoparse import evaluate
    from frontlines.pipeline import Pipeline

    if only not in (None, "geoparse", "events"):
        raise typer.BadParameter("--only takes 'geoparse' or 'events'")
    geo_paths = [data / "geoparsing" / f"{c}.jsonl" for c in GEOPARSE_CORPORA]
    if (data / "re3d").is_dir():  # conflict text with place spans but no points: detection only
        geo_paths.append(data / "re3d")
    event_paths = {name: data / "events" / f for name, f in EVENT_FILES.items()}
    missing = [p for p in [*geo_paths, *event_paths.values()] if not p.exists()]
    if missing:
        raise typer.BadParameter(f"{missing[0]} not found; point --data at the shared gold data folder")
    settings = Settings()
    settings.model = model or settings.model
    settings.gazetteer = gazetteer or settings.gazetteer
    t0 = time.perf_counter()
    pipeline = Pipeline(settings)
    learnt = pipeline.geoparser.gazetteer.info().get("learnt_places", 0)
    if learnt:
        raise typer.BadParameter(f"the gazetteer holds {learnt:,} places learnt from event datasets: the evaluation "
                                 "would read the gold's own answers; use a GeoNames-only index", param_hint="--gazetteer")
    geo = events = None
    if only in (None, "geoparse"):
        with err.status("geoparsing corpora…"):
            geo = evaluate(geo_paths, limit=limit, geoparser=pipeline.geoparser, nlp=pipeline.nlp, ceiling=True)
    if only in (None, "events"):
        events = evaluate_events(event_paths, limit=limit, pipeline=pipeline, progress=True)
    command = "make eval" if limit is None and only is None else \
        "frontlines eval report" + (f" --limit {limit}" if limit else "") + (f" --only {only}" if only else "")
    meta = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "commit": _commit(),
            "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
            "command": command, "limit": limit, "seconds": time.perf_counter() - t0,
            "gazetteer": {k: v for k, v in pipeline.geoparser.gazetteer.info().items() if k != "path"}}
    for path in write_report(geo, events, out, meta):
        err.print(f"wrote {path}")

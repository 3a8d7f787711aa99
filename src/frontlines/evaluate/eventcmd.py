"""The `frontlines eval events` command: load gold CSVs, code their rows, print or return the scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from frontlines.cli_common import GazetteerOption, ModelOption, err
from frontlines.evaluate.eventgold import GoldError, load, select
from frontlines.evaluate.events import NAIVE, OURS, run_rows, summarise, worst_rows


def evaluate_events(sources: dict[str, Path], *, limit: int | None = None, pipeline=None, naive: bool = True,
                    errors: int = 0, progress: bool = False, ceiling: bool = False) -> dict:
    """Score every dataset in `sources` ({"ucdp": path, ...}); the dict `--json` prints. With
    `ceiling`, each dataset also gets a "ceiling" block: what the texts make reachable per field."""
    from frontlines.config import Settings
    from frontlines.pipeline import Pipeline

    pipeline = pipeline or Pipeline(Settings())
    out: dict = {"task": "events", "extractor": getattr(pipeline.extractor, "name", OURS), "datasets": {}}
    for dataset, path in sources.items():
        golds = select(load(dataset, path), limit)
        if progress:
            with Progress(TextColumn(f"[bold]{dataset}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=err, transient=True) as bar:
                task = bar.add_task(dataset, total=len(golds))
                results, seconds = run_rows(golds, pipeline, naive=naive, ceiling=ceiling,
                                            progress=lambda n: bar.update(task, completed=n))
        else:
            results, seconds = run_rows(golds, pipeline, naive=naive, ceiling=ceiling)
        summary = summarise(dataset, results, seconds)
        summary["file"] = str(path)
        if errors:
            summary["errors"] = worst_rows(results, errors)
        out["datasets"][dataset] = summary
    return out


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def field_cells(summary: dict) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a dataset's table: field, n, ours, [naive, ratio,] ours on the first event only."""
    systems = summary["systems"]
    peer = systems.get(NAIVE)
    header = ["field", "n", OURS] + ([NAIVE, "ratio"] if peer else []) + ["first event"]
    rows = []
    for name, value in systems[OURS]["fields"].items():
        cells = [name, str(value["n"]), _fmt(value["score"])]
        if peer:
            theirs = peer["fields"][name]["score"]
            ratio = value["score"] / theirs if value["score"] is not None and theirs else None
            cells += [_fmt(theirs), "—" if ratio is None else f"{ratio:.2f}"]
        rows.append(cells + [_fmt(value.get("first_event"))])
    return header, rows


def system_line(system: str, s: dict) -> str:
    """What a system coded on a dataset, and how fast."""
    return (f"{system}: {s['events']} events, {s['no_event']} rows without one, {s['several_events']} with several "
            f"({s['chosen_not_first']} scored on a later one); {s['seconds']:.1f} s, {s['rows_per_second']} rows/s")


def failures_line(summary: dict) -> str | None:
    failures = summary["failures"]
    if not failures:
        return None
    return f"{len(failures)} rows failed: " + "; ".join(f"{f['key']}: {f['reason']}" for f in failures[:5])


def ceiling_cells(summary: dict) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a dataset's ceiling table (empty rows when it has none)."""
    header = ["field", "n", "reachable", OURS, "of reachable", "right where reachable"]
    rows = [[name, str(c["n"]), _fmt(c["reachable"]), _fmt(c["ours"]), _fmt(c["of_reachable"]),
             _fmt(c["right_when_reachable"])] for name, c in summary.get("ceiling", {}).items()]
    return header, rows


def _table(title: str, header: list[str], rows: list[list[str]]) -> Table:
    """A terminal table: the first column left-aligned, the numbers right-aligned."""
    table = Table(title=title)
    for i, name in enumerate(header):
        table.add_column(name, justify="left" if i == 0 else "right")
    for cells in rows:
        table.add_row(*cells)
    return table


def print_tables(result: dict, console: Console) -> None:
    """One table per dataset: each field, our score, the naive coder's, and the ratio."""
    for dataset, summary in result["datasets"].items():
        console.print(_table(f"{dataset}: {summary['rows']} rows ({summary['file']}), digest {summary['digest']}",
                             *field_cells(summary)))
        for system, s in summary["systems"].items():
            console.print("  " + system_line(system, s), markup=False)
        if (failed := failures_line(summary)) is not None:
            console.print("  " + failed, style="red", markup=False)
        header, rows = ceiling_cells(summary)
        if rows:
            console.print(_table(f"{dataset}: what the text makes reachable (with this gazetteer and actor dictionary)",
                                 header, rows))
        for row in summary.get("errors", []):
            console.print(f"\n[bold]{row['key']}[/bold] missed {', '.join(row['missed'])}\n  {row['text']!r}\n"
                          f"  gold      {row['gold']}\n  predicted {row['predicted']}")


def events_command(
    ucdp: Annotated[Optional[Path], typer.Option("--ucdp", help="UCDP GED CSV (text: source_headline, published: source_date).")] = None,
    acled: Annotated[Optional[Path], typer.Option("--acled", help="ACLED CSV (text: notes, published: event_date).")] = None,
    fakes: Annotated[Optional[Path], typer.Option("--fakes", help="FA-KES CSV (text: article_content, published: date).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Score a fixed sample of N rows per dataset (the same on every run).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON instead of tables.")] = False,
    errors: Annotated[int, typer.Option(help="List the N rows with the most missed fields.")] = 0,
    no_peer: Annotated[bool, typer.Option("--no-peer", help="Skip the naive coder.")] = False,
    ceiling: Annotated[bool, typer.Option("--ceiling", help="Also measure what each row's text makes reachable: a "
                                          "place within 25/50 km or in the division, the gold count written, "
                                          "both sides named, a date within a day.")] = False,
    extractor: Annotated[Optional[str], typer.Option(help="Extractor to score, by registered name (default: rules).")] = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Code each gold row's text and score it against the row's gold, beside the naive coder.

    Fields: place within 25/50 km, same first-order division and country; fatalities exact, in
    [low, high] and within 20%; UCDP sides and type of violence; ACLED type, sub-type and actors;
    FA-KES governorate and civilian/non-civilian deaths; start date exact and within a day."""
    from frontlines.config import Settings
    from frontlines.pipeline import Pipeline

    sources = {name: path for name, path in (("ucdp", ucdp), ("acled", acled), ("fakes", fakes)) if path is not None}
    if not sources:
        raise typer.BadParameter("give at least one gold file: --ucdp, --acled or --fakes")
    for path in sources.values():
        if not path.is_file():
            raise typer.BadParameter(f"{path} is not a file")
    if limit is not None and limit < 1:
        raise typer.BadParameter("--limit must be at least 1")
    settings = Settings()
    settings.model = model or settings.model
    settings.gazetteer = gazetteer or settings.gazetteer
    if extractor:
        settings.extractor = extractor
    try:
        pipeline = Pipeline(settings)
        result = evaluate_events(sources, limit=limit, pipeline=pipeline, naive=not no_peer, errors=errors,
                                 progress=not as_json, ceiling=ceiling)
    except (GoldError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(result, indent=2, default=str))
    else:
        print_tables(result, Console())

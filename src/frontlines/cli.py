"""The `frontlines` command: run reports into the event store, export it, and stream JSONL batches."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from frontlines import __version__
from frontlines.cli_common import DbOption, GazetteerOption, ModelOption, err
from frontlines.config import Settings, default_db_url
from frontlines.evaluate.cli import app as eval_app
from frontlines.places.cli import app as gazetteer_app
from frontlines.web.cli import serve

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False,
                  context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(eval_app, name="eval")
app.command()(serve)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"frontlines {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Show the version and exit.")] = False) -> None:
    """Turn conflict reports into a geolocated, time-stamped, source-attributed event dataset."""


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _settings(db: str, model: str | None, gazetteer: Path | None, extractor: str | None = None) -> Settings:
    settings = Settings(db_url=db, model=model or Settings().model, gazetteer=gazetteer or Settings().gazetteer)
    if extractor:
        settings.extractor = extractor
    return settings


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .htm, .jsonl, .csv), folders, or - for standard input.")],
    db: DbOption,
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) for reports that carry none.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Outlet name for reports that carry none.")] = None,
    url: Annotated[Optional[str], typer.Option(help="URL for reports that carry none.")] = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    extractor: Annotated[Optional[str], typer.Option(help="Event extractor by name (env FRONTLINES_EXTRACTOR): rules (default), or chat (a model behind an OpenAI-compatible server at FRONTLINES_CHAT_URL).")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest file, row or standard input read, in bytes.")] = 20 * 1024 * 1024,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes for parsing and coding (env FRONTLINES_WORKERS); "
                                                   "default 1. They share the loaded model (Linux fork).", min=1)] = None,
) -> None:
    """Read reports, find their places and events, and store them. Exits 1 when some reports failed."""
    from frontlines.ingest import iter_documents
    from frontlines.pipeline import Pipeline, PipelineError, Summary, reports_from
    from frontlines.records import Failure

    published_date = _parse_date(published)  # a bad value is a usage error before anything starts
    settings = _settings(db, model, gazetteer, extractor)
    if workers:
        settings.workers = workers
    database = _open_db(settings.db_url)
    run_id = database.start_run({"paths": paths, "published": published, "source": source, "url": url,
                                 "model": settings.model, "extractor": settings.extractor,
                                 "workers": settings.workers})
    summary = Summary()
    status = "failed"
    try:
        with err.status("loading the spaCy model and the gazetteer…"):
            pipeline = Pipeline(settings)
        documents = iter_documents(paths, source=source, url=url, published=published_date,
                                   stdin=sys.stdin.buffer, max_bytes=max_bytes)
        reports = reports_from(documents, summary, database.has_report)
        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as progress:
            task = progress.add_task("reports", total=None)
            for item in pipeline.process(reports):
                if isinstance(item, Failure):
                    summary.failures.append(item)
                    database.save_failure(item, run_id)
                else:
                    if database.save(item.report, item.mentions, item.events, run_id):
                        summary.reports += 1
                        summary.place_mentions += len(item.mentions)
                        summary.places_resolved += sum(1 for m in item.mentions if m.place is not None)
                        summary.events += len(item.events)
                    else:
                        summary.duplicates += 1
                progress.advance(task)
        status = "partial" if summary.failures else "ok"
    except PipelineError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    finally:
        database.finish_run(run_id, summary.as_dict(), status)
    _print_summary(summary, database)
    if summary.failures:
        raise typer.Exit(1)


def _open_db(url: str):
    from frontlines.store import Database, StoreError

    try:
        return Database(url)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _print_summary(summary, database) -> None:
    table = Table(title="frontlines run", show_header=True)
    table.add_column("")
    table.add_column("this run", justify="right")
    table.add_column("in the database", justify="right")
    totals = database.counts()
    table.add_row("reports", str(summary.reports), str(totals.get("reports", "")))
    table.add_row("already stored / repeated", str(summary.duplicates), "")
    table.add_row("place mentions (resolved)", f"{summary.place_mentions} ({summary.places_resolved})",
                  str(totals.get("place_mentions", "")))
    table.add_row("places", "", str(totals.get("places", "")))
    table.add_row("events", str(summary.events), str(totals.get("events", "")))
    table.add_row("failures", str(len(summary.failures)), str(totals.get("failures", "")))
    Console().print(table)
    for failure in summary.failures:
        err.print(f"[yellow]failed[/yellow] {failure.origin} ({failure.stage}): {failure.reason}")


@app.command()
def export(
    db: DbOption,
    format: Annotated[str, typer.Option("--format", "-f", help="csv (ACLED/UCDP columns), geojson (one Feature per event) or jsonl (full records).")] = "csv",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (default: standard output).")] = None,
) -> None:
    """Export the stored events: the machine's values, then the review columns (status, who, when, corrections)."""
    from frontlines.export import REVIEWED_EVENT_COLUMNS, reviewed_row, write_csv, write_geojson, write_jsonl
    from frontlines.store import Annotations

    if format not in ("csv", "geojson", "jsonl"):
        raise typer.BadParameter(f"unknown format {format!r}; choose csv, geojson or jsonl", param_hint="--format")
    if out and not out.parent.exists():
        raise typer.BadParameter(f"folder {out.parent} does not exist; create it first", param_hint="--out")
    database = _open_db(db)
    states = Annotations(database).all_states()

    def rows():
        for row in database.iter_event_rows():
            s = states.get(row["event_id"])
            yield reviewed_row(row, *((s.status, s.reviewer, s.updated, s.reviewed_values) if s else ()))

    def records():
        for record in database.iter_event_records():
            s = states.get(record.get("event_id"))
            record["review"] = ({"status": s.status, "reviewed_by": s.reviewer, "reviewed_at": s.updated,
                                 "reviewed_values": s.reviewed_values} if s else None)
            yield record

    fp = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if format == "csv":
            n = write_csv(rows(), fp, REVIEWED_EVENT_COLUMNS)
        elif format == "geojson":
            n = write_geojson(rows(), fp)
        else:
            n = write_jsonl(records(), fp)
    finally:
        if out:
            fp.close()
    err.print(f"exported {n} events" + (f" to {out}" if out else ""))


def _read_jsonl(path: Path):
    """(line number, object or error message) for each non-blank line of a JSONL file or standard input."""
    fp = sys.stdin if str(path) == "-" else open(path, encoding="utf-8", errors="replace")
    with fp:
        for number, line in enumerate(fp, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    raise ValueError("expected an object with a string 'text'")
                yield number, obj
            except ValueError as exc:
                yield number, f"line {number}: {exc}; the line was skipped"


def _check_input(in_path: Path) -> None:
    if str(in_path) != "-" and not in_path.is_file():
        raise typer.BadParameter(f"{in_path} is not a file; give a JSONL file or - for standard input",
                                 param_hint="IN.jsonl")


def _stream(in_path: Path, out_path: Path, nlp, handle, batch_size: int = 16) -> int:
    """Parse the lines' texts in batches with `nlp.pipe` and write `handle(obj, doc)` per line, in order.

    A bad line is reported on standard error and skipped; the count of bad lines is returned."""
    failures = 0

    def good_lines():
        nonlocal failures
        for number, item in _read_jsonl(in_path):
            if isinstance(item, str):
                err.print(f"{in_path}:{item}", style="yellow", markup=False)
                failures += 1
                continue
            yield item["text"], item

    out = sys.stdout if str(out_path) == "-" else open(out_path, "w", encoding="utf-8")
    try:
        for doc, obj in nlp.pipe(good_lines(), as_tuples=True, batch_size=batch_size):
            out.write(json.dumps(handle(obj, doc), ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    return failures


@app.command()
def geoparse(
    in_path: Annotated[Path, typer.Argument(metavar="IN.jsonl", help="Lines of {id, text}; - for standard input.")],
    out_path: Annotated[Path, typer.Argument(metavar="OUT.jsonl", help="Lines of {id, places: [...]}; - for standard output.")],
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Find and resolve the places in each line's text, one JSON line out per line in."""
    from frontlines.export import place_row
    from frontlines.pipeline import Pipeline

    _check_input(in_path)
    pipeline = Pipeline(_settings(default_db_url(), model, gazetteer))

    def handle(obj: dict, doc) -> dict:
        return {"id": obj.get("id"), "places": [place_row(m) for m in pipeline.geoparser(doc)]}

    if _stream(in_path, out_path, pipeline.nlp, handle):
        raise typer.Exit(1)


@app.command()
def extract(
    in_path: Annotated[Path, typer.Argument(metavar="IN.jsonl", help="Lines of {id, text, published?, source?}; - for standard input.")],
    out_path: Annotated[Path, typer.Argument(metavar="OUT.jsonl", help="Lines of {id, events: [...]}; - for standard output.")],
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    extractor: Annotated[Optional[str], typer.Option(help="Event extractor by name: rules (default), or chat (FRONTLINES_CHAT_URL).")] = None,
) -> None:
    """Extract events from each line's text, one JSON line out per line in, with the export's fields and evidence spans."""
    from frontlines.export import event_record, event_row
    from frontlines.ingest import parse_date
    from frontlines.pipeline import Pipeline
    from frontlines.records import Report

    _check_input(in_path)
    pipeline = Pipeline(_settings(default_db_url(), model, gazetteer, extractor))

    def handle(obj: dict, doc) -> dict:
        text = obj["text"]
        published = parse_date(obj.get("published"))
        report = Report(Report.make_id(text), text, str(obj.get("id")), source=obj.get("source"), published=published,
                        published_from="row" if published else None)
        events = pipeline.extractor(doc, report, pipeline.geoparser(doc))
        return {"id": obj.get("id"), "events": [event_row(e, report) | {"record": event_record(e, report)} for e in events]}

    if _stream(in_path, out_path, pipeline.nlp, handle):
        raise typer.Exit(1)


def main() -> None:
    app()

"""Read reports from files, folders and standard input into `Document`s, or `Failure`s for bad input.

Supported: `.txt` (plain text), `.html`/`.htm` (a saved web page), `.jsonl` (one JSON object per
line) and `.csv` (one report per row, with a header). Rows carry a `text` or `html` column and may
carry `title`, `url`, `source` and `published` (an `id` column is accepted but not kept yet: `Document`
has no field for it; the origin `path:LINE` / `path:ROW` names the row instead). Folders are walked recursively in sorted order,
skipping hidden entries and documentation (`.md`, `.rst`); `-` reads standard input and sniffs HTML.

Defaults: the `source`, `url` and `published` arguments fill in what a document does not carry
itself; a row's own value always wins. A row's `published` that cannot be read as a full date is
logged as a warning and the default (or unknown) is used instead, so the report itself is kept.

One bad input never stops the rest: each yields a `Failure` whose reason says what to do.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from frontlines.ingest.decode import DEFAULT_MAX_BYTES, STAGE, decode_bytes, parse_date, size_failure
from frontlines.records import Document, Failure

log = logging.getLogger(__name__)

TEXT_EXTENSIONS = (".txt",)
HTML_EXTENSIONS = (".html", ".htm")
ROW_EXTENSIONS = (".jsonl", ".csv")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + ROW_EXTENSIONS
SKIPPED_IN_FOLDERS = (".md", ".rst")  # a folder's README is not a report
ROW_FIELDS = ("text", "html", "title", "url", "source", "published", "id")

_HTML_SNIFF = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:article|div|p|body|meta|title)[\s>/]", re.I)


def looks_like_html(text: str) -> bool:
    """True when text read from standard input is an HTML page rather than plain text."""
    head = text[:2048]
    return bool(_HTML_SNIFF.match(head)) or len(_HTML_TAGS.findall(head)) >= 2


def _supported_list() -> str:
    return ", ".join(SUPPORTED_EXTENSIONS)


class _Defaults:
    """The caller's defaults for documents that do not carry their own metadata."""

    __slots__ = ("source", "url", "published")

    def __init__(self, source: str | None, url: str | None, published: date | None) -> None:
        self.source, self.url, self.published = source, url, published

    def document(self, origin: str, *, text: str | None = None, html: str | None = None) -> Document:
        return Document(
            origin=origin,
            text=text,
            html=html,
            url=self.url,
            source=self.source,
            published=self.published,
            published_from="option" if self.published else None,
        )


def iter_documents(
    paths: Sequence[str],
    *,
    source: str | None = None,
    url: str | None = None,
    published: date | None = None,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | Failure]:
    """Yield one `Document` per report found in `paths` (files, folders or `-`), or a `Failure`."""
    defaults = _Defaults(source, url, published)
    for raw in paths:
        if raw == "-":
            yield _read_stdin(stdin if stdin is not None else sys.stdin, defaults, max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_folder(path, defaults, max_bytes)
        elif path.exists():
            yield from _read_file(path, defaults, max_bytes)
        else:
            yield Failure(str(raw), STAGE, f"no such file or directory: {raw}; check the path")


def _read_folder(root: Path, defaults: _Defaults, max_bytes: int) -> Iterator[Document | Failure]:
    """Files under `root`, recursively and in sorted order; hidden entries are skipped."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() in SKIPPED_IN_FOLDERS:
                continue
            yield from _read_file(Path(dirpath) / name, defaults, max_bytes)


def _read_bytes(path: Path, max_bytes: int) -> bytes | Failure:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return size_failure(origin, size, max_bytes)
        return path.read_bytes()
    except PermissionError:
        return Failure(origin, STAGE, f"cannot read {origin}: permission denied; check the file's permissions")
    except OSError as err:
        return Failure(origin, STAGE, f"cannot read {origin}: {err.strerror or err}; check the path")


def _read_file(path: Path, defaults: _Defaults, max_bytes: int) -> Iterator[Document | Failure]:
    origin = str(path)
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        shown = ext or "(none)"
        yield Failure(origin, STAGE, f"unsupported extension {shown}; supported: {_supported_list()}")
        return
    if ext == ".jsonl":
        yield from _read_jsonl(path, defaults, max_bytes)
        return
    data = _read_bytes(path, max_bytes)
    if isinstance(data, Failure):
        yield data
        return
    is_html = ext in HTML_EXTENSIONS
    text = decode_bytes(data, origin, html=is_html)
    if isinstance(text, Failure):
        yield text
    elif ext == ".csv":
        yield from _read_csv_text(text, origin, defaults, max_bytes)
    elif is_html:
        yield defaults.document(origin, html=text)
    else:
        yield defaults.document(origin, text=text)


def _read_stdin(stream: TextIO | BinaryIO, defaults: _Defaults, max_bytes: int) -> Document | Failure:
    """Standard input, read whole (up to the limit), as HTML when it looks like a page."""
    origin = "-"
    reader: Any = getattr(stream, "buffer", stream)
    try:
        data = reader.read(max_bytes + 1)
    except (OSError, ValueError) as err:
        return Failure(origin, STAGE, f"cannot read standard input: {err}; pipe a file into the command")
    if isinstance(data, str):
        if len(data.encode("utf-8", "surrogatepass")) > max_bytes:
            return size_failure(origin, max_bytes + 1, max_bytes)
        text: str | Failure = data if data.strip() else Failure(
            origin, STAGE, "standard input is empty; pipe a report into the command"
        )
    else:
        if len(data) > max_bytes:
            return size_failure(origin, len(data), max_bytes)
        if not data.strip():
            return Failure(origin, STAGE, "standard input is empty; pipe a report into the command")
        text = decode_bytes(data, origin, html=looks_like_html(data[:2048].decode("latin-1")))
    if isinstance(text, Failure):
        return text
    if looks_like_html(text):
        return defaults.document(origin, html=text)
    return defaults.document(origin, text=text)


# --- rows: JSONL and CSV -----------------------------------------------------------------------


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _row_document(
    row: Mapping[str, Any], origin: str, where: str, defaults: _Defaults
) -> Document | Failure:
    """A Document from one row's fields; `where` names the row in messages ("line 3", "row 4")."""
    text = row.get("text")
    html = row.get("html")
    text = text if isinstance(text, str) and text.strip() else None
    html = html if isinstance(html, str) and html.strip() else None
    if text is None and html is None:
        return Failure(
            origin, STAGE, f"{where} has no 'text' or 'html'; add the report's text or remove the {where.split()[0]}"
        )
    doc = defaults.document(origin, text=text, html=None if text else html)
    doc.title = _str_or_none(row.get("title"))
    doc.url = _str_or_none(row.get("url")) or doc.url
    doc.source = _str_or_none(row.get("source")) or doc.source
    raw_date = row.get("published")
    if _str_or_none(raw_date) is not None:
        parsed = parse_date(raw_date)
        if parsed is not None:
            doc.published, doc.published_from = parsed, "row"
        else:
            log.warning(
                "%s: cannot read published date %r as a full date (write YYYY-MM-DD); "
                "kept the report with %s",
                origin,
                raw_date,
                f"the default date {doc.published}" if doc.published else "an unknown date",
            )
    return doc


def _read_jsonl(path: Path, defaults: _Defaults, max_bytes: int) -> Iterator[Document | Failure]:
    """One report per line; a bad line is a Failure naming its number and the others go on."""
    base = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        yield Failure(base, STAGE, f"cannot read {base}: {err.strerror or err}; check the path")
        return
    seen_any = False
    with handle:
        for number, raw in enumerate(iter(lambda: handle.readline(max_bytes + 1), b""), start=1):
            origin = f"{base}:{number}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                yield size_failure(origin, len(raw), max_bytes)
                for rest in iter(lambda: handle.readline(max_bytes + 1), b""):  # skip the line's remainder
                    if rest.endswith(b"\n"):
                        break
                continue
            if not raw.strip():
                continue
            seen_any = True
            line = decode_bytes(raw.strip(), origin)
            if isinstance(line, Failure):
                line.reason = f"line {number}: {line.reason}"
                yield line
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                yield Failure(
                    origin,
                    STAGE,
                    f"line {number} is not valid JSON ({err.msg} at column {err.colno}); fix or remove the line",
                )
                continue
            if not isinstance(obj, dict):
                yield Failure(
                    origin,
                    STAGE,
                    f"line {number} is a JSON {type(obj).__name__}, not an object; "
                    "write one object per line with a 'text' or 'html' field",
                )
                continue
            yield _row_document(obj, origin, f"line {number}", defaults)
    if not seen_any:
        yield Failure(base, STAGE, "empty file (no JSON lines); nothing to read, remove it or add one report per line")


def _sniff_delimiter(header: str) -> str:
    """The delimiter that makes a 'text' or 'html' column appear in the header; comma otherwise."""
    for delim in (",", ";", "\t", "|"):
        names = {c.strip().strip('"').lower() for c in header.split(delim)}
        if names & {"text", "html"}:
            return delim
    return ","


def _read_csv_text(text: str, base: str, defaults: _Defaults, max_bytes: int) -> Iterator[Document | Failure]:
    """One report per row; rows are numbered as in a spreadsheet (the header is row 1)."""
    if csv.field_size_limit() < max_bytes:
        csv.field_size_limit(max_bytes)
    header_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(header_line))
    try:
        header = next(reader, None)
    except csv.Error as err:
        yield Failure(base, STAGE, f"cannot read the CSV header ({err}); save the file as CSV with a header row")
        return
    columns = [h.strip().lower() for h in header or []]
    if not {"text", "html"} & set(columns):
        shown = ", ".join(c for c in columns if c) or "none"
        yield Failure(
            base,
            STAGE,
            f"no 'text' or 'html' column (columns: {shown}); name the column holding the report 'text'",
        )
        return
    row_number = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            yield Failure(
                f"{base}:{row_number + 1}",
                STAGE,
                f"row {row_number + 1} is not valid CSV ({err}); fix the quoting, the rows after it were not read",
            )
            return
        row_number += 1
        if not any(v.strip() for v in values):
            continue  # a blank line between rows is not a report
        row = {c: v for c, v in zip(columns, values) if c in ROW_FIELDS}
        yield _row_document(row, f"{base}:{row_number}", f"row {row_number}", defaults)

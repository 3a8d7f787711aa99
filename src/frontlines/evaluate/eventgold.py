"""Gold events from the datasets analysts already use: UCDP GED, ACLED and FA-KES CSV files.

Each row becomes a `GoldEvent`: the text it was coded from, the date that text was published,
and the gold values, normalised to one shape so the same scorer reads all three:

- UCDP GED: text `source_headline`, published `source_date`. An aggregated row joins several
  headlines (and sometimes a URL) with ";" and lists one date per headline: the headlines become
  paragraphs of one text (URLs dropped) and the earliest date is the publication date.
- ACLED: text `notes`, published `event_date`.
- FA-KES: text `article_content`, published `date` (month/day/year); gold governorate and
  per-category death counts.

`select` draws a fixed sample (rows ordered by a hash of their id), so `--limit N` and the CI
gate see the same rows on every machine, spread over the whole file rather than its first days.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

DATASETS = ("ucdp", "acled", "fakes")
EVENT_FILES = {"ucdp": "ucdp_ged_syria.csv", "acled": "acled_2022h1.csv", "fakes": "fakes_syria.csv"}
"""The file names of the datasets in the shared gold data's events/ folder."""

_URL = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$", re.I)
_YEAR_SUFFIX = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)\s*$")


class GoldError(ValueError):
    """A gold file that cannot be read as the dataset it was given as."""


@dataclass(slots=True)
class GoldEvent:
    """One gold row: the text, its publication date, and the coded values (None when not coded)."""

    dataset: str
    key: str
    text: str
    published: date | None
    source: str | None = None
    location: str | None = None  # the place as coded ("Teir Maaleh village")
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # name as written in the dataset
    admin1: str | None = None  # first-order division as written ("Homs Governorate", "idlib")
    low: int | None = None
    best: int | None = None
    high: int | None = None
    side_a: list[str] = field(default_factory=list)  # UCDP; a side may list several groups
    side_b: list[str] = field(default_factory=list)
    actor1: str | None = None  # ACLED, year suffix removed
    actor2: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    violence: int | None = None  # UCDP type of violence
    start: date | None = None
    end: date | None = None
    civilians: int | None = None  # FA-KES
    noncivilians: int | None = None


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    value = (value or "").strip()
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def _mdy(value: str | None) -> date | None:
    """FA-KES dates: "4/5/17" is 5 April 2017."""
    for fmt in ("%m/%d/%y", "%m/%d/%Y"):
        try:
            return datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def actor_name(value: str | None) -> str | None:
    """ACLED's actor name without its year suffix: "Military Forces of Russia (2000-)" → "… Russia"."""
    value = _YEAR_SUFFIX.sub("", (value or "").strip())
    return value or None


def _ucdp(row: dict[str, str]) -> GoldEvent:
    parts = [p.strip() for p in (row.get("source_headline") or "").split(";")]
    text = "\n\n".join(p for p in parts if p and not _URL.match(p))
    dates = [d for d in (_iso(x) for x in (row.get("source_date") or "").split(";")) if d]
    sides = lambda v: [s.strip() for s in (v or "").split(",") if s.strip()]  # noqa: E731
    return GoldEvent(
        "ucdp", str(_int(row.get("id")) or row.get("id")), text, min(dates) if dates else None,
        source=row.get("source_office") or None, location=row.get("where_coordinates") or None,
        lat=_float(row.get("latitude")), lon=_float(row.get("longitude")), country=row.get("country") or None,
        admin1=row.get("adm_1") or None, low=_int(row.get("low")), best=_int(row.get("best")), high=_int(row.get("high")),
        side_a=sides(row.get("side_a")), side_b=sides(row.get("side_b")), violence=_int(row.get("type_of_violence")),
        start=_iso(row.get("date_start")), end=_iso(row.get("date_end")),
    )


def _acled(row: dict[str, str]) -> GoldEvent:
    day = _iso(row.get("event_date"))
    fatalities = _int(row.get("fatalities"))
    return GoldEvent(
        "acled", row.get("event_id_cnty") or "", (row.get("notes") or "").strip(), day,
        source=row.get("source") or None, location=row.get("location") or None,
        lat=_float(row.get("latitude")), lon=_float(row.get("longitude")), country=row.get("country") or None,
        admin1=row.get("admin1") or None, low=fatalities, best=fatalities, high=fatalities,
        actor1=actor_name(row.get("actor1")), actor2=actor_name(row.get("actor2")),
        event_type=row.get("event_type") or None, sub_event_type=row.get("sub_event_type") or None,
        start=day, end=day,
    )


def _fakes(row: dict[str, str]) -> GoldEvent:
    day = _mdy(row.get("date"))
    return GoldEvent(
        "fakes", row.get("unit_id") or "", (row.get("article_content") or "").strip(), day,
        source=row.get("source") or None, country="Syria", admin1=(row.get("location") or "").strip() or None,
        start=day, end=day, civilians=_int(row.get("nb_civilians")), noncivilians=_int(row.get("nb_noncivilians")),
    )


_READERS = {"ucdp": (_ucdp, "source_headline"), "acled": (_acled, "notes"), "fakes": (_fakes, "article_content")}


def load(dataset: str, path: Path) -> list[GoldEvent]:
    """Every row of a gold CSV with a text, in file order; a clear error for the wrong kind of file."""
    if dataset not in _READERS:
        raise GoldError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    reader, text_column = _READERS[dataset]
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = csv.DictReader(f)
            if not rows.fieldnames or text_column not in rows.fieldnames:
                raise GoldError(f"{path} has no {text_column!r} column; is it a {dataset.upper()} export?")
            events = [reader(row) for row in rows]
    except OSError as exc:
        raise GoldError(f"cannot read {path}: {exc.strerror or exc}") from None
    return [e for e in events if e.text]


def _rank(event: GoldEvent) -> str:
    return hashlib.sha1(f"{event.dataset}:{event.key}".encode()).hexdigest()


def select(events: Iterable[GoldEvent], limit: int | None) -> list[GoldEvent]:
    """A fixed sample of `limit` rows (all when None), ordered by a hash of their ids."""
    ranked = sorted(events, key=_rank)
    return ranked if limit is None else ranked[:limit]


def digest(events: Iterable[GoldEvent]) -> str:
    """A hash of the rows' ids and texts, so that a gate knows it scores the rows it was pinned on."""
    h = hashlib.sha256()
    for e in events:
        h.update(f"{e.dataset}\x1f{e.key}\x1f{e.text}\x1e".encode())
    return h.hexdigest()[:16]

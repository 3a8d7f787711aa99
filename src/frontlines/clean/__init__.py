"""clean stage: a `Document` to a `Report` (main text, title, URL, outlet, publication date).

Precedence of metadata, from strongest to weakest:

- published: a row's own date ("row"), the page's metadata or a plain-text dateline such as
  "Published: 14 April 2024" at the top ("metadata"), the caller's --published ("option"), else
  unknown (None). Never today's date, never a date guessed from the body or the URL.
- title: a row's title, the page's title, or for plain text the first line when it reads like a
  headline (short, no final period). The headline stays part of the text so that spans still fit.
- url / source: the row's or caller's value, else what the page declares (canonical URL, site name).
"""

from __future__ import annotations

import re
from datetime import date

from frontlines.clean.html import PageText, extract_page
from frontlines.clean.text import clean_field, clean_text, normalize_text, strip_boilerplate
from frontlines.ingest.decode import parse_date
from frontlines.records import Document, Failure, Report

__all__ = [
    "PageText",
    "clean_text",
    "extract_page",
    "find_dateline",
    "headline",
    "normalize_text",
    "strip_boilerplate",
    "to_report",
]

STAGE = "clean"
_MAX_HEADLINE_CHARS = 160
_MAX_HEADLINE_WORDS = 25
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_FULL_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})\b",
    re.I,
)
_DATELINE_LEAD = re.compile(r"^\s*(?:published|posted|updated|date|dated)?(?:\s+on)?\s*[:\-–—]?\s*", re.I)
_DASH = re.compile(r"\s(?:—|–|--|-)\s")


def headline(text: str) -> str | None:
    """The first line of a plain text when it reads like a headline: short, no final period."""
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first:
        return None
    if len(first) > _MAX_HEADLINE_CHARS or len(first.split()) > _MAX_HEADLINE_WORDS:
        return None
    if first.endswith((".", ",", ";", ":")) or _FULL_DATE.fullmatch(_DATELINE_LEAD.sub("", first)):
        return None
    return first


def find_dateline(text: str) -> date | None:
    """A full publication date stated at the top of a plain text, or None.

    Looks only at short lines among the first four ("Published: 14 April 2024", "March 3, 2024")
    and at the head of a wire-style first paragraph ("MOSUL, Iraq, 14 April 2024 (Wire) — ..."),
    so a date mentioned in the story itself is never taken for the publication date.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()][:4]
    for number, line in enumerate(lines):
        candidates = [line] if len(line) <= 80 else []
        dash = _DASH.search(line[:120]) if number < 2 else None  # a wire dateline opens the text
        if dash:
            candidates.append(line[: dash.start()])
        for cand in candidates:
            m = _FULL_DATE.search(cand)
            if m:
                found = parse_date(m.group(0))
                if found:
                    return found
    return None


def _published(doc: Document, declared: date | None) -> tuple[date | None, str | None]:
    if doc.published is not None and doc.published_from == "row":
        return doc.published, "row"
    if declared is not None:
        return declared, "metadata"
    if doc.published is not None:
        return doc.published, doc.published_from or "option"
    return None, None


def to_report(doc: Document) -> Report | Failure:
    """Clean one document into a `Report`, or a `Failure` when no main text is left."""
    if doc.text is not None and doc.text.strip():
        text = clean_text(doc.text)
        if not text.strip():
            return Failure(doc.origin, STAGE, "no text left after cleaning; the input holds only page furniture")
        published, published_from = _published(doc, find_dateline(text))
        return Report(
            report_id=Report.make_id(text),
            text=text,
            origin=doc.origin,
            title=clean_field(doc.title) or headline(text),
            url=clean_field(doc.url),
            source=clean_field(doc.source),
            published=published,
            published_from=published_from,
        )
    if doc.html is not None and doc.html.strip():
        page = extract_page(doc.html, url=doc.url)
        if not page.text.strip():
            return Failure(
                doc.origin, STAGE, "no main text found in the page; is it a login wall or a script-only page?"
            )
        published, published_from = _published(doc, page.published)
        return Report(
            report_id=Report.make_id(page.text),
            text=page.text,
            origin=doc.origin,
            title=clean_field(doc.title or page.title),
            url=clean_field(doc.url or page.url),
            source=clean_field(doc.source or page.sitename),
            published=published,
            published_from=published_from,
            language=page.language,
        )
    return Failure(doc.origin, STAGE, "the document has no text and no HTML; check the input")

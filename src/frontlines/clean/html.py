"""Main text and metadata of a saved web page, through trafilatura.

The main text comes from `trafilatura.bare_extraction` with comments and tables left out and
precision favoured, so navigation, share buttons, sidebars and comment forms are dropped; if that
finds nothing, one retry without the precision bias. The text then goes through the plain-text
cleaner (a "Leave a Reply" heading that slipped through is removed there).

The publication date is read only from the page's own metadata (`<meta property=
"article:published_time">` and its kin, JSON-LD `datePublished`, `<time itemprop="datePublished">`
or `<time class="published">`). trafilatura's own date (htmldate) is not used: it falls back to
dates guessed from the URL or from any date in the text, and caps them at today; a report's date
must never be a guess nor the day it was processed. No metadata date means an unknown date.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from frontlines.clean.text import clean_text
from frontlines.ingest.decode import parse_date

log = logging.getLogger(__name__)

FAST_ABOVE = 2_000_000
"""Pages larger than this many characters are first lightened (scripts, styles, SVG, comments and
base64 images removed) and skip trafilatura's fallback extractors (readability, jusText): on a
20 MB page of text they would double the time for little gain. Measured: a 20 MB page that is
mostly scripts and images takes well under a second; 20 MB of article paragraphs about 25 s."""

MIN_WORDS = 5
"""Main text shorter than this many words counts as no main text."""

_DATE_META = {
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article.published",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "originalpublicationdate",
}


@dataclass(slots=True)
class PageText:
    """What a page yields: the cleaned main text and the metadata the page itself declares."""

    text: str
    title: str | None = None
    url: str | None = None
    sitename: str | None = None
    published: date | None = None
    language: str | None = None


def _load(html: str) -> Any:
    """An lxml tree of the page, or None for markup lxml cannot read."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception:  # lxml raises on a few malformed inputs
        log.debug("cannot parse HTML", exc_info=True)
        return None


def _iter_jsonld(node: Any) -> Any:
    if isinstance(node, list):
        for item in node:
            yield from _iter_jsonld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in node:
                yield from _iter_jsonld(node[key])


def metadata_date(tree: Any) -> date | None:
    """The publication date the page declares in its metadata, or None; never a guess."""
    if tree is None:
        return None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _DATE_META:
            found = parse_date(meta.get("content"))
            if found:
                return found
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, TypeError):
            continue
        for obj in _iter_jsonld(data):
            found = parse_date(obj.get("datePublished") or obj.get("dateCreated"))
            if found:
                return found
    for el in tree.xpath(
        '//time[@datetime][@itemprop="datePublished" or @pubdate or contains(concat(" ", @class, " "), " published ")]'
    ):
        found = parse_date(el.get("datetime"))
        if found:
            return found
    return None


def _meta(tree: Any, keys: tuple[str, ...]) -> str | None:
    if tree is None:
        return None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key in keys and content:
            return content
    return None


def _language(tree: Any) -> str | None:
    if tree is None:
        return None
    lang = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    if not lang:
        lang = (_meta(tree, ("og:locale", "content-language", "language")) or "").strip()
    lang = lang.replace("_", "-").split("-")[0].lower()
    return lang if 2 <= len(lang) <= 3 and lang.isalpha() else None


_HEAVY = re.compile(
    r"<(script|style|svg|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->|\bdata:[a-z]+/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+",
    re.I | re.S,
)


@lru_cache(maxsize=1)
def _config() -> Any:
    """trafilatura's defaults, but without its silent 20-million-character page cap."""
    from trafilatura.settings import use_config

    config = use_config()
    config["DEFAULT"]["max_file_size"] = str(10**9)
    return config


def lighten(html: str) -> str:
    """A large page without scripts, styles, inline SVG, comments and base64 images (not text)."""
    return _HEAVY.sub(" ", html) if len(html) > FAST_ABOVE else html


def _extract(html: str, url: str | None, precision: bool) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        lighten(html),
        config=_config(),
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=precision,
        fast=len(html) > FAST_ABOVE,
        with_metadata=False,
    )


def extract_page(html: str, url: str | None = None) -> PageText:
    """The main text of a page (cleaned; "" when none is found) and its declared metadata."""
    tree = _load(html)
    text = ""
    for precision in (True, False):
        try:
            doc = _extract(html, url, precision)
        except Exception:  # a trafilatura bug on odd markup must not stop the run
            log.warning("trafilatura failed on a page", exc_info=True)
            doc = None
        text = clean_text(doc.text) if doc is not None and doc.text else ""
        if len(text.split()) >= MIN_WORDS:
            break
        text = ""  # a menu item or a "Loading..." placeholder is not a report
    published = metadata_date(tree)
    title = sitename = page_url = None
    if tree is not None:
        try:
            from trafilatura import extract_metadata

            # its date (htmldate, which may guess) is ignored: `published` comes from metadata_date
            meta = extract_metadata(tree, default_url=url, extensive=False)
            title, page_url, sitename = meta.title, meta.url, meta.sitename
        except Exception:
            log.debug("metadata extraction failed", exc_info=True)
    return PageText(
        text=text,
        title=(title or "").strip() or None,
        url=(page_url or "").strip() or None,
        sitename=(sitename or "").strip() or None,
        published=published,
        language=_language(tree),
    )

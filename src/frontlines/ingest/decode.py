"""Bytes to text: encoding detection, binary detection and publication-date parsing for inputs.

Decoding order (first that works wins), chosen so that the common cases are never misread:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. NUL bytes without a BOM mean a binary file (a Failure, not garbage text);
3. strict UTF-8;
4. for HTML, the charset the page declares (`<meta charset=...>`), if Python knows it;
5. charset-normalizer, but only when it finds a non-Latin script (Cyrillic, Arabic, ...): on short
   Western text it tends to answer cp1250 or even EBCDIC, which garbles “smart quotes” and é;
6. cp1252 (a superset of latin-1's printable range, the usual encoding of Windows saves);
7. charset-normalizer's answer, if cp1252 could not decode the bytes.

Text with many control characters after decoding is treated as binary too. Nothing here raises on
bad bytes: every function returns text or a `Failure` with a one-line reason that says what to do.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from frontlines.records import Failure

log = logging.getLogger(__name__)

STAGE = "ingest"
MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MIB
"""Largest input read (a file, a JSONL line, standard input): 20 MiB. A 20 MB page fits."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}
_MAX_CONTROL_RATIO = 0.02  # more than 2 % control characters: not a text file
_MIN_SCRIPT_LETTERS = 8
_WORD = re.compile(r"[^\W\d_]+")
_PROBE = 512 * 1024  # bytes given to charset-normalizer (enough to decide, fast on big files)


def size_failure(origin: str, size: int, max_bytes: int) -> Failure:
    """The Failure for an input over the size limit, with sizes in MB."""
    return Failure(
        origin,
        STAGE,
        f"{size / 1e6:.1f} MB is over the limit of {max_bytes / 1e6:.1f} MB; "
        "split the file or raise --max-bytes",
    )


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if Python has a codec for it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _ascii_compatible(codec: str) -> bool:
    try:
        return "abc <p>".encode(codec) == b"abc <p>"
    except (LookupError, UnicodeError):
        return False


def _mostly_non_latin(text: str) -> bool:
    """True when the text reads as another script (Cyrillic, Arabic, Greek...), not misread Latin.

    Needs a few such letters, most non-ASCII letters outside Latin, and words that are not a mix of
    ASCII and other letters: Western text misread as Cyrillic gives words like "cafй".
    """
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if len(letters) < _MIN_SCRIPT_LETTERS:
        return False
    other = sum(1 for c in letters if not unicodedata.name(c, "").startswith("LATIN"))
    if other / len(letters) <= 0.5:
        return False
    words = [w for w in _WORD.findall(text) if any(ord(c) > 127 for c in w)]
    if len(words) < 3 and len(letters) < 20:
        return False
    mixed = sum(1 for w in words if any(c.isascii() for c in w))
    return mixed <= 0.1 * len(words)


def _normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's best ASCII-compatible codec for the bytes, or None."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:_PROBE]).best()
    except Exception:  # a detector bug must not stop ingestion
        log.debug("charset-normalizer failed", exc_info=True)
        return None
    if best is None or not _ascii_compatible(best.encoding):
        return None
    return best.encoding


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _too_many_controls(text: str) -> bool:
    sample = text[:_PROBE]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) and c not in _CONTROL_OK)
    return bad / len(sample) > _MAX_CONTROL_RATIO


def decode_bytes(data: bytes, origin: str, *, html: bool = False) -> str | Failure:
    """Decode the bytes of one input to text, or return a Failure saying why it is not text."""
    if not data:
        return Failure(origin, STAGE, "empty file (0 bytes); nothing to read, remove it or save the report again")
    text: str | None = None
    bom = _bom_codec(data)
    if bom:
        text = _try(data, bom)
    if text is None:
        if b"\x00" in data:
            return Failure(
                origin,
                STAGE,
                "binary file (contains NUL bytes), not text; convert it to .txt or .html first "
                "(e.g. pdftotext for a PDF)",
            )
        text = _try(data, "utf-8")
    if text is None and html:
        declared = _declared_charset(data)
        if declared:
            text = _try(data, declared)
    if text is None:
        guess = _normalizer_guess(data)
        if guess:
            candidate = _try(data, guess)
            if candidate is not None and _mostly_non_latin(candidate):
                text = candidate
        if text is None:
            text = _try(data, "cp1252")
        if text is None and guess:
            text = _try(data, guess)
    if text is None:
        return Failure(
            origin, STAGE, "could not decode the bytes as text in any known encoding; save the file as UTF-8"
        )
    if _too_many_controls(text):
        return Failure(
            origin,
            STAGE,
            "binary file (too many control characters), not text; convert it to .txt or .html first",
        )
    if not text.strip():
        return Failure(origin, STAGE, "the file holds only whitespace; save the report again with its text")
    return text


# --- publication dates -------------------------------------------------------------------------

_DATEPARSER_SETTINGS: dict[str, Any] = {
    # never fill a missing day, month or year from today's date
    "REQUIRE_PARTS": ["day", "month", "year"],
    # only absolute dates: "yesterday" or "2 days ago" would be relative to today
    "PARSERS": ["custom-formats", "absolute-time"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "DATE_ORDER": "DMY",
}
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.,]+)?(?:Z|[+-]\d{2}:?\d{2})?\s*$")


def parse_date(value: Any) -> date | None:
    """A publication date from a row or page: ISO first, then common formats via dateparser.

    Returns None when the value is empty or not a full calendar date (day, month and year);
    never guesses a missing part and never uses today's date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) or not isinstance(value, str):
        return None  # bare numbers are too ambiguous (timestamp? year?)
    s = value.strip()
    if not s or len(s) > 100:
        return None
    m = _ISO_PREFIX.match(s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if s.isdigit():
        return None
    try:
        import dateparser

        parsed = dateparser.parse(s, settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises on some odd inputs; an unknown date is the answer
        log.debug("dateparser failed on %r", s, exc_info=True)
        return None
    if parsed is None or not 1800 <= parsed.year <= 2200:
        return None
    return parsed.date()

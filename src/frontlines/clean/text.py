"""Plain-text normalisation and removal of web boilerplate left at the end of saved pages.

Spans of later stages index into the text produced here, so the changes are few and predictable:
Unicode NFC, one kind of newline, no trailing spaces, no control characters, at most one blank line
in a row. Quotes, dashes and apostrophes are kept exactly as written.

Boilerplate is dropped conservatively, only at the end of the text: a trailing block that starts
with a whole-line marker ("Leave a Reply", "Share this:", "Related posts", ...) and holds nothing but
form labels, share buttons or short headline-like lines; or a run of known boilerplate phrases at
the very end that follows a sentence end. A phrase inside a sentence is never touched.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # odd spaces to a plain space
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # zero-width, BOM, soft hyphen
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # after newlines are normalised
_TRAILING_WS = re.compile(r"[ \t]+$", re.M)
_BLANK_RUNS = re.compile(r"\n{3,}")

# A whole line that opens a trailing block of page furniture.
_MARKERS = re.compile(
    r"""^(?:leave\ a\ (?:reply|comment)(?:\ cancel\ reply)?|leave\ your\ (?:comment|reply)
    |share\ this(?:\ (?:article|story|post))?|share(?:\ on)?|like\ this|related(?:\ (?:posts|articles|stories|news))?
    |read\ (?:also|more)|you\ may\ also\ like|more\ (?:from|on)\ this\ topic|post\ navigation
    |(?:\d+\ )?comments?|tags|filed\ under)\s*[:*]?\s*$""",
    re.I | re.X,
)
# A whole line of page furniture that may follow a marker (or stand alone at the end).
_FURNITURE = re.compile(
    r"""^(?:your\ email\ address\ will\ not\ be\ published\.?(?:\s*required\ fields\ are\ marked\ \*)?
    |required\ fields\ are\ marked\ \*|(?:name|email|e-mail|website|comment|message)\s*\*?
    |post\ comment|submit(?:\ comment)?|cancel\ reply|save\ my\ name,\ email,?\ and\ website.*
    |notify\ me\ of\ (?:follow-up\ comments|new\ posts)\ by\ email\.?
    |this\ site\ uses\ akismet\ to\ reduce\ spam\..*|you\ must\ be\ logged\ in\ to\ post\ a\ comment\.?
    |click\ to\ (?:share|print|email)\b.*|share\ on\ \w+|(?:facebook|twitter|x|telegram|whatsapp|vk|reddit
    |linkedin|pinterest|tumblr|pocket|print|email|more)
    |like\ this:?|like\ loading\.{3}|loading\.{3}|\(opens\ in\ new\ window\))\s*$""",
    re.I | re.X,
)
# Phrases removed when they end the text right after a sentence end (a one-line save).
_TAIL_PHRASES = (
    r"leave\ a\ (?:reply|comment)(?:\ cancel\ reply)?",
    r"your\ email\ address\ will\ not\ be\ published\.",
    r"required\ fields\ are\ marked\ \*",
    r"share\ this:",
    r"like\ this:",
    r"related\ posts:?",
    r"post\ comment",
)
_TAIL_RUN = re.compile(
    r"(?:(?<=[.!?\"”’)\]])|^)[ \t]*(?:(?:" + "|".join(_TAIL_PHRASES) + r")[ \t]*)+\Z", re.I | re.X
)
_MAX_BLOCK_LINES = 40  # a trailing block longer than this is not page furniture
_MAX_HEADLINE = 120


def normalize_text(text: str) -> str:
    """NFC, `\\n` newlines, no trailing spaces, no control characters, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\x0c", "\n").replace("\x0b", "\n").replace("\t", " ")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROLS.sub("", text)
    text = _TRAILING_WS.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def clean_field(value: str | None) -> str | None:
    """A metadata value (title, outlet, URL) on one line, without control characters; None if empty."""
    if value is None:
        return None
    value = _CONTROLS.sub("", " ".join(unicodedata.normalize("NFC", value).split()))
    return value or None


def _headline_like(line: str) -> bool:
    """A short line without a final period: a related-post title or a button, not a sentence."""
    return len(line) <= _MAX_HEADLINE and not line.rstrip().endswith((".", "!", "?", "”", '"'))


def _trailing_block_start(lines: list[str]) -> int | None:
    """Index of the first line of a trailing furniture block, or None when there is none."""
    cut: int | None = None
    # 1. lines at the end that are all known furniture (or markers), with blank lines between
    i = len(lines) - 1
    while i >= 0 and (not lines[i].strip() or _FURNITURE.match(lines[i].strip()) or _MARKERS.match(lines[i].strip())):
        if lines[i].strip():
            cut = i
        i -= 1
    # 2. a marker line followed only by furniture or headline-like lines ("Related posts" + titles)
    start = max(0, len(lines) - _MAX_BLOCK_LINES)
    for m in range(len(lines) - 1, start - 1, -1):
        line = lines[m].strip()
        if not line or not _MARKERS.match(line):
            continue
        rest = [s.strip() for s in lines[m + 1 :] if s.strip()]
        if all(_FURNITURE.match(s) or _MARKERS.match(s) or _headline_like(s) for s in rest):
            cut = m if cut is None else min(cut, m)
    if cut == 0:
        return None  # the whole text would go: it is not a page's tail, leave it to the caller
    return cut


def strip_boilerplate(text: str) -> str:
    """Drop a trailing comment form, share bar or related-posts list from normalised text."""
    while True:
        before = text
        lines = text.split("\n")
        cut = _trailing_block_start(lines)
        if cut is not None:
            text = "\n".join(lines[:cut]).rstrip()
        m = _TAIL_RUN.search(text, max(0, len(text) - 600))
        if m:
            text = text[: m.start()].rstrip()
        if text == before or not text:
            return text or before


def clean_text(text: str) -> str:
    """Normalise plain text and drop trailing web boilerplate."""
    return strip_boilerplate(normalize_text(text))

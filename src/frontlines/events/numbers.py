"""Counts as people write them ("more than 20", "several thousand", "15 to 20", "a dozen") → low/best/high.

The rules follow UCDP's coding of fatalities, written here once:
- an exact number N gives low = best = high = N;
- "more than N", "over N" give low = best = N + 1 and an open high ("more than 20" → 21);
- "at least N", "no fewer than N" give low = best = N, high open;
- "up to N", "at most N", "no more than N" give high = N with low and best open: N is a ceiling,
  not an estimate ("up to 40 may have died" does not say 40 died);
- "as many as N" gives best = high = N: the figure is the one reported, stressed as large;
- "about N", "around N", "some N", "nearly N", "almost N" give best = N ("nearly"/"almost": high = N);
- "N to M", "N-M", "between N and M" give low = N, high = M, best = N (UCDP's conservative best);
- vague words have fixed readings: "a few" 2..4 (best 3), "several" 3..9 (best 3), "dozens" low 24 with
  best 24, "scores" 40, "hundreds" 200, "thousands" 2000; "several thousand" multiplies (3000 best).
ACLED, when a single number is needed for a vague word, uses its own conventions ("dozens" → 12,
"hundreds" → 100, "several"/"many" → 10); `acled_count` gives that number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# word → (low, best, high, acled)
VAGUE = {
    "a few": (2, 3, 4, 3), "few": (2, 3, 4, 3), "a couple of": (2, 2, 3, 2), "a couple": (2, 2, 3, 2),
    "several": (3, 3, 9, 10), "many": (3, 10, None, 10), "numerous": (3, 10, None, 10),
    "a dozen": (12, 12, 12, 12), "dozen": (12, 12, 12, 12), "dozens": (24, 24, None, 12),
    "dozens of": (24, 24, None, 12), "scores": (40, 40, None, 40), "scores of": (40, 40, None, 40),
    "hundreds": (200, 200, None, 100), "hundreds of": (200, 200, None, 100),
    "thousands": (2000, 2000, None, 1000), "thousands of": (2000, 2000, None, 1000),
}
VAGUE_MULTIPLIERS = {"a few": (2, 3, 4), "several": (2, 3, 9), "tens of": (20, 20, 90)}

QUALIFIERS = {
    "more than": "gt", "over": "gt", "upwards of": "gt", "in excess of": "gt", "above": "gt",
    "at least": "ge", "no fewer than": "ge", "no less than": "ge", "a minimum of": "ge",
    "up to": "ceiling", "at most": "ceiling", "no more than": "ceiling", "as many as": "le", "fewer than": "lt",
    "less than": "lt", "under": "lt",
    "about": "approx", "around": "approx", "some": "approx", "approximately": "approx",
    "roughly": "approx", "an estimated": "approx", "estimated": "approx", "close to": "nearly",
    "nearly": "nearly", "almost": "nearly",
}

_WORDS = "|".join(sorted(list(UNITS) + list(TENS) + list(SCALES) + ["a", "an", "and"], key=len, reverse=True))
_NUMWORD = rf"(?:\d[\d,\.]*|(?:{_WORDS})(?:[\s-]+(?:{_WORDS}))*)"
_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
_MULT = "|".join(sorted((re.escape(v) for v in VAGUE_MULTIPLIERS), key=len, reverse=True))

COUNT_RE = re.compile(
    rf"\b(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:between\s+(?P<blo>{_NUMWORD})\s+and\s+(?P<bhi>{_NUMWORD})\b"
    rf"|(?P<lo>{_NUMWORD})\s+(?:to|or)\s+(?P<hi>{_NUMWORD})\b"
    rf"|(?P<dlo>\d[\d,]*)\s*[-–—]\s*(?P<dhi>\d[\d,]*)\b"
    rf"|(?P<mult>{_MULT})\s+(?P<scale>hundred|thousand|million)s?\b"
    rf"|(?P<vague>{_VAGUE})\b"
    rf"|(?P<num>{_NUMWORD})\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Count:
    """A parsed count: the range, the words it came from, and their place in the text."""

    low: int | None
    best: int | None
    high: int | None
    start: int
    end: int
    text: str
    acled: int | None = None


def words_to_int(text: str) -> int | None:
    """'twenty-seven' → 27, '1,200' → 1200, 'two hundred and five' → 205; None if not a number."""
    t = text.strip().lower().replace("–", "-")
    digits = t.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return int(float(digits))
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", t):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = max(current, 1)
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def apply_qualifier(qual: str | None, n: int) -> tuple[int | None, int | None, int | None]:
    """The UCDP rule for one number and its qualifier (see the module docstring)."""
    kind = QUALIFIERS.get((qual or "").lower())
    if kind == "gt":
        return n + 1, n + 1, None
    if kind == "ge":
        return n, n, None
    if kind == "le":
        return None, n, n
    if kind == "ceiling":
        return None, None, n
    if kind == "lt":
        return None, max(n - 1, 0), max(n - 1, 0)
    if kind == "nearly":
        return None, n, n
    if kind == "approx":
        return None, n, None
    return n, n, n


def parse_count(text: str, offset: int = 0) -> Count | None:
    """The first count in `text` (offsets shifted by `offset`), or None."""
    for count in find_counts(text, offset):
        return count
    return None


def find_counts(text: str, offset: int = 0) -> list[Count]:
    """Every count in `text`, with its qualifier folded into low/best/high."""
    found = []
    for m in COUNT_RE.finditer(text):
        count = _from_match(m, offset)
        if count is not None:
            found.append(count)
    return found


def _from_match(m: re.Match[str], offset: int) -> Count | None:
    qual = m.group("qual")
    span = (m.start() + offset, m.end() + offset, m.group(0))
    for lo_g, hi_g in (("blo", "bhi"), ("lo", "hi"), ("dlo", "dhi")):
        if m.group(lo_g):
            lo, hi = words_to_int(m.group(lo_g)), words_to_int(m.group(hi_g))
            if lo is None or hi is None or hi < lo:
                return _single(m.group(lo_g), qual, m, offset)
            return Count(lo, lo, hi, *span, acled=lo)
    if m.group("mult"):
        lo_m, best_m, hi_m = VAGUE_MULTIPLIERS[m.group("mult").lower()]
        scale = SCALES[m.group("scale").lower()]
        return Count(lo_m * scale, best_m * scale, hi_m * scale, *span, acled=best_m * scale)
    if m.group("vague"):
        low, best, high, acled = VAGUE[m.group("vague").lower()]
        if qual and low == high:  # "more than a dozen" is "more than 12"
            low, best, high = apply_qualifier(qual, low)
        elif qual and QUALIFIERS.get(qual.lower()) in ("gt", "ge"):
            high = None
        return Count(low, best, high, *span, acled=acled)
    return _single(m.group("num"), qual, m, offset)


def _single(word: str, qual: str | None, m: re.Match[str], offset: int) -> Count | None:
    if word.lower() in ("a", "an", "and"):
        return None
    n = words_to_int(word)
    if n is None:
        return None
    low, best, high = apply_qualifier(qual, n)
    return Count(low, best, high, m.start() + offset, m.end() + offset, m.group(0), acled=best)

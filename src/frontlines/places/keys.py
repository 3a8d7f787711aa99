"""Spelling keys for place names that survive transliteration.

Reports spell the same Arabic, Kurdish or Cyrillic name many ways ("El-Khol", "Al Hol",
"El Hôl"; "Deir Ez-Zor", "Dayr az Zawr"; "Et-Tanf", "Al-Tanf"). `key()` maps a name to a
short ASCII string so that such spellings meet in one dictionary slot. The rules, applied in
this order, are:

1. transliterate to ASCII with unidecode and lowercase;
2. delete apostrophes and ayn/hamza marks (', `, ʿ, ʾ, ’); every other non-alphanumeric
   character (hyphen, space, dot, comma) separates words;
3. drop Arabic article words (`ARTICLES`: al, el, as, ash, at, et, ad, ed, ar, ez, az, an ...)
   whenever another word remains ("El-Khol" → "khol", "Deir ez-Zor" → "deir zor");
4. drop a trailing "h" after a vowel in each word ("Hasakah" → "hasaka", "Hamah" → "hama");
5. join the words without separators;
6. rewrite letter groups (`REWRITES`: dzh→j, zh→j, dj→j, kh→h, gh→g, q→k, ou→u, oo→u,
   ee→i, ph→f) and collapse doubled letters ("Raqqa" → "raka"), until nothing changes.

`key` is idempotent (`key(key(s)) == key(s)`) and never raises; a name without letters or
digits gives "". Because rule 6 runs to a fixed point on the joined string, a key fed back
in is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

#: Bump when `key`, `skeleton` or `usable_alternate` change what they return: indexes built
#: with other keys are rebuilt.
KEYS_VERSION = 1

#: Article words of Arabic names in the usual English, French and Russian transliterations,
#: including the sun-letter assimilations (as-, ash-, at-, ad-, ar-, az-, an-, ...).
ARTICLES: frozenset[str] = frozenset(
    """al el il ul as es ash esh ath at et ad ed adh ar er az ez an en""".split()
)

#: Words that qualify a name ("Upper", "Tahtani") and may be missing from a gazetteer's spelling.
QUALIFIERS = frozenset(
    """upper lower north south east west northern southern eastern western northeast northwest
    southeast southwest northeastern northwestern southeastern southwestern central new old greater
    little big small fawqani fokani fauqani fouqani tahtani tahtan sharqi gharbi shamali janubi
    kabir kebir saghir sghir camp""".split())

#: Letter groups rewritten on the joined key, in order: longer groups first.
REWRITES: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("q", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
)

_MARKS = re.compile(r"['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z0-9])\1+")
_TRAILING_H = re.compile(r"(?<=[aeiouy])h$")


def _rewrite(s: str) -> str:
    """Rule 6 (and rule 4 on the whole string) until a fixed point."""
    while True:
        before = s
        for old, new in REWRITES:
            if old in s:
                s = s.replace(old, new)
        s = _DOUBLE.sub(r"\1", s)
        s = _TRAILING_H.sub("", s)
        if s == before:
            return s


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The spelling key of `name` (see the module docstring for the rules)."""
    text = _MARKS.sub("", unidecode(name or "")).lower()
    text = _MARKS.sub("", text)  # unidecode turns some marks into apostrophes
    words = [w for w in _SEPARATORS.split(text) if w]
    if len(words) > 1:
        kept = [w for w in words if w not in ARTICLES]
        words = kept or words[-1:]
    words = [_TRAILING_H.sub("", w) for w in words]
    return _rewrite("".join(words))


def words(name: str) -> list[str]:
    """The lowercase ASCII words of `name` (rules 1–2), e.g. to test for generic words."""
    text = _MARKS.sub("", unidecode(name or "")).lower()
    return [w for w in _SEPARATORS.split(_MARKS.sub("", text)) if w]


_VOWELS = str.maketrans("", "", "aeiouyw")
_PURE_VOWELS = str.maketrans("", "", "aeiou")


def skeleton(name_key: str, semivowels: bool = False) -> str:
    """The consonants of a spelling key after its first letter ("jazal" → "jzl", "jizel" → "jzl").

    Arabic script writes no short vowels, so transliterations agree on consonants and differ on
    vowels ("Khneyfis", "Khunayfis"); w and y count as vowels (diphthongs "aw", "ay"), and v
    as w (Russian "Tuvinen" for "Tuwaynan"). With `semivowels`, w and y are kept as consonants
    (a stricter skeleton: "hnyfs" for both "Khneyfis" and "Khunayfis", not "Khanafis")."""
    if not name_key:
        return ""
    rest = name_key[1:].replace("v", "w").translate(_PURE_VOWELS if semivowels else _VOWELS)
    return _DOUBLE.sub(r"\1", name_key[0] + rest)


_LATIN_LIKE = ((0x0000, 0x024F), (0x0370, 0x03FF), (0x0400, 0x052F), (0x1E00, 0x1EFF),
               (0x2000, 0x206F))


def usable_alternate(name: str) -> bool:
    """Whether a city's alternate name is worth a key.

    Skipped: all-lowercase names (GeoNames' machine transliterations such as "dmshq"), short
    all-capital codes ("DAM", IATA codes), and names in scripts other than Latin, Greek and
    Cyrillic (unidecode turns those into noise that matches English words).
    """
    if not name or name == name.lower():
        return False
    if name.isupper() and len(name) <= 4:
        return False
    for ch in name:
        o = ord(ch)
        if not any(lo <= o <= hi for lo, hi in _LATIN_LIKE):
            return False
    return True

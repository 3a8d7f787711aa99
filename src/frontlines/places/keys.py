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

Names written in Arabic script keep a native-script key instead (unidecode would turn them
into noise that meets English words): `arabic_key` strips the harakat and the tatweel,
writes every alef (أ إ آ ٱ) as ا, ة as ه, ى and Persian ی as ي, Persian ک as ك, drops the
article ال from the front of a word while two letters remain ("دير الزور" → "ديرزور") and a
generic word (مدينة "city", محافظة "governorate", ...) when another word remains, and joins
the words. GeoNames' Arabic-script alternate names are indexed under these keys, so a report
that writes "دمشق" or "حمص" finds Damascus and Homs. Cyrillic goes through unidecode like
Latin ("Дамаск" → "damask", an alternate name of Damascus).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

#: Bump when `key`, `skeleton` or `usable_alternate` change what they return: indexes built
#: with other keys are rebuilt.
KEYS_VERSION = 3

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


#: Letters of the Arabic script (base block, supplement, extended-A, presentation forms).
ARABIC_LETTERS = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
                            r"\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc]")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, tatweel
_ARABIC_FOLD = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
                              "\u0629": "\u0647", "\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643"})
_ARABIC_SEPARATORS = re.compile(r"[^\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
                                r"\u0750-\u077f\u08a0-\u08c9]+")
ARABIC_ARTICLE = "\u0627\u0644"  # ال
#: Generic words of Arabic place names (after folding): city, governorate, region, subdistrict,
#: village, town.
ARABIC_GENERIC = frozenset("مدينه محافظه منطقه ناحيه قريه بلده".split())


def is_arabic(name: str) -> bool:
    """Whether `name` has a letter of the Arabic script."""
    return bool(ARABIC_LETTERS.search(name or ""))


def arabic_key(name: str) -> str:
    """The native-script key of an Arabic-script name (see the module docstring)."""
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", name)).translate(_ARABIC_FOLD)
    ws = [w for w in _ARABIC_SEPARATORS.split(text) if w]
    if len(ws) > 1:
        ws = [w for w in ws if w not in ARABIC_GENERIC and w != ARABIC_ARTICLE] or ws[-1:]
    out = []
    for w in ws:
        while w.startswith(ARABIC_ARTICLE) and len(w) > 3:
            w = w[2:]
        out.append(w)
    joined = "".join(out)
    while joined.startswith(ARABIC_ARTICLE) and len(joined) > 3:  # so that a key fed back stays
        joined = joined[2:]
    return joined


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The spelling key of `name` (see the module docstring for the rules)."""
    if is_arabic(name):
        return arabic_key(name)
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
    all-capital codes ("DAM", IATA codes), and names in scripts other than Latin, Greek,
    Cyrillic and Arabic (unidecode turns those into noise that matches English words). An
    Arabic-script name (a script without capitals) is kept when all its letters are Arabic and
    its key has two letters or more.
    """
    if name and is_arabic(name):
        k = arabic_key(name)
        return len(k) >= 2 and k != ARABIC_ARTICLE and not re.search(r"[^\W\d_]", ARABIC_LETTERS.sub("", name))
    if not name or name == name.lower():
        return False
    if name.isupper() and len(name) <= 4:
        return False
    for ch in name:
        o = ord(ch)
        if not any(lo <= o <= hi for lo, hi in _LATIN_LIKE):
            return False
    return True

"""How a name matches a gazetteer record: its spellings (abbreviations spelt out), whether it is
the record's own name, and the prior standing of a record (countries, capitals, divisions, towns
by population). Shared by the resolver (`resolve.py`) and the evaluation's ceiling.
"""

from __future__ import annotations

import math
import re

from ..records import Place
from .index import GENERIC_WORDS
from .keys import key, words

#: The population a town of unknown population stands as: a few thousand, as a district's seat.
#: GeoNames leaves many towns without one (most district and subdistrict seats of Syria, Iraq
#: and Yemen, which cities500 lists as seats whatever their size): a 0 there is unknown, not
#: empty, and read as 0 such a town lost to any foreign village of a few hundred ("Al-Rai" was
#: Rai, France). On UCDP, ACLED and FA-KES places 5,000 did better than 1,000, with LGL and
#: GeoWebNews unchanged; 15,000 gained 7 ACLED rows more, but would lift every hamlet of a full
#: GeoNames dump (no population, plain PPL) above real towns of several thousand.
UNKNOWN_POPULATION = 5_000
#: Codes of towns whose population may be unknown (not capitals, nor sections of a town).
TOWN_CODES = frozenset({"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4"})


def prior(p: Place) -> float:
    """A place's standing before any context: countries > capitals > first-order divisions >
    second-order divisions > populated places by population (a town of unknown population as
    one of `UNKNOWN_POPULATION`)."""
    code = p.feature_code
    if code.startswith("PCL") or code == "CONT":
        return 1.0
    if code == "PPLC":
        return 0.95
    if code == "ADM1":
        return 0.75
    if code == "ADM2":
        return 0.4
    population = p.population or (UNKNOWN_POPULATION if code in TOWN_CODES else 0)
    return 0.15 + 0.65 * min(1.0, math.log10(population + 1) / 6.5)


def same_ending(a: str, b: str) -> bool:
    """Whether two keys both end in a vowel or both in a consonant ("jizel", "jazal")."""
    return (a[-1:] in "aeiouy") == (b[-1:] in "aeiouy")


ABBREVIATIONS = tuple((re.compile(rf"\b{a}\.?(?=\s)", re.IGNORECASE), word) for a, word in
                       (("St", "Saint"), ("Ste", "Sainte"), ("Mt", "Mount"), ("Ft", "Fort")))


def spellings(text: str) -> set[str]:
    """Keys of a name as written and with its abbreviations spelt out ("St. Petersburg",
    "Saint Petersburg"): either counts as the exact name of a place."""
    out = {key(text)}
    for pattern, word in ABBREVIATIONS:
        text = pattern.sub(word, text)
    out.add(key(text))
    return out


def own_name(p: Place, spellings: set[str]) -> bool:
    """Whether a name is the place's own (not an alternate): its name, or a division's name
    without its generic words ("Homs Governorate", "Hancock County")."""
    if key(p.name) in spellings:
        return True
    if p.feature_class != "A":
        return False
    kept = [w for w in words(p.name) if w not in GENERIC_WORDS and w != "of"]
    return bool(kept) and key(" ".join(kept)) in spellings


def dominant(p: Place, spellings: set[str], countries: set[str]) -> bool:
    """Whether a candidate is a country of that very name, or a first-order division of that
    name in one of the report's countries ("Italy", "Kansas" in a report on the US)."""
    if key(p.name) not in spellings:
        return False
    return p.feature_code.startswith("PCL") or (p.feature_code == "ADM1" and p.country_code in countries)


def full_division(p: Place, text: str) -> bool:
    """Whether a second-order division is named in full, its generic word included."""
    ws = words(p.name)
    return p.feature_code == "ADM2" and len(ws) > 1 and ws[-1] in GENERIC_WORDS and key(p.name) in spellings(text)

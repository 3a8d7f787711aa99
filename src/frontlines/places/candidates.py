"""How a name finds its gazetteer candidates, each with a match and how it was found: its
spellings exactly (an alternate name counting for less where towns bear the name as their
own), a country's or a first-order division's name dropping its smaller namesakes, the name
without a qualifier ("Upper", "Fawqani"), its first words before a word like "County" or
"Police", then, within the report's countries only, a bounded fuzzy match: one letter for a
long name, a close spelling of a division under a division context word, or the same
consonants. The resolver (`resolve.py`) ranks what this finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ..records import Place
from .commonwords import common_name
from .gazetteer import Gazetteer
from .keys import QUALIFIERS, key, skeleton, words
from .mentions import STREET_WORDS
from .names import dominant as _dominant
from .names import own_name as _own_name
from .names import same_ending as _same_ending
from .names import spellings as _spellings
from .relations import contains as _contains
from .relations import division as _division

#: Words after a place name that make a longer name of something in or of the place
#: ("Douglas County Road", "Fargo City", "Cottonport Fire Station", "Alexandria Police").
HEAD_FOLLOWERS = frozenset(
    """county city town village road street avenue highway route hospital police fire station school
    university college court courthouse council department office airport park river lake township
    area region district sheriff library center centre hall mall market bridge dam high middle
    elementary public regional international national state metropolitan metro community municipal
    province governorate camp base field""".split())
#: How a candidate found by its consonants alone is described. Such a match is the weakest
#: evidence (English names that share consonants are other names: "Chapman Valve",
#: "Chapmanville"), so it is kept only within `far_km` of a town the report names.
SKELETON_HOW = "same consonants as"
#: A written abbreviation: a short capitalised word with a full stop, or initials.
_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,3})$")
#: Bonus of a consonant match that also agrees on w and y. Arabic script writes consonants
#: and the long vowels و (w/u/ou/o) and ي (y/i/ee/ey), never the short vowels a, i, u: two
#: transliterations of one written name differ in short vowels only, so they agree on the
#: consonants *and* on w/y ("Khneyfis", "Khunayfis": خنيفس), while a name that agrees on the
#: consonants alone is another written word ("Khanafis": خنافس). The loose skeleton (w, y
#: dropped, as diphthongs are spelt "ay", "ai", "ei") finds the candidates; this ranks those
#: whose written letters all agree first. It outweighs three edits of the Latin spelling.
WRITTEN_LETTERS = 0.1
#: A possessive ending ("New Zealand's", "Henry County’s"), dropped when the name as written is unknown.
_POSSESSIVE = re.compile(r"[’']s?$")
#: Match of a name that is only an alternate name of the candidate.
ALTERNATE_MATCH, ALTERNATE_PENALTY = 0.9, 0.1
WITHOUT_QUALIFIER = "name without qualifier"


@dataclass(slots=True)
class Option:
    """A candidate place for a name, how well the name matches it, and how it was found."""

    place: Place
    match: float
    how: str


def fits(place: Place, kind: str | None) -> bool:
    """Whether a place is of the kind a context word names ("P", "ADM1", "ADM2")."""
    if kind == "P":
        return place.feature_class != "A"
    return place.feature_code == kind


class Candidates:
    """The candidates of names in one gazetteer; `small_population` is the size of a well-known town."""

    def __init__(self, gazetteer: Gazetteer, small_population: int = 100_000) -> None:
        self.g = gazetteer
        self.small_population = small_population

    def well_known(self, text: str) -> bool:
        """Whether a name is the own name of a country, a first-order division, a capital or a
        town of `small_population` or more (not a word that is only a small town's name:
        "Arab", "Christian")."""
        spellings = _spellings(text)
        return any(_own_name(p, spellings) and (_division(p) or p.feature_code == "PPLC" or
                                                p.population >= self.small_population)
                   for p in self.g.candidates(text))

    def __call__(self, text: str, kind: str | None, countries: set[str]) -> tuple[list[Option], bool]:
        """Candidates for a name: exact, without qualifiers, then bounded fuzzy (flag: fuzzy tried)."""
        if _POSSESSIVE.search(text) and len(text) > 3 and not self.g.rows(key(text)):
            text = _POSSESSIVE.sub("", text)  # "Henry County's"; not "St. John's" or "Sana'", names as written
        k = key(text)
        spellings = _spellings(text)
        cands = self.g.candidates(text)
        # an abbreviation ("Colo.", "Pa.", "L.A.") is nobody's own name, though its key may be
        # ("Collo"): every candidate has it as an alternate
        own = [False if _ABBREVIATION.match(text) else _own_name(p, spellings) for p in cands]
        # an alternate name (a former, foreign or colloquial one) counts for less where other
        # places bear the name as their own ("Hudson" is not Jersey City when towns are Hudson);
        # a division named after its seat does not count (the city of Deir ez-Zor)
        bearers = any(mine and p.feature_class != "A" for p, mine in zip(cands, own))
        alternate = ALTERNATE_MATCH - (ALTERNATE_PENALTY if bearers else 0.0)
        opts = [Option(p, 1.0, "exact name") if mine else Option(p, alternate, "exact alternate name")
                for p, mine in zip(cands, own)]
        # A name that is a country's, or a first-order division's of the report's countries,
        # means that place, not a smaller namesake outside it ("Italy" beside "Texas" is not
        # Italy, Texas; "Kansas" is not Kansas, Illinois): the namesakes inside it stay (the
        # city of Homs in the governorate of Homs), and so do capitals and large cities
        # (Washington, D.C. beside the state of Washington).
        big = [o.place for o in opts if _dominant(o.place, spellings, countries)]
        if big:
            opts = [o for o in opts if any(o.place is b or _contains(b, o.place) for b in big)
                    or (o.place.feature_code.startswith("PCL") or o.place.feature_code == "ADM1")
                    and key(o.place.name) in spellings
                    or o.place.feature_code == "PPLC" or o.place.population >= self.small_population]
        ws = words(text)
        stripped: list[Option] = []
        if not opts:
            kept = [w for w in ws if w not in QUALIFIERS]
            if kept and len(kept) < len(ws):
                stripped = [Option(p, 0.85, WITHOUT_QUALIFIER)
                            for p in self.g.candidates(" ".join(kept))]
            # the qualified place lies in or beside the one its bare name names: outside the
            # report's countries a close spelling inside them comes first ("Lower Shabelle" is
            # Somalia's Shabeellaha Hoose, not Ethiopia's Shabelle district)
            if not countries or any(o.place.country_code in countries for o in stripped):
                opts, stripped = stripped, []
        for n in range(len(ws) - 1, 0, -1):  # "Douglas County Road", "Fargo City": a known head
            if opts or stripped:
                break
            head = " ".join(ws[:n])
            if len(key(head)) < 4 or self.g.demonym(head) is not None or ws[n] not in HEAD_FOLLOWERS:
                continue
            if n == 1 and ws[n] in STREET_WORDS and common_name(head) and not self.well_known(head):
                continue  # "First Avenue", "Main Street": a word, not a town's name
            opts = [Option(p, 0.8, f"first words {head!r}") for p in self.g.candidates(head)
                    if n > 1 or self.g.prominent_place(p)]
        if kind:
            fitting = [o for o in opts if fits(o.place, kind)]
            # a larger division of the very name ("District of Massachusetts" is the state)
            larger = ("PCLI", "PCLD", "PCLIX") if kind == "ADM1" else ("PCLI", "PCLD", "PCLIX", "ADM1")
            divisions = [o for o in opts if o.place.feature_code in larger]
            if fitting or kind not in ("ADM1", "ADM2"):
                opts, divisions = fitting or opts, []
            else:
                opts = []
        else:
            divisions = []
        if opts or not countries:
            return opts or divisions, False
        if kind in ("ADM1", "ADM2"):
            found = self.g.fuzzy_rows(text, countries=countries, feature_codes=[kind], limit=5,
                                      cutoff=0.85)
            return divisions + [Option(self.g.place(r), 0.5 + 0.4 * s, f"close spelling of a {kind} ({s:.2f})")
                                for r, s, _ in found] or stripped, True
        if len(k) < 5:
            return stripped, True
        one_letter = len(k) >= 6  # one edit in five letters is another name too often
        found = self.g.fuzzy_rows(text, countries=countries, limit=10, cutoff=0.88,
                                  length_window=1) if one_letter else []
        out = []
        for r, s, matched in found:
            place = self.g.place(r)
            if one_letter and Levenshtein.distance(k, matched) <= 1 and (not kind or fits(place, kind)):
                out.append(Option(place, 0.75, f"one letter from {matched!r}"))
        if not out and len(skeleton(k)) >= 3:
            strict = skeleton(k, semivowels=True)
            for r, matched in self.g.skeleton_rows(text, countries):
                place = self.g.place(r)
                if abs(len(matched) - len(k)) <= 2 and _same_ending(k, matched) and (not kind or fits(place, kind)):
                    # closer spellings first: fewer edits, and the same written letters
                    match = 0.7 - 0.03 * Levenshtein.distance(k, matched) + \
                        (WRITTEN_LETTERS if skeleton(matched, semivowels=True) == strict else 0.0)
                    out.append(Option(place, round(match, 3), f"{SKELETON_HOW} {matched!r}"))
        return out or stripped, True

"""Words around a name that say whether it is a place: context words ("the province of X",
"X refugee camp", "X, a suburb of Y"), locative prepositions, datelines, hometowns ("a man of
X"), a town's people or services after it ("X police"), addresses ("St., X,"), and verbs whose
subject is a government or a person ("X said").

Split out of `recognize` so that the recogniser's rules and the cues they read stay short.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads only when a report is parsed
    from spacy.tokens import Doc, Token

from .gazetteer import Gazetteer
from .keys import key

#: Context words and the kind of place they point to: "ADM1", "ADM2", "P", or "" (no kind).
CONTEXT_WORDS: dict[str, str] = {
    **dict.fromkeys("province governorate region state oblast muhafazat wilayah".split(), "ADM1"),
    **dict.fromkeys("district county subdistrict nahiya nahiyah".split(), "ADM2"),
    **dict.fromkeys("settlement village town city camp neighbourhood neighborhood suburb township "
                    "hamlet municipality".split(), "P"),
    **dict.fromkeys("zone field deposit area base airbase airport crossing checkpoint border dam "
                    "river mountain mountains valley desert oasis bridge highway road station plant "
                    "refinery prison bank banks outskirts countryside".split(), ""),
}
#: Nouns that make a place only as the predicate of "X is a ...": "X is a community in ...".
COPULA_WORDS = frozenset("community locality commune borough capital place".split())
#: Context words that only count before "of" ("the outskirts of X", "the bank of the X").
BEFORE_ONLY = frozenset({"outskirts", "bank", "banks", "area", "countryside"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: The recognizer's mark on a country's name before a noun ("the US embassy", "US officials"):
#: it says whose, like a demonym, not where; the resolver reads it so.
ATTRIBUTE = "a country's name before a noun"
#: Nouns for people whose "of X" names where they live ("a woman of Berea").
PEOPLE_NOUNS = frozenset("man woman boy girl resident native teen teenager student people family "
                         "couple driver mother father son daughter wife husband".split())
#: Nouns after a religious or ethnic group's name ("Shiite militias"): the word is the group's.
FACTION_NOUNS = frozenset("militia militiaman fighter militant rebel faction cleric tribe sect insurgent "
                          "gunman clan".split())
#: Nouns after a possessive that make the name a person's ("Madison's mother", "Charlotte's lawyer").
KIN_NOUNS = PEOPLE_NOUNS - {"resident", "native", "people", "student"} | frozenset(
    "brother sister parent uncle aunt cousin grandmother grandfather grandson granddaughter child "
    "boyfriend girlfriend fiance fiancee friend lawyer attorney widow widower partner".split())
SKIP_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
                         "LAW", "LANGUAGE"})
#: Words of a town's own institutions: a known place before one opens the name of an office of
#: that town, whatever its size ("Canaan Board of Finance", "Brownsboro Police", "Groton Town
#: Council"); other words ("University", "Hotel") are as often named after people or brands.
LOCAL_INSTITUTIONS = frozenset("police sheriff fire council board township town city village county "
                               "schools library".split())
#: Words of direction: alone they open a name ("East Bank Mayor", "Southwest Middlesex") but
#: name no place of their own, whatever region of some country bears them.
DIRECTION_WORDS = frozenset("north south east west central northeast northwest southeast southwest northern "
                            "southern eastern western upper lower middle".split())
#: The reason given to what a verb of bombardment or siege takes: a place even when the index lacks it.
SIEGE_OBJECT = "a place a verb of bombardment or siege takes"
#: Words of a natural or built feature: a name holding one is the feature's ("Gulf of Mexico",
#: "Aleutian Islands", "Delaware Bay"), never the country or division it is named after.
FEATURE_WORDS = frozenset("gulf sea ocean bay lake river creek island islands isle strait straits cape coast "
                          "peninsula mount mountain mountains hills valley desert canal port harbor harbour "
                          "beach park forest falls sound channel".split())
LOCATIVE_PREPOSITIONS = frozenset(
    "in at from to near into through towards toward outside around across inside via between "
    "within beyond along off".split())
#: Words of attack or movement before "on" that make the name after it a target place ("advanced
#: on Tal Abyad", "an assault on Ras al-Ain", "strikes on Idlib"): lemmas.
ON_TARGET_WORDS = frozenset(
    "advance attack assault offensive march push drive strike airstrike raid converge close bear move "
    "onslaught bombardment shelling fire push siege".split())
#: Verbs whose object is a place when it is a well-known one, whatever the model's label ("Shelling
#: hit Homs", "forces captured Raqqa", "jets pounded Aleppo"): lemmas.
TARGET_VERBS = frozenset(
    "hit shell bomb strike attack capture seize besiege enter storm pound target raid recapture retake "
    "liberate encircle surround overrun bombard evacuate reach control take patrol".split())
#: Verbs of bombardment and siege, whose object is a place whatever its size or the model's label
#: ("shelled Avdiivka", "besieged Ras al-Ain"), unless the report names a person so: lemmas.
SIEGE_VERBS = frozenset("shell bomb bombard besiege encircle overrun storm recapture retake raid".split())
#: Irregular past forms the small model's lemmatizer leaves as they are when it tags them as
#: present ("troops retook Palma", VBP "retook").
_IRREGULAR_PAST = {"retook": "retake", "overran": "overrun", "took": "take", "struck": "strike",
                   "beset": "besiege", "shot": "shoot", "fought": "fight", "drove": "drive"}


def verb_lemma(t: Token) -> str:
    """A token's lemma in lowercase, irregular past forms the model left unlemmatised mended."""
    return _IRREGULAR_PAST.get(t.lower_) or t.lemma_.lower()
#: Verbs whose subject is a government rather than a location ("Damascus said", "US moves").
GOVERNMENT_VERBS = frozenset(
    "say tell announce claim deny accuse state declare warn threaten demand respond insist confirm "
    "agree reject condemn urge call ask send deploy move launch order sign decide plan want support "
    "oppose refuse pledge promise vow blame allege report sanction approve recognize recognise "
    "offer propose expel summon impose".split())
MODIFIER_POS = frozenset({"NOUN", "ADJ", "PROPN"})


def skip_list(doc: Doc, end: int) -> int:
    """Past the rest of a list of names ("Barrow, Jackson and Madison counties" from Barrow),
    so that a plural context word after the list counts for each name; else `end`."""
    j, seen_name = end, False
    while j < len(doc) and j < end + 24:
        t = doc[j]
        if t.text == "," or t.lower_ in ("and", "or"):
            j += 1
        elif t.text[:1].isupper() and t.pos_ == "PROPN":
            j += 1
            seen_name = True
        else:
            break
    if seen_name and j < len(doc) and doc[j].tag_ in ("NNS", "NNPS") and doc[j].text[:1].islower():
        return j
    return end


def copula_noun(doc: Doc, end: int) -> str | None:
    """The place noun of "X is a market town in ...", "X, a suburb of Chicago, ..." ("town", "suburb")."""
    j = end
    if j >= len(doc) or not (doc[j].lemma_ == "be" or doc[j].text == ","):
        return None
    j += 1
    if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
        j += 1
    else:
        return None
    for k in range(j, min(j + 6, len(doc))):
        t = doc[k]
        w = t.lemma_.lower()
        # the noun the phrase is about, not a modifier of it: "a suburb of", "the state capital"
        # (capital), not "the city's planning director" nor "a highways administrator"
        modifier = t.dep_ in ("compound", "poss") or (k + 1 < len(doc) and doc[k + 1].text in ("'s", "’s"))
        if (w in CONTEXT_WORDS or (w in COPULA_WORDS and k > j)) and t.pos_ in ("NOUN", "PROPN") and not modifier:
            return w if w in CONTEXT_WORDS else "settlement"
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM", "ADV", "PUNCT") or t.text in (",", "."):
            return None
    return None


#: The context of a name that holds the place a context word names ("a northern district of
#: Manbij"): a place, of no particular kind, and the event in a part of it.
PART_CONTEXT = "part"


def _part_of(doc: Doc, noun: int) -> bool:
    """Whether the noun before "of" is one of several, after "a"/"an"/"one"/"another" and its
    modifiers ("a Kurdish district of Aleppo", "one village of Idlib"): the name after it is the
    place that holds it, not a place of that kind ("the district of Afrin")."""
    j = noun - 1
    while j >= 0 and doc[j].pos_ in ("ADJ", "PROPN", "NOUN", "NUM", "PUNCT") and doc[j].lower_ not in ("of", "the"):
        j -= 1
    return j >= 0 and doc[j].lower_ in ("a", "an", "one", "another")


def find_context(doc: Doc, start: int, end: int) -> str | None:
    """The context word before ("province of [the] X") or after ("X refugee camp") a span."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 1 and doc[i].lower_ == "of":
        w = doc[i - 1].lemma_.lower()
        known = w if w in CONTEXT_WORDS else doc[i - 1].lower_ if doc[i - 1].lower_ in CONTEXT_WORDS else None
        if known is not None:
            return PART_CONTEXT if _part_of(doc, i - 1) else known
    copula = copula_noun(doc, end)
    if copula:
        return copula
    j = skip_list(doc, end)
    # a list of names before a plural ("Alachua and Gilchrist counties"), seen from any of them
    listed = j > end or (start > 0 and doc[start - 1].lower_ in (",", "and", "or", "&"))
    for _ in range(3):
        if j >= len(doc):
            break
        t = doc[j]
        w = t.lemma_.lower() if t.lemma_ else t.lower_
        if t.text[:1].islower() and (w in CONTEXT_WORDS or t.lower_ in CONTEXT_WORDS) and \
                (w not in BEFORE_ONLY and t.lower_ not in BEFORE_ONLY) and t.pos_ not in ("VERB", "AUX"):
            # (a verb is not a context word: "Zakharova stated", "X-based")
            if t.tag_ in ("NNS", "NNPS") and not listed:
                return None  # "Texas cities", "Indiana counties": places in it, not its kind
            return w if w in CONTEXT_WORDS else t.lower_
        if not (t.pos_ in MODIFIER_POS and t.text[:1].islower()):
            break
        j += 1
    return None


def is_government(doc: Doc, start: int, end: int) -> bool:
    """Whether the span is the active subject of a verb of saying or acting."""
    root = doc[start:end].root
    return root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX") and \
        root.head.lemma_.lower() in GOVERNMENT_VERBS


def before_division(doc: Doc, end: int, gazetteer: Gazetteer) -> bool:
    """Whether ", <country or first-order division>" follows ("Ripley, Tenn.", "Homs, Syria")."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    stop = end + 2
    while stop < len(doc) and stop < end + 5 and (doc[stop].text[:1].isupper() or doc[stop].text == "."):
        stop += 1
    for j in range(stop, end + 1, -1):
        rows = gazetteer.rows(key(doc[end + 1:j].text))
        if rows and gazetteer.division_level(rows[0]) <= 1:
            return True
    return False


def dateline_mark(doc: Doc, end: int) -> str:
    """The dash or colon after a name ending at `end` ("" if none), past an agency in brackets
    ("WASHINGTON (AP) -", and "BEIRUT (AP):", where the tokenizer keeps "):" as one token)."""
    if end < len(doc) and doc[end].text == "(":
        if end + 2 >= len(doc) or not doc[end + 2].text.startswith(")"):
            return ""
        close = doc[end + 2].text
        if close != ")":
            return close[1:]
        return doc[end + 3].text if end + 3 < len(doc) else ""
    return doc[end].text if end < len(doc) else ""


def _date_before(doc: Doc, start: int) -> bool:
    """Whether the token before `start` ends a date (a DATE entity or a year): "March 30, 2009
    HANOVER --", not any number ("He scored 3 NATO - goals"). A byline may come before it."""
    prev = doc[start - 1]
    return prev.ent_type_ == "DATE" or re.fullmatch(r"1[89]\d\d|20\d\d", prev.text) is not None


def is_dateline(doc: Doc, start: int, end: int) -> bool:
    """Whether the span is a news dateline: a name in capitals opening a line or sentence, or
    following the story's date, and followed by a dash (or a colon), maybe after an agency
    ("TORRINGTON — City Council", "WASHINGTON (AP) -", "March 30, 2009 HANOVER --", "BEIRUT:")."""
    span = doc[start:end]
    mark = dateline_mark(doc, end)
    return span.text.isupper() and len(span.text) > 2 and mark in ("—", "–", "-", "--", ":") and \
        (start == 0 or span[0].is_sent_start or "\n" in doc[start - 1].text or doc[start - 1].text in (".", "\n")
         or (mark != ":" and _date_before(doc, start)))


def is_hometown(doc: Doc, start: int) -> bool:
    """Whether "of" before the span follows a person ("Larry Dunaway of Berea", "Amstutz, of
    Wooster", "a man of Berea")."""
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    before = doc[start - 2]
    if before.text == "," and start >= 3:
        before = doc[start - 3]
    return before.ent_type_ == "PERSON" or before.lemma_.lower() in PEOPLE_NOUNS


#: Nouns a town's name modifies ("Berea police", "an Alexandria woman", "Gainesville officials"):
#: the model often labels such a name a person, but a person's name rarely comes before them.
LOCAL_NOUNS = frozenset("police officer officers official officials council councillor councilman mayor "
                        "resident residents man woman boy girl teen native home house apartment "
                        "neighborhood neighbourhood community communities school schools hospital "
                        "firefighters sheriff authorities voters businesses area".split())


def local_modifier(doc: Doc, end: int) -> bool:
    """Whether the span modifies one of `LOCAL_NOUNS` right after it ("Berea police")."""
    return end < len(doc) and doc[end].lower_ in LOCAL_NOUNS and doc[end].text[:1].islower()


def set_off(doc: Doc, start: int, end: int) -> bool:
    """Whether the span stands alone between a comma and a comma, a full stop or a bracket, as
    the place of an address or a byline ("..., Owerri (FUTO)", "Orchard St., Alexandria.");
    not after a person's noun ("his wife, Caroline, and")."""
    return start >= 2 and doc[start - 1].text == "," and doc[start - 2].lemma_.lower() not in PEOPLE_NOUNS \
        and (end == len(doc) or doc[end].text in (",", ".", "(", ";"))


def said_by(doc: Doc, start: int, end: int) -> bool:
    """Whether the span is the subject of "say" and not labelled a place ("Little said")."""
    root = doc[start:end].root
    return root.ent_type_ not in PLACE_LABELS and root.dep_ == "nsubj" and root.head.lemma_ == "say"


@functools.lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    """The English adjectives of the default model's lemmatizer tables, read from its package
    alone (no second pipeline is loaded when the report was parsed with another model); empty
    when no default model is installed."""
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    from ..nlp.model import DEFAULT_MODELS

    for name in DEFAULT_MODELS:
        try:
            for path in get_package_path(name).glob("*/lemmatizer/lookups"):
                return frozenset(Lookups().from_disk(path).get_table("lemma_index")["adj"])
        except (ModuleNotFoundError, KeyError, ValueError, OSError):
            continue
    return frozenset()


def adjective(word: str) -> bool:
    """Whether an English word is an adjective in the model's lexicon ("wild", "red", "young")."""
    return word.lower() in _adjectives()

"""The runs of tokens the recognizer weighs as place names, beyond the model's entities:
capitalised proper nouns (and a transliterated article the tagger took for English: "in At
Tall"), words in Arabic or Cyrillic script, and datelines in capitals; and the model's
entities trimmed of articles, a preposition it took in, or a sentence it ran on into.

Kept apart from `recognize.py`, which decides on each run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cues import LOCATIVE_PREPOSITIONS, is_dateline
from .keys import ARTICLES, is_arabic, key

if TYPE_CHECKING:  # spaCy loads only when a report is parsed
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

#: Abbreviations that open a place's name before a full stop ("St. Paris", "Mt. Vernon").
SAINT_ABBREVIATIONS = frozenset({"st", "ste", "mt", "ft"})
@dataclass(slots=True)
class Candidate:
    start: int  # token indices, end exclusive
    end: int
    label: str | None
    skip: int = 0  # characters of the first token left out (an Arabic proclitic: "و", "ب")


def is_name_token(t: Token) -> bool:
    return bool(t.text) and t.text[0].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ") and t.is_alpha


def numbered(doc: Doc, i: int) -> bool:
    """Whether the word at `i` is an abbreviation before a number ("No. 18-cr-10083", "Art. 5"),
    which is no name."""
    return i + 2 < len(doc) and doc[i + 1].text == "." and not doc[i].whitespace_ \
        and any(ch.isdigit() for ch in doc[i + 2].text)


def _article_opening(doc: Doc, i: int) -> bool:
    """Whether the word at `i` is an Arabic article written capitalised inside a sentence
    before a capitalised word, alone or with a hyphen ("in At Tall", "to As-Safira"): English
    capitalises "At" or "As" there only in a name."""
    t = doc[i]
    if not (t.text[:1].isupper() and t.lower_ in ARTICLES and not t.is_sent_start and i + 1 < len(doc)):
        return False
    nxt = doc[i + 2] if doc[i + 1].text in ("-", "‐") and i + 2 < len(doc) else doc[i + 1]
    return nxt.text[:1].isupper() and nxt.is_alpha and doc[i - 1].is_lower


def capitalised_runs(doc: Doc, taken: set[int], known) -> list[Candidate]:
    """Maximal runs of capitalised proper nouns, joined across hyphens and article words, less a
    locative preposition opening the run that the tagger took for a name ("Near Rawah," at a
    sentence's start), unless the gazetteer knows the whole run ("In Amenas")."""
    out: list[Candidate] = []
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if i not in taken and _article_opening(doc, i):
            # "in At Tall", "to As-Safira": a transliterated article the tagger took for English
            end = i + 3 if doc[i + 1].text in ("-", "‐") else i + 2
            if not taken & set(range(i, end)) and known(doc[i:end].text):
                out.append(Candidate(i, end, None))
                i = end
                continue
        if i in taken or not (is_name_token(t) and t.pos_ == "PROPN"):
            i += 1
            continue
        j = i + 1
        while j < n and j not in taken:
            prev, cur = doc[j - 1], doc[j]
            glued = not prev.whitespace_
            if cur.text in ("-", "‐") and glued and j + 1 < n and not cur.whitespace_:
                j += 1
                continue
            if cur.text == "." and glued and prev.lower_ in SAINT_ABBREVIATIONS and j + 1 < n \
                    and is_name_token(doc[j + 1]):
                j += 1  # "ST. PARIS", which the tokenizer splits where it keeps "St." whole
                continue
            if is_name_token(cur) and (cur.pos_ == "PROPN" or glued):
                j += 1
                continue
            if cur.lower_ in ARTICLES and j + 1 < n and (not cur.whitespace_ or doc[j + 1].text == "-"):
                j += 1
                continue
            break
        while j > i and doc[j - 1].text in ("-", "‐") or (j > i + 1 and doc[j - 1].lower_ in ARTICLES):
            j -= 1
        if j == i + 1 and numbered(doc, i):
            i = j
            continue
        start = i
        while start < j - 1 and doc[start].lower_ in LOCATIVE_PREPOSITIONS and not known(doc[i:j].text):
            start += 1
        out.append(Candidate(start, j, None))
        i = j
    return out


_CYRILLIC = re.compile(r"^[\u0400-\u052f]+(?:[-\u2010][\u0400-\u052f]+)*$")


def script(word: str) -> str | None:
    """"Arabic" or "Cyrillic" for a word written in that script, else None."""
    if is_arabic(word) and not re.search(r"[A-Za-z]", word):
        return "Arabic"
    if _CYRILLIC.match(word):
        return "Cyrillic"
    return None


#: Arabic one-letter proclitics written joined to the next word: "and", "in/with", "to", "so", "like".
ARABIC_PROCLITICS = "وبلفك"
#: Arabic prepositions of place: in, from, to (two spellings), on, near, towards, at, around.
ARABIC_LOCATIVES = frozenset("في من الى إلى على قرب نحو عند حول".split())


def script_runs(doc: Doc, tokens: set[int], known) -> list[Candidate]:
    """In each run of words of one non-Latin script, the longest known parts, left to right;
    an Arabic word may carry a one-letter proclitic before the name ("وحمص", "بدمشق")."""
    out: list[Candidate] = []
    i = 0
    while i < len(doc):
        if i not in tokens:
            i += 1
            continue
        for j in range(min(i + 4, len(doc)), i, -1):
            if not all(k in tokens and script(doc[k].text) == script(doc[i].text) for k in range(i, j)):
                continue
            text = doc[i:j].text
            if len(key(text)) >= 2 and known(text):
                out.append(Candidate(i, j, "SCRIPT"))
                break
            if text[0] in ARABIC_PROCLITICS and len(key(text[1:])) >= 3 and known(text[1:]):
                out.append(Candidate(i, j, "SCRIPT", skip=1))
                break
        else:
            i += 1
            continue
        i = out[-1].end
    return out


def dateline_runs(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Runs of words in capitals before a dash, which the parser often leaves unlabelled
    ("TORRINGTON —", "ISLE OF PALMS —", "ST. PARIS —"); `_dateline` decides on each."""
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in taken and j - i < 5 and (
                doc[j].is_alpha and doc[j].text.isupper()
                # the full stop of a saint's, fort's or mount's abbreviation ("ST. PARIS —")
                or doc[j].text == "." and j > i and doc[j - 1].lower_ in SAINT_ABBREVIATIONS):
            j += 1
        if j > i and is_dateline(doc, i, j):
            out.append(Candidate(i, j, None))
        i = max(j, i + 1)
    return out


def strip_determiners(doc: Doc, start: int, end: int) -> int:
    """The start of an entity without its articles, nor a locative preposition the model took in
    ("Near Palmyra" and "Outside Tal Afar" tagged as one PERSON at a sentence's start)."""
    while start < end - 1 and doc[start].lower_ in LOCATIVE_PREPOSITIONS:
        start += 1
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return start


def before_verb(ent: SpacySpan) -> SpacySpan:
    """An entity cut before a lowercase verb inside it: the model ran a name on into the
    sentence ("The Donetsk People's Republic shelled Avdiivka" as one ORG), and what follows
    the verb is read as if unlabelled."""
    for t in ent:
        if t.i > ent.start and t.pos_ in ("VERB", "AUX") and t.text.islower():
            return type(ent)(ent.doc, ent.start, t.i, label=ent.label)
    return ent

"""Find place mentions in a spaCy `Doc`.

The small English model misses or mislabels many transliterated names ("Al-Tanf" PERSON,
"El-Khol" ORG, "Deir Ez-Zor" nothing), so a span is taken as a place when any of these holds:

- spaCy labels it GPE, LOC or FAC;
- a context word comes with it ("the settlement of X", "province of X", "X refugee camp",
  "X zone", "X phosphate deposit"), whatever its label;
- it is coordinated with a place ("areas of X, Y, Z"), or repeats part of a hyphenated place
  already found ("El-Baguz-Fokani" ... "Baguz");
- the gazetteer knows the name and it follows a locative preposition ("from X"), or it is a
  capitalised proper-noun run with no entity label at all.

Names in Arabic or Cyrillic script, which the English model does not tag, are found as runs of
words in that script (`runs.py` finds these runs, the capitalised ones and the datelines): the longest part of a run (up to four words) whose spelling key the
gazetteer knows is a place ("قصف على حمص", "обстрел Хомса" finds only what the index has).

A place name that opens an organisation's name ("Alexandria Police", "Texas Fire Service") is
kept with role "embedded": it says where the organisation is, not where something happened;
not a first name before a surname the report gives a person in full and alone ("Chad Johnson
Foundation" ... "Chad Johnson" ... "Johnson said"), nor a country after an adjective opening a
brand's name ("Wild Turkey"). A name labelled a place that the gazetteer does not know whole
holds the country it names ("United Way of America", "the Russian Empire"). Candidates
side by side that the gazetteer knows as one name are one ("Baja" + "California"). A PERSON that
took in a locative preposition ("Near Tal Afar") is read as unlabelled; an entity that runs on
past a lowercase verb is cut there ("The Donetsk People's Republic shelled Avdiivka"); what a
verb of bombardment or siege takes is a place whatever its size ("shelled Avdiivka"); a place
name opening with a demonym is the two ("Russian Kaliningrad"); an ORG that is a country's or
a state's own name of several words is a place ("American Samoa").
Names that are also a person's name in the same report ("Tony Trapani" ... "Trapani said")
are taken as places only with a context word or a locative preposition; so are single words
labelled a place that the gazetteer does not know ("Saakashvili said"), and everyday English
words (`commonwords`: "Chamber of Commerce", "the Lot") unless they name a country, a division
or a large town. A verb is not a context word ("Zakharova stated", "a Beijing-based analyst").
NORP entities become role "demonym" (each part of "anti-Russian", "Russian-European", "Bosnian
Serb"), or "place" when the gazetteer knows them and they are no demonym ("Sochi"); a GPE
that is the subject of a verb of saying or acting ("Damascus said") becomes role "government".
The words around a name that these rules read are found by `cues`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads only when a report is parsed, not for `--help`
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

import re
from itertools import pairwise

from ..records import PlaceMention, Span
from .commonwords import common_name
from .cues import (
    ATTRIBUTE,
    DIRECTION_WORDS,
    FACTION_NOUNS,
    FEATURE_WORDS,
    KIN_NOUNS,
    LOCAL_INSTITUTIONS,
    LOCAL_NOUNS,
    LOCATIVE_PREPOSITIONS,
    ON_TARGET_WORDS,
    PEOPLE_NOUNS,
    PLACE_LABELS,
    SIEGE_OBJECT,
    SIEGE_VERBS,
    SKIP_LABELS,
    TARGET_VERBS,
    adjective,
    before_division,
    dateline_mark,
    find_context,
    is_dateline,
    is_government,
    is_hometown,
    local_modifier,
    said_by,
    set_off,
    verb_lemma,
)
from .gazetteer import Gazetteer
from .index import GENERIC_WORDS
from .keys import QUALIFIERS, key
from .runs import ARABIC_LOCATIVES
from .runs import Candidate as _Candidate
from .runs import before_verb as _before_verb
from .runs import capitalised_runs as _capitalised_runs
from .runs import dateline_runs as _dateline_runs
from .runs import is_name_token as _is_name_token
from .runs import numbered as _numbered
from .runs import script as _script
from .runs import script_runs as _script_runs
from .runs import strip_determiners as _strip_determiners

#: How many of a name's gazetteer rows (best first) `_big` reads: a big place sorts near the
#: top, and a name shared by hundreds of hamlets ("Springfield") need not be read in full.
BIG_ROWS = 8
#: A lone word opening an organisation's name is where the organisation is when it is the own
#: name of a town of this many people ("Suffolk Times", "Cookeville Regional Medical Center");
#: below it the word is more often a person's or a brand's than a town's.
EMBEDDED_TOWN_POPULATION = 20_000
#: Last words of a division that may open a person's title ("Anderson County Sheriff", "Lafourche
#: Parish Fire Chief"): the index's generic words and the American ones it does not strip.
TITLE_DIVISION_WORDS = GENERIC_WORDS | {"parish", "borough", "township"}
#: Labels of candidates that may be parts of one name (`Recognizer._join_parts`).
_JOINABLE = frozenset({"GPE", "LOC", "FAC", "PERSON", "ORG", None})
#: Endings of demonyms and adjectives of nationality ("Syrian", "Iraqi", "Kurdish", "Chinese").
_ADJECTIVAL = re.compile(r"(?:an|ans|i|ese|ish|ic)$", re.IGNORECASE)


class Recognizer:
    """Find place mentions in a parsed document, using the gazetteer for unlabelled names."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def _division_name(self, text: str) -> bool:
        """Whether a country or a first-order division has this spelling key."""
        rows = self.gazetteer.rows(key(text))
        return bool(rows) and self.gazetteer.division_level(rows[0]) <= 1

    def known(self, text: str) -> bool:
        """Whether the gazetteer has any place with this spelling key."""
        return bool(self.gazetteer.rows(key(text)))

    def _embedded(self, doc: Doc, start: int, end: int, label: str) -> list[_Candidate]:
        """Place names inside an organisation's name: the longest run of capitalised words
        opening it that the gazetteer knows as a country, a division or a town ("Alexandria" in
        "Alexandria Police"), and the name after its last "of" or "in" ("University of
        Rochester", "St. John's School in Lombard"). In a person's title only a division opens
        it ("Anderson County Sheriff Greg Taylor")."""
        out: list[_Candidate] = []
        while start < end and (doc[start].like_num or doc[start].ent_type_ == "DATE"):
            start += 1
        for k in range(min(end - 1, start + 4), start, -1):
            toks = doc[start:k]
            if not all(t.text[:1].isupper() or t.text in ("-", ".") for t in toks):
                continue
            if (label == "PERSON" and toks[-1].lower_ not in TITLE_DIVISION_WORDS) or toks[-1].text == "-":
                continue
            if label == "ORG" and len(toks) == 1 and self.gazetteer.demonym(toks.text) is not None:
                out.append(_Candidate(start, k, "NORP"))  # "Nigerian Army", "Canadian Press"
                break
            if len(toks) == 1 and toks[0].lower_ in DIRECTION_WORDS:
                continue
            if len(toks) == 1 and (key(toks.text), key(doc[k].text)) in self._full_names \
                    and key(doc[k].text) in self._surnames:
                # a first name before a surname: the report names the person in full and by the
                # surname alone ("Chad Johnson Foundation"; not "Mali Hassan Brigade", where
                # Hassan alone is someone else)
                continue
            rows = self.gazetteer.rows(key(toks.text))
            # a name of several words the report labels a place elsewhere ("in East Bank")
            named = len(toks) > 1 and key(toks.text) in self._named
            if rows and not self._common(toks.text) and (named or (self.gazetteer.prominent(rows[0]) and (
                    len(toks) > 1 or self.gazetteer.division_level(rows[0]) <= 1
                    or key(toks.text) in self._named
                    or (self.gazetteer.prominent(rows[0], EMBEDDED_TOWN_POPULATION)
                        and key(self.gazetteer.place(rows[0]).name) == key(toks.text))))
                    or (label == "ORG" and doc[k].lower_ in LOCAL_INSTITUTIONS)):
                out.append(_Candidate(start, k, "EMBEDDED"))
                break
        if label == "ORG":
            last = max((i for i in range(start + 1, end - 1) if doc[i].lower_ in ("of", "in")), default=None)
            if last is not None and (not out or out[0].end <= last):
                toks = doc[last + 1:end]
                if toks[0].lower_ == "the":
                    toks = doc[last + 2:end]
                rows = self.gazetteer.rows(key(toks.text)) if len(toks) else ()
                if rows and all(t.text[:1].isupper() for t in toks) and self.gazetteer.prominent(rows[0]) \
                        and not self._common(toks.text):
                    out.append(_Candidate(toks.start, end, "EMBEDDED"))
            if not out:  # a country's own name inside it: "Air Canada Cargo", "SME Mauritius Limited"
                for t in doc[start + 1:end]:
                    rows = self.gazetteer.rows(key(t.text)) if t.text[:1].isupper() and t.is_alpha else ()
                    if rows and self._brand(doc, start, t.i, end):
                        continue
                    if rows and self.gazetteer.division_level(rows[0]) == 0 and \
                            key(self.gazetteer.place(rows[0]).name) == key(t.text):
                        out.append(_Candidate(t.i, t.i + 1, "EMBEDDED"))
        return out

    def __call__(self, doc: Doc) -> list[PlaceMention]:
        cands: list[_Candidate] = []
        taken: set[int] = set()
        # a "person" that opens with a locative preposition ("Near Tal Afar") is no evidence of one
        self._person_spans: dict[str, list[tuple[int, int]]] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[0].lower_ not in LOCATIVE_PREPOSITIONS:
                for t in ent:
                    if t.text[:1].isupper() and len(t.text) > 2:
                        self._person_spans.setdefault(key(t.text), []).append((ent.start, ent.end))
        self._persons = set(self._person_spans)
        # a person named by one word ("Johnson said"), to tell a first name and a surname opening
        # an organisation's name from a place's (the model's "Samarra Barrage" PERSON is no evidence)
        self._surnames = {key(e.text) for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
        self._full_names = {(key(e[0].text), key(e[1].text)) for e in doc.ents if e.label_ == "PERSON" and len(e) == 2}
        # names spaCy labels a place somewhere in the report, to trust them inside organisations
        self._named = {key(e.text) for e in doc.ents if e.label_ in PLACE_LABELS}
        script = {t.i for t in doc if _script(t.text)}
        for ent in map(_before_verb, doc.ents):
            if all(i in script for i in range(ent.start, ent.end)):
                continue  # left to the script runs below
            taken.update(range(ent.start, ent.end))
            start = _strip_determiners(doc, ent.start, ent.end)
            label: str | None = ent.label_
            if label == "LANGUAGE" and not _ADJECTIVAL.search(ent.text) and self.gazetteer.demonym(ent.text) is None:
                label = None  # no language's name ("died near Tadif" as a LANGUAGE): read as unlabelled
            elif ent.label_ in SKIP_LABELS:
                continue
            if label == "PERSON" and doc[ent.start].lower_ in LOCATIVE_PREPOSITIONS:
                # the model took a preposition into the name ("Near Tal Afar" as a PERSON): its
                # label is a slip and says nothing, so the name is read as if unlabelled
                label = None
            if label == "ORG" and ent.end - start > 1 and self._division_name(doc[start:ent.end].text) \
                    and self._big(doc[start:ent.end].text):
                # a country's or a state's own name of several words ("American Samoa", "Northern
                # Ireland"): its opening demonym or direction does not make it an organisation
                cands.append(_Candidate(start, ent.end, "GPE"))
                continue
            if label != "NORP" and start < ent.end and not is_dateline(doc, start, ent.end):
                parts = self._coordinated_names(doc, start, ent.end)
                if parts:
                    cands += parts
                    continue
            if label in ("ORG", "PERSON") and start < ent.end and not is_dateline(doc, start, ent.end):
                inner = self._embedded(doc, start, ent.end, ent.label_)
                if inner:
                    cands += inner
                    continue
            if ent.label_ == "NORP" and ent.end - start > 1:
                parts = self._demonym_parts(doc, start, ent.end)
                if parts:
                    cands += parts
                    continue
            if label in PLACE_LABELS and ent.end - start > 1 and not self.known(doc[start:ent.end].text):
                inner = self._inner_division(doc, start, ent.end, label)
                if inner:  # "United Way of America", "the Russian Empire": a name that holds one
                    cands += inner
                    continue
            if start < ent.end:
                cands.append(_Candidate(start, ent.end, label))
        cands += _script_runs(doc, script - taken, self.known)
        taken |= script
        cands += _capitalised_runs(doc, taken, self.known)
        cands += _dateline_runs(doc, taken | {i for c in cands for i in range(c.start, c.end)})
        cands = self._join_parts(doc, sorted(cands, key=lambda c: c.start))

        accepted: dict[int, PlaceMention] = {}
        pending: list[tuple[_Candidate, str | None]] = []
        for c in cands:
            ctx = find_context(doc, c.start, c.end)
            m = self._decide(doc, c, ctx)
            if m is not None:
                accepted[c.start] = m
            else:
                pending.append((c, ctx))
        # Second look: coordination with a place, or a repeated part of a hyphenated place.
        pieces = [m.span.text.replace("‐", "-").split("-") for m in accepted.values() if m.role == "place"]
        parts = {p for ps in pieces if len(ps) > 1 for p in map(key, ps) if len(p) > 2}
        # a name taken for a place elsewhere in the report: again a place if the gazetteer
        # knows it (else the model's one slip, "Dropbox" as a GPE, spreads to every mention)
        wholes = {key(ps[0]) for ps in pieces if len(ps) == 1}
        place_tokens = {i: m for s, m in accepted.items() if m.role == "place"
                        for i in range(s, s + len(doc.char_span(m.span.start, m.span.end) or ()))}
        while pending:  # again while names join the places ("Avdiivka, Marinka and Vuhledar")
            pending = self._second_look(doc, pending, accepted, place_tokens, parts, wholes)
        # A country or first-order division written after a place and a comma qualifies it
        # (reason "qualifier", which the resolver reads); the model often leaves it unlabelled
        # when abbreviated ("Jefferson County, Colo.", "Ripley, Tenn.")
        spans = {i for s, m in accepted.items() for i in range(s, s + len(doc.char_span(m.span.start, m.span.end) or (0,)))}
        for s, m in list(accepted.items()):
            e = doc.char_span(m.span.start, m.span.end)
            if m.role != "place" or e is None or e.end + 1 >= len(doc) or doc[e.end].text != ",":
                continue
            q = doc[e.end + 1]
            if q.i in accepted:  # already a place: mark it a qualifier for the resolver
                other = accepted[q.i]
                if other.role == "place" and not other.reason and self._division_name(other.span.text):
                    other.reason = "qualifier"
                continue
            if q.i in spans or not q.text[:1].isupper() or not any(ch.isalpha() for ch in q.text) \
                    or _numbered(doc, q.i):
                continue
            if self._division_name(q.text):
                accepted[q.i] = self._mention(doc, _Candidate(q.i, q.i + 1, None), "place", None, "qualifier")
        return [accepted[s] for s in sorted(accepted)]

    def _second_look(self, doc: Doc, pending: list, accepted: dict[int, PlaceMention],
                     place_tokens: dict[int, PlaceMention], parts: set[str], wholes: set[str]) -> list:
        """Accept the pending candidates coordinated with a place or repeating a part of one;
        what is left, if anything was accepted (else nothing)."""
        left = []
        for c, ctx in pending:
            span = doc[c.start:c.end]
            # any word of the name joined to a place's by "and"/"or" (the parser often attaches a
            # transliterated name's middle word: "Tal Abyad and Ras al-Ain")
            partners = [place_tokens[i] for t in span for i in ([t.head.i] if t.dep_ == "conj" else []) +
                        [ch.i for ch in t.children if ch.dep_ == "conj"] if i in place_tokens]
            # A name the model took for an organisation or a person ("Wedbush and its brokers",
            # "the EU's and Kemira's") is a place by coordination only if the gazetteer knows
            # it or the list names its kind ("the villages of Hajin, Sousa and Baghuz").
            coordinated = bool(partners) and (ctx is not None or c.label in PLACE_LABELS or
                                              any(m.context for m in partners) or self.known(span.text))
            if coordinated or key(span.text) in parts or key(span.text) in wholes and self.known(span.text):
                m = accepted[c.start] = self._mention(doc, c, "place", ctx,
                                                      "coordinated" if coordinated else "repeated part")
                place_tokens.update(dict.fromkeys(range(c.start, c.end), m))
            else:
                left.append((c, ctx))
        return left if len(left) < len(pending) else []

    def _join_parts(self, doc: Doc, cands: list[_Candidate]) -> list[_Candidate]:
        """Candidates that follow each other with one space between, joined where the gazetteer
        knows the whole name as a division or a town of 10,000, one part was labelled a place
        and no capitalised word goes on with it ("Baja" and "California" as two GPEs are Baja
        California, not a town in Hidalgo and a state of the US): a name the gazetteer knows
        whole wins over its parts."""
        out: list[_Candidate] = []
        i = 0
        while i < len(cands):
            for j in range(min(len(cands), i + 3), i + 1, -1):
                run = cands[i:j]
                if not all(a.end == b.start and doc[a.end - 1].whitespace_ == " " for a, b in pairwise(run)):
                    continue
                if any(c.label not in _JOINABLE or c.skip for c in run) or \
                        not any(c.label in PLACE_LABELS for c in run):
                    continue
                span = doc[run[0].start:run[-1].end]
                if not all(t.text[:1].isupper() or t.text in ("-", "‐") for t in span):
                    continue
                if span.end < len(doc) and _is_name_token(doc[span.end]) and span[-1].whitespace_:
                    continue  # the name goes on ("St. James United Methodist Church")
                rows = self.gazetteer.rows(key(span.text))
                if rows and self.gazetteer.prominent(rows[0]) and not self._common(span.text):
                    label = next(c.label for c in run if c.label in PLACE_LABELS)
                    out.append(_Candidate(run[0].start, run[-1].end, label))
                    i = j
                    break
            else:
                out.append(cands[i])
                i += 1
        return out

    def _decide(self, doc: Doc, c: _Candidate, ctx: str | None) -> PlaceMention | None:
        span = doc[c.start:c.end]
        text = span.text
        if c.label == "NORP" and not (ctx and not _ADJECTIVAL.search(text)):
            # a known place the model took for a group ("Sochi mayoral election", "in Pewaukee")
            # is a place when it is no demonym; it stays only if the resolver places it
            if self.gazetteer.demonym(text) is None and self.known(text) and not self._common(text) \
                    and key(text) not in self._persons and not self._group_word(doc, c):
                return self._mention(doc, c, "place", ctx, None)
            return self._mention(doc, c, "demonym", ctx, None)
        if not any(ch.isalpha() for ch in text) or len(key(text)) < 2:
            return None
        if c.label == "SCRIPT":
            return self._script_name(doc, c, ctx)
        if c.label == "EMBEDDED":
            return self._mention(doc, c, "embedded", ctx, "part of an organisation's name")
        if is_dateline(doc, c.start, c.end) and self.known(text) and (
                dateline_mark(doc, c.end) != ":" or self._big(text)):  # "JEWELL: Boyd Carney" is a caption
            return self._mention(doc, c, "place", ctx, "dateline")
        prev = doc[c.start - 1] if c.start > 0 else None
        locative = prev is not None and (prev.lower_ in LOCATIVE_PREPOSITIONS or is_hometown(doc, c.start) or (
            prev.lower_ == "on" and c.start >= 2 and verb_lemma(doc[c.start - 2]) in ON_TARGET_WORDS) or (
            prev.lower_ == "of" and c.start >= 2 and doc[c.start - 2].lower_ in DIRECTION_WORDS))  # "south of al-Bab"
        person = self._person_elsewhere(text, c.start, c.end) or said_by(doc, c.start, c.end)
        root = span.root
        verb = verb_lemma(root.head) if root.dep_ == "dobj" else ""
        if c.label in PLACE_LABELS:
            if person and not (ctx or locative):
                return None
            if not (ctx or locative or verb in TARGET_VERBS or verb in SIEGE_VERBS) and self._unvouched_word(span):
                return None  # but what is seized or shelled is a place ("M23 seized Bunagana")
            if not any(ch.isupper() for ch in text) and not self.known(text):
                return None  # no name: the model's "overran district" (GPE)
            if ctx is None and any(ch.isdigit() for ch in text) and not self.known(text):
                return None  # a numbered road or an address ("Interstate 70", "6016 Dublin Road")
            role = "government" if c.label == "GPE" and is_government(doc, c.start, c.end) else "place"
            return self._mention(doc, c, role, ctx, ATTRIBUTE if self._attribute(span) else None)
        if ctx is not None:
            return self._mention(doc, c, "place", ctx, None)
        if person:
            return None
        rows = self.gazetteer.rows(key(text))
        if not rows or self._common(text):
            return None
        # after a locative word: an unlabelled name, a large place, or a name of several words the
        # gazetteer knows whole, whatever the model's label ("advanced on Tal Abyad", a PERSON; its
        # towns often have no population in GeoNames)
        if locative and (c.label is None or self.gazetteer.prominent(rows[0]) or len(span) > 1):
            return self._mention(doc, c, "place", ctx, None)
        if c.label is None and (len(span) > 1 or before_division(doc, c.end, self.gazetteer)):
            return self._mention(doc, c, "place", ctx, None)
        if c.label is None and self._big(text) and span[0].pos_ == "PROPN" and not common_name(text):
            # a country, first-order division, capital or big town the model left unlabelled
            # ("Rockets hit Aleppo on Sunday"): its own name is evidence enough
            return self._mention(doc, c, "place", ctx, "a well-known place the model left unlabelled")
        if c.label in ("PERSON", "ORG", None) and verb in SIEGE_VERBS:
            # what is shelled or besieged is a place, however small ("shelled Avdiivka")
            return self._mention(doc, c, "place", ctx, SIEGE_OBJECT)
        if c.label in ("PERSON", "ORG") and verb in TARGET_VERBS and self._big(text):
            return self._mention(doc, c, "place", ctx, "a well-known place a verb of attack takes")
        if c.label in ("PERSON", "ORG") and local_modifier(doc, c.end) and self.gazetteer.prominent(rows[0]):
            return self._mention(doc, c, "place", ctx, "names whose people or services follow")
        named = c.start > 1 and doc[c.start - 2].lemma_.lower() in KIN_NOUNS  # "his brother, Tyler,"
        if c.label in ("PERSON", "ORG") and set_off(doc, c.start, c.end) and self._big(text) and not named:
            return self._mention(doc, c, "place", ctx, "a place set off by commas")
        if c.label in ("PERSON", "ORG") and c.end < len(doc) and self._big(text) and \
                (doc[c.end].lower_ in LOCAL_NOUNS or doc[c.end].text in ("'s", "’s") and not (
                    c.end + 1 < len(doc) and doc[c.end + 1].lemma_.lower() in KIN_NOUNS)) and \
                not (c.start and doc[c.start - 1].lemma_.lower() in PEOPLE_NOUNS):  # "his wife Nancy's"
            return self._mention(doc, c, "place", ctx, "a large place's people, services or possession")
        return None

    def _group_word(self, doc: Doc, c: _Candidate) -> bool:
        """Whether a name the model took for a group reads as one: a single word that is no big
        place, joined by 'and'/'or' to another group word or before a faction noun ("Sunni and
        Shia", "Shiite militias" are no Italian or Indian villages; "Essex and Herts" stay)."""
        if c.end - c.start > 1 or self._big(doc[c.start:c.end].text):
            return False
        if c.start > 0 and doc[c.start - 1].lower_ in LOCATIVE_PREPOSITIONS:
            return False

        def group(t: Token) -> bool:
            return t.ent_type_ == "NORP" or self.gazetteer.demonym(t.text) is not None

        nxt = doc[c.end] if c.end < len(doc) else None
        if nxt is not None and nxt.lemma_.lower() in FACTION_NOUNS:
            return True
        if nxt is not None and nxt.lower_ in ("and", "or") and nxt.i + 1 < len(doc) and group(doc[nxt.i + 1]):
            return True
        return c.start > 1 and doc[c.start - 1].lower_ in ("and", "or") and group(doc[c.start - 2])

    def _common(self, text: str) -> bool:
        """Whether a name is made of everyday words ("Commerce", "Police", "Lot") and is not a
        country, a first-order division or a town of 100,000 ("Jordan", "Reading" pass): the
        gazetteer's village of that name is then weaker evidence than the word's plain use."""
        return common_name(text) and not self._big(text)

    @staticmethod
    def _brand(doc: Doc, start: int, i: int, end: int) -> bool:
        """Whether the word at `i` is the noun of a brand's name made of an adjective and it
        ("Wild Turkey"): the two are the whole name, or open it. Not a direction or qualifier
        ("Northern Syria", "Free Iraq", "New Mexico"), which make a place's name."""
        adj = doc[i - 1] if i > start else None
        return adj is not None and adj.i == start and i == min(end - 1, start + 1) and adj.text[:1].isupper() \
            and adj.lower_ not in QUALIFIERS | DIRECTION_WORDS | {"free", "united", "democratic"} \
            and (adj.pos_ == "ADJ" or adjective(adj.text))

    def _inner_division(self, doc: Doc, start: int, end: int, label: str | None = None) -> list[_Candidate]:
        """In a name labelled a place that the gazetteer does not know whole (the model's
        "United Way of America", "the Nice of Russia", "the Russian Empire"), the country it
        holds: the words after its last "of" or "for" when they are a country's or a first-order
        division's own name, else a word that is a country's own name or a demonym. Not a name
        that opens with a qualifier ("North Texas", read without it) nor a feature named after a
        country ("Gulf of Mexico", "Sea of Japan": the index lacks the feature, not the name)."""
        if doc[start].lower_.rstrip(".") in ("s", "n", "e", "w") or \
                any(t.lower_ in QUALIFIERS or t.lower_ in DIRECTION_WORDS for t in doc[start:end]):
            return []  # "North Texas", "the Russian Far East": a part of the place, read elsewhere
        words_ = {t.lower_ for t in doc[start:end]}
        if words_ & FEATURE_WORDS:
            return []
        rest = doc[start + 1:end]
        if self.gazetteer.demonym(doc[start].text) is not None and all(t.text[:1].isupper() for t in rest) \
                and self.known(rest.text) and not self._common(rest.text):
            # "Russian Kaliningrad", "Syrian Golan": a demonym, then the place it qualifies
            return [_Candidate(start, start + 1, "NORP"), _Candidate(start + 1, end, label)]
        last = max((i for i in range(start + 1, end - 1) if doc[i].lower_ in ("of", "for")), default=None)
        if last is not None:
            tail = doc[last + 1:end]
            if all(t.text[:1].isupper() for t in tail) and self._division_name(tail.text) and self._big(tail.text):
                return [_Candidate(tail.start, end, "EMBEDDED")]
        for t in doc[start:end]:
            if not (t.text[:1].isupper() and t.is_alpha):
                continue
            if self.gazetteer.demonym(t.text) is not None:
                return [_Candidate(t.i, t.i + 1, "NORP")]
            rows = self.gazetteer.rows(key(t.text))
            if rows and self.gazetteer.division_level(rows[0]) == 0 and key(self.gazetteer.place(rows[0]).name) == key(t.text):
                return [_Candidate(t.i, t.i + 1, "EMBEDDED")]
        return []

    def _coordinated_names(self, doc: Doc, start: int, end: int) -> list[_Candidate]:
        """The names of an organisation or person the model made of places joined by commas and
        "and"/"or" ("shelled Kharkiv and Izium", "near Avdiivka, Marinka and Vuhledar" as one
        ORG): each part capitalised, known to the gazetteer, no everyday word nor a person's
        name of the report, each after the first a conjunct of an earlier one. Each is then
        read as if unlabelled."""
        cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ in ("and", "or", ",")]
        if not cuts or doc[cuts[-1]].lower_ == "," or self.known(doc[start:end].text):
            return []  # "Trinidad and Tobago", "Bosnia and Herzegovina" are one name
        bounds = [start] + [i + 1 for i in cuts if i + 1 not in cuts]
        parts = [doc[b:e] for b, e in zip(bounds, [i for i in cuts if i - 1 not in cuts] + [end])]
        for n, part in enumerate(parts):
            if not len(part) or not all(t.text[:1].isupper() or t.text in ("-", "‐") for t in part) or \
                    not self.known(part.text) or self._common(part.text) or key(part.text) in self._persons:
                return []
            if n and (part.root.dep_ != "conj" or not start <= part.root.head.i < part.start):
                return []
        return [_Candidate(p.start, p.end, None) for p in parts]

    def _demonym_parts(self, doc: Doc, start: int, end: int) -> list[_Candidate]:
        """The demonyms inside a group name the gazetteer does not know whole: each part of a
        hyphenated one ("anti-Russian", "Russian-European", "Austro-Hungarian"), or each word
        when all are demonyms ("Bosnian Serb"; not "Latin American")."""
        if self.gazetteer.demonym(doc[start:end].text) is not None:
            return []
        words = [t for t in doc[start:end] if t.is_alpha]
        known = [t for t in words if t.text[:1].isupper() and self.gazetteer.demonym(t.text) is not None]
        hyphenated = any(t.text in ("-", "‐") for t in doc[start:end])
        if not known or (not hyphenated and len(known) < len(words)):
            return []
        return [_Candidate(t.i, t.i + 1, "NORP") for t in known]

    def _big(self, text: str) -> bool:
        """Whether a name is a country's (any spelling: "US"), or the own name of a first-order
        division or of a town of 100,000 (not one of their alternate names)."""
        k = key(text)
        g = self.gazetteer
        for r in g.rows(k)[:BIG_ROWS]:
            if g.division_level(r) == 0:
                return True
            p = g.place(r)
            if (g.division_level(r) == 1 or (p.feature_class == "P" and p.population >= 100_000)) \
                    and key(p.name) == k:
                return True
        return False

    def _attribute(self, span: SpacySpan) -> bool:
        """Whether a name is a country's own, set before a noun it qualifies ("the US embassy",
        "US officials", "Iraq war") or before a hyphen and a participle ("US-led", "Iran-backed")."""
        root, doc = span.root, span.doc
        hyphened = span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].tag_ == "VBN"
        if not hyphened and (root.dep_ not in ("compound", "amod", "nmod") or root.head.pos_ != "NOUN"
                             or root.head.i < span.end):
            return False
        rows = self.gazetteer.rows(key(span.text))
        return bool(rows) and self.gazetteer.division_level(rows[0]) == 0

    def _person_elsewhere(self, text: str, start: int, end: int) -> bool:
        """Whether the report names a person so in a name of several words other than this one
        (the model's PERSON "El Obeid" is no evidence that El Obeid is a person)."""
        return any(e <= start or s >= end for s, e in self._person_spans.get(key(text), ()))

    def _unvouched_word(self, span: SpacySpan) -> bool:
        """Whether a name labelled a place by the model alone is a single word the gazetteer
        does not know ("Saakashvili", "Twiggy", "Resort"): such words are mostly people,
        titles or common words capitalised, so they need a context word or a preposition."""
        return len(span) == 1 and not self.known(span.text)

    def _script_name(self, doc: Doc, c: _Candidate, ctx: str | None) -> PlaceMention | None:
        """A known name in Arabic or Cyrillic script. Words of those scripts are words like any
        other ("كلمة" is "word" and a village in Iran), so a single word needs a preposition
        of place before it (English, Arabic, or the joined ب "in" or ل "to"), or a candidate
        that is a country, a first-order division or a town of 10,000 people; inside a longer
        run of the script (a quoted sentence) it needs the preposition."""
        span = doc[c.start:c.end]
        text = span.text[c.skip:]
        if len(key(text)) < 3:
            return None
        prev = doc[c.start - 1].text if c.start else ""
        locative = prev.lower() in LOCATIVE_PREPOSITIONS or prev in ARABIC_LOCATIVES or \
            (c.skip and span.text[0] in "بل")
        why = f"a known name in {_script(span[0].text)} script"
        if len(span) > 1 or locative:
            return self._mention(doc, c, "place", ctx, why)
        lo, hi = c.start, c.end
        while lo > 0 and _script(doc[lo - 1].text):
            lo -= 1
        while hi < len(doc) and _script(doc[hi].text):
            hi += 1
        if hi - lo >= 3:
            return None
        big = any(p.feature_code.startswith("PCL") or p.feature_code == "ADM1" or
                  (p.feature_class == "P" and p.population >= 10_000) for p in self.gazetteer.candidates(text))
        return self._mention(doc, c, "place", ctx, why) if big else None

    @staticmethod
    def _mention(doc: Doc, c: _Candidate, role: str, ctx: str | None, why: str | None) -> PlaceMention:
        span: SpacySpan = doc[c.start:c.end]
        s, e = span.start_char + c.skip, span.end_char
        return PlaceMention(span=Span(s, e, span.text[c.skip:]), role=role, context=ctx,
                            label=c.label, reason=why or "")

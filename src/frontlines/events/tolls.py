"""Counts in a sentence and what they count: the dead, the injured, the captured, equipment.

A number is a death toll only when the parse ties it to a death word ("killing 7 civilians",
"49 were killed", "8 martyrs", "5 dead"); a number of people in a sentence about an attack is
not a toll by itself ("sexually assaulting three children"). Dates, times and measures are
never counts ("On 8 June 2022", "at 9 pm", "5 km"). Counts after "including" or "among them"
break a total down and are not added to it ("49 were killed, including 10 soldiers").
Who died is kept apart: "civilians", "combatants" (fighters of any side; the extractor names
the side when it can), or None when the text does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from frontlines.events.numbers import Count, find_counts
from frontlines.records import Equipment, Event, Evidence, Span, Toll

DEATH_WORDS = {"kill", "die", "dead", "death", "fatality", "casualty", "martyr", "martyre", "martyred",
               "body", "corpse", "perish", "murder", "execute", "massacre", "slaughter", "eliminate",
               "neutralize", "neutralise", "behead", "assassinate", "slay", "toll", "life", "lose",
               "destroy", "liquidate"}  # "150 militants have been destroyed": a person destroyed is dead
DEATH_NOUNS = {"death", "fatality", "casualty", "martyr", "body", "corpse", "dead"}
INJURY_WORDS = {"injure", "wound", "injured", "wounded", "injury", "hurt", "wounding"}
CAPTURE_WORDS = {"capture", "arrest", "detain", "abduct", "kidnap", "seize", "surrender", "prisoner",
                 "hostage", "apprehend", "detention"}
PERSON_NOUNS = {"soldier", "militant", "fighter", "civilian", "people", "person", "terrorist", "troop",
                "member", "child", "woman", "man", "men", "women", "children", "jihadist", "insurgent",
                "rebel", "policeman", "officer", "resident", "villager", "gunman", "serviceman",
                "servicemen", "combatant", "extremist", "bandit", "guard", "worker", "protester",
                "demonstrator", "student", "journalist", "farmer", "recruit", "commander", "body",
                "citizen", "operative", "militiaman", "militiamen", "element", "personnel", "migrant",
                "elder", "teacher", "doctor", "family", "boy", "girl", "infant", "baby", "suspect",
                "other", "others", "police", "individual", "passenger", "miner", "herder", "shepherd",
                "trader", "pilgrim", "worshipper", "refugee", "sailor", "mercenary", "defender",
                "martyr", "casualty", "fatality", "dead", "victim", "kid", "minor", "youth", "adult",
                "staff", "employee", "gunmen", "loyalist", "jihadi", "volunteer", "conscript"}
CIVILIAN_NOUNS = {"civilian", "child", "children", "woman", "women", "resident", "villager", "farmer",
                  "student", "journalist", "citizen", "elder", "teacher", "doctor", "family", "boy", "girl",
                  "infant", "baby", "worker", "migrant", "passenger", "miner", "herder", "shepherd",
                  "trader", "pilgrim", "worshipper", "refugee", "kid", "minor", "employee", "protester",
                  "demonstrator"}
COMBATANT_NOUNS = {"soldier", "militant", "fighter", "terrorist", "troop", "jihadist", "insurgent", "rebel",
                   "policeman", "officer", "gunman", "gunmen", "serviceman", "servicemen", "combatant",
                   "extremist", "bandit", "guard", "recruit", "commander", "operative", "militiaman",
                   "militiamen", "element", "personnel", "mercenary", "defender", "loyalist", "jihadi",
                   "conscript", "police", "sailor"}
EQUIPMENT_NOUNS = {"car": "vehicle", "vehicle": "vehicle", "truck": "vehicle", "pickup": "vehicle",
                   "jeep": "vehicle", "van": "vehicle", "bus": "vehicle", "tank": "tank", "bmp": "armoured vehicle",
                   "apc": "armoured vehicle", "motorcycle": "motorcycle", "motorcyclist": "motorcycle",
                   "motorbike": "motorcycle", "drone": "drone", "aircraft": "aircraft", "helicopter": "aircraft",
                   "plane": "aircraft", "jet": "aircraft", "gun": "weapon", "launcher": "weapon",
                   "howitzer": "artillery", "cannon": "artillery", "depot": "depot", "camp": "camp",
                   "base": "base", "post": "post", "checkpoint": "post", "position": "post", "boat": "boat"}
MEASURES = {"year", "day", "week", "month", "hour", "minute", "km", "kilometre", "kilometer", "mile", "percent",
            "meter", "metre", "am", "pm", "a.m.", "p.m.", "%", "time", "dollar", "usd", "naira", "kg", "ton",
            "tonne", "litre", "liter", "round", "shell", "missile", "rocket", "raid", "strike", "airstrike",
            "barrel", "bomb", "mortar", "projectile", "explosion", "village", "town", "area", "house", "home",
            "building", "street", "ward", "district", "province", "front", "axis", "neighborhood",
            "neighbourhood", "dunam", "hectare", "acre", "tree", "shop", "month"}
DATE_WORDS = re.compile(r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                        r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                        r"\d{4}|\d+/\d+(?:/\d+)?|(?:day|week|month|year|hour)s?|ago|am|pm|a\.m\.|p\.m\.)\.?$", re.I)
NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
BREAKDOWN = ("including", "among them", "among whom", "of them", "of whom", "among those", "most of them")
DEADLY_KINDS = {"attack", "clash", "airstrike", "shelling", "ied", "suicide", "grenade", "chemical", "capture",
                "kill", "death", "destroy", "riot", "protest", "sexual", "abduct"}
ARMED_KINDS = {"attack", "clash", "airstrike", "shelling", "ied", "suicide", "grenade", "chemical", "capture"}


@dataclass(slots=True)
class Tally:
    """One count in a sentence: what it counts, its range and words, who, and whether it breaks
    down a total given before it."""

    kind: str  # "fatalities", "injured", "captured", "equipment"
    count: Count
    span: Span
    who: str | None = None  # fatalities: "civilians", "combatants", or None; equipment: its kind
    part: bool = False
    noun: Token | None = None


def find_tallies(doc: Doc, sent: SpacySpan, kinds: set[str]) -> list[Tally]:
    """Every count in the sentence that the parse ties to deaths, injuries, captures or equipment."""
    out: list[Tally] = []
    text = sent.text
    for count in find_counts(text, sent.start_char):
        tok = _token_at(doc, count.end)
        if tok is None or _in_date(tok) or _after_number_sign(text, count.start - sent.start_char):
            continue
        noun = _counted_noun(tok)
        if noun is None or noun.lemma_.lower() in MEASURES:
            continue
        lemma = noun.lemma_.lower()
        end = noun.idx + len(noun.text) if noun.i >= tok.i else count.end
        span = Span(count.start, end, text[count.start - sent.start_char:end - sent.start_char])
        if lemma in EQUIPMENT_NOUNS:
            if kinds & (ARMED_KINDS | {"destroy", "base", "loot", "kill"}):
                end = _with_modifiers(noun)
                out.append(Tally("equipment", count, Span(count.start, end, text[count.start - sent.start_char:end - sent.start_char]),
                                 EQUIPMENT_NOUNS[lemma], noun=noun))
            continue
        person = lemma in PERSON_NOUNS or noun.ent_type_ in ("NORP", "ORG") or noun.like_num or noun.pos_ == "PRON"
        if not person:
            continue
        kind = _what_happened(noun)
        if kind is None or kind == "fatalities" and not kinds & DEADLY_KINDS:
            continue  # deaths belong to the violent event of the sentence, not to a transfer or an arrest
        tally = Tally(kind, count, span, who_died(noun) if kind == "fatalities" else None, noun=noun)
        tally.part = kind == "fatalities" and any(t.kind == "fatalities" for t in out) and _breaks_down(doc, sent, count.start)
        out.append(tally)
    return out


def _token_at(doc: Doc, end_char: int) -> Token | None:
    span = doc.char_span(end_char - 1, end_char, alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def _in_date(tok: Token) -> bool:
    """A number inside a date, time or measure ("8 June 2022", "9 pm"); spaCy also tags plain
    counts ("between 15 and 20 fighters") as DATE, so the entity must look like one."""
    if tok.ent_type_ not in NOT_COUNTS:
        return False
    if tok.ent_type_ != "DATE" or re.fullmatch(r"(?:19|20)\d\d", tok.text):
        return True
    doc = tok.doc
    near = doc[max(0, tok.i - 2):tok.i + 3]
    return any(DATE_WORDS.search(t.text) for t in near if t.i != tok.i and t.ent_type_ == "DATE")


def _after_number_sign(text: str, start: int) -> bool:
    """'No. 71 Ward', '#5': a label, not a count (`start` is an offset into `text`)."""
    before = text[max(0, start - 4):start].lower()
    return before.endswith(("no. ", "no.", "#", "s", "/")) or before.rstrip().endswith(("no.", "number"))


def _counted_noun(tok: Token) -> Token | None:
    """The noun a count modifies ("27 cars"); the number itself when it stands for people ("49 were killed")."""
    if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        return tok.head
    if tok.head.dep_ == "nummod" and tok.head.head.pos_ in ("NOUN", "PROPN") and tok.head.head.i > tok.i:
        return tok.head.head
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "of":
        pobj = [c for c in nxt.children if c.dep_ == "pobj"]
        if pobj:
            return pobj[0]
    if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in PERSON_NOUNS:
        return tok
    if tok.like_num and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "ROOT", "attr"):
        return tok
    return None


def _what_happened(noun: Token) -> str | None:
    """"fatalities", "injured" or "captured": the nearest word the parse ties the counted noun to
    decides ("2 killed 8 injured": 8 were injured, though the sentence's verb is 'killed')."""
    if noun.lemma_.lower() in DEATH_NOUNS:
        return "fatalities"
    ordered = [t for t in noun.children if t.dep_ in ("acl", "amod", "relcl")]  # "8 injured", "5 dead"
    for t in noun.children:  # "5 people who were killed"
        if t.dep_ == "relcl":
            ordered += list(t.children)
    ordered += list(noun.ancestors)[:4]
    ordered += [t for t in noun.head.children if t.dep_ in ("acomp", "oprd", "xcomp", "attr")]  # "left 5 dead"
    for t in ordered:
        lemma = t.lemma_.lower()
        if lemma in DEATH_WORDS or t.lower_ in DEATH_WORDS:
            return "fatalities"
        if lemma in INJURY_WORDS or t.lower_ in INJURY_WORDS:
            return "injured"
        if lemma in CAPTURE_WORDS:
            return "captured"
    return None


def _breaks_down(doc: Doc, sent: SpacySpan, start: int) -> bool:
    before = sent.text[:start - sent.start_char].lower()
    return any(w in before for w in BREAKDOWN)


def _with_modifiers(noun: Token) -> int:
    """End of 'cars with machine guns': the noun with its prepositional modifier."""
    end = noun.idx + len(noun.text)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "with" and child.i == noun.i + 1:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                end = objs[0].idx + len(objs[0].text)
    return end


def who_died(noun: Token) -> str | None:
    """"civilians", "combatants" or None, from the counted noun and the words around it."""
    lemma = noun.lemma_.lower()
    own = [t for c in noun.children if c.dep_ not in ("conj", "cc", "relcl", "acl") for t in c.subtree]
    words = {t.lemma_.lower() for t in own} | {lemma}
    if lemma in CIVILIAN_NOUNS or "civilian" in words:
        return "civilians"
    if lemma in COMBATANT_NOUNS or noun.ent_type_ in ("NORP", "ORG") and noun.pos_ == "PROPN":
        return "combatants"
    if lemma == "member" and words & {"force", "army", "militia", "militiaman", "group", "faction", "regime", "organization", "organisation"}:
        return "combatants"
    return None


def fill(event: Event, tallies: list[Tally]) -> None:
    """Put a sentence's tallies on its event: the total, the split by who, injured, captured, equipment."""
    deaths = _once([t for t in tallies if t.kind == "fatalities"])
    totals = [t for t in deaths if not t.part] or deaths
    for t in deaths:
        if t.who is None and t.noun is not None and t.noun.lemma_.lower() in UNSPECIFIED and _one_sided(event):
            t.who = "civilians"  # "people killed in an air strike on a market": its victims were civilians
    if deaths:
        low = sum(t.count.low or 0 for t in totals) if all(t.count.low is not None for t in totals) else None
        best = sum(t.count.best or 0 for t in totals) if any(t.count.best is not None for t in totals) else None
        high = sum(t.count.high for t in totals) if all(t.count.high is not None for t in totals) else None
        first, last = totals[0].span, totals[-1].span
        span = first if len(totals) == 1 else Span(first.start, last.end, event_text(event, first, last))
        event.fatalities = Toll(low, best, high, None, span)
        split = [t for t in deaths if t.part] if len(totals) == 1 and any(t.part for t in deaths) else deaths
        for t in split:
            event.tolls.append(Toll(t.count.low, t.count.best, t.count.high, t.who, t.span))
        for t in deaths:
            event.evidence.append(Evidence("fatalities", t.span))
    for t in tallies:
        toll = Toll(t.count.low, t.count.best, t.count.high, None, t.span)
        if t.kind == "injured" and event.injured is None:
            event.injured = toll
            event.evidence.append(Evidence("injured", t.span))
        elif t.kind == "captured" and event.captured is None:
            event.captured = toll
            event.evidence.append(Evidence("captured", t.span))
        elif t.kind == "equipment":
            event.equipment.append(Equipment(t.who or "equipment", toll, t.span.text, t.span))
            event.evidence.append(Evidence("equipment", t.span))


UNSPECIFIED = {"people", "person", "other", "others", "victim", "individual"}


def _one_sided(event: Event) -> bool:
    """An attack or remote violence with no armed side hit: the unspecified dead are its victims."""
    armed_target = event.actor2 is not None and event.actor2.inter not in (None, 7)
    return event.event_type in ("Violence against civilians", "Explosions/Remote violence") and not armed_target


def _once(deaths: list[Tally]) -> list[Tally]:
    """A figure repeated in one sentence ("kills 20 rebels ... At least 20 Syrian rebels were killed",
    a headline run into its lead) is one toll, not two."""
    kept: list[Tally] = []
    for t in deaths:
        if not any(k.count.best == t.count.best and k.who == t.who and k.part == t.part for k in kept):
            kept.append(t)
    return kept


def event_text(event: Event, first: Span, last: Span) -> str:
    """The words from the first count to the last, read off the event's sentence."""
    s = event.sentence
    return s.text[first.start - s.start:last.end - s.start]

"""Where an event happened: one of the report's places, chosen from the sentence's structure.

A place governed by "in", "at", "near" or "on" the trigger's clause is where it happened; "to",
"towards" is a destination (the place of a transfer); "from", "through", "via", and places inside
a relative clause about someone ("who have left the Et-Tanf zone") are not. When the sentence
names no usable place, an anaphor ("there", "the area") takes the previous event's place, and
otherwise the country the report is about stands in, with the coarser precision that says so.
A place written as someone's seat ("the Britain-based monitor") is never the event's, and a
country other than the one the report is about (a side or a sponsor far more often) rarely is;
a country that wins when the report names a finer place in it gives way to that place.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span as SpacySpan, Token
from unidecode import unidecode

from frontlines.events.roles import clause_verb
from frontlines.records import PlaceMention, Span

LOCATIVE = {"in", "at", "near", "on", "inside", "around", "outside", "across", "within", "over", "along",
            "throughout", "into", "onto", "nearby", "outskirts", "north", "south", "east", "west"}
DESTINATION = {"to", "towards", "toward", "into"}
PATH = {"from", "through", "via", "across", "past"}
VAGUE_CONTEXT = {"area", "areas", "outskirts", "vicinity", "countryside", "zone", "near", "around", "outside",
                 "camp", "field", "deposit", "environs", "surroundings", "district", "part"}
REGION_WORDS = {"desert", "areas", "region", "countryside", "valley", "mountains", "badia", "steppe", "plain"}


def main_country(mentions: list[PlaceMention]) -> str | None:
    """The country a report is about: the most named country among its resolved places below the
    country level, else among the countries it names, else among the places inside organisations'
    names ("the Accra High Court") and governments."""
    counts = Counter(m.place.country_code for m in mentions if m.place is not None and m.role == "place"
                     and not (m.place.feature_code or "").startswith("PCL"))
    if not counts:  # a town says where the report is set more than a country named in passing ("the war in Ukraine")
        counts = Counter(m.place.country_code for m in mentions if m.place is not None and m.role == "place")
    if not counts:
        counts = Counter(m.place.country_code for m in mentions if m.place is not None and m.role in ("embedded", "government"))
    return counts.most_common(1)[0][0] if counts else None


def country_name(mentions: list[PlaceMention], country: str | None) -> str | None:
    """The gazetteer's name of a country, read off any resolved place in it."""
    for m in mentions:
        if m.place is not None and m.place.country_code == country and m.place.country_name:
            return m.place.country_name
    return None


#: A compass direction before "of" ("west of", "north-east of").
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"


def where_prec(m: PlaceMention, sentence_text: str = "") -> int:
    """UCDP where_prec from the place's feature and the words around it."""
    place = m.place
    if place is None:
        return 6
    code = place.feature_code or ""
    if code.startswith("PCL"):
        return 6
    if code == "ADM1":
        return 4
    if code in ("ADM2", "ADM3"):
        return 3
    if place.feature_class in ("H", "T", "L") and code not in ("OILF", "MN", "MNN", "CMPRF"):
        return 5
    context = (m.context or "").lower()
    if context in VAGUE_CONTEXT or any(w in sentence_text.lower().split() for w in ("near", "outskirts", "countryside", "vicinity", "between")):
        return 2
    if re.search(rf"\b{_DIRECTION} of (?:the )?{re.escape(m.span.text)}", sentence_text, re.IGNORECASE):
        return 2  # "west of Tal Afar": near the place, not in it
    return 1


def acled_geo_precision(prec: int | None) -> int | None:
    """ACLED's geo_precision: 1 the place itself, 2 near it or a small district, 3 a larger region."""
    if prec is None:
        return None
    return 1 if prec == 1 else 2 if prec in (2, 3) else 3


def _tokens(doc: Doc, m: PlaceMention) -> list[Token]:
    span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _anchor(doc: Doc, m: PlaceMention) -> Token | None:
    """The noun a place name hangs from: 'Saraqib' in 'the town of Saraqib' hangs from 'town'."""
    toks = _tokens(doc, m)
    if not toks:
        return None
    ids = {t.i for t in toks}
    cur = next((t for t in toks if t.head.i not in ids), toks[-1])
    while cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ in ("NOUN", "PROPN"):
        cur = cur.head.head
    return cur


def _preposition(doc: Doc, m: PlaceMention) -> Token | None:
    """The preposition that governs a place mention, following 'the area of the settlement of X'."""
    toks = _tokens(doc, m)
    if not toks:
        return None
    root = next((t for t in toks if t.head.i not in {x.i for x in toks}), toks[-1])
    cur = root
    while cur.dep_ == "conj":  # "through Iraq and Jordan": Jordan shares Iraq's preposition
        cur = cur.head
    for _ in range(5):
        if cur.dep_ == "pobj" and cur.head.pos_ == "ADP":
            prep = cur.head
            if prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "PROPN"):
                cur = prep.head
                continue
            return prep
        if cur.dep_ in ("compound", "amod", "nmod", "appos", "poss"):
            cur = cur.head
            continue
        break
    # spaCy sometimes leaves the preposition as the previous token without a pobj arc.
    prev = doc[toks[0].i - 1] if toks[0].i > 0 else None
    while prev is not None and prev.lower_ in ("the", "a") and prev.i > 0:
        prev = doc[prev.i - 1]
    return prev if prev is not None and prev.pos_ == "ADP" else None


def _inside_relative_clause(doc: Doc, m: PlaceMention, trigger: Token) -> bool:
    """A place inside 'who have left the Et-Tanf zone' describes someone, not the event."""
    toks = _tokens(doc, m)
    for anc in toks[0].ancestors if toks else ():
        if anc == trigger:
            return False
        if anc.dep_ in ("relcl", "acl") and trigger not in anc.subtree:
            return True
    return False


def _container(sent: SpacySpan, m: PlaceMention, others: list[PlaceMention]) -> bool:
    """A place written right after another one, in brackets or after a comma, that contains it."""
    for o in others:
        between = sent.text[o.span.end - sent.start_char:m.span.start - sent.start_char]
        if o.span.end <= m.span.start and len(between) <= 3 and between.strip() in ("(", ",", "", "-", ", ("):
            if o.place is None or m.place is None or m.place.feature_code in ("ADM1", "ADM2", "ADM3", "PCLI") \
                    or o.place.admin1_code == m.place.admin1_code:
                return True
        if o.span.end <= m.span.start and "(" in between and ")" not in between and len(between) < 60:
            return True  # "in Kwayt Chaung village, Yinmarbin township (Yinmarbin district, Sagaing region)"
    return False


DIVISION_WORDS = {"municipality", "district", "city", "town", "village", "province", "state", "county", "region",
                  "governorate", "department", "area", "subdistrict", "upazila", "township", "oblast", "raion",
                  "commune", "neighborhood", "neighbourhood", "sector", "locality", "prefecture", "parish", "camp"}


def _qualifiers(sent: SpacySpan, m: PlaceMention, others: list[PlaceMention]) -> list[PlaceMention]:
    """The larger places written right after a place, in brackets or after commas, as ACLED's notes
    locate an event: "in X (Y district, Z province)", "in X town, Y" gives [Y, Z] for X."""
    if m.place is None or (m.place.feature_code or "").startswith("PCL"):
        return []
    chain: list[PlaceMention] = []
    end = m.span.end
    for o in sorted(others, key=lambda o: o.span.start):
        if o.span.start < end or o.span.start - end > 20:
            continue
        between = sent.text[end - sent.start_char:o.span.start - sent.start_char].strip()
        words = between.replace("(", " ( ").replace(",", " , ").split()
        words = [w for w in words if w.lower() not in DIVISION_WORDS]
        if words not in (["("], [","], [",", "("]):
            break  # nothing between two names is one name the recogniser split ("Baja" "California")
        chain.append(o)
        end = o.span.end
    return chain


def _contradicted(m: PlaceMention, chain: list[PlaceMention]) -> bool:
    """A place whose own larger places, as written, are elsewhere in the gazetteer: a namesake was
    chosen ("in Los Angeles, Veracruz" read as the Californian city)."""
    place = m.place
    if place is None:
        return False
    own = unidecode(place.admin1_name or "").lower()
    for i, o in enumerate(chain):
        larger = o.place
        if larger is None or unidecode(o.span.text).lower() in own:
            continue  # "Kalyta, Kyiv": Kyiv as written names Kalyta's own oblast, not the city's division
        division = larger.feature_code == "ADM1" or (larger.feature_code or "").startswith("PCL")
        if not division and i < len(chain) - 1:
            continue  # a town or district inside the brackets may itself be a namesake; the largest place is surer
        if larger.country_code != place.country_code:
            return True
        if larger.feature_code == "ADM1" and place.admin1_code and larger.admin1_code != place.admin1_code:
            return True
    return False


PATH_SCORE = -3.5  # below this a place is a path or another clause's place, never the event's


def _score(doc: Doc, sent: SpacySpan, m: PlaceMention, trigger: Token, kinds: set[str], others: list[PlaceMention]) -> float:
    prep = _preposition(doc, m)
    word = prep.lower_ if prep is not None else ""
    score = 0.0
    if word in PATH or (prep is not None and prep.head.lemma_ in ("leave", "arrive", "come", "flee", "enter")):
        score -= 3
    elif word in DESTINATION:
        score += 3 if "transfer" in kinds else 0.5
    elif word in LOCATIVE:
        score += 2
    if _inside_relative_clause(doc, m, trigger):
        score -= 2
    toks = _tokens(doc, m)
    anchor = _anchor(doc, m)
    if anchor is not None and anchor.dep_ in ("dobj", "obj") and anchor.head == trigger and "transfer" not in kinds:
        score += 3  # "struck the town of Saraqib": the place that was hit
    if prep is not None and word in LOCATIVE and any(prep.head.i in {t.i for t in _tokens(doc, o)} for o in others):
        score -= 1.5  # "Saraqib in Idlib province": Idlib only says where Saraqib is
    if _container(sent, m, others):
        score -= 2.5  # "in Villa Yapacani (Santa Cruz)", "in Monterrey, Nuevo Leon": the division around it
    if toks:
        own = clause_verb(toks[-1])
        verb = clause_verb(trigger)
        if own is not None and verb is not None and own != verb and trigger not in own.subtree and own not in trigger.subtree:
            score -= 4  # another clause's place ("after the Kurds captured X, families are held in Y")
    chain = _qualifiers(sent, m, others)
    if _contradicted(m, chain):
        score -= 4  # "in Bandar Abbas city (Hormozgan)" read as a namesake in India: its division says more
    elif chain:
        score += 1.5  # "in Bonab city (East Azerbaijan)": the place the writer located with its divisions
    if m.place is not None:
        score += 1
        code = m.place.feature_code or ""
        score += 0.5 if not code.startswith(("PCL", "ADM1")) else 0
        if code.startswith("PCL") and any(o.place is not None and not (o.place.feature_code or "").startswith("PCL")
                                          for o in others):
            score -= 1.5  # "teachers in Iran ... held a sit-in in Kuhdasht": the finer place is the event's
    score -= abs(trigger.idx - m.span.start) / 1000.0
    return score


def _prec(doc: Doc, m: PlaceMention) -> int:
    """`where_prec` of a place named in another sentence, read with the words of its own ("a
    bomb struck a patrol west of Tal Afar" stays near Tal Afar when the next sentence is about it)."""
    span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
    return where_prec(m, span.sent.text if span is not None else "")


def choose(doc: Doc, sent: SpacySpan, trigger: Token, mentions: list[PlaceMention], kinds: set[str],
           discourse) -> tuple[PlaceMention | None, int | None, Span | None]:
    """(the event's place, its where_prec, the span of a region phrase that made it coarser)."""
    local = [m for m in mentions if sent.start_char <= m.span.start < sent.end_char
             and (m.role == "place" or _locative_embedded(doc, m)) and not seat(doc, m)]
    setting = report_place(doc, mentions)
    scored = sorted(((_score(doc, sent, m, trigger, kinds, [o for o in local if o is not m])
                      - _foreign(m, discourse.country) - _other_country(m, discourse.country) - _stray(m, setting), m)
                     for m in local), key=lambda x: -x[0])
    region = _region(sent)
    for score, m in scored:
        if score >= 0 and m.place is not None:
            finer = _finer_in(mentions, m) if (m.place.feature_code or "").startswith("PCL") else None
            if finer is not None:
                # "a helicopter shot down over Syria" in a report that goes on about Idlib: the report's
                # own place in that country says more than the country
                discourse.previous_place = finer
                return finer, max(_prec(doc, finer), 2), None
            discourse.previous_place = m
            return m, where_prec(m, sent.text), None
    unresolved = next((m for score, m in scored if score >= 0), None)
    if unresolved is not None:
        region = unresolved.span  # the words of a place the gazetteer lacks: kept as evidence
    if discourse.previous_place is not None:
        # "there", "the area", or nothing at all: the report goes on about the place it named last
        m = discourse.previous_place
        return m, _prec(doc, m), None
    weak = next((m for score, m in scored if score > PATH_SCORE and m.place is not None
                 and not _other_country(m, discourse.country)), None)
    if weak is not None:
        # "shells targeting the cities of Deir Ezzor": the sentence's own place, though the parse
        # ties it loosely to the trigger, is nearer the truth than a place named elsewhere; after a
        # place the gazetteer lacks ("in Tonle Basak (Phnom Penh)"), the place around it
        finer = _finer_in(mentions, weak) if (weak.place.feature_code or "").startswith("PCL") else None
        if finer is not None:
            return finer, max(_prec(doc, finer), 2), None  # "Syria rebel rocket kills five": the report's Aleppo
        prec = where_prec(weak, sent.text)
        return weak, prec if unresolved is None else max(prec, 2), None
    following = _next_place(mentions, sent, discourse.country)
    if following is not None:
        return following, _prec(doc, following), None
    salient = report_place(doc, mentions)
    if salient is not None:
        # "On 5 May, in Carapegua (Paraguari), residents blocked ... The protest took place ...":
        # an event with no place of its own happened where the report is set
        return salient, max(_prec(doc, salient), 2), None
    country = _country_mention(mentions, discourse.country, sent)
    if country is None:
        return None, None, region
    return country, 5 if region is not None else 6, region


def _locative_embedded(doc: Doc, m: PlaceMention) -> bool:
    """A place the recogniser took for part of an organisation's name that follows a locative
    preposition ("protested in Accra (Accra, Greater Accra)") still says where something happened."""
    if m.role != "embedded" or m.place is None:
        return False
    toks = _tokens(doc, m)
    return bool(toks) and toks[0].i > 0 and doc[toks[0].i - 1].lower_ in ("in", "at", "near", "outside", "inside")


def _finer_in(mentions: list[PlaceMention], country: PlaceMention) -> PlaceMention | None:
    """The report's most named place below the country level inside `country` (by first-order
    division, the first mention of the most named one), or None."""
    code = country.place.country_code
    inside = [m for m in mentions if m.role == "place" and m.place is not None and m.place.country_code == code
              and not (m.place.feature_code or "").startswith("PCL")]
    if not inside:
        return None
    counts = Counter(m.place.admin1_code for m in inside)
    best = max(counts.values())
    return next(m for m in inside if counts[m.place.admin1_code] == best)


def _foreign(m: PlaceMention, country: str | None) -> float:
    """A place below country level outside the country the report is about is doubtful: more often
    a namesake the gazetteer chose ("Wadi Horan" read as El Oued, Algeria) than the event's place."""
    place = m.place
    if place is None or country is None or place.country_code == country or (place.feature_code or "").startswith("PCL"):
        return 0.0
    return 3.0


def _other_country(m: PlaceMention, country: str | None) -> float:
    """A country other than the one the report is about names a side or a sponsor far more often
    than the place of an event ("warplanes, either Russia's or Syrian, struck Hass")."""
    place = m.place
    if place is None or country is None or place.country_code == country or not (place.feature_code or "").startswith("PCL"):
        return 0.0
    return 3.0


#: Words before "in" that make the place after it a seat ("a monitor based in London").
SEAT_WORDS = frozenset({"based", "headquartered"})


def seat(doc: Doc, m: PlaceMention) -> bool:
    """A place written as the seat of whoever is named ("the Britain-based Observatory", "a
    London-based monitor", "a monitor based in London", "headquartered in Geneva") says where
    they sit, not where anything happened, nor what the report is about."""
    toks = _tokens(doc, m)
    if not toks:
        return False
    after = [t.lower_ for t in doc[toks[-1].i + 1:toks[-1].i + 3]]
    if after[:1] in (["based"], ["-based"]) or after == ["-", "based"] or after == ["–", "based"]:
        return True
    first = toks[0].i
    return first >= 2 and doc[first - 1].lower_ == "in" and doc[first - 2].lower_ in SEAT_WORDS


def report_place(doc: Doc, mentions: list[PlaceMention]) -> PlaceMention | None:
    """Where the report is set: its first resolved place below the country that is not the
    division around a place written just before it ("in Kingston (Ontario)" is Kingston)."""
    places = [m for m in mentions if m.role == "place" and m.place is not None and not seat(doc, m)]
    whole = doc[:]
    for m in places:
        if (m.place.feature_code or "").startswith("PCL"):
            continue
        if _container(whole, m, [o for o in places if o is not m and o.span.end <= m.span.start]):
            continue
        return m
    return None


SUBPLACE_CONTEXT = {"neighborhood", "neighbourhood", "village", "sector", "colonia", "barangay", "ward", "street",
                    "quarter", "hamlet", "suburb", "area", "locality", "settlement", "district", "camp"}


def _stray(m: PlaceMention, setting: PlaceMention | None) -> float:
    """A neighbourhood or village that the gazetteer puts in another first-order division than the
    place the report is set in ("in Cartagena (Bolivar) ... in the Olaya Herrera neighborhood",
    resolved to a namesake in Narino) is doubtful."""
    if setting is None or m is setting or m.place is None or (m.context or "").lower() not in SUBPLACE_CONTEXT:
        return 0.0
    a, b = m.place, setting.place
    if a.country_code != b.country_code or (a.admin1_code and b.admin1_code and a.admin1_code != b.admin1_code):
        return 3.0
    return 0.0


def _next_place(mentions: list[PlaceMention], sent: SpacySpan, country: str | None = None) -> PlaceMention | None:
    """A headline with no place of its own: the first place its story names, when near, and in the
    country the report is about (one elsewhere is more often a namesake the gazetteer chose)."""
    for m in mentions:
        if m.place is not None and m.role == "place" and sent.end_char <= m.span.start < sent.end_char + 400 \
                and not (m.place.feature_code or "").startswith("PCL") and not _foreign(m, country):
            return m
    return None


def _country_mention(mentions: list[PlaceMention], country: str | None, sent: SpacySpan) -> PlaceMention | None:
    """The report's mention of the country it is about, nearest before the sentence when possible."""
    candidates = [m for m in mentions if m.place is not None and m.role == "place"
                  and (m.place.feature_code or "").startswith("PCL") and m.place.country_code == country]
    if not candidates:
        return None
    before = [m for m in candidates if m.span.start < sent.end_char]
    return (before or candidates)[-1]


def _region(sent: SpacySpan) -> Span | None:
    """A named region that is no gazetteer place ("the 'white desert'"), which makes the place coarser."""
    for tok in sent:
        if tok.lower_ in REGION_WORDS and tok.pos_ == "NOUN":
            left = tok.left_edge
            if any(t.dep_ in ("amod", "compound") or t.is_quote for t in tok.lefts):
                start = left.idx
                if left.lower_ in ("the", "a"):
                    start = doc_next(left).idx
                return Span(start, tok.idx + len(tok.text), sent.doc.text[start:tok.idx + len(tok.text)])
    return None


def doc_next(tok: Token) -> Token:
    return tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else tok

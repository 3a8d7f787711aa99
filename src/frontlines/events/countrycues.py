"""The country a report is about when none of its places resolved: read off other cues in its words.

ACLED names crowds, civilians and unidentified groups after the country ("Protesters (Spain)"), so a
report whose places the geoparser missed still needs its country. The cues, each a vote:

- names the gazetteer knows that the place recogniser left out ("in Teruel (Aragon)"): a country
  or first-order division counts for its country; a town counts when its country is clear (a
  national capital, or a town far larger than any namesake elsewhere; a small town or district
  whose name no other country has counts half); a
  name followed by another in brackets ("Misiones (Paraguay)", "Eibar (Gipuzkoa)") counts double
  for the country both share;
- a national actor the dictionary knows ("Nigerian police forces", "Police Forces of Kenya"): half
  a vote for police, a quarter for an army, which often fights abroad;
- a demonym ("Italian", "Sri Lankan"), a quarter of a vote: a people is often named abroad;
  a place outweighs it.

A place written as the seat of a source or an organisation ("the Britain-based Observatory", "a
monitor based in London") says where they sit, not what the report is about: it gives no vote.

Currencies and party names are not used: they are too specific to one report to be rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from unidecode import unidecode

from frontlines.events import places as event_places
from frontlines.events.actors import COMPASS_WORDS, ActorDictionary, ActorMention
from frontlines.events.roles import Discourse
from frontlines.places.commonwords import common_name
from frontlines.records import PlaceMention, Span

MAX_WORDS = 4
TOWN_POPULATION = 5_000  # a town smaller than this is not a cue: too many share common words' names
BIG_CITY = 100_000
DOMINANT = 10  # a town this many times larger than any namesake abroad names its country
HYPHENS = {"-", "‐", "–"}
PARTICLES = {"de", "del", "da", "do", "dos", "das", "la", "le", "les", "al", "el", "di", "du", "des", "van", "von"}
SKIP_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _gazetteer(given=None):
    """The index the geoparser was given; the default one (a cached singleton) only when none was."""
    if given is not None:
        return given
    from frontlines.places import Gazetteer

    return Gazetteer.default()


def _runs(doc: Doc) -> list[SpacySpan]:
    """Runs of capitalised words ("Mont-de-Marsan" with its hyphens), split at other punctuation."""
    runs: list[SpacySpan] = []
    start = None
    for tok in list(doc) + [None]:
        ok = tok is not None and (tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper
                                  and tok.ent_type_ not in SKIP_LABELS
                                  or start is not None and tok.text in HYPHENS and not tok.whitespace_
                                  and not doc[tok.i - 1].whitespace_
                                  or start is not None and tok.lower_ in PARTICLES and tok.i + 1 < len(doc)
                                  and doc[tok.i + 1].text[:1].isupper())
        if ok and start is None:
            start = tok.i
        elif not ok and start is not None:
            runs.append(doc[start:tok.i if tok is not None else len(doc)])
            start = None
    return runs


def _names(run: SpacySpan, gaz) -> Iterable[tuple[SpacySpan, list]]:
    """The longest known names inside a run, left to right, with their gazetteer places; a single
    everyday English word ("Justice", "Union") is no name here."""
    i = run.start
    while i < run.end:
        for j in range(min(run.end, i + MAX_WORDS), i, -1):
            span = run.doc[i:j]
            if j - i == 1 and (len(span.text) < 3 or common_name(span.text)) or span[-1].text in HYPHENS:
                continue
            places = gaz.candidates(span.text)
            if places:
                yield span, places
                i = j
                break
        else:
            i += 1


def _plain(text: str) -> str:
    return " ".join(unidecode(text).lower().replace("-", " ").replace("'", "").split())


def _written(plain: str, place) -> bool:
    """Whether the place is written as the name is: its own name, or the name of a country,
    division or city that begins with it ("Donetsk" for Donetska oblast), or a big city's other
    spelling ("Mykolaiv"). The index also matches abbreviations and loose spellings, which are no
    cue ("Mont" is not Montana)."""
    name = _plain(place.name)
    if name == plain:
        return True
    if len(plain) < 5:
        return False
    major = place.feature_code.startswith("PCL") or place.feature_code == "ADM1"
    # a big city under another spelling only if it differs little and not in its first letters
    # ("Mykolayiv" for Mykolaiv; "Hamas" is no Hamm): the index's loose keys are no cue
    return major and name.startswith(plain) or place.population >= BIG_CITY and name[:5] == plain[:5] \
        and abs(len(name) - len(plain)) <= 2


def _countries(text: str, places: list) -> tuple[set[str], float]:
    """The countries a name points to and the weight of its vote: those of the countries and
    first-order divisions so named; else the country of a national capital so named, or of a town
    far larger than its namesakes abroad; else of the one country whose second-order division or
    small town bears the name (half a vote: small places share names with words and people)."""
    plain = _plain(text)
    places = [p for p in places if _written(plain, p)]
    found = {p.country_code for p in places if p.feature_code.startswith("PCL") or p.feature_code == "ADM1"}
    if found:
        return found, 1.0
    towns = sorted((p for p in places if p.feature_class == "P" and p.population >= TOWN_POPULATION),
                   key=lambda p: (p.feature_code != "PPLC", -p.population))
    if towns:
        top = towns[0]
        rival = max((p.population for p in towns if p.country_code != top.country_code), default=0)
        return ({top.country_code} if top.feature_code == "PPLC" or top.population >= DOMINANT * rival else set()), 1.0
    found = {p.country_code for p in places if p.feature_code == "ADM2" or p.feature_class == "P"}
    return (found if len(found) == 1 else set()), 0.5


def _bracketed(doc: Doc, span: SpacySpan) -> bool:
    """"Teruel (Aragon)": the name is the first word inside brackets that follow a name."""
    return span.start >= 2 and doc[span.start - 1].text == "(" and doc[span.start - 2].text[:1].isupper()


def _seat_span(doc: Doc, span: SpacySpan) -> bool:
    return event_places.seat(doc, PlaceMention(Span(span.start_char, span.end_char, span.text)))


def report_discourse(doc: Doc, mentions: list[PlaceMention], actors: ActorDictionary, gazetteer=None) -> Discourse:
    """The report's discourse state, with the country it is about: the geoparser's when a place below
    the country level resolved (`main_country`), else the one its other words point to, read with
    `gazetteer` (the geoparser's index; the default one when None). A source's seat is no cue."""
    named = mentions
    mentions = [m for m in mentions if m.place is None or not event_places.seat(doc, m)]
    local = any(m.place is not None and m.role == "place" and not (m.place.feature_code or "").startswith("PCL")
                for m in mentions)
    found = actors.find(doc)  # once per report: the extractor and the role rules read them from the discourse
    country = event_places.main_country(mentions) if local else report_country(doc, actors, mentions, found, gazetteer)
    return Discourse(country=country, country_label=event_places.country_name(named, country), local=local, doc=doc,
                     mentions=found)


def report_country(doc: Doc, actors: ActorDictionary, mentions: Iterable[PlaceMention] = (),
                   actor_mentions: list[ActorMention] | None = None, gazetteer=None) -> str | None:
    """The country the words of `doc` point to most, or None. A country the geoparser resolved is
    half a vote and wins a tie: named alone, it is the report's country, but a town the recogniser
    left out says more ("marched in Lorient against the war in Ukraine")."""
    gaz = _gazetteer(gazetteer)
    votes: Counter[str] = Counter()
    resolved: set[str] = set()
    for m in mentions:
        if m.place is not None and m.role in ("place", "embedded", "government") and not event_places.seat(doc, m):
            votes[m.place.country_code] += 0.5 if m.role == "place" else 0.25
            resolved.add(m.place.country_code)
    found: list[tuple[SpacySpan, set[str], float]] = []
    for run in _runs(doc):
        for span, places in _names(run, gaz):
            if _seat_span(doc, span):
                continue  # "the London-based monitor": where the source sits
            found.append((span, *_countries(span.text, places)))
    seen: set[str] = set()
    for n, (span, countries, weight) in enumerate(found):
        if _bracketed(doc, span) and n > 0 and found[n - 1][0].end == span.start - 1:
            both = countries & found[n - 1][1]
            if len(both) == 1:
                votes[next(iter(both))] += 2
                continue
        if len(countries) == 1 and span.text.lower() not in seen:
            seen.add(span.text.lower())
            votes[next(iter(countries))] += weight
    in_actors: set[int] = set()
    for m in actors.find(doc) if actor_mentions is None else actor_mentions:
        if m.country:  # a demonym inside an actor's name names a side, not the place ("Russian forces")
            in_actors.update(range(m.start, m.end))
        if m.country and (m.kind == "state" or m.kind == "named" and any(e.inter == 1 for e in m.entries)):
            police = any(e.name.startswith("Police") for e in m.entries) or "police" in m.text.lower()
            # police serve at home; an army often fights abroad ("Russian forces shelled
            # Ukrainian positions" is about Ukraine), so an army gives no vote
            votes[m.country] += 0.5 if police else 0.0
    for word in dict.fromkeys(t.text for t in doc if t.text in actors.demonyms and t.i not in in_actors
                              and not (t.i and doc[t.i - 1].text in COMPASS_WORDS)):  # "North Korean" is not Korean
        if actors.demonyms[word]:
            votes[actors.demonyms[word]] += 0.25
    if not votes:
        return None
    # a tie goes to a country the geoparser resolved, then to the first named (votes keep that order)
    return max(votes, key=lambda cc: (votes[cc], cc in resolved))

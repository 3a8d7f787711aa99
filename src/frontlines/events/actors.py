"""Actors as written, normalised through the project's dictionary (`data/actors.json`).

Named actors ("ISIS", "Daesh", "the Russian Aerospace Forces") are matched by phrase; a demonym
before a force or civilian noun ("Syrian soldiers", "Iraqi civilians") names the state or its
civilians; generic words ("the militants", "the gangs", "government forces") are kept as such and
resolved later against the report (the group it named last, the country it is about).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from frontlines.events import countries
from frontlines.records import Actor

FORCE_NOUNS = ["soldier", "troop", "force", "army", "military", "serviceman", "servicemen", "officer",
               "police", "policeman", "warplane", "jet", "aircraft", "drone", "helicopter", "guard",
               "unit", "commando", "personnel", "artillery", "navy", "marine"]
CIVILIAN_NOUNS = ["civilian", "resident", "villager", "people", "child", "children", "woman", "women",
                  "citizen", "family", "farmer", "shepherd", "refugee", "worker", "student", "journalist"]


GROUP_KINDS = {"generic_armed": "armed", "generic_state": "state", "generic_civilian": "civilians",
               "generic_police": "police", "unidentified_armed": "armed", "protesters": "protesters",
               "rioters": "rioters", "gangs": "armed"}


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the dictionary."""

    name: str
    inter: int
    ucdp: str | None
    country: str | None
    kind: str  # "named", "source"
    countries: tuple[str, ...] = ()


#: Words that open two-word country names and demonyms; a one-word match after them is another country.
COMPASS_WORDS = frozenset({"North", "South", "East", "West", "Central", "Equatorial", "Western", "Eastern"})


@dataclass(slots=True)
class ActorMention:
    """Words in a report that name or refer to an actor.

    `kind`: "named" (a dictionary entry), "state" (a demonym + force noun, or a generic state
    force word), "civilians", "armed" (a generic armed group word, resolved by coreference),
    "protesters", "rioters", "source" (an actor that is a reporting source, like SOHR).
    """

    start: int  # token offsets in the doc
    end: int
    start_char: int
    end_char: int
    text: str
    kind: str
    entries: tuple[ActorEntry, ...] = ()
    country: str | None = None
    unidentified: bool = False  # "unidentified gunmen": not the group named before
    gang: bool = False  # "gang members", "a drug trafficking group": ACLED's "Unidentified Gang (Country)"


class ActorDictionary:
    """The actor dictionary and its matchers for one spaCy vocabulary."""

    def __init__(self, nlp: Language, data: dict | None = None) -> None:
        self.data = data or json.loads(resources.files("frontlines.events").joinpath("data/actors.json").read_text("utf-8"))
        self.demonyms: dict[str, str | None] = countries.demonyms()
        self.country_names: dict[str, str] = countries.acled_country_names()
        self.entries: dict[str, list[ActorEntry]] = {}
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._patterns = Matcher(nlp.vocab)
        for item in self.data["actors"]:
            entry = ActorEntry(item["name"], item["inter"], item.get("ucdp"), item.get("country"),
                               item.get("kind", "named"), tuple(item.get("countries", ())))
            for alias in item.get("aliases", []):
                self._add(self._phrases, alias.lower(), entry, nlp)
            for acronym in item.get("acronyms", []):
                self._add(self._acronyms, acronym, entry, nlp)
        for group in ("generic_armed", "generic_state", "generic_civilian", "protesters", "rioters",
                      "generic_police", "unidentified_armed", "gangs"):
            for word in self.data.get(group, ()):
                self._phrases.add(f"{group}|{word}", [nlp.make_doc(word)])
        demonyms = [d for d in self.demonyms if " " not in d]
        self._patterns.add("demonym_state", [[{"ORTH": {"IN": demonyms}},
                                              {"LOWER": {"IN": ["government", "armed", "air", "security", "regime", "special", "border", "military"]}, "OP": "*"},
                                              {"LEMMA": {"IN": FORCE_NOUNS}}]])
        names = [n for n in map(countries.bare, self.country_names.values()) if " " not in n]
        self._patterns.add("country_state", [[{"ORTH": {"IN": names}},
                                              {"LOWER": {"IN": ["government", "armed", "air", "security", "special", "border", "military", "defence", "defense", "national"]}, "OP": "*"},
                                              {"LEMMA": {"IN": FORCE_NOUNS}}]])
        self._patterns.add("demonym_civilians", [[{"ORTH": {"IN": demonyms}}, {"LEMMA": {"IN": CIVILIAN_NOUNS}}]])
        self._patterns.add("plural_demonym", [[{"ORTH": {"IN": [d + "s" for d in demonyms if d[-1].isalpha()]}}]])

    def _add(self, matcher: PhraseMatcher, text: str, entry: ActorEntry, nlp: Language) -> None:
        self.entries.setdefault(text, []).append(entry)
        matcher.add(text, [nlp.make_doc(text)])

    @cached_property
    def by_name(self) -> dict[str, ActorEntry]:
        return {e.name: e for entries in self.entries.values() for e in entries}

    def find(self, doc: Doc) -> list[ActorMention]:
        """All actor mentions in `doc`, longest first where they overlap, in text order."""
        vocab = doc.vocab
        found: list[ActorMention] = []
        for match_id, start, end in self._phrases(doc) + self._acronyms(doc):
            key = vocab.strings[match_id]
            span = doc[start:end]
            if "|" in key and key.split("|", 1)[0] in GROUP_KINDS:
                group = key.split("|", 1)[0]
                mention = self._mention(span, GROUP_KINDS[group], ())
                mention.unidentified = group == "unidentified_armed"
                mention.gang = group == "gangs"
                found.append(mention)
            else:
                entries = tuple(self.entries.get(key, ()))
                kind = "source" if entries and entries[0].kind == "source" else "named"
                found.append(self._mention(span, kind, entries))
        for match_id, start, end in self._patterns(doc):
            rule = vocab.strings[match_id]
            span = doc[start:end]
            demonym = span[0].text[:-1] if rule == "plural_demonym" else span[0].text
            country = countries.codes_by_name().get(demonym.lower()) if rule == "country_state" else self.demonyms.get(demonym)
            if start > 0 and doc[start - 1].text in COMPASS_WORDS:
                country = None  # "North Korean troops", "South Sudanese soldiers": not Korea's or Sudan's
            if rule == "plural_demonym":
                # "Americans", "Kurds": a people standing for its forces in a military report.
                named = [e for e in self.entries.get(span.text.lower(), []) if e.kind == "named"]
                found.append(self._mention(span, "named" if named else "state", tuple(named), country))
            elif country and rule in ("demonym_state", "country_state"):
                police = any(t.lemma_.lower() in ("police", "policeman", "policemen") for t in span)
                found.append(self._mention(span, "police" if police else "state", (), country))  # "Nigerian police", "Kenya Police"
            elif country:
                found.append(self._mention(span, "civilians", (), country))
        for m in found:
            if m.kind in ("state", "police") and m.country is None:
                _of_country(doc, m)
        return _longest_first(found)

    @staticmethod
    def _mention(span: SpacySpan, kind: str, entries: tuple[ActorEntry, ...], country: str | None = None) -> ActorMention:
        if country is None and entries:
            country = entries[0].country
        return ActorMention(span.start, span.end, span.start_char, span.end_char, span.text, kind, entries, country)

    def state_forces(self, country: str | None, name: str | None = None, police: bool = False) -> tuple[str, int]:
        """The normalised name of a country's forces ("Military Forces of Syria", "Police Forces of
        Turkey") and their inter code; `name` is the country's name when the dictionary lacks it."""
        prefix = "Police Forces of" if police else "Military Forces of"
        for entries in self.entries.values():
            for e in entries:
                if e.kind == "named" and e.inter == 1 and e.country == country and e.name.startswith(prefix) \
                        and (not e.ucdp or e.ucdp.startswith("Government of")):  # not a rival authority's forces
                    return e.name, 1
        name = self.country_names.get(country or "", None) or name
        if name is None:
            return ("Police Forces" if police else "Unidentified Military Forces"), 8
        return f"{prefix} {name}", 1

    def ucdp_side(self, name: str, inter: int | None) -> str | None:
        """The UCDP side name for a normalised actor: the dictionary's, "Government of X" for state
        forces, "Civilians" for civilians; None for actors UCDP does not code as a side."""
        entry = self.by_name.get(name) or self.by_name.get(name.rsplit(" (", 1)[0])  # "Islamic State (Iraq)"
        if entry is not None and entry.ucdp:
            return entry.ucdp
        if inter == 7:
            return "Civilians"
        for prefix in ("Military Forces of ", "Police Forces of "):
            if inter == 1 and name.startswith(prefix):
                return "Government of " + name.removeprefix(prefix).removeprefix("the ").split(" (")[0]
        return None

    def is_government(self, actor: Actor | None) -> bool:
        """Whether UCDP counts the actor as a state's government (its side is "Government of X"). The
        Houthis' forces carry ACLED's state-forces name and code but are Ansarallah to UCDP."""
        if actor is None:
            return False
        side = self.ucdp_side(actor.name, actor.inter)
        if side is not None:
            return side.startswith("Government of")
        return actor.inter in (1, 8) and actor.name.startswith("Military Forces")

    def armed_group(self, actor: Actor | None) -> bool:
        """A non-state armed group that later words ("the militants") may refer back to: rebels,
        militias, and forces ACLED names as a state's that hold no recognised government (Houthis)."""
        return actor is not None and (actor.inter in (2, 3, 4) or actor.inter == 1 and not self.is_government(actor))

    def civilians(self, country: str | None) -> str:
        name = self.country_names.get(country or "")
        return f"Civilians ({countries.bare(name)})" if name else "Civilians"


def _of_country(doc: Doc, m: ActorMention) -> None:
    """"the military forces of Russia", "security forces of the Central African Republic": the
    country named after a generic force word is theirs; the mention takes in its name."""
    i = m.end
    if i >= len(doc) or doc[i].lower_ != "of":
        return
    i += 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
    names = countries.codes_by_name()
    for j in range(min(len(doc), i + 5), i, -1):
        code = names.get(doc[i:j].text.lower())
        if code is not None:
            m.country, m.end, m.end_char = code, j, doc[j - 1].idx + len(doc[j - 1].text)
            m.text = doc[m.start:j].text
            return


def _longest_first(mentions: list[ActorMention]) -> list[ActorMention]:
    """Drop mentions that overlap a longer one ("ISIS" inside "ISIS militants"); of two as long, a
    name wins ("regime forces" over "the regime" in "the regime forces"), then the earlier; text order."""
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), m.kind != "named", m.start))
    kept: list[ActorMention] = []
    for m in ranked:
        if not any(m.start < k.end and k.start < m.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)

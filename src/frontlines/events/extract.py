"""The rule-based event coder: sentences → events, coded the way an ACLED or UCDP analyst would.

For each sentence: find triggers, group them into events (one violent event per sentence, one
event per other kind), then read the actors' roles from the parse, the counts, the place, the
time, the modality and the quoted source, keeping the character span of every field.
"""

from __future__ import annotations


from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan, Token

from frontlines.events import places as event_places
from frontlines.events.actors import ActorDictionary
from frontlines.events.numbers import find_counts
from frontlines.events.roles import Discourse, assign_roles, attribution, is_modifier, modality, normalise
from frontlines.events.taxonomy import (
    DEATH_KINDS, TRIGGER_LEMMAS, TRIGGER_PHRASES, VIOLENT_KINDS, WEAK_LEMMAS, classify, violence_type,
)
from frontlines.events.timex import report_range, resolve_expression
from frontlines.records import (
    DateRange, Equipment, Event, Evidence, PlaceMention, Report, Span, Toll,
)

PERSON_NOUNS = {"soldier", "militant", "fighter", "civilian", "people", "person", "terrorist", "troop",
                "member", "child", "woman", "man", "men", "women", "children", "jihadist", "insurgent",
                "rebel", "policeman", "officer", "resident", "villager", "gunman", "serviceman",
                "servicemen", "combatant", "extremist", "bandit", "guard", "worker", "protester",
                "demonstrator", "student", "journalist", "farmer", "recruit", "commander", "body"}
EQUIPMENT_NOUNS = {"car": "vehicle", "vehicle": "vehicle", "truck": "vehicle", "pickup": "vehicle",
                   "jeep": "vehicle", "van": "vehicle", "bus": "vehicle", "tank": "tank", "bmp": "armoured vehicle",
                   "apc": "armoured vehicle", "motorcycle": "motorcycle", "motorcyclist": "motorcycle",
                   "motorbike": "motorcycle", "drone": "drone", "aircraft": "aircraft", "helicopter": "aircraft",
                   "plane": "aircraft", "jet": "aircraft", "gun": "weapon", "launcher": "weapon",
                   "howitzer": "artillery", "cannon": "artillery", "depot": "depot", "camp": "camp",
                   "base": "base", "post": "post", "checkpoint": "post", "position": "post", "boat": "boat"}
INJURY_LEMMAS = {"injure", "wound", "injured", "wounded", "injury", "hurt"}
CAPTURE_LEMMAS = {"capture", "arrest", "detain", "abduct", "kidnap", "seize", "surrender", "prisoner", "hostage"}
CONFLICT_CONTEXT = {"warplane", "jet", "aircraft", "drone", "helicopter", "artillery", "town", "village",
                    "checkpoint", "convoy", "militant", "fighter", "soldier", "troop", "terrorist", "force", "army", "gang",
                    "reinforcement", "hostage", "camp", "family", "civilian", "prisoner", "weapon",
                    "missile", "target", "position", "jihadist", "insurgent", "rebel"}


class RuleExtractor:
    """The default extractor ("rules"): dependency rules over a spaCy parse, no training data."""

    name = "rules"

    def __init__(self, nlp: Language) -> None:
        self.actors = ActorDictionary(nlp)

    def __call__(self, doc: Doc, report: Report, mentions: list[PlaceMention]) -> list[Event]:
        discourse = Discourse(country=event_places.main_country(mentions))
        events: list[Event] = []
        actor_mentions = [m for m in self.actors.find(doc) if not is_modifier(doc, m)]
        for sent in doc.sents:
            sent_actors = [m for m in actor_mentions if sent.start <= m.start < sent.end]
            named_armed = [a for m in sent_actors if m.kind == "named"
                           and (a := normalise(m, doc, self.actors, discourse)) is not None and a.inter in (2, 3, 4)]
            discourse.armed.extend(named_armed)  # "Fighters of ... (JNIM)": the group named beside them
            pairs = [(m, a) for m in sent_actors if (a := normalise(m, doc, self.actors, discourse)) is not None]
            for group in _group_triggers(sent):
                event = self._code(doc, sent, group, pairs, report, mentions, discourse, events)
                if event is not None:
                    events.append(event)
        return _fold_headline(events, doc)

    def _code(self, doc: Doc, sent: SpacySpan, triggers: list[Token], pairs, report: Report,
              mentions: list[PlaceMention], discourse: Discourse, events: list[Event]) -> Event | None:
        kinds = {_kind(t) for t in triggers}
        head = triggers[0]
        roles = assign_roles(doc, sent, head, pairs, discourse)
        for t in triggers[1:]:
            more = assign_roles(doc, sent, t, pairs, discourse)
            roles.agents += [a for a in more.agents if a.name not in {x.name for x in roles.agents}]
            roles.patients += [a for a in more.patients if a.name not in {x.name for x in roles.patients}]
            roles.associates += [a for a in more.associates if a.name not in {x.name for x in roles.associates}]
        counts = _counts(doc, sent, kinds)
        kills = [c for c in counts if c[0] == "fatalities"]
        # A toll of people with no actor named for them: the noun they count ("150 militants").
        agent = roles.agents[0] if roles.agents else None
        patient = next((p for p in roles.patients if agent is None or p.name != agent.name), None)
        merged: Event | None = None
        if agent is None and (roles.passive_without_agent or kills) and events:
            prev = events[-1]
            if prev.sentence.end <= sent.start_char and prev.actor1 is not None and prev.event_type in ("Battles", "Explosions/Remote violence") and kinds & set(VIOLENT_KINDS):
                agent = prev.actor1
                if not prev.fatalities.best and not prev.equipment and _near(prev.sentence, sent):
                    merged = prev
        mod, modality_span = modality(sent, head, discourse)
        if agent is None and roles.passive_without_agent:
            # "their families were sent and are being held": the agent named earlier in the sentence
            agent = next((e.actor1 for e in reversed(events) if e.sentence.start == sent.start_char and e.actor1), None)
        if agent is None and mod == "planned" and discourse.previous_modality == "planned":
            agent = discourse.last_agent  # "we are talking about the seizure of ...": the plan's actor
        if agent is None and patient is None and not kinds & {"transfer", "base", "surrender", "protest", "riot"}:
            return None
        if agent is not None and patient is not None and patient.name == agent.name:
            patient = None
        victims_civilian = patient is not None and patient.inter == 7
        target_is_place = any(p.span.start >= head.idx and p.role == "place" for p in mentions
                              if sent.start_char <= p.span.start < sent.end_char)
        inter1 = agent.inter if agent else None
        inter2 = patient.inter if patient else None
        coded = classify(kinds, inter1, inter2, victims_civilian, target_is_place)
        if coded is None:
            return None
        if coded[0] == "Battles" and "territory" in coded[1] and patient is not None and patient.inter == 7:
            patient = None  # a place was taken; civilians nearby are not the other side
        if coded[1] in ("Agreement", "Change to group/activity", "Headquarters or base established") and agent is None and patient is not None:
            agent, patient = patient, None  # "militants are transported": the group that moves is actor1
        event_type, sub_event_type = coded
        trigger = Span(head.idx, head.idx + len(head.text), head.text)
        sentence = Span(sent.start_char, sent.end_char, sent.text)
        event = Event(
            event_id=Event.make_id(report.report_id, trigger, event_type),
            report_id=report.report_id, event_type=event_type, sub_event_type=sub_event_type,
            trigger=trigger, sentence=sentence, actor1=agent, actor2=patient,
            assoc_actors=roles.associates,
        )
        event.evidence.append(Evidence("trigger", trigger))
        self._fill_counts(event, counts, kinds)
        event.date = _date(doc, sent, report)
        event.modality = mod
        event.attribution = attribution(sent, report.source)
        place, where_prec, region = event_places.choose(doc, sent, head, mentions, kinds, discourse)
        event.place, event.where_prec = place, where_prec
        event.geo_precision = event_places.acled_geo_precision(where_prec)
        state = lambda a: a is not None and a.inter in (1, 8) and a.name.startswith("Military Forces")  # noqa: E731
        event.violence_type = violence_type(inter1, event.actor2.inter if event.actor2 else None, state(event.actor1), state(event.actor2))
        for actor in (event.actor1, event.actor2, *event.assoc_actors):
            if actor is not None:
                actor.ucdp = self.actors.ucdp_side(actor.name, actor.inter)
        for name, span in (("actor1", agent.span if agent else None), ("actor2", event.actor2.span if event.actor2 else None),
                           ("modality", modality_span), ("date", event.date.span), ("attribution", event.attribution.span),
                           ("place", place.span if place else None), ("region", region)):
            if span is not None:
                event.evidence.append(Evidence(name, span))
        for a in event.assoc_actors:
            if a.span:
                event.evidence.append(Evidence("assoc_actor", a.span))
        discourse.previous_modality = event.modality
        if agent is not None:
            discourse.last_agent = agent
        if merged is not None:
            _merge_into(event, merged, events)
        return event

    def _fill_counts(self, event: Event, counts, kinds: set[str]) -> None:
        deaths = [c for c in counts if c[0] == "fatalities"]
        if deaths:
            low = sum(c[1].low or 0 for c in deaths) if all(c[1].low is not None for c in deaths) else None
            best = sum(c[1].best or 0 for c in deaths)
            high = sum(c[1].high for c in deaths) if all(c[1].high is not None for c in deaths) else None
            first, last = deaths[0][2], deaths[-1][2]
            span = Span(first.start, last.end, first.text if len(deaths) == 1 else f"{first.text} … {last.text}")
            event.fatalities = Toll(low, best, high, None, span)
            for kind, count, cspan, who in deaths:
                toll = Toll(count.low, count.best, count.high, who, cspan)
                event.tolls.append(toll)
                event.evidence.append(Evidence("fatalities", cspan))
        for kind, count, cspan, what in counts:
            toll = Toll(count.low, count.best, count.high, None, cspan)
            if kind == "injured":
                event.injured = toll
                event.evidence.append(Evidence("injured", cspan))
            elif kind == "captured":
                event.captured = toll
                event.evidence.append(Evidence("captured", cspan))
            elif kind == "equipment":
                event.equipment.append(Equipment(what, toll, cspan.text, cspan))
                event.evidence.append(Evidence("equipment", cspan))


def _lemma(tok: Token) -> str:
    """The lemma, mended for capitalised verbs the tagger took for names ("Surrendered")."""
    lemma = tok.lemma_.lower()
    if lemma in TRIGGER_LEMMAS:
        return lemma
    low = tok.lower_
    for suffix, repl in (("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):
        if low.endswith(suffix) and low[: -len(suffix)] + repl in TRIGGER_LEMMAS:
            return low[: -len(suffix)] + repl
    return lemma


AIR_WORDS = {"warplane", "jet", "aircraft", "drone", "helicopter", "air", "airstrike", "plane", "bomber",
             "airforce", "aerospace", "uav", "coalition"}


def _phrase_at(tok: Token) -> tuple[tuple[str, ...], str] | None:
    """The trigger phrase ("air strike", "training camps") that starts at `tok`, with its kind."""
    for phrase, kind in TRIGGER_PHRASES.items():
        if tuple(t.lower_ for t in tok.doc[tok.i:tok.i + len(phrase)]) == phrase:
            return phrase, kind
    return None


def _kind(tok: Token) -> str:
    found = _phrase_at(tok)
    if found is not None:
        return found[1]
    kind = TRIGGER_LEMMAS[_lemma(tok)]
    if kind == "airstrike" and not any(t.lemma_.lower() in AIR_WORDS for t in tok.sent):
        # "gunmen struck a checkpoint", "a bomb went off": not from the air
        return "ied" if _lemma(tok) in ("bomb", "bombing") else "attack"
    return kind


def _is_trigger(tok: Token) -> bool:
    if _phrase_at(tok) is not None:
        return True
    lemma = _lemma(tok)
    if lemma not in TRIGGER_LEMMAS or tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
        return False
    if tok.pos_ == "PROPN" and not tok.is_sent_start:
        return False  # "March", "Strike Force": a name, unless a capitalised first word
    if lemma in WEAK_LEMMAS or TRIGGER_LEMMAS[lemma] in ("transfer", "arrest"):
        # "hold", "move", "strike": triggers only with conflict words around them.
        window = [t.lemma_.lower() for t in tok.sent if abs(t.i - tok.i) <= 8]
        return any(w in CONFLICT_CONTEXT for w in window)
    return True


def _group_triggers(sent: SpacySpan) -> list[list[Token]]:
    """One group of violent triggers per sentence, and one group per other kind."""
    violent: list[Token] = []
    other: dict[str, list[Token]] = {}
    covered: set[int] = set()
    for tok in sent:
        if tok.i in covered or not _is_trigger(tok):
            continue
        kind = _kind(tok)
        found = _phrase_at(tok)
        if found is not None:
            covered.update(range(tok.i, tok.i + len(found[0])))
        if kind in VIOLENT_KINDS:
            violent.append(tok)
        else:
            other.setdefault(kind, []).append(tok)
    if "abduct" in other and "arrest" in other:  # "held hostage": one abduction, not an arrest too
        other["abduct"] = sorted(other.pop("arrest") + other["abduct"], key=lambda t: t.i)
    groups = []
    if violent:
        # The most specific kind leads; the verb of the sentence is preferred as the head.
        violent.sort(key=lambda t: (VIOLENT_KINDS.index(_kind(t)) if _kind(t) not in DEATH_KINDS else 50, t.pos_ != "VERB"))
        groups.append(violent)
    groups.extend(other.values())
    return groups


def _counts(doc: Doc, sent: SpacySpan, kinds: set[str]) -> list[tuple[str, object, Span, str | None]]:
    """Counts in a sentence with what they count: ("fatalities"|"injured"|"captured"|"equipment", Count, Span, what)."""
    out = []
    deadly = bool(kinds & (DEATH_KINDS | {"attack", "clash", "airstrike", "shelling", "ied", "suicide"}))
    for count in find_counts(sent.text, sent.start_char):
        noun = _counted_noun(doc, count.end)
        if noun is None:
            continue
        if noun.lemma_.lower() in ("year", "day", "week", "month", "hour", "km", "kilometre", "kilometer", "mile", "percent", "meter", "metre"):
            continue
        lemma = noun.lemma_.lower()
        span = Span(count.start, noun.idx + len(noun.text), doc.text[count.start:noun.idx + len(noun.text)])
        verbs = {t.lemma_.lower() for t in list(noun.ancestors)[:3]} | {t.lemma_.lower() for t in noun.head.children}
        if lemma in EQUIPMENT_NOUNS and (deadly or kinds & {"base", "loot", "capture"}):
            end = _with_modifiers(noun)
            span = Span(count.start, end, doc.text[count.start:end])
            out.append(("equipment", count, span, EQUIPMENT_NOUNS[lemma]))
        elif lemma in PERSON_NOUNS or noun.ent_type_ == "NORP" or noun.pos_ == "PROPN":
            if verbs & INJURY_LEMMAS:
                out.append(("injured", count, span, None))
            elif verbs & CAPTURE_LEMMAS and not verbs & {"kill", "die", "destroy"}:
                out.append(("captured", count, span, None))
            elif deadly and not (kinds & {"surrender", "transfer"} and not kinds & DEATH_KINDS):
                out.append(("fatalities", count, span, _who(noun)))
    return out


def _counted_noun(doc: Doc, end_char: int) -> Token | None:
    """The noun a count ending at `end_char` modifies ("27 cars", "more than 20 Syrian soldiers")."""
    tok = next((t for t in doc if t.idx < end_char <= t.idx + len(t.text)), None)
    if tok is None:
        return None
    if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        return tok.head
    if tok.head.dep_ == "nummod" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        return tok.head.head
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        pobj = [c for c in nxt.children if c.dep_ == "pobj"]
        if pobj:
            return pobj[0]
    if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in PERSON_NOUNS:
        return tok
    return None


def _with_modifiers(noun: Token) -> int:
    """End of 'cars with machine guns': the noun with its prepositional modifier."""
    end = noun.idx + len(noun.text)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "with" and child.i == noun.i + 1:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                end = objs[0].idx + len(objs[0].text)
    return end


def _who(noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    if lemma in ("civilian", "child", "woman", "resident", "villager", "people", "person", "farmer", "student", "journalist"):
        return "civilians"
    return None


def _date(doc: Doc, sent: SpacySpan, report: Report) -> DateRange:
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start = ent.start
        if start > sent.start and doc[start - 1].lower_ in ("since", "over", "on", "in", "during", "last"):
            start -= 1
        span = doc[start:ent.end]
        found = resolve_expression(span.text, report.published, span.start_char)
        if found is not None:
            return found
    return report_range(report.published)


def _near(a: Span, b: SpacySpan) -> bool:
    return 0 <= b.start_char - a.end <= 2


def _merge_into(event: Event, prev: Event, events: list[Event]) -> None:
    """Two sentences about one action ("identifying and destroying gangs. … 150 militants … destroyed"):
    the earlier event's words become evidence of the later one, which carries the toll."""
    events.remove(prev)
    event.evidence[:0] = [e for e in prev.evidence if e.field in ("trigger", "actor1", "assoc_actor")]
    event.assoc_actors = event.assoc_actors or prev.assoc_actors
    if event.actor2 is None:
        event.actor2 = prev.actor2


def _fold_headline(events: list[Event], doc: Doc) -> list[Event]:
    """A headline sums up the story: its event joins the body's event of the same sub-type."""
    first = next(doc.sents, None)
    if first is None:
        return events
    head = first.text.rstrip()
    if head.endswith((".", "!", "?", "\"", "”")) or "\n" not in doc.text[first.start_char + len(head):first.end_char + 2]:
        return events
    kept = []
    for e in events:
        twin = next((b for b in events if b is not e and b.sentence.start > first.end_char and b.sub_event_type == e.sub_event_type), None)
        if e.sentence.start == first.start_char and twin is not None:
            twin.evidence.extend(ev for ev in e.evidence if ev.field in ("trigger", "actor1", "actor2"))
            if twin.actor2 is None and e.actor1 is not None and twin.actor1 is not None and e.actor1.name != twin.actor1.name:
                twin.assoc_actors = [a for a in twin.assoc_actors if a.name != e.actor1.name] + [e.actor1]
            continue
        kept.append(e)
    return kept

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
from frontlines.events.countrycues import report_discourse
from frontlines.events import tolls
from frontlines.events.roles import clause_verb
from frontlines.events.roles import (
    Discourse, assign_roles, attribution, country_label, crowd, is_modifier, labelled, modality, normalise, relabel,
    unidentified_armed,
)
from frontlines.events.taxonomy import (
    DEATH_KINDS, TRIGGER_LEMMAS, TRIGGER_PHRASES, VIOLENT_KINDS, WEAK_LEMMAS, classify, violence_type,
)
from frontlines.events.dating import event_date as _date
from frontlines.records import Actor, Event, Evidence, PlaceMention, Report, Span

CONFLICT_CONTEXT = {"faction", "regime", "countryside", "front", "frontline", "siege", "warplane", "jet", "aircraft", "drone", "helicopter", "artillery", "town", "village",
                    "checkpoint", "convoy", "militant", "fighter", "soldier", "troop", "terrorist", "force", "army", "gang",
                    "reinforcement", "hostage", "camp", "family", "civilian", "prisoner", "weapon",
                    "missile", "target", "position", "jihadist", "insurgent", "rebel", "police", "military",
                    "suspect", "gunman", "assailant", "attacker", "security", "militia", "shot", "knife", "stick"}
PROTEST_CONTEXT = {"demand", "denounce", "protest", "call", "against", "demonstration", "rally", "slogan", "banner",
                   "placard", "condemn", "solidarity", "oppose", "wage", "salary", "price", "payment", "release",
                   "justice", "support", "commemorate", "reject", "express", "claim", "request", "urge", "hike"}


# ACLED codes a violent event whose perpetrator the report does not name (and no armed group is named
# to suspect) to an unidentified armed group of the country; air strikes and shelling are left open.
UNKNOWN_PERPETRATOR = {"Attack", "Armed clash", "Remote explosive/landmine/IED", "Grenade", "Suicide bomb",
                       "Abduction/forced disappearance", "Sexual violence"}


class RuleExtractor:
    """The default extractor ("rules"): dependency rules over a spaCy parse, no training data."""

    name = "rules"

    def __init__(self, nlp: Language, gazetteer=None) -> None:
        self.actors = ActorDictionary(nlp)
        self.gazetteer = gazetteer  # the geoparser's index, for the country cues; None: the default index

    def __call__(self, doc: Doc, report: Report, mentions: list[PlaceMention]) -> list[Event]:
        discourse = report_discourse(doc, mentions, self.actors, self.gazetteer)
        events: list[Event] = []
        actor_mentions = [m for m in discourse.mentions or () if not is_modifier(doc, m)]
        for sent in doc.sents:
            sent_actors = [m for m in actor_mentions if sent.start <= m.start < sent.end]
            named_armed = [a for m in sent_actors if m.kind == "named"
                           and (a := normalise(m, doc, self.actors, discourse)) is not None and self.actors.armed_group(a)]
            discourse.armed.extend(named_armed)  # "Fighters of ... (JNIM)": the group named beside them
            pairs = [(m, a) for m in sent_actors if (a := normalise(m, doc, self.actors, discourse)) is not None]
            armed = any(a.inter in (1, 2, 3, 4, 8) for _, a in pairs)
            for group in _group_triggers(sent, armed):
                event = self._code(doc, sent, group, pairs, report, mentions, discourse, events)
                if event is not None:
                    events.append(event)
        return _fold_headline(events, doc)

    def _code(self, doc: Doc, sent: SpacySpan, triggers: list[Token], pairs, report: Report,
              mentions: list[PlaceMention], discourse: Discourse, events: list[Event]) -> Event | None:
        kinds = {_kind(t) for t in triggers}
        head, trigger = _head_word(triggers[0])
        roles = assign_roles(doc, sent, head, pairs, discourse)
        for t in triggers[1:]:
            more = assign_roles(doc, sent, t, pairs, discourse)
            roles.agents += [a for a in more.agents if a.name not in {x.name for x in roles.agents}]
            roles.patients += [a for a in more.patients if a.name not in {x.name for x in roles.patients}]
            roles.associates += [a for a in more.associates if a.name not in {x.name for x in roles.associates}]
        tallies = tolls.find_tallies(doc, sent, kinds)
        kills = [t for t in tallies if t.kind == "fatalities"]
        if kills and kinds <= {"death"} and not any(t.pos_ in ("VERB", "AUX") for t in sent):
            prev = next((e for e in events if e.event_type in VIOLENT_TYPES and e.fatalities.span is None), None)
            if prev is not None:
                # "... a driver was shot dead in his car. 1 fatality.": a closing tally counts the report's
                # first violent event that has none
                tolls.fill(prev, tallies)
                return None
        # A toll of people with no actor named for them: the noun they count ("150 militants").
        agent = roles.agents[0] if roles.agents else None
        patient = next((p for p in roles.patients if agent is None or p.name != agent.name), None)
        merged: Event | None = None
        if agent is None and (roles.passive_without_agent or kills) and events:
            prev = events[-1]
            if prev.sentence.end <= sent.start_char and prev.actor1 is not None and prev.event_type in ("Battles", "Explosions/Remote violence") and kinds & set(VIOLENT_KINDS):
                agent = prev.actor1
                if prev.fatalities.span is None and not prev.equipment and _near(prev.sentence, sent):
                    merged = prev
        mod, modality_span = modality(sent, head, discourse)
        if agent is None and roles.passive_without_agent:
            # "their families were sent and are being held": the agent named earlier in the sentence
            agent = next((e.actor1 for e in reversed(events) if e.sentence.start == sent.start_char and e.actor1), None)
        if agent is None and mod == "planned" and discourse.previous_modality == "planned":
            agent = discourse.last_agent  # "we are talking about the seizure of ...": the plan's actor
        if agent is None and patient is None and not kills and _continues(events, sent, kinds, mentions):
            events[-1].evidence.append(Evidence("trigger", trigger))  # "The shells landed on tents": the same event
            return None
        if agent is not None and patient is not None and patient.name == agent.name:
            patient = None
        if patient is None:
            # "clashes between regime forces and rebels": the second side is actor2
            patient = next((a for a in roles.agents[1:] if agent is not None and a.name != agent.name), None)
        if agent is not None and agent.inter == 7 and not kinds & (set(VIOLENT_KINDS) | {"protest", "riot"}):
            return None  # families fleeing or moving: displacement, not an event in these codes
        if agent is not None and agent.inter == 7 and kinds & {"attack", "kill"} and not kinds & set(REMOTE_KINDS) \
                and any(a is agent for a in roles.agents) and _active_subject(head, agent):
            kinds = kinds | {"riot"}  # "villagers beat a suspected thief": a mob, ACLED's mob violence
            patient = None if patient is agent else patient
        if "protest" in kinds and _violent_crowd(sent):
            kinds = (kinds - {"protest"}) | {"riot"}  # "blocked the road with burning tyres": a violent demonstration
        if agent is not None and agent.inter == 7 and not kinds & {"protest", "riot"}:
            # civilians do not fight in these codes: "civilians fled the shelling" makes them its victims
            agent, patient = None, patient or agent
        if "riot" in kinds and patient is None and agent is not None \
                and (victim := next(filter(None, (_human_victim(_head_word(t)[0]) for t in triggers)), None)) is not None:
            patient = Actor(victim.text, labelled("Civilians", country_label(self.actors, discourse)), 7,
                            Span(victim.start_char, victim.end_char, victim.text), discourse.country)
        if kinds & {"protest", "riot"}:
            agent, patient, assoc = crowd(agent, patient, "protest" in kinds, discourse, self.actors, trigger)
            roles.associates += assoc
        if patient is None and kinds & HARM_KINDS and not kinds & {"protest", "riot"} \
                and (agent is None or agent.inter != 7) \
                and (victim := next(filter(None, (_human_victim(_head_word(t)[0]) for t in triggers)), None)) is not None:
            # "gunmen shot a taxi driver", "a man was killed": an unarmed person is a civilian in these codes
            patient = Actor(victim.text, labelled("Civilians", country_label(self.actors, discourse)), 7,
                            Span(victim.start_char, victim.end_char, victim.text), discourse.country)
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
        if agent is None and sub_event_type in UNKNOWN_PERPETRATOR and discourse.country and mod == "happened" \
                and discourse.last_armed is None and not any(self.actors.armed_group(a) for _, a in pairs):
            agent = unidentified_armed(trigger, discourse, self.actors)
        sentence = Span(sent.start_char, sent.end_char, sent.text)
        event = Event(
            event_id=Event.make_id(report.report_id, trigger, event_type),
            report_id=report.report_id, event_type=event_type, sub_event_type=sub_event_type,
            trigger=trigger, sentence=sentence, actor1=agent, actor2=patient,
            assoc_actors=roles.associates,
        )
        event.evidence.append(Evidence("trigger", trigger))
        tolls.fill(event, tallies)
        event.date = _date(doc, sent, report, head)
        event.modality = mod
        event.attribution = attribution(sent, report.source)
        place, where_prec, region = event_places.choose(doc, sent, head, mentions, kinds, discourse)
        event.place, event.where_prec = place, where_prec
        event.geo_precision = event_places.acled_geo_precision(where_prec)
        where = place.place if place is not None else None
        if where is not None and where.country_code:
            for actor in (event.actor1, event.actor2):
                relabel(actor, where.country_code, self.actors, discourse, where.country_name)
        for actor in (event.actor1, event.actor2):
            if actor is not None and actor.name == "Islamic State":
                # ACLED names the Islamic State by the country it acts in: "Islamic State (Iraq)"
                code = where.country_code if where is not None and where.country_code else discourse.country
                name = country_label(self.actors, discourse, code) or (where.country_name if where is not None else None)
                if name:
                    actor.name = labelled("Islamic State", name)
        event.violence_type = violence_type(inter1, event.actor2.inter if event.actor2 else None, self.actors.is_government(event.actor1), self.actors.is_government(event.actor2))
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


HARM_KINDS = {"kill", "attack", "death"}
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
# People who are not combatants by what they are called: the victims ACLED codes as civilians.
UNARMED_NOUNS = {"man", "woman", "person", "people", "individual", "child", "boy", "girl", "teenager", "youth",
                 "driver", "businessman", "businesswoman", "trader", "merchant", "shopkeeper", "vendor", "farmer",
                 "fisherman", "herder", "shepherd", "elder", "leader", "chief", "activist", "journalist", "teacher",
                 "student", "doctor", "nurse", "worker", "employee", "official", "politician", "candidate", "mayor",
                 "councillor", "councilor", "judge", "lawyer", "priest", "imam", "cleric", "pastor", "inmate",
                 "prisoner", "detainee", "migrant", "refugee", "villager", "resident", "civilian", "citizen",
                 "passenger", "pedestrian", "husband", "wife", "son", "daughter", "father", "mother", "brother",
                 "sister", "relative", "family", "couple", "owner", "victim", "thief", "civilian",
                 "worshipper", "pilgrim", "miner", "contractor", "engineer", "trader"}
OFF_DUTY = ("off-duty", "off duty", "retired", "former", "unarmed")


REMOTE_KINDS = ("chemical", "suicide", "ied", "grenade", "airstrike", "shelling")
TYRES = {"tire", "tyre", "tires", "tyres", "rubber", "barricade", "barricades"}


def _violent_crowd(sent: SpacySpan) -> bool:
    """Signs that a demonstration turned violent: tyres or barricades burnt, stones thrown, property
    smashed ("blocked the road with burning tyres", "set fire to the town hall")."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in ("burn", "torch") and (tok.head.lower_ in TYRES or any(c.lower_ in TYRES or c.lemma_.lower() in TYRES
                                                                              for c in tok.subtree)):
            return True
        if lemma in ("vandalize", "vandalise", "smash", "ransack", "loot") or lemma in ("hurl", "throw", "pelt") \
                and any(c.lemma_.lower() in MISSILE_OBJECTS for c in tok.subtree):
            return True
    return False


def _active_subject(head: Token, agent: Actor) -> bool:
    """The actor is the subject of the trigger's verb in the active voice ("residents beat a man")."""
    verbs = [head] + [a for a in head.ancestors if a.dep_ == "conj"][:1]
    for v in verbs:
        if any(c.dep_ == "auxpass" for c in v.children):
            return False
        for c in v.children:
            if c.dep_ == "nsubj" and agent.span is not None and c.idx <= agent.span.end and c.left_edge.idx <= agent.span.start + 1 \
                    and agent.span.start <= c.idx + len(c.text):
                return True
    return False


def _human_victim(head: Token) -> SpacySpan | None:
    """The unarmed person a violent verb is done to: its object ("shot a taxi driver"), the subject of
    its passive ("a man was killed"), or whom it was aimed at ("fired at fish traders"). An off-duty or
    former officer or soldier counts (ACLED codes them as civilians). A named person does not: reports
    name the commanders and fighters they kill as often as civilians."""
    verbs = [head] + [c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"]  # "shot and killed a driver"
    candidates = [c for v in verbs for c in v.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    candidates += [g for v in verbs for c in v.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "of")
                   for g in c.children if g.dep_ == "pobj"]
    for noun in candidates:
        words = noun.doc[noun.left_edge.i:noun.i + 1]
        lemma = noun.lemma_.lower()
        low = words.text.lower()
        if lemma in UNARMED_NOUNS \
                or lemma in ("officer", "policeman", "soldier", "police", "constable") and any(w in low for w in OFF_DUTY):
            return words
    return None


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


_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _pkind in sorted(TRIGGER_PHRASES.items(), key=lambda x: -len(x[0])):
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _pkind))


def _phrase_at(tok: Token) -> tuple[tuple[str, ...], str] | None:
    """The trigger phrase ("air strike", "training camps") that starts at `tok`, with its kind."""
    for phrase, kind in _PHRASES_BY_FIRST.get(tok.lower_, ()):
        if tuple(t.lower_ for t in tok.doc[tok.i:tok.i + len(phrase)]) == phrase:
            return phrase, kind
    return None


def _kind(tok: Token) -> str:
    found = _phrase_at(tok)
    if found is not None:
        return found[1]
    extra = _crowd_kind(tok)
    if extra is not None:
        return extra
    kind = TRIGGER_LEMMAS[_lemma(tok)]
    if kind == "attack" and _lemma(tok) == "target" and any(t.lemma_.lower() in AIR_WORDS for t in tok.sent):
        return "airstrike"  # "coalition warplanes target al-Raqqa countryside"
    if kind == "airstrike" and not any(t.lemma_.lower() in AIR_WORDS for t in tok.sent):
        # "gunmen struck a checkpoint", "a bomb went off": not from the air
        return "ied" if _lemma(tok) in ("bomb", "bombing") else "attack"
    return kind


def _head_word(tok: Token) -> tuple[Token, Span]:
    """The word that carries a trigger in the parse ("killed" in "were killed") and the trigger's words."""
    found = _phrase_at(tok)
    if found is None:
        return tok, Span(tok.idx, tok.idx + len(tok.text), tok.text)
    words = tok.doc[tok.i:tok.i + len(found[0])]
    return words.root, Span(words.start_char, words.end_char, words.text)


def _continues(events: list[Event], sent: SpacySpan, kinds: set[str], mentions: list[PlaceMention]) -> bool:
    """A sentence with no actors and no toll right after an event of the same kind goes on about it,
    unless it names a place of its own that the event did not have."""
    if not events or not kinds & set(VIOLENT_KINDS):
        return False
    prev = events[-1]
    own = {m.place.geonameid for m in mentions if m.place is not None and m.role == "place"
           and sent.start_char <= m.span.start < sent.end_char and not (m.place.feature_code or "").startswith("PCL")}
    if own and (prev.place is None or prev.place.place is None or (prev.where_prec or 6) >= 5) \
            and (prev.place is None or prev.place.place is None or prev.place.place.geonameid not in own):
        return False  # "Syria: New Chemical Attacks | ... shells on Hamdaniya": a finer place, another event
    return _near(prev.sentence, sent) and prev.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _is_trigger(tok: Token, armed: bool = False) -> bool:
    if _phrase_at(tok) is not None or _crowd_kind(tok) is not None:
        return True
    lemma = _lemma(tok)
    if lemma not in TRIGGER_LEMMAS or tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
        return False
    if tok.pos_ == "PROPN" and not tok.is_sent_start and not _title_case(tok.sent) and lemma not in NEVER_NAMES:
        return False  # "March", "Strike Force": a name, unless a capitalised first word or a headline in title case
    if tok.i > 0 and tok.doc[tok.i - 1].text == "-" and lemma in ("hold", "lead", "back", "control"):
        return False  # "rebel-held", "US-led": who holds a place, not an event
    if lemma == "target" and (tok.pos_ != "VERB" or tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj", "amod")) \
            and not _title_case(tok.sent) and not _verb_taken_for_noun(tok):
        return False  # "the target of the warplanes", "accused them of targeting civilians"
    if lemma == "target" and any(c.dep_ == "nsubj" and (_lemma(c) in TRIGGER_LEMMAS or c.lemma_.lower() in EVENT_NOUNS)
                                 for c in tok.children):
        return False  # "the operation targeted hideouts", "airstrikes target X": the subject names the event
    if lemma == "stone" and (tok.pos_ != "VERB" or not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)):
        return False  # "stoned a man", "was stoned to death"; not "stone houses", nor stones thrown at a patrol
    if lemma == "control":  # "SDF control a village", "take control of": not "areas controlled by", "under control"
        return tok.pos_ == "VERB" and tok.dep_ not in ("amod", "acl", "relcl", "xcomp", "pcomp") \
            and not (tok.i > 0 and tok.doc[tok.i - 1].text == "-")
    if lemma == "loss":  # "human losses in Daraa", "losses in the ranks of": deaths; "economic losses": not
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ == "amod"}
        return tok.tag_ in ("NNS", "NNPS") and (bool(mods & LOSS_WORDS) or not mods and any(
            c.dep_ == "prep" and c.lower_ in ("in", "among") for c in tok.children))
    if lemma == "convoy":  # "a convoy arrived", "sent a convoy": a transfer; "the convoy was hit": a target
        verb = tok.head if tok.dep_ in ("nsubj", "dobj", "nsubjpass") else None
        return verb is not None and verb.lemma_.lower() in MOVE_LEMMAS
    if lemma in WEAK_LEMMAS or TRIGGER_LEMMAS[lemma] == "transfer":
        # "hold", "move", "strike", "gather": triggers only with conflict (or protest) words around them.
        if armed and TRIGGER_LEMMAS[lemma] in ("capture", "clash", "attack", "kill"):
            return True  # "SDF advances over IS": a named armed group makes it a military advance
        window = {w for t in tok.sent if abs(t.i - tok.i) <= 8 for w in (t.lemma_.lower(), t.lower_.rstrip("s"))}
        context = PROTEST_CONTEXT if TRIGGER_LEMMAS[lemma] == "protest" else CONFLICT_CONTEXT
        return bool(window & context)
    return True


EVENT_NOUNS = {"operation", "campaign", "mission", "operations"}
# Trigger words that are no one's name even when capitalised ("Violent Clashes continue in ...").
NEVER_NAMES = {"clash", "shelling", "bombardment", "airstrike", "airstrikes", "explosion", "assassination", "massacre",
               "skirmish", "firefight", "killing", "execution", "kidnap", "abduction"}


def _verb_taken_for_noun(tok: Token) -> bool:
    """"The factions target regime forces", "Missiles target al-Qerdaha": a bare "target" after a plural
    subject and before what it hits, which the tagger read as a noun compound."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return tok.lower_ in ("target", "targets") and prev is not None and nxt is not None \
        and (prev.tag_ in ("NNS", "NNPS") or prev.tag_ == "NNP" and tok.lower_ == "targets") \
        and nxt.pos_ in ("NOUN", "PROPN", "DET", "ADJ") and nxt.lower_ not in ("of", "for")
LOSS_WORDS = {"human", "heavy", "more", "new", "great", "big", "huge", "further", "additional"}


def _title_case(sent: SpacySpan) -> bool:
    """A headline written In Title Case ("Improvised Mines Kill, Injure Hundreds"): its verbs look like names."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


DEMAND_LEMMAS = {"demand", "denounce", "protest", "oppose", "condemn", "reject", "repudiate", "complain",
                 "commemorate", "demonstrate", "urge", "decry", "express", "show", "call", "claim", "voice"}
CROWD_NOUNS = {"protester", "protestor", "demonstrator", "marcher", "striker", "rioter", "picketer"}
ROAD_NOUNS = {"road", "highway", "avenue", "street", "entrance", "access", "bridge", "route", "traffic",
              "railway", "motorway", "intersection", "roundabout", "junction"}
PROTEST_OBJECTS = {"banner", "placard", "sign", "poster", "flag", "slogan"}
MISSILE_OBJECTS = {"stone", "rock", "brick", "molotov", "cocktail", "bottle", "firebomb", "tyre", "tire"}


def _crowd_kind(tok: Token) -> str | None:
    """Protests and riots told by what a crowd does rather than by a protest word: a verb whose
    subject is protesters or rioters, a road blocked, banners shown, stones thrown, or a verb with
    a purpose of protest ("gathered ... to denounce", "took over the offices to demand")."""
    if tok.pos_ != "VERB" or tok.dep_ in ("amod", "acl", "relcl") and tok.tag_ == "VBN":
        return None
    lemma = tok.lemma_.lower()
    children = list(tok.children)
    subjects = {c.lemma_.lower() for c in children if c.dep_ in ("nsubj", "nsubjpass")}
    objects = {c.lemma_.lower() for c in children if c.dep_ in ("dobj", "obj")}
    heads = [tok] + [c for c in children if c.dep_ in ("dobj", "obj")]
    objects |= {g.lemma_.lower() for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                for g in c.children}  # "held a press conference with banners"
    if "rioter" in subjects or lemma in ("hurl", "throw", "pelt") and objects & MISSILE_OBJECTS:
        return "riot"
    if lemma in REPORTING or lemma in DEMAND_LEMMAS:
        return None  # "protesters demanded": the crowd's words, told by the verb it leads with
    if subjects & CROWD_NOUNS or lemma == "block" and objects & ROAD_NOUNS or objects & PROTEST_OBJECTS:
        return "protest"
    for c in children:
        if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in DEMAND_LEMMAS and c.lemma_.lower() not in ("show", "express", "claim") \
                and (c.tag_ == "VBG" or any(a.lower_ == "to" for a in c.children)):
            return "protest"  # "gathered in front of City Hall to demand", "occupied the premises demanding"
    return None


REPORTING = {"say", "report", "tell", "announce", "state", "add", "declare", "note", "accuse", "warn"}


def _group_triggers(sent: SpacySpan, armed: bool = False) -> list[list[Token]]:
    """One group of violent triggers per sentence, and one group per other kind."""
    violent: list[Token] = []
    other: dict[str, list[Token]] = {}
    covered: set[int] = set()
    for tok in sent:
        if tok.i in covered or not _is_trigger(tok, armed) or _general(_head_word(tok)[0]):
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
    clauses: dict[int, list[Token]] = {}
    for t in violent:
        clauses.setdefault(_coordinated_clause(_head_word(t)[0]), []).append(t)
    for group in clauses.values():
        # The most specific kind leads; the verb of the sentence is preferred as the head.
        group.sort(key=lambda t: (VIOLENT_KINDS.index(_kind(t)) if _kind(t) not in DEATH_KINDS else 50, t.pos_ != "VERB"))
        groups.append(group)
    groups.extend(other.values())
    return groups


def _coordinated_clause(tok: Token) -> int:
    """The clause a trigger belongs to, split only at clauses joined by "and" that have a verb and
    a subject of their own ("More casualties in Douma and the regime forces shell Daraa": two events;
    "clashes, artillery and air shelling in Daraa": one)."""
    for anc in [tok] + list(tok.ancestors):
        if anc.dep_ == "conj" and (anc.pos_ in ("NOUN", "PROPN") or anc.tag_ == "VBG") and _own_place(anc):
            return anc.i  # "raids target the countryside of Aleppo and shelling on the countryside of Idlib"
        if anc.dep_ == "conj" and anc.pos_ == "VERB" and (
                any(c.dep_ in ("nsubj", "nsubjpass") for c in anc.children)
                or anc.i > 0 and anc.doc[anc.i - 1].pos_ in ("NOUN", "PROPN")):  # "... and warplanes bombed X"
            return anc.i
    return -1


def _own_place(noun: Token) -> bool:
    """A coordinated event noun with a place of its own: "in/on/at ... <Name>" among its dependents."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "near", "around") \
                and any(t.pos_ == "PROPN" for t in c.subtree):
            return True
    return False


TREND_LEMMAS = {"decline", "decrease", "increase", "rise", "drop", "fall", "grow", "double", "surge", "diminish",
                "escalate", "intensify", "subside", "become", "remain"}
COUNT_NOUNS = {"number", "rate", "level", "frequency", "count", "tally", "share", "intensity"}
MOVE_LEMMAS = {"arrive", "head", "move", "enter", "reach", "cross", "transport", "carry", "bring", "send", "dispatch",
               "leave", "travel", "come", "return", "depart", "deploy", "see", "spot", "observe"}
FEAR_LEMMAS = {"fear", "worry", "concern", "warn", "risk", "anticipate", "dread", "afraid", "possibility", "prospect"}


def _general(head: Token) -> bool:
    """Not an event: a trend ("attacks have declined over the past two years") or a fear ("fearing
    a new ground offensive", "concern about possible strikes"), said of a trigger noun."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    chain = [head] + list(head.ancestors)[:3]
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in TREND_LEMMAS and head.tag_ in ("NNS", "NNPS"):
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in COUNT_NOUNS:
        return True  # "the number of air strikes across Yemen"
    if head.dep_ == "compound" and head.head.lemma_.lower() in COUNT_NOUNS | {"toll"} \
            and head.head.head.lemma_.lower() in TREND_LEMMAS | {"expect"}:
        return True  # "the death toll is expected to rise": a forecast of the count, not an event
    return any(t.lemma_.lower() in FEAR_LEMMAS for t in chain[1:])


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

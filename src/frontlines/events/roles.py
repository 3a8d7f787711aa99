"""Who did what to whom, read off the dependency parse around a trigger, and who says so.

Roles: the *agent* (the subject of an active trigger, the object of "by", the owner of "their
attacks"), the *patient* (the object, or the subject of a passive or of "die"), and *associates*
("with the support of the Russian Aerospace Forces", "under the protection of Americans").
Generic words ("the militants", "their") are resolved against the report: the armed group it
named last, or the forces of the country it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from frontlines.events.actors import ActorDictionary, ActorMention
from frontlines.events.taxonomy import (
    CLAIM_MARKERS,
    DENIAL_LEMMAS,
    PLANNING_LEMMAS,
    REPORTING_LEMMAS,
)
from frontlines.records import Actor, Attribution, Span

SUPPORT_NOUNS = {"support", "backing", "protection", "help", "assistance", "cover", "participation", "aid"}
INTRANSITIVE_DEATH = {"die", "perish", "fall", "dead", "death"}
TARGET_NOUNS = {"convoy", "patrol", "checkpoint", "post", "position", "base", "vehicle", "camp", "barracks", "outpost"}
MEMBER_NOUNS = {"member", "fighter", "soldier", "element", "personnel", "officer", "militant", "commander", "ranks"}
EVENT_NOUNS = {"operation", "raid", "attack", "assault", "offensive", "ambush", "crackdown", "strike", "campaign"}
OFF_DUTY = {"off-duty", "retired", "former", "unarmed", "ex"}
PRONOUNS = {"they", "their", "them", "theirs", "its", "it"}


@dataclass(slots=True)
class Discourse:
    """What the report said so far that later sentences refer back to."""

    country: str | None = None  # the country the report is about
    armed: list[Actor] = field(default_factory=list)  # named non-state armed groups, in text order
    last_agent: Actor | None = None  # the agent of the previous event
    previous_modality: str = "happened"
    previous_place: object | None = None
    country_label: str | None = None  # its name as ACLED writes it in actor names ("Bolivia")
    local: bool = True  # a place below the country level resolved: events' places can say the country
    doc: Doc | None = None  # the report's parse, for rules that read the words around a trigger
    mentions: list[ActorMention] | None = None  # the actor mentions of `doc`, found on first need

    @property
    def last_armed(self) -> Actor | None:
        """The most salient armed group so far: the most often named, the latest on a tie."""
        if not self.armed:
            return None
        counts: dict[str, int] = {}
        for a in self.armed:
            counts[a.name] = counts.get(a.name, 0) + 1
        best = max(counts.values())
        return next(a for a in reversed(self.armed) if counts[a.name] == best)


@dataclass(slots=True)
class Roles:
    agents: list[Actor] = field(default_factory=list)
    patients: list[Actor] = field(default_factory=list)
    associates: list[Actor] = field(default_factory=list)
    passive_without_agent: bool = False


def _root(doc: Doc, m: ActorMention) -> Token:
    return doc[m.start:m.end].root


def normalise(m: ActorMention, doc: Doc, actors: ActorDictionary, discourse: Discourse) -> Actor | None:
    """An `Actor` for a mention; generic words resolved against the discourse, or None."""
    span = Span(m.start_char, m.end_char, m.text)
    if m.kind == "named":
        entries = m.entries
        if discourse.country and all(e.countries for e in entries) and not any(discourse.country in e.countries for e in entries):
            # "rebels" is Syria's insurgents only in a report about Syria; elsewhere a generic word
            generic = ActorMention(m.start, m.end, m.start_char, m.end_char, m.text,
                                   "state" if entries[0].inter == 1 else "armed")
            return normalise(generic, doc, actors, discourse)
        if len(entries) > 1 and discourse.country:
            entries = tuple(e for e in entries if discourse.country in e.countries) or entries
        e = entries[0]
        if e.name == "Islamic State" and discourse.country in IS_PROVINCES:
            return Actor(m.text, IS_PROVINCES[discourse.country], e.inter, span, discourse.country)
        return Actor(m.text, e.name, e.inter, span, e.country)
    if m.kind in ("state", "police") and _off_duty(doc, m.start):
        country = m.country or discourse.country  # "off-duty officers", "retired soldiers": civilians to ACLED
        return Actor(m.text, _labelled("Civilians", country_label(actors, discourse, country)), 7, span, country)
    if m.kind in ("state", "police"):
        country = m.country or discourse.country
        name, inter = actors.state_forces(country, country_label(actors, discourse, country), police=m.kind == "police")
        return Actor(m.text, name, inter, span, country)
    if m.kind == "civilians":
        country = m.country or discourse.country
        return Actor(m.text, _labelled("Civilians", country_label(actors, discourse, country)), 7, span, country)
    if m.kind == "armed":
        if discourse.last_armed is not None and not m.unidentified:
            a = discourse.last_armed
            return Actor(m.text, a.name, a.inter, span, a.country_code)
        label = "Unidentified Gang" if m.gang else "Unidentified Armed Group"  # ACLED's names for groups not named
        return Actor(m.text, _labelled(label, country_label(actors, discourse)), 3, span, discourse.country)
    if m.kind in ("protesters", "rioters"):
        label = _labelled("Protesters" if m.kind == "protesters" else "Rioters", country_label(actors, discourse))
        return Actor(m.text, label, 6 if m.kind == "protesters" else 5, span, discourse.country)
    return None


# ACLED names the Islamic State's branches in these countries by their region, not by the country.
IS_PROVINCES = {"BF": "Islamic State (Sahel)", "ML": "Islamic State (Sahel)", "NE": "Islamic State (Sahel)",
                "NG": "Islamic State (West Africa)", "TD": "Islamic State (West Africa)", "CM": "Islamic State (West Africa)",
                "CD": "Islamic State (Central Africa)", "UG": "Islamic State (Central Africa)"}


def _off_duty(doc: Doc, start: int) -> bool:
    """"off-duty", "retired", "former" just before forces' words."""
    words = [t.lower_ for t in doc[max(0, start - 3):start]]
    joined = "".join(words)  # "off-duty" is three tokens
    return bool(words) and (words[-1] in OFF_DUTY or joined.endswith("off-duty") or
                            len(words) > 1 and words[-2] == "ex" and words[-1] == "-")


def country_label(actors: ActorDictionary, discourse: Discourse, code: str | None = None) -> str | None:
    """The country's name for actor labels ("Protesters (Bolivia)"): the dictionary's, else the gazetteer's."""
    code = code or discourse.country
    name = actors.country_names.get(code or "")
    if name is None and code is not None and code == discourse.country:
        name = discourse.country_label
    return _bare(name) if name else None


def _bare(name: str) -> str:
    return name[4:] if name[:4].lower() == "the " else name


GENERIC_LABELS = ("Protesters", "Rioters", "Civilians", "Unidentified Armed Group", "Unidentified Gang")


def relabel(actor: Actor | None, code: str | None, actors: ActorDictionary, discourse: Discourse,
            name: str | None = None) -> None:
    """ACLED names protesters, rioters, civilians and unidentified armed groups after the country
    where the event happened ("Protesters (France)" for a march in Lorient against the war in
    Ukraine): a label taken from the report's main country follows the event's place instead.
    Civilians named by a demonym ("Haitian migrants") keep their own country."""
    if actor is None or code is None or actor.country_code == code or actor.country_code not in (None, discourse.country):
        return
    if not discourse.local:
        return  # the event's place is a country named in passing; the report's cues chose its country
    label = next((g for g in GENERIC_LABELS if actor.name == g or actor.name.startswith(g + " (")), None)
    if label is None:
        return
    if label == "Civilians" and actor.text.split()[:1] and actor.text.split()[0] in actors.demonyms:
        return
    country = actors.country_names.get(code) or name
    if country:
        actor.name, actor.country_code = _labelled(label, _bare(country)), code


def labelled(label: str, name: str | None) -> str:
    """An ACLED label with its country: "Civilians (Mali)", or the bare label with no country."""
    return f"{label} ({name})" if name else label


_labelled = labelled


def unidentified_armed(trigger: Span, discourse: Discourse, actors: ActorDictionary) -> Actor:
    """ACLED's convention for a perpetrator the report does not name: "Unidentified Armed Group
    (Country)", with the trigger as its evidence (the words that say someone did it). Violence done
    by an unorganised crowd the sentence names as doing it ("supporters of two candidates clashed",
    "a man was beaten to death by residents") is ACLED's mob violence: "Rioters (Country)"."""
    if _crowd_did_it(trigger, discourse):
        return Actor(trigger.text, _labelled("Rioters", country_label(actors, discourse)), 5, trigger, discourse.country)
    forces = _forces_in_sentence(trigger, discourse, actors)
    if forces is not None:
        return forces
    return Actor(trigger.text, _labelled("Unidentified Armed Group", country_label(actors, discourse)), 3, trigger,
                 discourse.country)


def _forces_in_sentence(trigger: Span, discourse: Discourse, actors: ActorDictionary) -> Actor | None:
    """A state's forces named in the trigger's sentence in no victim's place ("heavy rounds fired by
    the military landed in the village and killed a boy", "military columns clashed with ..."): the
    perpetrator ACLED codes, the only armed actor the report names."""
    doc = discourse.doc
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand") if doc is not None else None
    if span is None:
        return None
    sent, head = span.sent, span.root
    verb = _governing_verb(head)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if discourse.mentions is None:
        discourse.mentions = actors.find(doc)
    for m in discourse.mentions:
        if not sent.start <= m.start < sent.end or m.kind not in ("state", "police", "named"):
            continue
        actor = normalise(m, doc, actors, discourse)
        if actor is None or not actors.is_government(actor):
            continue
        if _acting(_root(doc, m)) and _role_of(_root(doc, m), verb, head, passive) != "patient":
            return actor
    return None


def _acting(root: Token) -> bool:
    """Forces that do something in their sentence: the subject of an active verb ("military columns
    clashed"), or the agent after "by" ("rounds fired by the military"); not forces whose office,
    member or patrol is named ("the police office", "a Taliban member's home")."""
    tok = root.head if root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN" else root
    if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
        return tok.head.lemma_.lower() not in INTRANSITIVE_DEATH
    return tok.dep_ == "pobj" and tok.head.lower_ == "by"


# People who act as a crowd, not as an armed group, when they are the ones who fight or beat.
CROWD_LEMMAS = {"supporter", "resident", "local", "villager", "student", "mob", "crowd", "faction", "group", "member",
                "youth", "worker", "activist", "cadre"}
ARMS_WORDS = {"gunman", "gunmen", "armed", "militant", "rifle", "gun", "firearm", "bomb", "explosive", "grenade",
              "rocket", "weapon", "shoot", "shot", "gunfire", "gunshot", "bullet"}


def _crowd_did_it(trigger: Span, discourse: Discourse) -> bool:
    """Whether the trigger's sentence names a crowd as the ones who did it: the subject of its verb,
    the sides of a clash ("between two groups", "with members of"), or the agent of a passive ("by
    residents"); and no weapons or gunmen."""
    doc = discourse.doc
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand") if doc is not None else None
    if span is None:
        return False
    sent = span.sent
    if any(t.lower_ in ARMS_WORDS or t.lemma_.lower() in ARMS_WORDS for t in sent) \
            or any(t.lemma_.lower() == "fire" and t.head.lemma_.lower() in ("open", "exchange") for t in sent):
        return False  # "exchanged fire", "opened fire": armed men, not a crowd
    for tok in sent:
        if tok.lemma_.lower() not in CROWD_LEMMAS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        head = tok.head
        if tok.dep_ == "nsubj" and head.pos_ == "VERB" and head.lemma_.lower() not in REPORTING_LEMMAS \
                or tok.dep_ == "pobj" and head.lower_ in ("between", "by") \
                or tok.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() == "clash":
            return True
        if tok.dep_ == "conj" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "between":
            return True
    return False


def crowd(agent: Actor | None, patient: Actor | None, protest: bool, discourse: Discourse,
          actors: ActorDictionary, trigger: Span | None = None) -> tuple[Actor, Actor | None, list[Actor]]:
    """ACLED's convention for demonstrations: actor1 is always "Protesters (Country)" or "Rioters
    (Country)"; a named group that marched is an associate; forces that intervened are actor2.
    With no crowd named, the trigger ("protested") is the evidence for the convention."""
    label = _labelled("Protesters" if protest else "Rioters", country_label(actors, discourse))
    inter = 6 if protest else 5
    assoc: list[Actor] = []
    if agent is not None and agent.inter in (1, 8) and patient is None:
        patient, agent = agent, None  # "police dispersed the protesters"
    if agent is not None and agent.inter not in (5, 6, 7):
        assoc.append(agent)
    span = agent.span if agent is not None else trigger
    text = agent.text if agent is not None else (trigger.text if trigger is not None else "")
    return Actor(text, label, inter, span, discourse.country), patient, assoc


def is_modifier(doc: Doc, m: ActorMention) -> bool:
    """'terrorist' in 'terrorist attacks': an adjective, not an actor."""
    if m.kind == "named":
        return False  # "SDF fighters": the name says whose fighters they are
    root = _root(doc, m)
    if root.head.lemma_.lower() in TARGET_NOUNS:
        return False  # "an army convoy", "a police checkpoint": the forces that were hit
    return m.end - m.start == 1 and root.dep_ in ("amod", "compound") and root.head.i >= m.end


def assign_roles(doc: Doc, sent: SpacySpan, trigger: Token, mentions: list[tuple[ActorMention, Actor]],
                 discourse: Discourse) -> Roles:
    """Sort the sentence's actors into agents, patients and associates of `trigger`."""
    roles = Roles()
    verb = _governing_verb(trigger)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or trigger.tag_ == "VBN" and trigger.dep_ in ("amod", "acl", "advcl")
    for m, actor in mentions:
        root = _root(doc, m)
        if not _same_clause(root, verb, trigger):
            continue
        role = _role_of(root, verb, trigger, passive)
        if role is not None:
            {"agent": roles.agents, "patient": roles.patients, "assoc": roles.associates}[role].append(actor)
    # "their surprise attacks": the owner of a nominal trigger is its agent.
    for tok in _trigger_nouns(trigger, verb):
        for child in tok.children:
            if child.dep_ == "poss" and child.lower_ in PRONOUNS and not roles.agents:
                resolved = discourse.last_armed or discourse.last_agent
                if resolved is not None:
                    roles.agents.append(Actor(child.text, resolved.name, resolved.inter,
                                              Span(child.idx, child.idx + len(child.text), child.text), resolved.country_code))
    if passive and not roles.agents:
        roles.passive_without_agent = True
    return roles


def clause_verb(tok: Token) -> Token | None:
    """The nearest verb above a word: the clause it belongs to."""
    for anc in [tok] + list(tok.ancestors):
        if anc.pos_ in ("VERB", "AUX") and anc.dep_ not in ("amod", "compound"):
            return anc
    return None


def _same_clause(root: Token, verb: Token, trigger: Token) -> bool:
    """An actor belongs to the trigger's clause: its nearest verb is the trigger's verb, or a verb
    the trigger's verb depends on through a plan ("are required to participate ... to establish")."""
    own = clause_verb(root)
    if own is None or own == verb or trigger in root.ancestors:
        return True
    chain = [verb] + list(verb.ancestors)
    if own in chain:
        steps = chain[: chain.index(own) + 1]
        return all(t.dep_ in ("xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "acl", "dobj", "conj", "ROOT") for t in steps[:-1])
    # a subject shared by coordinated verbs ("identifying and destroying")
    return own.dep_ == "conj" and own.head == verb or verb.dep_ == "conj" and verb.head == own


def _governing_verb(trigger: Token) -> Token:
    tok = trigger
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            return tok
        tok = tok.head
    return tok


def _trigger_nouns(trigger: Token, verb: Token) -> list[Token]:
    nouns = [trigger] if trigger.pos_ in ("NOUN", "PROPN") else []
    nouns += [t for t in verb.subtree if t.pos_ == "NOUN" and t.lemma_ in ("attack", "assault", "raid", "strike", "ambush", "operation")]
    return nouns


def _role_of(root: Token, verb: Token, trigger: Token, passive: bool) -> str | None:
    """The role of an actor's head word relative to the trigger's verb."""
    path = [root] + list(root.ancestors)
    # with the support of X / under the protection of X → associate
    for tok in path[1:4]:
        if tok.lemma_ in SUPPORT_NOUNS:
            return "assoc"
    head = root.head
    if verb.dep_ == "acl" and verb.head == root and verb.tag_ == "VBD" and verb.i == root.i + 1:
        return "agent"  # "San Salvador, police forces arrested ...": a subject the parser hung the verb from
    if root.dep_ == "conj":
        return _role_of(_first_conjunct(root), verb, trigger, passive)
    if root.dep_ == "pobj" and head.lower_ == "by" and head.head in (verb, trigger):
        return "agent"
    if root.dep_ == "pobj" and head.lower_ == "by" and (head.head.dep_ == "conj" and head.head.head in (verb, trigger)
                                                       or _planted_by(head.head, verb)):
        return "agent"  # "shot and injured by gunmen"; "an IED planted by an unknown group exploded"
    if passive and root.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ == "NOUN" \
            and head.head.lemma_.lower() in EVENT_NOUNS and verb in head.head.ancestors:
        return "agent"  # "a militant was killed in an operation by the military forces"
    if root.dep_ in ("nsubj", "csubj"):
        if head.lemma_ in INTRANSITIVE_DEATH or (head == verb and verb.lemma_ in INTRANSITIVE_DEATH):
            return "patient"
        return "agent"
    if root.dep_ in ("nsubjpass",):
        # "militants are required to participate in an operation": they are the ones to act.
        return "agent" if head.lemma_ in PLANNING_LEMMAS and head != trigger else "patient"
    if root.dep_ in ("dobj", "obj", "attr"):
        return "patient"
    if root.dep_ == "aux" and root.text.isupper() and head == verb and root.i < verb.i:
        return "agent"  # "IS kills 6 YPG": an acronym the tagger took for the verb "is"
    if root.dep_ == "npadvmod" and head == verb and root.i > verb.i and verb.pos_ == "VERB":
        return "patient"  # "IS kills 6 YPG": the headline's object the parser left loose
    if root.dep_ == "pobj" and head.lower_ in ("against", "on", "targeting", "at") :
        return "patient"
    if root.dep_ == "pobj" and head.lower_ == "between":
        return "agent"
    if root.dep_ in ("compound", "amod", "poss") and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return _role_of(head, verb, trigger, passive)
    if root.dep_ in ("compound", "amod", "poss") and head.dep_ == "pobj" \
            and head.head.lower_ in ("at", "against", "on", "targeting", "toward", "towards") and head.head.head in (verb, trigger):
        return "patient"  # "fired artillery at Houthi positions": whose positions were hit
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return _role_of(head.head, verb, trigger, passive)  # "most of the militants"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head == trigger:
        return "patient"  # "the elimination of government posts"
    if root.dep_ == "appos":
        return _role_of(head, verb, trigger, passive)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in MEMBER_NOUNS \
            and verb.lemma_.lower() in {"kill", "die", "execute", "wound", "injure"} | INTRANSITIVE_DEATH:
        return "patient"  # "176 were killed, including 57 members of the regime forces": among the dead
    return None


def _planted_by(participle: Token, verb: Token) -> bool:
    """"an IED planted by X exploded", "a mine laid by X killed": a participle that says who put the
    device that is the subject of the trigger's verb."""
    # only the subject of an active verb: in "a drone launched by X was shot down by Y" the
    # passive verb has its own agent, Y
    return participle.tag_ == "VBN" and participle.dep_ == "acl" and participle.head.dep_ == "nsubj" \
        and participle.head.head == verb and participle.lemma_.lower() in PLANT_LEMMAS \
        and participle.head.lemma_.lower() in DEVICE_NOUNS  # not "the SDF, backed by helicopters, raided"


PLANT_LEMMAS = {"plant", "place", "lay", "leave", "fire", "launch", "throw", "hurl", "detonate", "set", "attach", "drop"}
DEVICE_NOUNS = {"ied", "mine", "landmine", "bomb", "device", "explosive", "charge", "grenade", "rocket", "shell",
                "missile", "mortar", "round", "projectile", "drone"}


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj":
        tok = tok.head
    return tok


def modality(sent: SpacySpan, trigger: Token, discourse: Discourse) -> tuple[str, Span | None]:
    """happened, planned, claimed, denied, threatened or possible, with the words that say so.

    "possible": a modal of possibility on the trigger's clause ("the strikes could kill dozens",
    "fighters may have been executed", "a blast might have caused"), or an adverb that leaves the
    event open ("possibly", "perhaps"): the report does not say it happened."""
    chain = [trigger] + list(trigger.ancestors)
    for tok in chain:
        if tok.lemma_ in DENIAL_LEMMAS:
            return "denied", _tok_span(tok)
        if any(c.dep_ == "neg" for c in tok.children) and tok.pos_ in ("VERB", "AUX"):
            neg = next(c for c in tok.children if c.dep_ == "neg")
            return "denied", _tok_span(neg)
    for tok in chain:
        if tok.lemma_ == "threaten":
            return "threatened", _tok_span(tok)
        possible = next((c for c in tok.children if c.dep_ in ("aux", "advmod") and c.lower_ in POSSIBLE_WORDS), None)
        if possible is not None and tok.pos_ in ("VERB", "AUX") or tok.lower_ in POSSIBLE_MODALS and tok.i != trigger.i:
            return "possible", _tok_span(possible if possible is not None else tok)
        if tok.lemma_ in PLANNING_LEMMAS and tok.i != trigger.i:
            return "planned", _tok_span(tok)
        if tok.lower_ in ("will", "would") or any(c.lower_ in ("will", "'ll") and c.dep_ == "aux" for c in tok.children):
            return "planned", _tok_span(tok)
    for tok in sent:
        if tok.lemma_ in CLAIM_MARKERS or tok.lower_ in CLAIM_MARKERS:
            return "claimed", _tok_span(tok)
    # A nominal trigger ("the seizure of ...") in a sentence with no event verb of its own
    # continues a plan announced just before it.
    if trigger.pos_ == "NOUN" and discourse.previous_modality == "planned" and not _has_past_event_verb(sent):
        return "planned", None
    return "happened", None


POSSIBLE_MODALS = {"could", "may", "might"}
POSSIBLE_WORDS = POSSIBLE_MODALS | {"possibly", "perhaps", "maybe"}


def _has_past_event_verb(sent: SpacySpan) -> bool:
    return any(t.tag_ in ("VBD", "VBN") and t.dep_ in ("ROOT", "conj") for t in sent)


def _tok_span(tok: Token) -> Span:
    return Span(tok.idx, tok.idx + len(tok.text), tok.text)


def attribution(sent: SpacySpan, outlet: str | None) -> Attribution:
    """The outlet, and the source the sentence quotes ("according to SOHR", "the ministry said")."""
    doc = sent.doc
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                sub = list(objs[0].subtree)
                return _attr(doc, sub[0].i, sub[-1].i + 1, outlet)
        if tok.lemma_ in REPORTING_LEMMAS and tok.pos_ == "VERB":
            subj = [c for c in tok.children if c.dep_ in ("nsubj",)]
            if subj and subj[0].lower_ not in PRONOUNS | {"we", "i", "he", "she", "who", "which", "that"}:
                sub = list(subj[0].subtree)
                return _attr(doc, sub[0].i, sub[-1].i + 1, outlet)
    return Attribution(outlet=outlet)


def _attr(doc: Doc, start: int, end: int, outlet: str | None) -> Attribution:
    span = doc[start:end]
    text = span.text
    return Attribution(outlet=outlet, quoted=text, span=Span(span.start_char, span.end_char, text))

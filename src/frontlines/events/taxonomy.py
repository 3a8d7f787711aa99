"""ACLED's event taxonomy, the trigger words that signal each kind of event, and UCDP's type of violence.

A trigger is a word (by lemma) or a short phrase. Each trigger has a *kind*; an event's ACLED
type and sub-type follow from its kinds and its actors (`classify`).
"""

from __future__ import annotations

ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}

# Kinds of violence, most specific first: the first present in a sentence sets the sub-type.
VIOLENT_KINDS = ("chemical", "suicide", "ied", "grenade", "airstrike", "shelling", "capture", "clash",
                 "attack", "kill", "death", "destroy")

# lemma → kind. Nouns and verbs alike; the parse decides the roles around them.
TRIGGER_LEMMAS: dict[str, str] = {
    # deaths and killing
    "die": "death", "perish": "death", "dead": "death", "death": "death", "fatality": "death",
    "casualty": "death", "kill": "kill", "killing": "kill", "murder": "kill", "execute": "kill",
    "execution": "kill", "massacre": "kill", "slaughter": "kill", "eliminate": "kill", "elimination": "kill",
    "neutralize": "kill", "neutralise": "kill", "behead": "kill", "shoot": "kill",
    "destroy": "destroy", "destruction": "destroy",
    # fighting
    "attack": "attack", "assault": "attack", "raid": "attack", "ambush": "attack", "storm": "attack",
    "offensive": "attack", "incursion": "attack", "infiltration": "attack", "counterattack": "attack",
    "clash": "clash", "battle": "clash", "fight": "clash", "fighting": "clash", "skirmish": "clash",
    "firefight": "clash", "repel": "clash", "engage": "clash",
    # remote violence
    "airstrike": "airstrike", "strike": "airstrike", "bomb": "airstrike", "bombing": "airstrike",
    "bombard": "shelling", "bombardment": "shelling", "shell": "shelling", "shelling": "shelling",
    "artillery": "shelling", "rocket": "shelling", "missile": "shelling", "mortar": "shelling",
    "ied": "ied", "landmine": "ied", "mine": "ied", "explosion": "ied", "blast": "ied", "explode": "ied",
    "detonate": "ied", "grenade": "grenade",
    # territory
    "capture": "capture", "seize": "capture", "seizure": "capture", "recapture": "capture",
    "liberate": "capture", "overrun": "capture", "retake": "capture", "advance": "capture",
    # strategic developments
    "surrender": "surrender", "ceasefire": "agreement", "truce": "agreement", "agreement": "agreement",
    "transport": "transfer", "transfer": "transfer", "relocate": "transfer", "evacuate": "transfer",
    "deploy": "transfer", "redeploy": "transfer", "reinforcement": "transfer", "bus": "transfer",
    "move": "transfer", "convoy": "transfer",
    "arrest": "arrest", "detain": "arrest", "detention": "arrest", "imprison": "arrest", "hold": "arrest",
    "abduct": "abduct", "kidnap": "abduct", "abduction": "abduct", "hostage": "abduct",
    "loot": "loot", "plunder": "loot", "pillage": "loot", "burn": "loot", "torch": "loot",
    "protest": "protest", "demonstration": "protest", "rally": "protest", "demonstrate": "protest",
    "march": "protest", "sit-in": "protest", "strike_action": "protest",
    "riot": "riot", "mob": "riot", "lynch": "riot",
    "rape": "sexual", "gather": "protest", "picket": "protest", "rallied": "protest", "stage": "protest",
    "vandalize": "loot", "vandalise": "loot", "ransack": "loot", "demolish": "loot", "raze": "loot",
    "beat": "attack", "stab": "attack", "assassinate": "kill", "assassination": "kill", "lynching": "riot",
    "strike_labour": "protest", "boycott": "protest", "airstrikes": "airstrike", "barrage": "shelling",
    "target": "attack", "confrontation": "clash", "loss": "death",
    "advancement": "capture", "control": "capture", "regain": "capture", "martyr": "death", "corpse": "death",
    "crucify": "kill", "infighting": "clash", "stone": "kill", "stoning": "kill", "expel": "capture",
}
# Phrases (lowercased word sequences) that are triggers only together.
TRIGGER_PHRASES: dict[tuple[str, ...], str] = {
    ("air", "strike"): "airstrike", ("air", "strikes"): "airstrike", ("air", "raid"): "airstrike",
    ("air", "raids"): "airstrike", ("drone", "strike"): "airstrike", ("drone", "strikes"): "airstrike",
    ("car", "bomb"): "ied", ("roadside", "bomb"): "ied", ("explosive", "device"): "ied",
    ("suicide", "bomber"): "suicide", ("suicide", "bombing"): "suicide", ("suicide", "attack"): "suicide",
    ("suicide", "car", "bomb"): "suicide", ("chemical", "attack"): "chemical", ("chemical", "weapons"): "chemical",
    ("chemical", "attacks"): "chemical", ("chemical", "weapon"): "chemical", ("gas", "attack"): "chemical",
    ("exchanged", "fire"): "clash", ("exchange", "fire"): "clash", ("exchanging", "fire"): "clash",
    ("bursts", "of", "fire"): "clash", ("burst", "of", "fire"): "clash", ("took", "over", "control"): "capture",
    ("take", "over", "control"): "capture", ("seized", "control"): "capture", ("gained", "control"): "capture",
    ("training", "camps"): "base", ("training", "camp"): "base", ("set", "up"): "base",
    ("established", "a", "base"): "base", ("set", "up", "a", "base"): "base", ("took", "control"): "capture",
    ("take", "control"): "capture", ("establish", "control"): "capture", ("taken", "prisoner"): "arrest",
    ("took", "prisoner"): "arrest", ("lost", "their", "lives"): "death", ("were", "killed"): "kill",
    ("aerial", "bombardment"): "airstrike", ("aerial", "bombardments"): "airstrike", ("air", "bombardment"): "airstrike",
    ("aerial", "attack"): "airstrike", ("aerial", "attacks"): "airstrike", ("barrel", "bombs"): "airstrike",
    ("explosive", "barrels"): "airstrike", ("opened", "fire"): "attack", ("open", "fire"): "attack",
    ("opens", "fire"): "attack", ("fired", "shots"): "attack", ("fired", "at"): "attack", ("shot", "at"): "attack",
    ("fired", "artillery"): "shelling", ("fired", "missiles"): "shelling", ("fired", "rockets"): "shelling",
    ("fired", "mortars"): "shelling", ("fired", "a", "missile"): "shelling", ("fired", "a", "rocket"): "shelling",
    ("set", "fire"): "loot", ("set", "ablaze"): "loot", ("went", "on", "strike"): "protest",
    ("on", "strike"): "protest", ("hunger", "strike"): "protest", ("sit", "-", "in"): "protest",
    ("blocked", "the", "road"): "protest", ("blocked", "roads"): "protest", ("blocked", "a", "road"): "protest",
    ("shot", "dead"): "kill", ("sexual", "violence"): "sexual", ("sexually", "assaulted"): "sexual",
}
# Words that make a 'hold', 'move' or 'strike' a trigger only in a conflict sense are checked in the extractor.
WEAK_LEMMAS = {"hold", "move", "strike", "shoot", "fight", "advance", "burn", "march", "engage", "bus",
               "mine", "blast", "storm", "convoy", "rally", "rocket", "missile", "beat", "demolish", "stage",
               "gather", "target", "stone", "expel"}

PLANNING_LEMMAS = {"plan", "prepare", "intend", "aim", "require", "order", "seek", "want", "try", "attempt",
                   "accumulate", "threaten", "vow", "pledge", "expect", "participate", "gather", "mass",
                   "will", "going"}
DENIAL_LEMMAS = {"deny", "refute", "reject", "dismiss"}
CLAIM_MARKERS = {"claim", "allege", "allegedly", "reportedly", "purportedly", "supposedly"}
REPORTING_LEMMAS = {"say", "report", "tell", "announce", "state", "claim", "confirm", "add", "declare",
                    "publish", "post", "accuse", "allege", "deny", "document", "note"}

DEATH_KINDS = {"death", "kill", "destroy"}


def classify(kinds: set[str], actor1_inter: int | None, actor2_inter: int | None,
             victims_civilian: bool, target_is_place: bool) -> tuple[str, str] | None:
    """The ACLED (event_type, sub_event_type) for a set of trigger kinds and the actors' types."""
    if "protest" in kinds:
        if victims_civilian and kinds & {"kill", "death", "attack"}:
            return "Protests", "Excessive force against protesters"
        if kinds & {"arrest", "clash"}:
            return "Protests", "Protest with intervention"
        return "Protests", "Peaceful protest"
    if "riot" in kinds:
        return "Riots", "Mob violence" if victims_civilian else "Violent demonstration"
    if "sexual" in kinds:
        return "Violence against civilians", "Sexual violence"
    remote = {"chemical": "Chemical weapon", "suicide": "Suicide bomb", "ied": "Remote explosive/landmine/IED",
              "grenade": "Grenade", "airstrike": "Air/drone strike", "shelling": "Shelling/artillery/missile attack"}
    for kind, sub in remote.items():
        if kind in kinds:
            return "Explosions/Remote violence", sub
    if "capture" in kinds and target_is_place:
        if actor1_inter == 1:
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    if "abduct" in kinds:
        return "Violence against civilians", "Abduction/forced disappearance"
    if kinds & {"clash", "attack", "kill", "death", "destroy", "capture"}:
        if victims_civilian and actor2_inter in (None, 7):
            return "Violence against civilians", "Attack"
        if kinds == {"destroy"} and actor2_inter is None and not victims_civilian:
            return "Strategic developments", "Looting/property destruction"
        return "Battles", "Armed clash"
    for kind, (etype, sub) in {
        "surrender": ("Strategic developments", "Agreement"),
        "agreement": ("Strategic developments", "Agreement"),
        "arrest": ("Strategic developments", "Arrests"),
        "base": ("Strategic developments", "Headquarters or base established"),
        "loot": ("Strategic developments", "Looting/property destruction"),
        "transfer": ("Strategic developments", "Change to group/activity"),
    }.items():
        if kind in kinds:
            return etype, sub
    return None


def violence_type(inter1: int | None, inter2: int | None, state1: bool, state2: bool) -> int | None:
    """UCDP's type of violence from the two sides: 1 state-based, 2 non-state, 3 one-sided."""
    if inter1 is None and inter2 is None:
        return None
    if 7 in (inter1, inter2):
        return 3
    if inter2 is None:
        return None
    if state1 or state2:
        return 1
    if inter1 in (1, 2, 3, 4) and inter2 in (1, 2, 3, 4):  # armed, and neither a government (inter 1 too:
        return 2  # ACLED codes the Houthis' forces as a state's, UCDP as the non-state Ansarallah)
    return None


def ucdp_sides(actor1, actor2, violence: int | None) -> tuple[str | None, str | None]:
    """UCDP side A and side B from the event's actors (records.Actor, with their `ucdp` names).

    UCDP puts the government first in state-based violence and the perpetrator first in one-sided
    violence, where side B is "Civilians"; otherwise the actors keep their order."""
    a = actor1.ucdp if actor1 is not None else None
    b = actor2.ucdp if actor2 is not None else None
    if violence == 1 and b is not None and b.startswith("Government of") and not (a or "").startswith("Government of"):
        return b, a
    if violence == 3 and a == "Civilians":
        return b, a
    return a, b

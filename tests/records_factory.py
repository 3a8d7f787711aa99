"""Hand-built records for store and export tests, from a report like seed/report-white-desert.txt.

Spans are found in the report text, so `span.text == report.text[span.start:span.end]` holds.
Gazetteer ids and coordinates are illustrative.
"""

from __future__ import annotations

from datetime import date

from frontlines.records import (
    Actor,
    Attribution,
    DateRange,
    Equipment,
    Event,
    Evidence,
    Place,
    PlaceMention,
    Report,
    Span,
    Toll,
)

TEXT = (
    "US moves ISIS militants from Iraq to Syria\n\n"
    "At present, in the “white desert”, the pro-ISIS gangs which have entered through the "
    "Al-Tanf zone are already active. Over the past 10 days, as a result of their surprise "
    "attacks and terrorist attacks, more than 20 Syrian soldiers have died.\n"
    "The Syrian government forces, with the support of the Russian Aerospace Forces, conduct "
    "reconnaissance and search actions. Since the beginning of March alone, more than 150 "
    "militants, 27 cars with machine guns and 14 motorcyclists who have left the Et-Tanf zone "
    "occupied by Americans have been destroyed near Deir Ez-Zor, the ministry said.\n"
)

TANF = Place(
    geonameid=7870001,
    name="At Tanf",
    feature_class="S",
    feature_code="MILB",
    country_code="SY",
    lat=33.5019,
    lon=38.6175,
    admin1_code="13",
    admin1_name="Homs",
    admin2_code="SY0404",
    admin2_name="Tadmur",
    country_name="Syria",
)
DEIR_EZ_ZOR = Place(
    geonameid=170792,
    name="Deir ez-Zor Governorate",
    feature_class="A",
    feature_code="ADM1",
    country_code="SY",
    lat=35.0,
    lon=40.5,
    population=1_239_000,
    admin1_code="05",
    country_name="Syria",
)


def span(text: str, needle: str, after: int = 0) -> Span:
    """The span of the first `needle` in `text` at or after `after`."""
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def report(text: str = TEXT, **meta: object) -> Report:
    """A cleaned report with metadata; keyword arguments override the defaults."""
    fields: dict[str, object] = {
        "title": "US moves ISIS militants from Iraq to Syria",
        "url": "https://southfront.example/us-moves-isis-militants",
        "source": "SouthFront",
        "published": date(2019, 3, 19),
        "published_from": "metadata",
        "language": "en",
    }
    fields.update(meta)
    return Report(report_id=Report.make_id(text), text=text, origin="seed/white-desert.txt", **fields)  # type: ignore[arg-type]


def mentions(rep: Report) -> list[PlaceMention]:
    """The place mentions of the report: one unresolved, two resolved, one demonym."""
    t = rep.text
    return [
        PlaceMention(span(t, "white desert"), context="desert", reason="no gazetteer entry"),
        PlaceMention(span(t, "Al-Tanf"), context="zone", place=TANF, score=0.91, reason="variant", label="GPE"),
        PlaceMention(span(t, "Syrian"), role="demonym", reason="demonym, kept as context", label="NORP"),
        PlaceMention(span(t, "Et-Tanf"), context="zone", place=TANF, score=0.84, reason="transliteration"),
        PlaceMention(span(t, "Deir Ez-Zor"), place=DEIR_EZ_ZOR, score=0.77, reason="coherence", label="GPE"),
    ]


def attack_event(rep: Report, place: PlaceMention) -> Event:
    """Attacks in the white desert: a range of 10 days, more than 20 soldiers killed (low only)."""
    t = rep.text
    trigger = span(t, "attacks")
    sentence = span(
        t,
        "Over the past 10 days, as a result of their surprise attacks and terrorist attacks, "
        "more than 20 Syrian soldiers have died.",
    )
    toll_span = span(t, "more than 20 Syrian soldiers have died")
    date_span = span(t, "Over the past 10 days")
    actor1 = Actor("pro-ISIS gangs", "Islamic State (Syria)", 2, span(t, "pro-ISIS gangs"))
    actor2 = Actor("Syrian soldiers", "Military Forces of Syria", 1, span(t, "Syrian soldiers"), "SY")
    return Event(
        event_id=Event.make_id(rep.report_id, trigger, "Battles"),
        report_id=rep.report_id,
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=trigger,
        sentence=sentence,
        actor1=actor1,
        actor2=actor2,
        place=place,
        where_prec=5,
        geo_precision=3,
        date=DateRange(date(2019, 3, 9), date(2019, 3, 19), 3, "text", date_span),
        fatalities=Toll(low=21, who="side_b", span=toll_span),
        tolls=[Toll(low=21, who="side_b", span=toll_span)],
        violence_type=1,
        attribution=Attribution(outlet="SouthFront"),
        evidence=[
            Evidence("trigger", trigger),
            Evidence("actor1", actor1.span),  # type: ignore[arg-type]
            Evidence("actor2", actor2.span),  # type: ignore[arg-type]
            Evidence("place", place.span),
            Evidence("date", date_span),
            Evidence("fatalities", toll_span),
        ],
    )


def strike_event(rep: Report, place: PlaceMention) -> Event:
    """Government forces destroy militants, 27 cars and 14 motorcycles: claimed, quoting the ministry."""
    t = rep.text
    trigger = span(t, "destroyed")
    sentence_start = t.index("Since the beginning of March")
    sentence_end = t.index("the ministry said.") + len("the ministry said.")
    sentence = Span(sentence_start, sentence_end, t[sentence_start:sentence_end])
    toll_span = span(t, "more than 150 militants")
    cars = span(t, "27 cars with machine guns")
    bikes = span(t, "14 motorcyclists")
    quoted = span(t, "the ministry said")
    forces = span(t, "The Syrian government forces")
    actor1 = Actor(forces.text, "Military Forces of Syria", 1, forces, "SY")
    assoc = Actor("Russian Aerospace Forces", "Military Forces of Russia", 8, span(t, "Russian Aerospace Forces"), "RU")
    actor2 = Actor("militants", "Islamic State (Syria)", 2, span(t, "militants", sentence_start))
    return Event(
        event_id=Event.make_id(rep.report_id, trigger, "Battles"),
        report_id=rep.report_id,
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=trigger,
        sentence=sentence,
        actor1=actor1,
        actor2=actor2,
        assoc_actors=[assoc],
        place=place,
        where_prec=4,
        geo_precision=2,
        date=DateRange(date(2019, 3, 1), date(2019, 3, 19), 4, "text", span(t, "Since the beginning of March")),
        fatalities=Toll(low=151, who="side_b", span=toll_span),
        equipment=[
            Equipment("vehicle", Toll(best=27, span=cars), "cars with machine guns", cars),
            Equipment("motorcycle", Toll(best=14, span=bikes), "motorcyclists", bikes),
        ],
        modality="claimed",
        attribution=Attribution(outlet="SouthFront", quoted="Syrian Ministry of Defence", span=quoted),
        violence_type=1,
        evidence=[Evidence("trigger", trigger), Evidence("equipment", cars), Evidence("equipment", bikes)],
    )


def white_desert() -> tuple[Report, list[PlaceMention], list[Event]]:
    """The report, its place mentions and its two events (first unlocated, second in Deir ez-Zor)."""
    rep = report()
    found = mentions(rep)
    return rep, found, [attack_event(rep, found[0]), strike_event(rep, found[4])]


def bare_event(rep: Report) -> Event:
    """An event with nothing known but its type: no date, no place, no toll, no actors."""
    trigger = span(rep.text, rep.text.strip().split()[0])
    return Event(
        event_id=Event.make_id(rep.report_id, trigger, "Explosions/Remote violence"),
        report_id=rep.report_id,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        trigger=trigger,
        sentence=Span(0, len(rep.text), rep.text),
    )


def spaced_mentions(*names: str) -> list[PlaceMention]:
    """Place mentions of `names`, twelve characters apart, as a resolver test feeds them."""
    out, pos = [], 0
    for n in names:
        out.append(PlaceMention(Span(pos, pos + len(n), n)))
        pos += len(n) + 12
    return out


def labelled_doc(nlp, text: str, spans: dict[str, str]):
    """Parse `text`, then replace the model's entities by `spans` (surface text at its first
    occurrence → label), so that recognition tests do not depend on what the model labels."""
    doc = nlp(text)
    ents = []
    for surface, label in spans.items():
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        ents.append(span)
    doc.set_ents(ents, default="outside")
    return doc


def place_roles(recognizer, doc) -> dict[str, str]:
    """Each recognised mention's text and role."""
    return {m.span.text: m.role for m in recognizer(doc)}

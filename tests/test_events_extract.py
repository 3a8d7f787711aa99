"""The rule-based coder on short reports written for these tests, and on the seed report."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.records import Event, Report

pytestmark = pytest.mark.slow


def extract(pipeline, text: str, published: date | None = None, source: str | None = "Test Wire") -> list[Event]:
    report = Report(Report.make_id(text), text, "test", source=source, published=published)
    doc = pipeline.nlp(text)
    events = pipeline.extractor(doc, report, pipeline.geoparser(doc))
    for e in events:  # every field's evidence points at its words
        for ev in e.evidence:
            assert text[ev.span.start:ev.span.end] == ev.span.text, ev
    return events


def only(events: list[Event], sub_event_type: str) -> Event:
    found = [e for e in events if e.sub_event_type == sub_event_type]
    assert len(found) == 1, [(e.event_type, e.sub_event_type, e.trigger.text) for e in events]
    return found[0]


def test_airstrike_on_civilians_with_quoted_source(pipeline) -> None:
    text = ("Russian warplanes struck the town of Saraqib in Idlib province on Tuesday, killing at least "
            "seven civilians, according to the Syrian Observatory for Human Rights.")
    e = only(extract(pipeline, text, date(2023, 5, 12)), "Air/drone strike")
    assert e.event_type == "Explosions/Remote violence"
    assert e.actor1.name == "Military Forces of Russia"
    assert e.actor2.name == "Civilians (Syria)" and e.violence_type == 3
    assert (e.fatalities.low, e.fatalities.best, e.fatalities.high) == (7, 7, None)
    assert e.place.place.name == "Saraqib" and e.where_prec == 1
    assert e.date.start == e.date.end == date(2023, 5, 9) and e.date.precision == 1
    assert "Syrian Observatory" in e.attribution.quoted and e.attribution.outlet == "Test Wire"
    assert e.modality == "happened"


def test_clash_with_range_and_passive_victims(pipeline) -> None:
    text = "Between 15 and 20 Houthi fighters were killed in clashes with government forces near Marib last week."
    events = extract(pipeline, text, date(2022, 3, 10))
    e = only(events, "Armed clash")
    assert (e.fatalities.low, e.fatalities.best, e.fatalities.high) == (15, 15, 20)
    assert e.place is not None and e.place.place.country_code == "YE"
    assert e.date.precision == 3 and e.date.basis == "text"


def test_planned_and_denied(pipeline) -> None:
    planned = extract(pipeline, "ISIS militants are preparing to attack army positions in Deir ez-Zor.")
    assert any(e.modality == "planned" and e.actor1.name == "Islamic State (Syria)" for e in planned)
    denied = extract(pipeline, "The Syrian Democratic Forces denied that they shelled the village of Hajin.")
    assert denied and all(e.modality == "denied" for e in denied)


def test_transfer_goes_to_the_destination(pipeline) -> None:
    text = "Hundreds of SDF fighters were transported from Raqqa to Manbij on Sunday."
    e = only(extract(pipeline, text, date(2018, 6, 4)), "Change to group/activity")
    assert e.actor1.name == "QSD: Syrian Democratic Forces"
    assert e.place.place.name == "Manbij"


def test_generic_words_refer_back_to_the_named_group(pipeline) -> None:
    text = ("Boko Haram fighters raided the village of Kirawa in Borno. "
            "The militants killed 12 villagers and burned houses, residents said.")
    events = extract(pipeline, text)
    killing = next(e for e in events if e.fatalities.best == 12)
    assert killing.actor1.name == "Boko Haram"
    assert killing.event_type == "Violence against civilians"


def test_no_events_in_a_text_without_violence(pipeline) -> None:
    assert extract(pipeline, "The ministry published its annual budget for schools in Amman.") == []


@pytest.fixture(scope="module")
def seed_events(pipeline, shared_dir) -> tuple[str, list[Event]]:
    text = (shared_dir / "seed" / "report-white-desert.txt").read_text(encoding="utf-8")
    from frontlines.clean.text import clean_text

    text = clean_text(text)
    return text, extract(pipeline, text, published=None, source="seed outlet")


def test_seed_soldiers_killed_by_desert_attacks(seed_events) -> None:
    text, events = seed_events
    e = next(e for e in events if e.actor2 and e.actor2.name == "Military Forces of Syria" and e.fatalities.low)
    assert e.event_type == "Battles" and e.actor1.name == "Islamic State (Syria)"
    assert (e.fatalities.low, e.fatalities.best) == (21, 21) and e.fatalities.span.text.startswith("more than 20")
    assert e.date.start is None and e.date.span.text.lower().startswith("over the past 10 days")  # no publication date
    assert e.place is not None and e.place.place.country_code == "SY"


def test_seed_militants_and_vehicles_destroyed(seed_events) -> None:
    text, events = seed_events
    e = next(e for e in events if e.fatalities.low == 151)
    assert e.actor1.name == "Military Forces of Syria"
    assert "Military Forces of Russia" in [a.name for a in e.assoc_actors]
    assert e.actor2.name == "Islamic State (Syria)"
    kinds = {q.kind: q.count.best for q in e.equipment}
    assert kinds == {"vehicle": 27, "motorcycle": 14}
    assert any(q.text == "27 cars with machine guns" for q in e.equipment)
    assert e.date.span.text.lower().startswith("since the beginning of march") and e.date.start is None


def test_seed_other_kinds(seed_events) -> None:
    text, events = seed_events
    subs = {e.sub_event_type for e in events}
    assert {"Agreement", "Change to group/activity", "Headquarters or base established"} <= subs
    held = next(e for e in events if e.trigger.text == "held")
    assert held.place.place.geonameid == 173797  # the El-Khol camp, Al-Hawl
    assert any(e.modality == "planned" for e in events)
    transfer = next(e for e in events if e.trigger.text == "transported")
    assert transfer.actor1.name == "Islamic State (Syria)"
    assert "Military Forces of the United States" in [a.name for a in transfer.assoc_actors]
    assert all(e.attribution.outlet == "seed outlet" for e in events)

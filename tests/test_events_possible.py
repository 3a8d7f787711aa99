"""The 'possible' modality, and the event-place and actor-label rules added for the issue 5 targets.
Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_events_extract import extract

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text,word", [
    ("Officials warned that the shelling could kill dozens of people in Homs.", "could"),
    ("Five fighters may have been executed by the militants near Raqqa.", "may"),
    ("A car bomb might have killed the commander in Idlib.", "might"),
    ("Gunmen possibly killed two farmers near Kirkuk.", "possibly"),
])
def test_could_may_might_make_an_event_possible(pipeline, text, word) -> None:
    events = extract(pipeline, text, date(2021, 3, 3))
    assert events and events[0].modality == "possible"
    assert any(ev.field == "modality" and ev.span.text.lower() == word for ev in events[0].evidence)


def test_what_happened_stays_happened_beside_a_possible_event(pipeline) -> None:
    text = "Rebels shelled Hama on Monday. Aid groups said renewed fighting could force thousands to flee."
    events = extract(pipeline, text, date(2021, 3, 3))
    assert events[0].modality == "happened" and events[0].sub_event_type == "Shelling/artillery/missile attack"


def test_the_place_written_with_its_divisions_is_the_event_place(pipeline) -> None:
    text = ("Retired miners rallied outside the governor's office on Tuesday, the union said; "
            "the gathering took place in Maragheh town (East Azerbaijan) and lasted two hours.")
    e = extract(pipeline, text, date(2021, 3, 4))[0]
    assert e.place.place.name.startswith("Mar") and e.place.place.country_code == "IR"


def test_protesters_are_named_after_the_country_of_the_protest(pipeline) -> None:
    text = ("On 3 March 2021, about 300 people demonstrated in Lyon against the war in Ukraine "
            "and the invasion by Russia. Ukraine's embassy thanked them.")
    e = extract(pipeline, text, date(2021, 3, 3))[0]
    assert e.event_type == "Protests" and e.actor1.name == "Protesters (France)"


def test_control_and_advances_are_territorial_events(pipeline) -> None:
    events = extract(pipeline, "Regime forces control the town of Morek in the northern countryside of Hama",
                     date(2017, 5, 1))
    assert events and events[0].event_type == "Battles" and events[0].actor1.name == "Military Forces of Syria"
    assert extract(pipeline, "Areas controlled by the rebels were calm on Friday.", date(2017, 5, 1)) == []


def test_an_unarmed_person_shot_is_a_civilian_victim(pipeline) -> None:
    e = extract(pipeline, "On 5 June 2021, in Leon, Guanajuato, two armed men shot and killed a taxi driver.",
                date(2021, 6, 5))[0]
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert e.actor2.name == "Civilians (Mexico)" and e.actor2.span.text == "a taxi driver"
    e = extract(pipeline, "In Celaya, an off-duty policeman was killed by gunmen on Saturday.", date(2021, 6, 5))[0]
    assert e.event_type == "Violence against civilians" and e.actor2.inter == 7


def test_a_named_person_killed_is_not_taken_for_a_civilian(pipeline) -> None:
    e = extract(pipeline, "Iraqi troops killed the commander Abu Salim al-Tikriti in an airstrike near Mosul.",
                date(2021, 6, 5))[0]
    assert e.event_type != "Violence against civilians" and (e.actor2 is None or e.actor2.inter != 7)


def test_stone_is_a_trigger_only_as_a_verb_done_to_someone(pipeline) -> None:
    assert extract(pipeline, "Soldiers guarded the old stone houses in the village of Beita.", date(2021, 6, 5)) == []
    e = extract(pipeline, "Villagers stoned a suspected thief to death in the village of Beita.", date(2021, 6, 5))[0]
    assert (e.event_type, e.sub_event_type, e.trigger.text) == ("Riots", "Mob violence", "stoned")


def test_a_closing_tally_counts_the_first_violent_event(pipeline) -> None:
    text = ("On 7 June 2021, in Leon, Guanajuato, a shopkeeper was shot inside his store by two gunmen. "
            "The gunmen fled in a car. 1 fatality.")
    events = extract(pipeline, text, date(2021, 6, 7))
    assert len(events) == 1 and events[0].fatalities.best == 1 and events[0].fatalities.span.text.startswith("1")


def test_a_mob_that_beats_someone_is_mob_violence(pipeline) -> None:
    e = extract(pipeline, "On 9 May 2021, in Leon, Guanajuato, residents beat a suspected thief.", date(2021, 5, 9))[0]
    assert (e.event_type, e.sub_event_type) == ("Riots", "Mob violence")
    assert e.actor1.name == "Rioters (Mexico)" and e.actor2.name == "Civilians (Mexico)"


def test_a_demonstration_with_burning_tyres_is_violent(pipeline) -> None:
    text = "On 9 May 2021, in Leon, Guanajuato, demonstrators blocked a highway with burning tyres to demand water."
    e = extract(pipeline, text, date(2021, 5, 9))[0]
    assert (e.event_type, e.sub_event_type) == ("Riots", "Violent demonstration") and e.actor1.name == "Rioters (Mexico)"


def test_gangs_not_named_are_an_unidentified_gang_of_the_country(pipeline) -> None:
    e = extract(pipeline, "On 9 May 2021, in Leon, Guanajuato, gang members shot and killed a shopkeeper.",
                date(2021, 5, 9))[0]
    assert e.actor1.name == "Unidentified Gang (Mexico)" and e.actor2.name == "Civilians (Mexico)"


def test_the_islamic_state_is_named_by_the_country_it_acts_in(pipeline) -> None:
    e = extract(pipeline, "ISIS militants attacked an army checkpoint near Kirkuk on Monday.", date(2021, 5, 9))[0]
    assert e.actor1.name == "Islamic State (Iraq)" and e.actor1.ucdp == "IS"


def test_whose_positions_were_hit_is_actor2(pipeline) -> None:
    e = extract(pipeline, "Government troops shelled Houthi positions near Saada on Friday.", date(2021, 5, 9))[0]
    # ACLED names and codes the Houthis' forces as state forces (inter 1); to UCDP they are Ansarallah, no government
    assert (e.actor2.name, e.actor2.inter, e.actor2.ucdp) == (
        "Military Forces of Yemen (2016-) Supreme Political Council", 1, "Ansarallah")
    assert e.actor1.name == "Military Forces of Yemen" and e.violence_type == 1


def test_a_country_gives_way_to_the_report_place_inside_it(pipeline) -> None:
    text = ("Eight soldiers died when their transport plane crashed in Syria late on Tuesday. Debris was found "
            "outside Saraqib in Idlib province, where opposition fighters in Idlib claimed to have hit it.")
    e = extract(pipeline, text, date(2021, 5, 10))[0]
    assert e.place.place.country_code == "SY" and not e.place.place.feature_code.startswith("PCL")
    assert e.place.place.admin1_name == "Idlib" and e.where_prec >= 2


def test_a_date_of_something_else_is_not_the_event_date(pipeline) -> None:
    text = "Warplanes bombed the town of Saraqib and Friday prayers were cancelled in the town."
    e = extract(pipeline, text, date(2021, 5, 12))[0]
    assert e.date.start == date(2021, 5, 12) and e.date.basis != "text"
    e = extract(pipeline, "Government forces shelled 1070 houses in the town of Saraqib.", date(2021, 5, 12))[0]
    assert e.date.start == date(2021, 5, 12)


def test_a_named_armed_group_makes_an_advance_an_event(pipeline) -> None:
    events = extract(pipeline, "SDF advances over ISIS near Manbij", date(2017, 5, 12))
    assert events and events[0].event_type == "Battles"
    assert extract(pipeline, "Prices advanced sharply in Manbij markets.", date(2017, 5, 12)) == []


def test_a_named_force_wins_over_a_generic_word_it_overlaps(pipeline) -> None:
    e = extract(pipeline, "The regime forces shell the town of Kafr Nabl in the countryside of Idlib", date(2017, 5, 12))[0]
    assert e.actor1.name == "Military Forces of Syria" and e.actor1.ucdp == "Government of Syria"


def test_the_dead_counted_among_a_group_make_it_a_side(pipeline) -> None:
    text = "Dozens were killed near Hama on Sunday, seven members of the regime forces among them"
    events = extract(pipeline, text, date(2017, 5, 12))
    assert any(a is not None and a.name == "Military Forces of Syria" for e in events for a in (e.actor1, e.actor2))


def test_coordinated_event_nouns_with_places_of_their_own_are_two_events(pipeline) -> None:
    events = extract(pipeline, "Airstrikes hit villages north of Hama and shelling on the western outskirts of Idlib",
                     date(2017, 5, 12))
    assert {e.place.place.admin1_name for e in events if e.place and e.place.place} >= {"Idlib"}
    assert len(events) == 2


def test_a_running_total_does_not_date_the_new_event(pipeline) -> None:
    text = "A rocket kills 4 civilians in Harasta, bringing the number of dead to 63 over 6 days of bombardment"
    e = extract(pipeline, text, date(2017, 11, 20))[0]
    assert e.date.start == date(2017, 11, 20)


def test_a_forecast_of_the_toll_is_no_event(pipeline) -> None:
    assert extract(pipeline, "Medics warned that the death toll in Saraqib is expected to rise further.", date(2017, 5, 12)) == []

"""Rules of the coder added for the event evaluation: tolls, general statements, ACLED's actor
conventions, places with their containers, events with no actor named. Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.events.tolls import find_tallies
from tests.test_events_extract import extract

pytestmark = pytest.mark.slow


def tallies(pipeline, text: str, kinds=frozenset({"kill", "attack"})):
    doc = pipeline.nlp(text)
    return [(t.kind, t.count.best, t.who, t.part) for s in doc.sents for t in find_tallies(doc, s, set(kinds))]


def test_dates_and_labels_are_not_counts(pipeline) -> None:
    assert tallies(pipeline, "On 8 June 2022, gunmen attacked a house in No. 71 Ward at around 9 pm.") == []


def test_a_number_of_people_is_a_toll_only_when_tied_to_deaths(pipeline) -> None:
    assert tallies(pipeline, "Residents protested against a man accused of assaulting three children.") == []
    assert tallies(pipeline, "Gunmen attacked the village, killing 4 farmers.") == [("fatalities", 4, "civilians", False)]


def test_injured_and_killed_kept_apart(pipeline) -> None:
    found = tallies(pipeline, "Two people were killed and eight others were injured when rockets hit the market.")
    assert ("fatalities", 2, None, False) in found and ("injured", 8, None, False) in found


def test_breakdown_after_including_is_not_added(pipeline) -> None:
    text = "49 were killed yesterday, including 10 members of the regime forces and 22 civilians."
    found = tallies(pipeline, text)
    assert found[0] == ("fatalities", 49, None, False)
    assert ("fatalities", 10, "combatants", True) in found and ("fatalities", 22, "civilians", True) in found
    e = extract(pipeline, text, date(2017, 7, 12))[0]
    assert (e.fatalities.low, e.fatalities.best, e.fatalities.high) == (49, 49, 49)
    assert {(t.who, t.best) for t in e.tolls} == {("combatants", 10), ("civilians", 22)}
    assert e.date.start == date(2017, 7, 11)


def test_a_figure_repeated_in_a_run_on_headline_counts_once(pipeline) -> None:
    events = extract(pipeline, "Blast kills 20 rebels Monitor AFP At least 20 Syrian rebels were killed in a blast at a crossing.")
    assert max(e.fatalities.best or 0 for e in events) == 20


def test_trends_and_fears_are_not_events(pipeline) -> None:
    text = ("Attacks have declined over the past two years, and the number of air strikes has fallen. "
            "Villagers fear a new ground offensive.")
    assert extract(pipeline, text, date(2024, 3, 3)) == []


def test_a_trend_does_not_hide_the_event_beside_it(pipeline) -> None:
    text = "Attacks have declined, though last week's ambush near Al-Qaim, in which four soldiers died, shows the cells can still strike."
    events = extract(pipeline, text, date(2024, 3, 3))
    assert any(e.fatalities.best == 4 for e in events)


def test_protesters_are_actor1_with_the_country_name(pipeline) -> None:
    text = "On 12 May 2022, in Porto Alegre (Rio Grande do Sul), former employees of a bus company gathered to demand the payment of delayed wages."
    e = extract(pipeline, text, date(2022, 5, 12))[0]
    assert (e.event_type, e.sub_event_type) == ("Protests", "Peaceful protest")
    assert e.actor1.name == "Protesters (Brazil)" and e.actor1.inter == 6
    assert e.place.place.name == "Porto Alegre" and e.date.start == date(2022, 5, 12)


def test_unidentified_gunmen_and_police_take_the_country(pipeline) -> None:
    text = "On 13 June 2022, in Monterrey, Nuevo Leon, unidentified gunmen opened fire at a bar, killing a man."
    e = extract(pipeline, text, date(2022, 6, 13))[0]
    assert e.actor1.name == "Unidentified Armed Group (Mexico)"
    assert e.place.place.name == "Monterrey"  # not the state written after it
    arrest = extract(pipeline, "On 5 May 2022, police arrested 250 migrants in the Fatih district of Istanbul.", date(2022, 5, 5))
    assert arrest[0].sub_event_type == "Arrests" and arrest[0].actor1.name == "Police Forces of Turkey"


def test_factions_are_syrian_insurgents_only_in_syria(pipeline) -> None:
    e = extract(pipeline, "Clashes between regime forces and the factions continue in the countryside of Hama.", date(2016, 7, 8))[0]
    assert e.event_type == "Battles" and {e.actor1.ucdp, e.actor2.ucdp} == {"Government of Syria", "Syrian insurgents"}
    assert e.violence_type == 1


def test_an_event_with_no_actor_named_is_kept(pipeline) -> None:
    e = extract(pipeline, "Continued clashes and aerial bombardment on the city of Idlib", date(2016, 7, 17))[0]
    assert e.sub_event_type == "Air/drone strike" and e.actor1 is None
    assert e.date.basis == "report" and e.date.start == date(2016, 7, 17)


def test_a_convoy_that_is_hit_is_no_transfer(pipeline) -> None:
    events = extract(pipeline, "Militants ambushed an army convoy near Gao. The convoy was escorting fuel trucks.", date(2024, 2, 9))
    assert events
    assert all(e.sub_event_type != "Change to group/activity" for e in events)


def test_an_event_with_no_place_of_its_own_is_where_the_report_is_set(pipeline) -> None:
    text = ("On 12 May 2022, in Kingston (Ontario), residents met at the town hall. "
            "The protest took place after a car accident.")
    e = next(e for e in extract(pipeline, text, date(2022, 5, 12)) if e.event_type == "Protests")
    assert e.place is not None and e.place.place.name == "Kingston" and e.where_prec >= 2


def test_a_place_loosely_tied_to_the_trigger_beats_no_place(pipeline) -> None:
    e = extract(pipeline, "Five dead as rockets and warplanes hit the towns of Deir Ezzor and Albukamal",
                date(2016, 5, 16))[0]
    assert e.place is not None and e.place.place.admin1_name == "Dayr az Zawr"


@pytest.mark.parametrize("text,sub_event_type", [
    ("On 8 May 2022, residents blocked the highway to demand the repair of a bridge.", "Peaceful protest"),
    ("On 8 May 2022, about 60 farmers gathered in front of the town hall in Leon to call for lower fuel prices.",
     "Peaceful protest"),
    ("On 8 May 2022, members of a union held a press conference with banners outside the ministry.", "Peaceful protest"),
    ("On 8 May 2022, protesters occupied the offices of the water company, demanding lower prices.", "Peaceful protest"),
    ("On 8 May 2022, settlers hurled stones at passing cars near the village.", "Riots"),
])
def test_a_crowd_that_acts_with_a_purpose_of_protest_is_a_protest(pipeline, text, sub_event_type) -> None:
    assert sub_event_type in [x for e in extract(pipeline, text, date(2022, 5, 8)) for x in (e.event_type, e.sub_event_type)]


def test_headlines_in_title_case_and_human_losses_are_events(pipeline) -> None:
    assert extract(pipeline, "Yemen: Roadside Bombs Kill, Wound Dozens in Taiz", date(2017, 1, 5))
    assert extract(pipeline, "Human losses in Hama and Homs", date(2017, 1, 5))
    assert not extract(pipeline, "The company reported economic losses in the third quarter.", date(2017, 1, 5))
    assert not extract(pipeline, "The council accused the mayor of targeting journalists' budgets.", date(2017, 1, 5))


def test_clauses_joined_by_and_with_their_own_subject_are_two_events(pipeline) -> None:
    events = extract(pipeline, "Rebels attacked a checkpoint in Saraqib and government warplanes bombed the town "
                               "of Ariha", date(2016, 6, 27))
    assert {e.sub_event_type for e in events} == {"Armed clash", "Air/drone strike"}
    assert len(extract(pipeline, "Gunmen attacked and killed five farmers in Mopti.", date(2016, 6, 27))) == 1
    one = extract(pipeline, "Fighting, mortar fire and air raids on the outskirts of Hama", date(2016, 6, 27))
    assert len(one) == 1


def test_a_perpetrator_not_named_is_an_unidentified_armed_group_with_the_trigger_as_evidence(pipeline) -> None:
    text = "On 3 May 2022, in Cartagena (Bolivar), a moto-taxi driver was shot and killed. 1 fatality."
    e = next(e for e in extract(pipeline, text, date(2022, 5, 3)) if e.actor1 is not None)
    assert e.actor1.name == "Unidentified Armed Group (Colombia)"
    assert any(ev.field == "actor1" for ev in e.evidence)
    named = extract(pipeline, "ISWAP fighters attacked Marte. Two soldiers were killed.", date(2022, 5, 3))
    assert named
    assert all(e.actor1 is None or "Unidentified" not in e.actor1.name for e in named)


def test_protesters_by_convention_carry_the_trigger_as_evidence(pipeline) -> None:
    e = extract(pipeline, "On 2 April 2022, in Eibar (Spain), local residents protested against a new road.",
                date(2022, 4, 2))[0]
    assert e.actor1.name.startswith("Protesters") and any(ev.field == "actor1" for ev in e.evidence)

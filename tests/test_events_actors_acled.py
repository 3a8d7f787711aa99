"""ACLED's actor naming: the country table, the report's country read from other cues when no place
resolved, and national forces named by their country or acronym. Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.events.countries import (
    acled_country_names,
    bare,
    codes_by_name,
    demonyms,
)
from frontlines.events.countrycues import report_country
from tests.test_events_extract import extract


def test_country_table_covers_every_country_with_acleds_spellings() -> None:
    names = acled_country_names()
    assert len(names) >= 250
    assert names["CD"] == "the Democratic Republic of Congo" and bare(names["CD"]) == "Democratic Republic of Congo"
    assert (names["CG"], names["CI"], names["SZ"], names["CZ"]) == ("the Republic of Congo", "Ivory Coast", "eSwatini",
                                                                    "the Czech Republic")
    assert (names["TL"], names["CV"], names["VA"], names["JE"], names["BQ"]) == (
        "East Timor", "Cape Verde", "Vatican City", "Bailiwick of Jersey", "Caribbean Netherlands")
    assert (names["PS"], names["MK"], names["IM"], names["BL"]) == ("Palestine", "North Macedonia", "Isle of Man",
                                                                    "Saint-Barthelemy")
    assert names["FR"] == "France" and names["BO"] == "Bolivia"  # GeoNames' names where ACLED agrees
    assert codes_by_name()["democratic republic of congo"] == "CD" and codes_by_name()["czechia"] == "CZ"


def test_demonyms_come_from_the_nationality_table_with_corrections() -> None:
    found = demonyms()
    assert (found["Italian"], found["Thai"], found["Congolese"], found["Kurdish"]) == ("IT", "TH", "CD", None)



@pytest.mark.slow
def test_report_country_from_a_division_in_brackets(pipeline) -> None:
    doc = pipeline.nlp("Around 300 nurses marched past the hospital gates in Teruel (Aragon), asking for more staff.")
    assert report_country(doc, pipeline.extractor.actors) == "ES"


@pytest.mark.slow
def test_report_country_ignores_everyday_words_and_weighs_places_over_peoples(pipeline) -> None:
    doc = pipeline.nlp("Justice Union members met the Italian consul.")
    assert report_country(doc, pipeline.extractor.actors) == "IT"  # only the demonym is a cue
    doc = pipeline.nlp("Russian troops fired rockets at Kryvyi Rih overnight.")
    assert report_country(doc, pipeline.extractor.actors) == "UA"


@pytest.mark.slow
def test_protesters_take_the_country_of_a_division_the_geoparser_left(pipeline) -> None:
    events = extract(pipeline, "On 3 March 2023, dozens of retired miners protested in Teruel (Aragon) demanding "
                               "higher pensions.", date(2023, 3, 3))
    assert events and events[0].actor1.name == "Protesters (Spain)"


@pytest.mark.slow
def test_forces_of_a_named_country(pipeline) -> None:
    events = extract(pipeline, "On 2 May 2023, the security forces of Kenya arrested four suspected smugglers "
                               "near the border.", date(2023, 5, 2))
    assert any(e.actor1 and e.actor1.name == "Military Forces of Kenya" for e in events)
    events = extract(pipeline, "On 9 May 2023, Kenya Police officers arrested a councillor in Kisumu over fraud.",
                     date(2023, 5, 9))
    assert any(e.actor1 and e.actor1.name == "Police Forces of Kenya" for e in events)
    events = extract(pipeline, "On 4 May 2023, Nigerian police detained two men in Kano over a robbery.", date(2023, 5, 4))
    assert any(e.actor1 and e.actor1.name == "Police Forces of Nigeria" for e in events)


@pytest.mark.slow
def test_national_army_acronym(pipeline) -> None:
    events = extract(pipeline, "On 6 May 2023, FARDC soldiers shot dead a motorcyclist at a roadblock near Beni.",
                     date(2023, 5, 6))
    assert any(e.actor1 and e.actor1.name == "Military Forces of the Democratic Republic of Congo" for e in events)


@pytest.mark.slow
def test_a_crowd_that_fights_is_rioters_not_an_armed_group(pipeline) -> None:
    events = extract(pipeline, "On 5 May 2023, supporters of two rival candidates clashed outside a polling station "
                               "in Kaduna, leaving six people injured.", date(2023, 5, 5))
    assert events and all(e.actor1 is None or e.actor1.name == "Rioters (Nigeria)" for e in events)
    events = extract(pipeline, "On 8 May 2023, a man accused of stealing a goat was beaten to death by residents "
                               "in Kaduna.", date(2023, 5, 8))
    assert any(e.actor1 and e.actor1.name == "Rioters (Nigeria)" for e in events)


@pytest.mark.slow
def test_a_country_named_in_passing_does_not_relabel_a_crowd(pipeline) -> None:
    events = extract(pipeline, "On 7 May 2023, about 200 people marched in Teruel (Aragon) against the war in Ukraine.",
                     date(2023, 5, 7))
    assert events and events[0].actor1.name == "Protesters (Spain)"


@pytest.mark.slow
def test_forces_named_after_an_operation_or_hung_from_a_place(pipeline) -> None:
    events = extract(pipeline, "On 9 May 2023, a smuggling suspect was killed in a night operation by military forces "
                               "in Gwadar, Balochistan.", date(2023, 5, 9))
    assert any(e.actor1 and e.actor1.name == "Military Forces of Pakistan" for e in events)


@pytest.mark.slow
def test_the_only_forces_named_are_the_perpetrator_not_an_unidentified_group(pipeline) -> None:
    events = extract(pipeline, "On 3 June 2023, a farmer was killed by bullets fired by the military in a village of "
                               "Sagaing region.", date(2023, 6, 3))
    assert any(e.actor1 and e.actor1.name == "Military Forces of Myanmar" for e in events)
    events = extract(pipeline, "On 3 June 2023, a soldier was killed when a roadside bomb exploded near Kidal.",
                     date(2023, 6, 3))
    assert all(e.actor1 is None or not e.actor1.name.startswith("Military Forces") for e in events)


@pytest.mark.slow
def test_islamic_state_takes_its_regional_branch_and_off_duty_forces_are_civilians(pipeline) -> None:
    events = extract(pipeline, "On 2 June 2023, Islamic State militants attacked a market near Menaka, killing "
                               "three traders.", date(2023, 6, 2))
    assert any(e.actor1 and e.actor1.name == "Islamic State (Sahel)" for e in events)
    events = extract(pipeline, "On 4 June 2023, two off-duty police officers were shot dead by gunmen in Culiacan, "
                               "Sinaloa.", date(2023, 6, 4))
    assert any(e.actor2 and e.actor2.name == "Civilians (Mexico)" for e in events)


@pytest.mark.slow
def test_who_planted_the_device_is_its_perpetrator(pipeline) -> None:
    events = extract(pipeline, "On 6 June 2023, an IED planted by unknown gunmen exploded near a bakery in "
                               "Daraa, wounding two men.", date(2023, 6, 6))
    assert any(e.actor1 and e.actor1.name == "Unidentified Armed Group (Syria)" for e in events)


@pytest.mark.slow
def test_a_capital_or_a_name_no_other_country_has_is_a_cue(pipeline) -> None:
    doc = pipeline.nlp("Several hundred monks sat down outside the Colombo offices of the ministry on Monday.")
    assert report_country(doc, pipeline.extractor.actors) == "LK"  # a capital outweighs a namesake abroad
    doc = pipeline.nlp("Around 50 farmers drove tractors through Harpstedt on Friday.")
    assert report_country(doc, pipeline.extractor.actors) == "DE"  # a small town no other country names


@pytest.mark.slow
def test_review_cases_of_country_cues_and_agents(pipeline) -> None:
    """Cases a review found: an attacking army is not the report's country, a group's name is no
    namesake town, a two-word demonym is not its last word's country, a launcher is not the one
    who shot its drone down."""
    def first(text: str):
        events = extract(pipeline, text, date(2024, 3, 6))
        assert events, text
        return events[0]

    shelled = first("Russian forces shelled a Ukrainian village at dawn, killing two civilians, the governor wrote.")
    assert shelled.actor1 is not None and shelled.actor1.name == "Military Forces of Russia"
    assert shelled.actor2 is not None and shelled.actor2.name == "Civilians (Ukraine)"  # not (Russia)
    intercepted = first("A rocket fired by Hamas was intercepted by Israeli forces on Monday.")
    assert intercepted.actor1 is None or "Germany" not in intercepted.actor1.name
    korean = first("North Korean troops fired artillery near the border on Tuesday.")
    assert korean.actor1 is not None and "South Korea" not in korean.actor1.name
    drone = first("A drone launched by Russian forces was shot down by Ukrainian troops.")
    assert drone.actor1 is not None and drone.actor1.name == "Military Forces of Ukraine"

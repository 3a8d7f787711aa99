"""Recognition needs more than a capital letter: common words, unknown single names, verbs.

The texts are made up; entity labels are set by hand so that the tests do not depend on what
the small English model happens to label.
"""

from __future__ import annotations

import pytest
from records_factory import labelled_doc, place_roles
from spacy.language import Language

from frontlines.nlp.model import load_model
from frontlines.places import Gazetteer, Recognizer
from frontlines.places.commonwords import COMMON_ZIPF, common_name, common_word, zipf


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return Recognizer(Gazetteer.default())


def test_common_words_by_frequency() -> None:
    assert common_word("resort") and common_word("Police") and common_word("Commerce")
    assert not common_word("Rochester") and not common_word("Khneyfis")
    assert zipf("Saakashvili") < COMMON_ZIPF <= zipf("keep")
    # one everyday word is common; names made of several words are names
    assert common_name("Resort") and common_name("the Lot")
    assert not common_name("Post Falls") and not common_name("Al-Tanf")


@pytest.mark.slow
def test_unknown_single_word_needs_a_preposition(nlp: Language, recognizer: Recognizer) -> None:
    said = labelled_doc(nlp, "Officials said Brelvonka would sign the water deal soon.", {"Brelvonka": "GPE"})
    assert "Brelvonka" not in place_roles(recognizer, said)
    went = labelled_doc(nlp, "The convoy drove to Brelvonka before dawn.", {"Brelvonka": "GPE"})
    assert place_roles(recognizer, went).get("Brelvonka") == "place"


@pytest.mark.slow
def test_common_word_inside_an_organisation_is_not_a_place(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "The Dunmore Chamber of Commerce elected a new treasurer on Tuesday.",
                    {"Dunmore Chamber of Commerce": "ORG"})
    assert "Commerce" not in place_roles(recognizer, doc)


@pytest.mark.slow
def test_a_verb_is_not_a_context_word(nlp: Language, recognizer: Recognizer) -> None:
    stated = labelled_doc(nlp, "Merkulova stated that the talks would resume in spring.", {"Merkulova": "PERSON"})
    assert "Merkulova" not in place_roles(recognizer, stated)
    based = labelled_doc(nlp, "The ruling was praised by Tomas Orvik, a Vilnius-based lawyer.",
                      {"Tomas Orvik": "PERSON", "Vilnius": "GPE"})
    assert "Tomas Orvik" not in place_roles(recognizer, based)
    # a noun still is, even behind a modifier: "X, the state capital"
    capital = labelled_doc(nlp, "Troops entered Brelvonka, the state capital, on Monday.", {"Brelvonka": "PERSON"})
    assert place_roles(recognizer, capital).get("Brelvonka") == "place"


@pytest.mark.slow
def test_dateline_after_the_date(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "By Staff Reporter May 4, 2011 MARIETTA -- Council members voted to pave the lot.", {})
    assert place_roles(recognizer, doc).get("MARIETTA") == "place"


@pytest.mark.slow
def test_demonyms_inside_group_names(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Analysts saw an anti-Turkish mood and new Russian-Chinese projects among Latin American voters.",
                    {"anti-Turkish": "NORP", "Russian-Chinese": "NORP", "Latin American": "NORP"})
    roles = place_roles(recognizer, doc)
    assert roles.get("Turkish") == roles.get("Russian") == roles.get("Chinese") == "demonym"
    assert roles.get("Latin American") == "demonym"  # "Latin" is no demonym: the name stays whole


@pytest.mark.slow
def test_town_names_the_model_takes_for_people(nlp: Language, recognizer: Recognizer) -> None:
    woman = labelled_doc(nlp, "An Alexandria woman was fined for parking on the lawn.", {"Alexandria": "PERSON"})
    assert place_roles(recognizer, woman).get("Alexandria") == "place"
    address = labelled_doc(nlp, "Dana Ruiz, of 12 Birch St., Alexandria, was fined on Friday.",
                        {"Dana Ruiz": "PERSON", "Alexandria": "PERSON"})
    assert place_roles(recognizer, address).get("Alexandria") == "place"
    wife = labelled_doc(nlp, "He thanked his wife, Alexandria, and the nurses.", {"Alexandria": "PERSON"})
    assert "Alexandria" not in place_roles(recognizer, wife)


@pytest.mark.slow
def test_numbered_roads_are_not_places(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "A tanker overturned on Interstate 58 after leaving Third Street at dusk.",
                    {"Interstate 58": "FAC", "Third Street": "FAC"})
    roles = place_roles(recognizer, doc)
    assert "Interstate 58" not in roles
    assert roles.get("Third Street") == "place"  # a number written as a word is a street's name


@pytest.mark.slow
def test_countries_inside_organisations_and_large_places_owning_things(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Pilots of Air Canada Freight voted to strike, and engineers pledged to repair Tijuana's drains.",
                    {"Air Canada Freight": "ORG", "Tijuana": "ORG"})
    roles = place_roles(recognizer, doc)
    assert roles.get("Canada") == "embedded"
    assert roles.get("Tijuana") == "place"


@pytest.mark.slow
def test_a_small_town_opens_the_name_of_its_own_office(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "The Hermon Town Council approved the snow budget, and the Hermon Historical Society objected.",
                    {"Hermon Town Council": "ORG", "Hermon Historical Society": "ORG"})
    mentions = [(m.span.start, m.span.text, m.role) for m in recognizer(doc)]
    assert (4, "Hermon", "embedded") in mentions  # 4,909 people, but "Council" is the town's own
    assert all(start != doc.text.index("Hermon Historical") for start, _, _ in mentions)


@pytest.mark.slow
def test_a_group_word_is_no_small_village(nlp: Language, recognizer: Recognizer) -> None:
    # "Sunni" and "Shia" are also the names of tiny villages; joined as groups they are groups
    text = "Sunni and Shia elders met the governor after the market fire near Homs."
    doc = labelled_doc(nlp, text, {"Sunni": "NORP", "Shia": "NORP", "Homs": "GPE"})
    roles = place_roles(recognizer, doc)
    assert roles.get("Sunni") != "place" and roles.get("Shia") != "place" and roles["Homs"] == "place"
    doc = labelled_doc(nlp, "Two Shiite militias set up checkpoints on the old road.", {"Shiite": "NORP"})
    assert place_roles(recognizer, doc).get("Shiite") != "place"


@pytest.mark.slow
def test_a_first_name_before_a_kin_noun_is_a_person(nlp: Language, recognizer: Recognizer) -> None:
    text = "Reporters learned that Charlotte's attorney and her sister, Madison, left early."
    doc = labelled_doc(nlp, text, {"Charlotte": "PERSON", "Madison": "PERSON"})
    assert place_roles(recognizer, doc) == {}
    # a big town's services after the possessive still make it a place
    doc = labelled_doc(nlp, "Crews said Charlotte's police had closed the bridge.", {"Charlotte": "PERSON"})
    assert place_roles(recognizer, doc).get("Charlotte") == "place"


@pytest.mark.slow
def test_a_number_before_capitals_is_no_dateline(nlp: Language, recognizer: Recognizer) -> None:
    doc = nlp("The striker hit 3 NATO - themed posters with the ball.")
    assert "NATO" not in place_roles(recognizer, doc)
    doc = nlp("Staff Writer May 4, 2011 TORRINGTON -- The council voted on the budget.")
    assert place_roles(recognizer, doc).get("TORRINGTON") == "place"


@pytest.mark.slow
def test_a_preposition_the_model_took_into_a_name_is_left_out(nlp: Language, recognizer: Recognizer) -> None:
    """Strike reports open sentences with "Near X,"; the model may tag "Near X" as one person."""
    doc = labelled_doc(nlp, "Near Palmyra, one raid hit a depot. Near Ar Raqqah, two raids hit a truck.",
                    {"Near Palmyra": "PERSON", "Near Ar Raqqah": "PERSON"})
    assert place_roles(recognizer, doc) == {"Palmyra": "place", "Ar Raqqah": "place"}
    person = labelled_doc(nlp, "Near Karim Haddad, the reporter waited.", {"Karim Haddad": "PERSON"})
    assert "Karim Haddad" not in place_roles(recognizer, person)


@pytest.mark.slow
def test_a_well_known_place_the_model_left_unlabelled(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Artillery pounded Aleppo overnight while the Orange team rested.", {})
    found = place_roles(recognizer, doc)
    assert found.get("Aleppo") == "place" and "Orange" not in found  # a common word needs more


@pytest.mark.slow
def test_a_direction_word_opening_a_name_is_no_place_but_the_named_town_is(nlp: Language, recognizer: Recognizer) -> None:
    # the index has a region called "West" (Cameroon's); the town is West Union, Iowa
    doc = labelled_doc(nlp, "Water reached the porches in West Union. West Union Elementary closed, and the South Ridge "
                         "Lions Club brought sandbags.",
                    {"West Union": "GPE", "West Union Elementary": "ORG", "South Ridge Lions Club": "ORG"})
    mentions = [(m.span.start, m.span.text, m.role) for m in recognizer(doc)]
    second = doc.text.index("West Union Elementary")
    assert (second, "West Union", "embedded") in mentions  # the town the report names, not "West"
    assert all(text != "South" for _, text, _ in mentions)


@pytest.mark.slow
def test_a_dateline_with_a_saints_abbreviation(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Crews worked all night. ST. MARYS — The river crested at noon.", {})
    assert "ST. MARYS" in {m.span.text for m in recognizer(doc)}

"""Recognition of places in conflict reports: names the model mislabels or splits, and
countries inside names that are a person's or a brand's.

The texts are made up; entity labels are set by hand (as in test_places_recognize_words.py)
so that the tests do not depend on what the small English model happens to label.
"""

from __future__ import annotations

import pytest
from records_factory import labelled_doc, place_roles
from spacy.language import Language

from frontlines.nlp.model import load_model
from frontlines.places import Gazetteer, Recognizer


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return Recognizer(Gazetteer.default())


@pytest.mark.slow
def test_a_small_town_behind_a_preposition_the_model_took_for_a_person(nlp: Language, recognizer: Recognizer) -> None:
    # Tal Afar has no population in the gazetteer, so the PERSON label must not count against it
    text = "Near Tal Afar, two raids hit an ISIS unit. Near Palmyra, one raid destroyed a mortar."
    doc = labelled_doc(nlp, text, {"Near Tal Afar": "PERSON", "Near Palmyra": "PERSON"})
    assert place_roles(recognizer, doc) == {"Tal Afar": "place", "Palmyra": "place"}
    person = labelled_doc(nlp, "Near Karim Haddad, the medic waited for the convoy.", {"Near Karim Haddad": "PERSON"})
    assert place_roles(recognizer, person) == {}


@pytest.mark.slow
def test_a_dateline_whose_agency_bracket_is_glued_to_a_colon(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "BEIRUT (AP): Shelling killed four civilians in the south of Idlib on Monday.",
                    {"Idlib": "GPE"})
    assert [t.text for t in doc][3] == "):"  # the tokenizer keeps the bracket and the colon together
    assert {m.span.text: m.reason for m in recognizer(doc)}.get("BEIRUT") == "dateline"
    labelled = labelled_doc(nlp, "SANAA (Reuters): Air strikes hit the port of Hodeidah overnight.",
                         {"SANAA": "ORG", "Reuters": "ORG", "Hodeidah": "GPE"})
    mentions = {m.span.text: m.reason for m in recognizer(labelled)}
    assert mentions.get("SANAA") == "dateline"
    # a dash after the bracket still makes one
    dash = labelled_doc(nlp, "KYIV (Reuters) - Drones struck a power plant near Kharkiv.", {"Kharkiv": "GPE"})
    assert place_roles(recognizer, dash).get("KYIV") == "place"


@pytest.mark.slow
def test_a_name_the_gazetteer_knows_whole_wins_over_its_parts(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Cartel gunmen ambushed a police convoy in Baja California on Friday.",
                    {"Baja": "GPE", "California": "GPE"})
    assert place_roles(recognizer, doc) == {"Baja California": "place"}
    # one labelled part and one the model left unlabelled join as well
    doc = labelled_doc(nlp, "Shelling hit two villages of Nablus Governorate overnight.", {"Nablus": "GPE"})
    assert place_roles(recognizer, doc) == {"Nablus Governorate": "place"}


@pytest.mark.slow
def test_a_country_opening_a_persons_name_in_an_organisation_is_no_place(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Johnson said tents from the Chad Johnson Foundation reached Idlib, where Chad Johnson waited.",
                    {"Johnson": "PERSON", "Chad Johnson Foundation": "ORG", "Idlib": "GPE"})
    start = doc.text.rindex("Chad Johnson")
    doc.set_ents([doc.char_span(start, start + len("Chad Johnson"), label="PERSON")], default="unmodified")
    assert place_roles(recognizer, doc) == {"Idlib": "place"}
    # a surname alone says nothing of the word before it ("Hassan" is someone else)
    doc = labelled_doc(nlp, "Hassan said the Mali Hassan Brigade withdrew from Gao.",
                    {"Hassan": "PERSON", "Mali Hassan Brigade": "ORG", "Gao": "GPE"})
    assert place_roles(recognizer, doc).get("Mali") == "embedded"
    # without a person of that name in the report, a country opening a name is where it is
    doc = labelled_doc(nlp, "The Yemen Johnson Relief Fund sent flour to Taiz.",
                    {"Yemen Johnson Relief Fund": "ORG", "Taiz": "GPE"})
    assert place_roles(recognizer, doc) == {"Yemen": "embedded", "Taiz": "place"}


@pytest.mark.slow
def test_a_country_closing_a_brand_after_an_adjective_is_no_place(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Smugglers carried crates of Wild Turkey into Mosul.", {"Wild Turkey": "ORG", "Mosul": "GPE"})
    assert place_roles(recognizer, doc) == {"Mosul": "place"}
    # a noun before the country, or a demonym opening the name, still name the country
    doc = labelled_doc(nlp, "Air Canada Freight flew blankets to Aden, the Syrian Observatory for Human Rights said.",
                    {"Air Canada Freight": "ORG", "Aden": "GPE", "Syrian Observatory for Human Rights": "ORG"})
    assert place_roles(recognizer, doc) == {"Canada": "embedded", "Aden": "place", "Syrian": "demonym"}
    # a direction or "free" before the country is part of its name, not a brand's adjective
    doc = labelled_doc(nlp, "Crates reached Mosul, and the Council of Northern Syria and Radio Free Iraq reported it.",
                    {"Mosul": "GPE", "Council of Northern Syria": "ORG", "Radio Free Iraq": "ORG"})
    places = place_roles(recognizer, doc)
    assert places.get("Iraq") == "embedded"
    assert any("Syria" in name for name in places), places


@pytest.mark.slow
def test_a_preposition_the_tagger_took_into_an_unlabelled_name_is_left_out(nlp: Language, recognizer: Recognizer) -> None:
    text = "Near Rawah, two strikes hit an ISIL unit. Near Al Huwayjah, one strike destroyed a bridge."
    doc = labelled_doc(nlp, text, {})
    assert doc[0].pos_ == "PROPN"  # the tagger reads the opening "Near" as part of a name
    assert place_roles(recognizer, doc) == {"Rawah": "place", "Al Huwayjah": "place"}


@pytest.mark.slow
def test_a_name_labelled_a_place_that_holds_a_country(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Donors of the Relief Appeal for Yemen met in Geneva, and the Syrian Relief Trust "
                         "hung charts of the Gulf of Aden.",
                    {"the Relief Appeal for Yemen": "GPE", "the Syrian Relief Trust": "GPE", "the Gulf of Aden": "LOC",
                     "Geneva": "GPE"})
    mentions = {m.span.text: m.role for m in recognizer(doc)}
    assert mentions.get("Yemen") == "embedded"  # the model's place label on an appeal's name
    assert mentions.get("Syrian") == "demonym"
    assert "Aden" not in mentions  # the gulf is no town


@pytest.mark.slow
def test_a_country_with_a_direction_word_is_no_bare_country(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Troops were sent to the Russian Far East by rail.", {"the Russian Far East": "LOC"})
    assert "Russian" not in place_roles(recognizer, doc)


@pytest.mark.slow
def test_towns_the_model_takes_for_people_after_an_attack_on(nlp: Language, recognizer: Recognizer) -> None:
    # GeoNames gives both towns no population, so they are no "large place"
    doc = labelled_doc(nlp, "Rebel units advanced on Tal Abyad and Ras al-Ain before dawn.",
                       {"Tal Abyad": "PERSON", "Ras al-Ain": "PERSON"})
    assert place_roles(recognizer, doc) == {"Tal Abyad": "place", "Ras al-Ain": "place"}
    doc = labelled_doc(nlp, "Reporters focused on Jordan Peterson all week.", {"Jordan Peterson": "PERSON"})
    assert place_roles(recognizer, doc) == {}


@pytest.mark.slow
def test_a_district_of_a_city_is_no_district_context(nlp: Language, recognizer: Recognizer) -> None:
    from frontlines.places.cues import find_context

    doc = nlp("Snipers fired in a crowded district of Aleppo, and later in the district of Afrin.")
    aleppo, afrin = doc.text.index("Aleppo"), doc.text.index("Afrin")
    spans = [doc.char_span(s, s + len(n)) for s, n in ((aleppo, "Aleppo"), (afrin, "Afrin"))]
    assert find_context(doc, spans[0].start, spans[0].end) == "part"  # Aleppo holds the district
    assert find_context(doc, spans[1].start, spans[1].end) == "district"


@pytest.mark.slow
def test_a_well_known_place_a_verb_of_attack_takes(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Shelling hit Homs on Monday, and later forces captured Raqqa.", {"Homs": "ORG", "Raqqa": "ORG"})
    assert place_roles(recognizer, doc) == {"Homs": "place", "Raqqa": "place"}
    doc = labelled_doc(nlp, "The board hit Johnson with a fine.", {"Johnson": "PERSON"})
    assert place_roles(recognizer, doc) == {}


@pytest.mark.slow
def test_a_division_named_in_full_inside_an_organisation(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Volunteers of the Relief Committee of Kanawha County crowned the Boone County Fair Queen.",
                       {"the Relief Committee of Kanawha County": "ORG", "the Boone County Fair Queen": "ORG"})
    roles = place_roles(recognizer, doc)
    assert roles.get("Kanawha County") == "embedded" and roles.get("Boone County") == "embedded"


@pytest.mark.slow
def test_a_name_the_model_ran_on_past_a_verb_is_cut_there(nlp: Language, recognizer: Recognizer) -> None:
    text = "The Luhansk People's Republic shelled Popasna at dawn."
    doc = labelled_doc(nlp, text, {"The Luhansk People's Republic shelled Popasna": "ORG"})
    assert [t.pos_ for t in doc if t.text == "shelled"] == ["VERB"]
    roles = place_roles(recognizer, doc)
    assert roles.get("Popasna") == "place"
    assert "shelled" not in " ".join(roles)


@pytest.mark.slow
def test_what_is_shelled_or_besieged_is_a_place_however_small(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Government troops besieged Popasna while artillery shelled Marinka.",
                       {"Popasna": "PERSON", "Marinka": "PERSON"})
    assert place_roles(recognizer, doc) == {"Popasna": "place", "Marinka": "place"}
    # not a person the report names, nor the object of an everyday verb
    person = labelled_doc(nlp, "Critics shelled Marinka with questions, said Petrova Marinka.",
                          {"Marinka": "PERSON", "Petrova Marinka": "PERSON"})
    assert place_roles(recognizer, person) == {}
    plain = labelled_doc(nlp, "Reporters met Popasna at the station.", {"Popasna": "PERSON"})
    assert place_roles(recognizer, plain) == {}


@pytest.mark.slow
def test_a_demonym_opening_a_place_name_is_kept_apart(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Missiles were moved to Russian Kaliningrad in May.", {"Russian Kaliningrad": "LOC"})
    assert place_roles(recognizer, doc) == {"Russian": "demonym", "Kaliningrad": "place"}
    # a word that is only a small town's name is no place ("Empire")
    empire = labelled_doc(nlp, "Poets of the Russian Empire wrote about it.", {"the Russian Empire": "GPE"})
    assert place_roles(recognizer, empire) == {"Russian": "demonym"}


@pytest.mark.slow
def test_a_country_of_several_words_taken_for_an_organisation(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Officials in American Samoa closed the port.", {"American Samoa": "ORG"})
    assert place_roles(recognizer, doc) == {"American Samoa": "place"}
    org = labelled_doc(nlp, "American Airlines cancelled the flight.", {"American Airlines": "ORG"})
    assert place_roles(recognizer, org) == {"American": "demonym"}


@pytest.mark.slow
def test_an_abbreviation_before_a_number_is_no_place(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "The case, U.S. v. Haddad, District of Massachusetts, No. 18-cr-1008, went to trial.",
                       {"Massachusetts": "GPE"})
    assert place_roles(recognizer, doc) == {"Massachusetts": "place"}  # "No" is no qualifier
    plain = labelled_doc(nlp, "The court sat in Massachusetts, Ohio and Montana.", {"Massachusetts": "GPE"})
    assert "Ohio" in place_roles(recognizer, plain) or "Montana" in place_roles(recognizer, plain)


@pytest.mark.slow
def test_a_capitalised_article_inside_a_sentence_opens_a_name(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Shelling hit At Tall, north of Damascus, on Friday.", {"Damascus": "GPE"})
    assert [t.pos_ for t in doc][2] == "ADP"  # the tagger reads "At" as the preposition
    assert place_roles(recognizer, doc) == {"At Tall": "place", "Damascus": "place"}
    # a name the gazetteer does not know, or a sentence's first word, is left alone
    other = labelled_doc(nlp, "He spoke As Chairman of the board. At Tall buildings, crowds gathered.", {})
    assert place_roles(recognizer, other) == {}


@pytest.mark.slow
def test_two_towns_the_model_joined_into_one_organisation(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Russian forces shelled Kharkiv and Izium overnight, the governor said.",
                       {"Kharkiv and Izium": "ORG"})
    assert place_roles(recognizer, doc) == {"Kharkiv": "place", "Izium": "place"}
    # a firm named after two people is no pair of towns, though a town may bear either name
    firm = labelled_doc(nlp, "Smith and Wesson reported higher sales on Monday.", {"Smith and Wesson": "ORG"})
    assert place_roles(recognizer, firm) == {}


@pytest.mark.slow
def test_a_port_off_which_ships_are_attacked(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "A merchant ship was attacked off Hodeidah on Tuesday.", {})
    assert place_roles(recognizer, doc) == {"Hodeidah": "place"}


@pytest.mark.slow
def test_a_town_the_model_took_for_its_own_person_under_siege(nlp: Language, recognizer: Recognizer) -> None:
    # the PERSON label on the name itself is no evidence of a person; another one still is
    doc = labelled_doc(nlp, "The RSF besieged El Obeid for a month.", {"El Obeid": "PERSON"})
    assert place_roles(recognizer, doc) == {"El Obeid": "place"}
    named = labelled_doc(nlp, "Critics besieged Obeid with questions, said Karim Obeid.",
                         {"Obeid": "PERSON", "Karim Obeid": "PERSON"})
    assert place_roles(recognizer, named) == {}


@pytest.mark.slow
def test_irregular_verbs_of_capture_and_raids_take_places(nlp: Language, recognizer: Recognizer) -> None:
    # the small model tags "retook" as a present verb and leaves its lemma as written
    doc = labelled_doc(nlp, "Government troops retook Palma from insurgents.", {"Palma": "PERSON"})
    assert place_roles(recognizer, doc) == {"Palma": "place"}
    raid = labelled_doc(nlp, "Fighters raided Monguno on Sunday.", {"Monguno": "ORG"})
    assert place_roles(recognizer, raid) == {"Monguno": "place"}


@pytest.mark.slow
def test_an_unknown_name_labelled_a_place_is_kept_when_seized_and_a_lowercase_one_never(
        nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "M23 rebels seized Bunagana on Monday.", {"Bunagana": "GPE"})
    assert place_roles(recognizer, doc) == {"Bunagana": "place"}
    met = labelled_doc(nlp, "The delegates met Bunagana on Monday.", {"Bunagana": "GPE"})
    assert place_roles(recognizer, met) == {}
    lower = labelled_doc(nlp, "Taliban fighters overran district centres.", {"overran district": "GPE"})
    assert place_roles(recognizer, lower) == {}


@pytest.mark.slow
def test_a_country_before_a_noun_is_marked_an_attribute(nlp: Language, recognizer: Recognizer) -> None:
    from frontlines.places.cues import ATTRIBUTE

    doc = labelled_doc(nlp, "Two rockets landed near the US embassy in Baghdad.", {"US": "GPE", "Baghdad": "GPE"})
    reasons = {m.span.text: (m.role, m.reason) for m in recognizer(doc)}
    assert reasons["US"] == ("place", ATTRIBUTE) and reasons["Baghdad"][1] != ATTRIBUTE
    backed = labelled_doc(nlp, "Iran-backed militias fired rockets at Erbil.", {"Iran": "GPE", "Erbil": "GPE"})
    assert {m.span.text: m.reason for m in recognizer(backed)}["Iran"] == ATTRIBUTE
    # soldiers patrol places: a well-known one the model took for a person
    patrol = labelled_doc(nlp, "French soldiers patrolled Gao on Monday.", {"French": "NORP", "Gao": "PERSON"})
    assert place_roles(recognizer, patrol) == {"French": "demonym", "Gao": "place"}


@pytest.mark.slow
def test_a_list_of_towns_the_model_made_one_name(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Troops repelled attacks near Avdiivka, Marinka and Vuhledar on Monday.",
                       {"Avdiivka, Marinka and Vuhledar": "ORG"})
    assert place_roles(recognizer, doc) == {"Avdiivka": "place", "Marinka": "place", "Vuhledar": "place"}
    art = labelled_doc(nlp, "Russian forces shelled Kharkiv and Izium overnight.",
                       {"Russian": "NORP", "Kharkiv and Izium": "WORK_OF_ART"})
    assert place_roles(recognizer, art) == {"Russian": "demonym", "Kharkiv": "place", "Izium": "place"}
    # a country of two names is one name
    whole = labelled_doc(nlp, "Flights to Trinidad and Tobago resumed.", {"Trinidad and Tobago": "GPE"})
    assert place_roles(recognizer, whole) == {"Trinidad and Tobago": "place"}


@pytest.mark.slow
def test_a_town_taken_for_a_language_or_after_a_direction_and_of(nlp: Language, recognizer: Recognizer) -> None:
    doc = labelled_doc(nlp, "Twelve fighters died near Tadif, south of al-Bab, on Sunday.",
                       {"Tadif": "LANGUAGE", "al-Bab": "ORG"})
    assert place_roles(recognizer, doc) == {"Tadif": "place", "al-Bab": "place"}
    language = labelled_doc(nlp, "The statement was read in Arabic and in English.", {"Arabic": "LANGUAGE", "English": "LANGUAGE"})
    assert place_roles(recognizer, language) == {}

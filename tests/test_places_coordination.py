"""Names joined by 'and': when a partner's division reading spreads (`places.coordination`)."""

from __future__ import annotations

import pytest

from frontlines.places import Gazetteer
from frontlines.places.resolve import Resolver
from frontlines.records import PlaceMention, Span


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.default())


def _resolve(resolver: Resolver, text: str, *names: str) -> list[PlaceMention]:
    ms = [PlaceMention(Span(text.index(n), text.index(n) + len(n), n)) for n in names]
    return resolver(ms, text)


@pytest.mark.slow
@pytest.mark.parametrize("text, country, city", [
    ("Convoys of food finally reached Syria and Aleppo by Tuesday.", "Syria", "Aleppo"),
    ("Drones flew over Ukraine and Donetsk in the small hours.", "Ukraine", "Donetsk"),
    ("Shells landed in Russia and Belgorod overnight, a governor wrote.", "Russia", "Belgorod"),
])
def test_a_country_partner_does_not_make_a_city_a_division(resolver: Resolver, text: str, country: str,
                                                           city: str) -> None:
    town = _resolve(resolver, text, country, city)[1].place
    assert town is not None and town.feature_code.startswith("PPL")


@pytest.mark.slow
def test_two_big_towns_stay_towns_unless_the_context_says_province(resolver: Resolver) -> None:
    text = "Jets pounded Homs and Hama again, and later Aleppo and Idlib province."
    ms = _resolve(resolver, text, "Homs", "Hama", "Aleppo", "Idlib")
    assert all(m.place is not None for m in ms)
    assert [m.place.feature_code.startswith("PPL") for m in ms[:3]] == [True, True, True]  # type: ignore[union-attr]


@pytest.mark.slow
def test_two_states_of_one_country_are_states(resolver: Resolver) -> None:
    text = "Storm crews waited on the Georgia and Florida border for the wind to drop."
    ms = _resolve(resolver, text, "Georgia", "Florida")
    assert [(m.place.country_code, m.place.feature_code) for m in ms if m.place] == [("US", "ADM1")] * 2


@pytest.mark.slow
def test_a_list_of_states_makes_its_ambiguous_member_a_state(resolver: Resolver) -> None:
    text = "Fiddlers came from Kansas, New York, Oregon and Vermont for the weekend contest."
    ms = _resolve(resolver, text, "Kansas", "New York", "Oregon", "Vermont")
    assert ms[1].place is not None and ms[1].place.feature_code == "ADM1", ms[1].reason


@pytest.mark.slow
def test_commas_without_a_closing_and_are_no_list(resolver: Resolver) -> None:
    from frontlines.places.mentions import coordinated

    text = "Buses left Kansas, New York at dawn."
    ms = [PlaceMention(Span(text.index(n), text.index(n) + len(n), n)) for n in ("Kansas", "New York")]
    assert coordinated(ms, text) == []
    text = "Buses left Kansas, New York and Oregon at dawn."
    ms = [PlaceMention(Span(text.index(n), text.index(n) + len(n), n)) for n in ("Kansas", "New York", "Oregon")]
    assert [(a.span.text, b.span.text) for a, b in coordinated(ms, text)] == [("Kansas", "New York"), ("New York", "Oregon")]


@pytest.mark.slow
def test_a_comma_list_does_not_make_a_big_town_its_province(resolver: Resolver) -> None:
    text = "Attacks hit Kirkuk, Nineveh, Tikrit and Baghdad overnight."
    ms = _resolve(resolver, text, "Kirkuk", "Nineveh", "Tikrit", "Baghdad")
    assert ms[0].place is not None and ms[0].place.feature_class == "P", ms[0].reason


@pytest.mark.slow
def test_towns_joined_by_and_are_neighbours(resolver: Resolver) -> None:
    # Lindsay, California is the larger and its state is named; the Lindsay beside Gainesville is Texan
    text = "A buyer from California toured Texas, then the stores of Gainesville and Lindsay."
    ms = _resolve(resolver, text, "California", "Texas", "Gainesville", "Lindsay")
    assert ms[2].place is not None and ms[2].place.admin1_code == "TX"
    assert ms[3].place is not None and ms[3].place.admin1_code == "TX", ms[3].reason

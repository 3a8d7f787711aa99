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

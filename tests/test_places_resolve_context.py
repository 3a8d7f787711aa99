"""The report's area (`places.context`): namesakes told apart by the division of the report's places."""

from __future__ import annotations

import pytest
from records_factory import spaced_mentions as _mentions

from frontlines.places import Gazetteer
from frontlines.places.context import STANDING_GAP, Area, Standing, state_of
from frontlines.places.names import UNKNOWN_POPULATION, prior
from frontlines.places.resolve import Resolver
from frontlines.records import Place, PlaceMention, Span


def _place(gid: int, name: str, code: str, cc: str, admin1: str | None, population: int = 0) -> Place:
    return Place(gid, name, "A" if code.startswith(("PCL", "ADM")) else "P", code, cc, 0.0, 0.0,
                 population, admin1)


def test_area_shares_by_division_weight() -> None:
    town = _place(1, "Springfield", "PPL", "US", "IL", 100_000)
    county = _place(2, "Sangamon County", "ADM2", "US", "IL")
    other = _place(3, "Columbus", "PPL", "US", "OH", 900_000)
    country = _place(4, "United States", "PCLI", "US", None)
    area = Area.of([(town, 2.0), (county, 1.0), (other, 1.0), (country, 5.0)])
    assert state_of(country) is None and state_of(county) == ("US", "IL")
    # a country carries no division and weighs nothing here
    assert area.total == 4.0
    assert area.share(_place(5, "Decatur", "PPL", "US", "IL")) == pytest.approx(0.75)
    assert area.share(_place(6, "Decatur", "PPL", "US", "GA")) == 0.0
    high, _ = area.coherence(_place(5, "Decatur", "PPL", "US", "IL"))
    low, _ = area.coherence(_place(7, "Dayton", "PPL", "US", "OH"))
    assert 0.4 < low < high < 1.0
    assert area.coherence(_place(6, "Decatur", "PPL", "US", "GA")) == (0.0, "")
    assert not Area.of([(country, 1.0)])


def test_standing_compares_within_country_and_class() -> None:
    def prior(p: Place) -> float:
        return p.population / 1_000_000

    big = _place(1, "Boston", "PPL", "US", "MA", 650_000)
    small = _place(2, "Boston", "PPL", "US", "NY", 8_000)
    near = _place(3, "Boston", "PPL", "US", "GA", 650_000 - int(STANDING_GAP * 1_000_000) + 1)
    foreign = _place(4, "Boston", "PPL", "GB", "ENG", 60_000)
    county = _place(5, "Boston County", "ADM2", "US", "MA")
    s = Standing([big, small, near, foreign, county], prior)
    assert s.comparable(big) and s.comparable(near)
    assert not s.comparable(small)
    # the best of its own country and class: a British town is not measured against American ones
    assert s.comparable(foreign) and s.comparable(county)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.default())


@pytest.mark.slow
def test_county_takes_the_division_of_its_town(resolver: Resolver) -> None:
    # six counties bear the name, and the county's point is no help: the town of the name and
    # its neighbour lie in Illinois, so the county is the Illinois one
    ms = resolver(_mentions("DeKalb", "DeKalb County", "Sycamore"))
    county = ms[1].place
    assert county is not None and county.feature_code == "ADM2"
    assert (county.country_code, county.admin1_code) == ("US", "IL")


@pytest.mark.slow
def test_main_division_of_a_report_naming_several(resolver: Resolver) -> None:
    # a report on one state that compares it with its neighbours: each named state contains a
    # county of the name, and the state named most often is the report's
    ms = resolver(_mentions("Indiana", "Illinois", "Indiana", "Ohio", "Indiana", "Boone County",
                            "Montgomery County"))
    for m in ms[5:]:
        assert m.place is not None and (m.place.country_code, m.place.admin1_code) == ("US", "IN"), m


@pytest.mark.slow
def test_a_known_place_taken_for_a_nationality_is_a_place(resolver: Resolver) -> None:
    ms = [PlaceMention(Span(0, 6, "Punjab"), role="demonym"), PlaceMention(Span(20, 24, "Arab"), role="demonym"),
          PlaceMention(Span(40, 46, "Syrian"), role="demonym"), PlaceMention(Span(60, 66, "Lahore"))]
    resolver(ms)
    punjab, arab, syrian, _ = ms
    # a first-order division's own name is a place, not a nationality (Pakistan's, beside Lahore)
    assert punjab.role == "place" and punjab.place is not None
    assert (punjab.place.feature_code, punjab.place.country_code) == ("ADM1", "PK")
    # a word that is only a small town's name stays a demonym, and a demonym stays one
    assert arab.role == "demonym" and arab.place is None
    assert syrian.role == "demonym" and syrian.place is not None and syrian.place.country_code == "SY"


@pytest.mark.slow
def test_a_town_and_the_district_of_its_name_gain_alike(resolver: Resolver) -> None:
    # the district bears the name as its own, the town as an alternate spelling: both lie in the
    # report's region, so the region favours neither and the bare name stays the town
    ms = [PlaceMention(Span(0, 7, "Kharkiv"), context="region"), PlaceMention(Span(30, 38, "Kupiansk")),
          PlaceMention(Span(60, 67, "Ukraine"))]
    resolver(ms)
    town = ms[1].place
    assert town is not None and town.feature_class == "P", ms[1]


def test_a_town_of_unknown_population_stands_as_a_seat() -> None:
    def town(population: int, code: str = "PPL") -> Place:
        return Place(1, "Town", "P", code, "SY", 36.0, 38.0, population)

    assert prior(town(0)) == prior(town(UNKNOWN_POPULATION)) > prior(town(1_000))
    assert prior(town(0, "PPLA2")) == prior(town(0)) and prior(town(0, "PPLX")) < prior(town(500, "PPLX"))


@pytest.mark.slow
def test_a_district_seat_without_population_beats_a_foreign_village(resolver: Resolver) -> None:
    # GeoNames gives Syria's al-Rai and Yemen's Rada' no population; alone, each is not Rai, France
    # (1,790 people) nor a village of Tuscany
    for name, country in (("Al-Rai", "SY"), ("Rada'a", "YE")):
        m = resolver(_mentions(name))[0]
        assert m.place is not None and (m.place.country_code, m.place.population) == (country, 0), (name, m.reason)

"""Event dates (datelines, 'since <day>') and event places (seats, other countries, a country
standing for a finer place), on short reports written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.events.timex import resolve_expression
from tests.test_events_extract import extract

pytestmark = pytest.mark.slow


def test_since_a_day_runs_from_that_day_to_the_report() -> None:
    for text in ("since 3 April", "since April 3", "since the 3rd of April"):
        found = resolve_expression(text, date(2021, 4, 13))
        assert (found.start, found.end) == (date(2021, 4, 3), date(2021, 4, 13)), text
    found = resolve_expression("since 20 December", date(2021, 4, 13))
    assert found.start == date(2020, 12, 20)  # the latest such day before the report
    assert resolve_expression("since 31 June", date(2021, 8, 1)).start is None


def test_an_event_with_no_time_of_its_own_takes_the_dateline(pipeline) -> None:
    text = ("Coalition jets bombed a bakery in the old town, killing four people.\n\n"
            "March 14th 2019: (Q77) the old market quarter, Deir Ezzor governorate, Syria")
    events = extract(pipeline, text, date(2019, 3, 20))
    assert events and all(e.date.start == date(2019, 3, 14) and e.date.precision == 1 for e in events)
    assert all(e.date.basis == "text" and e.date.span.text == "March 14th 2019" for e in events)
    ranged = extract(pipeline, text.replace("March 14th 2019", "March 14th – 15th 2019"), date(2019, 3, 20))
    assert all((e.date.start, e.date.end) == (date(2019, 3, 14), date(2019, 3, 15)) for e in ranged)


def test_a_time_in_the_sentence_outranks_the_dateline(pipeline) -> None:
    text = ("Coalition jets bombed a bakery in the old town on Monday, killing four people.\n\n"
            "March 14th 2019: (Q77) the old market quarter, Deir Ezzor governorate, Syria")
    events = extract(pipeline, text, date(2019, 3, 20))
    assert events and events[0].date.start == date(2019, 3, 18)


def test_no_dateline_keeps_the_report_date(pipeline) -> None:
    text = "Coalition jets bombed a bakery in the old town of Mayadin, killing four people. Talks: 14 March 2019."
    events = extract(pipeline, text, date(2019, 3, 20))
    assert events and events[0].date.start == date(2019, 3, 20) and events[0].date.basis == "report"


def test_a_seat_is_never_the_place_of_an_event(pipeline) -> None:
    text = ("Air strikes hit the town of Saraqib in Idlib province on Monday. Nine people were killed, "
            "the Britain-based rights group reported.")
    events = extract(pipeline, text, date(2020, 2, 5))
    assert events and all(e.place is not None and e.place.place.country_code == "SY" for e in events)


def test_another_country_than_the_report_is_about_is_not_the_place(pipeline) -> None:
    text = ("Turkey shelling kills nine\n"
            "Shells killed nine civilians in Saraqib in Idlib province on Monday, rescuers said.")
    events = extract(pipeline, text, date(2020, 2, 5))
    assert events and all(e.place is not None and e.place.place.country_code == "SY" for e in events)


def test_a_country_stands_for_the_finer_place_the_report_names_in_it(pipeline) -> None:
    text = ("Rocket attack that shook Syria kills five children\n"
            "Rockets hit a school in the city of Aleppo on Sunday, killing five children.")
    events = extract(pipeline, text, date(2016, 7, 24))
    assert events and events[0].place.place.name == "Aleppo" and events[0].where_prec >= 2


def test_a_place_its_written_division_contradicts_gives_way_to_that_division(pipeline) -> None:
    text = "Gunmen shot dead two shopkeepers in Los Angeles, Veracruz, on Sunday night."
    events = extract(pipeline, text, date(2021, 5, 3))
    assert events and events[0].place.place.country_code == "MX"
    agreed = extract(pipeline, text.replace("Los Angeles", "Cordoba"), date(2021, 5, 3))
    assert agreed and agreed[0].place.place.name == "Córdoba" and agreed[0].place.place.country_code == "MX"

"""Units of the event coder: counts, time expressions, actors."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from frontlines.events.numbers import find_counts, words_to_int
from frontlines.events.timex import precision_of, report_range, resolve_expression


@pytest.mark.parametrize("text,expected", [
    ("more than 20 Syrian soldiers", (21, 21, None)),
    ("at least 7 civilians", (7, 7, None)),
    ("15 to 20 fighters", (15, 15, 20)),
    ("between 5 and 8 people", (5, 5, 8)),
    ("10-12 killed", (10, 10, 12)),
    ("fourteen soldiers", (14, 14, 14)),
    ("twenty-seven cars", (27, 27, 27)),
    ("several thousand militants", (2000, 3000, 9000)),
    ("dozens of people", (24, 24, None)),
    ("a dozen soldiers", (12, 12, 12)),
    ("up to 30 fighters", (None, None, 30)),
    ("as many as 30 fighters", (None, 30, 30)),
    ("more than a dozen soldiers", (13, 13, None)),
    ("nearly 40 troops", (None, 40, 40)),
    ("about ten camps", (None, 10, None)),
    ("1,200 troops", (1200, 1200, 1200)),
])
def test_counts(text: str, expected: tuple) -> None:
    count = find_counts(text)[0]
    assert (count.low, count.best, count.high) == expected
    assert text[count.start:count.end] == count.text


def test_acled_reading_of_vague_words() -> None:
    assert find_counts("dozens of people")[0].acled == 12
    assert find_counts("hundreds of people")[0].acled == 100


@given(st.integers(min_value=0, max_value=10**6))
def test_digits_round_trip(n: int) -> None:
    assert words_to_int(f"{n:,}") == n


@given(st.text(max_size=200))
def test_counts_never_raise_and_spans_hold(text: str) -> None:
    for c in find_counts(text, offset=3):
        assert text[c.start - 3:c.end - 3] == c.text
        assert c.low is None or c.high is None or c.low <= c.high


FRIDAY = date(2019, 4, 12)


@pytest.mark.parametrize("text,start,end,prec", [
    ("over the past 10 days", date(2019, 4, 3), FRIDAY, 4),
    ("since the beginning of March", date(2019, 3, 1), FRIDAY, 5),
    ("last week", date(2019, 4, 1), date(2019, 4, 7), 3),
    ("on Tuesday", date(2019, 4, 9), date(2019, 4, 9), 1),
    ("yesterday", date(2019, 4, 11), date(2019, 4, 11), 1),
    ("three days ago", date(2019, 4, 9), date(2019, 4, 9), 1),
    ("in early 2019", date(2019, 1, 1), date(2019, 4, 30), 5),
    ("on 5 March 2019", date(2019, 3, 5), date(2019, 3, 5), 1),
    ("last month", date(2019, 3, 1), date(2019, 3, 31), 4),
    ("within 72 hours", date(2019, 4, 9), FRIDAY, 2),
    ("in the last 24 hours", date(2019, 4, 11), FRIDAY, 2),
    ("Sunday 10 Mar 2019", date(2019, 3, 10), date(2019, 3, 10), 1),
    ("March 27th/28th 2019", date(2019, 3, 27), date(2019, 3, 28), 2),
    ("3-5 April", date(2019, 4, 3), date(2019, 4, 5), 2),
])
def test_time_expressions(text: str, start: date, end: date, prec: int) -> None:
    found = resolve_expression(text, FRIDAY)
    assert (found.start, found.end, found.precision) == (start, end, prec)
    assert found.basis == "text" and found.span is not None


@pytest.mark.parametrize("text", ["over the past 10 days", "since the beginning of March", "on Friday", "last week"])
def test_relative_time_stays_open_without_a_publication_date(text: str) -> None:
    found = resolve_expression(text, None)
    assert found.start is None and found.end is None and found.precision is None
    assert found.span.text  # the words are kept as evidence


@pytest.mark.parametrize("text", ["76", "the 9th day", "42 days", "about 40 days", "its 39th day"])
def test_counts_ordinals_and_durations_are_no_dates(text: str) -> None:
    """'76 died yesterday', 'the 9th day of the siege', '42 days of the truce': spaCy calls them DATE."""
    assert resolve_expression(text, FRIDAY) is None


def test_absolute_dates_resolve_without_a_publication_date() -> None:
    found = resolve_expression("on 5 March 2019", None)
    assert found.start == date(2019, 3, 5)


def test_no_time_cue_takes_the_report_date_or_stays_unknown() -> None:
    assert report_range(FRIDAY).basis == "report" and report_range(FRIDAY).start == FRIDAY
    unknown = report_range(None)
    assert unknown.basis == "unknown" and unknown.start is None


def test_precision_of_ranges() -> None:
    d = date(2020, 1, 1)
    assert [precision_of(d, date(2020, 1, n)) for n in (1, 3, 7, 20)] == [1, 2, 3, 4]
    assert precision_of(d, date(2020, 12, 31)) == 5
    assert precision_of(d, date(2022, 1, 1)) is None


@pytest.mark.parametrize(("sentence", "prec"), [
    ("A roadside bomb struck a patrol in Tal Afar on Saturday.", 1),
    ("A roadside bomb struck a patrol west of Tal Afar on Saturday.", 2),
    ("Shelling hit a camp 20 km north-east of Tal Afar.", 2),
    ("Militants ambushed a convoy on the road between Tal Afar and Sinjar.", 2),
])
def test_where_prec_near_a_place_by_direction_or_between(sentence: str, prec: int) -> None:
    from frontlines.events.places import where_prec
    from frontlines.records import Place, PlaceMention, Span

    start = sentence.index("Tal Afar")
    town = Place(1, "Tall 'Afar", "P", "PPL", "IQ", 36.37, 42.45)
    assert where_prec(PlaceMention(Span(start, start + 8, "Tal Afar"), place=town), sentence) == prec

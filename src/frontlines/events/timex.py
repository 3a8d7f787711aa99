"""Time expressions → a date range with UCDP's `date_prec`, resolved against the publication date.

Relative expressions ("on Friday", "last week", "over the past 10 days", "since the beginning of
March") need the publication date; when it is unknown they are kept as open ranges with their
words, never resolved against today. Absolute dates with a year resolve on their own.
Precision follows the length of the range: 1 day → 1, 2–6 days → 2, 7 → 3, up to a month → 4,
up to a year → 5, longer → None.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

import dateparser

from frontlines.records import DateRange, Span

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "several": 3, "few": 3, "a few": 3}

MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>{MONTH_WORDS})\.?"
_NUM = r"(?P<n>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("past_n", re.compile(rf"\b(?:over|in|during|within|for)?\s*(?:the\s+)?(?:past|last|previous)\s+{_NUM}\s+{_UNIT}\b", re.I)),
    ("within_n", re.compile(rf"\b(?:(?:within|during|over|in)\s+(?:the\s+)?(?:past\s+|last\s+)?|(?:the\s+)?(?:past|last)\s+){_NUM}\s+(?P<unit>hour|day)s?\b", re.I)),
    ("n_ago", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.I)),
    ("since_day", re.compile(rf"\bsince\s+(?:the\s+)?(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|"
                             rf"(?P<month2>{MONTH_WORDS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)(?:,?\s+(?P<year>\d{{4}}))?", re.I)),
    ("since_month", re.compile(rf"\bsince\s+(?:the\s+(?P<part>beginning|start|end|middle)\s+of\s+|(?P<early>early|mid|late)[\s-]+)?{_MONTH}(?:\s+(?P<year>\d{{4}}))?\b", re.I)),
    ("part_month", re.compile(rf"\b(?:in\s+)?(?:the\s+)?(?P<early>early|mid|late|beginning of|end of|middle of)[\s-]+{_MONTH}(?:\s+(?P<year>\d{{4}}))?\b", re.I)),
    ("part_year", re.compile(r"\b(?:in\s+)?(?P<early>early|mid|late)[\s-]+(?P<year>\d{4})\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last night|the day before|the previous day|the previous night)\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight|this morning|this afternoon|this evening|earlier today|overnight)\b", re.I)),
    ("last_unit", re.compile(r"\b(?P<which>last|this|past|earlier this)\s+(?P<unit>week|month|year)\b", re.I)),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I)),
]


def precision_of(start: date, end: date) -> int | None:
    """UCDP date_prec from the length of a range."""
    days = (end - start).days + 1
    if days <= 1:
        return 1
    if days <= 6:
        return 2
    if days <= 7:
        return 3
    if days <= 31:
        return 4
    if days <= 366:
        return 5
    return None


def _n(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS.get(text.lower(), 1)


def _month_range(year: int, month: int, part: str | None) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    part = (part or "").lower()
    if part in ("early", "beginning", "beginning of", "start"):
        return date(year, month, 1), date(year, month, 10)
    if part in ("mid", "middle", "middle of"):
        return date(year, month, 11), date(year, month, 20)
    if part in ("late", "end", "end of"):
        return date(year, month, 21), date(year, month, last)
    return date(year, month, 1), date(year, month, last)


def _year_for(month: int, published: date) -> int:
    """The year of a month named without one: the latest that is not after the publication."""
    return published.year if month <= published.month else published.year - 1


def _resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[date, date] | None:
    g = m.groupdict()
    if kind == "part_year":
        year = int(g["year"])
        start, end = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[g["early"].lower()]
        return date(year, start, 1), date(year, end, calendar.monthrange(year, end)[1])
    year = int(g["year"]) if g.get("year") else None
    if kind == "part_month" and year:
        return _month_range(year, MONTHS[g["month"].lower()], g["early"])
    if published is None:
        return None
    if kind == "past_n":
        return published - timedelta(days=_n(g["n"]) * UNIT_DAYS[g["unit"].lower()] - 1), published
    if kind == "within_n":  # "within 72 hours": the days up to the report
        n = _n(g["n"])
        days = -(-n // 24) if g["unit"].lower() == "hour" else max(n - 1, 0)
        return published - timedelta(days=days), published
    if kind == "n_ago":
        day = published - timedelta(days=_n(g["n"]) * UNIT_DAYS[g["unit"].lower()])
        return (day, day) if g["unit"].lower() == "day" else (day - timedelta(days=UNIT_DAYS[g["unit"].lower()] // 2), day)
    if kind == "since_day":  # "since 3 April": from that day up to the report
        month = MONTHS[(g["month"] or g["month2"]).lower()]
        day = int(g["d1"] or g["d2"])
        year = year or _year_for(month, published)
        if day > calendar.monthrange(year, month)[1]:
            return None
        start = date(year, month, day)
        if start > published and not g.get("year"):
            start = start.replace(year=year - 1) if not (month == 2 and day == 29) else start
        return (start, published) if start <= published else None
    if kind == "since_month":
        month = MONTHS[g["month"].lower()]
        start, _ = _month_range(year or _year_for(month, published), month, g.get("part") or g.get("early"))
        if g.get("part") in (None, "beginning", "start") and not g.get("early"):
            start = start.replace(day=1)
        return start, published
    if kind == "part_month":
        month = MONTHS[g["month"].lower()]
        return _month_range(_year_for(month, published), month, g["early"])
    if kind == "yesterday":
        return published - timedelta(days=1), published - timedelta(days=1)
    if kind == "today":
        return published, published
    if kind == "last_unit":
        return _calendar_unit(g["which"].lower(), g["unit"].lower(), published)
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
        if m.group(0).lower().startswith("last") and back == 0:
            back = 7
        day = published - timedelta(days=back)
        return day, day
    return None


def _calendar_unit(which: str, unit: str, published: date) -> tuple[date, date]:
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        if which in ("this", "earlier this"):
            return monday, published
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if unit == "month":
        first = published.replace(day=1)
        if which in ("this", "earlier this"):
            return first, published
        prev_last = first - timedelta(days=1)
        return prev_last.replace(day=1), prev_last
    first = date(published.year, 1, 1)
    if which in ("this", "earlier this"):
        return first, published
    return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)


_DATE_SHAPE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b|\b\d{4}\b|\b\d{1,2}[/.-]\d{1,2}\b", re.I)
_DURATION = re.compile(rf"\b(?:\d+|{'|'.join(NUMBER_WORDS)})(?:st|nd|rd|th)?\s+{_UNIT}\b(?!\s+ago)", re.I)


def _absolute(text: str, published: date | None) -> tuple[date, date] | None:
    """An absolute date through dateparser; the period it reports sets the range."""
    if not re.search(r"\d|" + "|".join(MONTHS), text, re.I):
        return None
    if not _DATE_SHAPE.search(text) or _DURATION.search(text):
        return None  # "76 died", "the 9th day of the siege", "42 days of the truce": no calendar date
    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False, "STRICT_PARSING": False,
                "PREFER_DAY_OF_MONTH": "first"}
    has_year = bool(re.search(r"\b\d{4}\b", text))
    if published is None and not has_year:
        return None
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    data = dateparser.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if data.period == "month":
        return _month_range(day.year, day.month, None)
    if data.period == "week":
        return day, day + timedelta(days=6)
    return day, day


def resolve_expression(text: str, published: date | None, offset: int = 0) -> DateRange | None:
    """A date range for one time expression (e.g. a spaCy DATE entity), or None if it has no reading.

    When the expression is relative and `published` is None, the range is returned open
    (start and end None) with its words, so the event keeps its evidence.
    """
    if re.search(r"\d", text) and re.search(_MONTH, text, re.I) and not _RELATIVE_WORDS.search(text):
        # "Sunday 12 Jun 2016", "June 27th/28th 2017": the calendar date outranks the weekday
        ranged = _day_range(text, published)
        resolved = ranged or _absolute(text, published)
        if resolved is not None:
            start, end = resolved
            return DateRange(start, end, precision_of(start, end), "text", Span(offset, offset + len(text), text))
    for kind, pattern in PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        span = Span(offset + m.start(), offset + m.end(), m.group(0))
        resolved = _resolve(kind, m, published)
        if resolved is None:
            return DateRange(None, None, None, "text", span)
        start, end = resolved
        return DateRange(start, end, precision_of(start, end), "text", span)
    resolved = _absolute(text, published)
    if resolved is not None:
        start, end = resolved
        return DateRange(start, end, precision_of(start, end), "text", Span(offset, offset + len(text), text))
    if published is None and re.search(r"\b(?:" + "|".join(MONTHS) + r")\b", text, re.I):
        return DateRange(None, None, None, "text", Span(offset, offset + len(text), text))
    return None


_RELATIVE_WORDS = re.compile(r"\b(?:since|early|mid|late|beginning|end|middle|past|last|previous|ago)\b", re.I)
_ORD = r"(?:st|nd|rd|th)?"
_DAY_RANGE = (re.compile(rf"\b{_MONTH}\s+(?P<d1>\d{{1,2}}){_ORD}\s*[-/–]\s*(?P<d2>\d{{1,2}}){_ORD},?(?:\s+(?P<year>\d{{4}}))?", re.I),
              re.compile(rf"\b(?P<d1>\d{{1,2}}){_ORD}\s*[-/–]\s*(?P<d2>\d{{1,2}}){_ORD}\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?", re.I))


def _day_range(text: str, published: date | None) -> tuple[date, date] | None:
    """'June 27th/28th 2017', '3-5 May': two days of one month."""
    for pattern in _DAY_RANGE:
        m = pattern.search(text)
        if m is None:
            continue
        month = MONTHS[m.group("month").lower()]
        year = int(m.group("year")) if m.group("year") else (_year_for(month, published) if published else None)
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
        if year is None or not 1 <= d1 <= d2 <= calendar.monthrange(year, month)[1]:
            return None
        return date(year, month, d1), date(year, month, d2)
    return None


def report_range(published: date | None) -> DateRange:
    """The range of an event with no time cue: the report's date, or open when that is unknown."""
    if published is None:
        return DateRange(None, None, None, "unknown", None)
    return DateRange(published, published, 1, "report", None)

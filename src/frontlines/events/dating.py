"""When an event happened: the time expression of its sentence that dates its trigger, resolved by
`timex`, else the report's date.

A time expression dates the event unless it dates something else in the sentence: a noun it
modifies ("Friday prayers"), another event word's or clause's phrase, a running total ("raising
the toll to 225 in 8 days") or a superlative ("the largest ... in 2017"). An event whose sentence
gives no time takes the date of the report's nearest dateline before it (an incident log's
entry) when it has one, else the report's date.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from frontlines.events.taxonomy import TRIGGER_LEMMAS
from frontlines.events.timex import MONTH_WORDS, report_range, resolve_expression
from frontlines.records import DateRange, Report, Span


def event_date(doc: Doc, sent: SpacySpan, report: Report, head: Token | None = None) -> DateRange:
    """The date range of the event whose trigger is `head` in `sent`."""
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if head is not None and _of_another_event(ent, head):
            continue  # "Friday prayers are cancelled", "the massacre at the end of September": not this event's time
        start = ent.start
        if start > sent.start and doc[start - 1].lower_ in ("since", "over", "on", "in", "during", "last"):
            start -= 1
        span = doc[start:ent.end]
        found = resolve_expression(span.text, report.published, span.start_char)
        if found is not None and found.start is not None and report.published is not None \
                and not report.published.year - 50 <= found.start.year <= report.published.year + 1:
            continue  # "1070 apartments" is no year
        if found is not None:
            return found
    # the entry the trigger is written in ("July 12th 2017: ... July 13th 2017: ..."): its nearest dateline before
    at = head.idx if head is not None else next((t.idx for t in sent if not t.is_space), sent.start_char)
    return dateline(doc, report, at) or report_range(report.published)


_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_MONTHS = rf"(?:{MONTH_WORDS})\.?"  # timex's month names and abbreviations ("Sept.", "Aug")
DATELINE = re.compile(rf"^[ \t]*(?P<date>{_MONTHS}\s+{_ORD}(?:\s*[-–]\s*{_ORD})?|{_ORD}(?:\s*[-–]\s*{_ORD})?\s+{_MONTHS})"
                      rf",?\s+(?P<year>\d{{4}})\s*:", re.MULTILINE | re.IGNORECASE)


def dateline(doc: Doc, report: Report, at: int | None = None) -> DateRange | None:
    """The date of the report's dateline nearest before character `at`, a paragraph that opens with a
    full calendar date and a colon ("July 12th 2017: (S1046) al Sa'ada village, Hassaka governorate"):
    an incident log dates each entry so, and an event the text gives no time of its own happened on
    its entry's date. Before the first dateline (a title), or with no `at`, the first one."""
    key = "frontlines.dateline"
    if key not in doc.user_data:  # once per report: doc.text is rebuilt on each call
        doc.user_data[key] = [(m.start("date"), m.end("year"), m.group("date"), m.group("year"),
                               m.string[m.start("date"):m.end("year")]) for m in DATELINE.finditer(doc.text)]
    found_lines = doc.user_data[key]
    if not found_lines:
        return None
    line = found_lines[0]
    if at is not None:
        line = next((d for d in reversed(found_lines) if d[0] <= at), line)
    start, end, day, year, words = line
    found = resolve_expression(f"{day} {year}", report.published)
    if found is None or found.start is None:
        return None
    found.span = Span(start, end, words)
    return found


def _of_another_event(ent: SpacySpan, head: Token) -> bool:
    """A time expression that dates something else in the sentence: it modifies a noun as a compound
    ("Friday prayers"), or hangs from another event word or clause than the trigger's."""
    root = ent.root
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i >= ent.end \
            and root.head.ent_type_ not in ("DATE", "TIME") and root.head.lower_ not in TIME_NOUNS:
        return True
    for anc in root.ancestors:
        if anc == head or head in anc.subtree:
            return False  # it scopes over the trigger ("On 26 May, students held a walkout and rallied")
        if anc.lemma_.lower() in TRIGGER_LEMMAS and anc.pos_ in ("NOUN", "VERB") or anc.lemma_.lower() in RUNNING_TOTAL \
                or any(c.tag_ == "JJS" or c.lower_ == "first" for c in anc.children):
            return True  # another event; a running total ("raising the toll to 225 in 8 days"); "the largest ... in 2017"
    return False


TIME_NOUNS = {"morning", "evening", "night", "afternoon", "dawn", "noon", "midnight", "hours", "time"}
RUNNING_TOTAL = {"raise", "rise", "toll", "number", "total", "tally", "bring", "reach", "increase", "mount", "climb"}

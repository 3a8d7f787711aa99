"""Review leftovers in the events stage: the country cues read the gazetteer they are given and ignore
a source's seat; an incident log's entries take their own datelines; "Sept." dates a dateline.
Every text here is made up for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.events.countrycues import report_country, report_discourse
from frontlines.events.dating import dateline
from frontlines.records import Report

pytestmark = pytest.mark.slow


def _report(text: str, published: date | None = date(2017, 10, 1)) -> Report:
    return Report(Report.make_id(text), text, "test", source="Test Wire", published=published)


def _events(pipeline, text: str, published: date | None = date(2017, 10, 1)):
    doc = pipeline.nlp(text)
    return pipeline.extractor(doc, _report(text, published), pipeline.geoparser(doc))


def test_the_country_cues_read_the_gazetteer_the_pipeline_was_given(pipeline, monkeypatch) -> None:
    from frontlines.pipeline import Pipeline
    from frontlines.places import Gazetteer, Geoparser

    given = pipeline.geoparser.gazetteer
    custom = Pipeline(pipeline.settings, nlp=pipeline.nlp, geoparser=Geoparser(given))
    assert custom.extractor.gazetteer is given

    def no_default(cls):
        raise AssertionError("the default gazetteer was loaded although one was given")

    monkeypatch.setattr(Gazetteer, "default", classmethod(no_default))
    # no place the geoparser resolves below the country: the country cues read the index
    text = "Protesters marched through the streets on Monday demanding higher wages, the organisers said."
    doc = custom.nlp(text)
    mentions = custom.geoparser(doc)
    assert not any(m.place is not None and not (m.place.feature_code or "").startswith("PCL") for m in mentions)
    custom.extractor(doc, _report(text), mentions)  # raised before: the cues loaded the default index
    report_country(doc, custom.extractor.actors, mentions, gazetteer=given)


def test_a_sources_seat_gives_no_vote_for_the_reports_country(pipeline) -> None:
    actors = pipeline.extractor.actors
    for text in ("The Britain-based Syrian Observatory for Human Rights said warplanes struck a bakery, "
                 "killing four civilians.",
                 "A monitoring group based in London said warplanes struck a bakery, killing four civilians.",
                 "A rights group headquartered in London said gunmen shot dead two Syrian farmers."):
        doc = pipeline.nlp(text)
        mentions = pipeline.geoparser(doc)
        assert report_discourse(doc, mentions, actors, pipeline.geoparser.gazetteer).country != "GB", text
        assert report_country(doc, actors, mentions) != "GB", text
    # a country named as the place of the report still votes
    doc = pipeline.nlp("Police in London arrested three men after a stabbing, a spokesman said.")
    assert report_discourse(doc, pipeline.geoparser(doc), actors).country == "GB"


def test_an_undated_sentence_takes_the_nearest_dateline_before_it(pipeline) -> None:
    text = ("Incident log of the Valley monitoring team\n\n"
            "July 12th 2017: Saraqib, Idlib governorate. The entry was checked by two witnesses. "
            "Warplanes bombed a bakery in the town, killing three civilians.\n\n"
            "July 14th 2017: Ariha, Idlib governorate. The entry was checked by one witness. "
            "Gunmen shot dead a teacher outside his home.\n\n"
            "July 19th 2017: Kafr Nabl, Idlib governorate. The entry was checked by three witnesses. "
            "Gunmen abducted a pharmacist from his shop.\n")
    doc = pipeline.nlp(text)
    report = _report(text)
    assert dateline(doc, report).start == date(2017, 7, 12)  # no position: the first
    assert dateline(doc, report, text.index("Gunmen shot")).start == date(2017, 7, 14)
    assert dateline(doc, report, text.index("Gunmen abducted")).start == date(2017, 7, 19)
    assert dateline(doc, report, 0).start == date(2017, 7, 12)  # the title, before any entry
    events = pipeline.extractor(doc, report, pipeline.geoparser(doc))
    by_word = {e.trigger.text.lower().split()[0]: e.date for e in events}
    assert {w: d.start for w, d in by_word.items()} == {
        "bombed": date(2017, 7, 12), "shot": date(2017, 7, 14), "abducted": date(2017, 7, 19)}, by_word
    assert by_word["abducted"].span.text == "July 19th 2017"


def test_sept_dates_a_dateline(pipeline) -> None:
    text = ("Sept. 3 2017: Gunmen shot dead a shopkeeper in Saraqib.\n\n"
            "3 Sept. 2017: Warplanes bombed a bakery in Ariha.\n")
    doc = pipeline.nlp(text)
    report = _report(text)
    found = dateline(doc, report)
    assert found is not None and found.start == date(2017, 9, 3) and found.span.text == "Sept. 3 2017"
    assert dateline(doc, report, text.index("Warplanes")).span.text == "3 Sept. 2017"

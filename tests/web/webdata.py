"""A small database of the workbench tests' own: the white-desert report of `records_factory`, a second
report whose text carries markup (script injection), and located events in three places."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import records_factory as rf

from frontlines.records import Actor, DateRange, Event, Evidence, Place, PlaceMention, Report, Toll
from frontlines.store import Database

EMAIL = "reviewer.secret@example.org"
XSS_TEXT = (
    "Clashes near Marib <script>window.__xss = 1</script> left 7 fighters dead on 2024-03-02, "
    'officials said. <img src=x onerror="window.__xss = 2"> Houthi forces attacked the town.\n'
)

MARIB = Place(geonameid=76184, name="Ma'rib", feature_class="P", feature_code="PPLA", country_code="YE",
              lat=15.4591, lon=45.3253, admin1_name="Ma'rib", country_name="Yemen")


def xss_report() -> tuple[Report, list[PlaceMention], list[Event]]:
    """A report whose text holds a <script> and an <img onerror>, with one located event in it."""
    rep = rf.report(XSS_TEXT, title='Marib <b onmouseover="window.__xss=3">clashes</b>', source="Yemen Wire",
                    url="https://wire.example/marib", published=date(2024, 3, 3))
    t = rep.text
    place = PlaceMention(rf.span(t, "Marib"), place=MARIB, score=0.9, reason="exact name", label="GPE")
    trigger = rf.span(t, "Clashes")
    toll = rf.span(t, "7 fighters dead")
    actor = Actor("Houthi forces", "Ansar Allah", 2, rf.span(t, "Houthi forces"), "YE")
    event = Event(
        event_id=Event.make_id(rep.report_id, trigger, "Battles"), report_id=rep.report_id,
        event_type="Battles", sub_event_type="Armed clash", trigger=trigger,
        sentence=rf.span(t, t.split("\n")[0]), actor1=actor, place=place, where_prec=1, geo_precision=1,
        date=DateRange(date(2024, 3, 2), date(2024, 3, 2), 1, "text", rf.span(t, "2024-03-02")),
        fatalities=Toll(best=7, span=toll), violence_type=1,
        evidence=[Evidence("trigger", trigger), Evidence("place", place.span), Evidence("fatalities", toll),
                  Evidence("actor1", actor.span)],  # type: ignore[arg-type]
    )
    return rep, [place], [event]


def fill(db: Database) -> dict[str, str]:
    """Store both reports; returns the ids the tests need."""
    run = db.start_run({"paths": ["tests"]})
    rep, mentions, events = rf.white_desert()
    # Locate the first (white desert) event at At Tanf, so the map has points in two countries.
    tanf = replace(mentions[1])
    events[0] = replace(events[0], place=tanf, where_prec=2)
    db.save(rep, mentions, events, run)
    xrep, xmentions, xevents = xss_report()
    db.save(xrep, xmentions, xevents, run)
    db.finish_run(run, {"reports": 2}, "ok")
    return {"report": rep.report_id, "attack": events[0].event_id, "strike": events[1].event_id,
            "xss_report": xrep.report_id, "xss_event": xevents[0].event_id}

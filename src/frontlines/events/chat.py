"""The "chat" extractor: a language model behind an OpenAI-compatible endpoint codes the events.

The model is asked for ACLED-coded events as JSON, each field given as the *exact words* of the
report (see `SYSTEM_PROMPT`). The model only reads; the project's own code does the rest, as it
does for the rules: every quote is found in the text (exactly, then ignoring case and spacing,
then by a bounded fuzzy alignment) and becomes an evidence span; actors are normalised by the
actor dictionary, places taken from the geoparser's mentions under the quoted words, dates
resolved by `timex` against the publication date, counts read by `numbers`. A quote that cannot
be found is dropped, and an event whose trigger cannot be found is dropped: nothing is kept
that is not in the report. A reply that is not JSON, or a server that does not answer, raises
`ExtractorError`: the report is logged as a failure with that reason and the batch goes on.

Settings (environment): `FRONTLINES_CHAT_URL` (the server's base URL, e.g.
http://127.0.0.1:8080/v1 for llama.cpp's server, vLLM or Ollama), `FRONTLINES_CHAT_MODEL`
(default "default"), `FRONTLINES_CHAT_KEY` (optional bearer token), `FRONTLINES_CHAT_TIMEOUT`
(seconds, default 120). Select it with `--extractor chat` or `FRONTLINES_EXTRACTOR=chat`; the
evaluation harness scores it with `frontlines eval events --extractor chat`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from frontlines.events import ExtractorError
from frontlines.events import places as event_places
from frontlines.events.actors import ActorDictionary
from frontlines.events.numbers import parse_count
from frontlines.events.roles import Discourse, normalise
from frontlines.events.taxonomy import ACLED_TYPES, violence_type
from frontlines.events.timex import report_range, resolve_expression
from frontlines.records import Actor, Attribution, Event, Evidence, PlaceMention, Report, Span, Toll

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODALITIES = ("happened", "claimed", "planned", "denied", "threatened", "possible")
QUOTED_FIELDS = ("trigger", "actor1", "actor2", "place", "date", "fatalities", "source")
FUZZY_FLOOR = 90.0  # rapidfuzz partial-ratio score below which a quote is not the report's words

SYSTEM_PROMPT = """You code conflict reports into events the way ACLED analysts do.
Answer with one JSON object: {"events": [...]}, one item per distinct event the report describes.
Each item has:
- "event_type" and "sub_event_type": one of these pairs (type: sub-types):
%s
- "trigger": the exact word or words of the report that say what happened (required)
- "actor1", "actor2": the exact words naming who acted and who was acted on, or null
- "place": the exact words naming where it happened, or null
- "date": the exact words saying when, or null
- "fatalities": the exact words giving the number of dead, or null
- "modality": one of happened, claimed, planned, denied, threatened, possible
- "source": the exact words naming who the report quotes for it, or null
Copy every quoted field character for character from the report; never paraphrase or translate.
Code only what the report says happened or was claimed, planned, denied, threatened or possible."""


@dataclass(frozen=True)
class ChatSettings:
    """Where the model is served and how long to wait for it."""

    url: str
    model: str = "default"
    key: str | None = None
    timeout: float = 120.0

    @classmethod
    def from_env(cls) -> ChatSettings:
        url = os.environ.get("FRONTLINES_CHAT_URL", "").strip()
        if not url:
            raise ValueError("the chat extractor needs FRONTLINES_CHAT_URL, the base URL of an OpenAI-compatible "
                             "server (e.g. http://127.0.0.1:8080/v1 for llama.cpp's server, vLLM or Ollama)")
        return cls(url=url.rstrip("/"), model=os.environ.get("FRONTLINES_CHAT_MODEL", "default"),
                   key=os.environ.get("FRONTLINES_CHAT_KEY") or None,
                   timeout=float(os.environ.get("FRONTLINES_CHAT_TIMEOUT", "120")))


def find_quote(text: str, quote: str, near: int = 0) -> Span | None:
    """The span of `quote` in `text`: exact (the occurrence nearest `near`), then ignoring case and
    spacing, then the best fuzzy alignment scoring at least `FUZZY_FLOOR`; None if not there."""
    quote = (quote or "").strip()
    if not quote:
        return None
    starts = [m.start() for m in re.finditer(re.escape(quote), text)]
    if starts:
        start = min(starts, key=lambda s: abs(s - near))
        return Span(start, start + len(quote), quote)
    loose = r"\s+".join(re.escape(w) for w in quote.split())
    found = re.search(loose, text, re.IGNORECASE)
    if found:
        return Span(found.start(), found.end(), found.group(0))
    if len(quote) < 4:
        return None
    aligned = fuzz.partial_ratio_alignment(quote.lower(), text.lower(), score_cutoff=FUZZY_FLOOR)
    if aligned is None:
        return None
    start, end = aligned.dest_start, aligned.dest_end
    return Span(start, end, text[start:end])


class ChatExtractor:
    """Events coded by a chat model, grounded and normalised by the project's own code."""

    name = "chat"

    def __init__(self, nlp: Language, settings: ChatSettings | None = None) -> None:
        self.settings = settings or ChatSettings.from_env()
        self.actors = ActorDictionary(nlp)
        pairs = "\n".join(f"  {t}: {', '.join(subs)}" for t, subs in ACLED_TYPES.items())
        self.system_prompt = SYSTEM_PROMPT % pairs

    def ask(self, report: Report) -> list[dict[str, Any]]:
        """The model's events for a report, as parsed JSON items."""
        published = report.published.isoformat() if report.published else "unknown"
        body = {
            "model": self.settings.model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": self.system_prompt},
                {"role": "user", "content": f"Published: {published}\nOutlet: {report.source or 'unknown'}\n\n{report.text}"},
            ],
        }
        request = urllib.request.Request(
            f"{self.settings.url}/chat/completions", data=json.dumps(body).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/json",
                     **({"Authorization": f"Bearer {self.settings.key}"} if self.settings.key else {})})
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:  # noqa: S310 - the user's URL
                raw = response.read()
        except urllib.error.HTTPError as exc:  # it answered, with an error status
            body = exc.read()[:300].decode("utf-8", "replace")
            raise ExtractorError(f"the chat server at {self.settings.url} answered {exc.code} {exc.reason}: {body}; "
                                 "check FRONTLINES_CHAT_MODEL and FRONTLINES_CHAT_KEY") from exc
        except (urllib.error.URLError, OSError) as exc:  # refused, reset, timed out
            raise ExtractorError(f"the chat server at {self.settings.url} did not answer ({exc}); is it running?") from exc
        try:
            reply = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ExtractorError(f"the chat server at {self.settings.url} did not answer with JSON: "
                                 f"{raw[:300].decode('utf-8', 'replace')}; is FRONTLINES_CHAT_URL the /v1 base URL?") from exc
        try:
            content = reply["choices"][0]["message"]["content"]
            items = json.loads(_strip_fence(content))["events"]
        except (KeyError, IndexError, TypeError, json.JSONDecodeError) as exc:
            raise ExtractorError(f"the chat model's reply is not the JSON asked for ({exc!r}): {str(reply)[:300]}") from exc
        if not isinstance(items, list):
            raise ExtractorError(f"the chat model's 'events' is not a list: {str(items)[:300]}")
        return [i for i in items if isinstance(i, dict)]

    def __call__(self, doc: Doc, report: Report, mentions: list[PlaceMention]) -> list[Event]:
        country = event_places.main_country(mentions)
        discourse = Discourse(country=country, country_label=event_places.country_name(mentions, country))
        found_actors = self.actors.find(doc)
        events: dict[str, Event] = {}
        for item in self.ask(report):
            event = self._event(item, doc, report, mentions, found_actors, discourse)
            if event is not None and event.event_id not in events:
                events[event.event_id] = event
        return sorted(events.values(), key=lambda e: e.trigger.start)

    def _event(self, item: dict[str, Any], doc: Doc, report: Report, mentions: list[PlaceMention],
               found_actors: list, discourse: Discourse) -> Event | None:
        event_type, sub_type = str(item.get("event_type") or ""), str(item.get("sub_event_type") or "")
        if sub_type not in ACLED_TYPES.get(event_type, ()):
            log.warning("report %s: the chat model coded %r / %r, not an ACLED pair; event dropped",
                        report.report_id, event_type, sub_type)
            return None
        trigger = find_quote(report.text, str(item.get("trigger") or ""))
        if trigger is None:
            log.warning("report %s: the trigger %r is not in the text; event dropped", report.report_id, item.get("trigger"))
            return None
        spans = {f: find_quote(report.text, str(item.get(f) or ""), trigger.start) for f in QUOTED_FIELDS[1:]}
        sent = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
        sentence = Span(sent.sent.start_char, sent.sent.end_char, sent.sent.text) if sent is not None else trigger
        actor1 = self._actor(spans["actor1"], doc, found_actors, discourse)
        actor2 = self._actor(spans["actor2"], doc, found_actors, discourse)
        event = Event(event_id=Event.make_id(report.report_id, trigger, event_type), report_id=report.report_id,
                      event_type=event_type, sub_event_type=sub_type, trigger=trigger, sentence=sentence,
                      actor1=actor1, actor2=actor2)
        event.evidence.append(Evidence("trigger", trigger))
        place = _mention_under(spans["place"], mentions)
        if place is not None:
            event.place, event.where_prec = place, event_places.where_prec(place, sentence.text)
            event.geo_precision = event_places.acled_geo_precision(event.where_prec)
        date_span = spans["date"]
        resolved = resolve_expression(date_span.text, report.published, date_span.start) if date_span else None
        event.date = resolved if resolved is not None else report_range(report.published)
        deaths = parse_count(spans["fatalities"].text, spans["fatalities"].start) if spans["fatalities"] else None
        if deaths is not None:
            event.fatalities = Toll(deaths.low, deaths.best, deaths.high, None,
                                    Span(deaths.start, deaths.end, deaths.text))
        modality = str(item.get("modality") or "happened")
        event.modality = modality if modality in MODALITIES else "happened"
        event.attribution = Attribution(report.source, spans["source"].text if spans["source"] else None, spans["source"])
        event.violence_type = violence_type(actor1.inter if actor1 else None, actor2.inter if actor2 else None,
                                            self.actors.is_government(actor1), self.actors.is_government(actor2))
        for actor in (actor1, actor2):
            if actor is not None:
                actor.ucdp = self.actors.ucdp_side(actor.name, actor.inter)
        for field, span in (("actor1", spans["actor1"]), ("actor2", spans["actor2"]), ("place", place.span if place else None),
                            ("date", event.date.span), ("fatalities", event.fatalities.span), ("attribution", spans["source"])):
            if span is not None:
                event.evidence.append(Evidence(field, span))
        return event

    def _actor(self, span: Span | None, doc: Doc, found_actors: list, discourse: Discourse) -> Actor | None:
        """The dictionary's reading of the actor mention under the quoted words, else the words as written."""
        if span is None:
            return None
        under = [m for m in found_actors if m.start_char < span.end and span.start < m.end_char]
        under.sort(key=lambda m: (m.kind != "named", m.start_char - m.end_char))  # "Fighters of ISIS": ISIS
        for m in under:
            actor = normalise(m, doc, self.actors, discourse)
            if actor is not None:
                return actor
        return Actor(span.text, span.text, None, span, None)


def _mention_under(span: Span | None, mentions: list[PlaceMention]) -> PlaceMention | None:
    """The resolved place mention within the quoted words; of several ("Dael, in Deraa province"),
    the most precise one (lowest where_prec), then the first."""
    if span is None:
        return None
    inside = [m for m in mentions if m.place is not None and span.start <= m.span.start and m.span.end <= span.end + 1]
    if not inside:
        inside = [m for m in mentions if m.place is not None and m.span.start < span.end and span.start < m.span.end]
    if not inside:
        return None
    return min(inside, key=lambda m: (event_places.where_prec(m), m.span.start))


def _strip_fence(content: str) -> str:
    """The JSON inside a reply, without the ```json fence some models add."""
    content = content.strip()
    fenced = re.match(r"^```(?:json)?\s*(.*?)\s*```$", content, re.DOTALL)
    return fenced.group(1) if fenced else content

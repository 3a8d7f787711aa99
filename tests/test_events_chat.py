"""The chat extractor against a fake OpenAI-compatible server: grounding, normalisation, failures."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from frontlines.events import get_extractor
from frontlines.events.chat import ChatExtractor, ChatSettings, find_quote
from frontlines.records import Failure, Report

pytestmark = pytest.mark.slow

# the report names the province too: a lone "Palmyra" beside "the Syrian Observatory" is left
# between Tadmur and the US Palmyras (a country named only by a demonym counts for half)
TEXT = ("Fighters of ISIS stormed a checkpoint near Palmyra in Homs province on Friday, killing at least "
        "12 soldiers, according to the Syrian Observatory. The army denied losing the checkpoint.")


class FakeServer:
    """Answers /chat/completions with `reply` (a JSON-able object, or raw text) and keeps the requests."""

    def __init__(self) -> None:
        self.reply: object = {"events": []}
        self.status = 200
        self.raw: bytes | None = None  # a body sent as it is, instead of a chat completion
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                outer.requests.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                       "body": json.loads(self.rfile.read(int(self.headers["Content-Length"])))})
                content = outer.reply if isinstance(outer.reply, str) else json.dumps(outer.reply)
                body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
                body = outer.raw if outer.raw is not None else body
                self.send_response(outer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def server() -> Iterator[FakeServer]:
    fake = FakeServer()
    yield fake
    fake.httpd.shutdown()


def _code(pipeline, server: FakeServer, reply: object, text: str = TEXT) -> list:
    from frontlines.pipeline import Pipeline

    server.reply = reply
    extractor = ChatExtractor(pipeline.nlp, ChatSettings(url=server.url, model="tiny", key="sekret"))
    chat = Pipeline(settings=pipeline.settings, nlp=pipeline.nlp, geoparser=pipeline.geoparser, extractor=extractor)
    report = Report(Report.make_id(text), text, "fake.txt", source="Test Wire", published=date(2024, 3, 11))
    return list(chat.process([report]))


def test_quotes_are_found_exactly_loosely_or_fuzzily() -> None:
    assert find_quote(TEXT, "at least 12 soldiers").text == "at least 12 soldiers"
    loose = find_quote(TEXT, "AT LEAST  12 soldiers")
    assert loose is not None and TEXT[loose.start:loose.end] == "at least 12 soldiers"
    fuzzy = find_quote(TEXT, "stormed a checkpiont")  # a typo in the model's copy
    assert fuzzy is not None and TEXT[fuzzy.start:fuzzy.end].startswith("storm")
    assert find_quote(TEXT, "shelled a hospital in Aleppo") is None
    assert find_quote(TEXT, "") is None


def test_events_are_grounded_in_the_text_and_normalised(pipeline, server: FakeServer) -> None:
    reply = {"events": [
        {"event_type": "Battles", "sub_event_type": "Armed clash", "trigger": "stormed", "actor1": "Fighters of ISIS",
         "actor2": "soldiers", "place": "Palmyra", "date": "on Friday", "fatalities": "at least 12 soldiers",
         "modality": "claimed", "source": "the Syrian Observatory"},
        {"event_type": "Battles", "sub_event_type": "Armed clash", "trigger": "an ambush in Raqqa"},  # not in the text
        {"event_type": "Battles", "sub_event_type": "Air/drone strike", "trigger": "stormed"},  # not an ACLED pair
    ]}
    (result,) = _code(pipeline, server, reply)
    (event,) = result.events
    for ev in event.evidence:  # every span is the report's own words
        assert TEXT[ev.span.start:ev.span.end] == ev.span.text
    assert event.trigger.text == "stormed"
    assert event.actor1.name == "Islamic State" and event.actor1.inter == 2
    assert event.place is not None and event.place.place.country_code == "SY" and event.where_prec is not None
    assert (event.date.start, event.date.end) == (date(2024, 3, 8), date(2024, 3, 8))
    assert (event.fatalities.low, event.fatalities.best) == (12, 12)
    assert event.modality == "claimed" and event.attribution.quoted == "the Syrian Observatory"
    sent = server.requests[-1]
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] == "Bearer sekret"
    assert sent["body"]["model"] == "tiny" and TEXT in sent["body"]["messages"][1]["content"]
    assert "Published: 2024-03-11" in sent["body"]["messages"][1]["content"]


def test_a_fenced_reply_is_read_and_a_bad_one_fails_only_its_report(pipeline, server: FakeServer) -> None:
    fenced = "```json\n" + json.dumps({"events": [{"event_type": "Battles", "sub_event_type": "Armed clash",
                                                    "trigger": "stormed"}]}) + "\n```"
    (ok,) = _code(pipeline, server, fenced)
    assert [e.trigger.text for e in ok.events] == ["stormed"]
    (bad,) = _code(pipeline, server, "Sorry, I cannot help with that.")
    assert isinstance(bad, Failure) and bad.stage == "events" and "not the JSON asked for" in bad.reason


def test_an_error_status_or_a_page_that_is_not_json_is_a_clear_failure(pipeline, server: FakeServer) -> None:
    server.status, server.raw = 401, b'{"error": "invalid api key"}'
    try:
        (failure,) = _code(pipeline, server, {"events": []})
        assert isinstance(failure, Failure) and "answered 401" in failure.reason and "invalid api key" in failure.reason
        server.status, server.raw = 200, b"<html>not the API</html>"
        (failure,) = _code(pipeline, server, {"events": []})
        assert isinstance(failure, Failure) and "did not answer with JSON" in failure.reason
    finally:
        server.status, server.raw = 200, None


def test_a_server_that_does_not_answer_is_a_clear_failure(pipeline) -> None:
    from frontlines.pipeline import Pipeline

    extractor = ChatExtractor(pipeline.nlp, ChatSettings(url="http://127.0.0.1:9/v1", timeout=2))
    chat = Pipeline(settings=pipeline.settings, nlp=pipeline.nlp, geoparser=pipeline.geoparser, extractor=extractor)
    (failure,) = chat.process([Report(Report.make_id(TEXT), TEXT, "x.txt")])
    assert isinstance(failure, Failure) and "did not answer" in failure.reason and "is it running?" in failure.reason


def test_the_chat_extractor_is_chosen_by_name_and_needs_its_url(pipeline, monkeypatch) -> None:
    monkeypatch.delenv("FRONTLINES_CHAT_URL", raising=False)
    with pytest.raises(ValueError, match="FRONTLINES_CHAT_URL"):
        get_extractor("chat", pipeline.nlp)
    monkeypatch.setenv("FRONTLINES_CHAT_URL", "http://127.0.0.1:9/v1/")
    chosen = get_extractor("chat", pipeline.nlp)
    assert chosen.name == "chat" and chosen.settings.url == "http://127.0.0.1:9/v1"
    with pytest.raises(ValueError, match="known: .*chat.*rules"):
        get_extractor("nonesuch", pipeline.nlp)


def test_the_harness_scores_the_chat_extractor(pipeline, server: FakeServer, tmp_path, monkeypatch) -> None:
    import csv

    from typer.testing import CliRunner

    from frontlines.cli import app

    notes = "On 4 May 2022, Fighters of ISIS stormed a checkpoint near Palmyra in Syria, killing 12 soldiers."
    with open(tmp_path / "acled.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["event_id_cnty", "event_date", "notes", "actor1", "actor2", "fatalities",
                                               "latitude", "longitude", "country", "admin1", "event_type", "sub_event_type"])
        writer.writeheader()
        writer.writerow({"event_id_cnty": "T1", "event_date": "2022-05-04", "notes": notes, "actor1": "Islamic State (Syria)",
                         "actor2": "Military Forces of Syria (2000-)", "fatalities": "12", "latitude": "34.56",
                         "longitude": "38.28", "country": "Syria", "admin1": "Homs", "event_type": "Battles",
                         "sub_event_type": "Armed clash"})
    server.reply = {"events": [{"event_type": "Battles", "sub_event_type": "Armed clash", "trigger": "stormed",
                                "actor1": "Fighters of ISIS", "place": "Palmyra", "fatalities": "12 soldiers"}]}
    monkeypatch.setenv("FRONTLINES_CHAT_URL", server.url)
    result = CliRunner().invoke(app, ["eval", "events", "--acled", str(tmp_path / "acled.csv"), "--extractor", "chat",
                                      "--no-peer", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    fields = out["datasets"]["acled"]["systems"]["frontlines"]["fields"]
    assert out["extractor"] == "chat"
    assert fields["event_type"]["score"] == 1.0 and fields["fatalities_exact"]["score"] == 1.0
    assert fields["place_25km"]["score"] == 1.0

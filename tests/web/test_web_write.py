"""Writing: reviews need the token; notes need CSRF, stay within limits, and never give their email away."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import AUTH, csrf_headers, make_app
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from webdata import EMAIL

from frontlines.cli import app as cli_app
from frontlines.store import Database
from frontlines.web.security import TokenSpecError, check_bind, is_loopback, parse_tokens, user_for


def _note(client: TestClient, target: dict[str, str], **fields: str):  # type: ignore[no-untyped-def]
    body = {"name": "Ana", "email": EMAIL, "comment": "Looks like the same ambush.", **target, **fields}
    return client.post("/api/notes", json=body, headers=csrf_headers(client))


def test_review_needs_the_token(client: TestClient, ids: dict[str, str]) -> None:
    url = f"/api/events/{ids['strike']}/review"
    response = client.post(url, json={"action": "confirm"}, headers=csrf_headers(client))
    assert response.status_code == 401 and "token" in response.json()["detail"]
    wrong = {"Authorization": "Bearer correct-horse-battery-X"}
    assert client.post(url, json={"action": "confirm"}, headers=wrong | csrf_headers(client)).status_code == 401
    assert client.post(url, json={"action": "confirm"}, headers=AUTH).status_code == 200


def test_corrections_keep_machine_value_who_when_before_after(client: TestClient, ids: dict[str, str]) -> None:
    url = f"/api/events/{ids['strike']}/review"
    first = client.post(url, json={"action": "correct", "corrections": {"event_type": "Explosions/Remote violence",
                                                                        "best": 150}}, headers=AUTH)
    assert first.status_code == 200 and first.json()["status"] == "corrected"
    client.post(url, json={"action": "correct", "corrections": {"best": 160}, "comment": "ministry update"}, headers=AUTH)
    history = client.get(f"/api/events/{ids['strike']}/reviews").json()
    assert history[0]["changes"]["event_type"] == {"before": "Battles", "after": "Explosions/Remote violence"}
    assert history[0]["changes"]["best"] == {"before": None, "after": 150}
    assert history[1]["changes"]["best"] == {"before": 150, "after": 160}
    assert {h["reviewer"] for h in history} == {"alice"} and history[1]["comment"] == "ministry update"
    detail = client.get(f"/api/events/{ids['strike']}").json()
    assert detail["event"]["event_type"] == "Battles"  # the machine's value is not overwritten
    assert detail["review"]["reviewed_values"] == {"event_type": "Explosions/Remote violence", "best": 160}
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(client.get("/api/events.csv").text))}
    row = rows[ids["strike"]]
    assert row["event_type"] == "Battles" and row["review_status"] == "corrected" and row["reviewed_by"] == "alice"
    assert json.loads(row["reviewed_values"]) == {"best": 160, "event_type": "Explosions/Remote violence"}
    assert rows[ids["attack"]]["review_status"] == ""
    found = client.get("/api/events", params={"review": "corrected"}).json()["items"]
    assert [item["event_id"] for item in found] == [ids["strike"]]


def test_possible_is_a_modality_to_filter_and_correct(client: TestClient, ids: dict[str, str]) -> None:
    listed = client.get("/api/events", params={"modality": "possible"})
    assert listed.status_code == 200 and listed.json()["total"] == 0  # the fixture has no possible event
    refused = client.get("/api/events", params={"modality": "rumoured"})
    assert refused.status_code == 422 and "possible" in refused.json()["detail"]
    url = f"/api/events/{ids['attack']}/review"
    response = client.post(url, json={"action": "correct", "corrections": {"modality": "possible"}}, headers=AUTH)
    assert response.status_code == 200
    assert client.get(f"/api/events/{ids['attack']}").json()["review"]["reviewed_values"] == {"modality": "possible"}
    response = client.post(url, json={"action": "correct", "corrections": {"modality": "rumoured"}}, headers=AUTH)
    assert response.status_code == 422


def test_reject_then_reset(client: TestClient, ids: dict[str, str]) -> None:
    url = f"/api/events/{ids['attack']}/review"
    assert client.post(url, json={"action": "reject"}, headers=AUTH).json()["status"] == "rejected"
    assert client.delete(url, headers=AUTH).status_code == 200
    assert client.get(f"/api/events/{ids['attack']}").json()["review"]["status"] is None
    assert [h["action"] for h in client.get(f"{url}s").json()] == ["reject", "reset"]
    missing = client.delete("/api/events/no-such-event/review", headers=AUTH)
    assert missing.status_code == 404 and "No event" in missing.json()["detail"]


def test_bad_reviews_are_refused_with_reasons(client: TestClient, ids: dict[str, str]) -> None:
    url = f"/api/events/{ids['strike']}/review"
    response = client.post(url, json={"action": "correct", "corrections": {"event_type": "Picnic"}}, headers=AUTH)
    assert response.status_code == 422 and "unknown ACLED event type" in response.json()["detail"]
    response = client.post(url, json={"action": "correct"}, headers=AUTH)
    assert response.status_code == 422 and "at least one field" in response.json()["detail"]
    response = client.post(url, json={"action": "confirm", "corrections": {"best": 3}}, headers=AUTH)
    assert response.status_code == 422 and "takes no corrections" in response.json()["detail"]
    response = client.post(url, json={"action": "correct", "corrections": {"record": "x"}}, headers=AUTH)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "corrections.record"
    assert client.post("/api/events/nope/review", json={"action": "confirm"}, headers=AUTH).status_code == 404


def test_notes_need_csrf_and_same_origin(client: TestClient, ids: dict[str, str]) -> None:
    body = {"report_id": ids["report"], "name": "Ana", "email": EMAIL, "comment": "hi"}
    response = client.post("/api/notes", json=body)
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert client.post("/api/notes", json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    cross = csrf_headers(client) | {"Origin": "https://evil.example"}
    response = client.post("/api/notes", json=body, headers=cross)
    assert response.status_code == 403 and "cross-origin" in response.json()["detail"]
    same = csrf_headers(client) | {"Origin": "http://testserver"}
    assert client.post("/api/notes", json=body, headers=same).status_code == 201


def test_note_validation_names_each_field_without_echoing_input(client: TestClient, ids: dict[str, str]) -> None:
    response = client.post("/api/notes", json={"report_id": ids["report"], "name": " ", "email": "not-an-email",
                                               "comment": ""}, headers=csrf_headers(client))
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"name", "email", "comment"}
    assert "not-an-email" not in response.text
    response = _note(client, {}, comment="no target")
    assert response.status_code == 422 and "report_id or event_id" in response.json()["detail"]
    assert EMAIL not in response.text
    assert _note(client, {"report_id": "missing"}).status_code == 404


def test_markup_in_notes_is_kept_as_text(client: TestClient, ids: dict[str, str]) -> None:
    markup = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    posted = _note(client, {"event_id": ids["strike"]}, name="<b>Bo</b>", comment=markup).json()
    assert posted["comment"] == markup and posted["report_id"] == ids["report"]
    listed = client.get("/api/notes", params={"event_id": ids["strike"]})
    assert listed.headers["content-type"] == "application/json" and listed.json()[0]["name"] == "<b>Bo</b>"


def test_note_posting_is_rate_limited_per_client(db: Database, ids: dict[str, str]) -> None:
    with TestClient(make_app(db)) as c:
        c.app.state.note_limit = type(c.app.state.note_limit)("3/minute")  # type: ignore[attr-defined]
        c.get("/api/config")
        codes = [_note(c, {"report_id": ids["report"]}).status_code for _ in range(4)]
        assert codes == [201, 201, 201, 429]
        refused = _note(c, {"report_id": ids["report"]})
        assert "too many notes" in refused.json()["detail"] and int(refused.headers["retry-after"]) >= 1


def test_large_bodies_are_refused(client: TestClient, ids: dict[str, str]) -> None:
    response = _note(client, {"report_id": ids["report"]}, comment="x" * 70_000)
    assert response.status_code == 413
    response = _note(client, {"report_id": ids["report"]}, comment="x" * 5001)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "comment"


def test_moderation_hides_notes_from_readers(client: TestClient, ids: dict[str, str]) -> None:
    note = _note(client, {"report_id": ids["report"]}).json()
    url = f"/api/notes/{note['id']}/moderation"
    assert client.post(url, json={"hidden": True}, headers=csrf_headers(client)).status_code == 401
    assert client.post(url, json={"hidden": True}, headers=AUTH).json()["hidden"] is True
    assert client.get("/api/notes", params={"report_id": ids["report"]}).json() == []
    assert len(client.get("/api/notes", params={"report_id": ids["report"]}, headers=AUTH).json()) == 1
    assert client.post("/api/notes/999/moderation", json={"hidden": True}, headers=AUTH).status_code == 404


def test_no_response_or_export_carries_an_email(client: TestClient, ids: dict[str, str], db: Database,
                                                tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert _note(client, {"report_id": ids["report"]}).status_code == 201
    assert _note(client, {"event_id": ids["strike"]}).status_code == 201
    assert EMAIL not in _note(client, {"event_id": ids["xss_event"]}).text
    client.post(f"/api/events/{ids['strike']}/review", json={"action": "confirm"}, headers=AUTH)
    spec = client.get("/openapi.json").json()
    values = {"event_id": ids["strike"], "report_id": ids["report"], "note_id": "1"}
    bodies: list[str] = []
    for path, ops in spec["paths"].items():
        if "get" not in ops:
            continue
        url = path.format(**values)
        for headers in ({}, AUTH):
            for params in ({}, {"event_id": ids["strike"]}, {"report_id": ids["report"]}):
                response = client.get(url, params=params, headers=headers)
                bodies.append(response.text)
    for extra in ("/", "/docs", "/openapi.json", f"/api/notes?report_id={ids['report']}"):
        bodies.append(client.get(extra, headers=AUTH).text)
    assert any("Looks like the same ambush." in b for b in bodies)  # the notes were read back
    assert not [b for b in bodies if EMAIL in b]
    for fmt in ("csv", "geojson", "jsonl"):
        out = tmp_path / f"events.{fmt}"
        result = CliRunner().invoke(cli_app, ["export", "--db", db.url, "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0 and EMAIL not in out.read_text(encoding="utf-8")


def test_tokens_parse_and_compare() -> None:
    assert parse_tokens("alice:0123456789abc,bob:abcdefghijklm") == {"alice": "0123456789abc", "bob": "abcdefghijklm"}
    assert parse_tokens("0123456789abc") == {"admin": "0123456789abc"} and parse_tokens(None) == {}
    with pytest.raises(TokenSpecError, match="shorter than 12"):
        parse_tokens("short")
    tokens = parse_tokens("alice:0123456789abc")
    assert user_for(tokens, "Bearer 0123456789abc") == "alice"
    assert user_for(tokens, "Basic 0123456789abc") is None and user_for(tokens, "Bearer 0123456789ab") is None


def test_serving_beyond_localhost_needs_a_token(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    check_bind("127.0.0.1", {})
    with pytest.raises(PermissionError, match="refusing to serve on 0.0.0.0"):
        check_bind("0.0.0.0", {})
    result = CliRunner().invoke(cli_app, ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--host", "0.0.0.0"],
                                env={"FRONTLINES_TOKEN": ""})
    assert result.exit_code == 2 and "refusing to serve on 0.0.0.0" in result.output
    assert "FRONTLINES_TOKEN" in result.output

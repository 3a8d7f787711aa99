"""The read API: filters, pagination, GeoJSON, reports with spans, places, runs, failures, docs."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient


def test_events_are_paginated_newest_first(client: TestClient, ids: dict[str, str]) -> None:
    first = client.get("/api/events", params={"per_page": 2}).json()
    assert first["total"] == 3 and len(first["items"]) == 2
    second = client.get("/api/events", params={"per_page": 2, "page": 2}).json()
    assert len(second["items"]) == 1
    dates = [item["event_date"] for item in first["items"] + second["items"]]
    assert dates == sorted(dates, reverse=True)
    assert {i["event_id"] for i in first["items"] + second["items"]} == {ids["attack"], ids["strike"], ids["xss_event"]}


def test_each_filter_narrows_the_list(client: TestClient, ids: dict[str, str]) -> None:
    def found(**params: object) -> set[str]:
        body = client.get("/api/events", params=params).json()
        return {item["event_id"] for item in body["items"]}

    assert found(bbox="44,14,46,16") == {ids["xss_event"]}  # around Ma'rib
    assert found(bbox="38,33,41.5,36") == {ids["attack"], ids["strike"]}  # At Tanf and Deir ez-Zor
    assert found(date_from="2024-01-01") == {ids["xss_event"]}
    assert found(date_to="2019-12-31") == {ids["attack"], ids["strike"]}
    assert found(modality="claimed") == {ids["strike"]}
    assert found(actor="Ansar Allah") == {ids["xss_event"]}
    assert found(actor="Military Forces of Syria") == {ids["attack"], ids["strike"]}
    assert found(source="Yemen Wire") == {ids["xss_event"]}
    assert found(where_prec=2) == {ids["attack"], ids["xss_event"]}
    assert found(date_prec=3) == {ids["attack"], ids["xss_event"]}
    assert found(q="motorcyclists") == {ids["strike"]}
    assert found(q="100%") == set()  # LIKE wildcards are taken literally
    assert found(type="Battles", report_id=ids["report"]) == {ids["attack"], ids["strike"]}
    assert found(review="unreviewed") == {ids["attack"], ids["strike"], ids["xss_event"]}
    assert found(review="confirmed") == set()


def test_bad_filters_say_what_to_write(client: TestClient) -> None:
    response = client.get("/api/events", params={"bbox": "1,2,3"})
    assert response.status_code == 422 and "west,south,east,north" in response.json()["detail"]
    response = client.get("/api/events", params={"bbox": "0,50,10,40"})
    assert response.status_code == 422 and "south <= north" in response.json()["detail"]
    response = client.get("/api/events", params={"date_from": "2024-02-01", "date_to": "2024-01-01"})
    assert response.status_code == 422 and "after" in response.json()["detail"]
    response = client.get("/api/events", params={"modality": "rumoured"})
    assert response.status_code == 422 and "happened" in response.json()["detail"]
    response = client.get("/api/events", params={"date_from": "yesterday"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "date_from"
    assert client.get("/api/events", params={"per_page": 501}).status_code == 422


def test_geojson_has_located_events_with_review_columns(client: TestClient, ids: dict[str, str]) -> None:
    response = client.get("/api/events.geojson")
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 3
    marib = next(f for f in body["features"] if f["id"] == ids["xss_event"])
    assert marib["geometry"] == {"type": "Point", "coordinates": [45.3253, 15.4591]}
    assert marib["properties"]["review_status"] is None and "reviewed_values" in marib["properties"]
    assert len(client.get("/api/events.geojson", params={"type": "Riots"}).json()["features"]) == 0


def test_event_detail_explains_codes_and_lists_evidence(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get(f"/api/events/{ids['strike']}").json()
    assert body["event"]["where_prec"] == 4 and body["codes"]["where_prec"].startswith("first-order division")
    assert body["codes"]["date_prec"] == "within a month"
    assert {e["field"] for e in body["evidence"]} == {"trigger", "equipment"}
    assert body["record"]["attribution"]["quoted"] == "Syrian Ministry of Defence"
    assert client.get("/api/events/nope").status_code == 404


def test_report_spans_point_at_their_words(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get(f"/api/reports/{ids['report']}").json()
    text = body["text"]
    kinds = {s["kind"] for s in body["spans"]}
    assert kinds == {"place", "actor", "number", "date", "source"}
    for span in body["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
    words = {(s["kind"], text[s["start"]:s["end"]]) for s in body["spans"]}
    assert ("place", "Deir Ez-Zor") in words and ("number", "27 cars with machine guns") in words
    assert ("actor", "Russian Aerospace Forces") in words and ("source", "the ministry said") in words
    assert len(body["events"]) == 2 and body["report"]["source"] == "SouthFront"
    listing = client.get("/api/reports").json()
    assert listing["total"] == 2 and {r["events"] for r in listing["items"]} == {2, 1}


def test_places_runs_failures_timeline_facets(client: TestClient) -> None:
    places = client.get("/api/places").json()
    assert {p["name"] for p in places} >= {"At Tanf", "Deir ez-Zor Governorate", "Ma'rib"}
    assert client.get("/api/runs").json()[0]["status"] == "ok"
    assert client.get("/api/failures").json() == []
    days = client.get("/api/events/timeline").json()
    assert days == [{"day": "2019-03-19", "count": 2}, {"day": "2024-03-02", "count": 1}]
    facets = client.get("/api/facets").json()
    assert facets["type"] == [{"value": "Battles", "count": 3}]
    assert facets["dates"] == {"first": "2019-03-19", "last": "2024-03-02"}
    # a facet's own filter is lifted, the others apply
    assert client.get("/api/facets?type=Riots").json()["type"] == [{"value": "Battles", "count": 3}]
    assert client.get("/api/facets?type=Riots").json()["source"] == []


def test_exports_keep_machine_values_and_add_review_columns(client: TestClient) -> None:
    csv_text = client.get("/api/events.csv").text
    header = csv_text.splitlines()[0].split(",")
    assert header[-4:] == ["review_status", "reviewed_by", "reviewed_at", "reviewed_values"]
    lines = client.get("/api/events.jsonl").text.splitlines()
    assert len(lines) == 3 and all("review" in json.loads(line) for line in lines)


def test_the_page_sees_file_names_not_the_folders_of_the_machine(db, client: TestClient) -> None:
    from frontlines.records import Failure

    run = db.start_run({"paths": ["/home/analyst/secret-project/inbox", "batch.jsonl"]})
    db.save_failure(Failure("/home/analyst/secret-project/inbox/broken.html:7", "clean", "no text"), run)
    assert client.get("/api/runs").json()[-1]["args"]["paths"] == ["inbox", "batch.jsonl"]
    assert [f["origin"] for f in client.get("/api/failures").json()] == ["broken.html:7"]
    body = client.get("/api/reports").text + client.get("/api/runs").text + client.get("/api/failures").text
    assert "/home/analyst" not in body
    for event in client.get("/api/events").json()["items"]:  # the stored records name their report's origin too
        record = client.get(f"/api/events/{event['event_id']}").json()["record"]
        assert "/" not in record["report"]["origin"]
    assert all("/" not in json.loads(line)["report"]["origin"] for line in client.get("/api/events.jsonl").text.splitlines())
    from frontlines.web.api import public_origin

    assert public_origin("C:\\Users\\analyst\\inbox\\a.html") == "a.html"
    assert public_origin("file:///home/analyst/inbox/b.txt") == "b.txt"
    assert public_origin("https://news.example/story") == "https://news.example/story"
    assert db.failures()[-1]["origin"].startswith("/home/analyst/")  # the store keeps the full path


def test_exports_stream_in_pieces_with_one_header(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from frontlines.web import api

    whole_csv, whole_jsonl = client.get("/api/events.csv").text, client.get("/api/events.jsonl").text
    for size in (1, 2, 3):  # a piece per row, a short last piece, a piece exactly full
        monkeypatch.setattr(api, "EXPORT_CHUNK", size)
        assert client.get("/api/events.csv").text == whole_csv
        assert client.get("/api/events.jsonl").text == whole_jsonl
    assert client.get("/api/events.csv?limit=2").text.count("\n") == 3
    empty = client.get("/api/events.csv?type=Riots").text
    assert empty.splitlines() == [whole_csv.splitlines()[0]] and client.get("/api/events.jsonl?type=Riots").text == ""


def test_exports_close_their_connection_and_fail_before_the_body(client: TestClient, db: object,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """An export's own connection is closed once the body is sent, and a query that fails gives an
    error status, not a 200 with a cut body."""
    from contextlib import contextmanager

    from frontlines.web import api

    from conftest import make_app

    opened: list[bool] = []
    connect = db._connect  # type: ignore[attr-defined]

    @contextmanager
    def counted():  # type: ignore[no-untyped-def]
        opened.append(False)
        index = len(opened) - 1
        with connect() as conn:
            yield conn
        opened[index] = True

    monkeypatch.setattr(db, "_connect", counted)
    monkeypatch.setattr(api, "EXPORT_CHUNK", 1)
    assert client.get("/api/events.csv").text.count("\n") == 4
    assert client.get("/api/events.jsonl").text.count("\n") == 3
    assert opened and all(opened)  # every connection, the exports' own included, was closed

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(api.queries, "iter_rows", broken)
    with TestClient(make_app(db), raise_server_exceptions=False) as other:  # type: ignore[arg-type]
        answer = other.get("/api/events.csv")
    assert answer.status_code == 500 and "review_status" not in answer.text


def test_docs_and_page_use_no_cdn(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events.geojson", "/api/reports/{report_id}", "/api/places", "/api/runs",
            "/api/failures", "/api/notes"} <= set(spec["paths"])
    page = client.get("/")
    if page.status_code == 200:  # assets built (make web)
        assert "http" not in page.text.replace("http-equiv", "")
        for asset in ("/static/app.js", "/static/app.css", "/static/countries.json"):
            assert client.get(asset).status_code == 200
    else:
        assert page.status_code == 503 and "make web" in page.text


def test_security_headers_and_unknown_hosts(client: TestClient) -> None:
    response = client.get("/api/events")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert client.get("/api/events", headers={"Host": "evil.example"}).status_code == 400

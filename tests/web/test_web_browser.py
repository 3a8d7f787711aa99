"""The page in Debian's Chromium, driven by Playwright: map marker → highlighted evidence, a note posted,
filters and permalinks, review, and markup in reports and notes shown as text.

Chromium comes from `scripts/install-browser.sh` (run by `make test`); Playwright never downloads a
browser. Screenshots of the map and of an event's evidence go to tests/artifacts/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from conftest import ARTIFACTS, SECRET, make_app
from webdata import EMAIL

from frontlines.store import Database
from frontlines.web.app import missing_assets

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: run scripts/install-browser.sh (apt-get install chromium, as root)",
                allow_module_level=True)
if missing_assets():
    pytest.skip(f"web assets not built ({', '.join(missing_assets())}): run `make web`", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """The browser tests run on SQLite only (the API tests cover PostgreSQL)."""
    database = Database(f"sqlite:///{tmp_path / 'web.db'}")
    yield database
    database.close()


@pytest.fixture
def server(db: Database, ids: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(make_app(db), host="127.0.0.1", port=port, log_level="warning")
    live = uvicorn.Server(config)
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not live.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    live.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.errors = errors
    yield tab
    context.close()


def _open(page, hash_: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto("about:blank")  # a new document each time, even when only the hash differs
    page.goto(f"/{hash_}")
    page.wait_for_selector('body[data-loaded="true"]', state="attached", timeout=15_000)


def _markers(page) -> int:  # type: ignore[no-untyped-def]
    """Events on the map: single dots plus the counts shown on clusters."""
    clusters = page.locator(".marker-cluster").all_inner_texts()
    return page.locator(".fl-dot").count() + sum(int(t) for t in clusters)


def test_marker_click_shows_the_evidence_highlighted(page, ids: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    _open(page)
    assert page.locator(".banner").count() == 0
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")  # the offline borders
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    marker = page.locator(f'.fl-dot[data-event-id="{ids["strike"]}"]')
    marker.click()
    page.wait_for_selector("#tab-event.active .evidence-text mark.ev-trigger")
    assert page.locator("#tab-event .evidence-text mark.ev-trigger").inner_text() == "destroyed"
    equipment = page.locator("#tab-event .evidence-text mark.ev-equipment").all_inner_texts()
    assert "27 cars with machine guns" in equipment and "14 motorcyclists" in equipment
    assert "first-order division" in page.locator("#tab-event .fields").inner_text()
    assert f"event={ids['strike']}" in page.url  # the event's permalink
    page.screenshot(path=str(ARTIFACTS / "event-evidence.png"))
    assert not page.errors


def test_event_permalink_and_report_reader(page, ids: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"#event={ids['strike']}")
    page.wait_for_selector("#tab-event.active mark.ev-trigger")
    page.click("#tab-event a.open-report")
    page.wait_for_selector("#tab-report.active .report-text mark.hl-place")
    reader = page.locator("#tab-report .report-text")
    assert "Deir Ez-Zor" in reader.locator("mark.hl-place").all_inner_texts()
    assert "Russian Aerospace Forces" in reader.locator("mark.hl-actor").all_inner_texts()
    assert "27 cars with machine guns" in reader.locator("mark.hl-number").all_inner_texts()
    assert reader.locator("mark.hl-date").count() >= 1
    assert f"report={ids['report']}" in page.url


def test_filters_timeline_and_view_are_in_the_link(page, ids: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    _open(page, "#modality=claimed&view=25,40,4")
    page.wait_for_selector("#tab-list .event-list li")
    assert page.locator("#tab-list .event-list li").count() == 1
    assert page.locator(".fl-dot").count() == 1 and page.locator("#f-modality input:checked").count() == 1
    page.uncheck('#f-modality input[value="claimed"]')
    page.wait_for_timeout(500)
    assert "modality" not in page.url and _markers(page) == 3
    assert page.locator("#tab-list .event-list li").count() == 3
    box = page.locator("#timeline").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + 30)  # brush over the 2024 bar only
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 5, box["y"] + 30, steps=5)
    page.mouse.up()
    page.wait_for_timeout(600)
    assert "date_from=" in page.url and "date_to=" in page.url
    assert _markers(page) == 1
    assert page.locator("#tab-list .event-list li").count() == 1
    # the list follows the map: zoomed onto Deir ez-Zor, the Ma'rib event leaves the list
    _open(page, "#view=35,40.5,8")
    page.wait_for_selector("#tab-list .event-list li")
    assert page.locator("#tab-list .event-list li").count() == 2


def test_posting_a_note_shows_it_without_the_email(page, ids: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"#report={ids['report']}")
    form = page.locator("#tab-report form.note-form")
    form.wait_for()
    assert "Your email address will not be published" in form.inner_text()
    assert form.locator("label .required").count() == 3
    form.locator("#note-name").fill("Ana")
    form.locator("#note-email").fill("not an email")
    form.locator("#note-comment").fill('Second source says 30. <img src=x onerror="window.__xss=9">')
    form.locator("button[type=submit]").click()
    assert "valid email" in form.locator("#note-email-error").inner_text()
    form.locator("#note-email").fill(EMAIL)
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#tab-report .note .note-comment")
    note = page.locator("#tab-report .note .note-comment").first
    assert note.inner_text() == 'Second source says 30. <img src=x onerror="window.__xss=9">'
    assert page.evaluate("() => window.__xss") is None
    assert EMAIL not in page.content()


def test_markup_in_report_text_is_shown_as_text(page, ids: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"#event={ids['xss_event']}")
    page.wait_for_selector("#tab-event.active .evidence-text mark.ev-trigger")
    reader = page.locator("#tab-event .evidence-text").inner_text()
    assert "<script>window.__xss = 1</script>" in reader and '<img src=x onerror="window.__xss = 2">' in reader
    page.click("#tab-event a.open-report")
    page.wait_for_selector("#tab-report.active .report-text")
    assert 'Marib <b onmouseover="window.__xss=3">clashes</b>' in page.locator("#tab-report h2").inner_text()
    assert page.locator("#tab-report .report-text script, #tab-report img, #tab-report b").count() == 0
    assert page.evaluate("() => window.__xss") is None
    assert not page.errors


def test_signed_in_analyst_confirms_an_event(page, ids: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"#event={ids['attack']}")
    page.wait_for_selector("#tab-event.active mark.ev-trigger")
    assert page.locator("#tab-event button.confirm").count() == 0
    page.click("#sign-in")
    page.fill("#token", "wrong-token-value")
    page.click("#sign-in-form button[type=submit]")
    page.wait_for_selector("#sign-in-error:has-text('not valid')")
    page.fill("#token", SECRET)
    page.click("#sign-in-form button[type=submit]")
    page.wait_for_selector("#tab-event button.confirm")
    assert "alice" in page.locator("#who").inner_text()
    page.click("#tab-event button.confirm")
    page.wait_for_selector("#tab-event .status-confirmed")
    assert "alice: confirm" in (page.locator("#tab-event .history").text_content() or "")


def test_basemap_is_bundled(page) -> None:  # type: ignore[no-untyped-def]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    _open(page)
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
    server = page.url.split("/#")[0].rstrip("/")
    assert requests and all(url.startswith(server) or url.startswith("data:") for url in requests), requests
    assert shutil.which("chromium") or CHROMIUM.exists()

"""Tests for the ingest stage: readers, decoding, limits, rows and bad input."""

from __future__ import annotations

import io
import json
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.ingest import DEFAULT_MAX_BYTES, decode_bytes, iter_documents, looks_like_html, parse_date
from frontlines.records import Document, Failure

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORT = "Fourteen soldiers were killed on Friday near Mayadin, local sources said.\n"


def read(*paths: object, **kw: object) -> list[Document | Failure]:
    return list(iter_documents([str(p) for p in paths], **kw))  # type: ignore[arg-type]


def only(items: list[Document | Failure]) -> Document | Failure:
    assert len(items) == 1, items
    return items[0]


# --- plain files -------------------------------------------------------------------------------


def test_txt_file_with_defaults(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    doc = only(read(p, source="SANA", url="https://x.example/r", published=date(2024, 4, 1)))
    assert isinstance(doc, Document)
    assert doc.origin == str(p) and doc.text == REPORT and doc.html is None
    assert (doc.source, doc.url, doc.published, doc.published_from) == (
        "SANA",
        "https://x.example/r",
        date(2024, 4, 1),
        "option",
    )


def test_txt_without_defaults_has_no_date(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    doc = only(read(p))
    assert isinstance(doc, Document)
    assert doc.published is None and doc.published_from is None


def test_html_file(tmp_path: Path) -> None:
    p = tmp_path / "page.HTM"
    p.write_text("<html><body><p>Hi</p></body></html>", encoding="utf-8")
    doc = only(read(p))
    assert isinstance(doc, Document) and doc.html and doc.text is None


def test_html_declared_charset(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    body = '<html><head><meta charset="windows-1251"></head><body><p>Дейр-эз-Зор</p></body></html>'
    p.write_bytes(body.encode("cp1251"))
    doc = only(read(p))
    assert isinstance(doc, Document) and "Дейр-эз-Зор" in (doc.html or "")


def test_folder_is_recursive_sorted_and_skips_hidden_and_docs(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "b" / "1.txt").write_text("one", encoding="utf-8")
    (tmp_path / "a" / "z.txt").write_text("zed", encoding="utf-8")
    (tmp_path / "top.txt").write_text("top", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("git", encoding="utf-8")
    (tmp_path / "README.md").write_text("# not a report", encoding="utf-8")
    docs = read(tmp_path)
    assert [d.text for d in docs if isinstance(d, Document)] == ["top", "zed", "one", "two"]
    assert all(isinstance(d, Document) for d in docs)
    assert read(tmp_path) == docs  # deterministic


def test_examples_folder_reads_without_failures() -> None:
    items = read(EXAMPLES)
    assert not [i for i in items if isinstance(i, Failure)]
    assert len(items) == 8  # 4 .txt, 1 .html, 3 JSONL lines


# --- standard input ----------------------------------------------------------------------------


def test_stdin_text_and_html() -> None:
    doc = only(read("-", stdin=io.StringIO(REPORT)))
    assert isinstance(doc, Document) and doc.origin == "-" and doc.text == REPORT
    page = only(read("-", stdin=io.BytesIO(b"<!DOCTYPE html><html><body><p>x</p></body></html>")))
    assert isinstance(page, Document) and page.html and page.text is None


def test_stdin_empty() -> None:
    f = only(read("-", stdin=io.BytesIO(b"  \n")))
    assert isinstance(f, Failure) and "empty" in f.reason


def test_looks_like_html() -> None:
    assert looks_like_html("<!-- saved -->\n<html><body>x</body></html>")
    assert looks_like_html("<div class='a'><p>Text</p></div>")
    assert not looks_like_html("Clashes near Gao <2 km from the base>.")


# --- bad input ---------------------------------------------------------------------------------


def test_missing_path() -> None:
    f = only(read("/no/such/report.txt"))
    assert isinstance(f, Failure) and f.stage == "ingest" and "no such file" in f.reason


def test_unknown_extension(tmp_path: Path) -> None:
    p = tmp_path / "r.xyz"
    p.write_text(REPORT, encoding="utf-8")
    f = only(read(p))
    assert isinstance(f, Failure)
    assert f.reason.startswith("unsupported extension .xyz; supported: ")
    assert ".txt" in f.reason and ".jsonl" in f.reason


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    f = only(read(p))
    assert isinstance(f, Failure) and "empty" in f.reason


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "scan.txt"
    p.write_bytes(b"%PDF-1.4\x00\x01\x02\xff\xfe binary \x00 junk")
    f = only(read(p))
    assert isinstance(f, Failure) and "binary" in f.reason and "\n" not in f.reason


def test_cp1252_file(tmp_path: Path) -> None:
    text = "The “white desert” near Deir ez-Zor — the café owner’s account, résumé…\n"
    p = tmp_path / "win.txt"
    p.write_bytes(text.encode("cp1252"))
    doc = only(read(p))
    assert isinstance(doc, Document) and doc.text == text


def test_latin1_file(tmp_path: Path) -> None:
    text = "Réfugiés à Gao: « l'armée malienne » a perdu 7 soldats près de Ménaka.\n"
    p = tmp_path / "latin.txt"
    p.write_bytes(text.encode("latin-1"))
    doc = only(read(p))
    assert isinstance(doc, Document) and doc.text == text


def test_utf16_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes(REPORT.encode("utf-16"))
    doc = only(read(p))
    assert isinstance(doc, Document) and doc.text == REPORT


def test_20_mb_page_within_the_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.html"
    para = "<p>Clashes continued near Idleb, where dozens of fighters were reported killed.</p>\n"
    p.write_text("<html><body>" + para * (20_000_000 // len(para)) + "</body></html>", encoding="utf-8")
    assert 19_900_000 < p.stat().st_size <= DEFAULT_MAX_BYTES
    t = time.perf_counter()
    doc = only(read(p))
    assert isinstance(doc, Document) and doc.html is not None and len(doc.html) > 19_900_000
    assert time.perf_counter() - t < 10


def test_over_the_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 3_000_000)
    f = only(read(p, max_bytes=2_000_000))
    assert isinstance(f, Failure)
    assert f.reason == "3.0 MB is over the limit of 2.0 MB; split the file or raise --max-bytes"


def test_bad_input_does_not_stop_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / "bad.bin.txt"
    bad.write_bytes(b"\x00\x00\x00")
    items = read(bad, "/missing.txt", good)
    assert [type(i) for i in items] == [Failure, Failure, Document]


# --- JSONL -------------------------------------------------------------------------------------


def test_jsonl_rows_and_malformed_line(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": "First report.", "title": "One", "source": "Wire A", "published": "2024-03-15",
                    "url": "https://a.example/1", "id": "a1"}),
        '{"text": "broken", ',
        "",
        json.dumps({"html": "<p>Third</p>", "published": "15 March 2024"}),
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Bad date.", "published": "sometime in spring"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(p, source="Default outlet", published=date(2020, 1, 1))
    by_origin = {i.origin: i for i in items}
    assert list(by_origin) == [f"{p}:{n}" for n in (1, 2, 4, 5, 6, 7)]
    first = by_origin[f"{p}:1"]
    assert isinstance(first, Document)
    assert (first.text, first.title, first.source, first.url) == ("First report.", "One", "Wire A", "https://a.example/1")
    assert (first.published, first.published_from) == (date(2024, 3, 15), "row")
    broken = by_origin[f"{p}:2"]
    assert isinstance(broken, Failure) and broken.reason.startswith("line 2 is not valid JSON")
    third = by_origin[f"{p}:4"]
    assert isinstance(third, Document) and third.html == "<p>Third</p>" and third.source == "Default outlet"
    assert third.published == date(2024, 3, 15)
    no_text = by_origin[f"{p}:5"]
    assert isinstance(no_text, Failure) and "no 'text' or 'html'" in no_text.reason
    assert isinstance(by_origin[f"{p}:6"], Failure)
    bad_date = by_origin[f"{p}:7"]  # kept; the unreadable date falls back to the default
    assert isinstance(bad_date, Document) and bad_date.published == date(2020, 1, 1)
    assert bad_date.published_from == "option"


def test_jsonl_unreadable_date_without_default_is_unknown(tmp_path: Path) -> None:
    p = tmp_path / "b.jsonl"
    p.write_text(json.dumps({"text": "x", "published": "yesterday"}) + "\n", encoding="utf-8")
    doc = only(read(p))
    assert isinstance(doc, Document) and doc.published is None and doc.published_from is None


def test_empty_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "b.jsonl"
    p.write_text("\n\n", encoding="utf-8")
    f = only(read(p))
    assert isinstance(f, Failure) and "empty" in f.reason


def test_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    p = tmp_path / "b.jsonl"
    p.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "ok"}) + "\n", encoding="utf-8")
    items = read(p, max_bytes=1000)
    assert isinstance(items[0], Failure) and "over the limit" in items[0].reason
    assert isinstance(items[1], Document) and items[1].text == "ok" and items[1].origin == f"{p}:2"


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_rows(tmp_path: Path) -> None:
    p = tmp_path / "batch.csv"
    p.write_text(
        'Title,Text,Source,Published\n'
        '"Raid","SDF raid in Al-Raqqah, ""three"" detained.\nSecond line.",Euphrates Desk,12/03/2024\n'
        'Empty,,X,\n'
        '\n'
        'Plain,Clashes near Gao.,,\n',
        encoding="cp1252",
    )
    items = read(p, source="Default")
    # rows as a spreadsheet numbers them: header 1, the blank line is row 4
    assert [i.origin for i in items] == [f"{p}:2", f"{p}:3", f"{p}:5"]
    raid, empty, plain = items
    assert isinstance(raid, Document) and raid.text == 'SDF raid in Al-Raqqah, "three" detained.\nSecond line.'
    assert (raid.title, raid.source, raid.published) == ("Raid", "Euphrates Desk", date(2024, 3, 12))
    assert isinstance(empty, Failure) and empty.reason.startswith("row 3 has no 'text' or 'html'")
    assert isinstance(plain, Document) and plain.source == "Default"


def test_csv_semicolon_and_missing_column(tmp_path: Path) -> None:
    p = tmp_path / "semi.csv"
    p.write_text("text;source\nA report.;Wire\n", encoding="utf-8")
    doc = only(read(p))
    assert isinstance(doc, Document) and doc.text == "A report." and doc.source == "Wire"
    q = tmp_path / "nocol.csv"
    q.write_text("body,source\nA report.,Wire\n", encoding="utf-8")
    f = only(read(q))
    assert isinstance(f, Failure) and "no 'text' or 'html' column (columns: body, source)" in f.reason


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-15", date(2024, 3, 15)),
        ("2024-03-15T08:15:00Z", date(2024, 3, 15)),
        ("2024-03-15T08:15:00+03:00", date(2024, 3, 15)),
        ("15 March 2024", date(2024, 3, 15)),
        ("March 15, 2024", date(2024, 3, 15)),
        ("15/03/2024", date(2024, 3, 15)),
        ("Fri, 15 Mar 2024 10:00:00 GMT", date(2024, 3, 15)),
        ("yesterday", None),
        ("3 days ago", None),
        ("March 2024", None),
        ("Friday", None),
        ("2024", None),
        ("", None),
        (None, None),
        ("not a date", None),
        ("2024-02-30", None),
    ],
)
def test_parse_date(value: str | None, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_parse_date_never_today() -> None:
    today = date.today()
    for value in ("today", "now", "Friday", "10:30", "March", "15 March", "this morning"):
        assert parse_date(value) in (None,) or parse_date(value) != today


# --- decoding properties -----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_raises(data: bytes) -> None:
    out = decode_bytes(data, "prop")
    assert isinstance(out, (str, Failure))
    if isinstance(out, Failure):
        assert out.reason and "\n" not in out.reason


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=500).filter(lambda s: s.strip() and "\x00" not in s))
def test_utf8_round_trip(text: str) -> None:
    out = decode_bytes(text.encode("utf-8"), "prop")
    assert out == text or isinstance(out, Failure)  # control-heavy text may be refused, never garbled


_WESTERN_WORDS = [
    "café", "résumé", "à", "Réfugiés", "the", "army", "Ménaka", "“white", "desert”", "soldiers’", "—", "–",
    "…", "naïve", "Zürich", "São", "Gao,", "killed.", "Deir", "ez-Zor", "À", "ÉTAT", "déjà", "über", "Québec",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WESTERN_WORDS), min_size=1, max_size=60))
def test_cp1252_round_trip(words: list[str]) -> None:
    text = " ".join(words)
    assert decode_bytes(text.encode("cp1252"), "prop") == text


def test_cp1251_cyrillic_is_recognised() -> None:
    text = "Сирийская армия отразила нападение боевиков под Дейр-эз-Зором, сообщили местные источники.\n"
    assert decode_bytes(text.encode("cp1251"), "ru") == text


def test_unreadable_row_date_is_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    p = tmp_path / "b.jsonl"
    p.write_text(json.dumps({"text": "x", "published": "the other day"}) + "\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="frontlines.ingest.readers"):
        doc = only(read(p))
    assert isinstance(doc, Document) and doc.published is None
    assert "the other day" in caplog.text and "kept the report" in caplog.text

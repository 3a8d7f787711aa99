"""Tests for the clean stage: page text, metadata dates, plain-text boilerplate, to_report."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.clean import clean_text, find_dateline, headline, normalize_text, strip_boilerplate, to_report
from frontlines.clean.html import extract_page
from frontlines.ingest import iter_documents
from frontlines.records import Document, Failure, Report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"

BODY = (
    "Fourteen soldiers of the Syrian Arab Army were killed on Friday when militants ambushed a convoy "
    "near Mayadin, local sources said. The attackers withdrew into the desert south of the Euphrates, "
    "where they have used caves and dry riverbeds as hideouts for years, the Observatory said. "
    "Russian aircraft later struck positions in the Badia, the ministry said in a statement."
)


def report_of(path: Path, **kw: object) -> Report:
    docs = list(iter_documents([str(path)], **kw))  # type: ignore[arg-type]
    assert len(docs) == 1 and isinstance(docs[0], Document), docs
    rep = to_report(docs[0])
    assert isinstance(rep, Report), rep
    return rep


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>Clashes near Mayadin</title>{head}</head><body>{body}</body></html>"


# --- the example web page ----------------------------------------------------------------------


def test_example_page_main_text_only() -> None:
    rep = report_of(EXAMPLES / "syria-idleb-airstrikes.html")
    assert rep.text.startswith("Russian warplanes carried out at least 11 air strikes")
    assert rep.text.endswith("cleared unexploded cluster munitions from fields near Idleb city.")
    for junk in (
        "About us", "Contact", "Analysis", "Video", "Most read", "Subscribe", "newsletter", "Privacy Policy",
        "All rights reserved", "Leave a Reply", "email address", "Required fields", "Post Comment",
        "Save my name", "Facebook", "Telegram", "Share", "Previous:", "Posted on", "Newsdesk",
    ):
        assert junk not in rep.text, junk
    assert "“more than 10”" in rep.text and "Hay’at" in rep.text  # curly quotes kept


def test_example_page_metadata() -> None:
    rep = report_of(EXAMPLES / "syria-idleb-airstrikes.html")
    assert (rep.published, rep.published_from) == (date(2024, 5, 18), "metadata")
    assert rep.title == "Russian air strikes kill civilians in Idleb countryside as HTS claims attacks on army positions"
    assert rep.source == "Levant Front Monitor"
    assert rep.url == "https://levantfront.example/syria/idleb-air-strikes-kansafra-hts-saraqib"
    assert rep.language == "en"
    assert rep.report_id == Report.make_id(rep.text)


def test_option_does_not_override_page_metadata() -> None:
    rep = report_of(EXAMPLES / "syria-idleb-airstrikes.html", published=date(2020, 1, 1), source="Mine")
    assert (rep.published, rep.published_from, rep.source) == (date(2024, 5, 18), "metadata", "Mine")


# --- publication dates of pages ----------------------------------------------------------------


def test_page_without_metadata_date_is_unknown_never_today() -> None:
    html = page(f"<article><h1>Clashes</h1><p>On 12 May 2024 the army said so. {BODY}</p><p>{BODY}</p></article>"
                "<footer>Updated 13 May 2024</footer>")
    doc = Document(origin="p.html", html=html, url="https://x.example/2024/05/17/clashes")
    rep = to_report(doc)
    assert isinstance(rep, Report)
    assert rep.published is None and rep.published_from is None
    assert extract_page(html, "https://x.example/2024/05/17/clashes").published is None


def test_page_without_metadata_date_takes_the_option() -> None:
    doc = Document(origin="p.html", html=page(f"<p>{BODY}</p>"), published=date(2024, 1, 2), published_from="option")
    rep = to_report(doc)
    assert isinstance(rep, Report) and (rep.published, rep.published_from) == (date(2024, 1, 2), "option")


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2023-11-05T10:00:00Z">',
        '<meta name="pubdate" content="2023-11-05">',
        '<script type="application/ld+json">{"@context":"https://schema.org","@graph":'
        '[{"@type":"NewsArticle","datePublished":"2023-11-05T08:00:00+02:00"}]}</script>',
    ],
)
def test_page_metadata_dates(head: str) -> None:
    assert extract_page(page(f"<article><p>{BODY}</p></article>", head)).published == date(2023, 11, 5)


def test_time_element_published() -> None:
    html = page(f'<article><time class="entry-date published" datetime="2023-11-05T10:00">5 Nov</time><p>{BODY}</p></article>')
    assert extract_page(html).published == date(2023, 11, 5)


def test_row_date_beats_page_metadata() -> None:
    html = page(f"<p>{BODY}</p>", '<meta property="article:published_time" content="2023-11-05">')
    doc = Document(origin="b.jsonl:1", html=html, published=date(2023, 11, 6), published_from="row")
    rep = to_report(doc)
    assert isinstance(rep, Report) and (rep.published, rep.published_from) == (date(2023, 11, 6), "row")


# --- pages without main text -------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>window.location='/login'</script></head><body><div id='app'></div>"
        "<script src='/bundle.js'></script></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    ],
)
def test_page_without_main_text_is_a_failure(html: str) -> None:
    f = to_report(Document(origin="wall.html", html=html))
    assert isinstance(f, Failure) and f.stage == "clean"
    assert f.reason == "no main text found in the page; is it a login wall or a script-only page?"


def test_document_without_anything() -> None:
    assert isinstance(to_report(Document(origin="x")), Failure)


def test_20_mb_page_in_reasonable_time(tmp_path: Path) -> None:
    """A heavy saved page: 20 MB of inline scripts, styles and images around a short article."""
    article = "".join(f"<p>{BODY} Paragraph {i}.</p>" for i in range(5))
    filler = "<script>var x = {};</script>" + ("<script>" + "var a=[1,2,3];" * 71_500 + "</script>") * 20
    html = f"<html><head><title>Big page</title>{filler}</head><body><article>{article}</article></body></html>"
    p = tmp_path / "big.html"
    p.write_text(html, encoding="utf-8")
    assert 20_000_000 < p.stat().st_size < 20 * 1024 * 1024
    t = time.perf_counter()
    rep = report_of(p)
    assert time.perf_counter() - t < 60
    assert rep.text.startswith("Fourteen soldiers") and "var a" not in rep.text


# --- plain text --------------------------------------------------------------------------------


def test_comment_tail_dropped(tmp_path: Path) -> None:
    raw = (
        "Army repels attack near Marib\r\n\r\n"
        f"{BODY}  \r\n"
        "He told residents to leave a reply at the checkpoint. Required fields are marked * on the form.\r\n\r\n"
        "Share this:\r\n\r\nFacebook\r\nTwitter\r\n\r\nRelated posts\r\n\r\n"
        "Houthis shell camp near Ma'rib\r\nCoalition strikes Hodeidah port\r\n\r\n"
        "Leave a Reply\r\n\r\nYour email address will not be published. Required fields are marked *\r\n\r\n"
        "Comment *\r\n\r\nName *\r\n\r\nEmail *\r\n\r\nWebsite\r\n\r\n"
        "Save my name, email, and website in this browser for the next time I comment.\r\n\r\nPost Comment\r\n"
    )
    p = tmp_path / "saved.txt"
    p.write_text(raw, encoding="utf-8", newline="")
    rep = report_of(p)
    assert rep.text.endswith("Required fields are marked * on the form.")  # inside a sentence: kept
    assert "leave a reply at the checkpoint" in rep.text
    for junk in ("Share this", "Facebook", "Related posts", "Hodeidah port", "Leave a Reply", "email address", "Post Comment"):
        assert junk not in rep.text, junk
    assert rep.title == "Army repels attack near Marib"
    assert rep.text.startswith("Army repels attack near Marib\n\nFourteen")  # the title stays in the text
    assert "\r" not in rep.text and "  \n" not in rep.text


def test_one_line_tail_after_a_sentence() -> None:
    text = f"{BODY} Leave a Reply Your email address will not be published. Required fields are marked *"
    assert clean_text(text) == BODY


def test_boilerplate_words_inside_text_are_kept() -> None:
    text = f"{BODY}\n\nRelated\n\nA real paragraph that ends with a period."
    assert strip_boilerplate(text) == text
    assert clean_text("Residents were told to leave a reply") == "Residents were told to leave a reply"
    assert clean_text("Leave a Reply") == "Leave a Reply"  # the whole text is never cut away


@pytest.mark.skipif(not (SHARED / "seed" / "report-white-desert.txt").exists(), reason="shared seed not present")
def test_seed_report_tail_dropped() -> None:
    rep = report_of(SHARED / "seed" / "report-white-desert.txt")
    assert "Leave a Reply" not in rep.text and "email address" not in rep.text and "Required fields" not in rep.text
    assert rep.text.endswith("accumulate forces to conduct coordinated large-scale attacks.")
    assert rep.title == "US moves ISIS militants from Iraq to Syria"
    assert "“white desert”" in rep.text
    assert rep.published is None and rep.published_from is None


def test_normalize_text() -> None:
    raw = "\ufeffCafe\u0301 “quoted” — it’s\u00a0here\t \r\nnext\rline\n\n\n\nend \x07"
    assert normalize_text(raw) == "Café “quoted” — it’s here\nnext\nline\n\nend"


# --- titles and datelines ----------------------------------------------------------------------


def test_headline() -> None:
    assert headline("Short title\n\nBody.") == "Short title"
    assert headline("A first sentence ends with a period.\nBody.") is None
    assert headline("Only one line") is None
    assert headline("Published: 14 April 2024\nBody.") is None
    assert headline(("word " * 40) + "\nBody.") is None


def test_datelines() -> None:
    assert find_dateline("Title\nPublished: 14 April 2024\n\nBody.") == date(2024, 4, 14)
    assert find_dateline("Title\n\nBAGHDAD, March 3, 2024 (Frontline Wire) — Iraqi forces said...") == date(2024, 3, 3)
    assert find_dateline("Title\n\nThe truce has held since 3 April 2022, officials said, and " + BODY) is None
    assert find_dateline("Title\nPosted on Friday\n\nBody.") is None


def test_example_text_dates() -> None:
    assert report_of(EXAMPLES / "syria-deir-ez-zor-ambush.txt").published == date(2024, 4, 14)
    iraq = report_of(EXAMPLES / "iraq-anbar-nineveh-raids.txt")
    assert (iraq.published, iraq.published_from) == (date(2024, 3, 3), "metadata")
    yemen = report_of(EXAMPLES / "yemen-marib-hodeidah.txt")
    assert yemen.published is None  # "since April 2022" in the body is not a publication date
    opt = report_of(EXAMPLES / "yemen-marib-hodeidah.txt", published=date(2024, 2, 1))
    assert (opt.published, opt.published_from) == (date(2024, 2, 1), "option")


def test_example_share_block_dropped() -> None:
    rep = report_of(EXAMPLES / "syria-deir-ez-zor-ambush.txt")
    assert rep.text.endswith("an accusation Washington has repeatedly rejected.")
    assert "Related posts" not in rep.text and "Telegram" not in rep.text


def test_examples_all_clean() -> None:
    reports = [to_report(d) for d in iter_documents([str(EXAMPLES)])]
    assert all(isinstance(r, Report) for r in reports), reports
    assert len({r.report_id for r in reports if isinstance(r, Report)}) == len(reports)
    rows = [r for r in reports if isinstance(r, Report) and ":" in r.origin.rsplit("/", 1)[-1]]
    assert [(r.source, r.published, r.published_from) for r in rows] == [
        ("Sahel Briefing", date(2024, 2, 9), "row"),
        ("Euphrates Desk", date(2024, 3, 12), "row"),
        ("Eastern Front Digest", date(2024, 6, 3), "row"),
    ]


def test_same_text_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY.replace(" ", " ") + "\r\n\r\n", encoding="utf-8")
    assert report_of(tmp_path / "a.txt").report_id == report_of(tmp_path / "b.txt").report_id


# --- properties --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert "\r" not in once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([BODY, "Leave a Reply", "Share this:", "Facebook", "Name *", "Short line", ""]), max_size=12))
def test_strip_boilerplate_keeps_sentences(lines: list[str]) -> None:
    text = normalize_text("\n".join(lines))
    out = strip_boilerplate(text)
    assert text.startswith(out)  # only a tail is ever removed
    assert out.count(BODY) == text.count(BODY) or not text.count(BODY)


def test_metadata_loses_control_characters_and_line_breaks() -> None:
    doc = Document(origin="batch.jsonl:3", text="Shelling hit the market on Monday.\n",
                   title="Market\x00 shelled\n  at dawn", source="\x07Wire\tService ", url="  ")
    rep = to_report(doc)
    assert isinstance(rep, Report)
    assert (rep.title, rep.source, rep.url) == ("Market shelled at dawn", "Wire Service", None)

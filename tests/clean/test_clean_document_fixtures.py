"""clean_document on written fixtures: chrome, genuine questions, mojibake, truncation, empty, HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.clean import clean_document
from recoupe.model import Article, PartialDate, Provenance, RawDocument
from recoupe.settings import CleanSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


def _clean(name: str, **kwargs) -> Article:
    content = (FIXTURES / name).read_text("utf-8")
    doc = RawDocument(RawDocument.make_id(content), "text", content, Provenance(name), **kwargs)
    return clean_document(doc, CleanSettings())


def test_clean_english_chrome_removed_and_truncation_flagged() -> None:
    article = _clean("en_readmore_cookies.txt")
    reasons = {r.reason for r in article.report.removed}
    for chrome in ("By Dana Whitfield", "4 min read", "cookies", "Read more: Shipping", "Share on Facebook", "[...]"):
        assert chrome not in article.text
    assert {"boilerplate:byline", "boilerplate:reading-time", "boilerplate:cookies", "boilerplate:read-also",
            "boilerplate:share", "truncation-marker"} <= reasons
    assert article.title == "Port workers end three-day walkout in Kestrel Bay"
    assert article.lang == "en"
    assert article.truncated
    # the cut sentence goes whole, from its start to the marker
    assert article.text.endswith("a review of safety rules on the container cranes.")
    assert "Talks are due" not in article.text


def test_clean_genuine_questions_kept_and_dateline_read() -> None:
    article = _clean("fr_questions.txt")
    assert article.text.count("?") == 6
    assert article.title == "Réforme des retraites : qui paiera vraiment ?"
    assert article.published == PartialDate(2024, 3, 3)
    assert article.report.field_sources["published"] == "dateline"
    assert "Publié le" not in article.text
    assert not article.report.repairs
    assert not article.truncated


def test_clean_mojibake_repaired_with_raw_offsets() -> None:
    article = _clean("fr_mojibake.txt")
    assert article.title == "Le ministère de la Défense dément tout accord"
    assert "« rien n'a été signé »" in article.text
    assert "Ã" not in article.text
    source = article.report.source_text
    moji = [r for r in article.report.repairs if r.reason == "mojibake"]
    assert moji and all(source[r.raw_start : r.raw_end] == r.raw for r in moji)
    assert any(r.raw == "Ã©" and r.clean == "é" for r in moji)


def test_clean_truncated_mid_sentence() -> None:
    article = _clean("fr_cut_mid_sentence.txt")
    assert article.truncated
    assert any("mid-sentence" in note for note in article.report.notes)


def test_clean_only_chrome_yields_empty_article_with_note() -> None:
    article = _clean("fr_only_chrome.txt")
    assert article.text == ""
    assert article.paragraphs == ()
    assert article.lang is None
    assert any("empty" in note for note in article.report.notes)


@pytest.mark.parametrize("content", ["", "   \n\n  "])
def test_clean_empty_document_never_crashes(content: str) -> None:
    doc = RawDocument(RawDocument.make_id(content), "text", content, Provenance("empty"))
    article = clean_document(doc, CleanSettings())
    assert article.text == "" and article.title is None


def test_clean_html_uses_extracted_text_and_metadata() -> None:
    body = "Le conseil municipal a voté le budget.\n\nLa séance a duré quatre heures."
    doc = RawDocument(
        "r1", "html", "<html><body>...</body></html>", Provenance("page.html", url="https://exemple.test/a"),
        metadata={"title": "Budget voté à Gao", "date": "2023-11-02"},
        metadata_sources={"title": "meta:og:title", "date": "htmldate"},
        outlet="Le Courrier du Sahel", extracted_text=body,
    )
    article = clean_document(doc, CleanSettings())
    assert article.report.source_text == body
    assert article.title == "Budget voté à Gao" and article.title_span.of(article.text) == "Budget voté à Gao"
    assert article.text.endswith(body)
    assert article.published == PartialDate(2023, 11, 2)
    assert article.report.field_sources["title"] == "metadata:meta:og:title"
    assert article.report.field_sources["published"] == "metadata:htmldate"
    assert article.outlet == "Le Courrier du Sahel" and article.url == "https://exemple.test/a"
    assert article.id == Article.make_id("r1")


def test_clean_caption_kept_once_and_photo_credit_removed() -> None:
    article = _clean("fr_caption_and_credit.txt")
    # a descriptive caption is content (printed twice: kept once); a short credit line is chrome
    assert article.text.count("des familles installées dans la cour") == 1
    assert "Hamidou Zakari" not in article.text
    reasons = [r.reason for r in article.report.removed]
    assert "boilerplate:credit" in reasons and "duplicate-line" in reasons


def test_clean_numeric_dateline_read_day_first() -> None:
    content = ("Dakar Info 24 – Afrique\nTogo : Lomé promet des mesures sociales\n"
               "Publié le 07/02/2025 à 10h20 | Mis à jour le 07/02/2025 à 11h05\n\n"
               "Face à la grogne, le gouvernement a annoncé jeudi soir une aide mensuelle aux conducteurs.\n")
    doc = RawDocument(RawDocument.make_id(content), "text", content, Provenance("numeric-date.txt"))
    article = clean_document(doc, CleanSettings())
    assert article.published == PartialDate(2025, 2, 7)
    assert "Publié le" not in article.text

"""Acceptance: every cleaning item of the seeds' gold annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.clean import clean_document
from recoupe.model import Article, Provenance, RawDocument
from recoupe.settings import CleanSettings

SEEDS = ("000_d110b3afd0e57c97.txt", "001_bb610d7e4526959c.txt")


@pytest.fixture(scope="module")
def gold(seeds_dir: Path) -> dict:
    return json.loads((seeds_dir / "gold.json").read_text("utf-8"))["documents"]


@pytest.fixture(scope="module")
def cleaned(seeds_dir: Path) -> dict[str, Article]:
    result = {}
    for name in SEEDS:
        content = (seeds_dir / name).read_text("utf-8")
        doc = RawDocument(RawDocument.make_id(content), "text", content, Provenance(str(seeds_dir / name)))
        result[name] = clean_document(doc, CleanSettings())
    return result


@pytest.mark.parametrize("name", SEEDS)
def test_clean_seed_boilerplate_removed_and_reported(name: str, gold: dict, cleaned: dict) -> None:
    article = cleaned[name]
    removed = [r.text for r in article.report.removed]
    for raw in gold[name]["boilerplate_raw"]:
        assert raw not in article.text
        assert any(raw in text for text in removed), raw


@pytest.mark.parametrize("name", SEEDS)
def test_clean_seed_duplicate_lines_kept_once(name: str, gold: dict, cleaned: dict) -> None:
    for raw in gold[name].get("duplicate_lines_raw", []):
        assert cleaned[name].text.count(raw) == 1
        assert any(r.reason == "duplicate-line" and r.text == raw for r in cleaned[name].report.removed)


@pytest.mark.parametrize("name", SEEDS)
def test_clean_seed_repairs(name: str, gold: dict, cleaned: dict) -> None:
    text = cleaned[name].text
    for repair in gold[name]["repairs"]:
        assert repair["clean"] in text
        if "count" in repair:
            assert text.count(repair["clean"]) == repair["count"]
        assert repair["raw"] not in text


def test_clean_seed_000_has_no_question_mark_left(cleaned: dict) -> None:
    assert "?" not in cleaned[SEEDS[0]].text


@pytest.mark.parametrize("name", SEEDS)
def test_clean_seed_metadata(name: str, gold: dict, cleaned: dict) -> None:
    expected, article = gold[name], cleaned[name]
    assert article.title == expected["title"]
    if expected["title"] is not None:
        assert article.title_span is not None and article.title_span.of(article.text) == expected["title"]
        assert article.paragraphs[0] == article.title_span
    else:
        assert article.title_span is None
    assert [s.of(article.text) for s in article.subheadings] == expected["subheadings"]
    assert article.truncated is expected["truncated"]
    assert (article.published.iso() if article.published else None) == expected["date"]
    assert article.lang == expected["lang"]


def test_clean_seed_000_truncation_marker_noted(gold: dict, cleaned: dict) -> None:
    article = cleaned[SEEDS[0]]
    marker = gold[SEEDS[0]]["truncation_marker_raw"]
    assert any(r.text == marker and r.reason == "truncation-marker" for r in article.report.removed)
    assert any("cut marker" in note for note in article.report.notes)


def test_clean_seed_001_corpus_marker_is_metadata(gold: dict, cleaned: dict) -> None:
    article = cleaned[SEEDS[1]]
    assert not article.text.startswith(" date")
    assert "date 2021-09" not in article.text
    assert any(r.reason == "corpus-marker" and r.text == gold[SEEDS[1]]["date_raw"] for r in article.report.removed)
    assert article.report.field_sources["published"] == "corpus-marker"


@pytest.mark.parametrize("name", SEEDS)
def test_clean_seed_paragraphs_and_offsets(name: str, cleaned: dict, seeds_dir: Path) -> None:
    article = cleaned[name]
    source = (seeds_dir / name).read_text("utf-8")
    assert article.report.source_text == source
    assert "\n\n".join(p.of(article.text) for p in article.paragraphs) == article.text
    for paragraph in article.paragraphs:
        raw = article.report.offset_map.span_to_raw(paragraph)
        restored = _apply_repairs(source, raw.start, raw.end, article)
        assert restored == paragraph.of(article.text)
    for repair in article.report.repairs:
        assert source[repair.raw_start : repair.raw_end] == repair.raw


def _apply_repairs(source: str, start: int, end: int, article: Article) -> str:
    out, pos = [], start
    for repair in article.report.repairs:
        if start <= repair.raw_start < end:
            out.append(source[pos : repair.raw_start])
            out.append(repair.clean)
            pos = repair.raw_end
    out.append(source[pos:end])
    return "".join(out)

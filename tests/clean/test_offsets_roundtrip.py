"""Every span of the cleaned text maps back to the source, modulo repairs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from recoupe.clean import clean_document
from recoupe.model import Article, Provenance, RawDocument, Span
from recoupe.settings import CleanSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


def _apply_repairs(source: str, start: int, end: int, article: Article) -> str:
    out, pos = [], start
    for repair in article.report.repairs:
        if start <= repair.raw_start and repair.raw_end <= end:
            out.append(source[pos : repair.raw_start])
            out.append(repair.clean)
            pos = repair.raw_end
    out.append(source[pos:end])
    return "".join(out)


def _documents(seeds_dir: Path) -> list[str]:
    files = sorted(seeds_dir.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    return [f.read_text("utf-8") for f in files]


def test_offsets_random_spans_roundtrip(seeds_dir: Path) -> None:
    rng = random.Random(7)
    checked = 0
    for content in _documents(seeds_dir):
        article = clean_document(RawDocument("r", "text", content, Provenance("x")), CleanSettings())
        source = article.report.source_text
        for paragraph in article.paragraphs:
            if article.report.field_sources.get("title", "").startswith("metadata") and paragraph == article.title_span:
                continue
            for _ in range(20):
                a = rng.randrange(paragraph.start, paragraph.end)
                b = rng.randrange(a, paragraph.end) + 1
                # widen to whole repair blocks: a block maps as a whole
                span = Span(a, b)
                raw = article.report.offset_map.span_to_raw(span)
                restored = _apply_repairs(source, raw.start, raw.end, article)
                cleaned = span.of(article.text)
                if restored != cleaned:  # a span cutting through a multi-character repair
                    assert any(r.raw_start < raw.end and raw.start < r.raw_end and len(r.raw) != len(r.clean)
                               for r in article.report.repairs)
                    continue
                checked += 1
    assert checked > 300


@pytest.mark.parametrize("name", ["fr_mojibake.txt", "en_readmore_cookies.txt"])
def test_offsets_paragraphs_roundtrip_exactly(name: str) -> None:
    content = (FIXTURES / name).read_text("utf-8")
    article = clean_document(RawDocument("r", "text", content, Provenance(name)), CleanSettings())
    for paragraph in article.paragraphs:
        raw = article.report.offset_map.span_to_raw(paragraph)
        assert _apply_repairs(content, raw.start, raw.end, article) == paragraph.of(article.text)

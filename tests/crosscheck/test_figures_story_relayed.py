"""A story's figures end to end (tests/fixtures/crosscheck/figures_story_naufrage.json): a toll an
article sets against another is a contradiction, not an inconsistency; bodies count the dead;
equivalents of one amount form a slot; a percent said of a price change is checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.crosscheck import build_contexts
from recoupe.crosscheck.figures import FigureSlotResult, figure_facts_input
from recoupe.model import Analysis, Article, CleaningReport, Figure, PartialDate, Span

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "crosscheck" / "figures_story_naufrage.json"


def _figure(text: str, spec: dict, start: int) -> Figure:
    equivalent = None
    if "equivalent" in spec:
        eq = spec["equivalent"]
        eq_start = text.index(eq["text"])
        equivalent = Figure(Span(eq_start, eq_start + len(eq["text"])), eq["text"], "money", eq["low"], eq["low"],
                            approx=eq.get("approx", False), currency=eq["currency"])
    return Figure(Span(start, start + len(spec["text"])), spec["text"], spec["kind"], spec["low"], spec.get("high"),
                  approx=spec.get("approx", False), unit=spec.get("unit"), currency=spec.get("currency"),
                  stated_equivalent=equivalent)


def _sentences(text: str) -> tuple[Span, ...]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            out.append(Span(start, i + 1))
            start = i + 2
    return tuple(out)


@pytest.fixture(scope="module")
def slots() -> list[FigureSlotResult]:
    data = json.loads(FIXTURE.read_text("utf-8"))
    articles, analyses = [], {}
    for item in data["articles"]:
        text = item["text"]
        article = Article(id=item["id"], raw_id=item["id"], outlet=item["outlet"], url=None, title=None, text=text,
                          paragraphs=(Span(0, len(text)),), lang=item.get("lang", "fr"), lang_confidence=1.0,
                          published=PartialDate.parse(item["published"]), truncated=False, report=CleaningReport())
        figures = tuple(_figure(text, spec, text.index(spec["text"])) for spec in item["figures"])
        articles.append(article)
        analyses[article.id] = Analysis(article_id=article.id, lang=article.lang, sentences=_sentences(text),
                                        figures=figures)
    return figure_facts_input(build_contexts(articles, analyses, []), 0.02)


def _slot(slots: list[FigureSlotResult], name: str) -> FigureSlotResult:
    return next(s for s in slots if s.slot.startswith(name))


def test_a_toll_set_against_the_official_one_contradicts_it(slots):
    deaths = _slot(slots, "count: deaths")
    assert deaths.status == "contradicted"
    assert "a" not in deaths.inconsistent_articles  # "bien plus que le bilan officiel": it reports the disagreement
    texts = {deaths.values[i].figure.text for c in deaths.clusters for i in c}
    assert {"Au moins 64 personnes", "41 morts", "41 corps", "At least 41 people"} <= texts


def test_two_equivalents_of_one_amount_contradict(slots):
    equivalents = _slot(slots, "money value in EUR of 12,000,000,000 XOF")
    assert equivalents.status == "contradicted"
    assert len(equivalents.clusters) == 2


def test_a_percent_said_of_a_price_change_is_checked_against_the_change(slots):
    checks = {c.description.split("”")[0].lstrip("“"): c.result
              for s in slots for c in s.checks if c.kind == "percentage"}
    assert checks == {"près de 15 %": "inconsistent", "10%": "consistent"}

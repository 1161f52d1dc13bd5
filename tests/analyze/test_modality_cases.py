"""Modality accuracy on hand-annotated French and English sentences (fixtures/analyze/modality_cases.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.analyze import analyze_article
from recoupe.analyze.modality import classify_modality
from recoupe.analyze.nlp import parse_article
from recoupe.model import Article, CleaningReport, Span
from recoupe.settings import AnalyzeSettings

pytestmark = pytest.mark.slow
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "analyze" / "modality_cases.jsonl"


def _article(text: str, lang: str) -> Article:
    return Article(
        id=f"a-{abs(hash(text))}", raw_id="r", outlet=None, url=None, title=None, text=text, paragraphs=(),
        lang=lang, lang_confidence=1.0, published=None, truncated=False, report=CleaningReport(),
    )


def test_modality_cases_accuracy():
    cases = [json.loads(line) for line in CASES.read_text("utf-8").splitlines() if line.strip()]
    assert len(cases) >= 50
    settings = AnalyzeSettings(model_fr="fr_core_news_md", model_en="blank")
    wrong = []
    for case in cases:
        article = _article(case["text"], case["lang"])
        analysis = analyze_article(article, settings)
        parsed = parse_article(article, {"fr": settings.model_fr, "en": settings.model_en})
        result = classify_modality(parsed, Span(0, len(case["text"])), analysis.quotes, analysis.attributions)
        if result.modality != case["modality"]:
            wrong.append((case["modality"], result.modality, case["text"]))
    accuracy = 1 - len(wrong) / len(cases)
    print(f"modality accuracy {accuracy:.3f} on {len(cases)} sentences; wrong: {wrong}")
    assert accuracy >= 0.9, wrong
    assert not any(gold in {"conditional", "denied"} and got == "asserted" for gold, got, _ in wrong)

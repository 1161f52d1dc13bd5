"""The annotated sentences of figures_cases.jsonl (French and English): each case, then precision and recall.

A predicted figure is right when it overlaps a gold figure's text and has its kind and range;
a case passes when every gold figure is found with all its annotated attributes and nothing else is.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from figures_helpers import blank_parsed  # noqa: E402

from recoupe.analyze.figures import extract_figures  # noqa: E402
from recoupe.model import Figure  # noqa: E402

CASES_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "analyze" / "figures_cases.jsonl"
CASES = [json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _locate(text: str, gold: dict) -> tuple[int, int]:
    start = text.index(gold["text"])
    return start, start + len(gold["text"])


def _same(figure: Figure, text: str, gold: dict, attributes: bool) -> bool:
    start, end = _locate(text, gold)
    if not (figure.span.start < end and start < figure.span.end):
        return False
    if figure.kind != gold["kind"] or not _close(figure.low, gold["low"]) or not _close(figure.high, gold["high"]):
        return False
    if attributes:
        for key in ("approx", "vague", "unit", "currency", "period"):
            if key in gold and getattr(figure, key) != gold[key]:
                return False
    return True


def _figures(case: dict) -> tuple[Figure, ...]:
    return extract_figures(blank_parsed(case["text"], case["lang"]))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}-{i:02d}" for i, c in enumerate(CASES)])
def test_figures_case(case: dict) -> None:
    figures = _figures(case)
    for gold in case["figures"]:
        assert any(_same(f, case["text"], gold, attributes=True) for f in figures), (gold, figures)
    assert len(figures) == len(case["figures"]), figures


def test_figures_cases_precision_recall() -> None:
    predicted = gold_total = true_positive = found = 0
    for case in CASES:
        figures = _figures(case)
        predicted += len(figures)
        gold_total += len(case["figures"])
        true_positive += sum(
            any(_same(f, case["text"], g, attributes=False) for g in case["figures"]) for f in figures
        )
        found += sum(any(_same(f, case["text"], g, attributes=False) for f in figures) for g in case["figures"])
    precision, recall = true_positive / predicted, found / gold_total
    print(f"figures: {len(CASES)} cases, precision {precision:.3f}, recall {recall:.3f}")
    assert len(CASES) >= 60
    assert precision >= 0.95 and recall >= 0.95

"""Self-measure on 47 hand-annotated passages (tuned on) and 12 held-out ones (tests/fixtures/analyze/quotes_cases.jsonl).

Quote F1 the Gender Gap Tracker's way: a predicted quote matches a gold one when their overlap
covers at least the threshold of the gold span. Speaker accuracy on matched quotes; attribution
precision/recall/F1 (source contained either way, same kind, same relay). Blank pipeline: the
rules must stand without a parser. The floors sit a little under the measured numbers.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from recoupe.analyze.attribution import extract_attributions
from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.analyze.quotes import extract_quotes
from recoupe.model import Span

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "analyze" / "quotes_cases.jsonl"


def load_cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text("utf-8").splitlines() if line.strip()]


def parse(text: str, lang: str) -> Parsed:
    nlp = get_nlp(lang)
    doc = nlp(text)
    return Parsed("case", text, lang, doc, _sentences(doc, text), None, False)


def gold_span(text: str, quote: str) -> Span:
    head, tail = quote[:25], quote[-25:]
    start = text.find(head)
    end = text.find(tail, start) + len(tail)
    return Span(start, end)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def same_speaker(gold: dict, speaker) -> bool:
    if speaker is None:
        return False
    a, b = gold["speaker"].lower(), speaker.name.lower()
    return (a == b or a in b or b in a) and gold["speaker_kind"] == speaker.kind


def score_quotes(threshold: float) -> tuple[Score, int, int]:
    score, right, judged = Score(), 0, 0
    for case in load_cases():
        text = case["text"]
        predicted = list(extract_quotes(parse(text, case["lang"])))
        for gold in case["quotes"]:
            span = gold_span(text, gold["text"])
            match = next((q for q in predicted if q.span.overlap(span) >= threshold * len(span)), None)
            if match is None:
                score.fn += 1
                continue
            predicted.remove(match)
            score.tp += 1
            if gold["speaker"] is not None:
                judged += 1
                right += same_speaker(gold, match.speaker)
        score.fp += len(predicted)
    return score, right, judged


def same_attribution(gold: dict, found) -> bool:
    a, b = gold["source"].lower(), found.source.lower()
    via_ok = (gold["via"] or "").lower() == (found.via or "").lower()
    return (a in b or b in a) and gold["kind"] == found.kind and via_ok


def score_attributions() -> Score:
    score = Score()
    for case in load_cases():
        predicted = list(extract_attributions(parse(case["text"], case["lang"])))
        for gold in case["attributions"]:
            match = next((f for f in predicted if same_attribution(gold, f)), None)
            if match is None:
                score.fn += 1
            else:
                predicted.remove(match)
                score.tp += 1
        score.fp += len(predicted)
    return score


def test_cases_file_is_large_enough() -> None:
    cases = load_cases()
    assert len(cases) >= 40
    assert {c["lang"] for c in cases} == {"fr", "en"}


@pytest.mark.parametrize("threshold,floor", [(0.3, 0.85), (0.8, 0.8)])
def test_quote_f1_on_cases(threshold: float, floor: float) -> None:
    score, right, judged = score_quotes(threshold)
    print(f"quotes@{threshold}: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} "
          f"speakers {right}/{judged}")
    assert score.f1 >= floor


def test_speaker_accuracy_on_cases() -> None:
    _, right, judged = score_quotes(0.3)
    assert judged >= 25
    assert right / judged >= 0.8


def test_attribution_f1_on_cases() -> None:
    score = score_attributions()
    print(f"attributions: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}")
    assert score.f1 >= 0.8


def test_held_out_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    """12 passages written after the rules and never tuned on (quotes_holdout.jsonl)."""
    monkeypatch.setattr(sys.modules[__name__], "CASES", CASES.with_name("quotes_holdout.jsonl"))
    score, right, judged = score_quotes(0.3)
    attributions = score_attributions()
    print(f"held-out quotes F1={score.f1:.3f} speakers {right}/{judged} attributions F1={attributions.f1:.3f}")
    assert score.f1 >= 0.8 and right / judged >= 0.8 and attributions.f1 >= 0.8

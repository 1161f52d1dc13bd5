from __future__ import annotations

from recoupe.evaluate.gold import locate
from recoupe.evaluate.scoring import Tally, bcubed


def test_scoring_bcubed_perfect_and_merged():
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed(gold, {"a": "x", "b": "x", "c": "y"})["f1"] == 1.0
    merged = bcubed(gold, {"a": "x", "b": "x", "c": "x"})
    assert merged["recall"] == 1.0 and merged["precision"] < 1.0


def test_scoring_tally_f1():
    t = Tally(tp=8, fp=2, fn=2)
    assert round(t.f1, 3) == 0.8


def test_scoring_locate_raw_with_lost_characters_in_clean_text():
    text = "les discussions s’intensifient entre Bamako et Wagner"
    span = locate(text, "s?intensifient")
    assert span is not None and text[span.start:span.end] == "s’intensifient"

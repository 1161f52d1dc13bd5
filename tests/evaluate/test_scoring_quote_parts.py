"""A gold quote split by an incise lists its parts: the second piece is part of the same quote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recoupe.evaluate.gold import GoldDoc
from recoupe.evaluate.scoring import Scores, _score_quotes
from recoupe.model import Analysis, Article, Quote, Span, Speaker

TEXT = ("« Nous avons accordé trois délais à la compagnie depuis janvier », a déclaré le ministre, "
        "« il n’y en aura pas de quatrième ».")


def _quote(words: str) -> Quote:
    start = TEXT.index(words)
    return Quote(Span(start, start + len(words)), words, True, Speaker("le ministre", "official"))


def _tally(gold: dict[str, Any], found: list[Quote]) -> tuple[int, int, int]:
    doc = GoldDoc(key="s00/a.txt", path=Path("a.txt"), line=None, story="s00", data={"quotes": [gold]})
    article = Article.__new__(Article)
    object.__setattr__(article, "text", TEXT)
    scores = Scores()
    _score_quotes(doc, article, Analysis("a", "fr", quotes=tuple(found)), scores, "fr")
    tally = scores.tally("fr", "quotes@0.8")
    return tally.tp, tally.fp, tally.fn


FIRST = "Nous avons accordé trois délais à la compagnie depuis janvier"
SECOND = "il n’y en aura pas de quatrième"


def test_second_part_of_a_split_quote_is_not_a_false_positive():
    gold = {"text": FIRST, "parts": [FIRST, SECOND], "speaker": "le ministre"}
    assert _tally(gold, [_quote(FIRST), _quote(SECOND)]) == (1, 0, 0)


def test_without_parts_the_second_piece_is_a_false_positive():
    gold = {"text": FIRST, "speaker": "le ministre"}
    assert _tally(gold, [_quote(FIRST), _quote(SECOND)]) == (1, 1, 0)


def test_an_unrelated_prediction_stays_a_false_positive():
    gold = {"text": FIRST, "parts": [FIRST, SECOND], "speaker": "le ministre"}
    assert _tally(gold, [_quote(FIRST), _quote("a déclaré le ministre")]) == (1, 1, 0)


def test_unlocatable_joined_text_is_scored_on_the_span_of_its_parts():
    gold = {"text": FIRST + " " + SECOND, "parts": [FIRST, SECOND], "speaker": "le ministre"}
    whole = TEXT.index(FIRST)
    found = Quote(Span(whole, TEXT.index(SECOND) + len(SECOND)), "…", True, Speaker("le ministre", "official"))
    assert _tally(gold, [found]) == (1, 0, 0)

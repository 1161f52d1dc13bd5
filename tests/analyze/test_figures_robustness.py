"""Hostile inputs: only numbers, 200,000 words on one line, unbalanced parentheses, empty text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from figures_helpers import blank_parsed  # noqa: E402

from recoupe.analyze.figures import extract_figures, parse_quantity  # noqa: E402


def _valid(text: str, figures) -> None:
    for figure in figures:
        assert text[figure.span.start : figure.span.end] == figure.text
        assert figure.low is None or figure.high is None or figure.low <= figure.high


def test_figures_text_of_only_numbers() -> None:
    text = " ".join(str(i * 7919 % 100_000) for i in range(20_000))
    figures = extract_figures(blank_parsed(text, "fr", with_doc=False))  # spaCy's tokenizer takes ~20 s here
    _valid(text, figures)
    assert figures and all(f.low is None or f.low < 1e16 for f in figures)  # groups never merge without end


def test_figures_two_hundred_thousand_words_on_one_line() -> None:
    sentence = ("Le groupe serait payé six milliards de francs CFA (environ 9,15 millions d’euros) par mois, "
                "selon quatre sources, depuis huit ans, ( ( le 14 septembre")
    words = sentence.split()
    text = " ".join(words * (200_000 // len(words)))
    figures = extract_figures(blank_parsed(text, "fr", with_doc=False))
    _valid(text, figures)
    money = [f for f in figures if f.kind == "money"]
    assert len(money) == 200_000 // len(words)
    assert all(f.stated_equivalent is not None and f.period == "month" for f in money)


@pytest.mark.parametrize("text", ["", "(", ")", "((((", "€", "plus de", "voire", "un", ") 3 (", "1.000 à", "entre 3 et"])
def test_figures_fragments_do_not_crash(text: str) -> None:
    _valid(text, extract_figures(blank_parsed(text, "fr")))


def test_figures_unbalanced_parenthesis_keeps_the_money_without_equivalent() -> None:
    text = "Il serait payé six milliards de francs CFA (environ 9,15 millions d’euros par mois."
    figures = extract_figures(blank_parsed(text, "fr"))
    first = figures[0]
    assert (first.kind, first.low, first.currency, first.stated_equivalent) == ("money", 6e9, "XOF", None)
    assert figures[1].currency == "EUR" and figures[1].approx


def test_figures_parse_quantity_on_a_phrase() -> None:
    quantity = parse_quantity("six milliards de francs CFA par mois", "fr")
    assert quantity is not None
    assert (quantity.kind, quantity.low, quantity.currency, quantity.period) == ("money", 6e9, "XOF", "month")
    english = parse_quantity("$10.8 million a month", "en")
    assert english is not None and (english.low, english.currency, english.period) == (10.8e6, "USD", "month")
    assert parse_quantity("un accord", "fr") is None

"""Hostile input: only quote marks, unbalanced marks, one enormous line. No crash, bounded work."""

from __future__ import annotations

import spacy

from recoupe.analyze.attribution import extract_attributions
from recoupe.analyze.nlp import Parsed
from recoupe.analyze.quotes import extract_quotes


def parsed(text: str) -> Parsed:
    """Tokenizer only, on a private blank pipeline whose length cap is lifted: the extractors
    read the characters, not spaCy's sentences (spaCy's sentencizer alone takes minutes on one
    unpunctuated 200,000-word line)."""
    tokenizer = spacy.blank("fr")
    tokenizer.max_length = len(text) + 1
    return Parsed("t", text, "fr", tokenizer.make_doc(text), (), None, False)


def test_only_quote_marks() -> None:
    text = "«»«»“”\"\"‹›» « » «" * 50
    p = parsed(text)
    assert extract_quotes(p) == ()
    assert extract_attributions(p) == ()


def test_unbalanced_marks() -> None:
    text = "Il a dit « oui » » » « « non, a-t-il dit. » Selon « Reuters, rien."
    p = parsed(text)
    for quote in extract_quotes(p):
        assert quote.text == quote.span.of(text) or "\n" in quote.text
    extract_attributions(p)


def test_two_hundred_thousand_words_in_one_line() -> None:
    filler = "les habitants de la région attendent toujours des nouvelles du convoi parti la veille " * 60
    quote = "Le ministre a déclaré que « la situation reste calme », selon Reuters, et rien de plus "
    block = filler + quote
    text = block * (200_000 // len(block.split()))
    assert len(text.split()) >= 195_000 and "\n" not in text
    p = parsed(text)
    found = extract_quotes(p)
    assert len([q for q in found if q.direct]) == text.count("«")
    assert len(extract_attributions(p, quotes=found)) >= text.count("selon Reuters")

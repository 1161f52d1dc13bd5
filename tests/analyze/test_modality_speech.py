"""Modality of what speakers say: quoted or reported negations are denials; a silence is asserted."""

from __future__ import annotations

import pytest

from recoupe.analyze.modality import classify_modality
from recoupe.analyze.nlp import parse_article
from recoupe.model import Article, CleaningReport, Quote, Span


def _parsed(text: str, lang: str = "fr"):
    article = Article(
        id="a1", raw_id="r1", outlet=None, url=None, title=None, text=text, paragraphs=(), lang=lang,
        lang_confidence=1.0, published=None, truncated=False, report=CleaningReport(),
    )
    return parse_article(article, {"fr": "blank", "en": "blank"})


def _quoted(text: str, words: str, lang: str = "fr") -> str:
    parsed = _parsed(text, lang)
    start = text.index(words)
    quote = Quote(Span(start, start + len(words)), words, True, None, "a déclaré")
    return classify_modality(parsed, parsed.sentences[0], (quote,)).modality


def test_modality_quoted_negation_is_a_denial():
    assert _quoted("« Il n’y aura aucune baisse en cours de campagne », a déclaré le ministre.",
                   "Il n’y aura aucune baisse en cours de campagne") == "denied"
    assert _quoted("« Il ne s’agit pas de nouvelles troupes », a dit le porte-parole.",
                   "Il ne s’agit pas de nouvelles troupes") == "denied"


def test_modality_quoted_statement_without_negation_stays_quoted():
    assert _quoted("« Le convoi est arrivé à Boni dans la nuit », a déclaré le colonel.",
                   "Le convoi est arrivé à Boni dans la nuit") == "quoted"


@pytest.mark.parametrize(
    ("text", "lang", "modality"),
    [
        ("Le porte-parole a affirmé que le convoi ne transportait aucun soldat étranger.", "fr", "denied"),
        ("Government spokesman Ali Touré said no foreign soldier was on board.", "en", "denied"),
        ("Selon Reuters, le gouvernement n’a pas encore payé les salaires.", "fr", "reported"),
        ("Ouagadougou n’a pas confirmé.", "fr", "asserted"),
        ("La compagnie n’avait pas réagi dimanche soir.", "fr", "asserted"),
        ("The government declined to comment on the financial terms.", "en", "asserted"),
        ("Les informations sur un émissaire sont des rumeurs, a déclaré son porte-parole.", "fr", "denied"),
        ("Le Burkina a durci ses règles depuis l’annonce de son retrait.", "fr", "asserted"),
        ("L’État accuse la société de discriminer les travailleurs.", "fr", "reported"),
    ],
)
def test_modality_reported_speech_silence_and_accusation(text, lang, modality):
    parsed = _parsed(text, lang)
    assert classify_modality(parsed, parsed.sentences[0]).modality == modality

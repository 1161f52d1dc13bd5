"""Modality rules on a blank pipeline (no model): the verb-ending rule and the cascade."""

from __future__ import annotations

import pytest

from recoupe.analyze.modality import classify_modality, is_french_conditional, load_cues
from recoupe.analyze.nlp import parse_article
from recoupe.model import Article, CleaningReport, Quote, Span


def _parsed(text: str, lang: str = "fr"):
    article = Article(
        id="a1", raw_id="r1", outlet=None, url=None, title=None, text=text, paragraphs=(), lang=lang,
        lang_confidence=1.0, published=None, truncated=False, report=CleaningReport(),
    )
    return parse_article(article, {"fr": "blank", "en": "blank"})


@pytest.mark.parametrize(
    "word", ["serait", "aurait", "pourraient", "déclarerait", "prendrait", "viendraient", "devrait",
             "finirait", "mettrait", "enverrait", "connaîtrait", "servirait", "garantirait", "s’agirait"],
)
def test_modality_conditional_endings(word):
    assert is_french_conditional(word, load_cues("fr"))


@pytest.mark.parametrize(
    "word", ["négociait", "déclarait", "tirait", "livrait", "encadrait", "serrait", "ouvrait", "durait",
             "assurait", "entrait", "était", "avait", "portrait", "pourra", "sera"],
)
def test_modality_imperfect_and_future_are_not_conditional(word):
    assert not is_french_conditional(word, load_cues("fr"))


@pytest.mark.parametrize(
    ("text", "modality", "cue"),
    [
        ("Le groupe Wagner serait payé dix millions d’euros par mois.", "conditional", "serait"),
        ("Le groupe négociait depuis des mois avec Bamako.", "asserted", None),
        ("Nous n’avons rien signé avec Wagner.", "denied", "n’avons rien signé"),
        ("Ce sont des rumeurs.", "denied", "Ce sont des rumeurs"),
        ("Le ministre dément toute présence russe.", "denied", "dément"),
        ("Le ministre n’a pas démenti la présence russe.", "asserted", None),
        ("Il semblerait que les négociations soient rompues.", "hedged", "Il semblerait"),
        ("Selon Reuters, les discussions ont commencé.", "reported", "Selon"),
        ("Le convoi a probablement été attaqué.", "hedged", "probablement"),
    ],
)
def test_modality_french_cascade_on_blank_pipeline(text, modality, cue):
    parsed = _parsed(text)
    result = classify_modality(parsed, parsed.sentences[0])
    assert result.modality == modality
    assert result.cue == cue
    if cue is not None:
        assert result.cue_span is not None and result.cue_span.of(text) == cue


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The Wagner Group would be paid ten million dollars a month.", "conditional"),
        ("A spokesman said the vote would be held in February.", "reported"),
        ("Russian mercenaries reportedly took part in the raid.", "hedged"),
        ("The soldiers allegedly shot several civilians.", "hedged"),
        ("The government denied any deal with Wagner.", "denied"),
        ("Officials called the reports rumours.", "denied"),
        ("Niger closed its border with Benin on Tuesday.", "asserted"),
    ],
)
def test_modality_english_cues(text, modality):
    parsed = _parsed(text, "en")
    assert classify_modality(parsed, parsed.sentences[0]).modality == modality


def test_modality_quoted_when_a_direct_quote_covers_the_sentence():
    text = "« Nous renforçons la sécurité à Mopti », a déclaré le ministre."
    parsed = _parsed(text)
    quote = Quote(span=Span(2, 36), text=text[2:36], direct=True, speaker=None, cue="a déclaré")
    assert classify_modality(parsed, parsed.sentences[0], (quote,)).modality == "quoted"
    assert classify_modality(parsed, parsed.sentences[0]).modality == "reported"


def test_modality_denial_inside_a_quote_stays_denied():
    text = "« Nous n’avons rien signé avec Moscou », a assuré le ministre."
    parsed = _parsed(text)
    quote = Quote(span=Span(2, 38), text=text[2:38], direct=True, speaker=None)
    assert classify_modality(parsed, parsed.sentences[0], (quote,)).modality == "denied"


def test_modality_english_quote_inside_french_article():
    parsed = _parsed("Le porte-parole a répondu en anglais. “We denied it twice.”")
    assert classify_modality(parsed, parsed.sentences[-1]).modality == "denied"

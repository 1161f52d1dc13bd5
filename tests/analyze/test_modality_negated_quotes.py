"""Modality of quoted sentences: which negations deny, and when a sentence is a quote. Blank
pipeline; invented passages."""

from __future__ import annotations

from recoupe.analyze.modality import classify_modality
from recoupe.analyze.nlp import parse_article
from recoupe.model import Article, CleaningReport, Quote, Span


def modality_of_quoted(sentence: str, quoted: str, lang: str = "fr") -> str:
    article = Article(
        id="m", raw_id="r", outlet=None, url=None, title=None, text=sentence, paragraphs=(), lang=lang,
        lang_confidence=1.0, published=None, truncated=False, report=CleaningReport(),
    )
    parsed = parse_article(article, {"fr": "blank", "en": "blank"})
    start = sentence.index(quoted)
    quote = Quote(Span(start, start + len(quoted)), quoted, True, None, "a déclaré", None, lang)
    return classify_modality(parsed, Span(0, len(sentence)), (quote,)).modality


def test_a_negated_fact_in_a_quote_is_a_denial() -> None:
    text = "« Le pont n’a jamais été fermé », a déclaré mardi le préfet de la région de Kolda, Moussa Diallo."
    assert modality_of_quoted(text, "Le pont n’a jamais été fermé") == "denied"


def test_a_rule_or_an_emphasis_is_quoted_not_denied() -> None:
    rule = "Le ministre a déclaré : « Aucun exploitant ne peut exporter sans licence »."
    assert modality_of_quoted(rule, "Aucun exploitant ne peut exporter sans licence") == "quoted"
    emphasis = ("« Nous n’avions jamais vu une telle crue depuis vingt ans », a déclaré à notre correspondant "
                "Awa Ndiaye, responsable de la Croix-Rouge à Matam.")
    assert modality_of_quoted(emphasis, "Nous n’avions jamais vu une telle crue depuis vingt ans") == "quoted"

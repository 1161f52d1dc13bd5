"""Claims: which sentences give one, their ids, triples, and links to figures, quotes, attributions."""

from __future__ import annotations

import pytest

from recoupe.analyze.claims import extract_claims
from recoupe.analyze.entities import extract_entities
from recoupe.analyze.nlp import parse_article
from recoupe.model import Article, Attribution, CleaningReport, Figure, Quote, Span


def _parsed(text: str, model: str = "blank"):
    article = Article(
        id="a-claims", raw_id="r", outlet=None, url=None, title=None, text=text, paragraphs=(), lang="fr",
        lang_confidence=1.0, published=None, truncated=False, report=CleaningReport(),
    )
    return parse_article(article, {"fr": model})


TEXT = (
    "Les négociations continuent\n\n"
    "Le groupe Wagner serait payé six milliards de francs CFA par mois. "
    "Il fait beau aujourd’hui. "
    "Ce sont des rumeurs. "
    "Selon Reuters, Moscou enverra un millier d’hommes."
)


def _claims(text: str = TEXT, model: str = "blank", **kwargs):
    parsed = _parsed(text, model)
    found = extract_entities(parsed)
    return parsed, extract_claims(parsed, found.entities, found.mentions, **kwargs)


def test_claims_only_check_worthy_sentences_and_not_subheadings():
    parsed, claims = _claims(skip=(Span(0, 27),))
    texts = [c.text for c in claims]
    assert texts == [
        "Le groupe Wagner serait payé six milliards de francs CFA par mois.",
        "Ce sont des rumeurs.",
        "Selon Reuters, Moscou enverra un millier d’hommes.",
    ]
    assert [c.modality for c in claims] == ["conditional", "denied", "reported"]


def test_claims_ids_are_stable_and_distinct():
    _, first = _claims()
    _, second = _claims()
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == len(first)


def test_claims_link_figures_quotes_and_attributions():
    start = TEXT.index("six milliards")
    figure = Figure(span=Span(start, start + 13), text="six milliards", kind="money", low=6e9, high=6e9)
    sel = TEXT.index("Selon Reuters")
    attribution = Attribution(span=Span(sel, sel + 13), source="Reuters", kind="news agency")
    rumour = TEXT.index("Ce sont")
    quote = Quote(span=Span(rumour, rumour + 19), text="Ce sont des rumeurs", direct=True, speaker=None)
    _, claims = _claims(figures=(figure,), quotes=(quote,), attributions=(attribution,))
    by_text = {c.text[:12]: c for c in claims}
    assert by_text["Le groupe Wa"].figure_indexes == (0,)
    assert by_text["Ce sont des "].quote_index == 0
    assert by_text["Selon Reuter"].attribution_indexes == (0,)
    assert by_text["Selon Reuter"].entity_ids == ("reuters", "russie")


def test_claims_blank_pipeline_falls_back_to_first_entity_and_cue():
    _, claims = _claims()
    assert claims[0].subject == "Le groupe Wagner"
    assert claims[0].predicate == "serait"


@pytest.mark.slow
def test_claims_triple_from_the_dependency_parse():
    text = "Paris aurait sollicité l’aide des États-Unis. Quatre sources ont déclaré que le Mali a signé l’accord."
    _, claims = _claims(text, "fr_core_news_md")
    assert (claims[0].subject, claims[0].predicate) == ("Paris", "aurait sollicité")
    assert claims[0].object == "l’aide des États-Unis"
    assert (claims[1].subject, claims[1].predicate, claims[1].object) == ("le Mali", "a signé", "l’accord")

"""Entities with fr_core_news_md: spaCy names merged with the alias tables."""

from __future__ import annotations

import pytest

from recoupe.analyze.entities import extract_entities
from recoupe.analyze.nlp import parse_article
from recoupe.model import Article, CleaningReport

pytestmark = pytest.mark.slow


def _parsed(text: str):
    article = Article(
        id="a1", raw_id="r1", outlet=None, url=None, title=None, text=text, paragraphs=(), lang="fr",
        lang_confidence=1.0, published=None, truncated=False, report=CleaningReport(),
    )
    return parse_article(article, {"fr": "fr_core_news_md"})


def test_entities_spacy_unknown_person_gets_a_slug_and_surname_joins_it():
    result = extract_entities(_parsed(
        "Le ministre Abdoulaye Diop a reçu l’ambassadeur à Bamako. Plus tard, Diop a quitté la capitale."
    ))
    by_id = {e.id: e for e in result.entities}
    assert by_id["abdoulaye-diop"].kind == "person"
    assert by_id["mali"].kind == "country"
    surnames = [m for m in result.mentions if m.text == "Diop"]
    assert all(m.entity_id == "abdoulaye-diop" for m in surnames)


def test_entities_spacy_wagner_tagged_person_is_the_organisation():
    result = extract_entities(_parsed("Wagner a envoyé des hommes en Centrafrique."))
    assert {e.id: e.kind for e in result.entities}["groupe-wagner"] == "organisation"


def test_entities_spacy_currency_is_not_an_entity():
    result = extract_entities(_parsed("Le contrat vaut six milliards de francs CFA par mois."))
    assert not any("cfa" in e.id for e in result.entities)


def test_entities_spacy_honorific_rubric_and_headline_fragment_are_not_names():
    result = extract_entities(_parsed(
        "Procès du complot : la défense dénonce des irrégularités\n\nJustice\n\n"
        "Me Issouf Sawadogo, avocat de la défense, a demandé un report devant le tribunal."
    ))
    names = {e.name for e in result.entities}
    assert "Issouf Sawadogo" in names
    assert not {"Justice", "Me Issouf Sawadogo", "Procès du complot"} & names


def test_entities_spacy_place_inside_a_longer_name_is_not_the_place():
    result = extract_entities(_parsed(
        "« Nous manquons de tout », a déclaré à L’Écho d’Abéché un responsable de l’ONG Tchad Secours."
    ))
    names = {e.name for e in result.entities}
    assert "L’Écho d’Abéché" in names
    assert not {"Tchad", "Abéché"} & names


def test_entities_spacy_author_line_is_no_person_and_a_surname_before_the_full_name_joins_it():
    result = extract_entities(_parsed(
        "Verdict : vingt ans pour le commandant Ouédraogo\n\nRasmané Zongo\n\n"
        "Le tribunal a condamné le commandant Abdoul Aziz Ouédraogo à vingt ans de prison."
    ))
    persons = {e.id for e in result.entities if e.kind == "person"}
    assert persons == {"abdoul-aziz-ouedraogo"}


def test_entities_portfolio_in_a_minister_title_is_no_entity():
    result = extract_entities(_parsed("Le ministre de la Sécurité et de la Protection civile, le colonel Essohana Tchalim, a démenti. "
                       "Le ministre du Pétrole a assuré que la production continuerait."))
    names = {e.name for e in result.entities}
    assert "Essohana Tchalim" in names
    assert not names & {"Protection civile", "Pétrole", "Sécurité"}

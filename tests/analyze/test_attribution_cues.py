"""Attribution cues one by one: source, kind, relay and origin."""

from __future__ import annotations

import pytest

from recoupe.analyze.attribution import extract_attributions
from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.model import Attribution


def attributions(text: str, lang: str = "fr") -> list[Attribution]:
    doc = get_nlp(lang)(text)
    return list(extract_attributions(Parsed("t", text, lang, doc, _sentences(doc, text), None, False)))


@pytest.mark.parametrize(
    "text,source,kind,via,origin",
    [
        ("Le contrat a été signé, selon Reuters.", "Reuters", "news agency", None, "reuters"),
        ("Selon plusieurs sources, le contrat a été signé.", "plusieurs sources", "anonymous", None, None),
        ("D'après l'AFP, le contrat a été signé.", "AFP", "news agency", None, "afp"),
        ("De source française proche du dossier, le contrat a été signé.", "source française proche du dossier", "anonymous", None, None),
        ("De sources diplomatiques citées par Reuters, le contrat a été signé.", "sources diplomatiques", "anonymous", "Reuters", "reuters"),
        ("Quatre sources interrogées par Reuters ont déclaré que le contrat était signé.", "quatre sources", "anonymous", "Reuters", "reuters"),
        ("Des informations recoupées, le contrat aurait été signé.", "informations recoupées", "unspecified", None, None),
        ("Une source sécuritaire a, de son côté, affirmé à l’AFP que le contrat était signé.", "une source sécuritaire", "anonymous", "AFP", "afp"),
        ("Ces sources confirmaient des informations révélées par l’agence Reuters.", "Reuters", "news agency", None, "reuters"),
        ("Sollicité par l’AFP, le ministère malien de la Défense a admis des pourparlers.", "le ministère malien de la Défense", "official", "AFP", "ministère malien de la défense"),
        ("« Ce sont des rumeurs », a dit le porte-parole, Baba Cissé.", "Baba Cissé", "official", None, "baba cissé"),
        ("Les travaux reprendront lundi, a indiqué le préfet, Mamadou Coulibaly, à l’AOAP.", "Mamadou Coulibaly", "official", "AOAP", "mamadou coulibaly"),
        ("Un document consulté par Reuters détaille le calendrier.", "un document", "document", "Reuters", "reuters"),
    ],
)
def test_french_cue(text: str, source: str, kind: str, via: str | None, origin: str | None) -> None:
    found = attributions(text)
    assert [(a.source, a.kind, a.via, a.origin_id) for a in found] == [(source, kind, via, origin)]
    assert found[0].scope is not None and found[0].scope.of(text).strip() == text.strip()


def test_anaphoric_source_inherits_the_relay() -> None:
    text = "Deux sources interrogées par Reuters ont déclaré que l’accord était prêt. Il sera signé lundi, a ajouté une des sources."
    found = attributions(text)
    assert [(a.source, a.via) for a in found] == [("deux sources", "Reuters"), ("une des sources", "Reuters")]


@pytest.mark.parametrize(
    "text,source,kind,via",
    [
        ("The deal is done, according to two people familiar with the matter.", "two people familiar with the matter", "anonymous", None),
        ("A source close to the presidency told Reuters the decree was ready.", "a source close to the presidency", "anonymous", "Reuters"),
        ("A document seen by Reuters shows monthly payments.", "a document", "document", "Reuters"),
    ],
)
def test_english_cue(text: str, source: str, kind: str, via: str | None) -> None:
    found = attributions(text, "en")
    assert [(a.source, a.kind, a.via) for a in found] == [(source, kind, via)]


def test_content_after_selon_is_not_a_source() -> None:
    assert attributions("Selon les clauses de l’accord, la mission serait la formation.") == []


def test_same_source_anaphor_is_the_earlier_source_and_citing_relays() -> None:
    from recoupe.analyze.attribution import extract_attributions
    from recoupe.analyze.nlp import Parsed, _sentences, get_nlp

    text = (
        "Une source sécuritaire a indiqué que le camp avait été attaqué. "
        "Selon la même source, huit soldats ont été blessés. "
        "Selon Reuters, qui cite deux responsables militaires, la base a été évacuée."
    )
    doc = get_nlp("fr")(text)
    found = [(a.source, a.kind, a.via) for a in extract_attributions(Parsed("t", text, "fr", doc, _sentences(doc, text), None, False))]
    assert ("une source sécuritaire", "anonymous", None) in [(s.lower(), k, v) for s, k, v in found]
    assert sum(1 for s, _, _ in found if s.lower() == "une source sécuritaire") == 2
    assert any(s == "deux responsables militaires" and v == "Reuters" for s, _, v in found)

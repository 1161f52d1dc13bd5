"""Attributions found from statement clauses, citing relays, agents and anaphors (blank pipeline:
the rules must not need the parser)."""

from __future__ import annotations

import pytest

from recoupe.analyze.attribution import extract_attributions
from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.model import Attribution


def attributions(text: str, lang: str = "fr") -> list[Attribution]:
    doc = get_nlp(lang)(text)
    return list(extract_attributions(Parsed("t", text, lang, doc, _sentences(doc, text), None, False)))


def triples(text: str, lang: str = "fr") -> list[tuple[str, str, str | None]]:
    return [(a.source, a.kind, a.via) for a in attributions(text, lang)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # preposed subject without quote marks, adverbs between auxiliary and participle
        ("L’armée burkinabè a de son côté affirmé dans un communiqué avoir repoussé l’assaut.",
         ("l’armée burkinabè", "official", None)),
        ("Le syndicat des enseignants a fermement dénoncé mardi la retenue sur salaire.",
         ("le syndicat des enseignants", "official", None)),
        # postposed subject after time words and a relay
        ("Le barrage a cédé dans la nuit, ont indiqué jeudi à l’AFP des habitants de Kayes.",
         ("des habitants de kayes", "anonymous", "AFP")),
        # a proper-named body the lexicon does not know
        ("Douze personnes ont été secourues, a annoncé mardi la Protection civile dans un communiqué.",
         ("la Protection civile", "official", None)),
        # "comme l’ont indiqué X": postposed after "comme"
        ("Le navire venait de Dakar, et non de Banjul comme l’ont indiqué les autorités gambiennes.",
         ("les autorités gambiennes", "official", None)),
        # a relative clause between subject and verb is skipped
        ("Un élu de Mopti joint par téléphone, qui a requis l’anonymat, a évoqué des dizaines de blessés.",
         ("un élu de mopti", "anonymous", None)),
    ],
)
def test_statement_clause_subjects(text: str, expected: tuple[str, str, str | None]) -> None:
    assert triples(text) == [expected]


def test_denials_and_headings_credit_no_source() -> None:
    text = "Sikasso : la mairie dément tout licenciement\nLa mairie de Sikasso dément tout licenciement."
    assert attributions(text) == []


def test_citing_outlet_and_cited_source_are_two_attributions() -> None:
    text = "Selon l’AFP, qui cite un notable de Gao, la foire a été annulée."
    assert triples(text) == [("AFP", "news agency", None), ("un notable de gao", "anonymous", "AFP")]
    text_en = "The toll could rise, according to Reuters, which cited two hospital workers."
    assert ("two hospital workers", "anonymous", "Reuters") in triples(text_en, "en")
    text_en = "The AFP news agency, citing a ministry official, reported five arrests."
    assert ("a ministry official", "anonymous", "AFP") in triples(text_en, "en")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Un convoi, estimé à 300 camions par une source douanière, a franchi la frontière.",
         ("une source douanière", "anonymous", None)),
        ("Le déficit, évalué à 12,5 milliards de francs CFA par l’AFP, inquiète les bailleurs.",
         ("AFP", "news agency", None)),
        ("Le colonel, présenté par la junte comme le meneur, a fui au Ghana.",
         ("la junte", "official", None)),
    ],
)
def test_agent_of_a_figure_or_charge_is_the_source(text: str, expected: tuple[str, str, str | None]) -> None:
    assert triples(text) == [expected]


def test_joined_by_phone_without_outlet() -> None:
    text = "Joint par téléphone, Adama Konaté, maire de Ségou, décrit une ville sous le choc."
    assert [a.source for a in attributions(text)] == ["Adama Konaté"]


def test_stressed_and_subject_pronouns_take_the_last_source() -> None:
    text = (
        "« Les stocks sont vides », a déclaré Fatou Sarr, présidente de l’association des commerçants. "
        "Selon elle, les prix ont doublé en un mois."
    )
    found = attributions(text)
    assert [a.source for a in found] == ["Fatou Sarr", "Fatou Sarr"]
    assert found[1].span.of(text) == "Selon elle"
    assert found[0].kind == "person"  # the president of an association holds no public office


def test_definite_role_is_resolved_to_its_holder() -> None:
    text = (
        "Le ministre des Finances, Ibrahim Touré, a présenté le budget lundi. "
        "Le ministre a assuré que la dette serait réduite."
    )
    found = attributions(text)
    assert found[-1].source == "Ibrahim Touré" and found[-1].span.of(text) == "Le ministre a assuré"


def test_demonstrative_and_generic_anaphors() -> None:
    text = (
        "Les pluies ont détruit 400 maisons, a indiqué un responsable de la protection civile. "
        "Le chiffre devrait augmenter, selon ce responsable."
    )
    assert [a.source for a in attributions(text)] == ["un responsable de la protection civile"] * 2
    text = (
        "L’ONG malienne Terre Solidaire affirme avoir recensé 80 disparus. "
        "Selon l’organisation, les secours sont arrivés trop tard."
    )
    assert [a.source for a in attributions(text)] == ["Terre Solidaire", "Terre Solidaire"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Selon le texte, dont l’AFP a obtenu copie, la taxe passe à 8 %.", ("le texte", "document", "AFP")),
        ("Selon l’acte d’accusation, les accusés préparaient l’attaque.", ("l’acte d’accusation", "document", None)),
        ("D’après des informations de presse, le préfet a démissionné.", ("des informations de presse", "media", None)),
        ("Selon le Haut Conseil des Maliens de l’extérieur, 40 000 personnes sont rentrées.",
         ("le Haut Conseil des Maliens de l’extérieur", "official", None)),
        ("D’après une source proche du dossier, Sahel Mining aurait payé.", ("une source proche du dossier", "anonymous", None)),
    ],
)
def test_kinds_of_according_sources(text: str, expected: tuple[str, str, str | None]) -> None:
    assert triples(text) == [expected]


def test_english_bare_plurals_and_the_official_anaphor() -> None:
    text = (
        "Five people were sentenced to prison, defence lawyers said. "
        "The count is higher than the figure put forward by rebels."
    )
    assert triples(text, "en") == [("defence lawyers", "anonymous", None), ("rebels", "anonymous", None)]
    text = "Nine died, a local official said. The official, who asked not to be named, said more were missing."
    assert [a.source for a in attributions(text, "en")] == ["a local official", "a local official"]

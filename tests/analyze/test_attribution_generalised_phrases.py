"""Attribution phrases beyond the first corpus's phrasing: relays no table knows, agent
participles with a day, bodies named up to their acronym, thousands commas. Blank pipeline;
invented passages."""

from __future__ import annotations

from recoupe.analyze.attribution import extract_attributions
from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.model import Attribution


def run(text: str, lang: str = "fr") -> list[Attribution]:
    doc = get_nlp(lang)(text)
    return list(extract_attributions(Parsed("t", text, lang, doc, _sentences(doc, text), None, False)))


def test_unknown_relay_ends_the_source_phrase() -> None:
    text = ("Le dispositif coûterait 1,2 milliard de francs CFA par mois, selon une estimation du ministère des "
            "Finances citée par la télévision publique. Huit marins ont été placés en garde à vue, selon des "
            "sources douanières jointes par Kpota Matin.")
    found = [(a.source, a.kind, a.via) for a in run(text)]
    assert ("ministère des Finances", "document", None) in found
    assert ("sources douanières", "anonymous", "Kpota Matin") in found


def test_agent_participle_with_a_day_before_par() -> None:
    found = [(a.source, a.kind) for a in run("La saisie, annoncée jeudi par la Douane, est la plus importante de l’année.")]
    assert found == [("la Douane", "official")]


def test_body_named_up_to_its_acronym() -> None:
    text = "Selon l’Office des Nations unies contre la drogue et le crime (ONUDC), la région est une plaque tournante."
    assert [a.source for a in run(text)] == ["l’Office des Nations unies contre la drogue et le crime (ONUDC)"]


def test_thousands_comma_is_no_clause_boundary() -> None:
    sources = [a.source for a in run("CMRN, which employs about 3,000 people, said it would appeal.", "en")]
    assert "000 people" not in sources and "CMRN" in sources

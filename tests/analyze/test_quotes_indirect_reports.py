"""Indirect quotes: "Selon <someone>, …", cited sources, fragments inside reports, headlines,
postposed cues before a participle, and fragment verbs. Blank pipeline; invented passages."""

from __future__ import annotations

from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.analyze.quotes import extract_quotes
from recoupe.model import Quote


def run(text: str, lang: str = "fr") -> list[Quote]:
    doc = get_nlp(lang)(text)
    return list(extract_quotes(Parsed("t", text, lang, doc, _sentences(doc, text), None, False)))


def indirect(text: str, lang: str = "fr") -> dict[str, str | None]:
    return {q.text: q.speaker.name if q.speaker else None for q in run(text, lang) if not q.direct}


def test_selon_an_office_holder_or_one_anonymous_source_is_an_indirect_quote() -> None:
    text = (
        "Le calme est revenu. Selon le gouverneur de Mopti, Sidi Coulibaly, six écoles ont rouvert lundi. "
        "Selon une source au ministère de l’Éducation, les examens seraient reportés d’un mois."
    )
    assert indirect(text) == {
        "six écoles ont rouvert lundi": "Sidi Coulibaly",
        "les examens seraient reportés d’un mois": "une source au ministère de l’éducation",
    }


def test_selon_an_agency_a_body_several_sources_or_the_same_source_stays_an_attribution() -> None:
    text = (
        "Le calme est revenu. Selon l’AOAP, six écoles ont rouvert lundi. Selon le ministère, les cours reprendront. "
        "Selon des sources concordantes, le préfet a démissionné. Selon la même source, il quitterait Mopti."
    )
    assert indirect(text) == {}


def test_selon_an_agency_citing_someone_reports_the_cited_source() -> None:
    text = "Le calme est revenu. Selon l’AFP, qui cite un élu local, trois villages ont été évacués dans la nuit."
    assert indirect(text) == {"trois villages ont été évacués dans la nuit": "un élu local"}
    text = "Calm returned. According to Reuters, which cited two aid workers, the camp was emptied overnight."
    assert indirect(text, "en") == {"the camp was emptied overnight": "two aid workers"}


def test_selon_someone_skips_a_relative_incise_after_the_source() -> None:
    text = "Il pleut. Selon un diplomate européen, qui a requis l’anonymat, une médiation serait en cours à Lomé."
    assert indirect(text) == {"une médiation serait en cours à Lomé": "un diplomate européen"}


def test_fragment_inside_a_report_is_the_reporters() -> None:
    text = (
        "Il pleut. Selon une source militaire, deux officiers ont été arrêtés, les autres étant "
        "« activement recherchés »."
    )
    direct = {q.text: q.speaker.name if q.speaker else None for q in run(text) if q.direct}
    assert direct == {"activement recherchés": "une source militaire"}


def test_fragment_comes_before_the_clause_holding_it() -> None:
    text = "Il pleut. Le ministre a assuré que les secours avaient « tout tenté » pour sauver les passagers."
    found = run(text)
    assert [(q.direct, q.text) for q in found] == [
        (True, "tout tenté"),
        (False, "les secours avaient « tout tenté » pour sauver les passagers"),
    ]


def test_headline_reports_are_not_quotes() -> None:
    text = (
        "Kayes : le gouvernement annonce avoir repris le contrôle du pont\n\n"
        "Le gouvernement malien a annoncé avoir repris le contrôle du pont de Kayes, fermé depuis une semaine."
    )
    found = indirect(text)
    assert list(found) == ["avoir repris le contrôle du pont de Kayes, fermé depuis une semaine"]


def test_postposed_cue_followed_by_a_participle_still_reports_the_clause() -> None:
    text = "Twelve houses were destroyed by the flood on Sunday, a village chief said, giving a lower toll than the army."
    assert indirect(text, "en") == {"Twelve houses were destroyed by the flood on Sunday": "a village chief"}


def test_fragment_verbs_with_an_adverb_or_an_incise() -> None:
    text = (
        "Le ministre a également dénoncé, sans le nommer, un « pays voisin » lundi. "
        "L’Union africaine (UA) a de son côté appelé au « dialogue inclusif », selon un communiqué."
    )
    direct = {q.text: q.speaker.name if q.speaker else None for q in run(text) if q.direct}
    assert direct["pays voisin"] == "le ministre"
    assert "(UA)" in (direct["dialogue inclusif"] or "")


def test_title_cue_still_rejects_a_name_in_quotes() -> None:
    assert run("L’opération appelée « Tempête du désert » a pris fin en mars.") == []


def test_a_denials_infinitive_is_no_reported_clause_but_a_speech_verbs_is() -> None:
    text = "Il pleut. L’armée, elle, dément avoir visé des civils. Les habitants disent avoir entendu des tirs."
    assert indirect(text) == {"avoir entendu des tirs": "les habitants"}

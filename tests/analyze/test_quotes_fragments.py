"""Short quoted fragments, the 'selon X' rule, postposed and coordinated cues, speaker fallbacks."""

from __future__ import annotations

from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.analyze.quotes import extract_quotes
from recoupe.model import Quote


def run(text: str, lang: str = "fr") -> list[Quote]:
    doc = get_nlp(lang)(text)
    return list(extract_quotes(Parsed("t", text, lang, doc, _sentences(doc, text), None, False)))


def by_text(quotes: list[Quote]) -> dict[str, str | None]:
    return {q.text: q.speaker.name if q.speaker else None for q in quotes}


def test_short_fragment_after_a_speech_or_fragment_verb_is_a_quote() -> None:
    found = by_text(run("La société minière Kobada Gold qualifie la décision d’« expropriation déguisée »."))
    assert found == {"expropriation déguisée": "Kobada Gold"}
    found = by_text(run("Le ministre de l’Intérieur, Issa Maïga, a dénoncé une « puissance voisine » lundi."))
    assert found == {"puissance voisine": "Issa Maïga"}


def test_scare_quotes_without_a_speaker_stay_out() -> None:
    assert run("La « sulfureuse » société russe a ouvert un bureau à Ségou.") == []


def test_headline_fragment_echoing_a_quote_takes_its_speaker() -> None:
    text = (
        "Riz : un prix « historique » pour les producteurs\n\n"
        "« C’est un prix historique pour nos producteurs », a déclaré le ministre, Awa Traoré."
    )
    assert by_text(run(text))["historique"] == "Awa Traoré"


def test_selon_a_named_source_is_no_quote_but_selon_lui_is() -> None:
    text = (
        "Selon l’agence AOAP, le pont de Kayes a été fermé mardi. "
        "« Les travaux sont urgents », estime l’ingénieur Mamadou Diarra. "
        "Selon lui, la structure pourrait céder avant la saison des pluies."
    )
    indirect = {q.text: q.speaker.name if q.speaker else None for q in run(text) if not q.direct}
    assert indirect == {"la structure pourrait céder avant la saison des pluies": "Mamadou Diarra"}


def test_postposed_cue_reports_the_whole_clause_after_a_dateline() -> None:
    text = "Ségou, 3 mars 2024 (AOAP) – Douze villages ont été inondés dans la nuit, a indiqué un responsable local à l’AOAP."
    [quote] = run(text)
    assert not quote.direct
    assert quote.text == "Douze villages ont été inondés dans la nuit"
    assert quote.speaker is not None and quote.speaker.name == "un responsable local"


def test_two_reported_clauses_and_an_embedded_fragment() -> None:
    text = (
        "Le porte-parole, Adama Coulibaly, a affirmé que l’armée « tient le terrain » "
        "depuis trois semaines et que les renforts arriveraient bientôt."
    )
    found = run(text)
    assert [q.text for q in found if not q.direct] == [
        "l’armée « tient le terrain » depuis trois semaines",
        "les renforts arriveraient bientôt",
    ]
    assert [q.text for q in found if q.direct] == ["tient le terrain"]
    assert {q.speaker.name for q in found if q.speaker} == {"Adama Coulibaly"}


def test_english_said_without_that_and_subject_before_the_verb() -> None:
    text = (
        'Government spokesman Ali Sow said no civilian was hurt. "We signed nothing," a company manager '
        "told Sahel Monitor."
    )
    found = run(text, "en")
    assert by_text(found)["no civilian was hurt"] == "Ali Sow"
    direct = [q for q in found if q.direct]
    assert direct[0].speaker is not None and direct[0].speaker.name == "a company manager"


def test_quote_only_paragraphs_share_the_speaker_named_at_the_end() -> None:
    text = "« Aucune hausse. »\n\n« Les prix tiendront. »\n\n« Ce sont des rumeurs », a martelé la porte-parole, Fanta Koné."
    assert set(by_text(run(text)).values()) == {"Fanta Koné"}


def test_subject_behind_a_participial_incise() -> None:
    text = "Un cadre de la société, joint par téléphone, évoque « un coup de force »."
    assert by_text(run(text)) == {"un coup de force": "un cadre de la société"}


def test_pour_x_opens_a_quote() -> None:
    text = "Pour l’économiste Awa Sidibé, « le pays veut reprendre la main sur ses ressources »."
    assert by_text(run(text)) == {"le pays veut reprendre la main sur ses ressources": "Awa Sidibé"}

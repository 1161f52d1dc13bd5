"""Quote-mark pairing: every mark style, reversed, missing closer, paragraphs, truncation, titles."""

from __future__ import annotations

from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.analyze.quotes import extract_quotes


def quotes(text: str, lang: str = "fr") -> list[str]:
    doc = get_nlp(lang)(text)
    parsed = Parsed("t", text, lang, doc, _sentences(doc, text), None, False)
    return [q.text for q in extract_quotes(parsed) if q.direct]


def test_guillemets_with_nbsp_inside() -> None:
    assert quotes("«\u00a0Nous restons mobilisés\u00a0», a déclaré le maire.") == ["Nous restons mobilisés"]


def test_curly_straight_and_angle_marks() -> None:
    assert quotes("“Le pont est fermé”, a indiqué le préfet.") == ["Le pont est fermé"]
    assert quotes("\"Le pont est fermé\", a indiqué le préfet.") == ["Le pont est fermé"]
    assert quotes("‹ Le pont est fermé ›, a indiqué le préfet.") == ["Le pont est fermé"]


def test_reversed_guillemets() -> None:
    text = "Le ministre a assuré qu' »aucune décision n’a été prise sur ce point« . Rien de plus."
    assert quotes(text) == ["aucune décision n’a été prise sur ce point"]


def test_missing_closer_closes_at_paragraph_end() -> None:
    text = "Le maire a lancé : « Nous avons besoin d’eau et de vivres.\n\nLes secours arrivent."
    assert quotes(text) == ["Nous avons besoin d’eau et de vivres."]


def test_quote_continued_over_paragraphs() -> None:
    text = "Il a raconté : « La pirogue a chaviré de nuit.\n\n« Nous avons nagé jusqu’à l’aube. »\n\nFin."
    assert quotes(text) == ["La pirogue a chaviré de nuit.\n\nNous avons nagé jusqu’à l’aube."]


def test_incise_gives_two_quotes_sharing_a_speaker() -> None:
    text = "La ministre, Aminata Diallo, a parlé. « Le dialogue reste ouvert », a-t-elle ajouté, « mais sans concession ». "
    doc = get_nlp("fr")(text)
    found = extract_quotes(Parsed("t", text, "fr", doc, _sentences(doc, text), None, False))
    assert [q.text for q in found] == ["Le dialogue reste ouvert", "mais sans concession"]
    assert {q.speaker.name for q in found if q.speaker} == {"Aminata Diallo"}


def test_quote_cut_by_the_articles_end_is_not_a_quote() -> None:
    assert quotes("Le gouverneur a parlé.\n\n« Nou") == []


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    assert quotes("Il négocie avec la « sulfureuse » société russe.") == []
    assert quotes("Il publie un livre intitulé « Le Sahel face à ses choix et à son avenir » cette année.") == []


def test_short_quote_with_a_cue_is_a_quote() -> None:
    assert quotes("« Jamais », a répondu le porte-parole.") == ["Jamais"]

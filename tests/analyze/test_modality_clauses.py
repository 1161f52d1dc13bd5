"""Modality decided per clause when a sentence's clauses differ, and the cues that decide them
(blank pipeline: the cues alone, no parser)."""

from __future__ import annotations

import pytest

from recoupe.analyze.attribution import extract_attributions
from recoupe.analyze.claims import extract_claims
from recoupe.analyze.modality import classify_modality, clause_spans, fold_text
from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.analyze.quotes import extract_quotes
from recoupe.model import Claim, Mention, Span


def parsed_of(text: str, lang: str = "fr") -> Parsed:
    doc = get_nlp(lang)(text)
    return Parsed("t", text, lang, doc, _sentences(doc, text), None, False)


def claims_of(text: str, lang: str = "fr", named: str = "") -> list[Claim]:
    parsed = parsed_of(text, lang)
    quotes = extract_quotes(parsed)
    attributions = extract_attributions(parsed, quotes=quotes)
    mentions = (Mention(Span(text.index(named), text.index(named) + len(named)), named, "x", "ORG"),) if named else ()
    return list(extract_claims(parsed, (), mentions, (), quotes, attributions))


def modality_at(claims: list[Claim], text: str, words: str) -> str | None:
    start = text.index(words)
    span = Span(start, start + len(words))
    best = max(claims, key=lambda c: c.span.overlap(span), default=None)
    return best.modality if best is not None and best.span.overlap(span) else None


@pytest.mark.parametrize(
    "text,first,first_modality,second,second_modality",
    [
        ("Le colonel vivrait aujourd’hui à Lomé, ce que les autorités togolaises ont toujours démenti.",
         "vivrait aujourd’hui", "conditional", "ont toujours démenti", "denied"),
        ("Le contrat prévoirait une exonération fiscale de dix ans, une clause que le ministère n’a pas confirmée.",
         "prévoirait une exonération", "conditional", "n’a pas confirmée", "asserted"),
        ("Le gouvernement accuse un pays voisin d’avoir armé les rebelles, une accusation que Lomé a toujours rejetée.",
         "accuse un pays voisin", "reported", "a toujours rejetée", "denied"),
    ],
)
def test_clauses_with_different_modalities_are_separate_claims(
    text: str, first: str, first_modality: str, second: str, second_modality: str
) -> None:
    claims = claims_of(text)
    assert len(claims) == 2
    assert modality_at(claims, text, first) == first_modality
    assert modality_at(claims, text, second) == second_modality


def test_a_sentence_whose_clauses_agree_stays_one_claim() -> None:
    text = "Le convoi aurait été attaqué près de Gao, mais dix camions auraient pu rebrousser chemin."
    claims = claims_of(text)
    assert [(c.span.of(text), c.modality) for c in claims] == [(text, "conditional")]


def test_english_participial_clause_is_reported_apart_from_the_main_clause() -> None:
    text = "The junta on Monday suspended the licence of the mining company, accusing it of unpaid taxes."
    claims = claims_of(text, "en", named="junta")
    assert modality_at(claims, text, "suspended the licence") == "asserted"
    assert modality_at(claims, text, "accusing it of") == "reported"


def test_clause_spans_split_only_at_clause_breaks() -> None:
    text = "Le bilan est de 12 morts, selon la police, ce que la mairie conteste."
    parsed = parsed_of(text)
    spans = clause_spans(parsed, Span(0, len(text)), fold_text(text))
    assert [s.of(text) for s in spans] == ["Le bilan est de 12 morts, selon la police", "ce que la mairie conteste."]


@pytest.mark.parametrize(
    "text,modality",
    [
        # a negation inside a quote that covers less than half of the sentence is still the speaker's denial
        ("« Aucun village n’a été bombardé », a ajouté le porte-parole de l’armée malienne lors d’une conférence "
         "de presse tenue mardi soir à Bamako, « les vidéos qui circulent sont anciennes ».", "denied"),
        # the negation follows a reporting gerund
        ("Le porte-parole a voulu rassurer, tout en assurant qu’aucun soldat n’était impliqué.", "denied"),
        # "accusés" is a French noun, not the English reporting word "accuses"
        ("Dix-neuf accusés comparaissaient devant le tribunal de Bobo-Dioulasso.", "asserted"),
        ("La compagnie conteste le montant réclamé par l’État.", "reported"),
    ],
)
def test_sentence_cues(text: str, modality: str) -> None:
    parsed = parsed_of(text)
    quotes = extract_quotes(parsed)
    attributions = extract_attributions(parsed, quotes=quotes)
    assert classify_modality(parsed, Span(0, len(text)), quotes, attributions).modality == modality


def test_folded_text_gives_the_same_result_as_per_sentence_folding() -> None:
    text = "Selon des sources sécuritaires, le chef rebelle serait réfugié au Niger. L’armée dément."
    parsed = parsed_of(text)
    folded = fold_text(text)
    for sentence in parsed.sentences:
        assert classify_modality(parsed, sentence) == classify_modality(parsed, sentence, folded_text=folded)

"""Indirect quotes: a body (not an agency) credited after a clause speaks, denial verbs before a noun, English pronouns
after 'said', a short clause around a quoted phrase, a quote as an infinitive's complement.
Blank pipeline; invented passages."""

from __future__ import annotations

from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.analyze.quotes import extract_quotes
from recoupe.model import Quote


def run(text: str, lang: str = "fr") -> list[Quote]:
    doc = get_nlp(lang)(text)
    return list(extract_quotes(Parsed("t", text, lang, doc, _sentences(doc, text), None, False)))


def test_a_body_credited_after_the_clause_speaks_but_an_agency_does_not() -> None:
    text = "Plus de 3 000 familles ont quitté leurs maisons à Podor depuis lundi, a indiqué mardi le ministère de l’Intérieur."
    assert [q.speaker.name for q in run(text) if not q.direct and q.speaker] == ["le ministère de l’Intérieur"]
    agency = "Plus de 3 000 familles ont quitté leurs maisons à Podor depuis lundi, a rapporté l’AFP."
    assert [q for q in run(agency) if not q.direct] == []
    anonymous = "Plus de 3 000 familles ont quitté leurs maisons à Podor, a indiqué mardi une source humanitaire."
    assert [q.speaker.name for q in run(anonymous) if not q.direct and q.speaker] == ["une source humanitaire"]


def test_denied_reports_that_is_no_reported_clause() -> None:
    text = "The ministry denied reports that it had closed the Rosso crossing. Traders said the queue was long."
    clauses = [q.text for q in run(text, "en") if not q.direct]
    assert clauses == ["the queue was long"]


def test_english_pronoun_after_said_opens_the_clause() -> None:
    text = ("The Coastal Fishermen Union (CFU), whose boats were seized in March, said they had not entered "
            "Gambian waters.")
    found = [q for q in run(text, "en") if not q.direct]
    assert [q.text for q in found] == ["they had not entered Gambian waters"]


def test_a_short_clause_around_a_quoted_phrase_is_reported() -> None:
    text = "Le préfet, Moussa Diallo, a indiqué à l’AFP que la crue restait « sous surveillance »."
    found = {(q.text, q.direct) for q in run(text)}
    assert ("la crue restait « sous surveillance »", False) in found
    assert ("sous surveillance", True) in found


def test_a_quote_completing_an_infinitive_is_direct_only() -> None:
    text = "Dans un communiqué, la SNCM a démenti toute faute et assuré avoir « toujours payé ses sous-traitants »."
    found = [(q.text, q.direct, q.speaker.name if q.speaker else None) for q in run(text)]
    assert found == [("toujours payé ses sous-traitants", True, "la SNCM")]

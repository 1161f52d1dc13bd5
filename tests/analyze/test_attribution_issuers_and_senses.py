"""Attributions: 'de source' incises, statistics as documents, the issuer of a document, and a
statement verb in a sense that states nothing. Blank pipeline; invented passages."""

from __future__ import annotations

from recoupe.analyze.attribution import extract_attributions
from recoupe.analyze.nlp import Parsed, _sentences, get_nlp


def sources(text: str, lang: str = "fr") -> list[tuple[str, str]]:
    doc = get_nlp(lang)(text)
    found = extract_attributions(Parsed("t", text, lang, doc, _sentences(doc, text), None, False))
    return [(a.source, a.kind) for a in found]


def test_de_source_as_an_incise_after_a_comma() -> None:
    text = "Les quais étaient vides et, de source policière, une vingtaine d’agents gardent le port de Tema."
    assert ("source policière", "anonymous") in sources(text)


def test_statistics_credit_a_document() -> None:
    text = "Le port a traité 4 millions de tonnes en 2023, selon les chiffres officiels."
    assert sources(text) == [("les chiffres officiels", "document")]
    assert sources("Exports rose by 8%, according to the figures of the central bank.", "en")[0][1] == "document"


def test_a_document_is_credited_to_the_body_that_issued_it() -> None:
    text = "Deux camions ont été saisis, selon un communiqué de la gendarmerie nationale publié mardi."
    assert sources(text)[0] == ("gendarmerie nationale", "document")
    # a complement that names no one keeps the document itself
    assert sources("Selon un rapport de 40 pages, la route est coupée.")[0][0] == "un rapport de 40 pages"


def test_a_court_sentencing_credits_no_source() -> None:
    text = ("Le tribunal correctionnel de Thiès a condamné jeudi l’ancien maire à cinq ans de prison pour "
            "« détournement de fonds publics ».")
    assert sources(text) == []
    assert sources("Le parti a condamné jeudi une « arrestation arbitraire ».") == [("le parti", "official")]

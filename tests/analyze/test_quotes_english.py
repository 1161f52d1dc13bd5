"""English cues: “...,” he said; "...", said X; X said that ...; told Reuters; "according to X" is an attribution only."""

from __future__ import annotations

from recoupe.analyze.attribution import extract_attributions
from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.analyze.quotes import extract_quotes

TEXT = (
    "The interior minister, Mohamed Bazoum, visited Agadez on Monday. "
    "“We will rebuild every school that was burnt,” he said.\n\n"
    "\"The convoy left at dawn,\" said Ousmane Ba, a spokesman for the army.\n\n"
    "The governor said that the road to Arlit would stay closed until June.\n\n"
    "According to two people familiar with the matter, the contract runs for three years. "
    "A source close to the presidency told Reuters the decree would be signed on Friday."
)


def parsed() -> Parsed:
    doc = get_nlp("en")(TEXT)
    return Parsed("en", TEXT, "en", doc, _sentences(doc, TEXT), None, False)


def test_english_direct_quotes_and_speakers() -> None:
    quotes = [q for q in extract_quotes(parsed()) if q.direct]
    assert [q.text.rstrip(",") for q in quotes] == [
        "We will rebuild every school that was burnt",
        "The convoy left at dawn",
    ]
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Mohamed Bazoum"
    assert quotes[1].speaker is not None and quotes[1].speaker.name == "Ousmane Ba"
    assert quotes[1].speaker.kind == "official"
    assert quotes[1].speaker.role == "spokesman for the army"


def test_english_indirect_quotes() -> None:
    indirect = {q.text: q.speaker.name if q.speaker else None for q in extract_quotes(parsed()) if not q.direct}
    assert indirect["the road to Arlit would stay closed until June"] == "the governor"
    assert "the contract runs for three years" not in indirect  # "according to X": an attribution only
    assert indirect["the decree would be signed on Friday"] == "a source close to the presidency"


def test_english_attributions() -> None:
    found = {(a.source, a.kind, a.via) for a in extract_attributions(parsed())}
    assert ("two people familiar with the matter", "anonymous", None) in found
    assert ("a source close to the presidency", "anonymous", "Reuters") in found
    assert ("Ousmane Ba", "official", None) in found

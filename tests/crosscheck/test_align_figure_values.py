"""Claims that give the same figure values align across wordings and languages, without an
embedder; a different story statement with one shared number does not."""

from __future__ import annotations

from recoupe.crosscheck import crosscheck_story
from recoupe.model import Analysis, Article, Claim, CleaningReport, Figure, PartialDate, Span, Story
from recoupe.settings import load_settings


def _article(aid: str, lang: str, sentences: list[tuple[str, list[tuple[str, str, float]]]]):
    """sentences: (text, [(figure text, kind, value)]) -> an article and its hand-made analysis."""
    spans, figures, claims, pos = [], [], [], 0
    for number, (sentence, figs) in enumerate(sentences):
        span = Span(pos, pos + len(sentence))
        spans.append(span)
        indexes = []
        for text, kind, value in figs:
            start = pos + sentence.index(text)
            indexes.append(len(figures))
            figures.append(Figure(span=Span(start, start + len(text)), text=text, kind=kind, low=value, high=value))
        claims.append(Claim(id=f"{aid}-{number}", span=span, text=sentence, modality="asserted",
                            figure_indexes=tuple(indexes)))
        pos += len(sentence) + 1
    text = " ".join(s for s, _ in sentences)
    article = Article(id=aid, raw_id=f"r{aid}", outlet=aid, url=None, title=None, text=text,
                      paragraphs=(Span(0, len(text)),), lang=lang, lang_confidence=1.0,
                      published=PartialDate.parse("2025-03-02"), truncated=False, report=CleaningReport())
    return article, Analysis(article_id=aid, lang=lang, sentences=tuple(spans), figures=tuple(figures),
                             claims=tuple(claims))


FR = [
    ("Le gouvernement réclame un redressement fiscal de 120 milliards de francs CFA (environ 183 millions d'euros).",
     [("120 milliards de francs CFA", "money", 120e9), ("183 millions d'euros", "money", 183e6)]),
    ("Sur les 17 cadres visés, 14 doivent partir sous 48 heures et trois peuvent rester.",
     [("17 cadres", "count", 17), ("14", "count", 14), ("trois", "count", 3)]),
    ("Le pétrole représente près d'un quart des recettes budgétaires du pays.", []),
]
EN = [
    ("The ministry said the company owed 120 billion CFA francs (about 183 million euros) in back taxes.",
     [("120 billion CFA francs", "money", 120e9), ("183 million euros", "money", 183e6)]),
    ("Fourteen of the 17 executives must leave within 48 hours while three may stay, officials said.",
     [("Fourteen", "count", 14), ("17 executives", "count", 17), ("three", "count", 3)]),
    ("The 14 wells of the field were shut in January after the pipeline dispute.", [("14 wells", "count", 14)]),
]


def test_align_figure_values_join_a_french_and_an_english_claim():
    pairs = [_article("fr1", "fr", FR), _article("en1", "en", EN)]
    story = Story(id="s", label="CSPC", members=("fr1", "en1"), first_seen="2025-03-02", last_seen="2025-03-02")
    facts = crosscheck_story(story, [a for a, _ in pairs], {a.id: an for a, an in pairs}, [],
                             load_settings().crosscheck)
    claims = [f for f in facts if f.kind == "claim"]

    def articles_of(start: str) -> set[str]:
        fact = next(f for f in claims if any(e.text.startswith(start) for e in f.evidence))
        return {e.article_id for e in fact.evidence}

    assert articles_of("Le gouvernement réclame") == {"fr1", "en1"}
    assert articles_of("Sur les 17 cadres") == {"fr1", "en1"}
    assert articles_of("The 14 wells") == {"en1"}
    assert articles_of("Le pétrole") == {"fr1"}

"""A contradicted slot shows every side, even one held only by articles that also give the main
value (those are inconsistent too)."""

from __future__ import annotations

from recoupe.crosscheck import _figure_facts, build_contexts
from recoupe.crosscheck.figures import figure_facts_input
from recoupe.model import Analysis, Article, CleaningReport, Figure, PartialDate, Span

TEXTS = {
    "a": "L'attaque du convoi a fait 15 morts, selon l'armée. Des élus locaux parlent de 31 morts.",
    "b": "Quinze personnes : l'armée annonce 15 morts. Un notable affirme que 31 morts ont été enterrés.",
    "c": "L'embuscade a fait 15 morts parmi les passagers, a indiqué le gouverneur.",
    "d": "Selon une source hospitalière, l'attaque a fait 20 morts.",
}


def _article(aid: str) -> tuple[Article, Analysis]:
    text = TEXTS[aid]
    article = Article(id=aid, raw_id=aid, outlet=f"Outlet {aid}", url=None, title=None, text=text,
                      paragraphs=(Span(0, len(text)),), lang="fr", lang_confidence=1.0,
                      published=PartialDate.parse("2024-05-14"), truncated=False, report=CleaningReport())
    figures = []
    for value in ("15 morts", "31 morts", "20 morts"):
        start = text.find(value)
        if start >= 0:
            n = float(value.split()[0])
            figures.append(Figure(Span(start, start + len(value)), value, "count", n, n, unit="morts"))
    ends = [i + 1 for i, ch in enumerate(text) if ch == "."]
    sentences = tuple(Span(s, e) for s, e in zip([0, *[e + 1 for e in ends[:-1]]], ends, strict=True))
    return article, Analysis(article_id=aid, lang="fr", sentences=sentences, figures=tuple(figures))


def test_every_side_of_a_contradicted_slot_is_shown() -> None:
    pairs = [_article(a) for a in TEXTS]
    contexts = build_contexts([p[0] for p in pairs], {p[0].id: p[1] for p in pairs}, [])
    slots = [s for s in figure_facts_input(contexts, 0.02) if s.status == "contradicted"]
    assert slots, "the deaths slot is contradicted (15 / 20 / 31)"
    assert set(slots[0].inconsistent_articles) == {"a", "b"}
    fact = _figure_facts("story", slots[0])[0]
    contradicting = {(e.article_id, e.value.text) for e in fact.evidence if e.stance == "contradicts" and e.value}
    # the 31 side is held only by a and b, which also give the main value 15: still shown
    assert {("a", "31 morts"), ("b", "31 morts"), ("d", "20 morts")} <= contradicting
    assert "31 morts" in fact.label and "20 morts" in fact.label

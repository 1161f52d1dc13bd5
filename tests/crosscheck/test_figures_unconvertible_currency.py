"""Amounts in a currency with no rate to the euro (Guinean francs) are still compared together."""

from __future__ import annotations

from recoupe.crosscheck import build_contexts
from recoupe.crosscheck.figures import figure_facts_input
from recoupe.model import Analysis, Article, CleaningReport, Figure, PartialDate, Span


def _article(aid: str, text: str, amount: str, value: float) -> tuple[Article, Analysis]:
    start = text.index(amount)
    article = Article(id=aid, raw_id=aid, outlet=f"Outlet {aid}", url=None, title=None, text=text,
                      paragraphs=(Span(0, len(text)),), lang="fr", lang_confidence=1.0,
                      published=PartialDate(2025, 6, 17), truncated=False, report=CleaningReport())
    figure = Figure(span=Span(start, start + len(amount)), text=amount, kind="money", low=value, high=value,
                    currency="GNF", about="arriérés d’impôts de la compagnie")
    return article, Analysis(article_id=aid, lang="fr", sentences=(Span(0, len(text)),), figures=(figure,))


def test_two_amounts_in_guinean_francs_contradict_in_their_own_slot():
    a = _article("a", "Les arriérés atteignent 1 200 milliards de francs guinéens, selon le ministère.",
                 "1 200 milliards de francs guinéens", 1.2e12)
    b = _article("b", "Un audit évalue les arriérés à 850 milliards de francs guinéens.",
                 "850 milliards de francs guinéens", 8.5e11)
    contexts = build_contexts([a[0], b[0]], {a[0].id: a[1], b[0].id: b[1]}, [])
    slots = figure_facts_input(contexts, 0.02)
    assert [(s.slot, s.status) for s in slots] == [("money in GNF", "contradicted")]

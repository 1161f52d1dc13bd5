"""Hand-built records for the cross-check tests (no spaCy): an article made of given sentences."""

from __future__ import annotations

from recoupe.model import Article, CleaningReport, PartialDate, Span

__all__ = ["sentences_article"]


def sentences_article(aid: str, outlet: str, lang: str, sentences: list[str],
                      published: str) -> tuple[Article, tuple[Span, ...]]:
    """The sentences joined by spaces as one article's text, with each sentence's span."""
    spans, pos = [], 0
    for sentence in sentences:
        spans.append(Span(pos, pos + len(sentence)))
        pos += len(sentence) + 1
    text = " ".join(sentences)
    article = Article(id=aid, raw_id=f"r{aid}", outlet=outlet, url=None, title=None, text=text,
                      paragraphs=(Span(0, len(text)),), lang=lang, lang_confidence=1.0,
                      published=PartialDate.parse(published), truncated=False, report=CleaningReport())
    return article, tuple(spans)

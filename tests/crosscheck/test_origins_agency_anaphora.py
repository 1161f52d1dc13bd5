"""Who a statement comes from when it names again the agency credited earlier ("the agency")."""

from __future__ import annotations

from recoupe.crosscheck.origins import ArticleContext, evidence_origin
from recoupe.model import Analysis, Article, Attribution, CleaningReport, Span


def _context(sentences: list[str], attributions: list[tuple[int, str, str]]) -> tuple[ArticleContext, list[Span]]:
    spans, pos = [], 0
    for sentence in sentences:
        spans.append(Span(pos, pos + len(sentence)))
        pos += len(sentence) + 1
    text = " ".join(sentences)
    article = Article(id="a1", raw_id="r1", outlet="Sahel Monitor", url=None, title=None, text=text,
                      paragraphs=(Span(0, len(text)),), lang="en", lang_confidence=1.0, published=None,
                      truncated=False, report=CleaningReport())
    atts = tuple(Attribution(span=spans[i], source=source, kind=kind, scope=spans[i],
                             origin_id="aoap" if kind == "news agency" else None)
                 for i, source, kind in attributions)
    analysis = Analysis(article_id="a1", lang="en", sentences=tuple(spans), attributions=atts)
    return ArticleContext(article, analysis, "a1", None), spans


SENTENCES = [
    "The AOAP news agency, citing a ministry official, reported four executives and a 72-hour deadline.",
    "CSPC has been losing about $10.8 million a month, according to documents seen by the agency.",
    "The Agency for Mining Development said output had fallen.",
    "Niger holds a 15% stake in CSPC.",
]


def test_documents_seen_by_the_agency_are_the_agency_credited_before():
    ctx, spans = _context(SENTENCES, [(0, "AOAP", "news agency"), (1, "documents seen", "document"),
                                      (2, "The Agency for Mining Development", "official")])
    assert evidence_origin(ctx, spans[1]) == ("documents seen", "aoap")
    # "The Agency for ..." is a body of its own, and a sentence naming no agency is the outlet's.
    assert evidence_origin(ctx, spans[2])[1] == "outlet:a1"
    assert evidence_origin(ctx, spans[3]) == (None, "outlet:a1")


def test_the_agency_with_no_agency_credited_before_is_the_outlets_reporting():
    ctx, spans = _context(SENTENCES[1:], [(0, "documents seen", "document")])
    assert evidence_origin(ctx, spans[0]) == ("documents seen", "outlet:a1")

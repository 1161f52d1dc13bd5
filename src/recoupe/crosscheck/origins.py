"""Who each piece of evidence comes from, for counting independent origins.

An origin is the independent source a statement ultimately rests on:
1. a news agency or medium the sentence credits, directly or as a relay ("selon Reuters",
   "sources diplomatiques citées par Reuters" -> reuters), or names again ("documents seen by
   the agency", after "the AOAP news agency reported"): every outlet relaying it is one origin;
2. a primary source (an official, a person, a document, an unnamed source) counts as the reporting
   of the outlet that spoke to it: two outlets that each heard the minister, or each their own
   security source, are two origins (the minister said it to both);
3. for that reporting, an agency credited in the article's lead ("..., selon Reuters." in the
   first paragraph) stands for the whole article: ten outlets relaying one Reuters report are one
   origin;
4. else the article's copy group: reprints of one text count once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from recoupe.crosscheck.tables import crosscheck_table
from recoupe.crosscheck.text import fold
from recoupe.model import Analysis, Article, Attribution, PartialDate, Span

__all__ = ["ArticleContext", "evidence_origin", "sentence_of"]


@dataclass(frozen=True)
class ArticleContext:
    article: Article
    analysis: Analysis
    copy_key: str  # the copy group's id, or the article's own id
    lead_origin: str | None  # an agency credited in the lead
    when: PartialDate | None = None  # the article's date, else the story's: what relative figures count from


def sentence_of(analysis: Analysis, span: Span) -> Span:
    for sentence in analysis.sentences:
        if sentence.start <= span.start < sentence.end:
            return sentence
    return span


_RELAY_KINDS = frozenset({"news agency", "media"})


def _relay_key(attribution: Attribution) -> str | None:
    """The agency or medium an attribution credits (rule 1), or None for a primary source."""
    if attribution.via:
        return fold(attribution.via)
    if attribution.kind in _RELAY_KINDS:
        return attribution.origin_id or fold(attribution.source)
    return None


def _reporting_key(ctx: ArticleContext) -> str:
    """Whose reporting an article is (rules 3-4)."""
    return ctx.lead_origin or f"outlet:{ctx.copy_key}"


def lead_origin(article: Article, analysis: Analysis) -> str | None:
    lead_end = article.paragraphs[1].end if len(article.paragraphs) > 1 else len(article.text)
    for attribution in analysis.attributions:
        if attribution.span.start < lead_end and attribution.kind == "news agency":
            return attribution.origin_id or fold(attribution.source)
    return None


@functools.lru_cache(maxsize=1)
def _agency_anaphora() -> re.Pattern[str]:
    phrases = crosscheck_table()["agency_anaphora"]
    # Not "l'agence nationale de ...", "the agency for ...": a body of its own, not the agency named before.
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b"
                      r"(?!\s+(?:de|du|des|d'|of|for|nationale|national|[a-z]+ale)\b)")


def _agency_named_before(ctx: ArticleContext, sentence: Span) -> Attribution | None:
    """The news agency the article credited last before `sentence` ("the AOAP news agency ...
    reported"): what "the agency" in a later sentence stands for (rule 1)."""
    credited = [a for a in ctx.analysis.attributions
                if a.span.start < sentence.start and (a.via or a.kind == "news agency")]
    return max(credited, key=lambda a: a.span.start, default=None)


def evidence_origin(ctx: ArticleContext, span: Span) -> tuple[str | None, str]:
    """(the source as written, the origin key) for a piece of evidence at `span`."""
    sentence = sentence_of(ctx.analysis, span)
    best: Attribution | None = None
    for attribution in ctx.analysis.attributions:
        scope = attribution.scope or sentence_of(ctx.analysis, attribution.span)
        in_sentence = scope.overlap(sentence) > 0 or attribution.span.overlap(sentence) > 0
        nearer = best is None or abs(attribution.span.start - span.start) < abs(best.span.start - span.start)
        if in_sentence and nearer:
            best = attribution
    relay = _relay_key(best) if best is not None else None
    if relay is None and _agency_anaphora().search(fold(sentence.of(ctx.article.text).replace("’", "'"))):
        agency = _agency_named_before(ctx, sentence)
        if agency is not None and (key := _relay_key(agency)):
            return (best or agency).source, key  # "according to documents seen by the agency"
    if best is not None:
        return best.source, relay or _reporting_key(ctx)
    return None, _reporting_key(ctx)

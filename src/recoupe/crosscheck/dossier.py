"""The dossier: one story with everything an analyst reads, assembled from stored records.

A pure function of records (no store access), shared by `recoupe dossier` (terminal,
Markdown, HTML, JSON) and the web pages, so that every view shows the same thing.
Human reviews override the automatic status of a fact; the automatic one is kept beside.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from recoupe.model import Analysis, Article, DupGroup, Fact, Review, Story

__all__ = [
    "Dossier",
    "FactView",
    "OutletView",
    "QuoteView",
    "TimelineEntry",
    "build_dossier",
    "status_phrase",
    "LIMIT_NOTE",
]

LIMIT_NOTE = (
    "Automatic statuses describe the coverage, not the truth: 'corroborated' means reported by "
    "independent origins, not verified."
)


@dataclass(frozen=True)
class FactView:
    fact: Fact
    status: str  # the review's status when a person reviewed it, else the automatic one
    automatic_status: str
    phrase: str  # "corroborated by 3 independent origins"
    reviews: tuple[Review, ...] = ()
    outlets: tuple[str, ...] = ()  # outlets carrying it (supports)
    against: tuple[str, ...] = ()  # outlets contradicting or denying it


@dataclass(frozen=True)
class QuoteView:
    speaker: str
    speaker_kind: str
    text: str
    direct: bool
    article_id: str
    outlet: str | None
    published: str | None
    start: int
    end: int


@dataclass(frozen=True)
class TimelineEntry:
    article_id: str
    outlet: str | None
    published: str | None
    title: str | None
    lang: str | None
    copy_of: str | None  # canonical article id when this article is a copy
    first_report: bool


@dataclass(frozen=True)
class OutletView:
    outlet: str
    articles: tuple[str, ...]
    origins: tuple[str, ...]  # origins its evidence relies on
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Dossier:
    story: Story
    facts: tuple[FactView, ...]
    matrix_outlets: tuple[str, ...]
    # fact id -> outlet -> "reports" | "contradicts" | "denies" | "silent"
    matrix: dict[str, dict[str, str]]
    figures: tuple[FactView, ...]
    quotes_by_speaker: dict[str, tuple[QuoteView, ...]]
    timeline: tuple[TimelineEntry, ...]
    outlets: tuple[OutletView, ...]
    origins: tuple[str, ...]
    status_counts: dict[str, int] = field(default_factory=dict)
    limit_note: str = LIMIT_NOTE


def status_phrase(status: str, fact: Fact, outlet_of: Mapping[str, str] | None = None) -> str:
    n = fact.independent_origins
    if status == "corroborated":
        return f"corroborated by {n} independent origin{'s' if n != 1 else ''}"
    if status == "single-source":
        return "single source"
    if status == "contradicted":
        names = outlet_of or {}
        against = sorted({names.get(e.article_id) or e.outlet or e.article_id[:8] for e in fact.evidence
                          if e.stance == "contradicts"})
        return "contradicted" + (f" by {', '.join(against)}" if against else "")
    if status == "denied":
        return "denied by a party to it"
    if status == "inconsistent":
        return "inconsistent within one article"
    return status


def _outlet(article: Article) -> str:
    return article.outlet or f"unknown outlet ({article.id[:8]})"


def _fact_view(fact: Fact, reviews: Sequence[Review], outlet_of: Mapping[str, str]) -> FactView:
    status = reviews[-1].status if reviews else fact.status
    supports = tuple(sorted({outlet_of.get(e.article_id, e.article_id) for e in fact.evidence
                             if e.stance == "supports"}))
    against = tuple(sorted({outlet_of.get(e.article_id, e.article_id) for e in fact.evidence
                            if e.stance != "supports"}))
    phrase = status_phrase(status, fact, outlet_of) + (" (reviewed)" if reviews else "")
    return FactView(fact, status, fact.status, phrase, tuple(reviews), supports, against)


def build_dossier(
    story: Story,
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    facts: Sequence[Fact],
    groups: Sequence[DupGroup],
    reviews: Mapping[str, Sequence[Review]] | None = None,
) -> Dossier:
    reviews = reviews or {}
    outlet_of = {a.id: _outlet(a) for a in articles}
    views = tuple(_fact_view(f, reviews.get(f.id, ()), outlet_of) for f in facts)
    outlets = tuple(sorted(set(outlet_of.values())))
    matrix: dict[str, dict[str, str]] = {}
    for view in views:
        row = dict.fromkeys(outlets, "silent")
        for evidence in view.fact.evidence:
            outlet = outlet_of.get(evidence.article_id, evidence.article_id)
            word = {"supports": "reports", "contradicts": "contradicts", "denies": "denies"}.get(evidence.stance,
                                                                                               "reports")
            if row.get(outlet) in (None, "silent") or word != "reports":
                row[outlet] = word
        matrix[view.fact.id] = row
    quotes: dict[str, list[QuoteView]] = defaultdict(list)
    for article in articles:
        analysis = analyses.get(article.id)
        for quote in analysis.quotes if analysis else ():
            speaker = quote.speaker.name if quote.speaker else "unknown speaker"
            quotes[speaker].append(QuoteView(
                speaker, quote.speaker.kind if quote.speaker else "unknown", quote.text, quote.direct, article.id,
                article.outlet, article.published.iso() if article.published else None, quote.span.start,
                quote.span.end))
    canonical = {m: g.canonical_id for g in groups for m in g.members if m != g.canonical_id}
    ordered = sorted(articles, key=lambda a: (a.published.iso() if a.published else "9999", a.id))
    timeline = tuple(TimelineEntry(
        a.id, a.outlet, a.published.iso() if a.published else None, a.title, a.lang, canonical.get(a.id),
        a.id == story.first_report) for a in ordered)
    origins_by_outlet: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        for evidence in fact.evidence:
            if evidence.origin:
                origins_by_outlet[outlet_of.get(evidence.article_id, evidence.article_id)].add(evidence.origin)
    outlet_views = tuple(OutletView(
        o, tuple(a.id for a in articles if outlet_of[a.id] == o), tuple(sorted(origins_by_outlet.get(o, ()))),
        tuple(sorted({a.lang or "?" for a in articles if outlet_of[a.id] == o}))) for o in outlets)
    counts: dict[str, int] = defaultdict(int)
    for view in views:
        counts[view.status] += 1
    return Dossier(
        story=story, facts=views, matrix_outlets=outlets, matrix=matrix,
        figures=tuple(v for v in views if v.fact.kind == "figure"),
        quotes_by_speaker={k: tuple(v) for k, v in sorted(quotes.items())}, timeline=timeline,
        outlets=outlet_views, origins=tuple(sorted({o for f in facts for o in f.origins})),
        status_counts=dict(counts),
    )

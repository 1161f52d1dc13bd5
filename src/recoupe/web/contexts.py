"""One context dataclass per page template, and the functions that build them from the store.

Routes stay thin: they parse the request, call a `*_context` builder, then render the
context as HTML (template) or JSON (`api_data`). The JSON twin is the same context.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass
from typing import Any

from fastapi.responses import Response
from markupsafe import Markup

from recoupe.crosscheck.dossier import Dossier, FactView
from recoupe.errors import StoreError
from recoupe.model import Article, DupGroup, Fact, Review
from recoupe.store import Store, StoryRow
from recoupe.store import web_queries as wq
from recoupe.views import load_dossier
from recoupe.web.highlight import KINDS, HighlightedText, Mark, analysis_marks, highlight, raw_marks
from recoupe.web.plots import Plot, drift_plot, timeline_plot

__all__ = [
    "REVIEW_STATUSES",
    "StoryFilters",
    "StoriesContext",
    "DossierContext",
    "ArticleContext",
    "RawArticleContext",
    "FactContext",
    "EntityContext",
    "OutletContext",
    "stories_context",
    "dossier_context",
    "article_context",
    "raw_article_context",
    "fact_context",
    "entity_context",
    "outlet_context",
    "api_data",
    "api_response",
    "clip",
    "safe_url",
]

REVIEW_STATUSES = ("corroborated", "single-source", "contradicted", "denied", "inconsistent")
LABEL_CHARS = 300


def clip(text: str | None, n: int = LABEL_CHARS) -> str:
    """A label cut to `n` characters (titles taken from a 10 MB line stay readable)."""
    if not text:
        return ""
    return text if len(text) <= n else text[: n - 1] + "…"


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s); None for javascript:, data: and anything else."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@dataclass(frozen=True)
class StoryFilters:
    q: str = ""
    entity: str = ""
    outlet: str = ""
    lang: str = ""
    date_from: str = ""
    date_to: str = ""
    has_contradictions: bool = False

    def params(self) -> dict[str, str]:
        out = {k: v for k, v in dataclasses.asdict(self).items() if v and k not in ("has_contradictions", "lang")}
        if self.lang:
            out["language"] = self.lang  # ?lang= is the interface language
        if self.has_contradictions:
            out["has_contradictions"] = "1"
        return out


@dataclass(frozen=True)
class StoriesContext:
    filters: StoryFilters
    stories: tuple[StoryRow, ...]
    next_cursor: str | None
    cursor: str | None
    hits: wq.SearchHits | None
    outlets: tuple[str, ...]
    capped: bool = False  # the search had more matches than `match_cap` of one kind
    match_cap: int = 0


@dataclass(frozen=True)
class DossierContext:
    dossier: Dossier
    timeline_plot: Plot | None
    drift_plots: dict[str, Plot]  # fact id -> plot
    facts_by_id: dict[str, FactView]


@dataclass(frozen=True)
class ArticleContext:
    article: Article
    text: HighlightedText
    kinds: tuple[str, ...]
    story_id: str | None
    group: DupGroup | None
    source: str
    locator: str
    url: str | None
    fetched_at: str | None
    raw_date: str | None
    field_sources: dict[str, str]
    metadata_sources: dict[str, str]
    target: tuple[int, int] | None


@dataclass(frozen=True)
class RawArticleContext:
    article: Article
    text: HighlightedText
    n_removed: int
    n_repaired: int


@dataclass(frozen=True)
class FactContext:
    fact: Fact
    status: str
    automatic_status: str
    reviews: tuple[Review, ...]
    statuses: tuple[str, ...]
    token_required: bool
    outlets: dict[str, str]  # article id -> outlet


@dataclass(frozen=True)
class EntityContext:
    entity: wq.EntityInfo
    articles: tuple[Any, ...]
    quotes_by: tuple[wq.QuoteHit, ...]
    quotes_about: tuple[wq.QuoteHit, ...]
    stories: tuple[StoryRow, ...]


@dataclass(frozen=True)
class OutletContext:
    outlet: wq.OutletInfo
    articles: tuple[Any, ...]
    origins: dict[str, int]  # origin key -> number of evidence items of this outlet relying on it
    stories: tuple[StoryRow, ...]


def stories_context(store: Store, filters: StoryFilters, cursor: str | None, *, limit: int,
                    search_limit: int, match_cap: int, outlets: tuple[str, ...] = ()) -> StoriesContext:
    page = wq.page_stories(
        store, limit=limit, cursor=wq.StoryCursor.decode(cursor), query=filters.q or None,
        entity=filters.entity or None, outlet=filters.outlet or None, lang=filters.lang or None,
        date_from=filters.date_from or None, date_to=filters.date_to or None,
        has_contradictions=filters.has_contradictions, match_cap=match_cap)
    hits = wq.search(store, filters.q, limit=search_limit) if filters.q.strip() else None
    return StoriesContext(filters, page.rows, page.next_cursor, cursor, hits, outlets,
                          page.capped, match_cap)


def dossier_context(store: Store, story_id: str) -> DossierContext:
    dossier = load_dossier(store, story_id)
    drift = {v.fact.id: p for v in dossier.figures if (p := drift_plot(v)) is not None}
    return DossierContext(dossier, timeline_plot(dossier), drift, {v.fact.id: v for v in dossier.facts})


def _parse_target(hl: str | None) -> tuple[int, int] | None:
    if not hl:
        return None
    start, _, end = hl.partition("-")
    if start.isdigit() and end.isdigit() and int(start) < int(end):
        return int(start), int(end)
    return None


def article_context(store: Store, article_id: str, *, hl: str | None, limit: int) -> ArticleContext:
    article = store.article(article_id)
    marks = analysis_marks(store.analysis(article_id))
    target = _parse_target(hl)
    if target:
        marks.append(Mark(target[0], target[1], "evidence"))
    try:
        raw = store.raw_document(article.raw_id)
        source, locator, fetched = raw.provenance.source, raw.provenance.locator, raw.provenance.fetched_at
        raw_date, metadata_sources = raw.metadata.get("date"), dict(raw.metadata_sources)
    except StoreError:
        source, locator, fetched, raw_date, metadata_sources = "?", "", None, None, {}
    return ArticleContext(
        article=article, text=highlight(article.text, marks, limit=limit), kinds=KINDS,
        story_id=store.story_of(article_id), group=store.group_of(article_id), source=source, locator=locator,
        url=safe_url(article.url), fetched_at=fetched, raw_date=raw_date,
        field_sources=dict(article.report.field_sources), metadata_sources=metadata_sources, target=target)


def raw_article_context(store: Store, article_id: str, *, limit: int) -> RawArticleContext:
    article = store.article(article_id)
    text = highlight(article.report.source_text, raw_marks(article), limit=limit)
    return RawArticleContext(article, text, len(article.report.removed), len(article.report.repairs))


def fact_context(store: Store, fact_id: str, *, token_required: bool) -> FactContext:
    fact = store.fact(fact_id)
    reviews = tuple(store.reviews(fact_id))
    ids = sorted({e.article_id for e in fact.evidence})
    outlets = {}
    for row in store.list_articles(story_id=fact.story_id, limit=1000):
        if row.id in ids:
            outlets[row.id] = row.outlet or row.id[:10]
    status = reviews[-1].status if reviews else fact.status
    return FactContext(fact, status, fact.status, reviews, REVIEW_STATUSES, token_required, outlets)


def _stories_by_id(store: Store, story_ids: list[str]) -> tuple[StoryRow, ...]:
    rows = []
    for sid in story_ids[:50]:
        try:
            story = store.story(sid)
        except StoreError:
            continue
        rows.append(StoryRow(story.id, story.label, story.first_seen, story.last_seen, len(story.members),
                             story.outlets, story.languages, {}))
    return tuple(sorted(rows, key=lambda r: (r.last_seen or "", r.id), reverse=True))


def entity_context(store: Store, entity_id: str, *, limit: int) -> EntityContext:
    info = wq.entity_info(store, entity_id)
    if info is None:
        raise StoreError(f"no entity {entity_id}")
    articles = tuple(wq.entity_articles(store, entity_id, limit=limit))
    stories = _stories_by_id(store, list(dict.fromkeys(a.story_id for a in articles if a.story_id)))
    return EntityContext(info, articles, tuple(wq.entity_quotes(store, entity_id, info.name, limit=limit)),
                         tuple(wq.quotes_about_entity(store, entity_id, limit=limit)), stories)


def outlet_context(store: Store, name: str, *, limit: int) -> OutletContext:
    info = wq.outlet_info(store, name)
    if info is None:
        raise StoreError(f"no outlet {name}")
    articles = tuple(wq.outlet_articles(store, name, limit=limit))
    ids = {a.id for a in articles}
    story_ids = wq.stories_of_articles(store, list(ids))
    origins: dict[str, int] = {}
    for fact in wq.facts_of_stories(store, story_ids):
        for evidence in fact.evidence:
            if evidence.article_id in ids and evidence.origin:
                origins[evidence.origin] = origins.get(evidence.origin, 0) + 1
    ordered = dict(sorted(origins.items(), key=lambda kv: (-kv[1], kv[0])))
    return OutletContext(info, articles, ordered, _stories_by_id(store, story_ids))


_SCALARS = frozenset({str, int, float, bool, type(None)})  # exact types: a Markup (a str) is not one


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: Any) -> Any:
    """A context as dicts, lists and scalars (scalars first: they are most of the calls)."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, HighlightedText):
        return {"shown_chars": value.shown_chars, "total_chars": value.total_chars, "counts": value.counts}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _api_plain(context: Any) -> Any:
    data = _plain(context)
    if isinstance(data, dict):
        for key in ("timeline_plot", "drift_plots", "facts_by_id", "kinds"):
            data.pop(key, None)
    return data


def api_data(context: Any) -> Any:
    """A context as JSON-ready data (plots and rendered HTML left out: the API gives records)."""
    return json.loads(json.dumps(_api_plain(context), default=str))


def api_response(context: Any) -> Response:
    """`api_data` as the response FastAPI would send for it, encoded once: returning the data
    instead makes FastAPI walk it again (jsonable_encoder) before its own json.dumps."""
    body = json.dumps(_api_plain(context), default=str, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return Response(body.encode("utf-8"), media_type="application/json")

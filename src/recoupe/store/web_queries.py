"""Queries the web pages need beyond `Store`'s: keyset pages, search over quotes and facts,
entity and outlet pages. Functions take a `Store` first; SQL stays in `store/`.

Every list is bounded by `limit`; user text reaches FTS5 only through `fts_query` and
always as a bound parameter.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from recoupe.model import Fact, from_dict
from recoupe.store.queries import ArticleRow, Store, StoryRow, fts_query, story_filters

__all__ = [
    "StoryCursor",
    "StoryPage",
    "QuoteHit",
    "FactHit",
    "ArticleHit",
    "SearchHits",
    "EntityInfo",
    "OutletInfo",
    "page_stories",
    "search",
    "entity_info",
    "entity_articles",
    "entity_quotes",
    "quotes_about_entity",
    "outlet_info",
    "outlet_articles",
    "outlets",
    "facts_of_stories",
    "stories_of_articles",
]


@dataclass(frozen=True)
class StoryCursor:
    """Where a newest-first page of stories ends: the last row's (last_seen, id)."""

    last_seen: str
    id: str

    def encode(self) -> str:
        return f"{self.last_seen}~{self.id}"

    @classmethod
    def decode(cls, text: str | None) -> StoryCursor | None:
        if not text or "~" not in text:
            return None
        last_seen, _, story_id = text.rpartition("~")
        return cls(last_seen[:32], story_id[:64])


@dataclass(frozen=True)
class StoryPage:
    rows: tuple[StoryRow, ...]
    next_cursor: str | None
    capped: bool = False  # a search had more matches of one kind than `match_cap`: refine it


@dataclass(frozen=True)
class QuoteHit:
    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_entity: str | None
    direct: bool
    outlet: str | None
    published: str | None
    story_id: str | None


@dataclass(frozen=True)
class FactHit:
    id: str
    story_id: str
    kind: str
    status: str
    label: str
    n_origins: int


@dataclass(frozen=True)
class ArticleHit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None


@dataclass(frozen=True)
class SearchHits:
    query: str
    articles: tuple[ArticleHit, ...]
    quotes: tuple[QuoteHit, ...]
    facts: tuple[FactHit, ...]


@dataclass(frozen=True)
class EntityInfo:
    id: str
    name: str
    kind: str
    n_articles: int


@dataclass(frozen=True)
class OutletInfo:
    name: str
    n_articles: int
    languages: tuple[str, ...]
    first_published: str | None
    last_published: str | None


def _fts(text: str) -> str:
    """`fts_query` of the text without control characters: SQLite's FTS5 reads a NUL inside a
    quoted term as the end of the query ("unterminated string")."""
    return fts_query("".join(ch if ch.isprintable() else " " for ch in text))


def _story_rows(store: Store, rows: Sequence[Sequence[object]]) -> list[StoryRow]:
    ids = [str(r[0]) for r in rows]
    counts: dict[str, dict[str, int]] = {}
    if ids:
        marks = ",".join("?" * len(ids))
        for sid, status, n in store.conn.execute(
            f"SELECT story_id, status, count(*) FROM facts WHERE story_id IN ({marks}) GROUP BY story_id, status",
            ids,
        ):
            counts.setdefault(sid, {})[status] = n
    out = []
    for r in rows:
        out.append(StoryRow(
            id=str(r[0]), label=str(r[1]), first_seen=cast("str | None", r[2]), last_seen=cast("str | None", r[3]),
            n_articles=int(cast(int, r[4])),
            outlets=tuple(json.loads(str(r[5])) if r[5] else ()), languages=tuple(json.loads(str(r[6])) if r[6] else ()),
            status_counts=counts.get(str(r[0]), {}),
        ))
    return out


def page_stories(
    store: Store,
    *,
    limit: int = 50,
    cursor: StoryCursor | None = None,
    query: str | None = None,
    entity: str | None = None,
    outlet: str | None = None,
    lang: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    has_contradictions: bool = False,
    match_cap: int = 5000,
) -> StoryPage:
    """Stories newest first (by last_seen, then id), filtered, one keyset page at a time.

    The search matches a story when one of its articles, quotes or fact labels matches; only
    the `match_cap` latest-stored matches of each kind count, so that a common word over
    100,000 articles stays a bounded query.
    """
    where: list[str] = []
    params: list[object] = []
    if query:
        fts = _fts(query)
        where.append(
            "(s.id IN (SELECT k.story_id FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT ?) f JOIN article_story k ON k.article_rowid = f.rowid)"
            " OR s.id IN (SELECT k.story_id FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT ?) f JOIN quote_story k ON k.quote_rowid = f.rowid)"
            " OR s.id IN (SELECT k.story_id FROM (SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT ?) f JOIN fact_story k ON k.fact_rowid = f.rowid))"
        )
        params += [fts, match_cap, fts, match_cap, fts, match_cap]
    more_where, more_params = story_filters(entity=entity, outlet=outlet, lang=lang, date_from=date_from,
                                            date_to=date_to, has_contradictions=has_contradictions)
    where += more_where
    params += more_params
    if cursor is not None:
        # (last_seen, id) < cursor, written so that the first term is a range of stories_recent
        # (SQLite does not seek an index with a row-value comparison on an expression).
        where.append("coalesce(s.last_seen, '') <= ? AND (coalesce(s.last_seen, '') < ? OR s.id < ?)")
        params += [cursor.last_seen, cursor.last_seen, cursor.id]
    sql = (  # outlets and languages taken out of the record by SQLite: a big story's record lists every member
        "SELECT s.id, s.label, s.first_seen, s.last_seen, s.n_articles,"
        " json_extract(s.record, '$.outlets'), json_extract(s.record, '$.languages') FROM stories s"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY coalesce(s.last_seen, '') DESC, s.id DESC LIMIT ?"
    )
    rows = store.conn.execute(sql, [*params, limit + 1]).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = StoryCursor(last[3] or "", last[0]).encode()
    capped = bool(query) and _search_capped(store, _fts(query or ""), match_cap)
    return StoryPage(tuple(_story_rows(store, rows)), next_cursor, capped)


def _search_capped(store: Store, fts: str, match_cap: int) -> bool:
    """Whether one of the three indexes holds more than `match_cap` matches of the search."""
    row = store.conn.execute(
        "SELECT max((SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?1 LIMIT ?2)),"
        " (SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ?1 LIMIT ?2)),"
        " (SELECT count(*) FROM (SELECT 1 FROM facts_fts WHERE facts_fts MATCH ?1 LIMIT ?2)))",
        (fts, match_cap + 1)).fetchone()
    return int(row[0]) > match_cap


def search(store: Store, query: str, *, limit: int = 20) -> SearchHits:
    """The latest-stored matches among articles, quotes and fact labels, `limit` of each.

    Ordered by rowid, not by bm25 rank: ranking sorts every match, which for a common word in
    100,000 articles costs tens of milliseconds; rowid order stops at `limit`.
    """
    fts = _fts(query)
    articles = tuple(ArticleHit(r[0], r[1], r[2], r[3], r[4]) for r in store.conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, m.story_id FROM"
        " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f"
        " JOIN articles a ON a.rowid = f.rowid LEFT JOIN story_members m ON m.article_id = a.id ORDER BY f.rowid DESC",
        (fts, limit)))
    quotes = tuple(QuoteHit(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9]) for r in store.conn.execute(
        "SELECT q.article_id, q.span_start, q.span_end, q.text, q.speaker, q.speaker_entity, q.direct,"
        " a.outlet, a.published, m.story_id FROM"
        " (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f"
        " JOIN quote_index q ON q.id = f.rowid JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN story_members m ON m.article_id = q.article_id ORDER BY f.rowid DESC",
        (fts, limit)))
    facts = tuple(FactHit(*r) for r in store.conn.execute(
        "SELECT x.id, x.story_id, x.kind, x.status, x.label, x.n_origins FROM"
        " (SELECT rowid FROM facts_fts WHERE facts_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f"
        " JOIN facts x ON x.rowid = f.rowid ORDER BY f.rowid DESC",
        (fts, limit)))
    return SearchHits(query, articles, quotes, facts)


def entity_info(store: Store, entity_id: str) -> EntityInfo | None:
    row = store.conn.execute(
        "SELECT entity_id, name, kind, count(*) FROM entity_mentions WHERE entity_id = ? GROUP BY entity_id",
        (entity_id,),
    ).fetchone()
    return EntityInfo(row[0], row[1], row[2], int(row[3])) if row else None


def _article_rows(store: Store, where: str, params: Sequence[object], limit: int, offset: int,
                  join: str = "") -> list[ArticleRow]:
    rows = store.conn.execute(
        "SELECT a.id, a.outlet, a.title, a.lang, a.published, a.truncated, a.n_chars, m.story_id, c.group_id"
        f" FROM articles a {join} LEFT JOIN story_members m ON m.article_id = a.id"
        f" LEFT JOIN article_copies c ON c.article_id = a.id WHERE {where}"
        " ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [ArticleRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8]) for r in rows]


def entity_articles(store: Store, entity_id: str, *, limit: int = 50, offset: int = 0) -> list[ArticleRow]:
    """Articles mentioning the entity, newest first."""
    return _article_rows(store, "e.entity_id = ?", [entity_id], limit, offset,
                         join="JOIN entity_mentions e ON e.article_id = a.id")


def _quote_hits(store: Store, where: str, params: Sequence[object], limit: int) -> list[QuoteHit]:
    rows = store.conn.execute(
        "SELECT q.article_id, q.span_start, q.span_end, q.text, q.speaker, q.speaker_entity, q.direct,"
        " a.outlet, a.published, m.story_id FROM quote_index q JOIN articles a ON a.id = q.article_id"
        f" LEFT JOIN story_members m ON m.article_id = q.article_id WHERE {where}"
        " ORDER BY a.published DESC, q.article_id, q.n LIMIT ?",
        [*params, limit],
    )
    return [QuoteHit(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9]) for r in rows]


def entity_quotes(store: Store, entity_id: str, name: str | None = None, *, limit: int = 100) -> list[QuoteHit]:
    """What the entity says: quotes whose speaker is the entity (by id, else by exact name)."""
    return _quote_hits(store, "q.speaker_entity = ? OR q.speaker = ? COLLATE NOCASE", [entity_id, name or entity_id],
                       limit)


def quotes_about_entity(store: Store, entity_id: str, *, limit: int = 100) -> list[QuoteHit]:
    """What others say in articles that mention the entity (other speakers' quotes)."""
    return _quote_hits(
        store,
        "q.article_id IN (SELECT article_id FROM entity_mentions WHERE entity_id = ?)"
        " AND coalesce(q.speaker_entity, '') != ?",
        [entity_id, entity_id], limit)


def outlet_info(store: Store, name: str) -> OutletInfo | None:
    row = store.conn.execute(
        "SELECT count(*), group_concat(DISTINCT lang), min(published), max(published) FROM articles WHERE outlet = ?",
        (name,),
    ).fetchone()
    if not row or not row[0]:
        return None
    langs = tuple(sorted(x for x in (row[1] or "").split(",") if x))
    return OutletInfo(name, int(row[0]), langs, row[2], row[3])


def outlet_articles(store: Store, name: str, *, limit: int = 50, offset: int = 0) -> list[ArticleRow]:
    return _article_rows(store, "a.outlet = ?", [name], limit, offset)


def outlets(store: Store, *, limit: int = 500) -> list[tuple[str, int]]:
    """(outlet, number of articles), most articles first."""
    rows = store.conn.execute(
        "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY n DESC, outlet"
        " LIMIT ?", (limit,))
    return [(r[0], int(r[1])) for r in rows]


def stories_of_articles(store: Store, article_ids: Sequence[str]) -> list[str]:
    ids = list(dict.fromkeys(article_ids))[:900]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [r[0] for r in store.conn.execute(
        f"SELECT DISTINCT story_id FROM story_members WHERE article_id IN ({marks})", ids)]


def facts_of_stories(store: Store, story_ids: Sequence[str]) -> list[Fact]:
    ids = list(dict.fromkeys(story_ids))[:900]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [from_dict(Fact, json.loads(r[0])) for r in store.conn.execute(
        f"SELECT record FROM facts WHERE story_id IN ({marks}) ORDER BY story_id, n_origins DESC, id", ids)]

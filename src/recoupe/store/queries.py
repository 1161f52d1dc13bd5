"""Typed queries over the store: the only place SQL is written.

`Store` wraps one connection. Reads are plain methods; every write goes through
`Store.transaction()`, so a batch lands whole or not at all (a `kill -9` in the
middle of an ingest loses at most the batch under way, which the next run redoes).
Inserts are keyed by content-hash ids: writing the same record twice changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from recoupe.errors import StoreError
from recoupe.model import (
    Analysis,
    Article,
    DupGroup,
    Fact,
    IngestError,
    RawDocument,
    Review,
    Story,
    from_dict,
    to_dict,
)
from recoupe.store.db import connect

__all__ = ["Store", "ArticleRow", "StoryRow", "open_store", "story_filters", "fts_query"]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _chunks(ids: list[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """Ids in slices small enough for one `IN (...)`, each with its placeholders."""
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        yield chunk, ",".join("?" * len(chunk))


def _json(record: Any) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class ArticleRow:
    id: str
    outlet: str | None
    title: str | None
    lang: str | None
    published: str | None
    truncated: bool
    n_chars: int
    story_id: str | None
    group_id: str | None


@dataclass(frozen=True)
class StoryRow:
    id: str
    label: str
    first_seen: str | None
    last_seen: str | None
    n_articles: int
    outlets: tuple[str, ...]
    languages: tuple[str, ...]
    status_counts: dict[str, int]


def open_store(path: str | Path, *, readonly: bool = False, busy_timeout_ms: int = 5000) -> Store:
    return Store(connect(path, readonly=readonly, busy_timeout_ms=busy_timeout_ms), Path(path))


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ------------------------------------------------------------ documents

    def known_raw_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these raw documents already have an article (so need no work)."""
        found: set[str] = set()
        for chunk, marks in _chunks(list(ids)):
            rows = self.conn.execute(f"SELECT raw_id FROM articles WHERE raw_id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def add_document(self, raw: RawDocument, article: Article, analysis: Analysis | None) -> bool:
        """Store a document with its article and analysis; False when it was already there."""
        record = to_dict(raw)
        record["content"] = None
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO raw_documents(id, format, source, locator, url, outlet, fetched_at,"
            " ingested_at, content, record) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                raw.id,
                raw.format,
                raw.provenance.source,
                raw.provenance.locator,
                raw.provenance.url or raw.metadata.get("url"),
                raw.outlet,
                raw.provenance.fetched_at,
                _now(),
                raw.content,
                json.dumps(record, ensure_ascii=False),
            ),
        )
        created = cur.rowcount > 0
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO articles(id, raw_id, outlet, url, title, lang, published, truncated,"
            " n_chars, text, record) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                raw.id,
                article.outlet,
                article.url,
                article.title,
                article.lang,
                article.published.iso() if article.published else None,
                int(article.truncated),
                len(article.text),
                article.text,
                _json(article),
            ),
        )
        created = created or cur.rowcount > 0
        if analysis is not None:
            self.save_analysis(analysis)
        return created

    def save_analysis(self, analysis: Analysis) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO analyses(article_id, n_quotes, n_figures, n_claims, record) VALUES (?,?,?,?,?)",
            (analysis.article_id, len(analysis.quotes), len(analysis.figures), len(analysis.claims), _json(analysis)),
        )
        counts: dict[str, int] = {}
        for mention in analysis.mentions:
            counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
        entities = {e.id: e for e in analysis.entities}
        self.conn.execute("DELETE FROM entity_mentions WHERE article_id = ?", (analysis.article_id,))
        self.conn.executemany(
            "INSERT INTO entity_mentions(article_id, entity_id, name, kind, n_mentions) VALUES (?,?,?,?,?)",
            [
                (analysis.article_id, eid, entities[eid].name if eid in entities else eid,
                 entities[eid].kind if eid in entities else "other", n)
                for eid, n in counts.items()
            ],
        )

    def add_errors(self, errors: Iterable[IngestError]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO ingest_errors(source, locator, reason, at) VALUES (?,?,?,?)",
            [(e.source, e.locator, e.reason, _now()) for e in errors],
        )

    def errors(self, limit: int = 1000) -> list[IngestError]:
        rows = self.conn.execute(
            "SELECT source, locator, reason FROM ingest_errors ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [IngestError(source=r[0], locator=r[1], reason=r[2]) for r in rows]

    def resolve_id(self, table: str, prefix: str) -> str:
        """The full id of the one record of `table` whose id starts with `prefix`."""
        if table not in {"articles", "stories", "facts", "raw_documents"}:
            raise ValueError(table)
        rows = self.conn.execute(
            f"SELECT id FROM {table} WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "\uffff")
        ).fetchall()
        if not rows:
            raise StoreError(f"no {table[:-1].replace('_', ' ')} with an id starting with {prefix!r}")
        if len(rows) > 1:
            raise StoreError(f"{prefix!r} is ambiguous: give more characters of the id")
        return str(rows[0][0])

    def article(self, article_id: str) -> Article:
        row = self.conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"no article {article_id}")
        return from_dict(Article, json.loads(row[0]))

    def articles(self, ids: Sequence[str]) -> list[Article]:
        return [self.article(i) for i in ids]

    def raw_document(self, raw_id: str) -> RawDocument:
        row = self.conn.execute("SELECT content, record FROM raw_documents WHERE id = ?", (raw_id,)).fetchone()
        if row is None:
            raise StoreError(f"no raw document {raw_id}")
        data = json.loads(row[1])
        data["content"] = row[0]
        return from_dict(RawDocument, data)

    def analysis(self, article_id: str) -> Analysis | None:
        row = self.conn.execute("SELECT record FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        return from_dict(Analysis, json.loads(row[0])) if row else None

    def articles_by_source(self, source: str) -> list[tuple[str, str, str]]:
        """(source, locator, article id) of every article read from `source`."""
        rows = self.conn.execute(
            "SELECT r.source, r.locator, a.id FROM raw_documents r JOIN articles a ON a.raw_id = r.id"
            " WHERE r.source = ? ORDER BY r.locator",
            (source,),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY published, id")]

    def count(self, table: str) -> int:
        if table not in {"raw_documents", "articles", "analyses", "stories", "facts", "dup_groups", "reviews",
                         "ingest_errors", "features"}:
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def list_articles(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        outlet: str | None = None,
        lang: str | None = None,
        story_id: str | None = None,
        query: str | None = None,
    ) -> list[ArticleRow]:
        where, params = [], []
        if outlet:
            where.append("a.outlet = ?")
            params.append(outlet)
        if lang:
            where.append("a.lang = ?")
            params.append(lang)
        if story_id:
            where.append("m.story_id = ?")
            params.append(story_id)
        if query:
            where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(fts_query(query))
        sql = (
            "SELECT a.id, a.outlet, a.title, a.lang, a.published, a.truncated, a.n_chars, m.story_id, c.group_id"
            " FROM articles a LEFT JOIN story_members m ON m.article_id = a.id"
            " LEFT JOIN article_copies c ON c.article_id = a.id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?"
        )
        rows = self.conn.execute(sql, [*params, limit, offset])
        return [ArticleRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8]) for r in rows]

    # --------------------------------------------------------------- group

    def save_features(self, items: Iterable[tuple[str, str | None, Any]]) -> None:
        """(article_id, published, features record) triples of grouped articles; the record is any dataclass."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO features(article_id, published, record, grouped) VALUES (?,?,?,1)",
            [(aid, pub, _json(rec)) for aid, pub, rec in items],
        )

    def save_pending_features(self, items: Iterable[tuple[str, str | None, Any]]) -> None:
        """Features computed at ingest for articles not grouped yet; an article that already
        has features keeps them (re-running an ingest changes nothing)."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO features(article_id, published, record, grouped) VALUES (?,?,?,0)",
            [(aid, pub, _json(rec)) for aid, pub, rec in items],
        )

    def feature_dicts(
        self, *, since: str | None = None, until: str | None = None, ids: Sequence[str] | None = None
    ) -> list[dict[str, Any]]:
        """Stored feature records as dicts: those of the given ids (grouped or not), or every
        grouped article's, optionally within a published window."""
        if ids is not None:
            out = []
            for chunk, marks in _chunks(list(ids)):
                out += [json.loads(r[0]) for r in self.conn.execute(
                    f"SELECT record FROM features WHERE article_id IN ({marks})", chunk)]
            return out
        where, params = ["grouped = 1"], []
        if since:
            where.append("(published IS NULL OR published >= ?)")
            params.append(since)
        if until:
            where.append("(published IS NULL OR published <= ?)")
            params.append(until)
        sql = "SELECT record FROM features WHERE " + " AND ".join(where)
        return [json.loads(r[0]) for r in self.conn.execute(sql + " ORDER BY article_id", params)]

    def articles_to_group(self) -> list[str]:
        """Articles the grouping has not placed yet: no features, or features computed at ingest."""
        rows = self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN features f ON f.article_id = a.id"
            " WHERE f.article_id IS NULL OR f.grouped = 0 ORDER BY a.published, a.id"
        )
        return [r[0] for r in rows]

    def save_dup_groups(self, groups: Iterable[DupGroup]) -> None:
        for group in groups:
            marks = ",".join("?" * len(group.members))
            old = self.conn.execute(
                f"SELECT group_id FROM article_copies WHERE article_id IN ({marks})", group.members
            ).fetchall()
            for (old_id,) in old:
                if old_id != group.id:
                    self.conn.execute("DELETE FROM article_copies WHERE group_id = ?", (old_id,))
                    self.conn.execute("DELETE FROM dup_groups WHERE id = ?", (old_id,))
            self.conn.execute(
                "INSERT OR REPLACE INTO dup_groups(id, canonical_id, record) VALUES (?,?,?)",
                (group.id, group.canonical_id, _json(group)),
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO article_copies(article_id, group_id) VALUES (?,?)",
                [(m, group.id) for m in group.members],
            )

    def dup_groups(self) -> list[DupGroup]:
        return [from_dict(DupGroup, json.loads(r[0])) for r in self.conn.execute(
            "SELECT record FROM dup_groups ORDER BY id")]

    def dup_groups_of(self, article_ids: Iterable[str]) -> list[DupGroup]:
        """The copy groups that hold at least one of these articles (each once, by id)."""
        group_ids: set[str] = set()
        for chunk, marks in _chunks(sorted(set(article_ids))):
            group_ids.update(r[0] for r in self.conn.execute(
                f"SELECT group_id FROM article_copies WHERE article_id IN ({marks})", chunk))
        out: list[DupGroup] = []
        for chunk, marks in _chunks(sorted(group_ids)):
            out += [from_dict(DupGroup, json.loads(r[0])) for r in self.conn.execute(
                f"SELECT record FROM dup_groups WHERE id IN ({marks}) ORDER BY id", chunk)]
        return sorted(out, key=lambda g: g.id)

    def save_stories(self, stories: Iterable[Story]) -> None:
        """Insert or replace stories and their members; a story left with no member is removed."""
        previous: set[str] = set()
        for story in stories:
            marks = ",".join("?" * len(story.members))
            previous.update(r[0] for r in self.conn.execute(
                f"SELECT story_id FROM story_members WHERE article_id IN ({marks})", story.members))
            self.conn.execute(
                "INSERT OR REPLACE INTO stories(id, label, first_seen, last_seen, n_articles, record)"
                " VALUES (?,?,?,?,?,?)",
                (story.id, story.label, story.first_seen, story.last_seen, len(story.members), _json(story)),
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO story_members(article_id, story_id) VALUES (?,?)",
                [(m, story.id) for m in story.members],
            )
        for story_id in previous:
            if self.conn.execute("SELECT 1 FROM story_members WHERE story_id = ? LIMIT 1", (story_id,)).fetchone() is None:
                self.conn.execute("DELETE FROM facts WHERE story_id = ?", (story_id,))
                self.conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def stories(self) -> list[Story]:
        return [from_dict(Story, json.loads(r[0])) for r in self.conn.execute(
            "SELECT record FROM stories ORDER BY first_seen, id")]

    def stories_seen_since(self, since: str | None) -> list[Story]:
        """Stories last seen on or after `since` (all when None), and undated ones."""
        if since is None:
            return self.stories()
        rows = self.conn.execute(
            "SELECT record FROM stories WHERE last_seen IS NULL OR last_seen >= ? ORDER BY first_seen, id", (since,)
        )
        return [from_dict(Story, json.loads(r[0])) for r in rows]

    def story(self, story_id: str) -> Story:
        row = self.conn.execute("SELECT record FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise StoreError(f"no story {story_id}")
        return from_dict(Story, json.loads(row[0]))

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def group_of(self, article_id: str) -> DupGroup | None:
        row = self.conn.execute(
            "SELECT g.record FROM article_copies c JOIN dup_groups g ON g.id = c.group_id WHERE c.article_id = ?",
            (article_id,),
        ).fetchone()
        return from_dict(DupGroup, json.loads(row[0])) if row else None

    def list_stories(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        query: str | None = None,
        entity: str | None = None,
        outlet: str | None = None,
        lang: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        has_contradictions: bool = False,
    ) -> list[StoryRow]:
        where: list[str] = []
        params: list[object] = []
        if query:
            where.append(
                "s.id IN (SELECT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id"
                " WHERE a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
            )
            params.append(fts_query(query))
        more_where, more_params = story_filters(entity=entity, outlet=outlet, lang=lang, date_from=date_from,
                                                date_to=date_to, has_contradictions=has_contradictions)
        where += more_where
        params += more_params
        sql = (
            "SELECT s.id, s.label, s.first_seen, s.last_seen, s.n_articles, s.record FROM stories s"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY s.last_seen DESC, s.id LIMIT ? OFFSET ?"
        )
        rows = self.conn.execute(sql, [*params, limit, offset]).fetchall()
        counts = self._status_counts([r[0] for r in rows])
        out = []
        for r in rows:
            record = json.loads(r[5])
            out.append(
                StoryRow(
                    id=r[0], label=r[1], first_seen=r[2], last_seen=r[3], n_articles=r[4],
                    outlets=tuple(record.get("outlets") or ()), languages=tuple(record.get("languages") or ()),
                    status_counts=counts.get(r[0], {}),
                )
            )
        return out

    def _status_counts(self, story_ids: Sequence[str]) -> dict[str, dict[str, int]]:
        if not story_ids:
            return {}
        marks = ",".join("?" * len(story_ids))
        out: dict[str, dict[str, int]] = {}
        for sid, status, n in self.conn.execute(
            f"SELECT story_id, status, count(*) FROM facts WHERE story_id IN ({marks}) GROUP BY story_id, status",
            list(story_ids),
        ):
            out.setdefault(sid, {})[status] = n
        return out

    # ---------------------------------------------------------- crosscheck

    def save_facts(self, story_id: str, facts: Sequence[Fact]) -> None:
        """Replace the automatic facts of a story (reviews live apart and survive)."""
        self.conn.execute("DELETE FROM facts WHERE story_id = ?", (story_id,))
        self.conn.executemany(
            "INSERT OR REPLACE INTO facts(id, story_id, kind, status, label, n_origins, record) VALUES (?,?,?,?,?,?,?)",
            [(f.id, story_id, f.kind, f.status, f.label, f.independent_origins, _json(f)) for f in facts],
        )

    def facts(self, story_id: str) -> list[Fact]:
        return [from_dict(Fact, json.loads(r[0])) for r in self.conn.execute(
            "SELECT record FROM facts WHERE story_id = ? ORDER BY n_origins DESC, id", (story_id,))]

    def fact(self, fact_id: str) -> Fact:
        row = self.conn.execute("SELECT record FROM facts WHERE id = ?", (fact_id,)).fetchone()
        if row is None:
            raise StoreError(f"no fact {fact_id}")
        return from_dict(Fact, json.loads(row[0]))

    def add_review(self, review: Review) -> None:
        self.conn.execute(
            "INSERT INTO reviews(fact_id, status, previous_status, note, reviewer, at) VALUES (?,?,?,?,?,?)",
            (review.fact_id, review.status, review.previous_status, review.note, review.reviewer, review.at),
        )

    def reviews(self, fact_id: str) -> list[Review]:
        rows = self.conn.execute(
            "SELECT fact_id, status, note, reviewer, at, previous_status FROM reviews WHERE fact_id = ? ORDER BY id",
            (fact_id,),
        )
        return [Review(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]



def story_filters(
    *,
    entity: str | None = None,
    outlet: str | None = None,
    lang: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    has_contradictions: bool = False,
) -> tuple[list[str], list[object]]:
    """WHERE clauses (over `stories s`) and their parameters for the story filters the CLI and web share."""
    where: list[str] = []
    params: list[object] = []
    if entity:
        where.append(
            "s.id IN (SELECT m.story_id FROM entity_mentions e JOIN story_members m ON m.article_id = e.article_id"
            " WHERE e.entity_id = ? OR e.name = ? COLLATE NOCASE)"
        )
        params += [entity, entity]
    if outlet:
        where.append("s.id IN (SELECT m.story_id FROM articles a JOIN story_members m ON m.article_id = a.id"
                     " WHERE a.outlet = ?)")
        params.append(outlet)
    if lang:
        where.append("s.id IN (SELECT m.story_id FROM articles a JOIN story_members m ON m.article_id = a.id"
                     " WHERE a.lang = ?)")
        params.append(lang)
    if date_from:
        where.append("coalesce(s.last_seen, '') >= ?")
        params.append(date_from)
    if date_to:
        where.append("(s.first_seen IS NULL OR s.first_seen <= ?)")
        params.append(date_to)
    if has_contradictions:
        where.append("s.id IN (SELECT story_id FROM facts WHERE status IN ('contradicted', 'inconsistent'))")
    return where, params


def fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms: no FTS syntax or SQL reaches the engine unescaped."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)  # a NUL would end the query string
    terms = [t.replace('"', '""') for t in printable.split() if t.strip()]
    return " ".join(f'"{t}"' for t in terms) or '""'


"""Exports of the store: every row, streamed, with outlet metadata and a record of what produced it.

`export_records(store, what, fmt, output)` writes articles, stories or facts as JSONL, CSV or
Parquet, and the linked-data exports (ClaimReview and NewsArticle JSON-LD, PROV-JSON) as JSON
or JSONL. Rows are read with a cursor and written as they come: nothing is capped, nothing is
held whole in memory (PROV is built and written one story bundle at a time).

What produced an export (recoupe version, settings, filters, store, time, row count) goes to a
sidecar `<output>.meta.json`, or to stderr as one JSON line when writing to stdout.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from recoupe import __version__
from recoupe.model import Article, Fact, Review, Story, from_dict, to_dict
from recoupe.store.db import SCHEMA_VERSION
from recoupe.store.queries import Store

__all__ = [
    "EXPORTS",
    "TABULAR",
    "LINKED",
    "export_records",
    "ArticleExportRow",
    "iter_article_rows",
    "iter_stories",
    "iter_facts",
    "reviewed_fact_ids",
    "story_outlets",
    "fact_status_counts",
    "meta_path",
]

TABULAR = ("articles", "stories", "facts")
LINKED = ("claimreview", "newsarticle", "prov")
EXPORTS = TABULAR + LINKED
_FORMATS = {**dict.fromkeys(TABULAR, ("jsonl", "csv", "parquet")), "claimreview": ("jsonl", "json"),
            "newsarticle": ("jsonl", "json"), "prov": ("json",)}
_BATCH = 500

# ---------------------------------------------------------------- queries


@dataclass(frozen=True)
class ArticleExportRow:
    article: Article
    story_id: str | None
    group_id: str | None
    canonical_id: str | None
    source: str | None
    locator: str | None
    fetched_at: str | None


def _cursor_rows(store: Store, sql: str, params: tuple[Any, ...] = ()) -> Iterator[Any]:
    cursor = store.conn.execute(sql, params)
    while rows := cursor.fetchmany(_BATCH):
        yield from rows


def iter_article_rows(store: Store) -> Iterator[ArticleExportRow]:
    """Every article with its story, copy group and raw provenance, oldest first."""
    sql = ("SELECT a.record, m.story_id, c.group_id, g.canonical_id, r.source, r.locator, r.fetched_at"
           " FROM articles a LEFT JOIN story_members m ON m.article_id = a.id"
           " LEFT JOIN article_copies c ON c.article_id = a.id LEFT JOIN dup_groups g ON g.id = c.group_id"
           " LEFT JOIN raw_documents r ON r.id = a.raw_id ORDER BY a.published, a.id")
    for r in _cursor_rows(store, sql):
        yield ArticleExportRow(from_dict(Article, json.loads(r[0])), r[1], r[2], r[3], r[4], r[5], r[6])


def iter_stories(store: Store) -> Iterator[Story]:
    for r in _cursor_rows(store, "SELECT record FROM stories ORDER BY first_seen, id"):
        yield from_dict(Story, json.loads(r[0]))


def iter_facts(store: Store) -> Iterator[Fact]:
    for r in _cursor_rows(store, "SELECT record FROM facts ORDER BY story_id, id"):
        yield from_dict(Fact, json.loads(r[0]))


def reviewed_fact_ids(store: Store) -> list[str]:
    """Ids of the facts a person reviewed (including reviews of facts no longer stored)."""
    return [r[0] for r in store.conn.execute("SELECT DISTINCT fact_id FROM reviews ORDER BY fact_id")]


def story_outlets(store: Store, story_id: str) -> list[tuple[str, str | None]]:
    """(article id, outlet) of each member of a story."""
    rows = store.conn.execute("SELECT a.id, a.outlet FROM story_members m JOIN articles a ON a.id = m.article_id"
                              " WHERE m.story_id = ? ORDER BY a.published, a.id", (story_id,))
    return [(r[0], r[1]) for r in rows]


def fact_status_counts(store: Store, story_id: str) -> dict[str, int]:
    rows = store.conn.execute("SELECT status, count(*) FROM facts WHERE story_id = ? GROUP BY status", (story_id,))
    return {r[0]: r[1] for r in rows}


# ------------------------------------------------------------------- rows

# Column kinds: str, int, bool, list (of strings), json (nested data).
_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("id", "str"), ("outlet", "str"), ("outlet_label", "str"), ("url", "str"), ("title", "str"),
                 ("lang", "str"), ("published", "str"), ("truncated", "bool"), ("n_chars", "int"),
                 ("story_id", "str"), ("copy_group", "str"), ("canonical_id", "str"), ("is_copy", "bool"),
                 ("source", "str"), ("locator", "str"), ("fetched_at", "str"), ("text", "str")),
    "stories": (("id", "str"), ("label", "str"), ("first_seen", "str"), ("last_seen", "str"),
                ("n_articles", "int"), ("outlets", "list"), ("n_outlets", "int"), ("languages", "list"),
                ("first_report", "str"), ("first_report_outlet", "str"), ("key_entities", "list"),
                ("n_facts", "int"), ("n_corroborated", "int"), ("n_single_source", "int"),
                ("n_contradicted", "int"), ("n_denied", "int"), ("n_inconsistent", "int"), ("members", "list")),
    "facts": (("id", "str"), ("story_id", "str"), ("kind", "str"), ("slot", "str"), ("label", "str"),
              ("status", "str"), ("automatic_status", "str"), ("reviewed", "bool"), ("reviewer", "str"),
              ("review_note", "str"), ("reviewed_at", "str"), ("n_origins", "int"), ("origins", "list"),
              ("evidence_outlets", "list"), ("outlets", "list"), ("against_outlets", "list"), ("first_report", "str"),
              ("first_report_outlet", "str"), ("first_report_published", "str"), ("n_evidence", "int"),
              ("checks", "json"), ("evidence", "json")),
}


def _outlet_label(outlet: str | None, article_id: str) -> str:
    return outlet or f"unknown outlet ({article_id[:8]})"


def _article_row(r: ArticleExportRow) -> dict[str, Any]:
    a = r.article
    return {"id": a.id, "outlet": a.outlet, "outlet_label": _outlet_label(a.outlet, a.id), "url": a.url,
            "title": a.title, "lang": a.lang, "published": a.published.iso() if a.published else None,
            "truncated": a.truncated, "n_chars": len(a.text), "story_id": r.story_id, "copy_group": r.group_id,
            "canonical_id": r.canonical_id, "is_copy": bool(r.canonical_id and r.canonical_id != a.id),
            "source": r.source, "locator": r.locator, "fetched_at": r.fetched_at, "text": a.text}


def _story_row(store: Store, s: Story) -> dict[str, Any]:
    members = story_outlets(store, s.id)
    outlet_of = {aid: _outlet_label(o, aid) for aid, o in members}
    outlets = sorted(set(outlet_of.values()))
    counts = fact_status_counts(store, s.id)
    return {"id": s.id, "label": s.label, "first_seen": s.first_seen, "last_seen": s.last_seen,
            "n_articles": len(s.members), "outlets": outlets, "n_outlets": len(outlets),
            "languages": list(s.languages), "first_report": s.first_report,
            "first_report_outlet": outlet_of.get(s.first_report or ""), "key_entities": list(s.key_entities),
            "n_facts": sum(counts.values()), "n_corroborated": counts.get("corroborated", 0),
            "n_single_source": counts.get("single-source", 0), "n_contradicted": counts.get("contradicted", 0),
            "n_denied": counts.get("denied", 0), "n_inconsistent": counts.get("inconsistent", 0),
            "members": list(s.members)}


def _fact_row(f: Fact, reviews: list[Review]) -> dict[str, Any]:
    last = reviews[-1] if reviews else None
    first = next((e for e in f.evidence if e.article_id == f.first_report), None)
    return {"id": f.id, "story_id": f.story_id, "kind": f.kind, "slot": f.slot, "label": f.label,
            "status": last.status if last else f.status, "automatic_status": f.status, "reviewed": last is not None,
            "reviewer": last.reviewer if last else None, "review_note": last.note if last else None,
            "reviewed_at": last.at if last else None, "n_origins": f.independent_origins,
            "origins": list(f.origins),
            "evidence_outlets": sorted({_outlet_label(e.outlet, e.article_id) for e in f.evidence}),
            "outlets": sorted({_outlet_label(e.outlet, e.article_id) for e in f.evidence if e.stance == "supports"}),
            "against_outlets": sorted({_outlet_label(e.outlet, e.article_id) for e in f.evidence
                                       if e.stance != "supports"}),
            "first_report": f.first_report,
            "first_report_outlet": _outlet_label(first.outlet, first.article_id) if first else None,
            "first_report_published": first.published if first else None, "n_evidence": len(f.evidence),
            "checks": to_dict(f.checks), "evidence": to_dict(f.evidence)}


def _rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    if what == "articles":
        yield from (_article_row(r) for r in iter_article_rows(store))
    elif what == "stories":
        yield from (_story_row(store, s) for s in iter_stories(store))
    else:
        yield from (_fact_row(f, store.reviews(f.id)) for f in iter_facts(store))


# ---------------------------------------------------------------- writers


def _csv_cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind in ("list", "json"):
        return json.dumps(value, ensure_ascii=False)
    if kind == "bool":
        return "true" if value else "false"
    return value


def _write_jsonl(rows: Iterator[Any], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_json_array(rows: Iterator[Any], out: IO[str]) -> int:
    n = 0
    out.write("[")
    for row in rows:
        out.write((",\n" if n else "\n") + json.dumps(row, ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n


def _write_csv(rows: Iterator[dict[str, Any]], out: IO[str], columns: tuple[tuple[str, str], ...]) -> int:
    writer = csv.writer(out)
    writer.writerow([name for name, _ in columns])
    n = 0
    for row in rows:
        writer.writerow([_csv_cell(row.get(name), kind) for name, kind in columns])
        n += 1
    return n


def _write_parquet(rows: Iterator[dict[str, Any]], path: Path, columns: tuple[tuple[str, str], ...],
                   meta: dict[str, Any]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"str": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "list": pa.list_(pa.string()),
             "json": pa.string()}
    schema = pa.schema([(name, types[kind]) for name, kind in columns],
                       metadata={"recoupe": json.dumps(meta, ensure_ascii=False)})
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            cols = {name: [json.dumps(r.get(name), ensure_ascii=False) if kind == "json" else r.get(name)
                           for r in batch] for name, kind in columns}
            writer.write_table(pa.Table.from_pydict(cols, schema=schema))
            batch.clear()

        for row in rows:
            batch.append(row)
            n += 1
            if len(batch) >= _BATCH:
                flush()
        if batch or n == 0:
            flush()
    return n


# ------------------------------------------------------------- linked data


def _claimreviews(store: Store, skipped: dict[str, int]) -> Iterator[dict[str, Any]]:
    from recoupe.errors import StoreError
    from recoupe.report.linked import claim_review

    for fact_id in reviewed_fact_ids(store):
        try:
            fact = store.fact(fact_id)
        except StoreError:
            skipped["reviews of facts no longer stored"] = skipped.get("reviews of facts no longer stored", 0) + 1
            continue
        ids = list(dict.fromkeys([*([fact.first_report] if fact.first_report else []),
                                  *(e.article_id for e in fact.evidence)]))
        articles = {}
        for aid in ids:
            try:
                articles[aid] = store.article(aid)
            except StoreError:
                continue
        yield claim_review(fact, store.reviews(fact_id)[-1], articles)


def _newsarticles(store: Store) -> Iterator[dict[str, Any]]:
    from recoupe.report.linked import news_article

    for r in iter_article_rows(store):
        copy_of = r.canonical_id if r.canonical_id and r.canonical_id != r.article.id else None
        yield news_article(r.article, story_id=r.story_id, copy_of=copy_of)


def _prov_story_ids(store: Store) -> Iterator[str | None]:
    """Every story id with articles or facts (a story record may be gone), then None for articles in no story."""
    sql = ("SELECT id FROM stories UNION SELECT story_id FROM story_members UNION SELECT story_id FROM facts"
           " ORDER BY 1")
    for r in _cursor_rows(store, sql):
        yield r[0]
    if store.conn.execute("SELECT 1 FROM articles a LEFT JOIN story_members m ON m.article_id = a.id"
                          " WHERE m.story_id IS NULL LIMIT 1").fetchone():
        yield None


def _prov_articles(store: Store, story_id: str | None) -> list[Any]:
    from recoupe.report.provenance import ProvArticle

    sql = ("SELECT a.record, g.canonical_id, r.source FROM articles a LEFT JOIN story_members m ON m.article_id = a.id"
           " LEFT JOIN article_copies c ON c.article_id = a.id LEFT JOIN dup_groups g ON g.id = c.group_id"
           " LEFT JOIN raw_documents r ON r.id = a.raw_id WHERE m.story_id " + ("= ?" if story_id else "IS NULL")
           + " ORDER BY a.published, a.id")
    return [ProvArticle(from_dict(Article, json.loads(r[0])), source=r[2], copy_of=r[1])
            for r in _cursor_rows(store, sql, (story_id,) if story_id else ())]


def _quote_speaker(store: Store, fact: Fact, analyses: dict[str, Any]) -> Any:
    """Who said a quote fact: the speaker of the analysed quote at one of its evidence spans."""
    for ev in fact.evidence:
        if ev.article_id not in analyses:
            analyses[ev.article_id] = store.analysis(ev.article_id)
        analysis = analyses[ev.article_id]
        for quote in analysis.quotes if analysis else ():
            if quote.speaker is not None and quote.span == ev.span:
                return quote.speaker
    return None


def _prov_facts(store: Store, story_id: str) -> list[Any]:
    from recoupe.report.provenance import ProvFact

    analyses: dict[str, Any] = {}
    out = []
    for r in _cursor_rows(store, "SELECT record FROM facts WHERE story_id = ? ORDER BY id", (story_id,)):
        fact = from_dict(Fact, json.loads(r[0]))
        speaker = _quote_speaker(store, fact, analyses) if fact.kind == "quote" else None
        out.append(ProvFact(fact, tuple(store.reviews(fact.id)), speaker))
    return out


def _write_prov(store: Store, out: IO[str]) -> int:
    """PROV-JSON through the `prov` package, one bundle per story, streamed (see report.provenance):
    each story's ProvDocument is built, serialized by the package and written before the next one."""
    from recoupe.errors import StoreError
    from recoupe.report.provenance import bundle_id, prov_index, prov_json, story_prov

    bundles: list[tuple[Any, str | None]] = []
    n = 0
    out.write('{"bundle": {')
    for story_id in _prov_story_ids(store):
        story = None
        if story_id is not None:
            try:
                story = store.story(story_id)
            except StoreError:
                story = None
        doc = story_prov(story, story_id, _prov_articles(store, story_id),
                         _prov_facts(store, story_id) if story_id else [])
        qname = bundle_id(story_id or "no-story")
        out.write(("," if bundles else "") + "\n" + json.dumps(str(qname)) + ": " + prov_json(doc))
        bundles.append((qname, story.label if story else None))
        n += sum(1 for _ in doc.get_records())
    out.write("}")
    index = json.loads(prov_json(prov_index(bundles)))
    for key, value in index.items():
        out.write(",\n" + json.dumps(key) + ": " + json.dumps(value, ensure_ascii=False))
    out.write("}\n")
    return n + len(bundles)


# ------------------------------------------------------------------ entry


def meta_path(output: Path) -> Path:
    return output.with_name(output.name + ".meta.json")


_SECRET_WORDS = ("token", "password", "secret", "key")


def _redacted(data: Any) -> Any:
    """Settings as recorded in an export: secrets (the web token, ...) never leave the machine."""
    if isinstance(data, dict):
        return {k: ("<redacted>" if v and any(w in k.lower() for w in _SECRET_WORDS) else _redacted(v))
                for k, v in data.items()}
    return data


def _meta(store: Store, what: str, fmt: str, output: Path | None, settings: Any, bom: bool) -> dict[str, Any]:
    return {
        "tool": "recoupe", "version": __version__, "what": what, "format": fmt,
        "output": str(output) if output else "stdout", "store": str(store.path), "schema_version": SCHEMA_VERSION,
        "started_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "filters": {}, "bom": bom, "columns": [name for name, _ in _COLUMNS.get(what, ())],
        "settings": _redacted(to_dict(settings)) if settings is not None else None,
    }


def _open_text(output: Path | None, bom: bool) -> tuple[IO[str], Callable[[], None]]:
    if output is None:
        if bom:
            sys.stdout.write("\ufeff")
        return sys.stdout, sys.stdout.flush
    handle = output.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
    return handle, handle.close


def export_records(store: Store, what: str, fmt: str, output: Path | None, bom: bool = False,
                   settings: Any = None) -> int:
    """Write every record of kind `what` as `fmt` to `output` (stdout when None); returns the count.

    what: articles, stories, facts (jsonl, csv, parquet); claimreview, newsarticle (jsonl, json);
    prov (json). ClaimReview covers only facts a person reviewed. Raises ValueError on a bad choice.
    """
    if what not in _FORMATS:
        raise ValueError(f"unknown export {what!r}: choose one of {', '.join(EXPORTS)}")
    if fmt not in _FORMATS[what]:
        raise ValueError(f"{what} exports as {', '.join(_FORMATS[what])}, not {fmt!r}")
    if bom and fmt != "csv":
        raise ValueError("--bom applies to CSV only")
    if fmt == "parquet" and output is None:
        raise ValueError("parquet needs an output file")
    output = Path(output) if output is not None else None
    meta = _meta(store, what, fmt, output, settings, bom)
    skipped: dict[str, int] = {}
    if fmt == "parquet":
        n = _write_parquet(_rows(store, what), output, _COLUMNS[what], meta)  # type: ignore[arg-type]
    else:
        out, close = _open_text(output, bom)
        try:
            if what == "prov":
                n = _write_prov(store, out)
            elif what in LINKED:
                items = _claimreviews(store, skipped) if what == "claimreview" else _newsarticles(store)
                n = _write_jsonl(items, out) if fmt == "jsonl" else _write_json_array(items, out)
            elif fmt == "csv":
                n = _write_csv(_rows(store, what), out, _COLUMNS[what])
            else:
                n = _write_jsonl(_rows(store, what), out)
        finally:
            close()
    meta.update({"rows": n, "skipped": skipped, "finished_at": datetime.now(UTC).replace(microsecond=0).isoformat()})
    if output is None:
        sys.stderr.write(json.dumps({"recoupe_export": meta}, ensure_ascii=False) + "\n")
    else:
        meta_path(output).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return n


"""Partitioned Parquet for corpora too large for one SQLite file.

    recoupe ingest crawl/ --engine dask --parquet out/      # workers write out/month=2024-03/outlet=.../
    load_parquet_into_store("out/", store, settings)        # later: into a store, then group + cross-check

Each shard's worker writes its own parts (`write_shard_parquet`), named after the shard, so a
task re-run after a worker died overwrites its parts instead of adding rows. One row per
document: ids, outlet, lang, published, month, title, url, provenance, and the records as
JSON columns (`raw`, `article`, `analysis`, and `features`, the grouping features the worker
computed, null when it computed none: `recoupe.model.to_dict` output), partitioned by
month and outlet (hive layout, readable by pyarrow, DuckDB, Spark). The problems met while
reading (IngestErrors) go to `_errors/`, which dataset readers skip by its leading underscore.

    duckdb: SELECT outlet, count(*) FROM read_parquet('out/**/*.parquet', hive_partitioning=1) GROUP BY 1
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from typing import Any

from recoupe.model import Analysis, Article, IngestError, RawDocument, from_dict, to_dict
from recoupe.pipeline import IngestSummary, ProcessedDocument, group_and_crosscheck, store_processed
from recoupe.settings import Settings
from recoupe.store import Store

__all__ = ["DOCUMENT_SCHEMA", "ERROR_SCHEMA", "write_shard_parquet", "iter_parquet_documents",
           "load_parquet_into_store", "month_of"]

ERRORS_DIR = "_errors"


def _schemas() -> tuple[Any, Any]:
    import pyarrow as pa

    documents = pa.schema([
        ("id", pa.string()), ("raw_id", pa.string()), ("outlet", pa.string()), ("lang", pa.string()),
        ("published", pa.string()), ("month", pa.string()), ("title", pa.string()), ("url", pa.string()),
        ("source", pa.string()), ("locator", pa.string()), ("n_chars", pa.int64()),
        ("raw", pa.string()), ("article", pa.string()), ("analysis", pa.string()), ("features", pa.string()),
    ])
    errors = pa.schema([("source", pa.string()), ("locator", pa.string()), ("reason", pa.string()),
                        ("severity", pa.string())])
    return documents, errors


DOCUMENT_SCHEMA, ERROR_SCHEMA = _schemas()


def month_of(article: Article) -> str:
    """"2024-03" from the publication date; "unknown" when the month is not known."""
    if article.published is None or article.published.month is None:
        return "unknown"
    return article.published.iso()[:7]


def _json(record: Any) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"))


def _row(doc: ProcessedDocument) -> dict[str, Any]:
    article, raw = doc.article, doc.raw
    assert article is not None
    return {
        "id": article.id, "raw_id": raw.id, "outlet": article.outlet, "lang": article.lang,
        "published": article.published.iso() if article.published else None, "month": month_of(article),
        "title": article.title, "url": article.url, "source": raw.provenance.source,
        "locator": raw.provenance.locator, "n_chars": len(article.text), "raw": _json(raw),
        "article": _json(article), "analysis": _json(doc.analysis) if doc.analysis is not None else None,
        "features": _json(doc.features) if doc.features is not None else None,
    }


def write_shard_parquet(
    directory: str, shard_key: str, documents: Sequence[ProcessedDocument], problems: Sequence[IngestError]
) -> int:
    """Write one shard's documents (partitioned by month and outlet) and problems; returns the rows written.

    Documents whose cleaning failed are written to `_errors/` with the read problems."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    good = [d for d in documents if d.error is None and d.article is not None]
    failed = [d.error or IngestError(d.raw.provenance.source, "no article produced") for d in documents
              if d.error is not None or d.article is None]
    if good:
        table = pa.Table.from_pylist([_row(d) for d in good], schema=DOCUMENT_SCHEMA)
        ds.write_dataset(
            table, directory, format="parquet",
            partitioning=ds.partitioning(pa.schema([("month", pa.string()), ("outlet", pa.string())]), flavor="hive"),
            basename_template=f"part-{shard_key}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )
    all_problems = [*problems, *failed]
    if all_problems:
        import pyarrow.parquet as pq

        os.makedirs(os.path.join(directory, ERRORS_DIR), exist_ok=True)
        rows = [{"source": e.source, "locator": e.locator, "reason": e.reason, "severity": e.severity}
                for e in all_problems]
        pq.write_table(pa.Table.from_pylist(rows, schema=ERROR_SCHEMA),
                       os.path.join(directory, ERRORS_DIR, f"part-{shard_key}.parquet"))
    return len(good)


def _dataset(directory: str) -> Any:
    import pyarrow.dataset as ds

    return ds.dataset(directory, format="parquet", partitioning="hive")


def iter_parquet_documents(directory: str, batch_rows: int = 256) -> Iterator[ProcessedDocument]:
    """Every document of a dataset written by `write_shard_parquet`, in file order."""
    if not any(name.startswith("month=") for name in os.listdir(directory)):
        return
    from recoupe.group import ArticleFeatures

    dataset = _dataset(directory)
    columns = ["raw", "article", "analysis"]
    if "features" in dataset.schema.names:  # written before the features column existed: none
        columns.append("features")
    for batch in dataset.to_batches(columns=columns, batch_size=batch_rows):
        rows = zip(*(batch.column(i).to_pylist() for i in range(len(columns))), strict=True)
        for raw, article, analysis, *features in rows:
            yield ProcessedDocument(
                from_dict(RawDocument, json.loads(raw)),
                from_dict(Article, json.loads(article)),
                from_dict(Analysis, json.loads(analysis)) if analysis else None,
                features=from_dict(ArticleFeatures, json.loads(features[0])) if features and features[0] else None,
            )


def _errors(directory: str) -> list[IngestError]:
    import pyarrow.parquet as pq

    folder = os.path.join(directory, ERRORS_DIR)
    if not os.path.isdir(folder):
        return []
    found: list[IngestError] = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".parquet"):
            for row in pq.read_table(os.path.join(folder, name)).to_pylist():
                found.append(IngestError(row["source"], row["reason"], row["locator"] or "", row["severity"]))
    return found


def load_parquet_into_store(
    directory: str,
    store: Store,
    settings: Settings,
    *,
    group: bool = True,
    embedder: Any = None,
    batch_rows: int = 256,
) -> IngestSummary:
    """Load a Parquet dataset into `store` (documents already stored are skipped), then group
    and cross-check what changed, as `recoupe ingest` does."""
    summary = IngestSummary()
    problems = _errors(directory)
    for problem in problems:
        (summary.warnings if problem.severity == "warning" else summary.errors).append(problem)
    if problems:
        with store.transaction():
            store.add_errors(problems)
    pending: list[ProcessedDocument] = []

    def flush() -> None:
        known = store.known_raw_ids(d.raw.id for d in pending)
        with store.transaction():
            for doc in pending:
                assert doc.article is not None
                if doc.raw.id not in known and store_processed(store, doc):
                    summary.added += 1
                else:
                    summary.skipped_known += 1
        pending.clear()

    for doc in iter_parquet_documents(directory, batch_rows):
        summary.read += 1
        pending.append(doc)
        if len(pending) >= batch_rows:
            flush()
    flush()
    if group:
        summary.stories_changed = group_and_crosscheck(store, settings, embedder)
    return summary

"""The same corpus through engine local and engine dask (sharded by input) gives the same store;
and through Dask + partitioned Parquet + load_parquet_into_store as well."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_helpers import snapshot

from recoupe.engines.sharded import run_ingest_sharded
from recoupe.group import HashingEmbedder
from recoupe.ingest import IngestOptions, expand_inputs, iter_documents
from recoupe.pipeline import run_ingest
from recoupe.store import open_store

pytestmark = [pytest.mark.dask, pytest.mark.slow]


@pytest.fixture(scope="module")
def local_snapshot(tmp_path_factory, small_corpus, engine_settings):
    with open_store(tmp_path_factory.mktemp("local") / "local.db") as store:
        docs = iter_documents(small_corpus, IngestOptions(), engine_settings.ingest)
        summary = run_ingest(docs, store, engine_settings, engine="local", jobs=1, embedder=HashingEmbedder())
        assert summary.added >= 12 and not summary.errors
        return snapshot(store)


def test_dask_store_equals_local_store(tmp_path: Path, small_corpus, engine_settings, dask_engine, local_snapshot):
    with open_store(tmp_path / "dask.db") as store:
        summary = run_ingest_sharded(expand_inputs(small_corpus), store, engine_settings, engine=dask_engine,
                                     embedder=HashingEmbedder())
        got = snapshot(store)
    assert summary.shards == 12 and not summary.failed_shards
    assert got["counts"] == local_snapshot["counts"]
    assert got["counts"]["stories"] >= 3 and got["counts"]["facts"] > 0
    for part in ("raw", "articles", "analyses", "stories", "facts", "groups", "errors"):
        assert got[part] == local_snapshot[part], part
    # the work really ran on the workers, not in this process
    assert summary.worker_seconds > 0


def test_parquet_dataset_loads_into_the_same_store(tmp_path: Path, small_corpus, engine_settings, dask_engine,
                                                    local_snapshot):
    import pyarrow.dataset as ds

    from recoupe.engines.parquet_sink import load_parquet_into_store

    out = tmp_path / "parquet"
    summary = run_ingest_sharded(expand_inputs(small_corpus), None, engine_settings, engine=dask_engine,
                                 parquet_dir=str(out), embedder=HashingEmbedder())
    n_articles = local_snapshot["counts"]["articles"]
    assert summary.parquet_rows == n_articles
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == n_articles
    assert {"month", "outlet", "lang", "published", "article", "analysis", "raw", "features"} <= set(table.column_names)
    # the workers computed the grouping features (embedding included) with the analysis
    assert all(f and '"embedder":"hashing-256"' in f for f in table.column("features").to_pylist())
    months = {m for m in table.column("month").to_pylist()}
    assert any(m.startswith("20") for m in months)
    assert any(p.name.startswith("month=") for p in out.iterdir())
    with open_store(tmp_path / "from-parquet.db") as store:
        loaded = load_parquet_into_store(str(out), store, engine_settings, embedder=HashingEmbedder())
        assert loaded.added == n_articles
        got = snapshot(store)
    for part in ("counts", "raw", "articles", "analyses", "stories", "facts", "groups"):
        assert got[part] == local_snapshot[part], part
    # the WARC's skipped request record travels through _errors/ as a warning
    assert [w.reason for w in loaded.warnings] == [e[2] for e in local_snapshot["errors"]]

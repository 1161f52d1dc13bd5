"""The grouping's per-document features (embedding, MinHash, terms) are computed by the ingest
workers and stored not yet grouped; the grouping then uses them instead of embedding again."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from recoupe.engines import make_engine
from recoupe.group import HashingEmbedder
from recoupe.ingest import IngestOptions, iter_documents
from recoupe.pipeline import group_store, ingest_into_store, run_ingest
from recoupe.settings import load_settings
from recoupe.store import open_store

pytestmark = pytest.mark.slow  # spaCy analysis of the seeds


class RefusingEmbedder(HashingEmbedder):
    """Same vector space as HashingEmbedder, but fails if asked to embed anything."""

    def embed(self, texts):  # type: ignore[no-untyped-def]
        if len(texts):
            raise AssertionError(f"asked to embed {len(texts)} text(s) again")
        return np.zeros((0, self.dim), dtype=np.float32)


class OtherEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__(dim=64)


def _ingest(seeds_dir: Path, db: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings()
    docs = iter_documents([str(p) for p in sorted(seeds_dir.glob("00[01]_*.txt"))], IngestOptions(), settings.ingest)
    with open_store(db) as store:
        engine = make_engine("local", 1)
        try:
            summary = ingest_into_store(docs, store, settings, engine, embedder=embedder)
        finally:
            engine.close()
        assert summary.added == 2 and not summary.errors


def test_ingest_stores_features_and_grouping_reuses_them(seeds_dir: Path, tmp_path: Path):
    db = tmp_path / "store.db"
    _ingest(seeds_dir, db, HashingEmbedder())
    settings = load_settings()
    with open_store(db) as store:
        pending = store.articles_to_group()
        assert len(pending) == 2
        stored = store.feature_dicts(ids=pending)
        assert [len(f["embedding"]) for f in stored] == [256, 256]
        assert store.feature_dicts() == []  # nothing grouped yet: no neighbour sees them
        changed = group_store(store, settings, RefusingEmbedder())
        assert len(changed) == 1  # the seeds form one story
        assert store.articles_to_group() == []
        assert len(store.feature_dicts()) == 2


def test_features_of_another_embedder_are_computed_again(seeds_dir: Path, tmp_path: Path):
    db = tmp_path / "store.db"
    _ingest(seeds_dir, db, HashingEmbedder())
    with open_store(db) as store:
        group_store(store, load_settings(), OtherEmbedder())
        assert {len(f["embedding"]) for f in store.feature_dicts()} == {64}


def test_rerunning_the_ingest_leaves_grouped_articles_grouped(seeds_dir: Path, tmp_path: Path):
    db = tmp_path / "store.db"
    settings = load_settings()
    paths = [str(p) for p in sorted(seeds_dir.glob("00[01]_*.txt"))]
    with open_store(db) as store:
        first = run_ingest(iter_documents(paths, IngestOptions(), settings.ingest), store, settings, jobs=1,
                           embedder=HashingEmbedder())
        assert len(first.stories_changed) == 1
        again = run_ingest(iter_documents(paths, IngestOptions(), settings.ingest), store, settings, jobs=1,
                           embedder=HashingEmbedder())
        assert again.added == 0 and again.stories_changed == []
        assert store.articles_to_group() == [] and store.count("features") == 2

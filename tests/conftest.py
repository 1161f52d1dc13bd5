"""Shared fixtures: the seeds, the eval corpus, and a fresh SQLite store per test."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed articles and their gold, beside the repository (../shared/seeds)."""
    path = (REPO / ".." / "shared" / "seeds").resolve()
    if not path.exists():
        pytest.fail(f"seed folder not found at {path}: the repository must sit beside shared/")
    return path


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    return REPO / "eval"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path):
    """A store built by the real pipeline from the two seed articles (spaCy md; hashing embedder)."""
    from recoupe.group import HashingEmbedder
    from recoupe.ingest import IngestOptions, iter_documents
    from recoupe.pipeline import run_ingest
    from recoupe.settings import load_settings
    from recoupe.store import open_store

    settings = load_settings()
    store = open_store(tmp_path_factory.mktemp("seeds") / "seeds.db")
    paths = [str(seeds_dir / "000_d110b3afd0e57c97.txt"), str(seeds_dir / "001_bb610d7e4526959c.txt")]
    run_ingest(iter_documents(paths, IngestOptions(), settings.ingest), store, settings,
               embedder=HashingEmbedder(), jobs=1)
    yield store
    store.close()

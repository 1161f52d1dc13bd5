"""A real local Dask cluster (2 worker processes, 1 thread each), shared by the engine tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.settings import Settings, load_settings


@pytest.fixture(scope="session")
def engine_settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def dask_engine(engine_settings: Settings):
    """Two worker processes with the models warmed once each (the md model takes 10-25 s a process)."""
    pytest.importorskip("distributed")
    from recoupe.engines.dask_engine import DaskEngine

    engine = DaskEngine(workers=2, progress=False)
    engine.warm(engine_settings)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def small_corpus(seeds_dir: Path, eval_dir: Path) -> list[str]:
    """The two seeds and two eval stories (text, HTML, sidecars, WARC, news-please JSONL)."""
    corpus = eval_dir / "corpus"
    return [*(str(p) for p in sorted(seeds_dir.glob("00[01]_*.txt"))),
            str(corpus / "s01-mali-convoi-boni"), str(corpus / "s12-niger-suspension-mine-tamsaga")]

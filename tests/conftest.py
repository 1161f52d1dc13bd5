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

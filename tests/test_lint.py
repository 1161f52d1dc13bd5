"""The code stays ruff- and mypy-clean: a regression fails the suite, not a review."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest


def _run(repo_dir, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=repo_dir, capture_output=True, text=True, timeout=600)


def test_lint_ruff_clean(repo_dir):
    if shutil.which("ruff") is None and _run(repo_dir, "ruff", "--version").returncode != 0:
        pytest.fail("ruff is not installed: pip install -e '.[dev]'")
    result = _run(repo_dir, "ruff", "check", "src", "tests", "bench", "eval", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_lint_mypy_clean(repo_dir):
    result = _run(repo_dir, "mypy", "src/recoupe")
    assert result.returncode == 0, result.stdout + result.stderr

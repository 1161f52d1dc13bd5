"""A `recoupe ingest` killed with SIGKILL mid-run, then run again, ends with the same store as a clean run.

The run is a real child process on 160 generated articles (5 batches) (--no-group, --jobs 1, spaCy's
blank French pipeline so no model loads). The test polls the store's article count and sends
SIGKILL once the first batch is committed and before the last; the same command run again must
complete the store: integrity_check ok, every document once, nothing lost, the same ids and counts
as a run that was never interrupted.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate_corpus import make_article, render_text  # noqa: E402

N_DOCS = 160
BATCH = 32  # pipeline.ingest_into_store's default batch size
TABLES = ("raw_documents", "articles", "analyses", "entity_mentions", "ingest_errors")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("kill")
    docs = root / "docs"
    docs.mkdir()
    rng = random.Random(21)
    for i in range(N_DOCS):
        (docs / f"{i:04d}.txt").write_text(render_text(make_article(i, rng, en_share=0.1)), "utf-8")
    settings = root / "settings.toml"
    settings.write_text('[analyze]\nmodel_fr = "blank"\n', "utf-8")
    return {"root": root, "docs": docs, "settings": settings}


def command(corpus: dict, db: Path) -> list[str]:
    return [sys.executable, "-c", "from recoupe.cli import main; main()", "ingest", str(corpus["docs"]),
            "--db", str(db), "--no-group", "--jobs", "1", "--settings", str(corpus["settings"])]


def article_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or locked for a moment
        return 0


def snapshot(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        ids = {t: sorted(r[0] for r in conn.execute(f"SELECT id FROM {t}")) for t in ("raw_documents", "articles")}
        distinct_raw = conn.execute("SELECT count(DISTINCT raw_id) FROM articles").fetchone()[0]
        unanalysed = conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN analyses n ON n.article_id = a.id WHERE n.article_id IS NULL"
        ).fetchone()[0]
        sources = conn.execute("SELECT count(DISTINCT source) FROM raw_documents").fetchone()[0]
    finally:
        conn.close()
    return {"counts": counts, "ids": ids, "distinct_raw": distinct_raw, "unanalysed": unanalysed,
            "sources": sources}


@pytest.fixture(scope="module")
def clean_run(corpus: dict) -> dict:
    db = corpus["root"] / "clean.db"
    done = subprocess.run(command(corpus, db), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return snapshot(db)


def test_clean_run_stores_every_document(clean_run: dict) -> None:
    assert clean_run["counts"]["articles"] == N_DOCS
    assert clean_run["sources"] == N_DOCS
    assert clean_run["unanalysed"] == 0


def test_killed_then_rerun_ends_complete_without_duplicates(corpus: dict, clean_run: dict) -> None:
    db = corpus["root"] / "killed.db"
    proc = subprocess.Popen(command(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    at_kill = 0
    deadline = time.monotonic() + 300
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            at_kill = article_count(db)
            if at_kill >= BATCH:
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    assert BATCH <= at_kill < N_DOCS

    partial = snapshot(db)  # what the kill left is consistent on its own
    assert partial["counts"]["articles"] < N_DOCS and partial["unanalysed"] == 0

    again = subprocess.run(command(corpus, db), capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"{partial['counts']['articles']} already stored" in again.stdout
    resumed = snapshot(db)
    assert resumed == clean_run
    assert resumed["distinct_raw"] == N_DOCS

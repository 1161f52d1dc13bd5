"""Faults on a real 2-worker LocalCluster: a worker killed mid-run, a corrupt WARC, a rerun."""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path

import pytest
from engine_helpers import snapshot

from recoupe.engines.sharded import run_ingest_sharded
from recoupe.ingest import IngestOptions, expand_inputs, iter_documents
from recoupe.model import RawDocument
from recoupe.store import open_store

pytestmark = [pytest.mark.dask, pytest.mark.slow]

_TOWNS = ["Kayes", "Ségou", "Mopti", "Sikasso", "Gao", "Tombouctou", "Koulikoro", "Kidal"]
_TOPICS = ["le prix du riz", "la saison des pluies", "la rentrée scolaire", "le réseau électrique",
           "la campagne cotonnière", "les travaux de la route nationale"]


def _write_shards(folder: Path, n_files: int, per_file: int) -> None:
    """JSONL files of short invented dispatches, each document different."""
    folder.mkdir()
    for f in range(n_files):
        lines = []
        for d in range(per_file):
            town, topic = _TOWNS[(f + d) % len(_TOWNS)], _TOPICS[(f * 7 + d) % len(_TOPICS)]
            text = (f"{town} : {topic} au cœur des débats (dépêche {f}-{d})\n\n"
                    f"Le gouverneur de la région de {town} a réuni jeudi les responsables locaux pour évoquer "
                    f"{topic}. Selon un communiqué publié le {d + 1} mars, {120 + f * per_file + d} personnes "
                    f"ont participé aux discussions.\n\n« Nous devons avancer ensemble », a déclaré le "
                    f"gouverneur, cité par la radio régionale.")
            lines.append(json.dumps({"title": f"{town} : {topic}", "text": text,
                                     "url": f"https://journal-du-{town.lower()}.example/{f}-{d}",
                                     "date": f"2024-03-{d % 27 + 1:02d}"}, ensure_ascii=False))
        (folder / f"lot-{f:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _expected_raw_ids(paths: list[str], settings) -> set[str]:
    return {d.id for d in iter_documents(paths, IngestOptions(), settings.ingest) if isinstance(d, RawDocument)}


def test_corrupt_warc_is_reported_and_the_other_shards_finish(tmp_path: Path, seeds_dir: Path,
                                                              engine_settings, dask_engine):
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(600))  # a gzip header, then noise
    paths = [str(broken), *(str(p) for p in sorted(seeds_dir.glob("00[01]_*.txt")))]
    with open_store(tmp_path / "s.db") as store:
        summary = run_ingest_sharded(expand_inputs(paths), store, engine_settings, engine=dask_engine, group=False)
        assert store.count("articles") == 2
        stored_errors = store.errors()
    failures = [e for e in summary.errors if e.source == str(broken)]
    assert failures and failures[0].reason
    assert any(e.source == str(broken) for e in stored_errors)
    assert summary.added == 2


def test_same_command_twice_gives_the_same_store(tmp_path: Path, small_corpus, engine_settings, dask_engine):
    from recoupe.group import HashingEmbedder

    with open_store(tmp_path / "twice.db") as store:
        first = run_ingest_sharded(expand_inputs(small_corpus), store, engine_settings, engine=dask_engine,
                                   embedder=HashingEmbedder())
        before = snapshot(store)
        second = run_ingest_sharded(expand_inputs(small_corpus), store, engine_settings, engine=dask_engine,
                                    embedder=HashingEmbedder())
        after = snapshot(store)
    assert first.added == before["counts"]["articles"] > 0
    assert second.added == 0 and second.skipped_known == first.added
    assert after == before


def test_worker_killed_mid_run_every_document_stored_once(tmp_path: Path, engine_settings, dask_engine):
    """Runs last: the killed worker comes back (its nanny restarts it) and warms its models again."""
    corpus = tmp_path / "lots"
    _write_shards(corpus, n_files=16, per_file=5)
    expected = _expected_raw_ids([str(corpus)], engine_settings)
    assert len(expected) == 16 * 5
    pids = dask_engine.worker_pids()
    assert len(pids) == 2
    victim = sorted(pids.values())[0]
    first_result = threading.Event()

    def progress(event: str, _n: int) -> None:
        if event == "processed":
            first_result.set()

    def kill_when_running() -> None:
        if first_result.wait(timeout=120):
            os.kill(victim, signal.SIGKILL)

    killer = threading.Thread(target=kill_when_running)
    killer.start()
    with open_store(tmp_path / "killed.db") as store:
        summary = run_ingest_sharded(expand_inputs([str(corpus)]), store, engine_settings, engine=dask_engine,
                                     group=False, progress=progress)
        snap = snapshot(store)
    killer.join()
    assert victim not in dask_engine.worker_pids().values() or not _alive(victim)
    assert not summary.failed_shards, summary.failed_shards
    assert summary.added == len(expected)
    assert snap["counts"]["raw_documents"] == snap["counts"]["articles"] == len(expected)
    assert {r["id"] for r in snap["raw"]} == expected
    assert len(snap["articles"]) == len({a["id"] for a in snap["articles"]})


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True

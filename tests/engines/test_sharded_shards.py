"""Shard planning and the single writer, without a cluster: JSONL chunks read exactly like the
whole file, and writing the same shard result twice adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

from recoupe.engines.sharded import ShardJob, plan_shards, process_shard, read_shard, write_shard_result
from recoupe.ingest import IngestOptions, expand_inputs, read_input
from recoupe.pipeline import IngestSummary
from recoupe.settings import load_settings
from recoupe.store import open_store


def _jsonl(path: Path, n: int) -> None:
    rows = [json.dumps({"title": f"Conseil municipal n°{i}", "text": f"Le conseil municipal de Thiès s'est réuni "
                        f"pour la séance numéro {i}. Les élus ont voté le budget annexe.",
                        "url": f"https://thies-info.example/conseil-{i}"}, ensure_ascii=False) for i in range(n)]
    rows.insert(5, "")  # a blank line still counts in the line numbers
    rows.insert(9, "{not json")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_jsonl_chunks_give_the_documents_of_the_whole_file(tmp_path: Path) -> None:
    settings = load_settings()
    path = tmp_path / "export.jsonl"
    _jsonl(path, 40)
    refs = expand_inputs([str(path)])
    shards = plan_shards(refs, chunk_bytes=700)
    assert len(shards) > 3
    assert shards[0].start == 0 and shards[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in zip(shards, shards[1:], strict=False))
    whole = list(read_input(refs[0], IngestOptions(), settings.ingest))
    chunked = [item for shard in shards for item in read_shard(shard, IngestOptions(), settings)]
    assert chunked == whole
    assert len({s.key for s in shards}) == len(shards)


def test_small_inputs_are_one_shard_each(tmp_path: Path, seeds_dir: Path) -> None:
    refs = expand_inputs([str(seeds_dir / "*.txt"), str(tmp_path / "missing.html")])
    shards = plan_shards(refs)
    assert [s.ref for s in shards] == refs
    assert shards[-1].name.endswith("missing.html")


def test_writing_a_shard_result_twice_adds_nothing(tmp_path: Path) -> None:
    settings = load_settings()
    path = tmp_path / "export.jsonl"
    _jsonl(path, 6)
    (shard,) = plan_shards(expand_inputs([str(path)]))
    result = process_shard(ShardJob(shard, IngestOptions(), settings, analyze=False))  # as a retried task would
    assert result.read == 6 and len(result.problems) == 1
    with open_store(tmp_path / "s.db") as store:
        first, second = IngestSummary(), IngestSummary()
        write_shard_result(result, store, first)
        counts = {t: store.count(t) for t in ("raw_documents", "articles", "ingest_errors")}
        write_shard_result(result, store, second)
        assert {t: store.count(t) for t in counts} == counts
    assert first.added == 6 and second.added == 0 and second.skipped_known == 6
    assert counts == {"raw_documents": 6, "articles": 6, "ingest_errors": 1}

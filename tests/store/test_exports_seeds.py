"""Exports of the store the real pipeline builds from the seeds: every row, in every format."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from report_fixtures import seed_store_copy  # noqa: E402

from recoupe.store import open_store  # noqa: E402
from recoupe.store.exports import export_records, meta_path  # noqa: E402

pytestmark = pytest.mark.slow


def test_exports_seeds_row_counts_equal_store_counts(tmp_path_factory, seeds_dir, tmp_path):
    store = open_store(seed_store_copy(tmp_path_factory, seeds_dir, tmp_path / "s.db"), readonly=True)
    for what in ("articles", "stories", "facts"):
        expected = store.count(what)
        assert expected > 0
        for fmt in ("jsonl", "csv", "parquet"):
            out = tmp_path / f"{what}.{fmt}"
            assert export_records(store, what, fmt, out) == expected
            if fmt == "parquet":
                table = pq.read_table(out)
                assert table.num_rows == expected
                assert json.loads(table.schema.metadata[b"recoupe"])["what"] == what
            assert json.loads(meta_path(out).read_text("utf-8"))["rows"] == expected
    facts = [json.loads(line) for line in (tmp_path / "facts.jsonl").read_text("utf-8").splitlines()]
    assert all(row["evidence_outlets"] and row["first_report_outlet"] for row in facts)
    assert {row["status"] for row in facts} >= {"corroborated", "single-source", "contradicted", "inconsistent"}
    assert export_records(store, "claimreview", "jsonl", tmp_path / "cr.jsonl") == 0
    store.close()

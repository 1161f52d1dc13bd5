"""Exports on a small real store: every row, outlet on every row, sidecar record, BOM, stdout meta on stderr."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from report_fixtures import small_store  # noqa: E402

from recoupe.model import Review  # noqa: E402
from recoupe.settings import load_settings  # noqa: E402
from recoupe.store.exports import export_records, meta_path  # noqa: E402

TABLES = {"articles": "articles", "stories": "stories", "facts": "facts"}
OUTLET_COLUMN = {"articles": "outlet", "stories": "outlets", "facts": "evidence_outlets"}


def _read(path: Path, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("what", list(TABLES))
def test_exports_are_complete_with_outlets_and_a_sidecar(tmp_path, what, fmt):
    store = small_store(tmp_path / "s.db")
    out = tmp_path / f"out.{fmt}"
    n = export_records(store, what, fmt, out, settings=load_settings())
    rows = _read(out, fmt)
    assert n == len(rows) == store.count(TABLES[what])
    for row in rows:
        outlets = row[OUTLET_COLUMN[what]]
        assert json.loads(outlets) if fmt == "csv" and what != "articles" else outlets, row
    meta = json.loads(meta_path(out).read_text("utf-8"))
    assert meta["tool"] == "recoupe" and meta["what"] == what and meta["rows"] == n
    assert meta["settings"]["crosscheck"]["conversion_tolerance"] == pytest.approx(0.02)
    assert meta["filters"] == {}


def test_exports_csv_bom_and_article_outlet_values(tmp_path):
    store = small_store(tmp_path / "s.db")
    out = tmp_path / "a.csv"
    export_records(store, "articles", "csv", out, bom=True)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,outlet,")
    rows = _read(out, "csv")
    assert {r["outlet"] for r in rows} == {"Le Courrier du Fleuve", "Sahel Matin"}
    assert all(r["story_id"] == "s0000000000000001" for r in rows)


def test_exports_to_stdout_put_the_record_on_stderr(tmp_path, capsys):
    store = small_store(tmp_path / "s.db")
    n = export_records(store, "facts", "jsonl", None)
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == n == 5
    meta = json.loads(captured.err.strip().splitlines()[-1])["recoupe_export"]
    assert meta["rows"] == 5 and meta["output"] == "stdout"


def test_exports_claimreview_only_for_reviewed_facts(tmp_path):
    review = Review("f-contradicted", "contradicted", "Civil protection toll confirmed 25", "dina",
                    "2024-08-08T08:00:00+00:00", "contradicted")
    orphan = Review("f-gone", "denied", "fact from an older run", "dina", "2024-08-08T08:00:00+00:00", None)
    store = small_store(tmp_path / "s.db", reviews=(review, orphan))
    out = tmp_path / "cr.json"
    assert export_records(store, "claimreview", "json", out) == 1
    (record,) = json.loads(out.read_text("utf-8"))
    assert record["identifier"] == "f-contradicted"
    assert record["reviewRating"]["alternateName"] == "contradicted"
    assert record["itemReviewed"]["firstAppearance"]["publisher"]["name"] == "Le Courrier du Fleuve"
    assert json.loads(meta_path(out).read_text("utf-8"))["skipped"] == {"reviews of facts no longer stored": 1}


def test_exports_claimreview_is_empty_without_reviews(tmp_path):
    store = small_store(tmp_path / "s.db")
    assert export_records(store, "claimreview", "jsonl", tmp_path / "cr.jsonl") == 0


def test_exports_newsarticle_and_prov(tmp_path):
    store = small_store(tmp_path / "s.db")
    assert export_records(store, "newsarticle", "jsonl", tmp_path / "na.jsonl") == 2
    first = json.loads((tmp_path / "na.jsonl").read_text("utf-8").splitlines()[0])
    assert first["@type"] == "NewsArticle" and first["publisher"]["name"]
    export_records(store, "prov", "json", tmp_path / "p.json")
    document = json.loads((tmp_path / "p.json").read_text("utf-8"))
    assert document["prefix"]["rc"] == "urn:recoupe:" and "rc:bundle-s0000000000000001" in document["entity"]
    prov = document["bundle"]["rc:bundle-s0000000000000001"]  # one PROV bundle per story

    def prov_type(record):  # the serializer writes a qualified name as {"$": name, "type": "xsd:QName"}
        value = record.get("prov:type")
        return value["$"] if isinstance(value, dict) else value

    assert "rc:article-a1111111111111111" in prov["entity"]
    assert "rc:outlet-sahel-matin" in prov["agent"]
    quoted = [r for r in prov["wasDerivedFrom"].values() if prov_type(r) == "prov:Quotation"]
    assert {r["prov:usedEntity"] for r in quoted} == {"rc:article-a1111111111111111", "rc:article-a2222222222222222"}
    assert any(prov_type(r) == "prov:PrimarySource" for r in prov["wasDerivedFrom"].values())


def test_exports_refuse_bad_choices(tmp_path):
    store = small_store(tmp_path / "s.db")
    with pytest.raises(ValueError, match="claimreview exports as"):
        export_records(store, "claimreview", "csv", tmp_path / "x.csv")
    with pytest.raises(ValueError, match="unknown export"):
        export_records(store, "entities", "jsonl", None)
    with pytest.raises(ValueError, match="parquet needs"):
        export_records(store, "facts", "parquet", None)


def test_exports_never_record_a_secret_setting(tmp_path):
    from dataclasses import replace

    settings = load_settings()
    settings = replace(settings, web=replace(settings.web, token="s3cret-token"))
    store = small_store(tmp_path / "s.db")
    export_records(store, "stories", "jsonl", tmp_path / "s.jsonl", settings=settings)
    assert "s3cret-token" not in meta_path(tmp_path / "s.jsonl").read_text("utf-8")

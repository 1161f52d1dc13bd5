"""Plain text: content untouched, encodings, sidecars, and bad files."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from recoupe.ingest import IngestOptions, expand_inputs, iter_documents, read_input
from recoupe.model import IngestError, RawDocument
from recoupe.settings import IngestSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SETTINGS = IngestSettings()
DEFAULT = IngestOptions()
FRENCH = "L'élu a déclaré : « Ça coûte trop cher », à Besançon. Où est passé l'été ?\n"


def _read(path: Path, options: IngestOptions = DEFAULT, settings: IngestSettings = SETTINGS) -> list:
    return list(iter_documents([str(path)], options, settings))


def test_text_seed_content_is_identical_to_the_file(seeds_dir: Path) -> None:
    seed = next(seeds_dir.glob("000_*.txt"))
    [doc] = _read(seed)
    assert isinstance(doc, RawDocument)
    assert doc.content == seed.read_text("utf-8")
    assert doc.format == "text" and doc.provenance.source == str(seed)
    assert doc.metadata["encoding"] == "utf-8"
    assert doc.metadata_sources["encoding"] == "detected"


def test_text_same_input_twice_gives_the_same_ids(seeds_dir: Path) -> None:
    seeds = sorted(str(p) for p in seeds_dir.glob("00*.txt"))
    first = [d.id for d in iter_documents(seeds, IngestOptions(), SETTINGS)]
    second = [d.id for d in iter_documents(seeds, IngestOptions(), SETTINGS)]
    assert first == second and len(set(first)) == 2
    assert all(i == RawDocument.make_id(Path(p).read_text("utf-8")) for i, p in zip(first, seeds, strict=True))


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_text_legacy_encodings_decode_right(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "depeche.txt"
    path.write_bytes(FRENCH.encode(encoding))
    [doc] = _read(path)
    assert isinstance(doc, RawDocument)
    assert doc.content == FRENCH
    assert doc.metadata["encoding"] in ("cp1252", "iso8859-1", "iso8859-15")
    assert doc.metadata_sources["encoding"] == "detected"


def test_text_utf8_bom_is_read_and_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"))
    [doc] = _read(path)
    assert doc.content == FRENCH
    assert (doc.metadata["encoding"], doc.metadata_sources["encoding"]) == ("utf-8", "bom")


def test_text_sidecar_gives_metadata_and_is_not_a_document() -> None:
    docs = _read(FIXTURES / "text")
    [doc] = docs
    assert doc.metadata["outlet"] == "Le Phare de l'Ouest" and doc.outlet == "Le Phare de l'Ouest"
    assert doc.metadata["date"] == "2024-04-09"
    assert doc.metadata["author"] == "Yann Le Goff"
    assert "ignored_key" not in doc.metadata
    assert {doc.metadata_sources[k] for k in ("outlet", "url", "date", "title", "lang")} == {"sidecar"}


def test_text_outlet_flag_overrides_the_sidecar() -> None:
    [doc] = _read(FIXTURES / "text" / "breve_port.txt", IngestOptions(outlet="Ouest Matin"))
    assert doc.outlet == "Ouest Matin" and doc.metadata_sources["outlet"] == "flag"


def test_text_broken_sidecar_is_reported_and_the_text_still_read(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "text" / "breve_port.txt", tmp_path / "b.txt")
    (tmp_path / "b.txt.meta.json").write_text("{pas du json", "utf-8")
    error, doc = _read(tmp_path / "b.txt")
    assert isinstance(error, IngestError) and error.source.endswith("b.txt.meta.json")
    assert "not valid JSON" in error.reason
    assert isinstance(doc, RawDocument) and "outlet" not in doc.metadata


def test_text_empty_and_blank_files_are_errors(tmp_path: Path) -> None:
    (tmp_path / "vide.txt").write_bytes(b"")
    (tmp_path / "blanc.txt").write_bytes(b"  \n\n ")
    items = list(iter_documents([str(tmp_path)], IngestOptions(), SETTINGS))
    assert [(Path(i.source).name, i.reason) for i in items] == [
        ("blanc.txt", "file has no text (only whitespace)"),
        ("vide.txt", "empty file"),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"abc\x00\x00\x01\x02def" * 50, "binary file: it contains NUL bytes"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file: this is a PNG image, not text"),
        (bytes(range(1, 9)) * 100, "binary file: mostly non-text bytes"),
    ],
)
def test_text_binary_content_is_refused(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    [error] = _read(path)
    assert isinstance(error, IngestError)
    assert (error.source, error.reason) == (str(path), reason)


def test_text_fifty_megabytes_is_ingested_and_refused_above_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "gros.txt"
    line = "Le conseil municipal a voté le budget à l'unanimité, après trois heures de débat.\n"
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(50_000_000 // len(line.encode("utf-8")) + 1):
            fh.write(line)
    size = path.stat().st_size
    assert size >= 50_000_000
    [doc] = _read(path)
    assert isinstance(doc, RawDocument) and len(doc.content.encode("utf-8")) == size
    [error] = _read(path, settings=replace(SETTINGS, max_file_bytes=10_000_000))
    assert isinstance(error, IngestError)
    assert error.reason == "file is 50.0 MB, above max_file_bytes (10.0 MB)"


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (FIXTURES.joinpath("html", "gazette_vallee_barrage.html").read_bytes(), "html"),
        (FIXTURES.joinpath("exports", "cc_news.jsonl").read_bytes(), "jsonl"),
        (FRENCH.encode("cp1252"), "text"),
    ],
)
def test_text_stdin_is_sniffed(data: bytes, fmt: str) -> None:
    [ref] = expand_inputs(["-"])
    [doc] = list(read_input(ref, IngestOptions(), SETTINGS, stdin=io.BytesIO(data)))
    assert isinstance(doc, RawDocument)
    assert doc.format == fmt and doc.provenance.source == "<stdin>"
    if fmt == "text":
        assert doc.content == FRENCH


def test_text_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "article_sans_extension"
    page.write_bytes((FIXTURES / "html" / "gazette_vallee_barrage.html").read_bytes())
    [doc] = _read(page)
    assert doc.format == "html" and doc.outlet == "La Gazette de la Vallée"

"""WARC and WARC.gz: HTML responses become documents; everything else is skipped and counted."""

from __future__ import annotations

import gzip as gzip_lib
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from recoupe.ingest import IngestOptions, iter_documents
from recoupe.model import IngestError, RawDocument
from recoupe.settings import IngestSettings

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "html"
PAGES = [
    ("https://www.courrier-plateau.fr/local/saint-aubin-ecoles", "courrier_plateau_ecoles.html"),
    ("https://gazette-vallee.fr/barrage-sevene", "gazette_vallee_barrage.html"),
    ("https://echo-marais.fr/festival", "echo_marais_malforme.html"),
]


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
              status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


def _write_warc(path: Path, gzip: bool) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, name in PAGES:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            _response(writer, url, (HTML / name).read_bytes())
        _response(writer, "https://gazette-vallee.fr/logo.png", b"\x89PNG....", content_type="image/png")
        _response(writer, "https://gazette-vallee.fr/ancien", b"", status="301 Moved Permanently")
        revisit = writer.create_revisit_record(PAGES[0][0], digest="sha1:AAAA", refers_to_uri=PAGES[0][0],
                                               refers_to_date="2024-03-14T08:00:00Z")
        writer.write_record(revisit)
    return path


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_responses_become_documents_with_provenance(tmp_path: Path, gzip: bool) -> None:
    path = _write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), gzip)
    items = list(iter_documents([str(path)], IngestOptions(), IngestSettings()))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.provenance.url for d in docs] == [url for url, _ in PAGES]
    first = docs[0]
    assert first.format == "html" and first.content == (HTML / PAGES[0][1]).read_text("utf-8")
    assert first.outlet == "Le Courrier du Plateau"
    assert first.metadata["url"] == PAGES[0][0] and first.metadata_sources["url"] == "fetch"
    assert first.provenance.source == str(path)
    assert first.provenance.fetched_at and first.provenance.fetched_at.endswith("Z")
    record_id = first.provenance.extra["warc_record_id"]
    assert record_id.startswith("<urn:uuid:") and record_id in first.provenance.locator
    offset = int(first.provenance.extra["warc_offset"])
    assert f"@ offset {offset}" in first.provenance.locator and offset > 0
    assert "a accueilli près de 30 000 visiteurs" in docs[2].extracted_text


def test_warc_skipped_records_are_counted_in_one_warning(tmp_path: Path) -> None:
    path = _write_warc(tmp_path / "crawl.warc.gz", gzip=True)
    items = list(iter_documents([str(path)], IngestOptions(), IngestSettings()))
    notes = [i for i in items if isinstance(i, IngestError)]
    assert len(notes) == 1
    [note] = notes
    assert note.severity == "warning" and note.source == str(path)
    assert note.reason == "skipped 7 of 10 records: 3 request, 1 warcinfo, 1 non-HTML, 1 HTTP 301, 1 revisit"


def test_warc_truncated_gzip_yields_what_came_before_then_an_error(tmp_path: Path) -> None:
    whole = _write_warc(tmp_path / "whole.warc.gz", gzip=True).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: int(len(whole) * 0.6)])
    items = list(iter_documents([str(cut)], IngestOptions(), IngestSettings()))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, IngestError) and i.severity == "error"]
    assert 1 <= len(docs) < len(PAGES)
    assert [d.provenance.url for d in docs] == [url for url, _ in PAGES[: len(docs)]]
    [error] = errors
    assert error.source == str(cut)
    assert error.reason.startswith("truncated gzip")


def _cut_inside_response(tmp_path: Path, gzip: bool, page: int) -> tuple[Path, list[RawDocument]]:
    """The file cut in the middle of the `page`-th HTML response's payload; and the whole file's documents."""
    whole_path = _write_warc(tmp_path / ("whole.warc.gz" if gzip else "whole.warc"), gzip=gzip)
    whole_docs = [i for i in iter_documents([str(whole_path)], IngestOptions(), IngestSettings())
                  if isinstance(i, RawDocument)]
    start = int(whole_docs[page].provenance.extra["warc_offset"])
    end = int(whole_docs[page + 1].provenance.extra["warc_offset"])
    cut = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    cut.write_bytes(whole_path.read_bytes()[: start + (end - start) * 3 // 4])
    return cut, whole_docs


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_record_cut_by_truncation_gives_one_error_only(tmp_path: Path, gzip: bool) -> None:
    cut, whole_docs = _cut_inside_response(tmp_path, gzip, page=1)
    items = list(iter_documents([str(cut)], IngestOptions(), IngestSettings()))
    errors = [i for i in items if isinstance(i, IngestError) and i.severity == "error"]
    docs = [i for i in items if isinstance(i, RawDocument)]
    # the page before the cut is whole; the cut page is neither a partial document nor a "no text" error
    assert [d.provenance.url for d in docs] == [PAGES[0][0]]
    assert docs[0].extracted_text == whole_docs[0].extracted_text
    [error] = errors
    assert "no article text" not in error.reason
    assert error.reason.startswith("truncated gzip: record" if gzip else "truncated WARC: record")
    assert "cut short" in error.reason
    # the locator names the cut record; the reason does not repeat it
    record_id = whole_docs[1].provenance.extra["warc_record_id"]
    assert error.locator == f"record {record_id} @ offset {whole_docs[1].provenance.extra['warc_offset']}"
    assert error.locator not in error.reason and "after record" not in error.reason


def test_warc_damage_after_the_last_whole_record_is_located_once(tmp_path: Path) -> None:
    whole = _write_warc(tmp_path / "whole.warc.gz", gzip=True).read_bytes()
    broken = tmp_path / "broken.warc.gz"
    extra = gzip_lib.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\n" + b"x" * 500)
    broken.write_bytes(whole + extra[:10])  # a last gzip member cut inside its gzip header: no record read
    items = list(iter_documents([str(broken)], IngestOptions(), IngestSettings()))
    assert len([i for i in items if isinstance(i, RawDocument)]) == len(PAGES)
    [error] = [i for i in items if isinstance(i, IngestError) and i.severity == "error"]
    assert error.reason.startswith("truncated gzip after record ")
    assert error.locator == ""  # nothing repeats "after record K"


def test_warc_truncated_plain_warc_is_reported(tmp_path: Path) -> None:
    whole = _write_warc(tmp_path / "whole.warc", gzip=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: len(whole) - 40])
    items = list(iter_documents([str(cut)], IngestOptions(), IngestSettings()))
    errors = [i for i in items if isinstance(i, IngestError) and i.severity == "error"]
    assert len([i for i in items if isinstance(i, RawDocument)]) == len(PAGES)
    assert len(errors) == 1 and "truncated WARC" in errors[0].reason


def test_warc_file_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "faux.warc.gz"
    path.write_bytes(b"ceci n'est pas une archive web\n" * 10)
    [error] = list(iter_documents([str(path)], IngestOptions(), IngestSettings()))
    assert isinstance(error, IngestError) and error.source == str(path)
    assert error.reason.startswith("not a WARC file, or damaged from the start")

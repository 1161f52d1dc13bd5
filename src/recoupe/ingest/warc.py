"""WARC and WARC.gz files -> HTML RawDocuments, read with fastwarc.

Kept: `response` (and `resource`) records whose HTTP status is 200 and whose payload is HTML.
Everything else (warcinfo, request, metadata, revisit, redirects, errors, non-HTML payloads) is
skipped and counted; the counts come out as ONE `IngestError` with severity "warning" at the end
of the file ("skipped 5 of 9 records: 3 request, 1 revisit, 1 non-HTML"), only when something
was skipped.

fastwarc stops silently at a truncated gzip member, so after the last record the tail of the file
is checked by hand (zlib for .gz, the record's Content-Length for plain WARC); damage there yields
an error "truncated gzip after record K".
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from recoupe.ingest.decode import declared_charset, decode_bytes
from recoupe.ingest.html import html_document
from recoupe.ingest.options import IngestOptions
from recoupe.model import IngestError, Provenance, RawDocument
from recoupe.settings import IngestSettings

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _skip_reason(record: WarcRecord) -> str | None:
    """Why a record is not an article page, or None to keep it."""
    rtype = record.record_type
    if rtype not in (WarcRecordType.response, WarcRecordType.resource):
        return str(rtype)
    content_type = (record.http_content_type if record.is_http else record.headers.get("Content-Type")) or ""
    if record.is_http and record.http_headers.status_code != 200:
        return f"HTTP {record.http_headers.status_code}"
    if not content_type.lower().startswith(_HTML_TYPES):
        return "non-HTML"
    return None


def _record_document(
    record: WarcRecord, path: str, options: IngestOptions, settings: IngestSettings
) -> RawDocument | IngestError:
    payload = record.reader.read()
    content_type = record.http_content_type if record.is_http else record.headers.get("Content-Type")
    decoded = decode_bytes(payload, declared_charset(payload, content_type))
    record_id = record.record_id or ""
    target = record.headers.get("WARC-Target-URI")
    provenance = Provenance(
        source=path,
        locator=f"record {record_id} @ offset {record.stream_pos}",
        url=target,
        fetched_at=record.headers.get("WARC-Date"),
        extra={"warc_record_id": record_id, "warc_offset": str(record.stream_pos),
               "warc_content_length": str(record.content_length)},
    )
    return html_document(
        decoded.text, provenance, options, settings,
        extra_meta={"encoding": decoded.encoding}, extra_sources={"encoding": decoded.how},
    )


def read_warc(path: str, options: IngestOptions, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    skipped: Counter[str] = Counter()
    count = 0
    last_pos = -1
    with open(path, "rb") as stream:
        try:
            for record in ArchiveIterator(stream, parse_http=True, auto_decode="all"):
                count += 1
                last_pos = record.stream_pos
                reason = _skip_reason(record)
                if reason:
                    skipped[reason] += 1
                    continue
                yield _record_document(record, path, options, settings)
        except Exception as exc:  # fastwarc raises plain exceptions on damaged input
            where = f"unreadable WARC after record {count}" if count else "not a WARC file, or damaged from the start"
            yield IngestError(path, f"{where} ({exc})")
            return
    if count == 0:
        yield IngestError(path, "not a WARC file, or damaged from the start (no record could be read)")
        return
    damage = _tail_damage(path, last_pos, count)
    if damage:
        yield IngestError(path, damage, f"after record {count}")
    if skipped:
        kinds = ", ".join(f"{n} {kind}" for kind, n in skipped.most_common())
        total = sum(skipped.values())
        yield IngestError(path, f"skipped {total} of {count} records: {kinds}", severity="warning")


def _tail_damage(path: str, last_pos: int, count: int) -> str | None:
    with open(path, "rb") as fh:
        fh.seek(last_pos)
        tail = fh.read()
    if tail[:2] == b"\x1f\x8b":
        return _gzip_tail_damage(tail, count)
    return _plain_tail_damage(tail, count)


def _gzip_tail_damage(tail: bytes, count: int) -> str | None:
    """Decompress from the last record's member to the end: every member must be complete."""
    data = tail
    first = True
    while data:
        inflater = zlib.decompressobj(wbits=31)
        try:
            out = inflater.decompress(data)
        except zlib.error:
            return f"damaged gzip data after record {count}"
        if not inflater.eof:
            return f"truncated gzip after record {count}"
        if not first and out.strip():
            return f"unread WARC data after record {count}"
        first = False
        data = inflater.unused_data
    return None


def _plain_tail_damage(tail: bytes, count: int) -> str | None:
    """The last record must end where its Content-Length says, with nothing but blank bytes after."""
    head_end = tail.find(b"\r\n\r\n")
    if head_end < 0:
        return f"truncated WARC after record {count}"
    length = 0
    for line in tail[:head_end].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = int(value.strip())
    end = head_end + 4 + length
    if len(tail) < end:
        return f"truncated WARC: record {count} is cut short"
    if tail[end:].strip():
        return f"unread WARC data after record {count}"
    return None


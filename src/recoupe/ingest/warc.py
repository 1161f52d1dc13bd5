"""WARC and WARC.gz files -> HTML RawDocuments, read with fastwarc.

Kept: `response` (and `resource`) records whose HTTP status is 200 and whose payload is HTML.
Everything else (warcinfo, request, metadata, revisit, redirects, errors, non-HTML payloads) is
skipped and counted; the counts come out as ONE `IngestError` with severity "warning" at the end
of the file ("skipped 5 of 9 records: 3 request, 1 revisit, 1 non-HTML"), only when something
was skipped.

fastwarc stops silently at a truncated gzip member, so after the last record the tail of the file
is checked by hand (zlib for .gz, the record's Content-Length for plain WARC). Damage inside the
last record read yields ONE error "truncated gzip: record K is cut short, not ingested" (located at
that record) and nothing else for that record: its partial page is dropped, not reported as a page
without text. Damage in a later member yields "truncated gzip after record K".
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

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


@dataclass(frozen=True)
class _TailDamage:
    reason: str
    in_last_record: bool  # the last record read is itself cut short (or damaged): its payload is partial


def read_warc(path: str, options: IngestOptions, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    skipped: Counter[str] = Counter()
    count = 0
    last_pos = -1
    last_locator = ""
    # The last record's result is held back until the tail check says whether that record is whole.
    pending: RawDocument | IngestError | None = None
    with open(path, "rb") as stream:
        try:
            for record in ArchiveIterator(stream, parse_http=True, auto_decode="all"):
                if pending is not None:
                    yield pending
                    pending = None
                count += 1
                last_pos = record.stream_pos
                last_locator = f"record {record.record_id or count} @ offset {record.stream_pos}"
                reason = _skip_reason(record)
                if reason:
                    skipped[reason] += 1
                    continue
                pending = _record_document(record, path, options, settings)
        except Exception as exc:  # fastwarc raises plain exceptions on damaged input
            if pending is not None:
                yield pending
            where = f"unreadable WARC after record {count}" if count else "not a WARC file, or damaged from the start"
            yield IngestError(path, f"{where} ({exc})")
            return
    if count == 0:
        yield IngestError(path, "not a WARC file, or damaged from the start (no record could be read)")
        return
    damage = _tail_damage(path, last_pos, count)
    if pending is not None and not (damage and damage.in_last_record):
        yield pending  # a cut record's partial page (or its "no text" error) is not reported on its own
    if damage:
        yield IngestError(path, damage.reason, last_locator if damage.in_last_record else "")
    if skipped:
        kinds = ", ".join(f"{n} {kind}" for kind, n in skipped.most_common())
        total = sum(skipped.values())
        yield IngestError(path, f"skipped {total} of {count} records: {kinds}", severity="warning")


def _tail_damage(path: str, last_pos: int, count: int) -> _TailDamage | None:
    with open(path, "rb") as fh:
        fh.seek(last_pos)
        tail = fh.read()
    if tail[:2] == b"\x1f\x8b":
        return _gzip_tail_damage(tail, count)
    return _plain_tail_damage(tail, count)


def _gzip_tail_damage(tail: bytes, count: int) -> _TailDamage | None:
    """Decompress from the last record's member to the end: every member must be complete."""
    data = tail
    first = True
    while data:
        inflater = zlib.decompressobj(wbits=31)
        try:
            out = inflater.decompress(data)
        except zlib.error:
            if first:
                return _TailDamage(f"damaged gzip data in record {count}, not ingested", True)
            return _TailDamage(f"damaged gzip data after record {count}", False)
        if not inflater.eof:
            if first:
                return _TailDamage(f"truncated gzip: record {count} is cut short, not ingested", True)
            return _TailDamage(f"truncated gzip after record {count}", False)
        if not first and out.strip():
            return _TailDamage(f"unread WARC data after record {count}", False)
        first = False
        data = inflater.unused_data
    return None


def _plain_tail_damage(tail: bytes, count: int) -> _TailDamage | None:
    """The last record must end where its Content-Length says, with nothing but blank bytes after."""
    head_end = tail.find(b"\r\n\r\n")
    if head_end < 0:
        return _TailDamage(f"truncated WARC: record {count} is cut short, not ingested", True)
    length = 0
    for line in tail[:head_end].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = int(value.strip())
    end = head_end + 4 + length
    if len(tail) < end:
        return _TailDamage(f"truncated WARC: record {count} is cut short, not ingested", True)
    if tail[end:].strip():
        return _TailDamage(f"unread WARC data after record {count}", False)
    return None

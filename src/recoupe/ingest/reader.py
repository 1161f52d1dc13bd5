"""Reading one `InputRef` (file, URL or stdin) into RawDocuments and IngestErrors.

Nothing here raises for bad input: each problem becomes an `IngestError` naming the input and
the reason, and reading goes on with the rest of the file or the batch. The format is
1. `options.format` when it is not "auto", 2. the file's extension, 3. sniffed from the bytes.
WARC files are streamed and not bound by `max_file_bytes`; every other file is read whole and is.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from recoupe.errors import FetchError
from recoupe.ingest.decode import binary_reason, declared_charset, decode_bytes, sniff_format
from recoupe.ingest.feeds import is_feed, read_feed
from recoupe.ingest.fetch import FetchedPage, Fetcher, HttpxFetcher
from recoupe.ingest.html import html_document
from recoupe.ingest.options import IngestOptions
from recoupe.ingest.refs import InputRef, expand_inputs
from recoupe.ingest.tabular import read_csv, read_jsonl
from recoupe.ingest.text import read_sidecar, text_document
from recoupe.ingest.warc import read_warc
from recoupe.model import IngestError, Provenance, RawDocument
from recoupe.settings import IngestSettings

__all__ = ["read_input", "iter_documents"]

Item = RawDocument | IngestError


class _LazyFetcher:
    """An HttpxFetcher made on first use (most inputs never fetch), closed by its owner."""

    def __init__(self, settings: IngestSettings, options: IngestOptions) -> None:
        self.settings, self.options = settings, options
        self.inner: HttpxFetcher | None = None

    def fetch(self, url: str) -> FetchedPage:
        if self.inner is None:
            self.inner = HttpxFetcher(self.settings, self.options.allow_private_addresses)
        return self.inner.fetch(url)

    def close(self) -> None:
        if self.inner is not None:
            self.inner.close()


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _read_file(path: str, settings: IngestSettings) -> bytes | IngestError:
    try:
        size = os.path.getsize(path)
        if size > settings.max_file_bytes:
            return IngestError(path, f"file is {_mb(size)}, above max_file_bytes ({_mb(settings.max_file_bytes)})")
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        return IngestError(path, f"cannot read the file ({exc.strerror or exc})")


def _read_bytes(
    data: bytes, fmt: str, source: str, path: str | None, options: IngestOptions,
    settings: IngestSettings, fetcher: Fetcher,
) -> Iterator[Item]:
    """Documents from a whole file's (or stdin's) bytes, in a format already known or sniffed."""
    if not data.strip():
        yield IngestError(source, "empty file" if data == b"" else "file has no text (only whitespace)")
        return
    reason = binary_reason(data)
    if reason:
        yield IngestError(source, reason)
        return
    if fmt == "auto":
        fmt = sniff_format(data)
    if fmt == "html":
        decoded = decode_bytes(data, declared_charset(data))
        yield html_document(decoded.text, Provenance(source), options, settings,
                            extra_meta={"encoding": decoded.encoding}, extra_sources={"encoding": decoded.how})
    elif fmt == "feed":
        yield from read_feed(data, source, options, settings, fetcher)
    elif fmt in ("jsonl", "csv"):
        text = decode_bytes(data).text
        if fmt == "jsonl":
            yield from read_jsonl(text, source, options)
        else:
            yield from read_csv(text, source, options, tab=source.lower().endswith(".tsv"))
    else:
        sidecar, problem = read_sidecar(path) if path else ({}, None)
        if problem:
            yield problem
        yield from text_document(decode_bytes(data), Provenance(source), options, sidecar)


def _read_url(url: str, options: IngestOptions, settings: IngestSettings, fetcher: Fetcher) -> Iterator[Item]:
    """A feed URL; a URL that turns out to be an HTML page is ingested as that one page."""
    try:
        page = fetcher.fetch(url)
    except FetchError as exc:
        yield IngestError(url, f"could not fetch: {exc.reason}")
        return
    if is_feed(page.content):
        yield from read_feed(page.content, url, options, settings, fetcher)
    elif sniff_format(page.content) == "html" or "html" in (page.content_type or ""):
        decoded = decode_bytes(page.content, declared_charset(page.content, page.content_type))
        provenance = Provenance(url, "", url=page.url, fetched_at=page.fetched_at)
        yield html_document(decoded.text, provenance, options, settings,
                            extra_meta={"encoding": decoded.encoding}, extra_sources={"encoding": decoded.how})
    else:
        yield IngestError(url, f"neither an RSS/Atom feed nor an HTML page ({page.content_type or 'no type'})")


def read_input(
    ref: InputRef,
    options: IngestOptions,
    settings: IngestSettings,
    fetcher: Fetcher | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Every document of one input, and an IngestError for each thing that could not be read."""
    own = _LazyFetcher(settings, options) if fetcher is None else None
    try:
        yield from _read_ref(ref, options, settings, fetcher or own, stdin)  # type: ignore[arg-type]
    finally:
        if own is not None:
            own.close()


def _read_ref(
    ref: InputRef, options: IngestOptions, settings: IngestSettings, fetcher: Fetcher, stdin: BinaryIO | None
) -> Iterator[Item]:
    if ref.problem:
        yield IngestError(ref.source, ref.problem)
        return
    if ref.url:
        yield from _read_url(ref.url, options, settings, fetcher)
        return
    fmt = options.format if options.format != "auto" else ref.format
    if ref.is_stdin:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(settings.max_file_bytes + 1)
        if len(data) > settings.max_file_bytes:
            yield IngestError("-", f"standard input is above max_file_bytes ({_mb(settings.max_file_bytes)})")
            return
        yield from _read_bytes(data, fmt, "<stdin>", None, options, settings, fetcher)
        return
    path = ref.path or ""
    if fmt == "warc":
        yield from _read_warc_file(path, options, settings)
        return
    data = _read_file(path, settings)
    if isinstance(data, IngestError):
        yield data
        return
    yield from _read_bytes(data, fmt, path, path, options, settings, fetcher)


def _read_warc_file(path: str, options: IngestOptions, settings: IngestSettings) -> Iterator[Item]:
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        yield IngestError(path, f"cannot read the file ({exc.strerror or exc})")
        return
    if size == 0:
        yield IngestError(path, "empty file")
        return
    yield from read_warc(path, options, settings)


def iter_documents(
    paths: Sequence[str],
    options: IngestOptions,
    settings: IngestSettings,
    fetcher: Fetcher | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """expand_inputs(paths), then read_input on each, sharing one fetcher across inputs."""
    own = _LazyFetcher(settings, options) if fetcher is None else None
    try:
        for ref in expand_inputs(paths):
            yield from _read_ref(ref, options, settings, fetcher or own, stdin)  # type: ignore[arg-type]
    finally:
        if own is not None:
            own.close()

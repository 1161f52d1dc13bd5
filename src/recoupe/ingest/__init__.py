"""Ingest: every input an analyst has (text, HTML, JSONL/CSV exports, WARC, RSS/Atom, stdin)
-> `RawDocument`s with provenance, or `IngestError`s for what cannot be read.

    refs = expand_inputs(["articles/", "crawl.warc.gz", "https://example.org/rss", "-"])
    for item in read_input(refs[0], IngestOptions(), settings.ingest): ...
    for item in iter_documents(paths, IngestOptions(outlet="Le Courrier"), settings.ingest): ...

Modules: refs (inputs), reader (dispatch), decode (encodings, binary, sniffing), text, html,
tabular (JSONL/CSV presets), warc, feeds, fetch (Fetcher, HttpxFetcher, StaticFetcher).
"""

from recoupe.ingest.fetch import FetchedPage, Fetcher, HttpxFetcher, StaticFetcher
from recoupe.ingest.options import FORMATS, PRESETS, IngestOptions
from recoupe.ingest.reader import iter_documents, read_input
from recoupe.ingest.refs import InputRef, expand_inputs

__all__ = [
    "expand_inputs",
    "read_input",
    "iter_documents",
    "InputRef",
    "IngestOptions",
    "FORMATS",
    "PRESETS",
    "Fetcher",
    "FetchedPage",
    "HttpxFetcher",
    "StaticFetcher",
]

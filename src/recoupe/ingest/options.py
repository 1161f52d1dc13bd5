"""Options of one ingest run, and the one place RawDocuments are built (ids, outlet)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from recoupe.model import Provenance, RawDocument

__all__ = ["IngestOptions", "FORMATS", "PRESETS", "domain_of", "make_document"]

FORMATS = ("auto", "text", "html", "jsonl", "csv", "warc", "feed")
PRESETS = (None, "news-please", "cc-news", "trafilatura", "datatrove")


@dataclass(frozen=True)
class IngestOptions:
    """What the user said on the command line; every field may stay at its default."""

    outlet: str | None = None  # overrides any outlet found in the input
    format: str = "auto"  # one of FORMATS; "auto" goes by extension, then by content
    preset: str | None = None  # JSONL/CSV field mapping, one of PRESETS; None = detect from keys
    text_field: str | None = None  # JSONL/CSV fields (dotted paths reach nested keys: metadata.url)
    title_field: str | None = None
    url_field: str | None = None
    date_field: str | None = None
    outlet_field: str | None = None
    allow_private_addresses: bool | None = None  # None = settings.ingest.allow_private_addresses

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"unknown format {self.format!r}; choose one of {', '.join(FORMATS)}")
        if self.preset not in PRESETS:
            names = ", ".join(p for p in PRESETS if p)
            raise ValueError(f"unknown preset {self.preset!r}; choose one of {names}")


def domain_of(url: str | None) -> str | None:
    """The host of a URL without "www." ("https://www.lecourrier.fr/a" -> "lecourrier.fr")."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def make_document(
    fmt: str,
    content: str,
    provenance: Provenance,
    options: IngestOptions,
    metadata: Mapping[str, str | None],
    sources: Mapping[str, str],
    extracted_text: str | None = None,
) -> RawDocument:
    """A RawDocument with a content-hash id; outlet = 1. the --outlet flag, 2. metadata, 3. URL domain."""
    meta = {k: v for k, v in metadata.items() if v}
    srcs = {k: v for k, v in sources.items() if k in meta}
    if options.outlet:
        meta["outlet"], srcs["outlet"] = options.outlet, "flag"
    elif "outlet" not in meta:
        domain = domain_of(meta.get("url") or provenance.url)
        if domain:
            meta["outlet"], srcs["outlet"] = domain, "url"
    if provenance.url and "url" not in meta:
        meta["url"], srcs["url"] = provenance.url, srcs.get("url", "provenance")
    return RawDocument(
        id=RawDocument.make_id(content),
        format=fmt,
        content=content,
        provenance=provenance,
        metadata=meta,
        metadata_sources=srcs,
        outlet=meta.get("outlet"),
        extracted_text=extracted_text,
    )

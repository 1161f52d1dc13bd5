"""Plain text files (and their `<name>.meta.json` sidecars) -> RawDocument, content untouched."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from recoupe.ingest.decode import Decoded
from recoupe.ingest.options import IngestOptions, make_document
from recoupe.ingest.refs import SIDECAR_SUFFIX
from recoupe.model import IngestError, Provenance, RawDocument

__all__ = ["text_document", "read_sidecar", "sidecar_path", "SIDECAR_KEYS"]

SIDECAR_KEYS = ("outlet", "url", "date", "title", "lang", "author")


def sidecar_path(path: str) -> Path:
    """`article.txt` -> `article.txt.meta.json`; `article.meta.json` is accepted too."""
    p = Path(path)
    beside = p.with_name(p.name + SIDECAR_SUFFIX)
    return beside if beside.exists() else p.with_name(p.stem + SIDECAR_SUFFIX)


def read_sidecar(path: str) -> tuple[dict[str, str], IngestError | None]:
    """The sidecar's known keys, or an error naming the sidecar when it is not a JSON object."""
    side = sidecar_path(path)
    if not side.exists():
        return {}, None
    try:
        data = json.loads(side.read_text("utf-8-sig"))
    except (OSError, ValueError) as exc:
        return {}, IngestError(str(side), f"sidecar is not valid JSON ({exc}); its metadata is ignored")
    if not isinstance(data, dict):
        return {}, IngestError(str(side), "sidecar is not a JSON object; its metadata is ignored")
    return {k: str(data[k]) for k in SIDECAR_KEYS if data.get(k)}, None


def text_document(
    decoded: Decoded,
    provenance: Provenance,
    options: IngestOptions,
    sidecar: dict[str, str] | None = None,
) -> Iterator[RawDocument | IngestError]:
    if not decoded.text.strip():
        yield IngestError(provenance.source, "file has no text (only whitespace)", provenance.locator)
        return
    metadata: dict[str, str | None] = {"encoding": decoded.encoding}
    sources = {"encoding": decoded.how}
    for key, value in (sidecar or {}).items():
        metadata[key], sources[key] = value, "sidecar"
    yield make_document("text", decoded.text, provenance, options, metadata, sources)

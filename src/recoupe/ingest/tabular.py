"""JSONL, JSON and CSV exports -> RawDocuments, through a field mapping (a preset or flags).

Preset detection from the first record's keys (when no --preset is given):
1. "maintext"                       -> news-please
2. "metadata" is an object + "text" -> datatrove (FineWeb)
3. "hostname" + "text"              -> trafilatura JSON
4. "domain" + "text"                -> cc-news
5. otherwise a generic mapping over common names (text/content/body, title, url, date, ...).
Explicit --text-field/--title-field/... flags override the preset's fields.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from recoupe.ingest.options import IngestOptions, make_document
from recoupe.model import IngestError, Provenance, RawDocument

__all__ = ["PRESET_FIELDS", "detect_preset", "read_jsonl", "read_csv", "field_map"]

# role -> field path (dotted for nested objects)
PRESET_FIELDS: dict[str, dict[str, str]] = {
    "news-please": {"text": "maintext", "title": "title", "date": "date_publish", "outlet": "source_domain",
                    "url": "url", "lang": "language", "author": "authors"},
    "cc-news": {"text": "text", "title": "title", "outlet": "domain", "date": "date", "url": "url"},
    "trafilatura": {"text": "text", "title": "title", "author": "author", "outlet": "hostname",
                    "date": "date", "url": "url", "lang": "language"},
    "datatrove": {"text": "text", "id": "id", "url": "metadata.url", "date": "metadata.date",
                  "lang": "metadata.language"},
}
_GENERIC_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "maintext", "article", "texte"),
    "title": ("title", "headline", "titre"),
    "url": ("url", "link", "uri"),
    "date": ("date", "published", "date_publish", "pubdate", "published_at"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher", "domain"),
    "lang": ("lang", "language", "langue"),
    "author": ("author", "authors", "auteur"),
}


def detect_preset(record: Mapping[str, Any]) -> str | None:
    if "maintext" in record:
        return "news-please"
    if isinstance(record.get("metadata"), dict) and "text" in record:
        return "datatrove"
    if "hostname" in record and "text" in record:
        return "trafilatura"
    if "domain" in record and "text" in record:
        return "cc-news"
    return None


def field_map(options: IngestOptions, first: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """The preset name ("generic" if none) and role -> field path for this file."""
    preset = options.preset or detect_preset(first)
    if preset:
        fields = dict(PRESET_FIELDS[preset])
    else:
        preset = "generic"
        lowered = {k.lower(): k for k in first}
        fields = {}
        for role, names in _GENERIC_NAMES.items():
            hit = next((lowered[n] for n in names if n in lowered), None)
            if hit:
                fields[role] = hit
    overrides = {"text": options.text_field, "title": options.title_field, "url": options.url_field,
                 "date": options.date_field, "outlet": options.outlet_field}
    fields.update({role: name for role, name in overrides.items() if name})
    return preset, fields


def _get(record: Mapping[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return record.get(path)  # a flat key that contains dots
        value = value[part]
    return value


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    return str(value).strip() or None


def _record_document(
    record: Mapping[str, Any], fields: dict[str, str], preset: str, kind: str,
    provenance: Provenance, options: IngestOptions,
) -> RawDocument | IngestError:
    text_field = fields.get("text")
    text = _as_text(_get(record, text_field)) if text_field else None
    if not text:
        where = f"field {text_field!r}" if text_field else "any text field (use --text-field)"
        return IngestError(provenance.source, f"no text in {where}", provenance.locator)
    metadata: dict[str, str | None] = {}
    sources: dict[str, str] = {}
    for role, path in fields.items():
        if role == "text":
            continue
        value = _as_text(_get(record, path))
        if value:
            metadata[role], sources[role] = value, f"{kind}:{path}"
    metadata["preset"], sources["preset"] = preset, "flag" if options.preset else "detected"
    url = metadata.get("url")
    record_id = metadata.get("id")
    prov = Provenance(provenance.source, provenance.locator, url=url,
                      extra={"record_id": record_id} if record_id else {})
    return make_document(kind, text, prov, options, metadata, sources)


def _json_records(text: str, source: str) -> Iterator[tuple[str, Any]]:
    """(locator, parsed object or the error message) per record: JSON lines, or one JSON document."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except ValueError as exc:
            yield "file", f"not valid JSON: {exc}"
            return
        for number, item in enumerate(data, 1):
            yield f"item {number}", item
        return
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield f"line {number}", json.loads(line)
        except ValueError as exc:
            if number == 1 and stripped.startswith("{"):
                try:  # a pretty-printed single JSON object (news-please writes one per file)
                    yield "file", json.loads(text)
                    return
                except ValueError:
                    pass
            yield f"line {number}", f"not valid JSON ({exc.args[0] if exc.args else exc})"


def read_jsonl(text: str, source: str, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    fields: dict[str, str] | None = None
    preset = "generic"
    count = 0
    for locator, record in _json_records(text, source):
        if isinstance(record, str):
            yield IngestError(source, record, locator)
            continue
        if not isinstance(record, dict):
            yield IngestError(source, f"expected a JSON object, found {type(record).__name__}", locator)
            continue
        if fields is None:
            preset, fields = field_map(options, record)
        count += 1
        yield _record_document(record, fields, preset, "jsonl", Provenance(source, locator), options)
    if count == 0 and fields is None:
        yield IngestError(source, "no JSON records in the file")


def read_csv(text: str, source: str, options: IngestOptions, tab: bool = False) -> Iterator[RawDocument | IngestError]:
    csv.field_size_limit(1 << 30)  # article texts are far longer than csv's 128 KB default
    sample = text[:8192]
    delimiter = "\t" if tab else ","
    if not tab:
        with contextlib.suppress(csv.Error):
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        yield IngestError(source, "CSV file has no header row")
        return
    preset, fields = field_map(options, dict.fromkeys(reader.fieldnames, ""))
    row = 1  # the header is row 1, as a spreadsheet shows it
    while True:
        row += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield IngestError(source, f"unreadable CSV row ({exc})", f"row {row}")
            continue
        if None in record:
            yield IngestError(source, f"row has more cells than the header ({len(reader.fieldnames)})", f"row {row}")
            continue
        yield _record_document(record, fields, preset, "csv", Provenance(source, f"row {row}"), options)

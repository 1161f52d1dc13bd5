"""Turning what the user typed (files, folders, globs, feed URLs, "-") into `InputRef`s.

`expand_inputs` never raises: an input that cannot be read (missing file, empty folder,
glob matching nothing, unsupported extension) becomes an `InputRef` with a `problem`,
which `read_input` reports as one `IngestError`. Engines shard work by `InputRef`.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["InputRef", "expand_inputs", "format_from_name", "SIDECAR_SUFFIX", "READABLE_SUFFIXES"]

SIDECAR_SUFFIX = ".meta.json"

# Longest suffixes first, so ".warc.gz" wins over ".gz".
READABLE_SUFFIXES: dict[str, str] = {
    ".warc.gz": "warc",
    ".warc": "warc",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",  # one object or an array of them (news-please writes one JSON per article)
    ".csv": "csv",
    ".tsv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",  # checked on reading: an XML file that is not a feed is refused
    ".txt": "text",
    ".text": "text",
}

UNSUPPORTED_SUFFIXES = frozenset(
    [".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".svg", ".ico", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".mp3", ".mp4", ".wav", ".ogg", ".avi", ".mov", ".mkv", ".exe", ".dll", ".so", ".bin", ".parquet", ".sqlite", ".db", ".pyc"]
)


@dataclass(frozen=True)
class InputRef:
    """One input to read: a file, a URL or stdin, with its format as far as the name tells.

    `format` is one of text, html, jsonl, csv, warc, feed, or "auto" (sniffed on reading:
    stdin, unknown extensions). `problem` is set when the input cannot be read at all.
    """

    path: str | None = None
    url: str | None = None
    format: str = "auto"
    problem: str | None = None

    @property
    def source(self) -> str:
        return self.url or self.path or "-"

    @property
    def is_stdin(self) -> bool:
        return self.path == "-"


def format_from_name(name: str) -> str:
    """text, html, jsonl, csv, warc, feed, "unsupported" or "auto" (unknown: sniff the bytes)."""
    lower = name.lower()
    for suffix, fmt in READABLE_SUFFIXES.items():
        if lower.endswith(suffix):
            return fmt
    if Path(lower).suffix in UNSUPPORTED_SUFFIXES:
        return "unsupported"
    return "auto"


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _file_ref(path: str) -> InputRef:
    fmt = format_from_name(path)
    if fmt == "unsupported":
        ext = Path(path).suffix.lower()
        return InputRef(
            path=path,
            format=fmt,
            problem=f"unsupported file type {ext!r}: recoupe reads text, HTML, JSONL/JSON, CSV, WARC and RSS/Atom",
        )
    return InputRef(path=path, format=fmt)


def _folder_refs(folder: str) -> list[InputRef]:
    """Readable files under `folder`, recursively, sorted; hidden files and sidecars left out."""
    refs: list[InputRef] = []
    skipped = 0
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower().endswith(SIDECAR_SUFFIX):
                continue
            fmt = format_from_name(name)
            if fmt in ("auto", "unsupported"):
                skipped += 1  # inside a folder, only known extensions are read
                continue
            refs.append(InputRef(path=os.path.join(root, name), format=fmt))
    refs.sort(key=lambda r: r.path or "")
    if not refs:
        detail = f" ({skipped} file(s) of unknown or unsupported type)" if skipped else " (it is empty)"
        return [InputRef(path=folder, format="folder", problem=f"folder has no readable files{detail}")]
    return refs


def _glob_refs(pattern: str) -> list[InputRef]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        return [InputRef(path=pattern, format="glob", problem="no file matches this pattern")]
    refs: list[InputRef] = []
    for match in matches:
        if os.path.isdir(match):
            refs.extend(_folder_refs(match))
        elif not match.lower().endswith(SIDECAR_SUFFIX):
            refs.append(_file_ref(match))
    return refs


def expand_inputs(paths: Sequence[str]) -> list[InputRef]:
    """Files, folders (recursive, sorted), globs, http(s) feed URLs and "-" (stdin), in order."""
    refs: list[InputRef] = []
    for item in paths:
        if item == "-":
            refs.append(InputRef(path="-", format="auto"))
        elif _is_url(item):
            refs.append(InputRef(url=item, format="feed"))
        elif os.path.isdir(item):
            refs.extend(_folder_refs(item))
        elif os.path.exists(item):
            refs.append(_file_ref(item))
        elif glob.has_magic(item):
            refs.extend(_glob_refs(item))
        else:
            refs.append(InputRef(path=item, format="missing", problem="no such file or folder"))
    return refs

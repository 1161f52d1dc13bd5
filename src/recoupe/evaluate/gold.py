"""Reading gold annotations (the seeds' gold.json and eval/gold/*.json) and locating them in cleaned text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ftfy

from recoupe.model import Span

__all__ = ["GoldDoc", "GoldStory", "load_gold", "locate", "locate_all", "normalise"]


@dataclass(frozen=True)
class GoldDoc:
    key: str  # "<story>/<file>" or "seeds/<file>", with "#<line>" for JSONL rows
    path: Path  # the file to ingest
    line: int | None  # JSONL line (1-based) when several articles share a file
    story: str
    data: dict[str, Any]


@dataclass(frozen=True)
class GoldStory:
    id: str
    members: tuple[str, ...]  # GoldDoc keys
    lookalike_of: str | None
    copies: tuple[tuple[str, ...], ...]
    crosscheck: dict[str, Any] = field(default_factory=dict)


def load_gold(
    eval_dir: Path | None, seeds_dir: Path | None, only: tuple[str, ...] = ()
) -> tuple[list[GoldDoc], list[GoldStory]]:
    """Gold documents and stories; `only` keeps the stories whose id starts with one of its prefixes."""
    docs: list[GoldDoc] = []
    stories: list[GoldStory] = []
    sources: list[tuple[Path, Path, str]] = []
    if seeds_dir is not None and (seeds_dir / "gold.json").exists() and (not only or "seeds" in only):
        sources.append((seeds_dir / "gold.json", seeds_dir, "seeds"))
    if eval_dir is not None:
        for gold_file in sorted((eval_dir / "gold").glob("*.json")):
            story_id = gold_file.stem
            if only and not story_id.startswith(only):
                continue
            sources.append((gold_file, eval_dir / "corpus" / story_id, story_id))
    for gold_file, folder, story_id in sources:
        data = json.loads(gold_file.read_text("utf-8"))
        keys = {}
        for name, doc in data.get("documents", {}).items():
            file_name, _, line = name.partition("#")
            key = f"{story_id}/{name}"
            keys[name] = key
            docs.append(GoldDoc(key, folder / file_name, int(line) if line else None, story_id, doc))
        story = data.get("story", {})
        members = tuple(keys.get(m, f"{story_id}/{m}") for m in story.get("members", keys))
        copies = tuple(tuple(keys.get(m, f"{story_id}/{m}") for m in group) for group in data.get("copies", []))
        stories.append(GoldStory(story.get("id", story_id), members, story.get("lookalike_of"), copies,
                                 data.get("crosscheck", {})))
    return docs, stories


_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Compare strings modulo whitespace, apostrophe and quote shapes, and case."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return _SPACE.sub(" ", text).strip().lower()


def _pattern(raw: str) -> re.Pattern[str]:
    """A regex for a raw gold string in cleaned text: '?' may be any lost character, spaces flexible."""
    parts = []
    for ch in raw:
        if ch == "?":
            parts.append(r"(?:.|\?)")
        elif ch.isspace():
            parts.append(r"\s+")
        elif ch in "'’":
            parts.append(r"['’]")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))


def _candidates(raw: str, repairs: list[dict[str, Any]]) -> Iterator[str]:
    yield raw
    repaired = raw
    for repair in repairs:
        repaired = repaired.replace(repair.get("raw", ""), repair.get("clean", ""))
    yield repaired
    yield ftfy.fix_text(raw, uncurl_quotes=False)


def locate_all(text: str, raw: str, repairs: list[dict[str, Any]] | None = None) -> list[Span]:
    """Every place a gold string stands in the cleaned text (exact, repaired, or by pattern)."""
    for candidate in _candidates(raw, repairs or []):
        spans, start = [], text.find(candidate)
        while candidate and start >= 0:
            spans.append(Span(start, start + len(candidate)))
            start = text.find(candidate, start + 1)
        if spans:
            return spans
    return [Span(m.start(), m.end()) for m in _pattern(raw.strip()).finditer(text)]


def locate(text: str, raw: str, repairs: list[dict[str, Any]] | None = None) -> Span | None:
    spans = locate_all(text, raw, repairs)
    return spans[0] if spans else None

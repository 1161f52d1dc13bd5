"""Site and aggregator chrome, found line by line with the patterns of lang/<code>/boilerplate.txt."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["BoilerplatePattern", "BoilerplateHit", "load_patterns", "find_boilerplate", "LANGUAGES"]

LANGUAGES = ("fr", "en")
_SCOPES = ("line", "cut", "inline")


@dataclass(frozen=True)
class BoilerplatePattern:
    reason: str
    scope: str  # "line", "cut" or "inline"
    regex: re.Pattern[str]
    lang: str


@dataclass(frozen=True)
class BoilerplateHit:
    start: int  # offsets inside the line
    end: int
    reason: str  # "boilerplate:<label>" or "truncation-marker"
    scope: str


def _parse(text: str, lang: str) -> list[BoilerplatePattern]:
    patterns = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ", 2)]
        if len(parts) != 3 or parts[1] not in _SCOPES:
            raise ValueError(f"lang/{lang}/boilerplate.txt line {number}: expected 'reason | scope | regex'")
        patterns.append(BoilerplatePattern(parts[0], parts[1], re.compile(parts[2]), lang))
    return patterns


@lru_cache(maxsize=1)
def load_patterns() -> tuple[BoilerplatePattern, ...]:
    """Every language's patterns (chrome language can differ from the article's)."""
    patterns: list[BoilerplatePattern] = []
    for code in LANGUAGES:
        path = resources.files("recoupe").joinpath(f"lang/{code}/boilerplate.txt")
        patterns.extend(_parse(path.read_text("utf-8"), code))
    return tuple(patterns)


def _sentence_start(line: str, before: int) -> int:
    """Start of the sentence holding offset `before`: after the last '. ' / '! ' / '? ' / '… ' before it."""
    best = 0
    for m in re.finditer(r"[.!?…»]\s+(?=\S)", line[:before]):
        best = m.end()
    return best


def find_boilerplate(line: str) -> BoilerplateHit | None:
    """The first pattern hit in a stripped line, as the span to remove.

    1. line patterns match at the start of the line: the whole line;
    2. cut patterns (truncation markers): from their sentence's start to the line's end;
    3. inline patterns: the matched text only.
    """
    patterns = load_patterns()
    for pat in patterns:
        if pat.scope == "line" and pat.regex.match(line):
            return BoilerplateHit(0, len(line), f"boilerplate:{pat.reason}", "line")
    for pat in patterns:
        if pat.scope == "cut":
            m = pat.regex.search(line)
            if m:
                return BoilerplateHit(_sentence_start(line, m.start()), len(line), "truncation-marker", "cut")
    for pat in patterns:
        if pat.scope == "inline":
            m = pat.regex.search(line)
            if m and m.end() > m.start():
                return BoilerplateHit(m.start(), m.end(), f"boilerplate:{pat.reason}", "inline")
    return None

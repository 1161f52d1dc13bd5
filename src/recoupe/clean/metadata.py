"""What cleaning reads off the text itself: title, subheadings, truncation, a dateline."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from recoupe.model import PartialDate

__all__ = [
    "DatelineHit",
    "find_dateline",
    "parse_date",
    "looks_like_title",
    "looks_like_subheading",
    "truncation_reason",
    "CORPUS_MARKER",
]

# " date 2021-09 " at the very start of a document: a corpus's metadata marker (seed 001).
CORPUS_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\s+")
TITLE_MAX_CHARS = 150
_FINAL_PUNCT = ".!?…»\"”)]"
_DATELINE_MAX_LINES = 4  # a dateline sits in the first lines
_DATELINE_MAX_START = 60  # ... near the start of its line


@dataclass(frozen=True)
class DatelineHit:
    date: PartialDate
    text: str
    line_index: int


@lru_cache(maxsize=1)
def _date_regex() -> re.Pattern[str]:
    months: list[str] = []
    for code in ("fr", "en"):
        path = resources.files("recoupe").joinpath(f"lang/{code}/clean_dates.json")
        months.extend(json.loads(path.read_text("utf-8"))["months"])
    alternatives = "|".join(re.escape(m) for m in sorted(set(months), key=len, reverse=True))
    month = rf"(?:{alternatives})(?![a-zé])"
    return re.compile(
        rf"(?i)\b(?:\d{{1,2}}(?:er)?\s+{month}\s+\d{{4}}"  # 14 septembre 2021, 1er mars 2024
        rf"|{month}\s+\d{{1,2}},?\s+\d{{4}}"  # March 3, 2024
        rf"|{month}\s+\d{{4}}"  # septembre 2021
        r"|\d{4}-\d{2}-\d{2}"  # 2024-03-03
        r"|\d{1,2}[/.]\d{1,2}[/.]\d{4})\b"  # 07/02/2025 (day first unless that cannot be: _numeric_date)
    )


@lru_cache(maxsize=1)
def _date_parser():  # dateparser is slow to import and build: once per process
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["fr", "en"], settings={"PREFER_DAY_OF_MONTH": "first"})


_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _numeric_date(m: re.Match[str]) -> PartialDate | None:
    """07/02/2025 or 07.02.2025: day first, as francophone (and most non-US) sites write it,
    unless the first number cannot be a month's day and the second can (02/27/2025)."""
    first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    day, month = (second, first) if second > 12 >= first else (first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return PartialDate(year, month, day)


def parse_date(text: str) -> PartialDate | None:
    """A partial date from a date expression you selected ("14 septembre 2021", "2021-09", "07/02/2025")."""
    cleaned = re.sub(r"(\d)er\b", r"\1", text.strip())
    if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", cleaned):
        return PartialDate.parse(cleaned)
    numeric = _NUMERIC_DATE.fullmatch(cleaned)
    if numeric is not None:
        return _numeric_date(numeric)
    data = _date_parser().get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj
    if data.period == "year":
        return PartialDate(d.year)
    if data.period == "month":
        return PartialDate(d.year, d.month)
    return PartialDate(d.year, d.month, d.day)


def find_dateline(lines: Sequence[str]) -> DatelineHit | None:
    """The first date written near the start of one of the first lines ("Publié le 3 mars 2024")."""
    for index, line in enumerate(lines[:_DATELINE_MAX_LINES]):
        m = _date_regex().search(line)
        if m and m.start() <= _DATELINE_MAX_START:
            date = parse_date(m.group(0))
            if date is not None:
                return DatelineHit(date, m.group(0), index)
    return None


def looks_like_title(first: str, has_more: bool) -> bool:
    """1. short, 2. no final period, 3. followed by more text, 4. starts with a capital or digit."""
    first = first.strip()
    return (
        has_more
        and 0 < len(first) < TITLE_MAX_CHARS
        and not first.endswith((".", ":", ";", ","))
        and (first[0].isupper() or first[0].isdigit() or first[0] in "«“\"")
    )


def looks_like_subheading(line: str, max_chars: int, has_more: bool) -> bool:
    """Short, no final punctuation, starts with a capital, and followed by more text."""
    line = line.strip()
    return (
        has_more
        and 0 < len(line) <= max_chars
        and line[-1] not in _FINAL_PUNCT + ",;:-–—"
        and line[0].isupper()
        and not line.isupper()  # an all-caps line is a kicker or chrome rather than a subheading
    )


def truncation_reason(paragraphs: Sequence[str], cut_marker: str | None) -> str | None:
    """Why the text looks truncated, or None.

    1. a cut marker was removed ("[...] Lire la suite", "Read more");
    2. the text ends with "..." or "…";
    3. it ends mid-sentence: no final punctuation and a lowercase last word or a comma
       (a final capitalised word is a name closing an attribution: "a dit le porte-parole, Baba Cissé").
    """
    if cut_marker is not None:
        return f"truncated: cut marker {cut_marker!r}"
    if not paragraphs:
        return None
    last = paragraphs[-1].rstrip()
    if last.endswith(("...", "…")):
        return "truncated: the text ends with an ellipsis"
    if last and last[-1] not in _FINAL_PUNCT:
        words = re.findall(r"[^\W\d_][\w’'-]*|\d+", last)
        if last[-1] in ",;:-–—(«" or (words and words[-1][0].islower()):
            return "truncated: the text ends mid-sentence"
    return None

"""The clean stage: RawDocument -> Article.

`clean_document` runs, in order:
 1. source text: trafilatura's extracted text for HTML, the content otherwise;
 2. corpus marker: a leading " date YYYY-MM[-DD] " is metadata (removed, used as the date);
 3. encoding repair (repair.repair_encoding): mojibake, then characters lost to "?";
 4. lines: boilerplate patterns (boilerplate.find_boilerplate), then lines repeated within
    `duplicate_line_window` lines (the later copy goes);
 5. title (metadata, else a short first line), subheadings, truncation, date, language;
 6. the article text: title, subheadings and paragraphs separated by a blank line, with an
    OffsetMap back to the source text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from recoupe.clean.boilerplate import find_boilerplate
from recoupe.clean.language import detect_language
from recoupe.clean.metadata import (
    CORPUS_MARKER,
    find_dateline,
    looks_like_subheading,
    looks_like_title,
    parse_date,
    truncation_reason,
)
from recoupe.clean.offsets import CharMap, TextBuilder
from recoupe.clean.repair import repair_encoding
from recoupe.model import Article, CleaningReport, PartialDate, RawDocument, Removal, Repair, Span
from recoupe.settings import CleanSettings

__all__ = ["clean_document"]

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass
class _Line:
    """A kept line: ranges of the repaired text (more than one after an inline removal)."""

    ranges: list[tuple[int, int]]
    text: str


@dataclass
class _Work:
    source: str
    removals: list[Removal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    field_sources: dict[str, str] = field(default_factory=dict)
    cut_marker: str | None = None


def _source_text(doc: RawDocument, work_notes: list[str], max_chars: int) -> str:
    if doc.format == "html":
        if doc.extracted_text is None:
            work_notes.append("html document without extracted text: nothing to clean")
            return ""
        text = doc.extracted_text
    else:
        text = doc.content
    if len(text) > max_chars:
        # A 50 MB "article" is a dump, not an article: clean its start and say so.
        cut = text.rfind("\n", 0, max_chars)
        cut = cut if cut > max_chars // 2 else max_chars
        work_notes.append(f"text of {len(text):,} characters: cleaned on its first {cut:,} (setting [clean] max_chars)")
        return text[:cut]
    return text


def _remove(work: _Work, chars: CharMap, start: int, end: int, reason: str) -> None:
    raw_start, raw_end = chars.raw_span(start, end)
    work.removals.append(Removal(raw_start, raw_end, work.source[raw_start:raw_end], reason))


def _strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lines(work: _Work, chars: CharMap) -> list[_Line]:
    """Non-empty lines with boilerplate removed (step 4, first half)."""
    kept: list[_Line] = []
    for m in re.finditer(r"[^\n]+", chars.text):
        start, end = _strip_range(chars.text, m.start(), m.end())
        if start == end:
            continue
        ranges = [(start, end)]
        hit = find_boilerplate(chars.text[start:end])
        if hit is not None:
            a, b = start + hit.start, start + hit.end
            _remove(work, chars, a, b, hit.reason)
            if hit.scope == "cut" and work.cut_marker is None:
                work.cut_marker = chars.text[a:b]
            ranges = [r for r in (_strip_range(chars.text, start, a), _strip_range(chars.text, b, end)) if r[1] > r[0]]
        if ranges:
            kept.append(_Line(ranges, " ".join(chars.text[a:b] for a, b in ranges)))
    return kept


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _drop_duplicates(work: _Work, chars: CharMap, lines: list[_Line], window: int) -> list[_Line]:
    """Step 4, second half: a line equal to one of the `window` lines before it is removed."""
    kept: list[_Line] = []
    kept_normal: list[str] = []
    for line in lines:
        normal = _normal(line.text)
        if window > 0 and normal in kept_normal[-window:]:
            for a, b in line.ranges:
                _remove(work, chars, a, b, "duplicate-line")
            continue
        kept.append(line)
        kept_normal.append(normal)
    return kept


def _published(doc: RawDocument, work: _Work, marker_date: str | None, first_lines: list[str]) -> PartialDate | None:
    """1. metadata date, 2. corpus marker, 3. a dateline in the first lines."""
    for key in ("published", "date"):
        value = doc.metadata.get(key)
        if value:
            date = parse_date(value)
            if date is not None:
                work.field_sources["published"] = f"metadata:{doc.metadata_sources.get(key, key)}"
                return date
            work.notes.append(f"metadata date {value!r} could not be read")
    if marker_date:
        work.field_sources["published"] = "corpus-marker"
        return PartialDate.parse(marker_date)
    hit = find_dateline(first_lines)
    if hit is not None:
        work.field_sources["published"] = "dateline"
        return hit.date
    return None


def _title(doc: RawDocument, work: _Work, lines: list[_Line]) -> tuple[str | None, bool]:
    """(title, whether it is the first kept line). 1. metadata title, 2. a short first line."""
    meta = (doc.metadata.get("title") or "").strip()
    if meta:
        work.field_sources["title"] = f"metadata:{doc.metadata_sources.get('title', 'title')}"
        same = bool(lines) and _normal(lines[0].text).rstrip(".") == _normal(meta).rstrip(".")
        return meta, same
    if lines and looks_like_title(lines[0].text, len(lines) > 1):
        work.field_sources["title"] = "first-line"
        return lines[0].text, True
    return None, False


def _merged_intervals(removals: list[Removal]) -> tuple[list[int], list[int]]:
    """The removed raw ranges as sorted, disjoint [start, end) intervals (starts, ends)."""
    starts: list[int] = []
    ends: list[int] = []
    for rm in sorted(removals, key=lambda r: r.raw_start):
        if rm.raw_end <= rm.raw_start:
            continue
        if ends and rm.raw_start <= ends[-1]:
            ends[-1] = max(ends[-1], rm.raw_end)
        else:
            starts.append(rm.raw_start)
            ends.append(rm.raw_end)
    return starts, ends


def _kept_repairs(repairs: tuple[Repair, ...], removals: list[Removal], shift: int) -> tuple[Repair, ...]:
    """The repairs (shifted to source offsets) whose start lies in no removed range."""
    starts, ends = _merged_intervals(removals)
    kept: list[Repair] = []
    for r in repairs:
        raw_start = r.raw_start + shift
        k = bisect.bisect_right(starts, raw_start) - 1
        if k >= 0 and raw_start < ends[k]:
            continue
        kept.append(Repair(raw_start, r.raw_end + shift, r.raw, r.clean, r.reason))
    return tuple(kept)


def clean_document(doc: RawDocument, settings: CleanSettings) -> Article:
    """Clean one raw document into an Article (pure; see the module doc for the steps)."""
    notes: list[str] = []
    source = _source_text(doc, notes, settings.max_chars)
    work = _Work(source=source, notes=notes)
    marker = CORPUS_MARKER.match(source)
    shift = marker.end() if marker else 0
    if marker:
        work.removals.append(Removal(0, shift, source[:shift], "corpus-marker"))
    repaired = repair_encoding(source[shift:])
    chars = CharMap.from_segments(repaired.text, repaired.segments, shift)
    first_lines = [ln.strip() for ln in repaired.text.splitlines() if ln.strip()]
    lines = _drop_duplicates(work, chars, _lines(work, chars), settings.duplicate_line_window)
    published = _published(doc, work, marker.group(1) if marker else None, first_lines)
    title, title_is_first = _title(doc, work, lines)
    body = lines[1:] if title_is_first else lines
    builder = TextBuilder()
    paragraphs: list[Span] = []
    title_span: Span | None = None
    if title is not None:
        start = builder.length
        if title_is_first:
            for a, b in lines[0].ranges:
                builder.append_range(chars, a, b)
        else:
            anchor = chars.raw_start[body[0].ranges[0][0]] if body else shift
            builder.append_synthetic(title, anchor, anchor)
        title_span = Span(start, builder.length)
        paragraphs.append(title_span)
    subheadings: list[Span] = []
    for index, line in enumerate(body):
        if builder.length:
            prev_end = builder.ends[-1]
            builder.append_synthetic(PARAGRAPH_SEPARATOR, prev_end, max(prev_end, chars.raw_start[line.ranges[0][0]]))
        start = builder.length
        for k, (a, b) in enumerate(line.ranges):
            if k:
                builder.append_synthetic(" ", chars.raw_end[a - 1], chars.raw_start[a])
            builder.append_range(chars, a, b)
        span = Span(start, builder.length)
        paragraphs.append(span)
        if index > 0 and looks_like_subheading(line.text, settings.subheading_max_chars, index < len(body) - 1):
            subheadings.append(span)
    if subheadings:
        work.field_sources["subheadings"] = "short-line"
    text = builder.text()
    body_text = [line.text for line in body]
    truncated_why = truncation_reason(body_text, work.cut_marker)
    if truncated_why:
        work.notes.append(truncated_why)
    if not text.strip():
        work.notes.append("empty after cleaning: no text left")
    guess = detect_language("\n".join(body_text) or text, settings.min_language_confidence)
    if guess.best is not None:
        work.field_sources["lang"] = "lingua"
    if guess.lang is None and guess.best is not None:
        work.notes.append(
            f"language unsure: {guess.best} at {guess.confidence:.2f} < {settings.min_language_confidence}"
        )
    url = doc.metadata.get("url") or doc.provenance.url
    if url:
        work.field_sources["url"] = "metadata:url" if doc.metadata.get("url") else "provenance"
    report = CleaningReport(
        removed=tuple(sorted(work.removals, key=lambda r: r.raw_start)),
        repairs=_kept_repairs(repaired.repairs, work.removals, shift),
        offset_map=builder.offset_map(),
        source_text=source,
        notes=tuple(work.notes),
        field_sources=dict(work.field_sources),
    )
    return Article(
        id=Article.make_id(doc.id),
        raw_id=doc.id,
        outlet=doc.outlet or doc.metadata.get("outlet"),
        url=url,
        title=title,
        text=text,
        paragraphs=tuple(paragraphs),
        lang=guess.lang,
        lang_confidence=guess.confidence,
        published=published,
        truncated=truncated_why is not None,
        report=report,
        title_span=title_span,
        subheadings=tuple(subheadings),
    )

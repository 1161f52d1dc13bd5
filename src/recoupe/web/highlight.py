"""Highlighted HTML of a text from spans, built server-side with every piece escaped.

Spans may overlap (an entity inside a quote inside a claim): the text is cut at every
span boundary and each piece carries the classes of all spans covering it. Each span's
start also gets an empty anchor `id="span-START-END"` so evidence links land on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from recoupe.model import Analysis, Article

__all__ = ["Mark", "HighlightedText", "highlight", "analysis_marks", "raw_marks", "KINDS"]

KINDS = ("entity", "figure", "quote", "attribution", "claim")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # one of KINDS, or "evidence", "removed", "repaired"
    title: str = ""


@dataclass(frozen=True)
class HighlightedText:
    html: Markup
    shown_chars: int
    total_chars: int
    counts: dict[str, int]

    @property
    def cut(self) -> bool:
        return self.shown_chars < self.total_chars


def analysis_marks(analysis: Analysis | None) -> list[Mark]:
    if analysis is None:
        return []
    marks = [Mark(m.span.start, m.span.end, "entity", m.entity_id) for m in analysis.mentions]
    marks += [Mark(f.span.start, f.span.end, "figure", f.kind) for f in analysis.figures]
    marks += [Mark(q.span.start, q.span.end, "quote", q.speaker.name if q.speaker else "") for q in analysis.quotes]
    marks += [Mark(a.span.start, a.span.end, "attribution", a.source) for a in analysis.attributions]
    marks += [Mark(c.span.start, c.span.end, "claim", c.modality) for c in analysis.claims]
    return marks


def raw_marks(article: Article) -> list[Mark]:
    """What cleaning removed and repaired, in raw offsets of `article.report.source_text`."""
    marks = [Mark(r.raw_start, r.raw_end, "removed", r.reason) for r in article.report.removed]
    marks += [Mark(r.raw_start, r.raw_end, "repaired", f"{r.reason}: {r.clean}") for r in article.report.repairs]
    return marks


def _pieces(text: str, marks: Sequence[Mark]) -> Iterable[tuple[int, int, tuple[Mark, ...], tuple[Mark, ...]]]:
    """(start, end, marks covering, marks starting here) for each piece between boundaries."""
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
    active: list[Mark] = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        active = [m for m in active if m.end > left] + starting.get(left, [])
        yield left, right, tuple(active), tuple(starting.get(left, ()))


def highlight(text: str, marks: Iterable[Mark], *, limit: int) -> HighlightedText:
    """The text (its first `limit` characters) as escaped HTML with a <span> per marked piece."""
    shown = text[:limit]
    kept = [m for m in marks if 0 <= m.start < m.end and m.start < len(shown)]
    kept = [Mark(m.start, min(m.end, len(shown)), m.kind, m.title) for m in kept]
    counts: dict[str, int] = {}
    for mark in kept:
        counts[mark.kind] = counts.get(mark.kind, 0) + 1
    out: list[str] = []
    anchors: set[str] = set()
    for left, right, active, starting in _pieces(shown, kept):
        for mark in starting:
            anchor = f"span-{mark.start}-{mark.end}"
            if anchor not in anchors:
                anchors.add(anchor)
                out.append(f'<span class="anchor" id="{anchor}"></span>')
        piece = escape(shown[left:right])
        if not active:
            out.append(str(piece))
            continue
        kinds = sorted({m.kind for m in active})
        classes = " ".join(f"k-{k}" for k in kinds)
        title = "; ".join(dict.fromkeys(f"{m.kind}: {m.title}" if m.title else m.kind for m in active))
        out.append(f'<span class="hl {classes}" data-s="{left}" data-e="{right}" title="{escape(title)}">'
                   f"{piece}</span>")
    return HighlightedText(Markup("".join(out)), len(shown), len(text), counts)

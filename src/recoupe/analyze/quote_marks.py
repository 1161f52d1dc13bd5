"""Pairing quote marks on the raw text, before any sentence splitting.

spaCy's French sentence splitter cuts inside « » (NOTES.md), so quoted spans are
found on the characters first. Written by hand because no library pairs French
guillemets that come reversed, unbalanced, or continued across paragraphs.

Cascade, per mark, left to right:
 1. Direction from the glyph («, “, „, ‹ open; », ”, › close), overridden by the spacing
    when it is unambiguous: » glued to the next word after a space opens (reversed
    guillemets, seed 001: « qu' »aucune … coopération« . »), and so does » right after an
    elision ("qu’» aucune"); « glued to the previous word and followed by a space or
    punctuation closes, and so does « between a space and a stop ("spoliée «."). A straight " reads from its spacing.
 2. A mark of another family inside an open quote is a nested quote: part of the outer one.
 3. A closing mark of the open family closes it. An opening mark of the same family
    while a quote is open closes the first one there (its closer is missing).
 4. An open quote that reaches the end of its paragraph continues when the next paragraph
    opens with « or » (the French convention for a quote over several paragraphs),
    otherwise it closes at the paragraph end, flagged `closed=False`.
 5. A closing mark with no open quote is an orphan: quotes.py may open it at the start
    of the text after the previous quote, when a speech cue follows.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from recoupe.model import Span

__all__ = ["MarkedQuote", "pair_quote_marks", "trim_span"]

_FAMILIES = {"«": "g", "»": "g", "“": "c", "”": "c", "„": "c", "‹": "a", "›": "a", '"': "s"}
_OPENERS = {"«", "“", "„", "‹"}
_SPACES = " \t\u00a0\u202f\u2009"
_GLUE_BEFORE = " \t\u00a0\u202f\u2009\n(['’"  # what may stand before an opening mark


@dataclass(frozen=True)
class MarkedQuote:
    """Quoted words between marks: `span` excludes the marks; `open_at`/`close_at` are the marks."""

    span: Span
    open_at: int | None  # None for an orphan closing mark (no opener found)
    close_at: int | None  # None when the closer is missing
    closed: bool
    continued_at: tuple[int, ...] = ()  # continuation marks opening later paragraphs


def trim_span(text: str, start: int, end: int, strip: str = "") -> Span:
    """`[start, end)` without surrounding white space (NBSP included) and the `strip` characters."""
    chars = _SPACES + "\n" + strip
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return Span(start, end)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _direction(text: str, i: int, allowed: set[str]) -> str:
    """'open' or 'close' for the mark at i (cascade steps 1)."""
    ch = text[i]
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if ch == '"':
        if before in _GLUE_BEFORE and not after.isspace():
            return "open"
        return "close"
    default = "open" if ch in _OPENERS else "close"
    if ch == "»" and before in _GLUE_BEFORE and _is_word(after) and "«" in allowed:
        return "open"
    if ch == "»" and before in "'’" and "«" in allowed:
        return "open"  # an elision never ends a quote: "qu’» aucune …"
    if ch == "«" and before in _SPACES and after in ".,;:!?":
        return "close"  # "… spoliée «." reversed closer before the final stop
    if ch == "”" and before in _GLUE_BEFORE and _is_word(after):
        return "open"
    if ch in "«“" and (_is_word(before) or before in ".!?…,") and (after in _SPACES + "\n.,;:!?)"):
        return "close"
    return default


class _Pairer:
    def __init__(self, text: str, marks: set[str], continuation: frozenset[str]) -> None:
        self.text = text
        self.marks = marks
        self.continuation = continuation
        self.found: list[MarkedQuote] = []
        self.orphans: list[int] = []
        self.open_at: int | None = None
        self.family = ""
        self.continued: list[int] = []
        self.nested: dict[str, int] = {}
        self.breaks = [i for i, ch in enumerate(text) if ch == "\n"]

    def paragraph_end(self, pos: int) -> int:
        at = bisect.bisect_left(self.breaks, pos)
        return self.breaks[at] if at < len(self.breaks) else len(self.text)

    def emit(self, close_at: int | None, end: int) -> None:
        assert self.open_at is not None
        span = trim_span(self.text, self.open_at + 1, end)
        self.found.append(MarkedQuote(span, self.open_at, close_at, close_at is not None, tuple(self.continued)))
        self.open_at, self.family, self.continued, self.nested = None, "", [], {}

    def starts_paragraph(self, pos: int) -> bool:
        at = bisect.bisect_left(self.breaks, pos)
        line_start = self.breaks[at - 1] + 1 if at else 0
        return not self.text[line_start:pos].strip()

    def feed(self, i: int) -> None:
        ch = self.text[i]
        if self.open_at is not None:
            end = self.paragraph_end(self.continued[-1] if self.continued else self.open_at)
            if i > end:
                if ch in self.continuation and self.starts_paragraph(i):
                    self.continued.append(i)  # step 4: the quote goes on in this paragraph
                    return
                self.emit(None, end)
        direction = _direction(self.text, i, self.marks)
        family = _FAMILIES[ch]
        if self.open_at is None:
            if direction == "open":
                self.open_at, self.family = i, family
            else:
                self.orphans.append(i)
            return
        if family != self.family:  # step 2: a nested quote of another family
            return
        if direction == "close":
            self.emit(i, i)
        else:  # step 3: a new opener while open: the first quote lost its closer
            self.emit(None, i)
            self.open_at, self.family = i, family

    def finish(self) -> None:
        if self.open_at is not None:
            self.emit(None, self.paragraph_end(self.continued[-1] if self.continued else self.open_at))


def pair_quote_marks(
    text: str, pairs: tuple[tuple[str, str], ...], continuation: frozenset[str]
) -> tuple[list[MarkedQuote], list[int]]:
    """Quoted spans and the positions of orphan closing marks, in text order."""
    marks = {m for pair in pairs for m in pair}
    pairer = _Pairer(text, marks, continuation)
    for i, ch in enumerate(text):
        if ch in marks:
            pairer.feed(i)
    pairer.finish()
    return pairer.found, pairer.orphans

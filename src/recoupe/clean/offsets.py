"""A cleaned text built piece by piece, each character remembering the raw span it came from."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from recoupe.model import OffsetMap, Segment

__all__ = ["CharMap", "TextBuilder"]


@dataclass(frozen=True)
class CharMap:
    """A text and, per character, the raw [start, end) it came from and a block id (-1: 1:1 char)."""

    text: str
    raw_start: tuple[int, ...]
    raw_end: tuple[int, ...]
    block: tuple[int, ...]
    # Sorted offsets where a source segment starts or ends: a run of the map can only change there.
    # None (a map built by hand): every offset may be one.
    boundaries: tuple[int, ...] | None = None

    @classmethod
    def from_segments(cls, text: str, segments: tuple[Segment, ...], shift: int, first_block: int = 0) -> CharMap:
        starts, ends, blocks = [0] * len(text), [0] * len(text), [-1] * len(text)
        block_id = first_block
        boundaries: set[int] = set()
        for seg in segments:
            a, b = seg.clean_start, seg.clean_end
            boundaries.update((a, b))
            if b - a == seg.raw_end - seg.raw_start:  # one to one: consecutive raw characters
                raw = shift + seg.raw_start
                starts[a:b] = range(raw, raw + b - a)
                ends[a:b] = range(raw + 1, raw + 1 + b - a)
            else:  # every character stands for the whole raw span, as one block
                starts[a:b] = [shift + seg.raw_start] * (b - a)
                ends[a:b] = [shift + seg.raw_end] * (b - a)
                blocks[a:b] = [block_id] * (b - a)
                block_id += 1
        return cls(text, tuple(starts), tuple(ends), tuple(blocks), tuple(sorted(boundaries)))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) of the text range [start, end) (end > start)."""
        return self.raw_start[start], self.raw_end[end - 1]


@dataclass
class TextBuilder:
    """Appends ranges of a CharMap and synthetic text; yields the text and its OffsetMap."""

    parts: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    # Offsets where a segment may start (append starts, source boundaries): offset_map tests only these.
    candidates: list[int] = field(default_factory=list)
    next_block: int = 1_000_000  # ids above those of the source CharMap

    @property
    def length(self) -> int:
        return len(self.starts)

    def append_range(self, source: CharMap, start: int, end: int) -> None:
        base = self.length - start
        self.candidates.append(self.length)
        if source.boundaries is None:
            self.candidates.extend(range(self.length + 1, self.length + end - start))
        else:
            lo, hi = bisect.bisect_right(source.boundaries, start), bisect.bisect_left(source.boundaries, end)
            self.candidates.extend(base + k for k in source.boundaries[lo:hi])
        self.parts.append(source.text[start:end])
        self.starts.extend(source.raw_start[start:end])
        self.ends.extend(source.raw_end[start:end])
        self.blocks.extend(source.block[start:end])

    def append_synthetic(self, text: str, raw_start: int, raw_end: int) -> None:
        """Text that stands for raw [raw_start, raw_end) as one block (a separator, a metadata title)."""
        if not text:
            return
        self.candidates.append(self.length)
        self.parts.append(text)
        self.starts.extend([raw_start] * len(text))
        self.ends.extend([raw_end] * len(text))
        self.blocks.extend([self.next_block] * len(text))
        self.next_block += 1

    def text(self) -> str:
        return "".join(self.parts)

    def offset_map(self) -> OffsetMap:
        """Maximal segments: a run of 1:1 characters with consecutive raw offsets, or one block."""
        starts, ends, blocks = self.starts, self.ends, self.blocks
        n = len(starts)
        if not n:
            return OffsetMap(())
        cuts: list[int] = []
        for k in self.candidates:  # a cut can only fall on a candidate (within a run, nothing changes)
            if 0 < k < n and (not cuts or k > cuts[-1]):
                block = blocks[k]
                if block != blocks[k - 1] or (block == -1 and starts[k] != ends[k - 1]):
                    cuts.append(k)
        segments: list[Segment] = []
        for k, j in zip([0, *cuts], [*cuts, n], strict=True):
            raw_end = ends[j - 1] if blocks[k] == -1 else ends[k]
            segments.append(Segment(k, j, starts[k], raw_end))
        return OffsetMap(tuple(segments))

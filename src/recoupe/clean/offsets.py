"""A cleaned text built piece by piece, each character remembering the raw span it came from."""

from __future__ import annotations

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

    @classmethod
    def from_segments(cls, text: str, segments: tuple[Segment, ...], shift: int, first_block: int = 0) -> CharMap:
        starts, ends, blocks = [0] * len(text), [0] * len(text), [-1] * len(text)
        block_id = first_block
        for seg in segments:
            one_to_one = seg.clean_end - seg.clean_start == seg.raw_end - seg.raw_start
            for k in range(seg.clean_start, seg.clean_end):
                if one_to_one:
                    starts[k] = shift + seg.raw_start + k - seg.clean_start
                    ends[k] = starts[k] + 1
                else:
                    starts[k], ends[k], blocks[k] = shift + seg.raw_start, shift + seg.raw_end, block_id
            if not one_to_one:
                block_id += 1
        return cls(text, tuple(starts), tuple(ends), tuple(blocks))

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
    next_block: int = 1_000_000  # ids above those of the source CharMap

    @property
    def length(self) -> int:
        return len(self.starts)

    def append_range(self, source: CharMap, start: int, end: int) -> None:
        self.parts.append(source.text[start:end])
        self.starts.extend(source.raw_start[start:end])
        self.ends.extend(source.raw_end[start:end])
        self.blocks.extend(source.block[start:end])

    def append_synthetic(self, text: str, raw_start: int, raw_end: int) -> None:
        """Text that stands for raw [raw_start, raw_end) as one block (a separator, a metadata title)."""
        if not text:
            return
        self.parts.append(text)
        self.starts.extend([raw_start] * len(text))
        self.ends.extend([raw_end] * len(text))
        self.blocks.extend([self.next_block] * len(text))
        self.next_block += 1

    def text(self) -> str:
        return "".join(self.parts)

    def offset_map(self) -> OffsetMap:
        segments: list[Segment] = []
        k, n = 0, len(self.starts)
        while k < n:
            j = k + 1
            if self.blocks[k] == -1:
                while j < n and self.blocks[j] == -1 and self.starts[j] == self.ends[j - 1]:
                    j += 1
                segments.append(Segment(k, j, self.starts[k], self.ends[j - 1]))
            else:
                while j < n and self.blocks[j] == self.blocks[k]:
                    j += 1
                segments.append(Segment(k, j, self.starts[k], self.ends[k]))
            k = j
        return OffsetMap(tuple(segments))

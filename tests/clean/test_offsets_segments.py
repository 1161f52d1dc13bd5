"""TextBuilder.offset_map: the same maximal segments whether or not the CharMap knows its boundaries."""

from __future__ import annotations

import dataclasses
import random

from recoupe.clean.offsets import CharMap, TextBuilder
from recoupe.model import Segment


def _random_segments(rng: random.Random) -> tuple[str, tuple[Segment, ...]]:
    """Contiguous segments over a text: 1:1 runs, replacements of other lengths and deletions."""
    segments: list[Segment] = []
    clean = raw = 0
    for _ in range(rng.randint(1, 30)):
        kind = rng.choice(("same", "same", "longer", "shorter", "deleted"))
        n = rng.randint(1, 6)
        clean_n, raw_n = {"same": (n, n), "longer": (n + 1, n), "shorter": (n, n + 2), "deleted": (0, n)}[kind]
        segments.append(Segment(clean, clean + clean_n, raw, raw + raw_n))
        clean, raw = clean + clean_n, raw + raw_n
    return "".join(rng.choice("abcdé ?") for _ in range(clean)), tuple(segments)


def _build(chars: CharMap, rng: random.Random) -> TextBuilder:
    builder = TextBuilder()
    n = len(chars.text)
    cuts = sorted(rng.sample(range(n + 1), min(n + 1, rng.randint(2, 8))))
    for k, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)):
        if b > a and rng.random() < 0.8:
            builder.append_range(chars, a, b)
        if k % 3 == 2:
            builder.append_synthetic("\n\n", b, b)
    return builder


def test_offset_map_same_with_or_without_boundaries() -> None:
    rng = random.Random(11)
    checked = 0
    for trial in range(400):
        text, segments = _random_segments(rng)
        if not text:
            continue
        known = CharMap.from_segments(text, segments, shift=trial % 5)
        assert known.boundaries is not None
        by_hand = dataclasses.replace(known, boundaries=None)  # every offset is a candidate
        seed = rng.random()
        fast, slow = _build(known, random.Random(seed)), _build(by_hand, random.Random(seed))
        assert fast.text() == slow.text()
        assert fast.offset_map() == slow.offset_map()
        checked += len(fast.offset_map().segments)
    assert checked > 1000


def test_offset_map_merges_consecutive_one_to_one_segments() -> None:
    # two 1:1 source segments that continue each other are one output segment; a replacement is its own
    chars = CharMap.from_segments("abcdXef", (Segment(0, 2, 0, 2), Segment(2, 4, 2, 4), Segment(4, 5, 4, 7),
                                              Segment(5, 7, 7, 9)), shift=10)
    builder = TextBuilder()
    builder.append_range(chars, 0, 7)
    assert builder.offset_map().segments == (Segment(0, 4, 10, 14), Segment(4, 5, 14, 17), Segment(5, 7, 17, 19))

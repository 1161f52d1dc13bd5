"""Near-duplicate copies (syndication): the same dispatch reprinted with other chrome.

Cascade, per new article (in date order):
1. Only existing articles published within copy_window_days of the new batch's dates
   are indexed (undated ones pass): the work per batch is bounded by the window.
2. Candidates: MinHash LSH over the word 5-gram shingles of the body (title left
   out: reprints change it; shingles stay within a paragraph, and short lines, page
   chrome, are left out: text.paragraph_shingles) of the new and the windowed existing articles, at a low
   Jaccard threshold (copy_candidate_threshold) so that truncated previews show up;
   each candidate pair must also be within copy_window_days of each other.
3. A candidate is a copy if the estimated Jaccard >= copy_threshold (other chrome,
   small edits), or if the shorter text is estimated to be >= containment_threshold
   contained in the longer (truncated preview, paragraph cut or added) and has at
   least containment_min_words words (short texts share boilerplate sentences).
4. Copy links and the existing groups they touch are merged (union-find; groups no
   link touches are not revisited); a group keeps the id
   of its oldest existing group, a new group takes its canonical article's id.
   Canonical member: earliest published, else the fullest (most words), else the
   smallest id.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
from datasketch import MinHashLSH

from recoupe.group.features import MINHASH_SEED, ArticleFeatures
from recoupe.group.similarity import _ordinal, date_gap_days
from recoupe.model import DupGroup, stable_id
from recoupe.settings import GroupSettings

__all__ = ["assign_copies", "copy_verdict", "CopyVerdict"]

class CopyVerdict:
    """Why two signatures are, or are not, copies (estimated Jaccard and containment)."""

    __slots__ = ("jaccard", "containment", "is_copy")

    def __init__(self, jaccard: float, containment: float, is_copy: bool) -> None:
        self.jaccard = jaccard
        self.containment = containment
        self.is_copy = is_copy


def copy_verdict(
    a: ArticleFeatures,
    b: ArticleFeatures,
    settings: GroupSettings,
    signatures: tuple[np.ndarray, np.ndarray] | None = None,
) -> CopyVerdict:
    """Step 3 of the cascade on one pair (`signatures`: both MinHashes as arrays, when the caller has them)."""
    if not a.minhash or not b.minhash or len(a.minhash) != len(b.minhash):
        return CopyVerdict(0.0, 0.0, False)
    sig_a, sig_b = signatures if signatures is not None else (np.asarray(a.minhash), np.asarray(b.minhash))
    jaccard = float(np.mean(sig_a == sig_b))
    size_a = a.n_shingles or max(1, a.n_words - settings.shingle_size + 1)
    size_b = b.n_shingles or max(1, b.n_words - settings.shingle_size + 1)
    # |A ∩ B| = J (|A| + |B|) / (1 + J); containment of the smaller set in the larger.
    intersection = jaccard * (size_a + size_b) / (1.0 + jaccard)
    containment = min(1.0, intersection / min(size_a, size_b))
    long_enough = min(a.n_words, b.n_words) >= settings.containment_min_words
    is_copy = jaccard >= settings.copy_threshold or (
        long_enough and containment >= settings.containment_threshold
    )
    return CopyVerdict(jaccard, containment, is_copy)


def _canonical_key(f: ArticleFeatures | None, article_id: str) -> tuple[str, int, str]:
    if f is None:
        return ("9999", 0, article_id)
    return (f.published or "9999", -f.n_words, article_id)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@functools.lru_cache(maxsize=8)
def _band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's (bands, rows per band) for this threshold, the ones MinHashLSH would use."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def _band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per (signature, band): the band's rows mixed by fixed odd multipliers.

    Computed with numpy over the whole window at once rather than by datasketch's
    MinHashLSH, whose per-signature Python inserts dominated the grouping time; a key
    collision only proposes a candidate, which copy_verdict then checks."""
    mixers = np.random.default_rng(MINHASH_SEED).integers(1, 2**63, size=rows, dtype=np.uint64) | np.uint64(1)
    used = signatures[:, : bands * rows].reshape(len(signatures), bands, rows)
    with np.errstate(over="ignore"):
        return (used * mixers).sum(axis=2, dtype=np.uint64)


def _in_window(f: ArticleFeatures, low: float | None, high: float | None) -> bool:
    if low is None or high is None or not f.published:
        return True
    day = _ordinal(f.published)
    return low <= day <= high


def _window_pool(
    new: Sequence[ArticleFeatures], existing: Sequence[ArticleFeatures], settings: GroupSettings
) -> tuple[list[ArticleFeatures], int]:
    """The new articles, then the existing ones that can be their copies (step 1); and how many are new."""
    days = [_ordinal(f.published) for f in new if f.published]
    low = min(days) - settings.copy_window_days if days else None
    high = max(days) + settings.copy_window_days if days else None
    if len(days) < len(new):  # an undated new article may copy anything given
        low = high = None
    new_ids = {f.article_id for f in new}
    pool = [f for f in new if len(f.minhash) == settings.minhash_perm]
    n_new = len(pool)
    pool.extend(f for f in existing if f.article_id not in new_ids and len(f.minhash) == settings.minhash_perm
                and _in_window(f, low, high))
    return pool, n_new


def _links(
    new: Sequence[ArticleFeatures], existing: Sequence[ArticleFeatures], settings: GroupSettings
) -> list[tuple[str, str]]:
    """Steps 1-3: (new id, other id) pairs that are copies."""
    pool, n_new = _window_pool(new, existing, settings)
    if not n_new:
        return []
    bands, rows = _band_layout(settings.copy_candidate_threshold, settings.minhash_perm)
    signatures = np.array([f.minhash for f in pool], dtype=np.uint64)
    keys = _band_keys(signatures, bands, rows)
    candidates: set[tuple[int, int]] = set()
    for band in range(bands):
        order = np.argsort(keys[:, band], kind="stable")
        ranked = keys[order, band]
        lows = np.searchsorted(ranked, keys[:n_new, band], side="left")
        highs = np.searchsorted(ranked, keys[:n_new, band], side="right")
        for row in np.nonzero(highs - lows > 1)[0]:
            candidates.update((int(row), int(j)) for j in order[lows[row] : highs[row]] if j != row)
    links = []
    for i, j in sorted(candidates, key=lambda ij: (ij[0], pool[ij[1]].article_id)):
        f, other = pool[i], pool[j]
        gap = date_gap_days(f.published, other.published)
        if gap is not None and gap > settings.copy_window_days:
            continue
        if copy_verdict(f, other, settings, (signatures[i], signatures[j])).is_copy:
            links.append((f.article_id, other.article_id))
    return links


def assign_copies(
    new: Sequence[ArticleFeatures],
    existing: Sequence[ArticleFeatures],
    existing_groups: Sequence[DupGroup],
    settings: GroupSettings,
) -> tuple[DupGroup, ...]:
    """The copy groups that changed or were created by adding `new` (see the module cascade).

    `existing` should hold the features of the articles in the date window of `new`
    (and of the members of `existing_groups`, so canonical members can be re-chosen).
    """
    pool = {f.article_id: f for f in existing}
    pool.update({f.article_id: f for f in new})
    links = _links(new, existing, settings)
    if not links:
        return ()
    group_of = {member: group for group in existing_groups for member in group.members}
    uf = _UnionFind()
    for a, b in links:
        uf.union(a, b)
    for article_id in list(uf.parent):  # the existing groups a link touches join whole
        group = group_of.get(article_id)
        if group is not None:
            for member in group.members:
                uf.union(group.members[0], member)
    new_ids = {f.article_id for f in new}
    by_id = {g.id: g for g in existing_groups}
    components: dict[str, set[str]] = {}
    for article_id in list(uf.parent):
        components.setdefault(uf.find(article_id), set()).add(article_id)
    changed = []
    for members in components.values():
        if len(members) < 2 or not members & new_ids:
            continue
        group = _build_group(members, pool, group_of)
        old = by_id.get(group.id)
        if old is None or (old.members, old.canonical_id, old.id) != (group.members, group.canonical_id, group.id):
            changed.append(group)
    return tuple(sorted(changed, key=lambda g: g.id))


def _build_group(members: set[str], pool: dict[str, ArticleFeatures], group_of: dict[str, DupGroup]) -> DupGroup:
    ordered = sorted(members, key=lambda m: _canonical_key(pool.get(m), m))
    old_groups = {group_of[m].id: group_of[m] for m in members if m in group_of}
    if old_groups:
        oldest = min(old_groups.values(), key=lambda g: (_canonical_key(pool.get(g.canonical_id), g.canonical_id), g.id))
        group_id = oldest.id
    else:
        group_id = stable_id("d", ordered[0])
    return DupGroup(id=group_id, canonical_id=ordered[0], members=tuple(ordered))

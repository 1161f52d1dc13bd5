"""Near-duplicate copies (syndication): the same dispatch reprinted with other chrome.

Cascade, per new article (in date order):
1. Candidates: MinHash LSH over the word 5-gram shingles of the body (title left
   out: reprints change it) of the new and the given existing articles, at a low
   Jaccard threshold (copy_candidate_threshold) so that truncated previews show up.
2. Only candidates published within copy_window_days are kept (undated ones pass).
3. A candidate is a copy if the estimated Jaccard >= copy_threshold (other chrome,
   small edits), or if the shorter text is estimated to be >= containment_threshold
   contained in the longer (truncated preview, paragraph cut or added) and has at
   least containment_min_words words (short texts share boilerplate sentences).
4. Copy links and the existing groups are merged (union-find); a group keeps the id
   of its oldest existing group, a new group takes its canonical article's id.
   Canonical member: earliest published, else the fullest (most words), else the
   smallest id.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from recoupe.group.features import MINHASH_SEED, ArticleFeatures
from recoupe.group.similarity import date_gap_days
from recoupe.model import DupGroup, stable_id
from recoupe.settings import GroupSettings

__all__ = ["assign_copies", "copy_verdict", "CopyVerdict"]

_SCHEME = "affine32"  # datasketch's default MinHash hashing scheme (features.minhash_of)


class CopyVerdict:
    """Why two signatures are, or are not, copies (estimated Jaccard and containment)."""

    __slots__ = ("jaccard", "containment", "is_copy")

    def __init__(self, jaccard: float, containment: float, is_copy: bool) -> None:
        self.jaccard = jaccard
        self.containment = containment
        self.is_copy = is_copy


def copy_verdict(a: ArticleFeatures, b: ArticleFeatures, settings: GroupSettings) -> CopyVerdict:
    """Steps 3 of the cascade on one pair."""
    if not a.minhash or not b.minhash or len(a.minhash) != len(b.minhash):
        return CopyVerdict(0.0, 0.0, False)
    jaccard = float(np.mean(np.asarray(a.minhash) == np.asarray(b.minhash)))
    size_a = max(1, a.n_words - settings.shingle_size + 1)
    size_b = max(1, b.n_words - settings.shingle_size + 1)
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


def _links(
    new: Sequence[ArticleFeatures], pool: dict[str, ArticleFeatures], settings: GroupSettings
) -> list[tuple[str, str]]:
    lsh = MinHashLSH(threshold=settings.copy_candidate_threshold, num_perm=settings.minhash_perm)
    for article_id, f in pool.items():
        if len(f.minhash) == settings.minhash_perm:
            lsh.insert(article_id, LeanMinHash(seed=MINHASH_SEED, hashvalues=f.minhash, scheme=_SCHEME))
    links = []
    for f in new:
        if len(f.minhash) != settings.minhash_perm:
            continue
        sketch = LeanMinHash(seed=MINHASH_SEED, hashvalues=f.minhash, scheme=_SCHEME)
        for other_id in sorted(lsh.query(sketch)):
            if other_id == f.article_id:
                continue
            other = pool[other_id]
            gap = date_gap_days(f.published, other.published)
            if gap is not None and gap > settings.copy_window_days:
                continue
            if copy_verdict(f, other, settings).is_copy:
                links.append((f.article_id, other_id))
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
    ordered_new = sorted(new, key=lambda f: _canonical_key(f, f.article_id))
    uf = _UnionFind()
    group_of: dict[str, DupGroup] = {}
    for group in existing_groups:
        for member in group.members:
            group_of[member] = group
            uf.union(group.members[0], member)
    for a, b in _links(ordered_new, pool, settings):
        uf.union(a, b)
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

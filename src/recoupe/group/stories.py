"""Stories: the articles of any outlet and language about one event, clustered incrementally.

Cascade, per new article taken in date order (undated last), never recomputing the corpus:
1. Already a member of a story: skipped (re-running changes nothing).
2. A copy (dup group) of an article already in a story joins that story.
3. Candidate stories: those sharing a key (a canonical entity id or one of the
   member's top terms) with the article, and whose date range, widened by
   story_window_days, holds the article's date (undated stories and articles pass);
   the MAX_CANDIDATES sharing the most keys.
4. Score against a candidate: the mean of the story_members_compared best
   similarities to its members (more robust than the single best member, cheaper
   and date-aware unlike a centroid). Similarity already damps date gaps, so two
   events with the same actors months apart stay apart.
5. The best candidate at or above story_threshold takes the article; otherwise the
   article starts a story whose id derives from its own id (stable as the story grows).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from recoupe.group.features import ArticleFeatures
from recoupe.group.similarity import _ordinal, scored_pair
from recoupe.model import DupGroup, Story, stable_id
from recoupe.settings import GroupSettings

__all__ = ["assign_stories", "story_label"]

INDEX_TERMS = 8  # top terms per article used as candidate keys
MEMBERS_SCANNED = 40  # members of a big story compared with a new article (first + most recent)
KEY_ENTITIES = 5
MAX_CANDIDATES = 30  # stories sharing the most keys; bounds the cost when a key is everywhere ("mali")


@dataclass
class _Draft:
    """A story while it grows during one call."""

    id: str
    members: list[str]
    first_seen: float | None = None
    last_seen: float | None = None
    changed: bool = False
    keys: set[str] = field(default_factory=set)


def _keys(f: ArticleFeatures) -> set[str]:
    return {f"e:{e}" for e in f.entity_ids} | {f"t:{t}" for t, _ in f.top_terms[:INDEX_TERMS]}


def _order_key(f: ArticleFeatures) -> tuple[str, str]:
    return (f.published or "9999", f.article_id)


class _Index:
    def __init__(self, features_of: Mapping[str, ArticleFeatures]) -> None:
        self.features_of = features_of
        self.drafts: dict[str, _Draft] = {}
        self.by_key: dict[str, set[str]] = {}
        self.story_of: dict[str, str] = {}
        self.vectors: dict[str, np.ndarray] = {}

    def vector(self, f: ArticleFeatures) -> np.ndarray:
        """The embedding as an array, converted once per article and call."""
        found = self.vectors.get(f.article_id)
        if found is None:
            found = self.vectors[f.article_id] = np.asarray(f.embedding, dtype=np.float64)
        return found

    def add_member(self, draft: _Draft, article_id: str) -> None:
        draft.members.append(article_id)
        self.story_of[article_id] = draft.id
        f = self.features_of.get(article_id)
        if f is None:
            return
        if f.published:
            day = _ordinal(f.published)
            draft.first_seen = day if draft.first_seen is None else min(draft.first_seen, day)
            draft.last_seen = day if draft.last_seen is None else max(draft.last_seen, day)
        for key in _keys(f) - draft.keys:
            draft.keys.add(key)
            self.by_key.setdefault(key, set()).add(draft.id)

    def candidates(self, f: ArticleFeatures, window: int) -> list[_Draft]:
        """Stories in the date window sharing the most keys with `f` (at most MAX_CANDIDATES)."""
        shared: Counter[str] = Counter()
        for key in _keys(f):
            shared.update(self.by_key.get(key, ()))
        day = _ordinal(f.published) if f.published else None
        found = []
        for story_id, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
            draft = self.drafts[story_id]
            if day is not None and draft.first_seen is not None and draft.last_seen is not None and (
                day < draft.first_seen - window or day > draft.last_seen + window
            ):
                continue
            found.append(draft)
            if len(found) >= MAX_CANDIDATES:
                break
        return found


def _story_score(f: ArticleFeatures, draft: _Draft, index: _Index, settings: GroupSettings) -> float:
    members = draft.members
    if len(members) > MEMBERS_SCANNED:
        members = members[:1] + members[-(MEMBERS_SCANNED - 1) :]
    vector = index.vector(f)
    terms = dict(f.top_terms)
    scores = sorted(
        (
            scored_pair(f, index.features_of[m], settings, (vector, index.vector(index.features_of[m])), terms).score
            for m in members
            if m in index.features_of
        ),
        reverse=True,
    )
    top = scores[: max(1, settings.story_members_compared)]
    return sum(top) / len(top) if top else 0.0


def _copy_story(f: ArticleFeatures, copies: Mapping[str, DupGroup], index: _Index) -> str | None:
    group = copies.get(f.article_id)
    if group is None:
        return None
    for member in group.members:
        if member != f.article_id and member in index.story_of:
            return index.story_of[member]
    return None


def assign_stories(
    new: Sequence[ArticleFeatures],
    existing_stories: Sequence[Story],
    features_of: Mapping[str, ArticleFeatures],
    dup_groups: Sequence[DupGroup],
    settings: GroupSettings,
) -> tuple[Story, ...]:
    """The stories that changed or were created by adding `new` (see the module cascade).

    `features_of` must hold the features of the members of `existing_stories`
    (the caller passes the stories of the date window) and may hold the new ones.
    """
    lookup = dict(features_of)
    lookup.update({f.article_id: f for f in new})
    index = _Index(lookup)
    for story in existing_stories:
        draft = _Draft(id=story.id, members=[])
        index.drafts[story.id] = draft
        for member in story.members:
            index.add_member(draft, member)
    copies = {m: g for g in dup_groups for m in g.members}
    for f in sorted(new, key=_order_key):
        if f.article_id in index.story_of:
            continue
        target = _copy_story(f, copies, index)
        if target is None:
            best = (0.0, "")
            for draft in index.candidates(f, settings.story_window_days):
                score = _story_score(f, draft, index, settings)
                if score > best[0] or (score == best[0] and draft.id < best[1]):
                    best = (score, draft.id)
            if best[1] and best[0] >= settings.story_threshold:
                target = best[1]
        if target is None:
            target = stable_id("s", f.article_id)
            index.drafts[target] = _Draft(id=target, members=[])
        draft = index.drafts[target]
        draft.changed = True
        index.add_member(draft, f.article_id)
    return tuple(_to_story(d, lookup) for d in sorted(index.drafts.values(), key=lambda d: d.id) if d.changed)


def story_label(members: Sequence[ArticleFeatures], first_seen: str | None, last_seen: str | None) -> str:
    """A label a person reads: the first report's title (else the first title found), and the dates."""
    title = next((m.title for m in members if m.title), None)
    if title is None:
        terms = Counter(t for m in members for t, _ in m.top_terms[:5])
        title = " / ".join(t for t, _ in terms.most_common(4)) or "(no title or text)"
    if first_seen and last_seen and first_seen != last_seen:
        return f"{title} ({first_seen} – {last_seen})"
    return f"{title} ({first_seen})" if first_seen else title


def _to_story(draft: _Draft, lookup: Mapping[str, ArticleFeatures]) -> Story:
    known = sorted((lookup[m] for m in draft.members if m in lookup), key=_order_key)
    unknown = sorted(m for m in draft.members if m not in lookup)
    members = tuple(f.article_id for f in known) + tuple(unknown)
    dates = [f.published for f in known if f.published]
    first_seen = min(dates) if dates else None
    last_seen = max(dates) if dates else None
    entities = Counter(e for f in known for e in f.entity_ids)
    return Story(
        id=draft.id,
        label=story_label(known, first_seen, last_seen),
        members=members,
        first_seen=first_seen,
        last_seen=last_seen,
        outlets=tuple(sorted({f.outlet for f in known if f.outlet})),
        languages=tuple(sorted({f.lang for f in known if f.lang})),
        key_entities=tuple(e for e, _ in sorted(entities.items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_ENTITIES]),
        first_report=known[0].article_id if known else (members[0] if members else None),
    )

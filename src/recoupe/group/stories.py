"""Stories: the articles of any outlet and language about one event, clustered incrementally.

Cascade, per new article taken in date order (undated last), never recomputing the corpus:
1. Already a member of a story: skipped (re-running changes nothing).
2. A copy (dup group) of an article already in a story joins that story.
3. Candidate stories: those sharing a key (a canonical entity id or one of the
   top terms) with the article: a stored story is keyed by its key entities and the
   keys of its first and latest members, a story growing in this call by each new member; and whose date range, widened by
   story_window_days, holds the article's date (undated stories and articles pass);
   the MAX_CANDIDATES sharing the most keys. A key shared by many stories ("mali")
   contributes only its KEY_POSTINGS_SCANNED most recent stories.
4. A story is represented by a bounded sample of its members: the first report and
   the MEMBERS_SAMPLED - 1 most recent (long-running stories do not cost more as they
   grow). One matrix product gives the embedding cosine of the article with every
   sampled member of every candidate; the STORIES_SCORED stories with the closest
   member are scored in full.
5. Score against a story: the mean of the story_members_compared best full
   similarities among its members closest by embedding (more robust than the single
   best member, date-aware unlike a centroid). Similarity already damps date gaps, so
   two events with the same actors months apart stay apart.
6. The best story at or above story_threshold takes the article; otherwise the
   article starts a story whose id derives from its own id (stable as the story grows).

A changed story that only gained later members is updated from its stored record
(members appended, dates, outlets, languages widened); its key entities are counted
over its sample, so no call reads every member of a long story.
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

__all__ = ["assign_stories", "story_label", "sampled_members"]

INDEX_TERMS = 8  # top terms per article used as candidate keys
MEMBERS_SAMPLED = 24  # members standing for a story: the first report + the most recent
KEY_ENTITIES = 5
MAX_CANDIDATES = 30  # stories sharing the most keys
KEY_POSTINGS_SCANNED = 200  # most recent stories read from one key: a key everywhere costs no more
STORIES_SCORED = 4  # candidates scored in full: those with the member closest by embedding
EXTRA_MEMBERS_SCORED = 1  # members scored in full per story beyond story_members_compared


@dataclass
class _Draft:
    """A story while it grows during one call."""

    id: str
    old: Story | None = None
    added: list[str] = field(default_factory=list)
    sample: list[str] = field(default_factory=list)  # first report + most recent members
    first_seen: float | None = None
    last_seen: float | None = None
    changed: bool = False
    keys: set[tuple[str, str]] = field(default_factory=set)  # ("e", entity id) or ("t", term)
    matrices: dict[tuple[str, int], tuple[list[str], np.ndarray]] = field(default_factory=dict)


def _keys(f: ArticleFeatures) -> set[tuple[str, str]]:
    return {("e", e) for e in f.entity_ids} | {("t", t) for t, _ in f.top_terms[:INDEX_TERMS]}


def _order_key(f: ArticleFeatures) -> tuple[str, str]:
    return (f.published or "9999", f.article_id)


def _sample_of(members: Sequence[str]) -> list[str]:
    if len(members) <= MEMBERS_SAMPLED:
        return list(members)
    return [members[0], *members[len(members) - MEMBERS_SAMPLED + 1 :]]


def sampled_members(story: Story) -> list[str]:
    """The members whose features `assign_stories` reads for a stored story (first report + most recent).

    A caller reading features back from a store needs only these, not every member of a long story."""
    return _sample_of(story.members)


class _Index:
    def __init__(self, features_of: Mapping[str, ArticleFeatures]) -> None:
        self.features_of = features_of
        self.drafts: dict[str, _Draft] = {}
        self.postings: dict[tuple[str, str], list[str]] = {}
        self.story_of: dict[str, str] = {}  # only the articles this call asks about
        self.vectors: dict[str, np.ndarray] = {}

    def vector(self, f: ArticleFeatures) -> np.ndarray | None:
        """The embedding as an array, converted once per article and call."""
        if not f.embedding:
            return None
        found = self.vectors.get(f.article_id)
        if found is None:
            found = self.vectors[f.article_id] = np.asarray(f.embedding, dtype=np.float64)
        return found

    def add_story(self, story: Story, asked: set[str]) -> None:
        """Index a stored story by its sample; note which of the `asked` ids it holds (in C, not per member)."""
        draft = _Draft(id=story.id, old=story, sample=_sample_of(story.members))
        self.drafts[story.id] = draft
        for article_id in asked.intersection(story.members):
            self.story_of[article_id] = story.id
        draft.first_seen = _ordinal(story.first_seen) if story.first_seen else None
        draft.last_seen = _ordinal(story.last_seen) if story.last_seen else None
        keys = {("e", e) for e in story.key_entities}
        for member in {draft.sample[0], draft.sample[-1]} if draft.sample else ():  # bounded build per story
            f = self.features_of.get(member)
            if f is not None:
                keys |= _keys(f)
        self._add_keys(draft, keys)

    def _add_keys(self, draft: _Draft, keys: set[tuple[str, str]]) -> None:
        postings = self.postings
        for key in keys - draft.keys:
            found = postings.get(key)
            if found is None:
                postings[key] = [draft.id]
            else:
                found.append(draft.id)
        draft.keys |= keys

    def add_member(self, draft: _Draft, article_id: str) -> None:
        draft.added.append(article_id)
        draft.sample = _sample_of([*draft.sample, article_id])
        draft.matrices.clear()
        self.story_of[article_id] = draft.id
        f = self.features_of.get(article_id)
        if f is None:
            return
        if f.published:
            day = _ordinal(f.published)
            draft.first_seen = day if draft.first_seen is None else min(draft.first_seen, day)
            draft.last_seen = day if draft.last_seen is None else max(draft.last_seen, day)
        self._add_keys(draft, _keys(f))

    def candidates(self, f: ArticleFeatures, window: int) -> list[_Draft]:
        """Step 3: stories in the date window sharing the most keys with `f` (at most MAX_CANDIDATES)."""
        shared: Counter[str] = Counter()
        for key in sorted(_keys(f)):  # sorted: ties keep one order whatever the hash seed
            shared.update(self.postings.get(key, ())[-KEY_POSTINGS_SCANNED:])
        day = _ordinal(f.published) if f.published else None
        found = []
        for story_id, _ in shared.most_common():
            draft = self.drafts[story_id]
            if day is not None and draft.first_seen is not None and draft.last_seen is not None and (
                day < draft.first_seen - window or day > draft.last_seen + window
            ):
                continue
            found.append(draft)
            if len(found) >= MAX_CANDIDATES:
                break
        return found

    def matrix(self, draft: _Draft, f: ArticleFeatures) -> tuple[list[str], np.ndarray]:
        """The sampled members whose embeddings compare with `f`'s, and those embeddings as rows."""
        shape = (f.embedder, len(f.embedding))
        found = draft.matrices.get(shape)
        if found is None:
            ids, rows = [], []
            for member in draft.sample:
                other = self.features_of.get(member)
                vector = self.vector(other) if other is not None else None
                if other is not None and vector is not None and (other.embedder, len(other.embedding)) == shape:
                    ids.append(member)
                    rows.append(vector)
            matrix = np.vstack(rows) if rows else np.zeros((0, shape[1]))
            found = draft.matrices[shape] = (ids, matrix)
        return found


def _members_to_score(
    f: ArticleFeatures, drafts: list[_Draft], index: _Index, per_story: int
) -> list[tuple[_Draft, list[str]]]:
    """Step 4: the STORIES_SCORED drafts with the closest sampled member, each with its closest members."""
    vector = index.vector(f)
    if vector is None:  # no text: fall back to the key ranking and the whole samples
        return [(d, [m for m in d.sample if m in index.features_of]) for d in drafts[:STORIES_SCORED]]
    matrices = [index.matrix(d, f) for d in drafts]
    sizes = np.array([len(ids) for ids, _ in matrices])
    best = np.full(len(drafts), -2.0)
    cosines = np.zeros(0)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(int) if len(sizes) else sizes
    if sizes.sum():
        cosines = np.vstack([m for ids, m in matrices if ids]) @ vector
        filled = sizes > 0
        best[filled] = np.maximum.reduceat(cosines, starts[filled])
    chosen = []
    for i in np.argsort(-best, kind="stable")[:STORIES_SCORED]:
        draft, (ids, _) = drafts[i], matrices[i]
        sims = cosines[starts[i] : starts[i] + sizes[i]] if sizes[i] else np.zeros(0)
        closest = [ids[j] for j in np.argsort(-sims, kind="stable")[:per_story]]
        others = [m for m in draft.sample if m not in ids and m in index.features_of]  # other embedders
        chosen.append((draft, closest + others[:per_story]))
    return chosen


def _story_score(f: ArticleFeatures, members: list[str], index: _Index, settings: GroupSettings) -> float:
    """Step 5: mean of the story_members_compared best full similarities."""
    vector = index.vector(f)
    terms = dict(f.top_terms)
    scores = []
    for m in members:
        other = index.features_of[m]
        other_vector = index.vector(other)
        vectors = (vector, other_vector) if vector is not None and other_vector is not None else None
        scores.append(scored_pair(f, other, settings, vectors, terms).score)
    top = sorted(scores, reverse=True)[: max(1, settings.story_members_compared)]
    return sum(top) / len(top) if top else 0.0


def _best_story(f: ArticleFeatures, index: _Index, settings: GroupSettings) -> str | None:
    drafts = index.candidates(f, settings.story_window_days)
    per_story = max(1, settings.story_members_compared) + EXTRA_MEMBERS_SCORED
    best = (0.0, "")
    for draft, members in _members_to_score(f, drafts, index, per_story):
        score = _story_score(f, members, index, settings)
        if score > best[0] or (score == best[0] and draft.id < best[1]):
            best = (score, draft.id)
    return best[1] if best[1] and best[0] >= settings.story_threshold else None


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

    `features_of` must hold the features of the members of `existing_stories` (the
    caller passes the stories of the date window); only the first and most recent
    members of each are read, and the last one of each story that changes.
    """
    lookup = dict(features_of)
    lookup.update({f.article_id: f for f in new})
    new_ids = {f.article_id for f in new}
    copies = {m: g for g in dup_groups if not new_ids.isdisjoint(g.members) for m in g.members}
    index = _Index(lookup)
    asked = new_ids | set(copies)
    for story in existing_stories:
        index.add_story(story, asked)
    for f in sorted(new, key=_order_key):
        if f.article_id in index.story_of:
            continue
        target = _copy_story(f, copies, index) or _best_story(f, index, settings)
        if target is None:
            target = stable_id("s", f.article_id)
            index.drafts[target] = _Draft(id=target)
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


def _appended(draft: _Draft, lookup: Mapping[str, ArticleFeatures]) -> list[ArticleFeatures] | None:
    """The added members in order, if they all come after the stored story's last member; else None."""
    old = draft.old
    if old is None or not old.members or old.members[-1] not in lookup:
        return None
    added = [lookup[m] for m in draft.added if m in lookup]
    if len(added) < len(draft.added):
        return None
    added.sort(key=_order_key)
    if added and _order_key(added[0]) < _order_key(lookup[old.members[-1]]):
        return None
    return added


def _to_story(draft: _Draft, lookup: Mapping[str, ArticleFeatures]) -> Story:
    added = _appended(draft, lookup)
    if added is None or draft.old is None:  # a new story, or members to re-sort: read them all
        members_of = list(draft.old.members) if draft.old is not None else []
        members_of += draft.added
        known = sorted((lookup[m] for m in members_of if m in lookup), key=_order_key)
        unknown = sorted(m for m in members_of if m not in lookup)
        members = tuple(f.article_id for f in known) + tuple(unknown)
        dates = [f.published for f in known if f.published]
        outlets = {f.outlet for f in known if f.outlet}
        languages = {f.lang for f in known if f.lang}
        first_report = known[0].article_id if known else (members[0] if members else None)
    else:
        old = draft.old
        members = old.members + tuple(f.article_id for f in added)
        dates = [d for d in (old.first_seen, old.last_seen) if d] + [f.published for f in added if f.published]
        outlets = set(old.outlets) | {f.outlet for f in added if f.outlet}
        languages = set(old.languages) | {f.lang for f in added if f.lang}
        first_report = old.first_report or members[0]
    sample = [lookup[m] for m in _sample_of(members) if m in lookup]
    first_seen = min(dates) if dates else None
    last_seen = max(dates) if dates else None
    entities = Counter(e for f in sample for e in f.entity_ids)
    return Story(
        id=draft.id,
        label=story_label(sample, first_seen, last_seen),
        members=members,
        first_seen=first_seen,
        last_seen=last_seen,
        outlets=tuple(sorted(outlets)),
        languages=tuple(sorted(languages)),
        key_entities=tuple(e for e, _ in sorted(entities.items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_ENTITIES]),
        first_report=first_report,
    )

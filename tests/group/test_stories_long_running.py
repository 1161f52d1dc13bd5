"""Bounded work per batch: long stories are represented by a sample, copies are searched in a window."""

from __future__ import annotations

import datetime

import numpy as np

from recoupe.group import ArticleFeatures, assign_copies, assign_stories
from recoupe.group.stories import MEMBERS_SAMPLED, sampled_members
from recoupe.model import Story
from recoupe.settings import GroupSettings

SETTINGS = GroupSettings()
EMBEDDER = "e5-small-original-passage"
DIM = 16


def _unit(v: np.ndarray) -> tuple[float, ...]:
    return tuple(float(x) for x in v / np.linalg.norm(v))


def _article(article_id: str, day: int, direction: np.ndarray, rng: np.random.Generator, **extra) -> ArticleFeatures:
    terms = [("sahel", 0.6), ("convoi", 0.5), ("attaque", 0.4), (f"mot{day}", 0.48)]
    return ArticleFeatures(
        article_id=article_id,
        lang="fr",
        published=(datetime.date(2024, 1, 1) + datetime.timedelta(days=day)).isoformat(),
        outlet=f"outlet{day % 7}",
        title=f"Titre {article_id}",
        n_words=400,
        minhash=tuple(int(x) for x in rng.integers(0, 2**32, SETTINGS.minhash_perm)),
        embedding=_unit(direction + 0.05 * rng.normal(size=DIM)),
        entity_ids=("jnim", "mali"),
        top_terms=tuple(terms),
        embedder=EMBEDDER,
        **extra,
    )


def _long_story(rng: np.random.Generator, n: int) -> tuple[Story, dict[str, ArticleFeatures]]:
    """A story covered every day for `n` days whose subject drifts: its latest members are far from its first."""
    start, end = rng.normal(size=DIM), rng.normal(size=DIM)
    feats = {}
    for day in range(n):
        t = day / (n - 1)
        f = _article(f"a{day:04d}", day, (1 - t) * start + t * end, rng)
        feats[f.article_id] = f
    stories = assign_stories(list(feats.values()), [], feats, [], SETTINGS)
    assert len(stories) == 1, "the drifting coverage forms one story day after day"
    return stories[0], feats


def test_stories_long_story_is_joined_by_an_article_close_to_its_latest_members():
    rng = np.random.default_rng(3)
    story, feats = _long_story(rng, 120)
    latest = feats[story.members[-1]]
    newcomer = _article("new", 120, np.asarray(latest.embedding), rng)
    changed = assign_stories([newcomer], [story], feats, [], SETTINGS)
    assert [s.id for s in changed] == [story.id]
    grown = changed[0]
    assert grown.members == story.members + ("new",)
    assert grown.first_report == story.first_report == "a0000"
    assert grown.first_seen == story.first_seen and grown.last_seen == newcomer.published
    assert grown.key_entities[:2] == ("jnim", "mali")


def test_stories_only_the_sampled_members_are_needed():
    rng = np.random.default_rng(4)
    story, feats = _long_story(rng, 120)
    needed = sampled_members(story)
    assert len(needed) == MEMBERS_SAMPLED
    assert needed[0] == story.members[0] and needed[-1] == story.members[-1]
    newcomer = _article("new", 120, np.asarray(feats[story.members[-1]].embedding), rng)
    sampled = {m: feats[m] for m in needed}
    with_all = assign_stories([newcomer], [story], feats, [], SETTINGS)
    with_sample = assign_stories([newcomer], [story], sampled, [], SETTINGS)
    assert with_all == with_sample


def test_copies_found_among_many_in_the_window_and_old_groups_left_alone():
    rng = np.random.default_rng(5)
    direction = rng.normal(size=DIM)
    window = [_article(f"w{i:05d}", 10 + i % 20, direction, rng) for i in range(3000)]
    source = window[1234]
    signature = np.array(source.minhash, dtype=np.uint64)
    signature[rng.random(len(signature)) < 0.1] = 7  # a reprint: ~90 % of the MinHash agrees
    reprint = _article("reprint", 25, direction, rng)
    reprint = ArticleFeatures(**{**reprint.__dict__, "minhash": tuple(int(x) for x in signature)})
    unrelated_group = assign_copies([window[0], ArticleFeatures(**{**window[0].__dict__, "article_id": "w-copy"})],
                                    [], [], SETTINGS)
    groups = assign_copies([reprint], window, unrelated_group, SETTINGS)
    assert [set(g.members) for g in groups] == [{source.article_id, "reprint"}]

from __future__ import annotations

from dataclasses import replace

from group_fixtures import fixture_features

from recoupe.group import assign_copies, assign_stories, similarity
from recoupe.model import Story
from recoupe.settings import GroupSettings

SETTINGS = GroupSettings()
DEAL = {"dispatch", "reprint", "cut", "preview", "own-report", "english"}


def _story_of(stories, article_id):
    return next(s for s in stories if article_id in s.members)


def _merge(current: dict[str, Story], changed) -> dict[str, Story]:
    return current | {s.id: s for s in changed}


def test_stories_one_event_in_several_outlets_is_one_story():
    feats = fixture_features()
    stories = assign_stories(list(feats.values()), [], feats, [], SETTINGS)
    deal = _story_of(stories, "dispatch")
    assert set(deal.members) == DEAL
    assert deal.first_report == "dispatch"  # earliest; ties broken by id
    assert deal.first_seen == "2024-09-14" and deal.last_seen == "2024-09-16"
    assert deal.languages == ("en", "fr")
    assert "Wagner" in deal.label and "2024-09-14" in deal.label
    assert deal.key_entities[:2] == ("groupe-wagner", "mali")
    assert {"Le Sahel Quotidien", "West Africa Wire"} <= set(deal.outlets)


def test_stories_lookalike_event_with_same_actors_stays_apart():
    feats = fixture_features()
    stories = assign_stories(list(feats.values()), [], feats, [], SETTINGS)
    assert _story_of(stories, "arrival").members == ("arrival",)
    assert _story_of(stories, "floods").members == ("floods",)
    # even three weeks after the deal, the arrival of troops is another event
    closer = replace(feats["arrival"], published="2024-10-05")
    assert similarity(feats["dispatch"], closer).score < SETTINGS.story_threshold
    assert similarity(feats["dispatch"], closer).entities_shared == ("assimi-goita", "groupe-wagner", "mali")


def test_stories_one_by_one_equals_all_at_once():
    feats = fixture_features()
    ordered = sorted(feats.values(), key=lambda f: (f.published or "9999", f.article_id))
    at_once = assign_stories(ordered, [], feats, [], SETTINGS)
    current: dict[str, Story] = {}
    for f in ordered:
        current = _merge(current, assign_stories([f], list(current.values()), feats, [], SETTINGS))
    assert sorted(at_once, key=lambda s: s.id) == sorted(current.values(), key=lambda s: s.id)


def test_stories_rerun_changes_nothing():
    feats = fixture_features()
    stories = assign_stories(list(feats.values()), [], feats, [], SETTINGS)
    assert assign_stories(list(feats.values()), stories, feats, [], SETTINGS) == ()


def test_stories_story_id_is_stable_as_it_grows():
    feats = fixture_features()
    first = assign_stories([feats["dispatch"]], [], feats, [], SETTINGS)
    grown = assign_stories([feats["english"], feats["own-report"]], list(first), feats, [], SETTINGS)
    assert len(grown) == 1 and grown[0].id == first[0].id
    assert set(grown[0].members) == {"dispatch", "english", "own-report"}


def test_stories_copy_follows_its_dup_group():
    feats = fixture_features()
    groups = assign_copies([feats["dispatch"], feats["preview"]], [], [], SETTINGS)
    first = assign_stories([feats["dispatch"]], [], feats, groups, SETTINGS)
    strict = replace(SETTINGS, story_threshold=0.999)  # similarity alone would not join
    joined = assign_stories([feats["preview"]], list(first), feats, groups, strict)
    assert joined[0].id == first[0].id and "preview" in joined[0].members


def test_stories_article_without_text_date_or_language_gets_its_own_story_with_notes():
    feats = fixture_features()
    empty = feats["empty"]
    assert {n.split(":")[0] for n in empty.notes} == {"no text", "no date", "unknown language"}
    stories = assign_stories([empty], [], feats, [], SETTINGS)
    assert stories[0].members == ("empty",) and stories[0].first_seen is None


def test_stories_undated_article_joins_on_content():
    feats = fixture_features()
    undated = replace(feats["own-report"], published=None)
    first = assign_stories([feats["dispatch"]], [], feats, [], SETTINGS)
    joined = assign_stories([undated], list(first), feats | {undated.article_id: undated}, [], SETTINGS)
    assert joined[0].id == first[0].id

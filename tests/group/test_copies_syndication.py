from __future__ import annotations

from group_fixtures import fixture_features

from recoupe.group import assign_copies, copy_verdict
from recoupe.model import DupGroup
from recoupe.settings import GroupSettings

SETTINGS = GroupSettings()


def _groups(feats, ids):
    return assign_copies([feats[i] for i in ids], [], [], SETTINGS)


def test_copies_reprint_cut_and_preview_join_the_dispatch_group():
    feats = fixture_features()
    groups = _groups(feats, ["dispatch", "reprint", "cut", "preview", "own-report", "english", "floods"])
    assert len(groups) == 1
    group = groups[0]
    assert set(group.members) == {"dispatch", "reprint", "cut", "preview"}
    # earliest first, then the fullest: "reprint" has one more line than "dispatch" on the same day
    assert group.canonical_id == "reprint"
    assert group.members[0] == group.canonical_id


def test_copies_verdict_explains_jaccard_and_containment():
    feats = fixture_features()
    reprint = copy_verdict(feats["dispatch"], feats["reprint"], SETTINGS)
    assert reprint.is_copy and reprint.jaccard >= 0.8
    preview = copy_verdict(feats["dispatch"], feats["preview"], SETTINGS)
    assert preview.is_copy and preview.jaccard < 0.5 and preview.containment >= 0.8
    own = copy_verdict(feats["dispatch"], feats["own-report"], SETTINGS)
    assert not own.is_copy


def test_copies_same_story_different_articles_are_not_copies():
    feats = fixture_features()
    assert _groups(feats, ["dispatch", "own-report", "english", "arrival"]) == ()


def test_copies_incremental_keeps_group_id_and_reports_only_changes():
    feats = fixture_features()
    first = assign_copies([feats["dispatch"], feats["preview"]], [], [], SETTINGS)
    assert len(first) == 1
    group = first[0]
    second = assign_copies([feats["cut"]], [feats["dispatch"], feats["preview"]], first, SETTINGS)
    assert len(second) == 1 and second[0].id == group.id
    assert set(second[0].members) == {"dispatch", "preview", "cut"}
    # nothing new: nothing changes
    again = assign_copies([feats["cut"]], [feats["dispatch"], feats["preview"], feats["cut"]], second, SETTINGS)
    assert again == ()


def test_copies_outside_the_date_window_are_not_linked():
    from dataclasses import replace

    feats = fixture_features()
    late = replace(feats["reprint"], published="2025-03-01")
    assert assign_copies([late], [feats["dispatch"]], [], SETTINGS) == ()


def test_copies_article_without_text_is_never_a_copy():
    feats = fixture_features()
    assert feats["empty"].minhash == ()
    assert any("no text" in n for n in feats["empty"].notes)
    assert assign_copies([feats["empty"]], [feats["dispatch"]], [], SETTINGS) == ()


def test_copies_merging_two_existing_groups_keeps_the_oldest_id():
    feats = fixture_features()
    g1 = DupGroup(id="d-old", canonical_id="dispatch", members=("dispatch", "preview"))
    g2 = DupGroup(id="d-later", canonical_id="cut", members=("cut",))
    out = assign_copies([feats["reprint"]], [feats["dispatch"], feats["preview"], feats["cut"]], [g1, g2], SETTINGS)
    assert len(out) == 1 and out[0].id == "d-old"
    assert set(out[0].members) == {"dispatch", "preview", "cut", "reprint"}

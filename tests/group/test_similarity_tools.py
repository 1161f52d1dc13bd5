from __future__ import annotations

import json
import pickle

import pytest
from group_fixtures import fixture_articles, fixture_features, load_specs

from recoupe.group import ArticleFeatures, E5Embedder, HashingEmbedder, explain, score_pairs, similarity
from recoupe.model import from_dict, to_dict
from recoupe.settings import GroupSettings


def test_similarity_features_roundtrip_json_and_pickle():
    f = fixture_features()["dispatch"]
    assert from_dict(ArticleFeatures, json.loads(json.dumps(to_dict(f)))) == f
    assert pickle.loads(pickle.dumps(f)) == f
    assert f.figure_keys == ("count:1000:paramilitaires", "money:6e+09:XOF")
    assert len(f.minhash) == 128 and abs(sum(x * x for x in f.embedding) - 1) < 1e-3


def test_similarity_explanation_parts():
    feats = fixture_features()
    same = similarity(feats["dispatch"], feats["own-report"])
    other = similarity(feats["dispatch"], feats["floods"])
    assert same.score > 0.5 > other.score
    assert "groupe-wagner" in same.entities_shared and other.entities_shared == ()
    assert "count:1000:paramilitaires" in same.figures_shared
    assert same.date_gap_days == 2.0
    assert 0.0 <= other.score <= 1.0


def test_similarity_explain_shows_shared_passages():
    feats, arts = fixture_features(), fixture_articles()
    out = explain(feats["dispatch"], feats["cut"], arts["dispatch"], arts["cut"])
    assert any("rémunération mensuelle de 6 milliards de francs CFA" in p for p in out["passages"])
    assert out["score"] >= 0.9 and "mali" in out["entities_shared"]
    json.dumps(out)


def test_similarity_score_pairs_streams_ids_and_scores():
    specs = load_specs()
    text = {k: " ".join(s["paragraphs"]) for k, s in specs.items()}
    rows = [
        {"id": "p1", "text1": text["dispatch"], "text2": text["own-report"], "lang1": "fr", "lang2": "fr"},
        {"id": "p2", "text1": text["dispatch"], "text2": text["floods"], "lang1": "fr", "lang2": "fr"},
        {"id": "p3", "text1": "", "text2": text["floods"], "lang1": None, "lang2": "fr"},
    ]
    out = list(score_pairs(iter(rows), HashingEmbedder(), GroupSettings(), batch_size=2))
    assert [r["id"] for r in out] == ["p1", "p2", "p3"]
    assert out[0]["score"] > out[1]["score"]
    assert all(0.0 <= r["score"] <= 1.0 for r in out)


@pytest.mark.slow
def test_similarity_e5_french_english_pair_is_one_story():
    from recoupe.group import assign_stories

    settings = GroupSettings()
    feats = fixture_features(E5Embedder(), settings)
    fr_en = similarity(feats["own-report"], feats["english"], settings)
    unrelated = similarity(feats["english"], feats["floods"], settings)
    assert feats["english"].embedder.endswith("+lc")  # language-centred vectors
    assert fr_en.embedding is not None and fr_en.embedding > 0.5
    assert unrelated.embedding is not None and unrelated.embedding < 0.3
    assert fr_en.score > settings.story_threshold > unrelated.score
    pair = [feats["own-report"], feats["english"], feats["floods"]]
    stories = assign_stories(pair, [], feats, [], settings)
    together = next(s for s in stories if "english" in s.members)
    assert set(together.members) == {"own-report", "english"}

"""eval/semeval.py: the fit behind the shipped similarity weights, and their consistency with the settings."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from recoupe.group.embed import CENTRED_SUFFIX
from recoupe.group.similarity import load_weights
from recoupe.settings import GroupSettings, load_settings


@pytest.fixture(scope="module")
def semeval(repo_dir: Path):
    spec = importlib.util.spec_from_file_location("semeval_script", repo_dir / "eval" / "semeval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["semeval_script"] = module
    spec.loader.exec_module(module)
    return module


def test_semeval_logistic_fit_recovers_known_weights(semeval):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4000, 2))
    truth = np.array([-0.5, 2.0, -1.0])
    p = 1 / (1 + np.exp(-(truth[0] + x @ truth[1:])))
    y = (rng.random(4000) < p).astype(float)
    fitted = semeval.fit_logistic(x, y)
    assert np.allclose(fitted, truth, atol=0.2)
    soft = semeval.fit_logistic(x, p)  # a soft target in [0, 1] is fitted too (fractional logit)
    assert np.allclose(soft, truth, atol=0.05)


def test_semeval_tfidf_baseline_orders_pairs(semeval):
    pairs = [
        {"text1": "Les pluies ont inondé Bamako mardi", "text2": "Les pluies ont inondé Bamako mardi"},
        {"text1": "Franc CFA recule face au dollar", "text2": "Wagner quitte le nord du Mali"},
        {"text1": "Inondations meurtrières à Bamako", "text2": "Bamako sous les eaux après les pluies"},
    ]
    cos = semeval._tfidf_cosines(pairs)
    assert cos[0] == pytest.approx(1.0) and cos[1] == pytest.approx(0.0) and 0.0 < cos[2] < 1.0


def test_semeval_shipped_weights_match_the_embedding_input_length():
    """The weights of the language-centred vectors the grouping computes now were fitted on
    embeddings of the input length it uses (the plain entry serves features stored before)."""
    settings = GroupSettings()
    assert load_settings().group.embed_chars == settings.embed_chars
    current = {name: model for name, model in load_weights(settings.similarity_weights)["embedders"].items()
               if name.endswith(CENTRED_SUFFIX)}
    assert current
    for model in current.values():
        assert model["embed_chars"] == settings.embed_chars
        assert model["coef"]["embedding"] > 0 and min(model["coef"].values()) >= -10  # sane signs


def test_semeval_nonnegative_fit_drops_a_collinear_overlap_that_went_negative(semeval):
    rng = np.random.default_rng(5)
    signal = rng.normal(size=3000)
    echo = signal + 0.05 * rng.normal(size=3000)  # nearly the same regressor
    x = np.column_stack([signal, echo])
    y = (rng.random(3000) < 1 / (1 + np.exp(-(2.0 * signal - 0.3 * echo)))).astype(float)
    free = semeval.fit_logistic(x, y)
    assert free[2] < 0
    kept = semeval.fit_nonnegative(x, y, ["embedding", "lexical_same"])
    assert kept[2] == 0.0 and kept[1] > 0


def test_semeval_folds_keep_articles_that_share_a_text_together(semeval):
    pairs = [{"text1": "a", "text2": "b"}, {"text1": "b", "text2": "c"}, {"text1": "d", "text2": "e"}]
    folds = semeval.article_folds(pairs, folds=3)
    assert folds[0] == folds[1]


def test_semeval_bootstrap_interval_brackets_the_pearson_and_narrows_with_more_pairs(semeval):
    rng = np.random.default_rng(5)
    human = rng.random(2000)
    scores = human + rng.normal(scale=0.3, size=2000)
    small = semeval.bootstrap_interval(scores[:56], human[:56], draws=500)
    large = semeval.bootstrap_interval(scores, human, draws=500)
    assert small[0] < np.corrcoef(scores[:56], human[:56])[0, 1] < small[1]
    assert large[0] < np.corrcoef(scores, human)[0, 1] < large[1]
    assert large[1] - large[0] < small[1] - small[0]


def test_semeval_folds_keep_one_article_in_one_fold_across_its_translations(semeval):
    """The sample holds some articles twice under different texts (another fetch or machine
    translation): the article id in pair_id keeps them out of train and test at once."""
    pairs = [
        {"pair_id": "111fr_222fr", "text1": "Incendie à Liège", "text2": "Feu dans un immeuble liégeois"},
        {"pair_id": "111_222", "text1": "Un incendie à Liège", "text2": "Le feu ravage un immeuble à Liège"},
        {"pair_id": "222_333", "text1": "Feu dans un immeuble liégeois", "text2": "Grève à la SNCB"},
    ] + [{"pair_id": f"{n}_{n + 1}", "text1": f"texte {n}", "text2": f"texte {n + 1}"} for n in range(500, 540, 2)]
    folds = semeval.article_folds(pairs)
    assert folds[0] == folds[1] == folds[2]
    assert len(set(folds.tolist())) == semeval.FOLDS


def test_semeval_paired_difference_sees_a_small_real_gain_that_separate_intervals_hide(semeval):
    rng = np.random.default_rng(7)
    human = rng.random(1200)
    noise = rng.normal(scale=0.3, size=1200)
    old = human + noise
    new = human + 0.9 * noise  # the same errors, slightly smaller: a real but small gain
    low, high = semeval.paired_bootstrap_difference(new, old, human, draws=500)
    assert 0 < low < high
    separate_old = semeval.bootstrap_interval(old, human, draws=500)
    separate_new = semeval.bootstrap_interval(new, human, draws=500)
    assert separate_new[0] < separate_old[1]  # the separate intervals overlap


def test_semeval_residual_correlations_name_the_subscore_the_score_misses(semeval):
    rng = np.random.default_rng(9)
    n = 400
    narrative = rng.integers(1, 5, n).astype(float)
    time = rng.integers(1, 5, n).astype(float)
    human = ((4 - narrative) / 3 + (4 - time) / 3) / 2
    scores = (4 - narrative) / 3  # knows the narrative, not the time
    pairs = [{"Narrative": str(a), "Time": str(b)} for a, b in zip(narrative, time, strict=True)]
    found = semeval.residual_correlations(scores, human, pairs)
    assert set(found) == {"Narrative", "Time"}
    assert found["Time"] > 0.5 > found["Narrative"]

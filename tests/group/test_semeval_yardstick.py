"""eval/semeval.py: the fit behind the shipped similarity weights, and their consistency with the settings."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

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
    """The weights were fitted on embeddings of the same input length the grouping computes."""
    settings = GroupSettings()
    assert load_settings().group.embed_chars == settings.embed_chars
    for model in load_weights(settings.similarity_weights)["embedders"].values():
        assert model["embed_chars"] == settings.embed_chars

"""Language centring of the embeddings: the shipped language means are subtracted and the
rows renormalised; an embedder without shipped means is left alone."""

from __future__ import annotations

import numpy as np

from recoupe.group.embed import ANY_LANGUAGE, CENTRED_SUFFIX, _centroids, language_centred
from recoupe.settings import GroupSettings

E5 = "e5-small-original-passage"


def test_embed_language_centred_subtracts_the_language_mean() -> None:
    weights = GroupSettings().similarity_weights
    means = _centroids(weights, E5)
    assert {"fr", "en", ANY_LANGUAGE} <= set(means)
    rng = np.random.default_rng(0)
    rows = rng.normal(size=(3, 384))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    centred, name = language_centred(rows, ["fr", "EN", None], E5, weights)
    assert name == E5 + CENTRED_SUFFIX
    assert np.allclose(np.linalg.norm(centred, axis=1), 1.0)
    for row, original, lang in zip(centred, rows, ["fr", "en", ANY_LANGUAGE], strict=True):
        expected = original - means[lang]
        assert np.allclose(row, expected / np.linalg.norm(expected))


def test_embed_language_centred_leaves_unknown_embedders_alone() -> None:
    rows = np.eye(2, 8)
    same, name = language_centred(rows, ["fr", "en"], "hashing-256", GroupSettings().similarity_weights)
    assert name == "hashing-256" and np.array_equal(same, rows)

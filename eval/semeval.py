"""Score recoupe's article similarity on the SemEval-2022 task 8 sample.

    python eval/semeval.py [PATH/pairs.csv] [--fit] [--chars N] [--cache DIR]

Reports the Pearson correlation of our score with the human judgement
(similarity = (4 - Overall) / 3, so 1 = same story) overall, on fr-fr, en-en and
cross-language pairs, next to a plain word TF-IDF cosine computed on the same
texts. The weights of the score are fitted by logistic regression on
"same story" (Overall <= 2), overlap weights kept >= 0 (fit_nonnegative), on the language-centred embedding cosine (the mean
vector of each language subtracted: recoupe.group.embed.language_centred). The
numbers reported as `cv` come from 10-fold cross-validation grouped by article
(pairs that share an article, by text or by the article id in pair_id, fall in one fold, so no
article is in train and test; the
language means, too, are computed on the training folds only); `shipped` uses the
weights file in the package (fitted on all pairs: in-sample); `recoupe_cv_95pct_bootstrap`
gives each subset's percentile bootstrap interval of the cv Pearson (fr-fr has 56 pairs: wide).
`--fit` rewrites that
file (weights and language means). Embeddings are cached (one .npy per embedder and
input length). `residual_vs_subscores` says what the score misses: the Pearson of the cv
residual (human - ours) with each human sub-score (Geography, Entities, Time, Narrative,
Style, Tone, as similarities); `paired_bootstrap_difference` is the test to judge a change
with (both scorings on the same resampled pairs: much narrower than two separate intervals).

Tried on this sample and not shipped (grouped 10-fold cv, vs 0.802 overall / 0.764 fr-fr;
every difference inside its paired 95 % interval, which spans about +-0.004 overall and
+-0.02 fr-fr): overlap of proper names (capitalised non-initial tokens, acronyms; set,
log-count or min-overlap cosine, same- and cross-language weights), of numbers, of years,
a year-mismatch flag, title-only and lead-only lexical cosines, a TF-IDF cosine with the
IDF of the training folds, products (embedding x lexical, x names, x cross-language) and
embedding powers, the soft target (fractional logit on the Overall similarity: +0.001 /
+0.003), direct Pearson maximisation (+0.001 / -0.003), linear least squares (-0.009 overall),
the distance of each text to its k nearest training texts (hubness, CSLS), removing the top
principal components or whitening the centred vectors (-0.002 to -0.02), a learned
per-dimension metric (overfits: -0.001 at the strongest ridge), dropping repeated lines
and URL/e-mail lines before embedding (127 texts change: +0.000), and a second vector of
the first 400 characters (+0.000 / +0.008, twice the embedding cost). The lexical
regressors get weights near zero beside the embedding: the e5 cosine already carries what
they know; the residual follows Time (0.28) and Narrative (0.33), which no text overlap
measured here recovers (publication dates, absent here, carry Time in recoupe: the date damping).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from recoupe.group import embed as embed_module
from recoupe.group.embed import ANY_LANGUAGE, CENTRED_SUFFIX, E5Embedder, Embedder, embedding_text
from recoupe.group.features import features_from_text
from recoupe.group.similarity import load_weights, model_inputs, similarity
from recoupe.group.text import cosine_terms, stop_words, words
from recoupe.settings import GroupSettings

__all__ = [
    "run_semeval",
    "load_pairs",
    "fit_logistic",
    "fit_nonnegative",
    "article_folds",
    "language_centroids",
    "centred_cosines",
    "bootstrap_interval",
    "paired_bootstrap_difference",
    "residual_correlations",
]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared/data/semeval2022-task8-sample/pairs.csv"
WEIGHTS_PATH = Path(__file__).resolve().parents[1] / "src/recoupe/data/group_similarity_weights.json"
SAME_STORY_MAX_OVERALL = 2.0
SUBSCORES = ("Geography", "Entities", "Time", "Narrative", "Style", "Tone")
FOLDS = 10
NAMES = {
    "with_embedding": ["embedding", "lexical_same", "lexical_cross", "cross"],
    "lexical_only": ["lexical_same", "lexical_cross", "cross"],
}


def load_pairs(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _embeddings(texts: list[str], embedder: Embedder, chars: int, cache: Path) -> tuple[np.ndarray, float]:
    cache.mkdir(parents=True, exist_ok=True)
    file = cache / f"semeval_{embedder.name}_{chars}_{len(texts)}.npy"
    if file.exists():
        return np.load(file), 0.0
    start = time.perf_counter()
    inputs = [embedding_text(None, t, chars) for t in texts]
    matrix = np.vstack([embedder.embed(inputs[i : i + 64]) for i in range(0, len(inputs), 64)])
    elapsed = time.perf_counter() - start
    np.save(file, matrix)
    return matrix, elapsed


def _tfidf_cosines(pairs: list[dict[str, str]]) -> np.ndarray:
    """Baseline: word TF-IDF (log tf, smooth idf over the 2x pairs texts, stop words kept) cosine."""
    docs = [Counter(words(p[k])) for p in pairs for k in ("text1", "text2")]
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    vecs = []
    for doc in docs:
        vec = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in doc.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vecs.append({w: v / norm for w, v in vec.items()})
    out = []
    for i in range(0, n, 2):
        a, b = vecs[i], vecs[i + 1]
        out.append(sum(v * b.get(w, 0.0) for w, v in a.items()))
    return np.array(out)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 50) -> np.ndarray:
    """Newton-IRLS logistic regression with a small ridge (numpy only: no sklearn here)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    ridge = l2 * np.eye(design.shape[1])
    ridge[0, 0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ w))
        grad = design.T @ (p - y) + ridge @ w
        hess = design.T @ (design * (p * (1 - p))[:, None]) + ridge
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


NONNEGATIVE = {"embedding", "lexical_same", "lexical_cross"}  # more overlap never lowers the score


def fit_nonnegative(x: np.ndarray, y: np.ndarray, names: list[str]) -> np.ndarray:
    """fit_logistic, with the NONNEGATIVE coefficients kept >= 0: the most negative one is
    dropped (weight 0) and the rest refitted until none is (collinear overlaps otherwise
    take a negative weight that says "sharing more words makes two articles less alike")."""
    active = list(range(x.shape[1]))
    while True:
        w = fit_logistic(x[:, active], y)
        negative = [(w[1 + k], c) for k, c in enumerate(active) if names[c] in NONNEGATIVE and w[1 + k] < 0]
        if not negative:
            break
        active.remove(min(negative)[1])
    full = np.zeros(x.shape[1] + 1)
    full[0] = w[0]
    for k, c in enumerate(active):
        full[1 + c] = w[1 + k]
    return full


def _predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(w[0] + x @ w[1:])))


def _article_ids(pair: dict[str, str]) -> list[str]:
    """The two article ids of a pair ("1585511516fr_1531663785fr" -> ["a:1585511516", "a:1531663785"]):
    one article can come with different texts (another fetch or machine translation)."""
    parts = (pair.get("pair_id") or "").split("_")
    return [f"a:{digits}" for digits in (re.sub(r"\D", "", x) for x in parts) if digits] if len(parts) == 2 else []


def article_folds(pairs: list[dict[str, str]], folds: int = FOLDS, seed: int = 8) -> np.ndarray:
    """A fold number per pair; pairs that share an article (same text or same article id in
    pair_id, directly or through others) share a fold."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        a, b = find(x), find(y)
        if a != b:
            parent[a] = b

    for pair in pairs:
        union(pair["text1"], pair["text2"])
        for article in _article_ids(pair):
            union(pair["text1"], article)
    components = sorted({find(p["text1"]) for p in pairs})
    order = np.random.default_rng(seed).permutation(len(components))
    fold_of = {c: int(order[i]) % folds for i, c in enumerate(components)}
    return np.array([fold_of[find(p["text1"])] for p in pairs])


def language_centroids(matrix: np.ndarray, langs: list[str]) -> dict[str, np.ndarray]:
    """The mean unit vector of each language's texts, and of all texts (ANY_LANGUAGE)."""
    codes = np.array(langs)
    means = {lang: matrix[codes == lang].mean(axis=0) for lang in sorted(set(langs))}
    means[ANY_LANGUAGE] = matrix.mean(axis=0)
    return means


def centred_cosines(matrix: np.ndarray, langs: list[str], centroids: dict[str, np.ndarray]) -> np.ndarray:
    """Per pair (rows 2i, 2i+1): cosine after subtracting each text's language mean."""
    means = np.stack([centroids.get(lang, centroids[ANY_LANGUAGE]) for lang in langs])
    centred = matrix - means
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)
    return np.einsum("ij,ij->i", centred[0::2], centred[1::2])


def _cross_validated(design: Any, y: np.ndarray, folds: np.ndarray, names: list[str]) -> np.ndarray:
    """Each pair scored by a model fitted on the other folds; `design(train_mask)` gives the
    regressors of every pair computed from the training pairs only (for the language means)."""
    out = np.zeros(len(y))
    for fold in range(FOLDS):
        test = folds == fold
        x = design(~test)
        out[test] = _predict(fit_nonnegative(x[~test], y[~test], names), x[test])
    return out


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1]) if len(a) > 2 else float("nan")


def bootstrap_interval(
    scores: np.ndarray, human: np.ndarray, draws: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval of the Pearson correlation (pairs resampled with
    replacement): how far a subset's number can move by the luck of its sample (56 fr-fr pairs:
    about +-0.12)."""
    rng = np.random.default_rng(seed)
    n = len(scores)
    values = []
    for _ in range(draws):
        pick = rng.integers(0, n, n)
        a, b = scores[pick], human[pick]
        if a.std() > 0 and b.std() > 0:
            values.append(float(np.corrcoef(a, b)[0, 1]))
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return round(float(low), 3), round(float(high), 3)


def paired_bootstrap_difference(
    new: np.ndarray, old: np.ndarray, human: np.ndarray, draws: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile interval of Pearson(new) - Pearson(old), both on the same resampled pairs:
    the pairs that are hard for one scoring are hard for the other, so this interval is much
    narrower than the gap between two separate `bootstrap_interval`s (a change is real when
    it excludes 0)."""
    rng = np.random.default_rng(seed)
    n = len(human)
    values = []
    for _ in range(draws):
        pick = rng.integers(0, n, n)
        a, b, h = new[pick], old[pick], human[pick]
        if a.std() > 0 and b.std() > 0 and h.std() > 0:
            values.append(float(np.corrcoef(a, h)[0, 1] - np.corrcoef(b, h)[0, 1]))
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return round(float(low), 4), round(float(high), 4)


def residual_correlations(
    scores: np.ndarray, human: np.ndarray, pairs: list[dict[str, str]]
) -> dict[str, float]:
    """Pearson of the residual (human - scores) with each sub-score present in the pairs file,
    as a similarity ((4 - x) / 3): a large one names what the score misses."""
    residual = human - scores
    out = {}
    for name in SUBSCORES:
        values = [p.get(name) or "" for p in pairs]
        if all(values):
            similarity_values = (4 - np.array([float(v) for v in values])) / 3
            out[name] = round(_pearson(residual, similarity_values), 4)
    return out


def _subsets(pairs: list[dict[str, str]]) -> dict[str, np.ndarray]:
    l1 = np.array([p["lang1"] for p in pairs])
    l2 = np.array([p["lang2"] for p in pairs])
    return {
        "overall": np.ones(len(pairs), bool),
        "fr-fr": (l1 == "fr") & (l2 == "fr"),
        "en-en": (l1 == "en") & (l2 == "en"),
        "cross": l1 != l2,
        "same-language": l1 == l2,
    }


def _table(human: np.ndarray, scores: dict[str, np.ndarray], subsets: dict[str, np.ndarray]) -> dict:
    return {
        name: {sub: round(_pearson(s[mask], human[mask]), 4) for sub, mask in subsets.items()}
        for name, s in scores.items()
    }


def run_semeval(
    path: str | Path = DEFAULT_PATH,
    embedder: Embedder | None = None,
    chars: int | None = None,
    cache: str | Path = "/tmp/recoupe-semeval-cache",
    fit: bool = False,
) -> dict[str, Any]:
    """Pearson correlations (human similarity vs ours, TF-IDF, parts), cross-validated and shipped."""
    settings = GroupSettings()
    chars = chars or settings.embed_chars
    embedder = embedder or E5Embedder()
    pairs = load_pairs(Path(path))
    texts = [p[k] for p in pairs for k in ("text1", "text2")]
    langs = [p[f"lang{side}"] for p in pairs for side in (1, 2)]
    matrix, embed_seconds = _embeddings(texts, embedder, chars, Path(cache))
    matrix = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    stop_words.cache_clear()
    lexical_feats = [features_from_text(str(i), t, langs[i], (), settings) for i, t in enumerate(texts)]
    emb = np.einsum("ij,ij->i", matrix[0::2], matrix[1::2])
    lex = np.array([cosine_terms(lexical_feats[i].top_terms, lexical_feats[i + 1].top_terms)
                    for i in range(0, len(texts), 2)])
    overall = np.array([float(p["Overall"]) for p in pairs])
    human = (4 - overall) / 3
    same = (overall <= SAME_STORY_MAX_OVERALL).astype(float)
    cross = [p["lang1"] != p["lang2"] for p in pairs]
    folds = article_folds(pairs)

    def design(train: np.ndarray) -> np.ndarray:
        text_train = np.repeat(train, 2)
        centroids = language_centroids(matrix[text_train], [lg for lg, t in zip(langs, text_train, strict=True) if t])
        centred = centred_cosines(matrix, langs, centroids)
        rows = [model_inputs(e, x, c) for e, x, c in zip(centred, lex, cross, strict=True)]
        return np.array([[r[k] for k in NAMES["with_embedding"]] for r in rows])

    rows_lex = [model_inputs(None, x, c) for x, c in zip(lex, cross, strict=True)]
    lexical_only = np.array([[r[k] for k in NAMES["lexical_only"]] for r in rows_lex])
    everything = np.ones(len(pairs), bool)
    cv = _cross_validated(design, same, folds, NAMES["with_embedding"])
    cv_lex = _cross_validated(lambda _train: lexical_only, same, folds, NAMES["lexical_only"])
    centroids = language_centroids(matrix, langs)
    weights = {
        "with_embedding": fit_nonnegative(design(everything), same, NAMES["with_embedding"]),
        "lexical_only": fit_nonnegative(lexical_only, same, NAMES["lexical_only"]),
    }
    if fit:
        _write_weights(weights, centroids, embedder.name, chars, len(pairs))
        load_weights.cache_clear()
        embed_module._centroids.cache_clear()
    feats = [
        features_from_text(str(i), t, langs[i], matrix[i], settings, embedder.name) for i, t in enumerate(texts)
    ]
    shipped = np.array([similarity(feats[i], feats[i + 1], settings).score for i in range(0, len(texts), 2)])
    subsets = _subsets(pairs)
    interval = {sub: bootstrap_interval(cv[mask], human[mask]) for sub, mask in subsets.items()}
    return {
        "pairs": len(pairs),
        "counts": {k: int(v.sum()) for k, v in subsets.items()},
        "embedder": embedder.name,
        "embed_chars": chars,
        "embed_seconds": round(embed_seconds, 1),
        "embed_texts_per_s": round(len(texts) / embed_seconds, 2) if embed_seconds else None,
        "cv": f"{FOLDS}-fold, grouped by article ({len(set(folds.tolist()))} folds, no text in train and test)",
        "recoupe_cv_95pct_bootstrap": interval,
        "residual_vs_subscores": residual_correlations(cv, human, pairs),
        "pearson": _table(
            human,
            {
                "recoupe_cv": cv,
                "recoupe_lexical_only_cv": cv_lex,
                "recoupe_shipped_weights": shipped,
                "embedding_cosine": emb,
                "embedding_cosine_centred_in_sample": centred_cosines(matrix, langs, centroids),
                "lexical_cosine": lex,
                "tfidf_baseline": _tfidf_cosines(pairs),
            },
            subsets,
        ),
    }


def _write_weights(
    weights: dict[str, np.ndarray], centroids: dict[str, np.ndarray], embedder: str, chars: int, n: int
) -> None:
    names = NAMES
    data: dict[str, Any] = {
        "about": "Logistic weights of recoupe.group.similarity, fitted by eval/semeval.py --fit on the "
        f"SemEval-2022 task 8 sample ({n} pairs), target Overall <= {SAME_STORY_MAX_OVERALL}; "
        f"'{CENTRED_SUFFIX}' entries: on the language-centred cosine, with the language means "
        "(recoupe.group.embed.language_centred).",
    }
    coefs = {
        key: {"coef": {"bias": round(float(w[0]), 4)}
              | {name: round(float(v), 4) for name, v in zip(names[key], w[1:], strict=True)}}
        for key, w in weights.items()
    }
    old = json.loads(WEIGHTS_PATH.read_text("utf-8")) if WEIGHTS_PATH.exists() else {}
    means = {lang: [round(float(x), 5) for x in v] for lang, v in centroids.items()}
    entry = coefs["with_embedding"] | {"embed_chars": chars, "centroids": means}
    data["embedders"] = old.get("embedders", {}) | {embedder + CENTRED_SUFFIX: entry}
    data["lexical_only"] = coefs["lexical_only"]
    WEIGHTS_PATH.write_text(_one_line_vectors(json.dumps(data, indent=2)) + "\n", encoding="utf-8")


def _one_line_vectors(text: str) -> str:
    """json.dumps(indent=2) with every list of numbers on one line (the 384-float means)."""
    return re.sub(r"\[\s*(-?[\d.e-]+(?:,\s*-?[\d.e-]+)*)\s*\]",
                  lambda m: "[" + ", ".join(m.group(1).split()).replace(",,", ",") + "]", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--fit", action="store_true", help="rewrite the shipped weights file")
    parser.add_argument("--chars", type=int, default=None, help="embedding input length (characters)")
    parser.add_argument("--cache", default="/tmp/recoupe-semeval-cache")
    args = parser.parse_args()
    print(json.dumps(run_semeval(args.path, chars=args.chars, cache=args.cache, fit=args.fit), indent=2))


if __name__ == "__main__":
    main()

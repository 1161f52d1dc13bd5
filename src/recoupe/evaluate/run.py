"""`recoupe eval`: run the whole pipeline on the annotated corpus and score every capability.

The corpus (eval/corpus + eval/gold, and the seeds beside the repository) is
ingested into a fresh store with the same `run_ingest` a user runs; each gold
document is then found by its file (and JSONL line) and scored. Floors pinned
in eval/floors.json are the quality gate: `--gate` fails when a score is below
its floor (lowering a floor is a visible decision in review).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recoupe.evaluate.gold import GoldDoc, GoldStory, load_gold
from recoupe.evaluate.scoring import Scores, bcubed, copy_pairs, score_document
from recoupe.settings import Settings
from recoupe.store import Store, open_store

__all__ = ["EvalResult", "run_eval", "check_floors", "lookup"]


@dataclass(frozen=True)
class EvalResult:
    scores: dict[str, Any]
    failures: list[str]  # floors not met


def _ingest(docs: list[GoldDoc], store: Store, settings: Settings, embedder: Any) -> None:
    from recoupe.ingest import IngestOptions, iter_documents
    from recoupe.pipeline import run_ingest

    paths = sorted({str(d.path) for d in docs})
    run_ingest(iter_documents(paths, IngestOptions(), settings.ingest), store, settings, embedder=embedder)


def _article_of(store: Store, doc: GoldDoc) -> str | None:
    for _source, locator, article_id in store.articles_by_source(str(doc.path)):
        if doc.line is None or locator.split()[-1:] == [str(doc.line)]:
            return article_id
    return None


def _score_grouping(store: Store, stories: list[GoldStory], key_to_article: dict[str, str]) -> dict[str, Any]:
    gold_story = {key_to_article[k]: s.id for s in stories for k in s.members if k in key_to_article}
    predicted = {aid: store.story_of(aid) or f"none:{aid}" for aid in gold_story}
    result: dict[str, Any] = {"stories_bcubed": bcubed(gold_story, predicted)}
    gold_pairs = copy_pairs([[key_to_article[k] for k in g if k in key_to_article] for s in stories for g in s.copies])
    members = set(gold_story)
    pred_pairs = copy_pairs([[m for m in g.members if m in members] for g in store.dup_groups()])
    tp = len(gold_pairs & pred_pairs)
    p = tp / len(pred_pairs) if pred_pairs else 1.0
    r = tp / len(gold_pairs) if gold_pairs else 1.0
    result["copies"] = {"precision": round(p, 4), "recall": round(r, 4),
                        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "support": len(gold_pairs)}
    lookalikes_merged = 0
    for s in stories:
        if s.lookalike_of:
            mine = {predicted.get(key_to_article.get(k, ""), "") for k in s.members}
            other = next((o for o in stories if o.id.startswith(s.lookalike_of) or s.lookalike_of.startswith(o.id)),
                         None)
            theirs = {predicted.get(key_to_article.get(k, ""), "") for k in other.members} if other else set()
            lookalikes_merged += int(bool((mine & theirs) - {""}))
    result["lookalike_stories_merged"] = lookalikes_merged
    return result


def run_eval(
    eval_dir: Path | None,
    seeds_dir: Path | None,
    settings: Settings,
    *,
    db: Path | None = None,
    embedder: Any = None,
    crosscheck_scorer: Callable[..., dict[str, Any]] | None = None,
    only: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Ingest the gold corpus into a fresh store and return the scores."""
    docs, stories = load_gold(eval_dir, seeds_dir, only)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(db or Path(tmp) / "eval.db")
        try:
            _ingest(docs, store, settings, embedder)
            scores = Scores()
            key_to_article: dict[str, str] = {}
            for doc in docs:
                article_id = _article_of(store, doc)
                if article_id is not None:
                    key_to_article[doc.key] = article_id
                article = store.article(article_id) if article_id else None
                analysis = store.analysis(article_id) if article_id else None
                score_document(doc, article, analysis, scores)
            result = {"documents": len(docs), "stories": len(stories), **scores.as_dict()}
            result["grouping"] = _score_grouping(store, stories, key_to_article)
            if crosscheck_scorer is not None:
                result["crosscheck"] = crosscheck_scorer(store, stories, key_to_article)
        finally:
            store.close()
    return result


def lookup(scores: dict[str, Any], dotted: str) -> float | None:
    node: Any = scores
    for part in dotted.split("/"):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return float(node) if isinstance(node, (int, float)) else None


def check_floors(scores: dict[str, Any], floors_file: Path) -> list[str]:
    """The floors not met, as readable lines (an empty list: the gate passes)."""
    floors = json.loads(floors_file.read_text("utf-8"))
    failures = []
    for key, floor in floors.items():
        if key.startswith("_"):
            continue
        value = lookup(scores, key)
        if key.endswith("_merged") or key.startswith("max:"):
            continue
        if value is None:
            failures.append(f"{key}: missing from the scores (floor {floor})")
        elif value + 1e-9 < float(floor):
            failures.append(f"{key}: {value:.4f} is below its floor {floor}")
    return failures

"""Scores beyond the per-document ones: cross-check statuses per story, and '?' repair."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from recoupe.evaluate.gold import GoldStory
from recoupe.store import Store

__all__ = ["crosscheck_scores", "repair_scores"]

_CATEGORIES = {
    "corroborated": "corroborated",
    "single_source": "single-source",
    "contradicted": "contradicted",
    "denied": "denied",
    "inconsistent_within_one_article": "inconsistent",
}


def _docs_of(item: dict[str, Any], category: str) -> list[str]:
    if category == "contradicted":
        return list(item.get("values", {}))
    if category == "inconsistent_within_one_article":
        return [item["doc"]]
    return list(item.get("in", []))


def _resolve(story: GoldStory, name: str) -> str | None:
    """A gold reference ("000", "02_bamako-matin.txt") to the gold key of a member."""
    for key in story.members:
        file_name = key.split("/", 1)[1]
        if file_name == name or file_name.startswith(name):
            return key
    return None


def crosscheck_scores(store: Store, stories: list[GoldStory], key_to_article: dict[str, str]) -> dict[str, Any]:
    """Recall of the gold's cross-check expectations: for each expected status, is there a fact
    with that status evidenced in (at least) the named articles? Plus conversion-check results."""
    found: dict[str, list[int]] = {name: [0, 0] for name in _CATEGORIES}
    checks = [0, 0]
    for story in stories:
        for category, status in _CATEGORIES.items():
            for item in story.crosscheck.get(category, []):
                wanted = {key_to_article.get(_resolve(story, n) or "") for n in _docs_of(item, category)}
                wanted.discard(None)
                found[category][1] += 1
                story_ids = {store.story_of(a) for a in wanted if a}
                hit = False
                for sid in cast("set[str]", story_ids - {None}):
                    for fact in store.facts(sid):
                        covered = {e.article_id for e in fact.evidence}
                        if fact.status == status and wanted <= covered:
                            hit = True
                            break
                found[category][0] += int(hit)
        for item in story.crosscheck.get("consistency_checks", []):
            doc = key_to_article.get(_resolve(story, item["doc"]) or "")
            checks[1] += 1
            doc_story = store.story_of(doc) if doc else None
            if doc_story:
                results = [c.result for f in store.facts(doc_story) for c in f.checks
                           if c.kind == "currency-conversion" and any(e.article_id == doc for e in f.evidence)]
                checks[0] += int(item.get("result") in results)
    out: dict[str, Any] = {name: {"found": f, "expected": n, "recall": round(f / n, 4) if n else 1.0}
                           for name, (f, n) in found.items()}
    out["contradicted"]["precision"] = _contradiction_precision(store, stories, key_to_article)
    recall, precision = out["contradicted"]["recall"], out["contradicted"]["precision"]
    out["contradicted"]["f1"] = round(2 * recall * precision / (recall + precision), 4) if recall + precision else 0.0
    total_found = sum(f for f, _ in found.values())
    total = sum(n for _, n in found.values())
    out["all_statuses"] = {"found": total_found, "expected": total, "recall": round(total_found / total, 4) if total else 1.0}
    out["conversion_checks"] = {"found": checks[0], "expected": checks[1],
                                "recall": round(checks[0] / checks[1], 4) if checks[1] else 1.0}
    return out


def _contradiction_precision(store: Store, stories: list[GoldStory], key_to_article: dict[str, str]) -> float:
    """Share of the contradictions recoupe reports that the gold lists: a reported contradiction is
    right when its evidence spans at least two of the articles a gold contradiction names."""
    reported = right = 0
    for story in stories:
        gold_sets = []
        for item in story.crosscheck.get("contradicted", []):
            docs = {key_to_article.get(_resolve(story, n) or "") for n in item.get("values", {})}
            docs.discard(None)
            gold_sets.append(docs)
        story_ids = {store.story_of(key_to_article[k]) for k in story.members if k in key_to_article}
        for sid in cast("set[str]", story_ids - {None}):
            for fact in store.facts(sid):
                if fact.status != "contradicted":
                    continue
                reported += 1
                covered = {e.article_id for e in fact.evidence}
                right += int(any(len(covered & docs) >= 2 for docs in gold_sets))
    return round(right / reported, 4) if reported else 1.0


def repair_scores(folder: Path) -> dict[str, Any]:
    """Damage clean texts the way seed 000 was damaged, repair them, and score the restored characters."""
    from recoupe.clean import measure_repair

    out: dict[str, Any] = {}
    for path in sorted(folder.glob("*.txt")) if folder.exists() else []:
        texts = [p for p in path.read_text("utf-8").split("\n\n") if p.strip()]
        score = measure_repair(texts)
        out[path.stem] = {"precision": round(score.precision, 4), "recall": round(score.recall, 4),
                          "f1": round(score.f1, 4), "genuine_question_marks": score.genuine_question_marks,
                          "wrongly_changed": score.wrongly_changed, "damaged": score.n_damaged}
    return out

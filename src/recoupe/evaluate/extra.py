"""Scores beyond the per-document ones: cross-check statuses per story, and '?' repair."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from recoupe.crosscheck.tables import crosscheck_table
from recoupe.evaluate.gold import GoldStory
from recoupe.model import Evidence, Fact
from recoupe.store import Store

__all__ = ["crosscheck_scores", "contradiction_shown", "gold_check_kind", "repair_scores", "status_accuracy", "match_gold_item", "GoldMatch"]

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
    with that status evidenced in (at least) the named articles (a contradiction must also show the
    gold values, see contradiction_shown; the *_lenient figures do without)? Plus check results."""
    found: dict[str, list[int]] = {name: [0, 0] for name in _CATEGORIES}
    lenient = dict.fromkeys(_CATEGORIES, 0)  # contradictions: covering the articles whatever the values
    checks = [0, 0]
    for story in stories:
        for category, status in _CATEGORIES.items():
            for item in story.crosscheck.get(category, []):
                wanted = {key_to_article.get(_resolve(story, n) or "") for n in _docs_of(item, category)}
                wanted.discard(None)
                found[category][1] += 1
                story_ids = {store.story_of(a) for a in wanted if a}
                covering = [f for sid in cast("set[str]", story_ids - {None}) for f in store.facts(sid)
                            if f.status == status and wanted <= {e.article_id for e in f.evidence}]
                lenient[category] += int(bool(covering))
                hit = any(category != "contradicted" or contradiction_shown(item, story, f, key_to_article)
                          for f in covering)
                found[category][0] += int(hit)
        for item in story.crosscheck.get("consistency_checks", []):
            doc = key_to_article.get(_resolve(story, item["doc"]) or "")
            checks[1] += 1
            doc_story = store.story_of(doc) if doc else None
            if doc_story:
                kind = gold_check_kind(str(item.get("check", "")))
                in_doc = [f for f in store.facts(doc_story) if any(e.article_id == doc for e in f.evidence)]
                results = [c.result for f in in_doc for c in f.checks if kind in ("other", c.kind)]
                if kind == "other":  # a figure one article gives twice, differently
                    results += ["inconsistent" for f in in_doc if f.status == "inconsistent"]
                checks[0] += int(item.get("result") in results)
    out: dict[str, Any] = {name: {"found": f, "expected": n, "recall": round(f / n, 4) if n else 1.0}
                           for name, (f, n) in found.items()}
    out["contradicted"]["precision"] = _contradiction_precision(store, stories, key_to_article)
    out["contradicted"]["precision_lenient"] = _contradiction_precision(store, stories, key_to_article, strict=False)
    expected = out["contradicted"]["expected"]
    out["contradicted"]["recall_lenient"] = round(lenient["contradicted"] / expected, 4) if expected else 1.0
    recall, precision = out["contradicted"]["recall"], out["contradicted"]["precision"]
    out["contradicted"]["f1"] = round(2 * recall * precision / (recall + precision), 4) if recall + precision else 0.0
    total_found = sum(f for f, _ in found.values())
    total = sum(n for _, n in found.values())
    out["all_statuses"] = {"found": total_found, "expected": total, "recall": round(total_found / total, 4) if total else 1.0}
    out["conversion_checks"] = {"found": checks[0], "expected": checks[1],
                                "recall": round(checks[0] / checks[1], 4) if checks[1] else 1.0}
    out["status_accuracy"] = status_accuracy(store, stories, key_to_article)
    return out


_CURRENCY_CODE = re.compile(r"\b[A-Z]{3}\b|conversion")


def gold_check_kind(description: str) -> str:
    """The check kind a gold consistency check asks for, from its wording: a weekday against a
    date, a share ('%'), a currency conversion (ISO codes), else 'other' (any check, or an
    inconsistent figure of the article, answers it)."""
    from recoupe.crosscheck.text import fold

    weekdays = crosscheck_table()["weekdays"]  # the table the cross-check's weekday check reads
    if any(word in weekdays for word in re.findall(r"[^\W\d_]+", fold(description))):
        return "weekday-vs-date"
    if "%" in description:
        return "percentage"
    if _CURRENCY_CODE.search(description):
        return "currency-conversion"
    return "other"


def _contradiction_precision(store: Store, stories: list[GoldStory], key_to_article: dict[str, str],
                             strict: bool = True) -> float:
    """Share of the contradictions recoupe reports that the gold lists: a reported contradiction is
    right when its evidence spans at least two of the articles a gold contradiction names and
    (strict) its values include two different values of that gold item (see contradiction_shown)."""
    reported = right = 0
    for story in stories:
        gold_items = []
        for item in story.crosscheck.get("contradicted", []):
            docs = {key_to_article.get(_resolve(story, n) or "") for n in item.get("values", {})}
            docs.discard(None)
            gold_items.append((item, docs))
        story_ids = {store.story_of(key_to_article[k]) for k in story.members if k in key_to_article}
        for sid in cast("set[str]", story_ids - {None}):
            for fact in store.facts(sid):
                if fact.status != "contradicted":
                    continue
                reported += 1
                covered = {e.article_id for e in fact.evidence}
                right += int(any(len(covered & docs) >= 2
                                 and (not strict or contradiction_shown(item, story, fact, key_to_article))
                                 for item, docs in gold_items))
    return round(right / reported, 4) if reported else 1.0


# A gold figure and a reported one agree within this relative distance ("about 183 million" vs 182.9).
VALUE_TOLERANCE = 0.03
# A non-numeric gold value ("Mbour (Senegal)", "life imprisonment") is found in an evidence text
# that holds this share of its keys.
TEXT_VALUE_OVERLAP = 0.5


def _value_found(gold_value: str, evidence: list[Evidence]) -> bool:
    """Is one gold value (a number with tolerance, else its words) among an article's evidence?
    A figure offers the numbers of its text and its value ("une décennie": 10; a date's day)."""
    numbers = _numbers(gold_value, threshold=2)
    texts = [e.value.text if e.value else e.text for e in evidence]
    if numbers:
        found = set().union(*(_numbers(t, threshold=2) for t in texts))
        found |= {v for e in evidence if e.value for v in (e.value.low, e.value.high) if v is not None}
        # A date's value is its day and year ("on Sunday" standing for 17 March 2024).
        found |= {float(v) for e in evidence if e.value and e.value.date
                  for v in (e.value.date.day, e.value.date.year) if v is not None}
        return any(abs(g - f) <= VALUE_TOLERANCE * max(abs(g), 1.0) for g in numbers for f in found)
    keys = {k for k in _keys(gold_value) if not k.startswith("#")}
    return bool(keys) and any(len(keys & _keys(t)) >= TEXT_VALUE_OVERLAP * len(keys) for t in texts)


def contradiction_shown(item: dict[str, Any], story: GoldStory, fact: Fact, key_to_article: dict[str, str]) -> bool:
    """Does a reported contradiction show the gold item's disagreement: two different gold values,
    each found in the fact's evidence from the article the gold credits it to (a figure's own text
    and value, or the sentence of a claim)?"""
    by_article: dict[str, list[Evidence]] = {}
    for e in fact.evidence:
        by_article.setdefault(e.article_id, []).append(e)
    found_values: set[object] = set()
    for name, value in item.get("values", {}).items():
        article = key_to_article.get(_resolve(story, name) or "")
        if article in by_article and _value_found(str(value), by_article[article]):
            found_values.add(frozenset(_numbers(str(value), threshold=2)) or " ".join(str(value).lower().split()))
    return len(found_values) >= 2


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


# ------------------------------------------------------------------ fact-status accuracy
#
# Each gold cross-check item is matched to at most one produced fact of its story, then the
# fact's status is compared with the gold one.
# 1. Slot items (contradicted, inconsistent_within_one_article) match figure facts: the fact's
#    evidence must cover two of the named articles (for an inconsistency: only the named article)
#    and the score is the share of the gold values' numbers found among the fact's figure texts, plus
#    half the overlap of article sets.
# 2. Claim items (corroborated, single_source, denied) match claim and quote facts first, figure
#    facts only when no claim or quote fact matches: the fact needs evidence in a named article,
#    and the score is the share of the gold claim's keys (numbers, with number words turned into
#    digits and "une dizaine"/"about ten" both read as 10, and 4-letter folded word prefixes, which let "convoy"/"convoi" or "blockade"/"blocus"
#    meet across French and English) found in one of its evidence texts from a named article, plus
#    half the Jaccard overlap of the article sets. At least two keys must be shared, and one of
#    the claim's numbers when it has any.
# The highest score wins; below MATCH_THRESHOLD the item is unmatched.

MATCH_THRESHOLD = 0.45
_SLOT_CATEGORIES = ("contradicted", "inconsistent_within_one_article")
_NUMBER = re.compile(r"\d{1,3}(?:[\u00a0\u202f ,]\d{3})+(?![\d])|\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_KEY_STOP = frozenset({"that", "with", "from", "have", "been", "were", "said", "says", "dans", "pour", "avec",
                       "selon", "sont", "elle", "their", "they", "this", "these", "about", "more", "than",
                       "plus", "after", "apres", "since", "depuis", "leur", "mais", "also", "which", "when"})


@dataclass(frozen=True)
class GoldMatch:
    """One gold item, the produced fact it matched (if any) and the statuses compared."""

    story: str
    category: str
    gold_status: str
    text: str
    fact_id: str | None
    fact_status: str | None
    score: float


@functools.lru_cache(maxsize=1)
def _approximate_numbers() -> dict[str, float]:
    data = crosscheck_table()
    return {k: float(v) for k, v in data["approximate_numbers"].items()}


def _numbers(text: str, threshold: int = 3) -> set[float]:
    """The numbers a text states, in digits or words (number words below `threshold` stay words:
    "un accord" is no count)."""
    from text_to_num import alpha2digit

    from recoupe.crosscheck.text import fold

    table = _approximate_numbers()
    out = {table[w] for w in _WORD.findall(fold(text)) if w in table}
    for lang in ("fr", "en"):
        try:
            converted = alpha2digit(text, lang, threshold=threshold)
        except Exception:  # noqa: BLE001 - text2num rejects some inputs; digits alone then
            converted = text
        for match in _NUMBER.finditer(converted):
            raw = re.sub(r"[\u00a0\u202f ,](?=\d{3})", "", match.group()).replace(",", ".")
            try:
                out.add(float(raw))
            except ValueError:
                continue
    return out


def _keys(text: str) -> set[str]:
    from recoupe.crosscheck.text import fold

    words = {w[:4] for w in _WORD.findall(fold(text)) if w not in _KEY_STOP}
    return words | {f"#{n:g}" for n in _numbers(text)}


def _fact_articles(fact: Fact) -> set[str]:
    return {e.article_id for e in fact.evidence}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _claim_score(claim_keys: set[str], fact: Fact, wanted: set[str]) -> float:
    articles = _fact_articles(fact)
    if not articles & wanted or not claim_keys:
        return 0.0
    numbers = {k for k in claim_keys if k.startswith("#")}
    best = 0
    for evidence in fact.evidence:
        keys = _keys(evidence.text)
        if evidence.article_id in wanted and evidence.stance != "denies" and (keys & numbers or not numbers):
            best = max(best, len(claim_keys & keys))
    if best < 2:
        return 0.0
    return best / len(claim_keys) + 0.5 * _jaccard(articles, wanted)


def _slot_score(gold_numbers: set[float], fact: Fact, wanted: set[str], category: str) -> float:
    articles = _fact_articles(fact)
    if fact.kind != "figure" or len(articles & wanted) < 2 and category == "contradicted":
        return 0.0
    if category == "inconsistent_within_one_article" and articles != wanted:
        return 0.0
    values: set[float] = set()
    for evidence in fact.evidence:
        values |= _numbers(evidence.value.text if evidence.value else evidence.text)
    if gold_numbers and not gold_numbers & values and category == "contradicted":
        return 0.0
    share = len(gold_numbers & values) / len(gold_numbers) if gold_numbers else 0.5
    return share + 0.5 * _jaccard(articles, wanted)


def match_gold_item(item: dict[str, Any], category: str, facts: list[Fact], wanted: set[str]) -> tuple[Fact | None, float]:
    """The produced fact a gold item stands for (see the numbered rules above), and its score."""
    if category in _SLOT_CATEGORIES:
        raw_values = item.get("values", {})
        values = raw_values.values() if isinstance(raw_values, dict) else raw_values
        numbers = set().union(*(_numbers(str(v)) for v in values)) if values else set()
        scored = [(_slot_score(numbers, f, wanted, category), f) for f in facts]
    else:
        keys = _keys(str(item.get("claim", "")))
        statements = [(_claim_score(keys, f, wanted), f) for f in facts if f.kind != "figure"]
        scored = statements if any(s >= MATCH_THRESHOLD for s, _ in statements) else \
            [(_claim_score(keys, f, wanted), f) for f in facts if f.kind == "figure"]
    best = max(scored, key=lambda pair: (pair[0], pair[1].id), default=(0.0, None))
    return (best[1], best[0]) if best[1] is not None and best[0] >= MATCH_THRESHOLD else (None, best[0])


def _story_facts(store: Store, story: GoldStory, key_to_article: dict[str, str]) -> list[Fact]:
    story_ids = {store.story_of(key_to_article[k]) for k in story.members if k in key_to_article}
    return [f for sid in sorted(cast("set[str]", story_ids - {None})) for f in store.facts(sid)]


def gold_matches(store: Store, stories: list[GoldStory], key_to_article: dict[str, str]) -> list[GoldMatch]:
    out = []
    for story in stories:
        facts = _story_facts(store, story, key_to_article)
        for category, status in _CATEGORIES.items():
            for item in story.crosscheck.get(category, []):
                wanted = {key_to_article.get(_resolve(story, n) or "") for n in _docs_of(item, category)}
                wanted.discard(None)
                fact, score = match_gold_item(item, category, facts, cast("set[str]", wanted))
                out.append(GoldMatch(story.id, category, status, str(item.get("claim") or item.get("slot")),
                                     fact.id if fact else None, fact.status if fact else None, round(score, 3)))
    return out


def status_accuracy(store: Store, stories: list[GoldStory], key_to_article: dict[str, str]) -> dict[str, Any]:
    """Fact-status accuracy: of the gold items matched to a produced fact, the share whose fact has
    the gold status (support = matched items); per status, precision and recall over matched items
    (recall also over every gold item, an unmatched one counting as missed)."""
    return summarise_matches(gold_matches(store, stories, key_to_article))


def summarise_matches(matches: list[GoldMatch]) -> dict[str, Any]:
    matched = [m for m in matches if m.fact_status is not None]
    correct = sum(m.fact_status == m.gold_status for m in matched)
    out: dict[str, Any] = {
        "accuracy": round(correct / len(matched), 4) if matched else 0.0, "support": len(matched),
        "correct": correct, "expected": len(matches),
        "accuracy_over_expected": round(correct / len(matches), 4) if matches else 1.0,
    }
    per_status: dict[str, Any] = {}
    for status in sorted({m.gold_status for m in matches} | {m.fact_status for m in matched if m.fact_status}):
        predicted = [m for m in matched if m.fact_status == status]
        gold = [m for m in matches if m.gold_status == status]
        gold_matched = [m for m in gold if m.fact_status is not None]
        tp = sum(m.gold_status == status for m in predicted)
        per_status[status] = {
            "precision": round(tp / len(predicted), 4) if predicted else 1.0,
            "recall": round(tp / len(gold_matched), 4) if gold_matched else 1.0,
            "recall_over_expected": round(tp / len(gold), 4) if gold else 1.0,
            "predicted": len(predicted), "gold_matched": len(gold_matched), "gold": len(gold),
        }
    out["per_status"] = per_status
    return out

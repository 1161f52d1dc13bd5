"""Scores per capability: each compares recoupe's records for one gold document with its annotation.

Counts are accumulated in `Tally` objects (true positives, false positives,
false negatives, or right/total), so corpus scores are micro-averaged.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from recoupe.evaluate.gold import GoldDoc, locate, locate_all, normalise
from recoupe.model import Analysis, Article, Figure, PartialDate, Span

__all__ = ["Tally", "Scores", "score_document", "bcubed", "copy_pairs"]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "support": self.tp + self.fn}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def as_dict(self) -> dict[str, float]:
        return {"accuracy": round(self.value, 4), "support": self.total}


class Scores:
    """Named tallies, grouped by language: scores["fr"]["quotes@0.3"]."""

    def __init__(self) -> None:
        self.tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
        self.accuracies: dict[str, dict[str, Accuracy]] = defaultdict(lambda: defaultdict(Accuracy))

    def tally(self, lang: str, name: str) -> Tally:
        return self.tallies[lang][name]

    def accuracy(self, lang: str, name: str) -> Accuracy:
        return self.accuracies[lang][name]

    def as_dict(self) -> dict[str, Any]:
        langs = sorted(set(self.tallies) | set(self.accuracies))
        out: dict[str, Any] = {}
        for lang in [*langs, "all"]:
            section: dict[str, Any] = {}
            names = {n for lg in langs for n in self.tallies[lg]} if lang == "all" else set(self.tallies[lang])
            for name in sorted(names):
                parts = [self.tallies[lg][name] for lg in (langs if lang == "all" else [lang]) if name in self.tallies[lg]]
                total = Tally(sum(t.tp for t in parts), sum(t.fp for t in parts), sum(t.fn for t in parts))
                section[name] = total.as_dict()
            names = {n for lg in langs for n in self.accuracies[lg]} if lang == "all" else set(self.accuracies[lang])
            for name in sorted(names):
                accs = [self.accuracies[lg][name] for lg in (langs if lang == "all" else [lang])
                        if name in self.accuracies[lg]]
                section[name] = Accuracy(sum(a.right for a in accs), sum(a.total for a in accs)).as_dict()
            out[lang] = section
        return out


# ------------------------------------------------------------------ cleaning


def _score_cleaning(doc: GoldDoc, article: Article, scores: Scores, lang: str) -> None:
    g, text = doc.data, article.text
    repairs = g.get("repairs", [])
    removed = scores.tally(lang, "boilerplate")
    for raw in g.get("boilerplate_raw", []):
        still = locate(text, raw.strip(), repairs) is not None
        removed.tp += int(not still)
        removed.fn += int(still)
    # Content kept: what the annotation says is article text must survive cleaning.
    kept = scores.tally(lang, "boilerplate")
    content = [q["text"] for q in g.get("quotes", []) if q.get("direct", True)]
    content += [f["raw"] for f in g.get("figures", [])]
    for raw in content:
        if locate(text, raw, repairs) is None:
            kept.fp += 1
    dup = scores.accuracy(lang, "duplicate_lines")
    for line in g.get("duplicate_lines_raw", []):
        dup.add(len(locate_all(text, line, repairs)) == 1)
    rep = scores.tally(lang, "repairs")
    for repair in repairs:
        want = repair.get("count", 1)
        have = text.count(repair["clean"])
        rep.tp += min(want, have)
        rep.fn += max(0, want - have)
        rep.fp += text.count(repair["raw"]) if repair["raw"] != repair["clean"] else 0
    scores.accuracy(lang, "language").add(article.lang == g.get("lang"))
    if "title" in g:
        want_title = g.get("title")
        scores.accuracy(lang, "title").add(
            (want_title is None and article.title is None)
            or (want_title is not None and article.title is not None and normalise(want_title) == normalise(article.title))
        )
    if "date" in g:
        got = article.published.iso() if article.published else None
        scores.accuracy(lang, "date").add(got == g.get("date"))
    if "truncated" in g:
        t = scores.tally(lang, "truncation")
        want_cut, got_cut = bool(g.get("truncated")), article.truncated
        t.tp += int(want_cut and got_cut)
        t.fp += int(got_cut and not want_cut)
        t.fn += int(want_cut and not got_cut)
    subs = scores.tally(lang, "subheadings")
    got_subs = {normalise(s.of(text)) for s in article.subheadings}
    want_subs = {normalise(s) for s in g.get("subheadings", [])}
    subs.tp += len(got_subs & want_subs)
    subs.fp += len(got_subs - want_subs)
    subs.fn += len(want_subs - got_subs)


# ------------------------------------------------------------------ analysis


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def _date_matches(fig: Figure, gold: dict[str, Any]) -> bool:
    want = next((gold[k] for k in ("value", "value_min", "value_max", "since") if isinstance(gold.get(k), str)), None)
    if want is None:
        return True
    try:
        target = PartialDate.parse(want)
    except ValueError:
        return True
    return fig.date is not None and (fig.date.iso().startswith(target.iso()) or target.iso().startswith(fig.date.iso()))


DURATION_DAYS = {"years": 365.25, "months": 30.44, "weeks": 7.0, "days": 1.0, "hours": 1 / 24, "minutes": 1 / 1440}


def _figure_spans(text: str, gold: dict[str, Any], repairs: list[dict[str, Any]]) -> list[Span]:
    """Where a gold figure stands; with a `context_raw`, only its places inside that context
    ("jeudi" in "a annoncé jeudi", not in "la nuit de mercredi à jeudi")."""
    spans = locate_all(text, gold["raw"], repairs)
    if not gold.get("context_raw"):
        return spans
    contexts = locate_all(text, gold["context_raw"], repairs)
    inside = [s for s in spans if any(c.start <= s.start and s.end <= c.end for c in contexts)]
    return inside or spans


def _matches_value(fig: Figure, gold: dict[str, Any]) -> bool:
    """Is the figure's value the gold one? Ranges compare by their bounds, within 2 %."""

    def near(a: float | None, b: float) -> bool:
        return a is not None and abs(a - b) <= 0.02 * max(abs(b), 1)

    if gold.get("kind") == "date" or any(isinstance(gold.get(k), str) for k in ("value", "value_min", "value_max")):
        return _date_matches(fig, gold)
    value = _number(gold.get("value"))
    duration = next(((unit, _number(gold[f"value_{unit}"])) for unit in DURATION_DAYS
                     if _number(gold.get(f"value_{unit}")) is not None), None)
    if value is not None:
        ok = near(fig.low, value) or near(fig.high, value) or (
            fig.low is not None and fig.high is not None and fig.low <= value <= fig.high)
    elif duration is not None:
        unit, amount = duration
        if fig.unit in DURATION_DAYS and fig.unit != unit:  # "for nearly a year" = value_months 12
            amount = float(amount or 0) * DURATION_DAYS[unit] / DURATION_DAYS[fig.unit]
        ok = near(fig.low, float(amount or 0)) or near(fig.high, float(amount or 0))
    elif _number(gold.get("value_years_min")) is not None:
        ok = near(fig.low, float(gold["value_years_min"]))
    elif _number(gold.get("value_min")) is not None or _number(gold.get("value_max")) is not None:
        ok = True
        if _number(gold.get("value_min")) is not None:
            ok = near(fig.low, float(gold["value_min"]))
        if _number(gold.get("value_max")) is not None:
            ok = ok and near(fig.high, float(gold["value_max"]))
    else:
        ok = True  # no value annotated (vague): any reading is acceptable
    if gold.get("currency"):
        ok = ok and fig.currency == gold["currency"]
    if gold.get("per"):
        ok = ok and fig.period == gold["per"]
    return ok


def _score_figures(doc: GoldDoc, article: Article, analysis: Analysis, scores: Scores, lang: str) -> None:
    g, text = doc.data, article.text
    repairs = g.get("repairs", [])
    tally = scores.tally(lang, "figures")
    value_ok = scores.accuracy(lang, "figure_values")
    used: set[int] = set()
    wanted = 0
    for gold in g.get("figures", []):
        spans = _figure_spans(text, gold, repairs)
        count = gold.get("count_in_text", 1)
        wanted += count
        found: list[Span | None] = list(spans[:count])
        for span in found or [None]:
            match = None
            if span is not None:
                for i, fig in enumerate(analysis.figures):
                    if i not in used and fig.span.overlap(span) > 0:
                        match = i
                        break
            if match is None:
                tally.fn += 1
                continue
            used.add(match)
            tally.tp += 1
            value_ok.add(_matches_value(analysis.figures[match], gold))
    tally.fp += len(analysis.figures) - len(used)


def _score_quotes(doc: GoldDoc, article: Article, analysis: Analysis, scores: Scores, lang: str) -> None:
    """The Gender Gap Tracker's way: a quote matches when it covers ≥ threshold of the gold span.

    A gold quote split by an incise or a paragraph break lists its `parts`: a prediction that covers
    one of the other parts is a piece of the same quote, neither a second match nor a false positive;
    when the joined text cannot be located, the span from the first part to the last stands for it."""
    g, text = doc.data, article.text
    golds = []
    for q in g.get("quotes", []):
        parts = [locate(text, part, g.get("repairs", [])) for part in q.get("parts", [])]
        part_spans = [p for p in parts if p is not None and len(p)]
        span = locate(text, q["text"], g.get("repairs", []))
        if span is None and part_spans:
            span = Span(min(p.start for p in part_spans), max(p.end for p in part_spans))
        golds.append((q, span, part_spans))
    for threshold in (0.3, 0.8):
        tally = scores.tally(lang, f"quotes@{threshold}")
        used: set[int] = set()
        for q, span, _ in golds:
            best = _best_cover(analysis.quotes, span, used, threshold)
            if best is None:
                tally.fn += 1
                continue
            used.add(best)
            tally.tp += 1
            if threshold == 0.3:
                speaker = analysis.quotes[best].speaker
                scores.accuracy(lang, "quote_speakers").add(
                    speaker is not None and _same_name(speaker.name, q.get("speaker", "")))
        for _, _, part_spans in golds:
            for part in part_spans:
                piece = _best_cover(analysis.quotes, part, used, threshold)
                if piece is not None:
                    used.add(piece)
        tally.fp += len(analysis.quotes) - len(used)


def _best_cover(quotes: tuple[Any, ...], span: Span | None, used: set[int], threshold: float) -> int | None:
    """The unused prediction covering most of `span` (at least `threshold` of it), independent of the
    order of the predictions."""
    if span is None or not len(span):
        return None
    covers = [(pred.span.overlap(span) / len(span), i) for i, pred in enumerate(quotes) if i not in used]
    cover, index = max(covers, key=lambda c: (c[0], -c[1]), default=(0.0, -1))
    return index if cover >= threshold else None


def _same_name(got: str, want: str) -> bool:
    a, b = normalise(got), normalise(want)
    for article in ("le ", "la ", "les ", "l'", "un ", "une ", "the "):
        a = a.removeprefix(article)
        b = b.removeprefix(article)
    return bool(a) and (a == b or a in b or b in a)


def _score_attributions(doc: GoldDoc, article: Article, analysis: Analysis, scores: Scores, lang: str) -> None:
    g, text = doc.data, article.text
    tally = scores.tally(lang, "attributions")
    used: set[int] = set()
    for gold in g.get("attributions", []):
        span = locate(text, gold["raw"], g.get("repairs", []))
        match = None
        for i, pred in enumerate(analysis.attributions):
            if i in used:
                continue
            overlaps = span is not None and pred.span.overlap(span) > 0
            if overlaps and _same_name(pred.source, gold["source"]):
                match = i
                break
        if match is None:
            tally.fn += 1
        else:
            used.add(match)
            tally.tp += 1
            scores.accuracy(lang, "attribution_kinds").add(analysis.attributions[match].kind == gold.get("kind"))
    tally.fp += len(analysis.attributions) - len(used)


def _claim_at(analysis: Analysis, span: Span) -> Any:
    best, best_overlap = None, 0
    for claim in analysis.claims:
        overlap = claim.span.overlap(span)
        if overlap > best_overlap:
            best, best_overlap = claim, overlap
    return best


def _score_modality(doc: GoldDoc, article: Article, analysis: Analysis, scores: Scores, lang: str) -> None:
    g, text = doc.data, article.text
    repairs = g.get("repairs", [])
    acc = scores.accuracy(lang, "modality")
    items = list(g.get("modality", []))
    items += [{"raw": r, "modality": "not-asserted"} for r in g.get("reported_not_asserted_raw", [])]
    items += [{"raw": d["raw"], "modality": "denied"} for d in g.get("denials", [])]
    for item in items:
        span = locate(text, item["raw"], repairs)
        claim = _claim_at(analysis, span) if span is not None else None
        got = claim.modality if claim is not None else None
        if item["modality"] == "not-asserted":  # the seeds' label: reported without being asserted
            acc.add(got in {"conditional", "reported", "hedged"})
        else:
            acc.add(got == item["modality"])


def _entity_names(analysis: Analysis) -> set[str]:
    return {normalise(e.name) for e in analysis.entities}


def _entity_forms(name: str) -> set[str]:
    """A gold name and, when it ends with an annotator's qualifier in brackets ("ministère des Mines
    (Niger)"), the name without it: the qualifier tells entities apart, no text says it."""
    return {normalise(name), normalise(re.sub(r"\s*\([^()]*\)\s*$", "", name))} - {""}


def _score_entities(doc: GoldDoc, article: Article, analysis: Analysis, scores: Scores, lang: str) -> None:
    tally = scores.tally(lang, "entities")
    got = _entity_names(analysis)
    ids = {e.id for e in analysis.entities}
    wanted = {frozenset(_entity_forms(e["name"])) for e in doc.data.get("entities", [])}
    tally.tp += sum(1 for forms in wanted if any(f in got or _slug(f) in ids for f in forms))
    tally.fn += sum(1 for forms in wanted if not any(f in got or _slug(f) in ids for f in forms))
    # A predicted entity is a false positive when it matches no gold entity by the same rule
    # that counts a match (its name, or its id being the slug of a gold name): an entity whose
    # id matched a gold name is not also counted against precision for its display name.
    want = {f for forms in wanted for f in forms}
    want_slugs = {_slug(w) for w in want}
    tally.fp += len({normalise(e.name) for e in analysis.entities
                     if normalise(e.name) not in want and _slug(e.name) not in want_slugs and e.id not in want_slugs})


def _slug(name: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join(w for w in "".join(c if c.isalnum() else " " for c in folded).split())


def score_document(doc: GoldDoc, article: Article | None, analysis: Analysis | None, scores: Scores) -> None:
    lang = doc.data.get("lang") or "fr"
    if article is None:
        scores.accuracy(lang, "documents_ingested").add(False)
        return
    scores.accuracy(lang, "documents_ingested").add(True)
    _score_cleaning(doc, article, scores, lang)
    analysis = analysis or Analysis(article_id=article.id, lang=article.lang)
    _score_figures(doc, article, analysis, scores, lang)
    _score_quotes(doc, article, analysis, scores, lang)
    _score_attributions(doc, article, analysis, scores, lang)
    _score_modality(doc, article, analysis, scores, lang)
    _score_entities(doc, article, analysis, scores, lang)


# ------------------------------------------------------------------ grouping


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster), over the gold items."""
    items = [i for i in gold if i in predicted]
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for i in items:
        by_gold[gold[i]].add(i)
        by_pred[predicted[i]].add(i)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    p = sum(len(by_gold[gold[i]] & by_pred[predicted[i]]) / len(by_pred[predicted[i]]) for i in items) / len(items)
    r = sum(len(by_gold[gold[i]] & by_pred[predicted[i]]) / len(by_gold[gold[i]]) for i in items) / len(items)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0, 4)}


def copy_pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(pair) for group in groups for pair in itertools.combinations(sorted(set(group)), 2)}

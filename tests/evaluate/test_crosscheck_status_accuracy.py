"""The fact-status accuracy of the cross-check scorer: gold items matched to produced facts."""

from __future__ import annotations

from recoupe.evaluate.extra import GoldMatch, match_gold_item, summarise_matches
from recoupe.model import Evidence, Fact, Figure, Span


def _ev(aid: str, text: str, value: Figure | None = None) -> Evidence:
    return Evidence(article_id=aid, outlet=None, span=Span(0, len(text)), text=text, modality="reported", value=value)


def _fact(fid: str, kind: str, status: str, evidence: list[Evidence]) -> Fact:
    return Fact(id=fid, story_id="s", kind=kind, label=evidence[0].text, evidence=tuple(evidence), origins=(),
                status=status)


def test_claim_item_matches_the_fact_with_its_numbers_and_words():
    mourning = _fact("f1", "claim", "corroborated", [_ev("a", "Le gouvernement a décrété trois jours de deuil national."),
                                                    _ev("b", "The government declared three days of national mourning.")])
    toll = _fact("f2", "claim", "single-source", [_ev("a", "Plus de 120 soldats ont été tués depuis janvier.")])
    item = {"claim": "three days of national mourning", "in": ["a", "b"]}
    fact, score = match_gold_item(item, "corroborated", [toll, mourning], {"a", "b"})
    assert fact is mourning and score > 1.0
    fact, _ = match_gold_item({"claim": "more than 120 soldiers killed since January", "in": ["a"]}, "corroborated",
                              [mourning, toll], {"a"})
    assert fact is toll


def test_slot_item_needs_its_values_among_the_fact_figures():
    forty = Figure(span=Span(0, 2), text="une quarantaine de véhicules", kind="count", low=36, high=44)
    sixty = Figure(span=Span(0, 2), text="plus de 60 véhicules", kind="count", low=60, high=None)
    vehicles = _fact("f1", "figure", "contradicted", [_ev("a", "x", forty), _ev("b", "y", sixty)])
    item = {"slot": "convoy size", "values": {"a": "about 40", "b": "more than 60"}}
    fact, _ = match_gold_item(item, "contradicted", [vehicles], {"a", "b"})
    assert fact is vehicles
    fact, _ = match_gold_item({"slot": "x", "values": {"a": "12", "b": "15"}}, "contradicted", [vehicles], {"a", "b"})
    assert fact is None


def test_summary_gives_accuracy_with_support_and_per_status_precision_recall():
    matches = [GoldMatch("s", "corroborated", "corroborated", "t", "f1", "corroborated", 1.0),
               GoldMatch("s", "corroborated", "corroborated", "t", "f2", "single-source", 1.0),
               GoldMatch("s", "denied", "denied", "t", "f3", "denied", 1.0),
               GoldMatch("s", "denied", "denied", "t", None, None, 0.0)]
    out = summarise_matches(matches)
    assert out["support"] == 3 and out["expected"] == 4 and out["accuracy"] == round(2 / 3, 4)
    assert out["per_status"]["corroborated"]["recall"] == 0.5
    assert out["per_status"]["single-source"]["precision"] == 0.0
    assert out["per_status"]["denied"]["recall"] == 1.0 and out["per_status"]["denied"]["recall_over_expected"] == 0.5

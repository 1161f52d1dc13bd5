"""The first acceptance test: the seeds' cross-check shows what gold.json says."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_facts(seed_store):
    stories = seed_store.stories()
    assert len(stories) == 1, [s.label for s in stories]
    story = stories[0]
    articles = {a.id: a for a in seed_store.articles(story.members)}
    by_file = {}
    for article in articles.values():
        raw = seed_store.raw_document(article.raw_id)
        by_file[raw.provenance.source.rsplit("/", 1)[-1][:3]] = article.id
    return seed_store.facts(story.id), by_file


def _gold(seeds_dir):
    return json.loads((seeds_dir / "gold.json").read_text("utf-8"))["crosscheck"]


def test_crosscheck_seeds_form_one_story_with_both_articles(seed_facts):
    _, by_file = seed_facts
    assert set(by_file) == {"000", "001"}


def test_crosscheck_thousand_paramilitaries_corroborated_by_two_origins(seed_facts):
    facts, by_file = seed_facts
    personnel = [f for f in facts if f.kind == "figure" and f.slot and "personnel" in f.slot
                 and f.status == "corroborated"]
    assert personnel, [f.label for f in facts if f.kind == "figure"]
    fact = personnel[0]
    assert {e.article_id for e in fact.evidence} >= set(by_file.values())
    assert fact.independent_origins >= 2
    assert all(e.value is not None and e.value.low <= 1000 <= (e.value.high or 1000) for e in fact.evidence
               if e.stance == "supports")


def test_crosscheck_mission_claim_corroborated_in_both(seed_facts):
    facts, by_file = seed_facts
    mission = [f for f in facts if f.status == "corroborated" and f.kind == "claim"
               and any("former" in e.text and "FAMa" in e.text for e in f.evidence)]
    assert mission
    assert {e.article_id for e in mission[0].evidence} == set(by_file.values())


def test_crosscheck_duration_contradicted_with_both_sides(seed_facts, seeds_dir):
    facts, by_file = seed_facts
    gold = _gold(seeds_dir)["contradicted"][0]
    assert "French troops" in gold["slot"]
    durations = [f for f in facts if f.slot == "duration" and f.status == "contradicted"]
    assert durations, [(f.slot, f.status) for f in facts if f.kind == "figure"]
    texts = {e.value.text for e in durations[0].evidence if e.value is not None}
    assert any("huit ans" in t for t in texts) and any("décennie" in t for t in texts)
    stances = {e.article_id: e.stance for e in durations[0].evidence}
    assert set(stances) == set(by_file.values())


def test_crosscheck_personnel_inconsistent_within_seed_001(seed_facts):
    facts, by_file = seed_facts
    inconsistent = [f for f in facts if f.status == "inconsistent"]
    assert inconsistent
    fact = inconsistent[0]
    assert {e.article_id for e in fact.evidence} == {by_file["001"]}
    texts = " | ".join(e.value.text for e in fact.evidence if e.value)
    assert "milliers" in texts and "un millier" in texts


def test_crosscheck_currency_conversion_consistent(seed_facts):
    facts, by_file = seed_facts
    checks = [(c, f) for f in facts for c in f.checks if c.kind == "currency-conversion"]
    assert checks
    check, fact = checks[0]
    assert check.result == "consistent"
    assert "9,146,941 EUR" in check.description and "655.957" in check.description
    assert {e.article_id for e in fact.evidence} == {by_file["001"]}


def test_crosscheck_single_source_facts_of_seed_001(seed_facts):
    facts, by_file = seed_facts
    single = [f for f in facts if f.status == "single-source"]
    payment = [f for f in single if f.kind == "figure" and f.slot and f.slot.startswith("money per month")]
    mines = [f for f in single if f.kind == "figure" and f.slot and "mining" in f.slot]
    assert payment and mines
    for fact in payment + mines:
        assert {e.article_id for e in fact.evidence} == {by_file["001"]}


def test_crosscheck_officials_denials_aligned_across_outlets(seed_facts):
    facts, by_file = seed_facts
    denials = [f for f in facts if f.slot == "denial" and {e.article_id for e in f.evidence} == set(by_file.values())]
    assert denials, [f.label for f in facts if f.slot == "denial"]
    assert denials[0].status == "corroborated"


def test_crosscheck_first_report_and_drift_present(seed_facts):
    facts, _ = seed_facts
    multi = [f for f in facts if len({e.article_id for e in f.evidence}) > 1]
    assert multi
    for fact in multi:
        assert fact.first_report is not None
        assert fact.drift and fact.drift[0].change == "first report"


def test_crosscheck_reference_date_marks_the_right_side_of_the_duration(seed_facts):
    """French operations in Mali began in January 2013: in September 2021 "huit ans" (000) is right."""
    facts, by_file = seed_facts
    duration = next(f for f in facts if f.slot == "duration" and f.status == "contradicted")
    sides = {e.article_id: e.stance for e in duration.evidence}
    assert sides[by_file["000"]] == "supports" and sides[by_file["001"]] == "contradicts"
    reference = next(c for c in duration.checks if c.kind == "duration-vs-reference")
    assert "“depuis huit ans” (" in reference.description and "agrees" in reference.description
    assert "décennie” (" in reference.description and "disagrees" in reference.description

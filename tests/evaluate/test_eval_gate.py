"""The quality gate: `recoupe eval` on eval/ and the seeds meets every floor of eval/floors.json.

Lowering a floor is a visible decision in review (trafilatura's eval gate)."""

from __future__ import annotations

import json

import pytest

from recoupe.evaluate.extra import crosscheck_scores, repair_scores
from recoupe.evaluate.run import check_floors, run_eval
from recoupe.settings import load_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores(eval_dir, seeds_dir, tmp_path_factory):
    result = run_eval(eval_dir, seeds_dir, load_settings(), db=tmp_path_factory.mktemp("eval") / "eval.db",
                      crosscheck_scorer=crosscheck_scores)
    result["repair"] = repair_scores(eval_dir / "repair")
    out = eval_dir.parent / "test-output"
    out.mkdir(exist_ok=True)
    (out / "eval-scores.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), "utf-8")
    return result


def test_eval_gate_every_floor_met(scores, eval_dir):
    failures = check_floors(scores, eval_dir / "floors.json")
    assert not failures, "\n".join(failures)


def test_eval_gate_every_document_ingested(scores):
    assert scores["all"]["documents_ingested"]["accuracy"] == 1.0


def test_eval_gate_no_lookalike_stories_merged(scores):
    assert scores["grouping"]["lookalike_stories_merged"] == 0


def test_eval_gate_repair_changes_no_genuine_question_mark(scores):
    for name, score in scores["repair"].items():
        if "heldout" not in name:
            assert score["wrongly_changed"] == 0, name

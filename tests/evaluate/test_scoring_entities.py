from __future__ import annotations

from pathlib import Path
from typing import Any

from recoupe.evaluate.gold import GoldDoc
from recoupe.evaluate.scoring import Scores, _score_entities
from recoupe.model import Analysis, Entity


def _tally(gold: list[dict[str, Any]], found: list[Entity]) -> tuple[int, int, int]:
    doc = GoldDoc(key="s00/a.txt", path=Path("a.txt"), line=None, story="s00", data={"entities": gold})
    scores = Scores()
    _score_entities(doc, None, Analysis("a", "fr", entities=tuple(found)), scores, "fr")  # type: ignore[arg-type]
    tally = scores.tally("fr", "entities")
    return tally.tp, tally.fp, tally.fn


def test_scoring_entity_matched_by_id_is_not_also_a_false_positive():
    # gold names the agency by its acronym; the prediction by its long form, with the acronym as id
    gold = [{"name": "AOAP", "kind": "organisation"}, {"name": "Mali", "kind": "country"}]
    found = [Entity("aoap", "Agence Ouest-Africaine de Presse", "organisation"), Entity("mali", "Mali", "country")]
    assert _tally(gold, found) == (2, 0, 0)


def test_scoring_entity_beyond_the_gold_is_a_false_positive():
    gold = [{"name": "Mali", "kind": "country"}]
    found = [Entity("mali", "Mali", "country"), Entity("niger", "Niger", "country")]
    assert _tally(gold, found) == (1, 1, 0)


def test_scoring_entity_gold_qualifier_in_brackets_is_not_required():
    gold = [{"name": "ministère des Mines (Niger)", "kind": "organisation"}]
    assert _tally(gold, [Entity("ministere-des-mines", "ministère des Mines", "organisation")]) == (1, 0, 0)
    assert _tally(gold, [Entity("ministere-des-mines-niger", "ministère des Mines (Niger)", "organisation")]) == (1, 0, 0)

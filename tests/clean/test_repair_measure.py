"""The lost-character repair on the eval texts (damaged to latin-1, repaired, scored)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.clean import damage, measure_repair, repair_encoding


@pytest.mark.parametrize("name", ["fr.txt", "en.txt", "fr_heldout.txt"])
def test_repair_measure_meets_goal(eval_dir: Path, name: str) -> None:
    text = (eval_dir / "repair" / name).read_text("utf-8")
    score = measure_repair([text])
    assert score.n_damaged > 10 and score.genuine_question_marks > 3
    assert score.precision >= 0.995
    assert score.recall >= 0.98
    assert score.wrongly_changed == 0


def test_repair_damage_is_latin1_one_for_one() -> None:
    assert damage("l’œuvre… « oui » – café") == "l??uvre? « oui » ? café"


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("Qui paiera ? Personne.", "Qui paiera ? Personne."),
        ("Why? Because it rained.", "Why? Because it rained."),
        ("I don?t know, it?s over.", "I don’t know, it’s over."),
        ("Le c?ur et la s?ur, l??uvre, aujourd?hui.", "Le cœur et la sœur, l’œuvre, aujourd’hui."),
        ("Bamako? au risque de fâcher Paris.", "Bamako… au risque de fâcher Paris."),
        ("Le ministre ? qui a démissionné ? a parlé.", "Le ministre – qui a démissionné – a parlé."),
        ("?We will not back down,? he said.", "“We will not back down,” he said."),
    ],
)
def test_repair_examples(damaged: str, expected: str) -> None:
    assert repair_encoding(damaged).text == expected


def test_repair_segments_map_back() -> None:
    raw = "DÃ©fense : l?AFP"
    result = repair_encoding(raw)
    assert result.text == "Défense : l’AFP"
    rebuilt = "".join(raw[s.raw_start : s.raw_end] for s in result.segments)
    assert rebuilt == raw

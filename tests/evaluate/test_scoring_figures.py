"""Figure scoring: a gold figure's context picks which of its places is meant; durations compare
across units."""

from __future__ import annotations

from recoupe.evaluate.scoring import _figure_spans, _matches_value
from recoupe.model import Figure, Span


def test_context_raw_picks_the_place_of_the_figure() -> None:
    text = "Dans la nuit de mercredi à jeudi, la vedette a été saisie, a annoncé jeudi la Douane."
    gold = {"raw": "jeudi", "kind": "date", "context_raw": "a annoncé jeudi"}
    spans = _figure_spans(text, gold, [])
    assert [text[s.start - 10:s.end] for s in spans] == ["a annoncé jeudi"]
    # without a context every place counts, in text order
    assert len(_figure_spans(text, {"raw": "jeudi"}, [])) == 2


def test_duration_in_another_unit_matches() -> None:
    year = Figure(Span(0, 20), "depuis près d'un an", "duration", 1.0, 1.0, approx=True, unit="years")
    assert _matches_value(year, {"raw": "près d'un an", "kind": "duration", "value_months": 12})
    assert not _matches_value(year, {"raw": "près d'un an", "kind": "duration", "value_months": 8})
    days = Figure(Span(0, 10), "deux semaines", "duration", 14.0, 14.0, unit="days")
    assert _matches_value(days, {"raw": "deux semaines", "kind": "duration", "value_days": 14})
    assert _matches_value(days, {"raw": "deux semaines", "kind": "duration", "value_weeks": 2})

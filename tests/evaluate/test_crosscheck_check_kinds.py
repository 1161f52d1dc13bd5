"""The eval reads which check a gold consistency check asks for from its wording."""

from __future__ import annotations

from recoupe.evaluate.extra import gold_check_kind


def test_gold_check_kinds():
    assert gold_check_kind("'mardi' under the 4 March dateline: 4 March 2025 was a Tuesday") == "weekday-vs-date"
    assert gold_check_kind("500,000 XOF at the fixed peg is 762 EUR") == "currency-conversion"
    assert gold_check_kind("a 20 % rise to 600 implies about 500 before") == "percentage"
    assert gold_check_kind("the toll in the lead against the toll in the last paragraph") == "other"

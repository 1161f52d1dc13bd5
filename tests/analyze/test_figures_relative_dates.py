"""A month or a weekday alone, resolved against the publication date; prices per kilo; periods after a complement."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures_helpers import blank_parsed  # noqa: E402

from recoupe.analyze.figures import extract_figures  # noqa: E402
from recoupe.model import PartialDate  # noqa: E402

PUBLISHED = PartialDate(2024, 5, 15)  # a Wednesday


def _dates(text: str, lang: str) -> dict[str, PartialDate | None]:
    return {f.text: f.date for f in extract_figures(blank_parsed(text, lang, PUBLISHED)) if f.kind == "date"}


@pytest.mark.parametrize(
    ("text", "lang", "surface", "expected"),
    [
        ("L’accord a été signé en janvier à Bamako.", "fr", "en janvier", PartialDate(2024, 1)),
        ("Les livraisons sont suspendues depuis juillet.", "fr", "depuis juillet", PartialDate(2023, 7)),
        ("Le prix restera fixe jusqu’en mars.", "fr", "jusqu’en mars", PartialDate(2025, 3)),
        ("Le ministre s’est exprimé dimanche soir.", "fr", "dimanche soir", PartialDate(2024, 5, 12)),
        ("The deal was signed in January.", "en", "in January", PartialDate(2024, 1)),
        ("Gunmen attacked the town on Monday.", "en", "on Monday", PartialDate(2024, 5, 13)),
        ("The vote took place on Wednesday.", "en", "on Wednesday", PartialDate(2024, 5, 15)),
        ("BAMAKO, May 14 (Sahel Wire) - Troops arrived.", "en", "May 14", PartialDate(2024, 5, 14)),
        ("BAMAKO, Feb 13 (Sahel Wire) - Troops arrived.", "en", "Feb 13", PartialDate(2024, 2, 13)),
    ],
)
def test_figures_month_or_weekday_alone(text, lang, surface, expected):
    assert _dates(text, lang).get(surface) == expected


def test_figures_lower_case_may_is_not_a_month():
    assert _dates("Prices may rise in the coming weeks.", "en") == {}


@pytest.mark.parametrize(
    ("text", "lang", "period"),
    [
        ("Le prix est fixé à 2 300 francs CFA le kilo.", "fr", "kg"),
        ("Farmers get 1,800 CFA francs a kilo.", "en", "kg"),
        ("La mine produit 6 tonnes d’or par an.", "fr", "year"),
    ],
)
def test_figures_period_per_unit_and_after_complement(text, lang, period):
    figures = extract_figures(blank_parsed(text, lang, PUBLISHED))
    assert [f.period for f in figures] == [period]

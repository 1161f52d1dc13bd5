"""A date whose pattern already read its parts is not parsed twice, and reads as dateparser reads it."""

from __future__ import annotations

import pytest

from recoupe.analyze.figure_dates import find_dates, read_date
from recoupe.model import PartialDate

PUBLISHED = PartialDate(2024, 6, 12)

CASES = [
    ("fr", "Le convoi est parti le 1er mars 2024 de Gao."),
    ("fr", "Les faits remontent au mardi 14 septembre, selon la gendarmerie."),
    ("fr", "Une réunion s'est tenue le 12/03/2024 à Niamey."),
    ("fr", "Le décret du 3 sept. 2023 a été abrogé."),
    ("fr", "La convention signée en novembre 2022 prévoyait une revue."),
    ("fr", "Un prétendu accord du 31 février 2024 circule en ligne."),
    ("en", "The junta said on March 3, 2024 that the talks had failed."),
    ("en", "Troops arrived on 5 May, officials said."),
    ("en", "A statement dated 12/03/2024 was read on state television."),
    ("en", "The filing is dated 2024-03-12."),
]


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_captured_parts_read_like_dateparser(lang: str, text: str) -> None:
    candidates = [c for c in find_dates(text, lang) if c.relative is None]
    assert candidates, text
    for c in candidates:
        span = text[c.start : c.end]
        fast = read_date(span, lang, PUBLISHED, c.has_day, c.has_year, captured=c)
        slow = read_date(span, lang, PUBLISHED, c.has_day, c.has_year)
        assert fast == slow, span


def test_impossible_day_is_no_date() -> None:
    text = "Un prétendu accord du 31 février 2024 circule."
    (c,) = find_dates(text, "fr")
    assert c.month_value == 2 and c.day_value == 31
    assert read_date(text[c.start : c.end], "fr", PUBLISHED, c.has_day, c.has_year, captured=c) is None


def test_missing_year_is_the_publication_year() -> None:
    text = "Les faits remontent au 14 septembre."
    (c,) = find_dates(text, "fr")
    assert read_date(text[c.start : c.end], "fr", PUBLISHED, c.has_day, c.has_year, captured=c) == PartialDate(2024, 9, 14)
    assert read_date(text[c.start : c.end], "fr", None, c.has_day, c.has_year, captured=c) is None

"""Date slots leave out datelines and the dates of statements; a slot's values far apart in size
count different things and do not contradict each other."""

from __future__ import annotations

from types import SimpleNamespace

from recoupe.crosscheck.figures import is_dateline, is_statement_date, split_by_magnitude


def _at(text: str, date: str) -> tuple[int, int]:
    start = text.index(date)
    return start, start + len(date)


def test_a_dateline_is_the_date_of_the_report():
    for text, date in [("Titre\nTIMBUKTU, March 4 (Sahel Courier) - The governor", "March 4"),
                       ("Kayes, 9 avril 2025 (APS) – Le préfet a", "9 avril 2025"),
                       ("Gao, 3 juin 2024 - Des habitants", "3 juin 2024")]:
        assert is_dateline(text, *_at(text, date)), text
    for text, date in [("Le préfet a signé le 9 avril un arrêté - sans délai", "le 9 avril"),
                       ("Des tirs ont été entendus le 3 juin à Gao.", "le 3 juin")]:
        assert not is_dateline(text, *_at(text, date)), text


def test_a_date_right_after_a_statement_verb_dates_the_statement():
    for text, date, lang, expected in [("La préfecture a annoncé mardi", "mardi", "fr", True),
                                       ("Local officials said on Monday", "on Monday", "en", True),
                                       ("La convention signée vendredi", "vendredi", "fr", False),
                                       ("Le ministère a suspendu lundi", "lundi", "fr", False)]:
        assert is_statement_date(text, text.index(date), lang) is expected, text


def _value(low: float, high: float) -> SimpleNamespace:
    return SimpleNamespace(interval=(low, high))


def test_values_far_apart_in_size_form_separate_groups_in_their_first_order():
    days, years, week = _value(3 / 365, 3 / 365), _value(9, 9), _value(7 / 365, 7 / 365)
    groups = split_by_magnitude([years, days, week])  # type: ignore[list-item]
    assert groups == [[years], [days, week]]
    close = [_value(6e9, 6e9), _value(18e9, 18e9)]
    assert len(split_by_magnitude(close)) == 1  # type: ignore[arg-type]

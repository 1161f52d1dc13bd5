"""Dates: a night stands for two days, and two dates are of one event when the words around them
name the same happening, in French or in English."""

from __future__ import annotations

from datetime import date

from recoupe.crosscheck.figure_dates import date_interval, event_words
from recoupe.model import Figure, PartialDate, Span


def _date(text: str, written: str, day: date | None, month_only: bool = False) -> Figure:
    start = text.index(written)
    when = PartialDate(day.year, day.month, None if month_only else day.day) if day else None
    return Figure(Span(start, start + len(written)), written, "date", day.year if day else None,
                  day.year if day else None, date=when)


def _days(text: str, written: str, day: date, month_only: bool = False) -> tuple[float, float] | None:
    return date_interval(_date(text, written, day, month_only), text)


def test_a_night_or_an_evening_stands_for_two_days():
    may13, may14 = float(date(2024, 5, 13).toordinal()), float(date(2024, 5, 14).toordinal())
    text = "Les avions se sont posés le 13 mai au soir à Bamako."
    assert _days(text, "le 13 mai", date(2024, 5, 13)) == (may13, may14)
    text = "Ils ont atterri dans la nuit du 13 au 14 mai à Bamako."
    assert _days(text, "14 mai", date(2024, 5, 14)) == (may13, may14)
    text = "Le coup devait être exécuté dans la nuit du 13 au 14 mai 2024 à Bamako."
    assert _days(text, "dans la nuit du 13 au 14 mai 2024", date(2024, 5, 1), month_only=True) == (may13, may14)
    text = "La convention a été signée le 14 mai à Bamako."
    assert _days(text, "le 14 mai", date(2024, 5, 14)) == (may14, may14)


def test_dates_of_one_event_share_its_words_across_languages():
    fr = "Au moins 21 civils ont été tués dimanche 17 mars dans une frappe de drone."
    en = "A drone strike killed up to 30 people at a crowded livestock market on Saturday, March 16."
    a = event_words(fr, _date(fr, "dimanche 17 mars", date(2024, 3, 17)), "fr")
    b = event_words(en, _date(en, "Saturday, March 16", date(2024, 3, 16)), "en")
    assert a & b


def test_dates_of_two_events_of_a_trial_do_not_meet():
    opening = "Le procès de 17 militaires s’est ouvert lundi 10 mars devant le tribunal militaire."
    verdict = "Le tribunal militaire de Ouagadougou a rendu vendredi son verdict."
    a = event_words(opening, _date(opening, "lundi 10 mars", date(2025, 3, 10)), "fr")
    b = event_words(verdict, _date(verdict, "vendredi", date(2025, 3, 14)), "fr")
    assert not a & b

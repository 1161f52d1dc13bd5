"""A count's slot: what befell those counted, read after the count first, then before it; a unit
that only says who (personnes, people) and no qualifier joins no slot; adjectives before the noun."""

from __future__ import annotations

from recoupe.crosscheck.figure_slots import slot_of, unit_factor
from recoupe.model import Figure, Span


def _count(text: str, unit: str | None, value: float = 3) -> Figure:
    return Figure(span=Span(0, len(text)), text=text, kind="count", low=value, high=value, unit=unit)


def test_people_take_the_slot_of_what_befell_them():
    assert slot_of(_count("13 personnes", "personnes"), " avaient été tuées et qu’une vingtaine d’autres blessées") \
        == "count: deaths"
    assert slot_of(_count("une vingtaine", None), " d’autres avaient été blessées, loin des 21 morts",
                   "que 13 personnes avaient été tuées et qu’") == "count: wounded"
    assert slot_of(_count("At least 45 people", "people"), " were arrested, police said") == "count: arrested"
    assert slot_of(_count("environ 600 personnes", "personnes"), ", selon le syndicat",
                   "La mine, qui emploie ") == "count: workers"
    assert slot_of(_count("De 1 000 à 1 400 personnes", "personnes"), " auraient quitté les côtes") is None


def test_a_place_says_where_people_are_not_what_soldiers_count():
    assert slot_of(_count("environ 170 personnes", "personnes"), " à bord, tentait de rejoindre") == "count: on board"
    assert slot_of(_count("quelque 200 hommes", "hommes"), " à bord de deux appareils") == "count: personnel"


def test_the_noun_after_adjectives_names_the_slot():
    assert slot_of(_count("three senior", "senior"), " Chinese executives of the company") == "count: executives"
    assert slot_of(_count("Huit membres", "membres"), " d’équipage ont été interpellés") == "count: crew"
    assert slot_of(_count("trois minéraliers", "minéraliers"), " bloqués en rade") == "count: minerali"  # its own, not mining sites


def test_kilogrammes_count_in_tonnes():
    assert unit_factor(_count("1 180 kilogrammes", "kilogrammes")) == 0.001
    assert unit_factor(_count("1,2 tonne", "tonne")) == 1.0

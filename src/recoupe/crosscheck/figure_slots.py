"""What a figure counts: the slot it joins (data/slots.json), and the factor to the slot's unit.

A count's slot, first rule that applies:
1. its unit is a meta-count ("quatre sources", "trois fois"): no slot;
2. its unit, or the noun after an adjective ("three senior executives"), names a slot of its own
   ("survivants", "cadres", "marins"): that slot, whatever befell them;
3. a generic unit ("soldats", "personnes", "passagers") or none at all takes the slot of what befell
   those counted, read from the words right after the count in its clause ("13 personnes avaient
   été tuées"), else right before it ("l'interpellation d'une quarantaine de personnes");
4. else the generic unit's slot ("soldats" -> personnel); a unit that only says who ("personnes",
   "civils") and no qualifier: no slot;
5. else a slot named by the unit itself ("trois pays").
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

from recoupe.crosscheck.text import fold
from recoupe.model import Figure

__all__ = ["slot_of", "is_subset", "unit_factor", "is_named_slot", "slot_table"]

# How far after a count its qualifier may stand ("au moins 12 militaires, dont quatre officiers,
# ont été interpellés"), and before it ("ont donné lieu à l'interpellation d'").
AFTER_REACH = 60
BEFORE_REACH = 45
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\n]")
_ELISION = re.compile(r"^(?:[dljscmnt]|qu)['’]")


@functools.lru_cache(maxsize=1)
def slot_table() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("recoupe").joinpath("data/slots.json").read_text("utf-8"))
    return data


@functools.lru_cache(maxsize=1)
def _qualifier_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(slot, pattern) per qualifier cue: a cue is a word beginning ('interpel'), or a whole word
    when written with a trailing space ('peri ')."""
    out = []
    for slot, cues in slot_table().get("qualifiers", {}).items():
        for cue in cues:
            body = re.escape(cue.rstrip()) + (r"(?![a-z])" if cue.endswith(" ") else "")
            out.append((slot, re.compile(r"(?<![a-z])" + body)))
    return tuple(out)


def _first_cue(text: str) -> tuple[int, str] | None:
    hits = [(m.start(), slot) for slot, pattern in _qualifier_patterns() for m in [pattern.search(text)] if m]
    return min(hits) if hits else None


def _last_cue(text: str) -> tuple[int, str] | None:
    hits = [(m.start(), slot) for slot, pattern in _qualifier_patterns() for m in pattern.finditer(text)]
    return max(hits) if hits else None


def _qualified(figure: Figure, after: str, before: str) -> str | None:
    """The slot what befell those counted forces: the first cue after the count in its clause
    ("23 soldats tués", "13 personnes avaient été tuées"), else the last one before it ("were
    arrested" ahead of "at least 45 people", "qui emploie environ 600 personnes")."""
    tail = fold(_CLAUSE_END.split(after[:AFTER_REACH], maxsplit=1)[0])
    found = _first_cue(tail)  # not the count's own words: "deux juges" are no defendants
    if found is None:
        head = _CLAUSE_END.split(before[-BEFORE_REACH:])[-1] if before else (figure.about or "")
        found = _last_cue(fold(head))
    return f"count: {found[1]}" if found else None


def is_subset(before: str) -> bool:
    """A count introduced as part of another ("dont sept enfants", "including seven children")."""
    words = " ".join(fold(before).replace(",", " ").split())
    return any(words.endswith(cue) for cue in slot_table().get("subset_cues", ()))


def _word(raw: str) -> str:
    return _ELISION.sub("", fold(raw).strip(".,;:!?»«\"'’"))


def _names(word: str, prefix: str) -> bool:
    """Does a slot's stem name the word: a word beginning, or the whole word (singular or plural)
    when written with a trailing space ('mine ' is not 'minéraliers')?"""
    if prefix.endswith(" "):
        return word in (prefix.strip(), prefix.strip() + "s")
    return word.startswith(prefix)


def _named_slot(word: str) -> str | None:
    table = slot_table()
    for slot in table.get("specific_slots", ()):
        if any(_names(word, prefix) for prefix in table["slots"].get(slot, ())):
            return str(slot)
    return next((slot for slot, prefixes in table["slots"].items() if any(_names(word, p) for p in prefixes)), None)


def _unit_words(figure: Figure, after: str) -> list[str]:
    """The unit's words, then the word right after the count ("senior" then "executives"; "membres"
    then "d'équipage")."""
    words = [_word(w) for w in (figure.unit or "").split()]
    following = re.match(r"[^\S\n]*([^\W\d_][\w'’-]*)(?:[^\S\n]+([^\W\d_][\w'’-]*))?", after)
    if following:  # "three senior Chinese executives": the noun may follow two adjectives
        words += [_word(w) for w in following.groups() if w]
    return [w for w in words if w]


def slot_of(figure: Figure, after: str = "", before: str = "") -> str | None:
    if figure.kind == "money":
        return f"money per {figure.period}" if figure.period else "money"
    if figure.kind in {"duration", "percent"}:
        return figure.kind
    if figure.kind == "date":
        from recoupe.crosscheck.figure_dates import day_pair

        return "date" if figure.date is not None and (figure.date.day is not None or day_pair(figure)) else None
    if figure.kind != "count":
        return None
    table = slot_table()
    if not figure.unit:  # "trois ont été acquittés": what befell them is the only slot there is
        return _qualified(figure, after, before)
    unit = _word(figure.unit.split()[0])
    if unit in table["ignore"] or unit.rstrip("s") in table["ignore"]:
        return None
    own = next((s for s in (_named_slot(w) for w in _unit_words(figure, after)) if s), None)
    if own is not None and own not in table.get("generic_slots", ()):
        return f"count: {own}"  # "four executives" stay executives before "a 72-hour deadline"
    qualified = _qualified(figure, after, before)
    if qualified and (own in table.get("who_only_slots", ()) or own is None
                      or qualified.removeprefix("count: ") not in table.get("place_qualifiers", ())):
        return qualified
    if own in table.get("who_only_slots", ()):
        return None  # "De 1 000 à 1 400 personnes": who, but nothing said of what befell them
    return f"count: {own or unit[:8]}"


def is_named_slot(slot: str) -> bool:
    """Is a count slot one of the table's (deaths, personnel, ...) rather than named by a stray unit
    ("trois pays")? Counts of a named slot are compared story-wide; the others only in context."""
    table = slot_table()
    name = slot.removeprefix("count: ")
    return name in table["slots"] or name in table.get("qualifiers", {})


def unit_factor(figure: Figure) -> float:
    """The factor to the slot's unit ("1 180 kilogrammes" -> 0.001 tonnes)."""
    if figure.kind != "count" or not figure.unit:
        return 1.0
    unit = _word(figure.unit.split()[0])
    for prefix, factor in slot_table().get("unit_factors", {}).items():
        if unit.startswith(prefix):
            return float(factor)
    return 1.0

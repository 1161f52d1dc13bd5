"""Dates in the cross-check: the days a date may stand for, and the event it dates.

1. A date stands for its day, or for two days when it names a night or an evening ("dans la nuit
   du 13 au 14 mai", "le 13 mai au soir", "overnight on May 13-14"): an event of that night is
   reported on either day without contradiction.
2. Two dates of a story date one event when the words right around them name the same happening
   ("ont été tués dimanche 17 mars dans une frappe", "signée jeudi 29 février", "signed on
   Friday"): word beginnings, French and English meeting through data/slots.json "event_words";
   names (capitalised words), time words and statement verbs say nothing of the event. Two dates
   giving the same day are also linked: they cannot disagree.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from recoupe.crosscheck.figure_slots import slot_table
from recoupe.crosscheck.tables import crosscheck_table
from recoupe.crosscheck.text import fold
from recoupe.lexicon import speech_verbs
from recoupe.model import Figure, PartialDate

__all__ = ["calendar_day", "date_interval", "day_pair", "event_keys", "event_words"]

# Content words on each side of a date that may name its event, within its clause; further out
# (EVENT_REACH_NAMED words) only words of the event lexicon count ("A drone strike killed up to
# 30 people at a crowded livestock market in northern Mali on Saturday").
EVENT_REACH = 1
EVENT_REACH_NAMED = 6
# An event word is compared by its first letters: "signé", "signée", "signed" meet.
EVENT_PREFIX = 4
_CLAUSE = re.compile(r"[.;:!?()«»\"“”\n]")
_ELISION = re.compile(r"^(?:[dljscmnt]|qu)['’]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# "nuit du 14 au", "night of 14 to", "nuit de mercredi à": the date closes a two-day night.
_SECOND_OF_PAIR = re.compile(r"(?:\bdu|\bde|\bof)\s+[\w’']+\s+(?:au|à|to|-|–)\s*$")
_PAIR_AFTER = re.compile(r"^\s*(?:-|–|au|à|to)\s*\d{1,2}\b|^\s*(?:à|to)\s+[^\W\d_]+")


def calendar_day(when: PartialDate | None) -> date | None:
    """The calendar day of a date known to the day; None otherwise (or when no such day exists)."""
    if when is None or when.month is None or when.day is None:
        return None
    try:
        return date(when.year, when.month, when.day)
    except ValueError:
        return None


# "dans la nuit du 21 au 22 septembre 2024", "May 13-14": two days of one month.
_DAY_PAIR = re.compile(r"\b(\d{1,2})(?:er)?\s*(?:au|à|to|-|–|and|et)\s*(\d{1,2})\b(?!\s*(?:h|:))")


def day_pair(figure: Figure) -> tuple[date, date] | None:
    """The two days a date written as a night or a span of days names, when the date itself
    carries only its month ("dans la nuit du 21 au 22 septembre 2024")."""
    when = figure.date
    match = _DAY_PAIR.search(figure.text)
    if when is None or when.month is None or when.day is not None or match is None:
        return None
    try:
        first, last = (date(when.year, when.month, int(g)) for g in match.groups())
    except ValueError:
        return None
    return (first, last) if 0 < (last - first).days <= 2 else None


@functools.lru_cache(maxsize=1)
def _night_words() -> frozenset[str]:
    return frozenset(slot_table().get("night_words", ()))


def date_interval(figure: Figure, text: str) -> tuple[float, float] | None:
    """The days (ordinals) a date figure stands for: one, or two for a night (rule 1)."""
    pair = day_pair(figure)
    if pair is not None:
        return float(pair[0].toordinal()), float(pair[1].toordinal())
    day = calendar_day(figure.date)
    if day is None:
        return None
    ordinal = float(day.toordinal())
    before = fold(text[max(figure.span.start - 30, 0) : figure.span.start])
    after = fold(text[figure.span.end : figure.span.end + 20])
    near = set(_WORD.findall(before.split("\n")[-1])[-4:]) | set(_WORD.findall(f"{fold(figure.text)} {after}")[:4])
    if not near & _night_words():
        return ordinal, ordinal
    if _SECOND_OF_PAIR.search(before):
        return ordinal - 1, ordinal
    return ordinal, ordinal + 1  # "le 13 mai au soir", "overnight on May 13-14", "nuit de mercredi à"


@functools.lru_cache(maxsize=1)
def _event_groups() -> dict[str, str]:
    """Event word beginning -> the key shared by its French and English forms."""
    out: dict[str, str] = {}
    for group in slot_table().get("event_words", ()):
        for word in group:
            out[word[:EVENT_PREFIX]] = group[0][:EVENT_PREFIX]
    return out


@functools.lru_cache(maxsize=4)
def _not_event_words(lang: str) -> frozenset[str]:
    """Words that say nothing of what happened: stop words, time words, statement verbs."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    words = {fold(w) for w in (*FR, *EN)} | set(crosscheck_table()["weekdays"])
    words |= set(slot_table().get("time_words", ()))
    for language in ("fr", "en"):
        words |= {fold(form) for row in speech_verbs(language).rows for form in row[1:4]}
    return frozenset(words)


def _content_words(text: str, lang: str | None) -> list[str]:
    """Word beginnings that may say what happened: no names, no stop, time or number words (a word
    of the event lexicon is kept even where spaCy lists it as a stop word: "ouvert")."""
    from text_to_num import alpha2digit

    skip = _not_event_words(lang or "fr")
    groups = _event_groups()
    out = []
    for raw in _WORD.findall(text):
        word = _ELISION.sub("", fold(raw))
        key = word[:EVENT_PREFIX]
        if key not in groups and (raw[:1].isupper() or len(word) < 3 or word in skip or word.rstrip("s") in skip
                                  or alpha2digit(word, "fr" if lang != "en" else "en") != word):
            continue
        out.append(key)
    return out


def event_words(text: str, figure: Figure, lang: str | None) -> frozenset[str]:
    """The event keys of the words around a date in its clause (rule 2)."""
    before = _content_words(_CLAUSE.split(text[max(figure.span.start - 160, 0) : figure.span.start])[-1], lang)
    after = _content_words(_CLAUSE.split(text[figure.span.end : figure.span.end + 160], maxsplit=1)[0], lang)
    groups = _event_groups()
    near = before[-EVENT_REACH:] + after[:EVENT_REACH]
    # The nearest word of the event lexicon on each side: "payer avant le 31 janvier" is of a
    # payment, not of the "avenant signé" further back.
    named = [next((w for w in reversed(before[-EVENT_REACH_NAMED:]) if w in groups), ""),
             next((w for w in after[:EVENT_REACH_NAMED] if w in groups), "")]
    return frozenset(groups.get(w, w) for w in near + named if w)


def event_keys(text: str) -> frozenset[str]:
    """The event lexicon's keys for the words of a text ("cinq jours d'audience" and "six jours de
    procès" both name the trial), marked apart from plain word stems."""
    groups = _event_groups()
    keys = {groups.get(_ELISION.sub("", fold(w))[:EVENT_PREFIX]) for w in _WORD.findall(text)}
    return frozenset(f"event:{k}" for k in keys if k)

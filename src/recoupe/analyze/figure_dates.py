"""Dates among the figures: find candidate spans by pattern, let dateparser read them.

dateparser reads stray words as dates (NOTES.md), so it only ever sees a span
this module selected: "le 1er mars 2024", "14 septembre", "mardi 3 mars",
"March 3, 2024", "il y a trois semaines". The precision of the result (year,
month or day) comes from what the span states, never from dateparser's fill-in.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

from recoupe.analyze.numbers import words_pattern
from recoupe.model import PartialDate

__all__ = ["DateCandidate", "find_dates", "read_date", "read_range_date", "read_relative_date", "relative_base", "shift_back"]


@dataclass(frozen=True)
class DateCandidate:
    start: int
    end: int
    has_day: bool
    has_year: bool
    relative: str | None = None  # "past" / "future" (a month alone), "weekday" (a weekday alone),
    # "night" (a weekday night: "dans la nuit de mercredi à jeudi"), "period" (a phrase of date_words'
    # relative_periods: "l’an dernier"), "range" (two days or months: read as the period holding both)
    year_value: int | None = None  # the parts the pattern captured, when it names the month:
    month_value: int | None = None  # read_date then needs no second parse (dateparser costs ~1.5 ms a call)
    day_value: int | None = None


@functools.lru_cache(maxsize=4)
def _date_words(lang: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("recoupe").joinpath(f"lang/{lang}/date_words.json").read_text(encoding="utf-8")
    )
    return data


@functools.lru_cache(maxsize=4)
def _date_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    data = _date_words(lang)
    month = words_pattern(data["months"])
    weekday = words_pattern(data["weekdays"])
    suffix = words_pattern(data["day_ordinal_suffixes"])
    day = rf"(?P<day>[0-3]?\d)(?:{suffix})?"
    year = r"(?P<year>(?:1[89]|2[01])\d\d)(?!\d)"
    day_month = rf"{_starts([*data['weekdays'], 'le', 'the', *'0123456789'])}(?<![\w])(?:{weekday},?\s+)?(?:le\s+|the\s+)?{day}\s+(?P<month>{month})(?![\w])(?:,?\s+{year})?"
    month_day = rf"{_starts([*data['weekdays'], *data['months']])}(?<![\w])(?:{weekday},?\s+)?(?P<month>{month})\s+{day}(?![\w\d])(?:,?\s+{year})?"
    month_year = rf"{_starts(data['months'])}(?<![\w])(?P<month>{month})\s+{year}"
    numeric = r"(?<![\w/.])(?P<day>[0-3]?\d)[/.](?P<mnum>[01]?\d)[/.](?P<year>(?:19|20)\d\d)(?![\w/])"
    iso = r"(?<![\w-])(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?![\w-])"
    past = words_pattern(data.get("month_past_openers", []))
    future = words_pattern(data.get("month_future_openers", []))
    month_alone = rf"{_starts([*data.get('month_future_openers', []), *data.get('month_past_openers', [])])}(?<![\w])(?:(?P<future>{future})|(?P<past>{past}))\s*(?P<month>{month})(?![\w])(?!\s+\d)"
    if lang == "en":
        weekday_alone = rf"{_starts(data.get('weekday_before', ['on']))}(?<![\w])(?:{words_pattern(data.get('weekday_before', ['on']))})\s+(?P<weekday>{weekday})(?![\w])(?!,?\s+\d)"
    else:
        after = words_pattern(data.get("weekday_after", []))
        weekday_alone = rf"{_starts(data['weekdays'])}(?<![\w])(?P<weekday>{weekday})(?:\s+(?:{after}))?(?![\w])(?!\s+\d)"
    flags = re.IGNORECASE
    patterns = [day_month, month_year, numeric, iso, month_alone, weekday_alone]
    if lang == "en":
        patterns.insert(1, month_day)
    return (*(re.compile(p, flags) for p in _range_patterns(lang)), *(re.compile(p, flags) for p in patterns))


def _starts(words: Any) -> str:
    """A lookahead on the first letters of `words`: the scan skips other positions fast (half the cost)."""
    first = {w[0].lower() for w in words if w} | {w[0].upper() for w in words if w}
    return "(?=[" + "".join(re.escape(c) for c in sorted(first)) + "])" if first else ""


def _range_patterns(lang: str) -> list[str]:
    """Ranges and relative periods, tried before single dates so that their parts are not read alone."""
    data = _date_words(lang)
    month = words_pattern(data["months"])
    weekday = words_pattern(data["weekdays"])
    suffix = words_pattern(data["day_ordinal_suffixes"])
    year = r"(?P<year>(?:1[89]|2[01])\d\d)(?!\d)"
    opener = words_pattern(data["range_openers"])
    joiner = words_pattern(data["range_joiners"])
    night = words_pattern(data["night_openers"])
    first_day = rf"(?P<day1>[0-3]?\d)(?:{suffix})?"
    last_day = rf"(?P<day>[0-3]?\d)(?:{suffix})?"
    periods = words_pattern(data["relative_periods"])
    patterns = [
        # "du 13 au 14 mai 2024", "entre le 3 et le 5 juin", "13-14 May"
        rf"{_starts([*data['range_openers'], *'0123456789'])}(?<![\w])(?:{opener}\s+)?{first_day}\s*(?:{joiner}|[-–])\s*{last_day}\s+(?P<month>{month})(?![\w])(?:,?\s+{year})?",
        # "entre janvier et juin", "from January to June 2024"
        rf"{_starts(data['range_openers'])}(?<![\w]){opener}\s+(?P<month1>{month})\s+{joiner}\s+(?P<month>{month})(?![\w])(?:,?\s+{year})?",
        # "dans la nuit de mercredi à jeudi", "overnight Wednesday to Thursday"
        rf"{_starts(data['night_openers'])}(?<![\w]){night}\s+(?P<weekday1>{weekday})\s+{joiner}\s+(?P<nightday>{weekday})(?![\w])",
        # "l’an dernier", "last year", "d’ici la fin de l’année"
        rf"{_starts(data['relative_periods'])}(?<![\w])(?P<period>{periods})(?![\w])",
    ]
    if data.get("day_alone_after"):  # "le 15 au matin"
        patterns.append(rf"{_starts(['le', 'the'])}(?<![\w])(?:le|the)\s+(?P<dayalone>[0-3]?\d)(?:{suffix})?\s+(?:{words_pattern(data['day_alone_after'])})(?![\w])")
    if lang == "en":  # "May 13-14, 2024"
        patterns.insert(1, rf"{_starts(data['months'])}(?<![\w])(?P<month>{month})\s+{first_day}\s*(?:{joiner}|[-–])\s*{last_day}(?![\w\d])(?:,?\s+{year})?")
    return patterns


@functools.lru_cache(maxsize=4)
def _month_numbers(lang: str) -> dict[str, int]:
    """Month word -> number, each word read once by dateparser (the authority on month names)."""
    numbers = {}
    for word in _date_words(lang)["months"]:
        read = _dateparser_read(f"1 {word} 2001", lang, None)
        if read is not None:
            numbers[word.lower()] = read.month
    return numbers


def _captured_parts(match: re.Match[str], lang: str) -> dict[str, int | None]:
    groups = match.groupdict()
    month = groups.get("month")
    number = _month_numbers(lang).get(month.lower()) if month else None
    if number is None and groups.get("mnum"):
        iso = match.start("year") < match.start("day")
        if lang != "fr" and not iso:
            return {}  # "12/03/2024" in English: day or month first is dateparser's call
        number = int(groups["mnum"] or 0)
    if number is None:
        return {}
    day, year = groups.get("day"), groups.get("year")
    return {"month_value": number, "day_value": int(day) if day else None, "year_value": int(year) if year else None}


def find_dates(text: str, lang: str) -> list[DateCandidate]:
    """Spans of calendar dates in `text`, longest first where two overlap."""
    lang = lang if lang in {"fr", "en"} else "fr"
    found: list[DateCandidate] = []
    found_by_start: dict[int, DateCandidate] = {}
    starts: list[int] = []  # sorted starts of the spans taken so far, for an overlap test by bisection
    for pattern in _date_patterns(lang):
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if lang == "en" and (groups.get("month") or groups.get("weekday")) and not (
                    groups.get("month") or groups.get("weekday") or "")[0].isupper():
                continue  # "may" the verb, "march" the noun: English months are capitalised
            if groups.get("weekday") and _habitual(text, m.start(), lang):
                continue  # "chaque dimanche", "every Sunday": a habit, not a date
            at = bisect.bisect_left(starts, m.start())
            if (at < len(starts) and starts[at] < m.end()) or (at > 0 and found_by_start[starts[at - 1]].end > m.start()):
                continue
            starts.insert(at, m.start())
            relative = _relative_kind(groups)
            if relative == "weekday" and _future_context(text, m.start(), m.end(), lang):
                relative = "weekday_next"
            parts = _range_parts(m, lang) if relative == "range" else {} if relative else _captured_parts(m, lang)
            candidate = DateCandidate(m.start(), m.end(), groups.get("day") is not None,
                                      groups.get("year") is not None, relative, **parts)
            found_by_start[m.start()] = candidate
            found.append(candidate)
    return sorted(found, key=lambda c: c.start)


def _future_context(text: str, start: int, end: int, lang: str) -> bool:
    """A weekday in a clause that looks ahead ("a appelé à une journée morte vendredi",
    "vendredi prochain", "will meet on Friday") is the next such day, not the last one."""
    clause_start = max((m.end() for m in re.finditer(r"[,;:.!?\n]", text[max(0, start - 160) : start])), default=0)
    clause = text[max(0, start - 160) + clause_start : end]
    cues = words_pattern(_date_words(lang).get("weekday_future_cues", []))
    return re.search(rf"(?<![\w]){cues}(?![\w])", clause, re.IGNORECASE) is not None


def _relative_kind(groups: dict[str, str | None]) -> str | None:
    for group, kind in (("weekday", "weekday"), ("future", "future"), ("past", "past"), ("nightday", "night"),
                        ("period", "period"), ("day1", "range"), ("month1", "range"), ("dayalone", "dayalone")):
        if groups.get(group):
            return kind
    return None


def _range_parts(match: re.Match[str], lang: str) -> dict[str, int | None]:
    """The period holding both ends: a month for "du 13 au 14 mai", a year for "entre janvier et juin"."""
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("day1"):
        month = _month_numbers(lang).get((groups.get("month") or "").lower())
        same_day = int(groups["day1"]) == int(groups["day"] or 0)
        return {"year_value": year, "month_value": month, "day_value": int(groups["day"] or 0) if same_day else None}
    return {"year_value": year, "month_value": None, "day_value": None}


def _habitual(text: str, start: int, lang: str) -> bool:
    words = words_pattern(_date_words(lang).get("habitual_before", []))
    return re.search(rf"(?<![\w]){words}\s+$", text[max(0, start - 16) : start], re.IGNORECASE) is not None


def relative_base(published: PartialDate | None) -> datetime | None:
    if published is None:
        return None
    return datetime(published.year, published.month or 7, published.day or 15)


def read_date(span_text: str, lang: str, published: PartialDate | None, has_day: bool, has_year: bool,
              relative: bool = False, captured: DateCandidate | None = None) -> PartialDate | None:
    """The PartialDate a selected span states; None when dateparser cannot read it or the year is unknown.
    A `captured` candidate whose pattern already read the month (and day, year) is checked, not reparsed;
    a missing year is the publication year, as dateparser's relative base gives it."""
    if not has_year and published is None:
        return None  # "14 septembre" without a publication date: the year is unknowable
    if captured is not None and captured.month_value is not None and not relative:
        return _checked_date(captured, published)
    parsed = _dateparser_read(_normalise(span_text), lang, relative_base(published))
    if parsed is None:
        return None
    if relative:
        return _truncate(parsed, published)
    return PartialDate(parsed.year, parsed.month, parsed.day if has_day else None)


def _checked_date(captured: DateCandidate, published: PartialDate | None) -> PartialDate | None:
    year = captured.year_value if captured.year_value is not None else (published.year if published else None)
    month = captured.month_value
    if year is None or month is None or not 1 <= month <= 12:
        return None
    day = captured.day_value if captured.has_day else None
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return None  # "31 février": no such day
    return PartialDate(year, month, day)


def _normalise(span_text: str) -> str:
    text = re.sub(r"\b(\d{1,2})(?:er|re)\b", r"\1", span_text)  # dateparser fails on "1er" (NOTES.md)
    return re.sub(r"^(?:le|the)\s+", "", text.strip(), flags=re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _parser(lang: str, base: datetime | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=[lang if lang in {"fr", "en"} else "fr"], settings=settings)


@functools.lru_cache(maxsize=2048)
def _dateparser_read(text: str, lang: str, base: datetime | None) -> date | None:
    parser = _parser(lang, base)
    try:
        result = parser.get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    return result.date_obj.date() if result and result.date_obj else None


def _truncate(value: date, published: PartialDate | None) -> PartialDate:
    """A date computed from the publication date is no more precise than that date."""
    if published is None or published.month is None:
        return PartialDate(value.year)
    if published.day is None:
        return PartialDate(value.year, value.month)
    return PartialDate(value.year, value.month, value.day)


def shift_back(published: PartialDate | None, amount: float, unit: str) -> PartialDate | None:
    """The date `amount` `unit`s before `published` ("depuis huit ans" in 2021-09 -> 2013)."""
    if published is None:
        return None
    if unit == "years":
        return PartialDate(published.year - round(amount))
    months = {"months": 1.0, "weeks": 12 / 52, "days": 12 / 365}.get(unit)
    if months is None or published.month is None:
        return PartialDate(published.year) if unit in {"hours", "minutes"} else None
    total = published.year * 12 + (published.month - 1) - round(amount * months)
    return PartialDate(total // 12, total % 12 + 1)


def read_relative_date(span_text: str, lang: str, published: PartialDate | None, relative: str) -> PartialDate | None:
    """A month or weekday alone, resolved against the publication date: the last such month
    up to it ("en janvier", "since January"), the next one ("jusqu'en mars"), or the last
    such weekday up to it ("on Monday", "dimanche soir")."""
    data = _date_words(lang if lang in {"fr", "en"} else "fr")
    lowered = span_text.lower()
    if relative == "period":
        return _relative_period(lowered, data, published)
    if published is None or published.month is None:
        return None
    if relative == "night":
        # the night of one weekday to the next: the last such night up to the publication date,
        # as the month (or year) that holds both days
        wanted = next((i for i, w in enumerate(data["weekdays"]) if re.search(rf"(?<![\w]){w}\W*$", lowered)), None)
        if wanted is None or published.day is None:
            return None
        today = date(published.year, published.month, published.day)
        last = today - timedelta(days=(today.weekday() - wanted) % 7)
        first = last - timedelta(days=1)
        return _enclosing(first, last)
    if relative in {"weekday", "weekday_next"}:
        if published.day is None:
            return None
        index = next((i for i, w in enumerate(data["weekdays"]) if re.search(rf"(?<![\w]){w}(?![\w])", lowered)), None)
        if index is None:
            return None
        today = date(published.year, published.month, published.day)
        if relative == "weekday_next":
            when = today + timedelta(days=(index - today.weekday()) % 7 or 7)
        else:
            when = today - timedelta(days=(today.weekday() - index) % 7)
        return PartialDate(when.year, when.month, when.day)
    if relative == "dayalone":  # "le 15 au matin": the last such day of the month up to the publication date
        found = re.search(r"\d+", lowered)
        if found is None or published.day is None:
            return None
        day = int(found.group(0))
        total = published.year * 12 + published.month - 1 - (1 if day > published.day else 0)
        try:
            return PartialDate(total // 12, total % 12 + 1, date(total // 12, total % 12 + 1, day).day)
        except ValueError:
            return None
    month = next((m for m in sorted(data["months"], key=len, reverse=True)
                  if re.search(rf"(?<![\w]){re.escape(m)}(?![\w])", lowered)), None)
    read = _dateparser_read(f"1 {month} 2001", lang, None) if month else None
    if read is None:
        return None
    year = published.year
    if relative == "past" and read.month > published.month:
        year -= 1
    if relative == "future" and read.month < published.month:
        year += 1
    return PartialDate(year, read.month)


def read_range_date(captured: DateCandidate, published: PartialDate | None) -> PartialDate | None:
    """A range of days ("du 13 au 14 mai") as their month, of months ("entre janvier et juin") as their year."""
    if captured.month_value is not None:
        return _checked_date(captured, published)
    year = captured.year_value if captured.year_value is not None else (published.year if published else None)
    return PartialDate(year) if year is not None else None


def _enclosing(first: date, last: date) -> PartialDate:
    """The most precise PartialDate true of every day from `first` to `last`."""
    if first == last:
        return PartialDate(last.year, last.month, last.day)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(last.year, last.month)
    return PartialDate(last.year) if first.year == last.year else PartialDate(first.year)


def _relative_period(lowered: str, data: dict[str, Any], published: PartialDate | None) -> PartialDate | None:
    """ "l’an dernier" in 2025 -> 2024; "d’ici la fin de l’année" -> December; "last month" -> the month before."""
    if published is None:
        return None
    key = re.sub(r"\s+", " ", lowered.strip()).replace("'", "’")
    table = {k.replace("'", "’"): v for k, v in data["relative_periods"].items()}
    if key not in table:
        return None
    unit, offset = table[key]
    if unit == "weekend" and published.month is not None and published.day is not None:
        today = date(published.year, published.month, published.day)
        saturday = today - timedelta(days=(today.weekday() - 5) % 7)  # the last Saturday up to today
        if today.weekday() == 4 and offset == 0:
            saturday += timedelta(days=7)  # "ce week-end" on a Friday is the coming one
        elif today.weekday() >= 5 and offset < 0:
            saturday -= timedelta(days=7)
        saturday += timedelta(days=7 * max(offset, 0))
        return _enclosing(saturday, saturday + timedelta(days=1))
    if unit == "year":
        return PartialDate(published.year + offset)
    if unit == "year_end":
        return PartialDate(published.year + offset, 12)
    if unit == "month" and published.month is not None:
        total = published.year * 12 + published.month - 1 + offset
        return PartialDate(total // 12, total % 12 + 1)
    return None

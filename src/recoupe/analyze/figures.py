"""Figures: counts, money, durations, dates and percentages, each as a range over a span.

`extract_figures(parsed)` scans the cleaned text with one compiled pattern per
language (numbers.py), then reads each candidate and what follows it. Only the
selected spans reach babel, text2num and dateparser. The cascade, in order:

1. Calendar dates ("le 1er mars 2024", "March 3", "14/03/2024") are found first
   (figure_dates.py) and no number inside them is read again; so are ranges ("du 13
   au 14 mai", "dans la nuit de mercredi à jeudi": the month or year holding both
   ends) and relative periods ("l'an dernier", "ce week-end").
2. A quantity is a number with its cues: "plus de 1 000", "un millier",
   "des milliers", "plusieurs centaines, voire un millier", "1.000 à 1.400".
   Plural collectives and vague determiners read as at least two of the unit
   ("des milliers" -> low 2000, high None, vague), singular collectives as
   approximate ("un millier" -> 1000, approx); "plusieurs terroristes", "depuis des
   années" are vague counts and durations; "un quart des" is a percent (25).
3. Numbers right after "article", "page", "n°" ... and clock times are not figures;
   a digit glued to letters ("14h30", "1er", "G7") is never matched.
4. Its kind, first rule that applies: a percent sign or word -> percent; a currency
   symbol or name -> money (also "francs" alone: step 7 finds which); a time unit -> duration ("il y a ..." / "... ago" -> date);
   a plain four-digit year -> date ("depuis 2013" -> duration since that year);
   a million or more with nothing counted -> money of unknown currency ("plusieurs
   millions"); anything else -> count.
5. Money takes a stated equivalent in parentheses or after "soit", then a period
   ("par mois", "a month"; before it: "un coût mensuel de"; a unit named earlier in
   the sentence: "le litre de super est passé à 750 francs"). A range may repeat its
   unit ("de 10 % à 60 %"). Counts take a unit: the noun after the number (after
   "de"/"of" for collectives), in its surface form, plus one relational adjective
   ("gisements miniers", "conseillers militaires") but no nationality
   ("paramilitaires russes" -> "paramilitaires"). A breakdown after a count
   ("trois gisements, deux d'or et un de magnésium") is skipped: its parts are not
   separate figures.
6. Durations anchored to the present ("depuis huit ans", "vieille de dix ans")
   carry the date they imply relative to the publication date.
7. What a figure leaves to the text before it (`_resolve_ellipses`): an elided
   currency ("680 francs", "1 200 milliards"), an elided number ("... from 675"), an
   elided counted noun ("60 more"), the unit of a price; and the CFA zone.

Lone "un", "une", "one" are articles, not figures. Kind "date" figures carry the
year in low/high (the full date is in `date`); durations carry the amount in
`unit` ("years", "months", "days", "hours", "minutes"; a week is seven days).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import cast

from recoupe.analyze.figure_dates import (
    find_dates,
    read_date,
    read_range_date,
    read_relative_date,
    shift_back,
)
from recoupe.analyze.nlp import Parsed
from recoupe.analyze.numbers import (
    APOS,
    FigureLexicon,
    Quantity,
    currency_table,
    lexicon,
    read_number,
    words_pattern,
)
from recoupe.model import Figure, PartialDate, Span

__all__ = ["extract_figures", "parse_quantity", "Quantity"]

_H = r"[^\S\n]"  # horizontal space: tails never cross a line break
_OF = rf"(?:de{_H}+|d{APOS}{_H}*|of{_H}+)"
_WORD = r"[^\W\d_][\w’'\-]*"
_YEAR = re.compile(r"(?:1[89]\d\d|20\d\d|2100)")
_CLAUSE_BREAK = re.compile(r"[;:!?«»()\[\]\n]|[.,](?=\s)")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_MAX_ABOUT_WORDS = 6


@dataclass(frozen=True)
class _Value:
    """What a core (number, collective, vague quantity) is worth before its tails."""

    low: float | None
    high: float | None
    approx: bool = False
    vague: bool = False
    scaled: bool = False  # carries a scale word or collective
    duration: tuple[str, float] | None = None  # ("years", 10) for "une décennie"
    abbreviation: bool = False  # "10m", "3bn": money only
    lone_word: bool = False  # "un", "une", "one": an article unless something follows
    digits: str | None = None  # the digit string, to recognise years
    needs_of: bool = False  # "milliards": a counted noun follows only after "de" ("1 200 milliards avancés")
    percent: bool = False  # a fraction: "un quart des réserves" is 25 %


# ----------------------------------------------------------------- public API


def extract_figures(parsed: Parsed) -> tuple[Figure, ...]:
    """Every figure in `parsed.text`, in text order."""
    return tuple(_scan(parsed.text, parsed.lang, parsed.published))


def parse_quantity(text: str, lang: str) -> Quantity | None:
    """The main quantity of a phrase read alone ("six milliards de francs CFA par mois")."""
    figures = _scan(text, lang, None)
    if not figures:
        return None
    main = max(figures, key=lambda f: (len(f.span), -f.span.start))
    return Quantity(
        text=main.text, kind=main.kind, low=main.low, high=main.high, approx=main.approx,
        vague=main.vague, unit=main.unit, currency=main.currency, period=main.period,
    )


# ----------------------------------------------------------------- scanning


def _scan(text: str, lang: str, published: PartialDate | None) -> list[Figure]:
    lx = lexicon(lang)
    figures = _date_figures(text, lx.lang, published)
    taken = [(f.span.start, f.span.end) for f in figures] + _not_figures(text)
    taken.sort()
    position = 0
    index = 0  # into `taken`, sorted: matches only move forward
    while True:
        match = lx.quantity.search(text, position)
        if match is None:
            break
        while index < len(taken) and taken[index][1] <= match.start("core"):
            index += 1
        blocking = taken[index][1] if index < len(taken) and taken[index][0] < match.end() else None
        if blocking is not None:
            position = max(match.end(), blocking)
            continue
        figure, end = _read_figure(match, text, lx, published)
        if figure is not None:
            figures.append(figure)
        position = max(end, match.end(), position + 1)
    return _resolve_ellipses(sorted(figures, key=lambda f: f.span.start), text, lx)


# ----------------------------------------------------------------- ellipses


def _resolve_ellipses(figures: list[Figure], text: str, lx: FigureLexicon) -> list[Figure]:
    """What a figure leaves to the ones before it, in text order:
    1. an amount without its currency ("680 francs", "1 200 milliards") takes the last currency
       the text named (among the ones an elliptic name like "francs" may stand for);
    2. a bare number after "contre" / "from" ("went up to 740 francs from 675") is the same kind
       of quantity as the amount before it in its sentence: its kind, currency and period; a bare
       number before "more" / "autres" counts what the count before it counts ("45 people ... 60 more");
    3. a price without its unit ("le pétrole lampant reste à 550 francs CFA") is per the unit of the
       last price in that currency ("... de 675 à 740 francs CFA" the litre) when they are of one
       magnitude (within a factor of three) and no other amount in that currency came between;
    4. "francs CFA" in a text about the Central African zone (Chad, Cameroon...) are XAF."""
    resolved: list[Figure] = []
    for figure in figures:
        if figure.kind == "money" and figure.currency is None:
            figure = replace(figure, currency=_antecedent_currency(resolved, figure, lx))
        elif figure.kind == "count" and figure.unit is None and resolved and _is_elliptic_number(text, figure, resolved[-1], lx):
            before = resolved[-1]
            figure = replace(figure, kind=before.kind, currency=before.currency, period=before.period)
        elif figure.kind == "count" and figure.unit is None and (counted := _elliptic_count_unit(text, figure, resolved, lx)):
            figure = replace(figure, unit=counted)
        if figure.kind == "money" and figure.period is None:
            figure = replace(figure, period=_antecedent_unit_price(resolved, figure, lx))
        resolved.append(figure)
    zone = _cfa_zone(text) if any(f.currency == "XOF" for f in resolved) else None
    if zone is None:
        return resolved
    return [_in_zone(f, zone) for f in resolved]


def _antecedent_currency(before: list[Figure], figure: Figure, lx: FigureLexicon) -> str | None:
    lowered = figure.text.lower()
    families = [codes for name, codes in lx.elliptic_currencies.items() if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", lowered)]
    for previous in reversed(before):
        if previous.kind == "money" and previous.currency and (not families or previous.currency in families[0]):
            return previous.currency
    return None


def _elliptic_count_unit(text: str, figure: Figure, before: list[Figure], lx: FigureLexicon) -> str | None:
    after = words_pattern(lx.cues["ellipsis_count_after"])
    if _compiled(rf"{_H}+{after}(?![\w])").match(text, figure.span.end) is None:
        return None
    previous = next((f for f in reversed(before) if f.kind != "date"), None)
    if previous is None or previous.kind != "count" or _SENTENCE_END.search(text, previous.span.end, figure.span.start):
        return None
    return previous.unit


def _antecedent_unit_price(before: list[Figure], figure: Figure, lx: FigureLexicon) -> str | None:
    unit_prices = set(lx.units["unit_price_nouns"]["nouns"].values())
    amount = figure.high if figure.high is not None else figure.low
    previous = next((f for f in reversed(before) if f.kind == "money" and f.currency == figure.currency), None)
    if previous is None or previous.period not in unit_prices or amount is None or figure.currency is None:
        return None
    reference = previous.high if previous.high is not None else previous.low
    if reference is None or not reference / 3 <= amount <= reference * 3:
        return None
    return previous.period


def _is_elliptic_number(text: str, figure: Figure, before: Figure, lx: FigureLexicon) -> bool:
    if before.kind not in {"money", "percent"} or figure.low != figure.high:
        return False
    if _SENTENCE_END.search(text, before.span.end, figure.span.start):
        return False
    opener = words_pattern(lx.cues["ellipsis_openers"])
    return bool(_compiled(rf"(?<![\w]){opener}{_H}+$").search(text[max(0, figure.span.start - 24) : figure.span.start]))


def _cfa_zone(text: str) -> str | None:
    """XAF when the text names the Central African CFA zone more often than the West African one."""
    counts = {"XAF": 0, "XOF": 0}
    for found in _cfa_cues().finditer(text):
        counts[found.lastgroup or "XOF"] += 1
    return "XAF" if counts["XAF"] > counts["XOF"] else None


@functools.lru_cache(maxsize=1)
def _cfa_cues() -> re.Pattern[str]:
    # Case-sensitive (names and adjectives as written): five times cheaper than an IGNORECASE scan.
    cues = currency_table()["cfa_zone_cues"]
    zones = [
        rf"(?P<{zone}>{'|'.join(re.escape(w) for w in sorted(words, key=len, reverse=True))})"
        for zone, words in cues.items()
    ]
    return re.compile(rf"(?<![\w])(?:{'|'.join(zones)})(?![\w])")


def _in_zone(figure: Figure, zone: str) -> Figure:
    explicit = re.search(r"(?i)xof|bceao|uemoa", figure.text)
    if figure.currency == "XOF" and not explicit:
        figure = replace(figure, currency=zone)
    if figure.stated_equivalent is not None:
        figure = replace(figure, stated_equivalent=_in_zone(figure.stated_equivalent, zone))
    return figure


# Clock times and phone numbers are numbers but never figures (the brief's rule); written by hand
# because no library we use separates them from quantities.
_NOT_FIGURES = re.compile(
    r"(?=[\d(+])(?<![\w.,])(?:"  # the lookahead halves the scan
    r"\d{1,2}[ \u00a0]?[hH:][ \u00a0]?\d{2}(?!\d)"  # 14h30, 14 h 30, 10:30
    r"|\d{1,2}(?::\d{2})?[ \u00a0]?(?:a\.m\.|p\.m\.|am|pm)(?![\w])"  # 10 a.m., 3pm
    r"|\d{1,2}[ \u00a0]?h(?![\w])"  # 9h, 9 h
    r"|(?:\+\d{1,3}[ .]?)?\(?0?\)?[1-9](?:[ .-]?\d{2}){4}(?!\d)"  # 01 23 45 67 89, +33 1 23 45 67 89
    r"|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)"  # (212) 555-0100
    r")"
)


def _not_figures(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _NOT_FIGURES.finditer(text)]


def _date_figures(text: str, lang: str, published: PartialDate | None) -> list[Figure]:
    figures = []
    for cand in find_dates(text, lang):
        span_text = text[cand.start : cand.end]
        if cand.relative == "range":
            when = read_range_date(cand, published)
        elif cand.relative is not None:
            when = read_relative_date(span_text, lang, published, cand.relative)
        else:
            when = read_date(span_text, lang, published, cand.has_day, cand.has_year, captured=cand)
        year = float(when.year) if when else None
        figures.append(Figure(Span(cand.start, cand.end), span_text, "date", year, year, date=when,
                              about=_about(text, cand.start, cand.end)))
    return figures


# ----------------------------------------------------------------- one figure


def _read_figure(match: re.Match[str], text: str, lx: FigureLexicon,
                 published: PartialDate | None) -> tuple[Figure | None, int]:
    """The figure a quantity match starts, and where it ends (its tails included)."""
    value = _core_value(match, lx)
    if value is None:
        return None, match.end()
    cues = _classify_cues(match.group("cues"), lx)
    start = match.start()
    currency = lx.symbols_before.get(match.group("cur")) if match.group("cur") else None

    opened = "range_open" in cues
    end, value = _range_tail(text, match.end(), value, lx, opened)
    if "range_open" in cues and end == match.end():
        # "de"/"entre" opened no range ("de milliers de ..."): it is not part of the figure.
        cues.discard("range_open")
        start = _first_cue_start(match, lx) if cues else match.start("cur") if match.group("cur") else match.start("core")
    end, value = _upper_alternative_tail(text, end, value, lx)
    value = _apply_cues(value, cues)
    end, approx_after = _match_tail(text, end, rf"{_H}+{words_pattern(lx.cues['approx_after'])}(?![\w])", lx)
    if approx_after:
        value = replace(value, approx=True)

    kind = "count"
    unit: str | None = None
    is_money = currency is not None
    end, is_percent = _match_tail(text, end, rf"{_H}*{words_pattern(lx.units['percent_words'])}(?![\w])", lx)
    if is_percent or value.percent:
        kind = "percent"
    elif currency is None:
        end, currency, value, is_money = _currency_after(text, end, value, lx)
    if kind == "count" and is_money:
        kind = "money"
    if kind in {"percent", "money"} and value.high == value.low:
        ranged_end, value = _marked_range_tail(text, end, value, lx, opened, kind, currency)
        if ranged_end != end and opened:
            start = match.start()
        end = ranged_end
    if value.abbreviation and kind != "money":
        return None, match.end()  # "10m" without a currency is ten metres, not ten million
    if not cues and _not_a_figure_before(text, start, lx):  # "number more than 1,000" is a figure
        return None, end
    if match.group("vcdet") and _compiled(rf"(?<![\w]){words_pattern(lx.cues['attribution_before'])}{_H}+$").search(
            text[max(0, start - 24) : start]):
        return None, end  # "selon plusieurs sources": who says it, not how many
    if kind == "count" and value.duration is None:
        of = rf"(?:{_OF})?" if value.scaled else ""  # "une quinzaine de jours", "des dizaines d'années"
        end, found = _match_tail(text, end, rf"{_H}+{of}(?P<dur>{words_pattern(lx.units['duration_units'])})(?![\w])", lx)
        if found:
            value = replace(value, duration=lx.duration_unit(found.group("dur")))
    if kind == "count" and value.duration is not None:
        return _duration_figure(text, start, end, value, lx, published)
    if kind == "count" and _is_year(value, text, start, lx):
        return _year_figure(text, start, end, value, lx, published)
    if kind == "count" and not cues and value.digits and _after_name(text, start, lx) and _unit_tail(text, end, lx)[1] is None:
        return None, end  # "Dakar Info 24", "France 24": a number closing a name
    if kind == "count" and value.lone_word and not cues and match.group("num").lower() in lx.words["articles"]:
        return None, end  # "un accord", "one of them": an article, not a figure

    equivalent = None
    if kind == "money":
        equivalent_end, equivalent = _stated_equivalent(text, end, lx, published)
        if equivalent is not None and equivalent.currency is not None and equivalent.currency == currency:
            equivalent = None  # "750 CFA, or XOF 750": the same sum again, or another one, never an equivalent
        else:
            end = equivalent_end
    elif kind == "count":
        end, unit = _unit_tail(text, end, lx, value.needs_of)
        if value.lone_word and unit is None:
            return None, end  # "un bâtiment neuf": an adjective unless a noun follows
        if unit is None and value.scaled and (value.low or 0) >= 1e6:
            kind = "money"  # "à hauteur de plusieurs millions": amounts in millions without a noun are money
        elif unit is not None and _is_measure(unit, lx):
            end, equivalent = _stated_equivalent(text, end, lx, published, "count")  # "150 km (93 miles)"
    end, period = _period_tail(text, end, lx) if kind in {"money", "count"} else (end, None)
    if kind == "money" and equivalent is None and period is not None:
        end, equivalent = _stated_equivalent(text, end, lx, published)  # "... par mois (environ 15 M€)"
    if kind == "money" and period is None:
        period = _period_before(text, start, lx) or (None if value.scaled else _unit_price_before(text, start, lx))
    figure = Figure(
        span=Span(start, end), text=text[start:end], kind=kind, low=value.low, high=value.high,
        approx=value.approx, vague=value.vague, unit=unit, currency=currency, period=period,
        stated_equivalent=equivalent, about=_about(text, start, end),
    )
    if kind == "count":
        end = _skip_breakdown(text, end, lx)
    return figure, end


def _first_cue_start(match: re.Match[str], lx: FigureLexicon) -> int:
    """Start of the first cue that is not a range opener."""
    for m in lx.cue.finditer(match.group("cues")):
        if _classify_cues(m.group(0), lx) - {"range_open"}:
            return match.start("cues") + m.start()
    return match.start("core")


def _classify_cues(cue_text: str, lx: FigureLexicon) -> set[str]:
    found: set[str] = set()
    for m in lx.cue.finditer(cue_text or ""):
        word = re.sub(r"\s+", " ", m.group(0).lower()).replace("'", "’")
        for kind in ("approx", "lower_bound", "upper_bound", "range_open"):
            if word in {w.replace("'", "’") for w in lx.cues[kind]}:
                found.add(kind)
    return found


def _apply_cues(value: _Value, cues: set[str]) -> _Value:
    if "approx" in cues:
        value = replace(value, approx=True)
    if "lower_bound" in cues and value.low is not None:
        value = replace(value, high=None, approx=value.approx or value.duration is not None)
    if "upper_bound" in cues and value.high is not None:
        value = replace(value, low=None if "lower_bound" not in cues else value.low)
    return value


# ----------------------------------------------------------------- core values


def _core_value(match: re.Match[str], lx: FigureLexicon) -> _Value | None:
    if match.group("art"):
        return _article_value(match.group("art_what"), lx)
    if match.group("halfa"):  # "half a million", "un demi-million"
        half = 0.5 * (lx.scale_of(match.group("halfa_what")) or 1)
        return _Value(half, half, scaled=True)
    if match.group("cart"):  # "la trentaine de morts"
        return _article_value(match.group("cart_what"), lx)
    if match.group("vddet"):  # "depuis des années", "quelques heures plus tard"
        return _Value(2.0, None, vague=True, duration=lx.duration_unit(match.group("vdur")))
    if match.group("bfrac") and _compiled(rf"(?<![\w]){words_pattern(lx.words['fractions_bare_not_after'])}{_H}+$").search(
            match.string[max(0, match.start("bfrac") - 16) : match.start("bfrac")]):
        return None  # "the second half of 2024": a part of a period, not a share
    if match.group("frac") or match.group("bfrac"):  # "environ un quart des", "half of"
        share = float(lx.words["fractions"][(match.group("frac") or match.group("bfrac")).lower()])
        share *= float(lx.words["fraction_numerators"].get((match.group("fnum") or "").lower(), 1))
        return _Value(share, share, percent=True)
    if match.group("vcdet"):  # "plusieurs terroristes": at least two, the noun follows
        return _Value(2.0, None, vague=True)
    if match.group("vdet") or match.group("bcoll"):
        first = match.group("vcoll") or match.group("bcoll")
        second = match.group("vcoll2") or match.group("bcoll2")
        # the pattern's second group only matches plural collectives, which always have a scale
        base = (lx.scale_of(first) or 1) * (cast(float, lx.scale_of(second)) if second else 1)
        return _Value(2 * base, None, vague=True, scaled=True)
    return _number_value(match, lx)


def _article_value(what: str, lx: FigureLexicon) -> _Value:
    duration = lx.duration_unit(what)
    if duration:
        return _Value(1, 1, duration=duration)
    scale = lx.scale_of(what) or 1
    collective = what.lower() in lx.words["collectives"] and what.lower() not in lx.words["scales"]
    approx = collective and lx.lang == "fr"  # "un millier" is about a thousand; "a dozen" is twelve
    return _Value(scale, scale, approx=approx, scaled=True)


def _number_value(match: re.Match[str], lx: FigureLexicon) -> _Value | None:
    raw = match.group("num")
    after = match.string[match.end("num") : match.end("num") + 1]
    if raw[0].isdigit() and not match.group("abbr") and after.isalpha():
        return None  # glued to letters: "14h30", "1er", "3e", "5km"
    number = read_number(raw, lx.lang)
    if number is None:
        return None
    scale_word = match.group("scale") or match.group("abbr")
    scale = lx.scale_of(scale_word) if scale_word else None
    approx = bool(match.group("scale")) and match.group("scale").lower() in lx.words["collectives_plural"] \
        and match.group("scale").lower() not in lx.words["scales"]
    if match.group("half"):
        number += 0.5
    if scale:
        number *= scale
    lone = raw.strip().lower() in lx.words["lone_words_not_numbers"] and not scale_word
    digits = raw if raw[0].isdigit() and not scale_word else None
    needs_of = bool(match.group("scale")) and match.group("scale").lower() in lx.words.get("scales_need_of", [])
    return _Value(number, number, approx=approx, scaled=bool(scale), abbreviation=bool(match.group("abbr")),
                  lone_word=lone, digits=digits, needs_of=needs_of)


# ----------------------------------------------------------------- tails


def _match_tail(text: str, end: int, pattern: str, lx: FigureLexicon) -> tuple[int, re.Match[str] | None]:
    found = _compiled(pattern).match(text, end)
    return (found.end(), found) if found else (end, None)


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    # A per-process cache of tail patterns built from the lexicons (small and bounded: a few per language).
    if pattern not in _PATTERNS:
        _PATTERNS[pattern] = re.compile(pattern, re.IGNORECASE)
    return _PATTERNS[pattern]


def _range_tail(text: str, end: int, value: _Value, lx: FigureLexicon, opened: bool) -> tuple[int, _Value]:
    if value.vague:
        return end, value
    connectors = lx.cues["range_connectors"] if opened else [
        c for c in lx.cues["range_connectors"] if c not in lx.cues["range_connectors_need_open"]
    ]
    connector = rf"{_H}*{words_pattern(connectors)}{_H}*"
    found = _compiled(connector).match(text, end)
    if not found:
        return end, value
    second = lx.bare_quantity.match(text, found.end())
    if not second:
        return end, value
    upper = _core_value(second, lx)
    if upper is None or upper.low is None or value.low is None or upper.vague:
        return end, value
    low = value.low
    if upper.scaled and not value.scaled and low < upper.low:
        low *= lx.scale_of(second.group("scale") or second.group("abbr") or "") or 1
    if low > upper.low:
        return end, value
    return second.end(), replace(value, low=low, high=upper.low, approx=value.approx or upper.approx,
                                 scaled=value.scaled or upper.scaled,
                                 duration=value.duration or upper.duration)


def _upper_alternative_tail(text: str, end: int, value: _Value, lx: FigureLexicon) -> tuple[int, _Value]:
    """ "plusieurs centaines, voire un millier" -> 200..1000."""
    opener = rf"{_H}*,?{_H}*{words_pattern(lx.cues['upper_alternative'])}{_H}+"
    found = _compiled(opener).match(text, end)
    if not found:
        return end, value
    second = lx.quantity.match(text, found.end())
    upper = _core_value(second, lx) if second else None
    if second is None or upper is None or upper.low is None or value.low is None or upper.low < value.low:
        return end, value
    return second.end(), replace(value, high=upper.low, approx=value.approx or upper.approx)


def _currency_after(text: str, end: int, value: _Value,
                    lx: FigureLexicon) -> tuple[int, str | None, _Value, bool]:
    """The currency named after an amount: (end, ISO code, value, is money). An elliptic name
    ("680 francs") is money whose currency the text gave earlier (`_resolve_ellipses`)."""
    names = words_pattern([*lx.currencies, *lx.elliptic_currencies])
    found = _compiled(rf"{_H}+(?:{_OF})?(?P<name>{names})(?![\w])").match(text, end)
    if found:
        name = re.sub(r"\s+", " ", found.group("name").lower())
        return found.end(), lx.currencies.get(name), value, True
    found = _symbols_after(lx.lang).match(text, end)
    if found:
        symbol = found.group("sym")
        scale = lx.symbol_scales.get(symbol)
        if scale and value.low is not None:
            value = replace(value, low=value.low * scale, high=value.high * scale if value.high else None)
        return found.end(), lx.symbols_after.get(symbol) or lx.symbols_after.get(symbol.upper()), value, True
    return end, None, value, False


def _marked_range_tail(text: str, end: int, value: _Value, lx: FigureLexicon, opened: bool, kind: str,
                       currency: str | None) -> tuple[int, _Value]:
    """ "de 10 % à 60 %", "from 680 francs to 750 francs": a range whose ends both carry the unit."""
    connectors = lx.cues["range_connectors"] if opened else [
        c for c in lx.cues["range_connectors"] if c not in lx.cues["range_connectors_need_open"]
    ]
    found = _compiled(rf"{_H}*{words_pattern(connectors)}{_H}*").match(text, end)
    second = lx.bare_quantity.match(text, found.end()) if found else None
    if second is None or second.group("cur"):
        return end, value
    upper = _core_value(second, lx)
    if upper is None or upper.low is None or value.low is None or upper.vague or upper.low <= value.low:
        return end, value
    if kind == "percent":
        marker_end, percent = _match_tail(text, second.end(), rf"{_H}*{words_pattern(lx.units['percent_words'])}(?![\w])", lx)
        marked = percent is not None
    else:
        marker_end, second_currency, _, marked_money = _currency_after(text, second.end(), upper, lx)
        marked = marked_money and second_currency in {currency, None}
    if not marked:
        return end, value
    return marker_end, replace(value, high=upper.low, approx=value.approx or upper.approx)


def _period_before(text: str, start: int, lx: FigureLexicon) -> str | None:
    """ "un coût mensuel de 10 milliards", "a monthly 5,000 francs": the period stated just before."""
    before = text[max(0, start - 40) : start]
    table = {k.replace("'", "’"): v for k, v in lx.units["period_adjectives_before"].items()}
    found = _compiled(rf"(?<![\w])(?P<adj>{words_pattern(table)})(?:{_H}+{_WORD})?{_H}+(?:{_OF})?$").search(before)
    if not found:
        return None
    return table.get(found.group("adj").lower().replace("'", "’"))


def _unit_price_before(text: str, start: int, lx: FigureLexicon) -> str | None:
    """ "le litre de super est passé à 750 francs", "the price of a litre rose to 750 CFA francs":
    an amount in a sentence that names the unit it is priced by is a price per that unit."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    table = lx.units["unit_price_nouns"]
    found = _compiled(rf"(?<![\w]){words_pattern(table['determiners'])}{_H}+(?P<noun>{words_pattern(table['nouns'])})(?![\w])"
                      ).search(text, sentence_start, start)
    return table["nouns"].get(found.group("noun").lower()) if found else None


@functools.lru_cache(maxsize=4)
def _symbols_after(lang: str) -> re.Pattern[str]:
    symbols = "|".join(re.escape(s) for s in sorted(lexicon(lang).symbols_after, key=len, reverse=True))
    return re.compile(rf"(?:{_H}+{_OF}|{_H}?)(?P<sym>{symbols})(?![\w])", re.IGNORECASE)


def _stated_equivalent(text: str, end: int, lx: FigureLexicon, published: PartialDate | None,
                       kind: str = "money") -> tuple[int, Figure | None]:
    """ "(environ 9,15 millions d'euros)" or ", soit 9,15 millions d'euros" after a money figure;
    a measure's equivalent stands only in parentheses, in another measure unit ("150 km (93 miles)")."""
    openers = words_pattern(lx.cues["equivalent_openers"])
    forms = [(rf"{_H}*\({_H}*", r"[^\S\n]*\)"), (rf"{_H}*,?{_H}*{openers}{_H}+", None)]
    for pattern, closing in forms if kind == "money" else forms[:1]:
        found = _compiled(pattern).match(text, end)
        if not found:
            continue
        inner = lx.quantity.match(text, found.end())
        if not inner:
            continue
        nested, inner_end = _read_figure(inner, text, lx, published)
        if nested is None or nested.kind != kind or (
                kind == "count" and not _is_measure(nested.unit, lx)):
            continue
        if closing is None:
            return inner_end, nested
        closed = _compiled(closing).match(text, inner_end)
        if closed:
            return closed.end(), nested
    return end, None


def _is_measure(unit: str | None, lx: FigureLexicon) -> bool:
    return bool(unit) and (unit or "").split()[0].lower() in lx.units["measure_units"]


def _period_tail(text: str, end: int, lx: FigureLexicon) -> tuple[int, str | None]:
    periods = words_pattern(lx.units["periods"])
    # a short complement may stand between the unit and the period: "6 tonnes d'or par an"
    found = _compiled(rf"(?:{_H}+{_OF}{_WORD})?{_H}*,?{_H}*(?P<period>{periods})(?![\w])").match(text, end)
    if not found:
        return end, None
    key = re.sub(r"\s+", " ", found.group("period").lower()).replace("'", "’")
    table = {k.replace("'", "’"): v for k, v in lx.units["periods"].items()}
    return found.end(), table.get(key)


def _unit_tail(text: str, end: int, lx: FigureLexicon, needs_of: bool = False) -> tuple[int, str | None]:
    """The counted noun, in surface form, with at most one relational adjective."""
    of = _OF if needs_of else rf"(?:{_OF})?"
    found = _compiled(rf"{_H}+{of}(?P<w1>{_WORD})(?:{_H}+(?P<w2>{_WORD}))?").match(text, end)
    if not found:
        return end, None
    stop = set(lx.units["unit_stop_words"])
    first, second = found.group("w1"), found.group("w2")
    if first.lower() in stop or _is_number_word(first, lx):
        return end, None
    if lx.lang == "en" and first[0].isupper() and second and second.islower() and second.lower() not in stop:
        return found.end(), second  # "1,000 Russian mercenaries": the demonym is not what is counted
    if second and second.islower() and second.lower() not in stop and _is_modifier(
        first if lx.lang == "en" else second, lx
    ):
        return found.end(), f"{first} {second}"
    return found.end("w1"), first


def _is_modifier(word: str, lx: FigureLexicon) -> bool:
    word = word.lower()
    if word in lx.units["unit_modifier_exceptions"]:
        return False
    return any(word.endswith(suffix) for suffix in lx.units["unit_modifier_suffixes"])


def _is_number_word(word: str, lx: FigureLexicon) -> bool:
    return word.lower() in lx.words["words"] or lx.scale_of(word) is not None


def _skip_breakdown(text: str, end: int, lx: FigureLexicon) -> int:
    """Past ", deux d'or et un de magnésium": the parts of a count are not figures of their own."""
    number = rf"(?:{words_pattern(lx.words['words'])}|\d+)"
    part = rf"{number}{_H}+{_OF}{_WORD}"
    joiner = rf"(?:{_H}*,{_H}*|{_H}+(?:et|and){_H}+)"
    found = _compiled(rf"{_H}*,{_H}*{part}(?:{joiner}{part})*").match(text, end)
    return found.end() if found else end


# ----------------------------------------------------------------- kinds


def _not_a_figure_before(text: str, start: int, lx: FigureLexicon) -> bool:
    words = words_pattern(lx.units["not_figure_before"])
    before = text[max(0, start - 24) : start]
    return bool(_compiled(rf"(?<![\w]){words}{_H}*$").search(before))


def _after_name(text: str, start: int, lx: FigureLexicon) -> bool:
    before = _compiled(rf"(?<![\w])(?P<word>{_WORD}){_H}$").search(text[max(0, start - 32) : start])
    if before is None or not before.group("word")[0].isupper():
        return False
    return before.group("word").lower() not in set(lx.units["unit_stop_words"]) | set(lx.units["year_prepositions"])


def _is_year(value: _Value, text: str, start: int, lx: FigureLexicon) -> bool:
    if value.digits is None or not _YEAR.fullmatch(value.digits):
        return False
    if value.low != value.high and value.high is not None:
        return True
    before = text[max(0, start - 24) : start]
    if _compiled(rf"(?<![\w]){words_pattern(lx.units['year_prepositions'])}[-\s]*$").search(before):
        return True
    _, unit = _unit_tail(text, start + len(value.digits), lx)
    return unit is None


def _year_figure(text: str, start: int, end: int, value: _Value, lx: FigureLexicon,
                 published: PartialDate | None) -> tuple[Figure, int]:
    year = int(value.low or 0)
    since = words_pattern(lx.units["since_words"])
    anchored = _compiled(rf"(?<![\w]){since}{_H}+$").search(text[max(0, start - 16) : start])
    if anchored and value.high == value.low:
        start -= len(anchored.group(0))
        elapsed = float(published.year - year) if published else None
        return Figure(Span(start, end), text[start:end], "duration", elapsed, elapsed, unit="years",
                      date=PartialDate(year), about=_about(text, start, end)), end
    high = int(value.high) if value.high is not None else None
    return Figure(Span(start, end), text[start:end], "date", float(year), float(high or year),
                  date=PartialDate(year), about=_about(text, start, end)), end


def _duration_figure(text: str, start: int, end: int, value: _Value, lx: FigureLexicon,
                     published: PartialDate | None) -> tuple[Figure | None, int]:
    unit, multiplier = value.duration or ("years", 1.0)
    low = value.low * multiplier if value.low is not None else None
    high = value.high * multiplier if value.high is not None else None
    before = text[max(0, start - 24) : start]
    ago_before = _compiled(rf"(?<![\w]){words_pattern(lx.units['ago_before'])}{_H}+$").search(before)
    end_ago, ago_after = _match_tail(text, end, rf"{_H}+{words_pattern(lx.units['ago_after'])}(?![\w])", lx)
    if ago_before or ago_after:
        start = start - len(ago_before.group(0)) if ago_before else start
        end = end_ago
        if value.high != value.low:  # "il y a plus d’un an": no point in time, a duration back from now
            implied = shift_back(published, low, unit) if low is not None else None
            return Figure(Span(start, end), text[start:end], "duration", low, high, approx=value.approx,
                          vague=value.vague, unit=unit, date=implied, about=_about(text, start, end)), end
        when = read_date(text[start:end], lx.lang, published, True, False, relative=True)
        year = float(when.year) if when else None
        return Figure(Span(start, end), text[start:end], "date", year, year, date=when,
                      about=_about(text, start, end)), end
    anchor = _compiled(rf"(?<![\w]){words_pattern(lx.units['duration_anchor_cues'])}{_H}+$").search(before)
    implied = shift_back(published, low, unit) if anchor and low is not None and not value.vague else None
    if anchor:
        start -= len(anchor.group(0))
    return Figure(Span(start, end), text[start:end], "duration", low, high, approx=value.approx,
                  vague=value.vague, unit=unit, date=implied, about=_about(text, start, end)), end


def _about(text: str, start: int, end: int | None = None) -> str | None:
    """The words before the figure in its clause (at most six): what it quantifies or attaches to."""
    window = text[max(0, start - 120) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    words = clause.split()[-_MAX_ABOUT_WORDS:]
    if not words and end is not None:  # at the start of its clause: the words that follow instead
        window = text[end : end + 120]
        cut = _CLAUSE_BREAK.search(window)
        words = window[: cut.start() if cut else len(window)].split()[:_MAX_ABOUT_WORDS]
    return " ".join(words) or None

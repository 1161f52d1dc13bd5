"""Figure slots: what is counted, paid or how long, compared across the articles of a story.

1. Each figure joins a slot by kind and by what it counts (data/slots.json: "paramilitaires",
   "mercenaires", "mercenaries" -> personnel); meta-counts ("quatre sources") join none, nor do
   parts of another count ("dont sept enfants"). A unit that names its slot ("survivants",
   "morts") keeps it; a generic one ("soldats") takes it from its context ("soldats tués").
2. Durations and amounts are split further by context: two durations join one slot only when
   their sentences share an entity (France's eight years in Mali vs a three-year contract).
3. Values become intervals in one unit (money in EUR at the article's date, durations in years),
   widened by 10 % when approximate ("un millier", "about 1,000"), open-ended when a floor
   ("plus de 1 000", "des milliers" = at least 2,000). Overlapping intervals agree.
4. Per slot: values fall into agreeing clusters. An article with values in two clusters is
   inconsistent; clusters held by different articles contradict; else the slot is corroborated
   by two or more independent origins, or single-source.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from typing import Any

from recoupe.crosscheck.conversion import check_stated_change, check_stated_equivalent, convert, pegged_anchor
from recoupe.crosscheck.figure_dates import calendar_day, date_interval, event_keys, event_words
from recoupe.crosscheck.figure_slots import is_named_slot, is_subset, slot_of, slot_table, unit_factor
from recoupe.crosscheck.origins import ArticleContext, evidence_origin, sentence_of
from recoupe.crosscheck.tables import crosscheck_table
from recoupe.crosscheck.text import fold, stems
from recoupe.lexicon import speech_verbs
from recoupe.model import Check, Evidence, Figure, PartialDate, stable_id

__all__ = ["FigureSlotResult", "figure_facts_input", "is_dateline", "is_statement_date", "split_by_magnitude", "weekday_check", "SlotValue", "slot_of", "is_subset", "interval", "compatible"]

APPROX_SLACK = 0.10
MONEY_ROUNDING = 0.02
FLOOR_REACH = 1.25
INF = float("inf")


_YEAR_FACTORS = {"year": 1.0, "years": 1.0, "an": 1.0, "ans": 1.0, "annee": 1.0, "annees": 1.0, "decade": 10.0,
                 "decennie": 10.0, "month": 1 / 12, "months": 1 / 12, "mois": 1 / 12, "week": 1 / 52,
                 "weeks": 1 / 52, "semaine": 1 / 52, "semaines": 1 / 52, "day": 1 / 365, "days": 1 / 365,
                 "jour": 1 / 365, "jours": 1 / 365}


def interval(figure: Figure, published: PartialDate | None) -> tuple[float, float] | None:
    """The figure as [low, high] in its slot's unit, or None when it has no value."""
    low, high = figure.low, figure.high
    if low is None and high is None:
        return None
    if figure.kind == "date":
        if figure.date is None or figure.date.day is None or figure.date.month is None:
            return None
        day = float(date(figure.date.year, figure.date.month, figure.date.day).toordinal())
        return day, day
    factor = unit_factor(figure)
    if figure.kind == "duration":
        factor = _YEAR_FACTORS.get(fold(figure.unit or "years"), 1.0)
    elif figure.kind == "money" and figure.currency and figure.currency != "EUR":
        probe = convert(1.0, figure.currency, "EUR", published)
        if probe is None:
            return None
        factor = probe[0]
    lo = (low if low is not None else 0.0) * factor
    hi = high * factor if high is not None else INF
    if high is None and low is not None and not figure.vague and figure.kind != "date":
        # "au moins 23", "plus de 1 000": reporters use a floor for a figure near it,
        # not for any larger one ("at least 23 killed" and "31 killed" disagree).
        hi = lo * FLOOR_REACH
    if figure.kind == "money" and _floating(figure.currency):
        # A floating currency's euro value depends on the rate the outlet used.
        lo, hi = lo * (1 - APPROX_SLACK), hi * (1 + APPROX_SLACK)
    elif figure.approx:
        slack = approx_slack(figure)
        lo, hi = lo * (1 - slack), hi * (1 + slack)
    elif figure.kind == "money":
        # A euro or pegged-franc amount is exact up to its rounding ("9,15 millions d'euros"):
        # "2 200" and "2 300 francs CFA le kilo" disagree.
        lo, hi = lo * (1 - MONEY_ROUNDING), hi * (1 + MONEY_ROUNDING)
    return lo, hi


# An approximate value written with few significant digits ("environ 200", "une trentaine") may
# stand for one APPROX_SLACK away; one written with more ("environ 146 millions d'euros") for
# half its last digit, at least MIN_APPROX_SLACK: "environ 146" and "près de 160 millions" disagree.
MIN_APPROX_SLACK = 0.02
_DIGITS = re.compile(r"\d[\d\s\u00a0\u202f.,]*\d|\d")


def approx_slack(figure: Figure) -> float:
    """How far an approximate figure may stand from its value, from the digits it is written with."""
    written = _DIGITS.search(figure.text)
    value = figure.low if figure.low is not None else figure.high
    if written is None or not value:
        return APPROX_SLACK
    digits = re.sub(r"\D", "", written.group())
    decimals = re.search(r"[.,](\d{1,2})$", written.group())  # "1,8 million", "10.5": not a thousands group
    significant = len(digits.lstrip("0")) if decimals else len(digits.strip("0"))
    if significant == 0:
        return APPROX_SLACK
    half_digit = 0.5 * 10 ** (math.floor(math.log10(abs(value))) - significant + 1)
    return min(APPROX_SLACK, max(MIN_APPROX_SLACK, half_digit / abs(value)))


def _floating(currency: str | None) -> bool:
    """Is the currency's rate to the euro floating (not the euro, not pegged to it)?"""
    return currency is not None and currency != "EUR" and pegged_anchor(currency) != "EUR"


def compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@dataclass(frozen=True)
class SlotValue:
    ctx: ArticleContext
    figure: Figure
    interval: tuple[float, float]
    entity_ids: frozenset[str]
    context: frozenset[str] = frozenset()  # content stems of the words the figure attaches to


@dataclass(frozen=True)
class FigureSlotResult:
    slot: str
    status: str
    values: tuple[SlotValue, ...]
    clusters: tuple[tuple[int, ...], ...]  # indexes into values
    main: int  # index into clusters
    checks: tuple[Check, ...]
    inconsistent_articles: tuple[str, ...]


def _sentence_entities(ctx: ArticleContext, figure: Figure) -> frozenset[str]:
    sentence = sentence_of(ctx.analysis, figure.span)
    return frozenset(m.entity_id for m in ctx.analysis.mentions if sentence.start <= m.span.start < sentence.end)


def _entity_blind(figure: Figure) -> bool:
    """Shares and spans of time are linked by what they measure, not by the names in their
    sentences: "une hausse de 53 %" and "près de 60 % de l'offre mondiale" both stand beside Côte
    d'Ivoire, "sur cinq ans" and "pendant sept ans" beside the mine. A duration since a start
    ("depuis huit ans") is how long its actor has been at it: the actor links it."""
    since = fold(figure.text).startswith(tuple(slot_table().get("since_words", ())))
    return figure.kind == "percent" or (figure.kind == "duration" and figure.date is None and not since)


# Words of what two values quantify (Figure.about) that link them in one slot when no entity does.
SHARED_CONTEXT_WORDS = 1


def _split_by_context(values: list[SlotValue], n_articles: int) -> list[list[SlotValue]]:
    """Durations, amounts, shares and dates: link values whose sentences share a telling entity
    (one not in most of the story's articles) or rare words (union-find)."""
    article_count: dict[str, set[str]] = defaultdict(set)
    for v in values:
        for entity in v.entity_ids:
            article_count[entity].add(v.ctx.article.id)
    ubiquitous = {e for e, arts in article_count.items() if n_articles >= 4 and len(arts) >= 0.75 * n_articles}
    parent = list(range(len(values)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            shared_entities = (values[i].entity_ids & values[j].entity_ids) - ubiquitous
            if _entity_blind(values[i].figure) or _entity_blind(values[j].figure):
                shared_entities = frozenset()
            shared_words = values[i].context & values[j].context
            # The same value (day, amount, share) in two articles cannot disagree with itself: linked,
            # it brings its articles' other values of the slot together ("1 200 milliards" in the
            # ministry's dispatch and in the audit's "850 milliards, et non 1 200").
            same_value = values[i].interval == values[j].interval
            if shared_entities or len(shared_words) >= SHARED_CONTEXT_WORDS or same_value:
                parent[find(i)] = find(j)
    groups: dict[int, list[SlotValue]] = defaultdict(list)
    for i, v in enumerate(values):
        groups[find(i)].append(v)
    return list(groups.values())


# Two values of one slot more than this factor apart count different things ("trois jours" of
# mourning and "depuis 2015"; "cinq kilomètres" and "1 400 kilomètres"), not a disagreement: the
# widest gap between outlets on one figure in the eval corpus is about threefold (18 vs 6 billion).
MAGNITUDE_GAP = 5.0


def _magnitude(value: SlotValue) -> float:
    low, high = value.interval
    if high == INF or low <= 0:  # a floor ("plus de 1 000") or a ceiling ("moins de 6 milliards")
        return low if high == INF else high
    return (low + high) / 2


def split_by_magnitude(values: list[SlotValue]) -> list[list[SlotValue]]:
    """Values chained by size, a new group wherever the next value is MAGNITUDE_GAP times the last;
    each group keeps the values in their first order (the story's order of reports)."""
    ordered = sorted(range(len(values)), key=lambda i: _magnitude(values[i]))
    group_of: dict[int, int] = {}
    group, last = 0, None
    for i in ordered:
        here = _magnitude(values[i])
        if last is not None and ((last > 0 and here > MAGNITUDE_GAP * last) or last <= 0 < here):
            group += 1
        group_of[i], last = group, here
    groups: dict[int, list[SlotValue]] = defaultdict(list)
    for i, value in enumerate(values):
        groups[group_of[i]].append(value)
    return list(groups.values())


# A dateline: "NIAMEY, March 2 (West Africa Wire) -", "Adré, 6 mai 2025 -": the date of the report,
# no date of the event.
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[^\W\d_][\w'’.-]*(?:[ -][\w'’.-]+){0,3},)?[ \t]*$")
_DATELINE_AFTER = re.compile(r"^[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*[-–—]")


@functools.lru_cache(maxsize=4)
def _speech_forms(lang: str) -> frozenset[str]:
    """Past participles and finite forms of lang/<lang>/speech_verbs.txt ("annoncé", "dément", "said")."""
    return frozenset(fold(form) for row in speech_verbs(lang).rows for form in row[1:4])


# "a annoncé mardi", "a démenti mardi", "said on Monday": the words between a statement verb and
# its date.
_DATE_LINK = frozenset({"on", "le", "ce", "this", "late", "early"})


def is_statement_date(text: str, start: int, lang: str | None) -> bool:
    """Does the date at text[start:] date a statement ("a annoncé mardi", "denied on Tuesday")
    rather than the event reported? Such dates differ from the event's without contradicting it."""
    if lang not in ("fr", "en"):
        return False
    words = re.findall(r"[^\W\d_]+", fold(text[max(start - 40, 0) : start]))
    while words and words[-1] in _DATE_LINK:
        words.pop()
    return bool(words) and words[-1] in _speech_forms(lang)


def is_dateline(text: str, start: int, end: int) -> bool:
    """Is the date at text[start:end] the dateline that opens a report?"""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_DATELINE_BEFORE.search(text[line_start:start]) and _DATELINE_AFTER.match(text[end : end + 70]))


def _clusters(values: list[SlotValue]) -> list[list[int]]:
    """Agreeing values, by complete link: a value joins the first cluster it agrees with entirely,
    so an open range ("des milliers") cannot chain a thousand and ten thousand together."""
    clusters: list[list[int]] = []
    for i, value in enumerate(values):
        for cluster in clusters:
            if all(compatible(value.interval, values[j].interval) for j in cluster):
                cluster.append(i)
                break
        else:
            clusters.append([i])
    return clusters


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _implied_start(value: SlotValue) -> tuple[int, int] | None:
    """The years a duration says it began: "depuis huit ans" in 2021 -> (2013, 2013); "depuis 2013" -> (2013, 2013)."""
    explicit = _YEAR.search(value.figure.text)
    if explicit:
        year = int(explicit.group())
        return year, year
    published = value.ctx.when
    low, high = value.interval
    if published is None or value.figure.low is None:
        return None
    slack = 1 if value.figure.approx else 0
    earliest = -10_000 if high == INF else int(math.floor(published.year - high / (1 + APPROX_SLACK * slack))) - slack
    latest = int(math.ceil(published.year - low / (1 - APPROX_SLACK * slack))) + slack
    return earliest, latest


@functools.lru_cache(maxsize=1)
def _reference_events() -> tuple[dict[str, Any], ...]:
    data = json.loads(resources.files("recoupe").joinpath("data/reference_events.json").read_text("utf-8"))
    return tuple(data["events"])


def reference_event(value: SlotValue) -> dict[str, Any] | None:
    """The dated reference event a duration speaks of, if the reference timeline has one."""
    sentence = sentence_of(value.ctx.analysis, value.figure.span).of(value.ctx.article.text)
    words = fold(sentence)
    article_entities = {m.entity_id for m in value.ctx.analysis.mentions}
    for event in _reference_events():
        if (event["actor"] in value.entity_ids and event["place"] in article_entities
                and any(cue in words for cue in event["cues"])):
            return event
    return None


def matches_reference(value: SlotValue) -> bool | None:
    """Does the start a duration implies agree with its reference event? None: no reference."""
    event = reference_event(value)
    start = _implied_start(value)
    if event is None or start is None:
        return None
    year = int(event["start"][:4])
    return start[0] <= year <= start[1]


def _reference_check(values: list[SlotValue]) -> Check | None:
    parts, verdicts = [], []
    for v in values:
        verdict = matches_reference(v)
        if verdict is None:
            continue
        event = reference_event(v)
        assert event is not None
        who = v.ctx.article.outlet or v.ctx.article.id[:8]
        parts.append(f"“{v.figure.text}” ({who}) {'agrees' if verdict else 'disagrees'} with the reference: "
                     f"{event['label']}, {event['start']}")
        verdicts.append(verdict)
    if not verdicts:
        return None
    return Check("duration-vs-reference", "; ".join(parts), "consistent" if all(verdicts) else "inconsistent")


def _duration_check(values: list[SlotValue]) -> Check | None:
    """Each duration against the start date it implies, and the implied dates against each other."""
    implied = [(v, _implied_start(v)) for v in values]
    starts = [(v, s) for v, s in implied if s is not None]
    if not starts:
        return None
    parts = []
    for v, (earliest, latest) in starts:
        when = v.ctx.when.iso() if v.ctx.when else "undated"
        since = f"{latest}" if earliest == latest else (f"{latest} or earlier" if earliest < -9999 else
                                                         f"between {earliest} and {latest}")
        parts.append(f"“{v.figure.text}” ({v.ctx.article.outlet or v.ctx.article.id[:8]}, {when}) means since {since}")
    overlap = max(s[0] for _, s in starts) <= min(s[1] for _, s in starts)
    result = "consistent" if overlap else "inconsistent"
    if len(starts) == 1 and not _YEAR.search(starts[0][0].figure.text):
        result = "unverifiable"  # one relative duration: nothing in the story to check it against
    return Check("duration-vs-date", "; ".join(parts), result)


@functools.lru_cache(maxsize=1)
def _weekdays() -> dict[str, int]:
    data = crosscheck_table()
    return {str(k): int(v) for k, v in data["weekdays"].items()}


def _named_weekday(text: str) -> int | None:
    table = _weekdays()
    return next((table[w] for w in re.findall(r"[^\W\d_]+", fold(text)) if w in table), None)


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def written_days(values: list[SlotValue]) -> dict[date, set[str]]:
    """The days the slot's values write out ("le 2 avril"), with the articles that write each."""
    out: dict[date, set[str]] = defaultdict(set)
    for v in values:
        day = calendar_day(v.figure.date)
        if day is not None and re.search(r"\d", v.figure.text):
            out[day].add(v.ctx.article.id)
    return out


def weekday_check(value: SlotValue, others: list[SlotValue] | dict[date, set[str]]) -> Check | None:
    """A date that names its weekday, checked:
    1. with its day written ("jeudi 29 février 2024"): against the calendar;
    2. bare ("on Thursday", read as the date it stands for at the report's date): against the
       report's own date, or the day other articles of the slot write out in full; unverifiable
       (None) when neither says that day and none writes a day at all."""
    weekday = _named_weekday(value.figure.text)
    day = calendar_day(value.figure.date)
    if weekday is None or day is None:
        return None
    who = value.ctx.article.outlet or value.ctx.article.id[:8]
    if re.search(r"\d", value.figure.text):
        ok = day.weekday() == weekday
        return Check("weekday-vs-date", f"“{value.figure.text}” ({who}): {day.isoformat()} was a "
                     f"{_DAY_NAMES[day.weekday()]}", "consistent" if ok else "inconsistent")
    days = others if isinstance(others, dict) else written_days(others)
    written = {d for d, articles in days.items() if articles - {value.ctx.article.id}}
    published = calendar_day(value.ctx.when)
    if day == published or day in written:
        where = "the report's own date" if day == published else "the date other reports give"
        return Check("weekday-vs-date", f"“{value.figure.text}” ({who}) stands for {day.isoformat()}, {where}",
                     "consistent")
    span = _span_since(value, day, published)
    if span is not None:
        return span
    if not written:
        return None
    return Check("weekday-vs-date", f"“{value.figure.text}” ({who}) stands for {day.isoformat()}; other reports "
                 f"give {', '.join(sorted(d.isoformat() for d in written if d))}", "inconsistent")


def _span_since(value: SlotValue, day: date, published: date | None) -> Check | None:
    """A bare weekday that opens a span ("depuis jeudi"), checked against a span of days the same
    article gives ("en quatre jours"): Thursday 1 May to a report of Monday 5 May is four days."""
    text = value.ctx.article.text
    before = fold(text[max(value.figure.span.start - 12, 0) : value.figure.span.start]).split()
    if published is None or not before or before[-1] not in slot_table().get("since_words", ()):
        return None
    spans = [f for f in value.ctx.analysis.figures if f.kind == "duration" and fold(f.unit or "") == "days"
             and f.low is not None and f.date is None]
    if not spans:
        return None
    elapsed = (published - day).days
    ok = any(abs(f.low - elapsed) <= 1 for f in spans if f.low is not None)
    who = value.ctx.article.outlet or value.ctx.article.id[:8]
    said = " / ".join(dict.fromkeys(f"“{f.text}”" for f in spans))
    return Check("weekday-vs-date", f"“{value.figure.text}” ({who}) stands for {day.isoformat()}, {elapsed} days "
                 f"before the report's date; the article says {said}", "consistent" if ok else "inconsistent")


def reported_changes(contexts: list[ArticleContext]) -> list[tuple[float, float]]:
    """The from -> to changes of a price the story's articles report: a range of money written as
    a change ("est passé de 680 à 750 francs CFA"), or an amount and the one it rose from ("rose
    to 750 CFA francs from 680 francs")."""
    out: set[tuple[float, float]] = set()
    for ctx in contexts:
        text = ctx.article.text
        for figure in ctx.analysis.figures:
            if figure.kind != "money" or figure.low is None:
                continue
            if figure.high is not None and figure.high != figure.low and _CHANGE_RANGE.match(fold(figure.text)):
                out.add((figure.low, figure.high))
                continue
            source = _CHANGE_FROM.match(fold(text[figure.span.end : figure.span.end + 40]))
            if source and figure.high == figure.low:
                out.add((float(source.group(1).replace(" ", "")), figure.low))
    return sorted(out)


_CHANGE_RANGE = re.compile(r"^(?:de|from)\s")
_CHANGE_FROM = re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:from|contre|au lieu de)\s+(\d[\d ]*)\b")


def _change_check(value: SlotValue, changes: list[tuple[float, float]]) -> Check | None:
    """A percent that states a change of a price ("la hausse de 10,3 % du prix de l'essence"),
    checked against the changes the story reports."""
    figure = value.figure
    if figure.kind != "percent" or figure.low is None or not changes:
        return None
    sentence = fold(sentence_of(value.ctx.analysis, figure.span).of(value.ctx.article.text))
    table = slot_table()
    if not (any(re.search(r"(?<![a-z])" + cue, sentence) for cue in table.get("change_cues", ()))
            and any(re.search(r"(?<![a-z])" + cue, sentence) for cue in table.get("price_cues", ()))):
        return None
    slack = approx_slack(figure) if figure.approx else 0.0
    who = value.ctx.article.outlet or value.ctx.article.id[:8]
    return check_stated_change(figure.text, figure.low, figure.high or figure.low, slack, changes, who)


def _checks(values: list[SlotValue], tolerance: float, changes: list[tuple[float, float]]) -> list[Check]:
    checks = [c for c in (_change_check(v, changes) for v in values) if c is not None]
    for v in values:
        check = check_stated_equivalent(v.figure, v.ctx.when, tolerance)
        if check is not None:
            checks.append(check)
    dates = [v for v in values if v.figure.kind == "date"]
    days = written_days(dates)
    checks.extend(c for c in (weekday_check(v, days) for v in dates) if c is not None)
    durations = [v for v in values if v.figure.kind == "duration"]
    for check in (_duration_check(durations), _reference_check(durations)) if durations else ():
        if check is not None:
            checks.append(check)
    return checks


@functools.lru_cache(maxsize=1)
def _period_words() -> dict[str, str]:
    data = crosscheck_table()
    return {str(k): str(v) for k, v in data["period_words"].items()}


def _period_before(before: str) -> str | None:
    """The slot an amount takes from a period adjective just before it ("un coût mensuel de
    10 milliards", "an annual fee of"): "money per month"."""
    words = re.findall(r"[^\W\d_]+", fold(before))[-4:]
    period = next((_period_words()[w] for w in reversed(words) if w in _period_words()), None)
    return f"money per {period}" if period else None


def _join_period_slots(by_slot: dict[str, list[SlotValue]]) -> None:
    """An amount given without its period ("les 2 300 francs CFA promis aux planteurs") that
    another article gives per kilo or per month (compatible values) is that amount: it joins the
    period's slot, where it supports (it never contradicts: without a period it may be another sum)."""
    # Distinct intervals per slot (with the articles giving each): values repeat, so this stays
    # near-linear in a story of a thousand articles.
    periodic: dict[str, dict[tuple[float, float], set[str]]] = {}
    for slot in (s for s in by_slot if s.startswith("money per")):
        for other in by_slot[slot]:
            periodic.setdefault(slot, {}).setdefault(other.interval, set()).add(other.ctx.article.id)
    kept = []
    for value in by_slot.get("money", []):
        home = next((slot for slot, bounds in periodic.items() if any(
            articles - {value.ctx.article.id} and compatible(value.interval, span)
            for span, articles in bounds.items())), None)
        if home is None:
            kept.append(value)
        else:
            by_slot[home].append(value)
    if "money" in by_slot:
        by_slot["money"] = kept
        if not kept:
            del by_slot["money"]


EQUIVALENT_SLOT = "money value in"


def _equivalent_value(ctx: ArticleContext, figure: Figure, slot: str) -> tuple[str, SlotValue] | None:
    """The equivalent an article states for an amount ("96 milliards de francs CFA (environ 146
    millions d'euros)") as a value of its own slot, the equivalents of that amount: articles giving
    the same amount and different equivalents contradict each other on its value."""
    eq = figure.stated_equivalent
    if (figure.kind != "money" or eq is None or figure.low is None or not figure.currency
            or not eq.currency or eq.currency == figure.currency):
        return None
    bounds = interval(eq, ctx.when)
    if bounds is None:
        return None
    name = f"{EQUIVALENT_SLOT} {eq.currency} of {figure.low:,.0f} {figure.currency}{slot.removeprefix('money')}"
    return name, SlotValue(ctx, eq, bounds, frozenset())


def _amount_of_sentence(ctx: ArticleContext, figure: Figure) -> Figure:
    """A bare amount beside an amount of money in its sentence is money in that currency ("850
    milliards de francs guinéens, et non aux 1 200 milliards avancés par le ministère")."""
    if figure.kind != "count" or figure.low is None or figure.low < 1e6:
        return figure
    slot = slot_of(figure)
    if slot is not None and is_named_slot(slot):
        return figure  # "1,2 million de tonnes" counts tonnes
    words = set(re.findall(r"[^\W\d_]+", fold(figure.text)))
    if not words & set(slot_table().get("amount_scale_words", ())):
        return figure
    sentence = sentence_of(ctx.analysis, figure.span)
    currencies = {f.currency for f in ctx.analysis.figures
                  if f.kind == "money" and f.currency and sentence.start <= f.span.start < sentence.end}
    if len(currencies) != 1:
        return figure
    return replace(figure, kind="money", currency=currencies.pop(), unit=None)


_CLAUSE_END = re.compile(r"[.;:!?()«»\n]|,\s")
# Words after an amount that say what it is ("350 millions de dollars à la compagnie au titre d'une
# avance", "$400 million advance"), as the words before it do.
WORDS_AFTER = 10


def _words_after(text: str, figure: Figure) -> str:
    if figure.kind not in {"money", "percent", "duration"}:
        return ""
    tail = _CLAUSE_END.split(text[figure.span.end : figure.span.end + 80], maxsplit=1)[0]
    return " ".join(tail.split()[:WORDS_AFTER])


def figure_facts_input(contexts: list[ArticleContext], tolerance: float) -> list[FigureSlotResult]:
    """Every figure slot of a story with its clusters, status and checks."""
    by_slot: dict[str, list[SlotValue]] = defaultdict(list)
    for ctx in contexts:
        for figure in ctx.analysis.figures:
            figure = _amount_of_sentence(ctx, figure)
            after = ctx.article.text[figure.span.end : figure.span.end + 80]
            slot = slot_of(figure, after, ctx.article.text[max(figure.span.start - 60, 0) : figure.span.start])
            if slot == "money":
                slot = _period_before(ctx.article.text[max(figure.span.start - 30, 0) : figure.span.start]) or slot
            # A part ("dont sept enfants") is no value of the whole's slot; a bare part named by what
            # befell it ("dont quatre ont été relaxés") is the count of that.
            before = ctx.article.text[max(figure.span.start - 16, 0) : figure.span.start]
            if slot is None or (figure.unit and is_subset(before)):
                continue
            if slot == "date" and (is_dateline(ctx.article.text, figure.span.start, figure.span.end)
                                   or is_statement_date(ctx.article.text, figure.span.start, ctx.article.lang)):
                continue
            bounds = date_interval(figure, ctx.article.text) if slot == "date" else interval(figure, ctx.when)
            if bounds is None and figure.kind == "money" and figure.currency:
                # No rate to the euro (GNF): amounts in that currency are still compared together.
                slot, bounds = f"{slot} in {figure.currency}", interval(replace(figure, currency=None), ctx.when)
            if bounds is None:
                continue
            if slot == "date":  # a date is of the event the words around it name, not of its sentence's names
                value = SlotValue(ctx, figure, bounds, frozenset(), event_words(ctx.article.text, figure, ctx.article.lang))
            else:
                words = f"{figure.about or ''} {_words_after(ctx.article.text, figure)}"
                value = SlotValue(ctx, figure, bounds, _sentence_entities(ctx, figure),
                                  stems(words, ctx.article.lang) | event_keys(words))
            by_slot[slot].append(value)
            equivalent = _equivalent_value(ctx, figure, slot)
            if equivalent is not None:
                by_slot[equivalent[0]].append(equivalent[1])
    for slot in [s for s, values in by_slot.items() if s.startswith(EQUIVALENT_SLOT)]:
        if len({v.ctx.article.id for v in by_slot[slot]}) < 2:
            del by_slot[slot]  # one article's conversion is checked (conversion.py), not compared
    _join_period_slots(by_slot)
    results = []
    changes = reported_changes(contexts)
    for slot, values in sorted(by_slot.items()):
        # A count's unit and an amount's period ("par mois", "le kilo") already say what they measure.
        whole = (slot.startswith("count") and is_named_slot(slot)) or slot.startswith(("money per", EQUIVALENT_SLOT))
        groups = [values] if whole else _split_by_context(values, len(contexts))
        if slot != "date":
            groups = [part for group in groups for part in split_by_magnitude(group)]
        for group in groups:
            results.append(_judge(slot, group, tolerance, changes))
    return results


@functools.lru_cache(maxsize=1)
def _contrast_cues() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r"(?<![a-z])" + re.escape(cue) + r"(?![a-z])") for cue in slot_table().get("contrast_cues", ()))


def _sets_against(value: SlotValue, other: SlotValue) -> bool:
    """Does one sentence set two of an article's values against each other, a contrast cue
    between them ("105 personnes ont péri, bien plus que le bilan officiel de 89 morts")?"""
    sentence = sentence_of(value.ctx.analysis, value.figure.span)
    if value.ctx.article.id != other.ctx.article.id or not sentence.start <= other.figure.span.start < sentence.end:
        return False
    first, second = sorted((value.figure.span, other.figure.span), key=lambda span: span.start)
    between = fold(value.ctx.article.text[first.end : second.start])
    return any(cue.search(between) for cue in _contrast_cues())


def _contrasted_pairs(values: list[SlotValue], clusters: list[list[int]]) -> set[tuple[str, int, int]]:
    """(article, cluster, other cluster) for each two clusters an article sets against each other."""
    cluster_of = {i: k for k, c in enumerate(clusters) for i in c}
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(values):
        by_article[v.ctx.article.id].append(i)
    out = set()
    for article, indexes in by_article.items():
        for i in indexes:
            for j in indexes:
                a, b = cluster_of[i], cluster_of[j]
                if a < b and _sets_against(values[i], values[j]):
                    out.add((article, a, b))
    return out


def _judge(slot: str, values: list[SlotValue], tolerance: float,
           changes: list[tuple[float, float]] | None = None) -> FigureSlotResult:
    clusters = _clusters(values)
    articles_in = [{values[i].ctx.article.id for i in c} for c in clusters]
    origins_in = [{evidence_origin(values[i].ctx, values[i].figure.span)[1] for i in c} for c in clusters]
    first_seen = [min((v.ctx.when.iso() if v.ctx.when else "9999")
                      for v in (values[i] for i in c)) for c in clusters]
    # A side that a dated reference event confirms is the main one ("depuis huit ans" in 2021, and
    # French troops arrived in Mali in 2013); else the side with more origins, articles, the earliest.
    confirmed = [any(matches_reference(values[i]) for i in c) for c in clusters]
    main = max(range(len(clusters)),
               key=lambda k: (confirmed[k], len(origins_in[k]), len(articles_in[k]),
                              [-ord(ch) for ch in first_seen[k]]))
    # An article with values in two clusters gives incompatible values, whichever the main one is,
    # unless it sets one against the other ("13 tués, loin du chiffre d'au moins 21 morts avancé par
    # la rébellion"): then it reports the contradiction.
    contrasted = _contrasted_pairs(values, clusters)
    inconsistent = sorted({a for k, arts in enumerate(articles_in) if k != main for a in arts & articles_in[main]
                           if (a, min(k, main), max(k, main)) not in contrasted})
    contradicting = [k for k in range(len(clusters)) if k != main and (
        articles_in[k] - articles_in[main] or any((a, min(k, main), max(k, main)) in contrasted for a in articles_in[k]))]
    if contradicting:
        status = "contradicted"
    elif len(origins_in[main]) >= 2:
        status = "corroborated"
    else:
        status = "single-source"
    return FigureSlotResult(
        slot=slot, status=status, values=tuple(values), clusters=tuple(tuple(c) for c in clusters), main=main,
        checks=tuple(_checks(values, tolerance, changes or [])), inconsistent_articles=tuple(inconsistent),
    )


def evidence_for(value: SlotValue, stance: str) -> Evidence:
    source, origin = evidence_origin(value.ctx, value.figure.span)
    sentence = sentence_of(value.ctx.analysis, value.figure.span)
    article = value.ctx.article
    claims = [c for c in value.ctx.analysis.claims if c.span.overlap(sentence) > 0]
    return Evidence(
        article_id=article.id, outlet=article.outlet, span=value.figure.span, text=sentence.of(article.text),
        modality=claims[0].modality if claims else "asserted", source=source, origin=origin, value=value.figure,
        published=article.published.iso() if article.published else None, stance=stance,
    )


def fact_id(story_id: str, *parts: str) -> str:
    return stable_id("f", story_id, *parts)

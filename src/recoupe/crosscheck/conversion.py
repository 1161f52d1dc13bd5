"""Money conversion for checks: fixed pegs first (XOF/XAF per EUR), then the ECB reference
rates that the CurrencyConverter package bundles (offline), at the article's date."""

from __future__ import annotations

import functools
import json
from datetime import date
from importlib import resources
from typing import Any

from recoupe.model import Check, Figure, PartialDate

__all__ = ["convert", "check_stated_change", "check_stated_equivalent", "pegged_anchor"]


# Extra tolerance for "environ 9,15 millions d'euros".
APPROX_SLACK = 0.05
# Extra tolerance when the conversion goes through a floating rate: an outlet converts at a rate
# of its own day (or a rounded one), and EUR/USD moves a few percent within weeks.
FLOATING_RATE_SLACK = 0.05


@functools.lru_cache(maxsize=1)
def _pegs() -> dict[str, Any]:
    data = json.loads(resources.files("recoupe").joinpath("data/currencies.json").read_text("utf-8"))
    return data["pegs"]


@functools.lru_cache(maxsize=1)
def _ecb() -> Any:
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def pegged_anchor(currency: str) -> str | None:
    """The currency a fixed peg ties `currency` to (XOF -> EUR), or None."""
    peg = _pegs().get(currency)
    return str(peg["anchor"]) if peg else None


def _to_anchor(value: float, currency: str) -> tuple[float, str]:
    peg = _pegs().get(currency)
    if peg:
        return value / float(peg["rate"]), peg["anchor"]
    return value, currency


def convert(value: float, source: str, target: str, on: PartialDate | None = None) -> tuple[float, str] | None:
    """(converted value, how) or None when no rate is known."""
    amount, anchor = _to_anchor(value, source)
    how = [f"fixed peg {_pegs()[source]['rate']} {source}/{anchor}"] if source in _pegs() else []
    if target in _pegs():
        if _pegs()[target]["anchor"] != anchor:
            converted = convert(amount, anchor, _pegs()[target]["anchor"], on)
            if converted is None:
                return None
            amount, step = converted
            how.append(step)
        rate = float(_pegs()[target]["rate"])
        return amount * rate, "; ".join([*how, f"fixed peg {rate} {target}/{_pegs()[target]['anchor']}"])
    if anchor == target:
        return amount, "; ".join(how) or "same currency"
    day = date(on.year, on.month or 6, on.day or 15) if on else None
    try:
        result = _ecb().convert(amount, anchor, target, date=day)
    except (ValueError, KeyError, RuntimeError):
        return None
    when = day.isoformat() if day else "latest"
    return float(result), "; ".join([*how, f"ECB reference rate {anchor}->{target} ({when})"])


def check_stated_equivalent(figure: Figure, published: PartialDate | None, tolerance: float) -> Check | None:
    """Check "six milliards de francs CFA (environ 9,15 millions d'euros)" against the conversion."""
    eq = figure.stated_equivalent
    if eq is not None and figure.currency is None and eq.currency is None:
        return _check_measure(figure, eq, tolerance)
    if eq is None or figure.currency is None or eq.currency is None or figure.low is None or eq.low is None:
        return None
    converted = convert(figure.low, figure.currency, eq.currency, published)
    if converted is None:
        return Check("currency-conversion", f"no rate known for {figure.currency} -> {eq.currency}", "unverifiable")
    value, how = converted
    stated = eq.low if eq.high is None or eq.high == eq.low else (eq.low + eq.high) / 2
    slack = tolerance + (APPROX_SLACK if eq.approx else 0.0) + (FLOATING_RATE_SLACK if "ECB" in how else 0.0)
    ok = abs(value - stated) <= slack * max(abs(stated), 1e-9)
    description = (
        f"{figure.low:,.0f} {figure.currency} is {value:,.0f} {eq.currency} ({how}); "
        f"the text says {'about ' if eq.approx else ''}{stated:,.0f} {eq.currency}"
    )
    return Check("currency-conversion", description, "consistent" if ok else "inconsistent")


# A stated change ("une hausse de 10,3 %") agrees with a reported one (680 -> 750 francs) within
# this many percentage points, or within its own approximation ("près de 15 %").
CHANGE_TOLERANCE_POINTS = 0.5


def check_stated_change(text: str, low: float, high: float, slack: float, changes: list[tuple[float, float]],
                        who: str) -> Check | None:
    """Check a stated percent change ([low, high] with its slack) against the from -> to changes
    the story reports: consistent when one of them gives it, else inconsistent."""
    if not changes:
        return None
    computed = [(before, after, (after - before) / before * 100) for before, after in changes if before]
    ok = any(low * (1 - slack) - CHANGE_TOLERANCE_POINTS <= rate <= high * (1 + slack) + CHANGE_TOLERANCE_POINTS
             for _, _, rate in computed)
    listed = ", ".join(f"{rate:+.1f} % ({before:g} → {after:g})" for before, after, rate in computed)
    return Check("percentage", f"“{text}” ({who}): the changes the story reports are {listed}",
                 "consistent" if ok else "inconsistent")


@functools.lru_cache(maxsize=1)
def _measures() -> dict[str, tuple[str, float]]:
    """Unit word beginning (folded) -> (dimension, factor to its base unit), from data/slots.json."""
    data = json.loads(resources.files("recoupe").joinpath("data/slots.json").read_text("utf-8"))
    return {str(k): (str(v[0]), float(v[1])) for k, v in data.get("measure_units", {}).items()}


def _measure_of(unit: str | None) -> tuple[str, float] | None:
    import unicodedata

    word = "".join(c for c in unicodedata.normalize("NFKD", (unit or "").split(" ")[0].lower())
                   if not unicodedata.combining(c))
    matches = [(len(prefix), value) for prefix, value in _measures().items() if word.startswith(prefix)]
    return max(matches)[1] if matches else None


def _check_measure(figure: Figure, eq: Figure, tolerance: float) -> Check | None:
    """Check "150 km (93 miles)" against the units' factors."""
    source, target = _measure_of(figure.unit), _measure_of(eq.unit)
    if source is None or target is None or source[0] != target[0] or figure.low is None or eq.low is None:
        return None
    value = figure.low * source[1] / target[1]
    slack = tolerance + (APPROX_SLACK if eq.approx else 0.0)
    ok = abs(value - eq.low) <= slack * max(abs(eq.low), 1e-9)
    return Check("unit-conversion", f"{figure.low:g} {figure.unit} is {value:,.1f} {eq.unit}; the text says "
                 f"{'about ' if eq.approx else ''}{eq.low:g} {eq.unit}", "consistent" if ok else "inconsistent")

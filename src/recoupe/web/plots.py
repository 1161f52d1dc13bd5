"""Geometry of the inline SVG plots (no JS library): the template only draws what is computed here.

Two plots: a story's coverage timeline (one row per outlet, one dot per article, copies
hollow, the first report ringed) and the drift of a figure across reports (each report's
value or range, in publication order).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from recoupe.crosscheck.dossier import Dossier, FactView

__all__ = ["Dot", "Bar", "AxisLabel", "Plot", "timeline_plot", "drift_plot"]

WIDTH = 640
ROW = 26
LEFT = 150
RIGHT = 20
TOP = 24


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    filled: bool
    ringed: bool
    title: str
    href: str


@dataclass(frozen=True)
class Bar:
    x: float
    y1: float
    y2: float
    title: str
    href: str


@dataclass(frozen=True)
class AxisLabel:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass(frozen=True)
class Plot:
    width: int
    height: int
    dots: tuple[Dot, ...] = ()
    bars: tuple[Bar, ...] = ()
    labels: tuple[AxisLabel, ...] = ()
    lines: tuple[tuple[float, float, float, float], ...] = ()
    title: str = ""


def _day(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso[:10].split("-") if p]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1).toordinal()
    except (ValueError, IndexError):
        return None


def _scale(value: float, low: float, high: float, left: float, right: float) -> float:
    if high <= low:
        return (left + right) / 2
    return left + (value - low) / (high - low) * (right - left)


def timeline_plot(dossier: Dossier) -> Plot | None:
    entries = [e for e in dossier.timeline if _day(e.published) is not None]
    if not entries:
        return None
    outlets = sorted({e.outlet or "?" for e in entries})
    days = [_day(e.published) or 0 for e in entries]
    low, high = min(days), max(days)
    height = TOP + ROW * len(outlets) + 30
    labels = [AxisLabel(LEFT - 8, TOP + ROW * i + 4, name[:24], "end") for i, name in enumerate(outlets)]
    labels += [AxisLabel(LEFT, height - 8, date.fromordinal(low).isoformat()),
               AxisLabel(WIDTH - RIGHT, height - 8, date.fromordinal(high).isoformat(), "end")]
    dots = tuple(
        Dot(
            x=round(_scale(day, low, high, LEFT + 8, WIDTH - RIGHT - 8), 1),
            y=TOP + ROW * outlets.index(e.outlet or "?"),
            filled=e.copy_of is None,
            ringed=e.first_report,
            title=f"{e.published} {e.outlet or '?'}: {(e.title or e.article_id)[:120]}"
            + (" (copy)" if e.copy_of else "") + (" (first report)" if e.first_report else ""),
            href=f"/articles/{e.article_id}",
        )
        for e, day in zip(entries, days, strict=True)
    )
    lines = tuple((LEFT, TOP + ROW * i, WIDTH - RIGHT, TOP + ROW * i) for i in range(len(outlets)))
    return Plot(WIDTH, height, dots=dots, labels=tuple(labels), lines=lines)


def drift_plot(view: FactView) -> Plot | None:
    """A figure's value in each report (range as a bar, point as a dot), publication order."""
    values = [e for e in view.fact.evidence if e.value is not None and (e.value.low is not None
                                                                         or e.value.high is not None)]
    if len(values) < 2:
        return None
    values.sort(key=lambda e: (e.published or "9999", e.article_id))
    lows = [e.value.low if e.value.low is not None else e.value.high for e in values]  # type: ignore[union-attr]
    highs = [e.value.high if e.value.high is not None else e.value.low for e in values]  # type: ignore[union-attr]
    vmin, vmax = min(v for v in lows if v is not None), max(v for v in highs if v is not None)
    height = 160
    top, bottom = 20.0, height - 30.0
    step = (WIDTH - LEFT - RIGHT) / max(1, len(values) - 1)
    bars, dots, labels = [], [], []
    for i, (evidence, lo, hi) in enumerate(zip(values, lows, highs, strict=True)):
        x = round(LEFT + step * i, 1) if len(values) > 1 else LEFT
        y_lo = round(_scale(lo or 0.0, vmin, vmax, bottom, top), 1)
        y_hi = round(_scale(hi or 0.0, vmin, vmax, bottom, top), 1)
        title = f"{evidence.outlet or evidence.article_id}, {evidence.published or '?'}: {evidence.value.text}"  # type: ignore[union-attr]
        href = f"/articles/{evidence.article_id}?hl={evidence.span.start}-{evidence.span.end}" \
               f"#span-{evidence.span.start}-{evidence.span.end}"
        if y_lo != y_hi:
            bars.append(Bar(x, y_hi, y_lo, title, href))
        dots.append(Dot(x, y_lo, True, i == 0, title, href))
        labels.append(AxisLabel(x, height - 8, (evidence.outlet or evidence.article_id)[:14], "middle"))
    labels += [AxisLabel(LEFT - 8, top + 4, f"{vmax:g}", "end"), AxisLabel(LEFT - 8, bottom + 4, f"{vmin:g}", "end")]
    return Plot(WIDTH, height, dots=tuple(dots), bars=tuple(bars), labels=tuple(labels), title=view.fact.label)

"""What every dossier renderer shares: status chips, anchors, value formatting, JSON form.

Every renderer (terminal, Markdown, HTML, JSON) shows the same sections in the same order,
built from the helpers here, so that the formats cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from recoupe import __version__
from recoupe.crosscheck.dossier import Dossier, FactView, OutletView, QuoteView, TimelineEntry
from recoupe.model import Article, Evidence, Figure, Review, Span, Story, from_dict, to_dict

__all__ = [
    "STATUS_CHIPS",
    "MATRIX_WORDS",
    "STATUSES",
    "chip",
    "matrix_cell",
    "anchor",
    "figure_value",
    "outlet_label",
    "origin_label",
    "date_range",
    "fact_summary",
    "ReportContext",
    "make_context",
    "dossier_to_dict",
    "dossier_from_dict",
    "dossier_json",
    "produced_by",
    "evidence_label",
    "latest_review",
    "check_icon",
    "ordered_facts",
    "ordered_figures",
]

# Icon and word for each status: never colour alone.
STATUS_CHIPS: dict[str, tuple[str, str]] = {
    "corroborated": ("✔", "corroborated"),
    "single-source": ("●", "single source"),
    "contradicted": ("✖", "contradicted"),
    "denied": ("⊘", "denied"),
    "inconsistent": ("⚠", "inconsistent"),
}
STATUSES: tuple[str, ...] = tuple(STATUS_CHIPS)

MATRIX_WORDS: dict[str, tuple[str, str]] = {
    "reports": ("●", "reports"),
    "contradicts": ("✖", "contradicts"),
    "denies": ("⊘", "denies"),
    "silent": ("·", "silent"),
}


# Most telling first: a person scans contradictions before single-source items.
_STATUS_RANK = {s: i for i, s in enumerate(("contradicted", "inconsistent", "denied", "corroborated", "single-source"))}


def ordered_facts(dossier: Dossier) -> tuple[FactView, ...]:
    """The facts in the order every format shows (and numbers F1, F2, ...) them."""
    return tuple(sorted(dossier.facts, key=lambda v: (_STATUS_RANK.get(v.status, 9),
                                                       -v.fact.independent_origins, v.fact.kind != "figure",
                                                       v.fact.id)))


def ordered_figures(dossier: Dossier) -> tuple[FactView, ...]:
    return tuple(v for v in ordered_facts(dossier) if v.fact.kind == "figure")


def chip(status: str) -> str:
    icon, word = STATUS_CHIPS.get(status, ("?", status))
    return f"{icon} {word}"


def matrix_cell(word: str) -> str:
    icon, text = MATRIX_WORDS.get(word, ("?", word))
    return f"{icon} {text}"


def anchor(article_id: str, span: Span | tuple[int, int]) -> str:
    """The id of a passage in the article appendix: the same in every format."""
    start, end = (span.start, span.end) if isinstance(span, Span) else span
    return f"ev-{article_id}-{start}-{end}"


def _number(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ") if abs(x) >= 1000 and x == int(x) else f"{x:g}"


def figure_value(fig: Figure | None) -> str:
    """'1 000 personnel (approx)', '6 000 000 000 XOF per month', '10.. years (vague)'."""
    if fig is None:
        return ""
    if fig.low is not None and fig.high is not None and fig.low == fig.high:
        value = _number(fig.low)
    else:
        low = "" if fig.low is None else _number(fig.low)
        high = "" if fig.high is None else _number(fig.high)
        value = f"{low}..{high}"
    parts = [value, fig.currency or "", f"per {fig.period}" if fig.period else "", fig.unit or ""]
    flags = [f for f, on in (("approx", fig.approx), ("vague", fig.vague)) if on]
    text = " ".join(p for p in parts if p) + (f" ({', '.join(flags)})" if flags else "")
    if fig.stated_equivalent is not None:
        text += f" ≈ stated {figure_value(fig.stated_equivalent)}"
    return text


def outlet_label(outlet: str | None, article_id: str) -> str:
    return outlet or f"unknown outlet ({article_id[:8]})"


def origin_label(key: str, outlet_of: Mapping[str, str]) -> str:
    """A readable origin: 'reuters', or "own source of <outlet>" for an outlet's own reporting."""
    if key.startswith("outlet:"):
        ref = key.split(":", 1)[1]
        return f"own reporting of {outlet_of.get(ref, ref)}"
    if ":" in key:
        ref, source = key.split(":", 1)
        if ref in outlet_of:
            return f"{source} (unnamed, via {outlet_of[ref]})"
    return key


def date_range(story: Story) -> str:
    first, last = story.first_seen or "?", story.last_seen or "?"
    return first if first == last else f"{first} → {last}"


def fact_summary(view: FactView) -> str:
    """'✔ corroborated · 2 independent origins' (+ the automatic status when a person changed it)."""
    n = view.fact.independent_origins
    text = f"{chip(view.status)} · {n} independent origin{'s' if n != 1 else ''}"
    if view.reviews:
        text += f" · reviewed (automatic: {chip(view.automatic_status)})"
    return text


@dataclass(frozen=True)
class ReportContext:
    """What renderers need beside the dossier: the article texts and readable names."""

    articles: dict[str, Article]
    outlet_of: dict[str, str]  # article id -> outlet label
    generated_at: str


def make_context(articles: Sequence[Article] | Mapping[str, Article] = ()) -> ReportContext:
    items = list(articles.values()) if isinstance(articles, Mapping) else list(articles)
    return ReportContext(
        articles={a.id: a for a in items},
        outlet_of={a.id: outlet_label(a.outlet, a.id) for a in items},
        generated_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
    )


def evidence_label(evidence: Evidence, ctx: ReportContext) -> str:
    outlet = ctx.outlet_of.get(evidence.article_id) or outlet_label(evidence.outlet, evidence.article_id)
    return f"{outlet}, {evidence.article_id} [{evidence.span.start}:{evidence.span.end}]"


def latest_review(view: FactView) -> Review | None:
    return view.reviews[-1] if view.reviews else None


def check_icon(result: str) -> str:
    return {"consistent": "✔", "inconsistent": "✖"}.get(result, "?")


def produced_by(what: str, **extra: Any) -> dict[str, Any]:
    return {"tool": "recoupe", "version": __version__, "what": what,
            "at": datetime.now(UTC).replace(microsecond=0).isoformat(), **extra}


# ------------------------------------------------------------------ JSON form


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    return to_dict(dossier)


def dossier_from_dict(data: Mapping[str, Any]) -> Dossier:
    """Rebuild a Dossier from `dossier_to_dict` output (from_dict does not type dict values)."""
    quotes = {speaker: tuple(from_dict(QuoteView, q) for q in items)
              for speaker, items in data.get("quotes_by_speaker", {}).items()}
    return Dossier(
        story=from_dict(Story, data["story"]),
        facts=tuple(from_dict(FactView, f) for f in data["facts"]),
        matrix_outlets=tuple(data["matrix_outlets"]),
        matrix={k: dict(v) for k, v in data["matrix"].items()},
        figures=tuple(from_dict(FactView, f) for f in data["figures"]),
        quotes_by_speaker=quotes,
        timeline=tuple(from_dict(TimelineEntry, t) for t in data["timeline"]),
        outlets=tuple(from_dict(OutletView, o) for o in data["outlets"]),
        origins=tuple(data["origins"]),
        status_counts=dict(data.get("status_counts", {})),
        limit_note=data.get("limit_note", ""),
    )


def dossier_json(dossier: Dossier, ctx: ReportContext | None = None) -> str:
    """The dossier as one JSON document: {"produced_by", "dossier", "articles"}."""
    ctx = ctx or make_context()
    articles = [{"id": a.id, "outlet": a.outlet, "title": a.title, "url": a.url, "lang": a.lang,
                 "published": a.published.iso() if a.published else None} for a in ctx.articles.values()]
    document = {"produced_by": produced_by("dossier", story=dossier.story.id),
                "dossier": dossier_to_dict(dossier), "articles": articles}
    return json.dumps(document, ensure_ascii=False, indent=1)


"""The dossier as Markdown: headings, tables, and each passage quoted with its article id and span."""

from __future__ import annotations

import re

from recoupe.crosscheck.dossier import Dossier, FactView
from recoupe.model import Evidence
from recoupe.report.common import (
    ReportContext,
    check_icon,
    chip,
    date_range,
    fact_summary,
    figure_value,
    make_context,
    matrix_cell,
    ordered_facts,
    ordered_figures,
    origin_label,
)

__all__ = ["render_markdown", "md_escape"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: str | None) -> str:
    """Text safe inside Markdown (and its tables): no markup, no raw HTML, one line."""
    return _SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _where(article_id: str, start: int, end: int) -> str:
    return f"`{article_id}` chars {start}–{end}"


def _quote(text: str) -> str:
    return "> " + md_escape(text)


def _header(d: Dossier, ctx: ReportContext) -> list[str]:
    s = d.story
    origins = ", ".join(md_escape(origin_label(o, ctx.outlet_of)) for o in d.origins) or "none"
    counts = ", ".join(f"{n} {chip(status)}" for status, n in sorted(d.status_counts.items()))
    return [
        f"# Dossier: {md_escape(s.label)}", "",
        f"- **Dates:** {md_escape(date_range(s))}",
        f"- **Articles:** {len(s.members)}",
        f"- **Outlets:** {', '.join(md_escape(o) for o in d.matrix_outlets) or 'none'}",
        f"- **Languages:** {', '.join(s.languages) or '?'}",
        f"- **Independent origins:** {len(d.origins)} ({origins})",
        f"- **Facts:** {len(d.facts)} ({counts})",
        f"- **Story id:** `{s.id}`", "",
        _quote(f"Note: {d.limit_note}"), "",
    ]


def _summary(d: Dossier) -> list[str]:
    lines = ["## Facts", ""]
    for view in ordered_facts(d):
        lines.append(f"- {fact_summary(view)} — [{md_escape(view.fact.label)}](#fact-{view.fact.id})")
    return [*lines, ""]


def _matrix(d: Dossier) -> list[str]:
    head = ["Fact", "Status", *(md_escape(o) for o in d.matrix_outlets)]
    lines = ["## Claims × outlets", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for view in ordered_facts(d):
        row = d.matrix.get(view.fact.id, {})
        cells = [f"[{md_escape(view.fact.label[:90])}](#fact-{view.fact.id})", chip(view.status),
                 *(matrix_cell(row.get(o, "silent")) for o in d.matrix_outlets)]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _figures(d: Dossier, ctx: ReportContext) -> list[str]:
    lines = ["## Figures compared", ""]
    if not d.figures:
        return [*lines, "No figure slot in this story.", ""]
    for view in ordered_figures(d):
        lines += [f"### {md_escape(view.fact.slot or view.fact.label)} — {chip(view.status)}", "",
                  "| Outlet | As written | Value | Stance | Passage |", "|---|---|---|---|---|"]
        for ev in view.fact.evidence:
            lines.append(
                f"| {md_escape(ctx.outlet_of.get(ev.article_id, ev.outlet or ev.article_id))}"
                f" | {md_escape(ev.value.text if ev.value else ev.text[:60])} | {md_escape(figure_value(ev.value))}"
                f" | {ev.stance} | {_where(ev.article_id, ev.span.start, ev.span.end)} |")
        for check in view.fact.checks:
            lines.append(f"\n- Check {check_icon(check.result)} {md_escape(check.kind)}: **{check.result}** — "
                         f"{md_escape(check.description)}")
        lines.append("")
    return lines


def _quotes(d: Dossier, ctx: ReportContext) -> list[str]:
    lines = ["## Quotes by speaker", ""]
    if not d.quotes_by_speaker:
        return [*lines, "No quote found.", ""]
    for speaker, quotes in d.quotes_by_speaker.items():
        outlets = sorted({ctx.outlet_of.get(q.article_id, q.outlet or q.article_id) for q in quotes})
        lines += [f"### {md_escape(speaker)} ({quotes[0].speaker_kind}; carried by {md_escape(', '.join(outlets))})",
                  ""]
        for q in quotes:
            how = "direct" if q.direct else "reported"
            lines += [_quote(f"« {q.text} »"), "",
                      f"— {md_escape(ctx.outlet_of.get(q.article_id, q.outlet or q.article_id))},"
                      f" {q.published or 'date unknown'}, {how}, {_where(q.article_id, q.start, q.end)}", ""]
    return lines


def _timeline(d: Dossier, ctx: ReportContext) -> list[str]:
    lines = ["## Timeline of reports", "", "| Published | Outlet | Title | Lang | Note | Article |",
             "|---|---|---|---|---|---|"]
    for t in d.timeline:
        note = "first report" if t.first_report else (f"copy of `{t.copy_of}`" if t.copy_of else "")
        lines.append(f"| {t.published or '?'} | {md_escape(ctx.outlet_of.get(t.article_id, t.outlet or '?'))}"
                     f" | {md_escape(t.title)} | {t.lang or '?'} | {note} | `{t.article_id}` |")
    return [*lines, ""]


def _outlets(d: Dossier, ctx: ReportContext) -> list[str]:
    lines = ["## Outlets and the origins they rely on", "", "| Outlet | Articles | Languages | Origins |",
             "|---|---|---|---|"]
    for o in d.outlets:
        origins = ", ".join(origin_label(x, ctx.outlet_of) for x in o.origins) or "none found"
        lines.append(f"| {md_escape(o.outlet)} | {len(o.articles)} | {', '.join(o.languages)}"
                     f" | {md_escape(origins)} |")
    return [*lines, ""]


def _evidence(ev: Evidence, ctx: ReportContext) -> list[str]:
    source = f", source: {md_escape(ev.source)}" if ev.source else ""
    origin = f", origin: {md_escape(origin_label(ev.origin, ctx.outlet_of))}" if ev.origin else ""
    return [_quote(ev.text), "",
            f"— {md_escape(ctx.outlet_of.get(ev.article_id, ev.outlet or ev.article_id))},"
            f" {_where(ev.article_id, ev.span.start, ev.span.end)}, {ev.stance}, {ev.modality}{source}{origin}"
            + (f", value: {md_escape(figure_value(ev.value))}" if ev.value else ""), ""]


def _fact_detail(view: FactView, ctx: ReportContext) -> list[str]:
    f = view.fact
    lines = [f'### <a id="fact-{f.id}"></a>{md_escape(f.label)}', "",
             f"**{fact_summary(view)}** — {md_escape(view.phrase)} · {f.kind} · `{f.id}`", ""]
    for review in view.reviews:
        lines += [f"- Review by {md_escape(review.reviewer)} at {review.at}: {chip(review.status)}"
                  f" (was {chip(review.previous_status or view.automatic_status)}) — {md_escape(review.note)}"]
    if view.reviews:
        lines += [f"- Automatic status: {chip(view.automatic_status)}", ""]
    for check in f.checks:
        lines.append(f"- Check {check_icon(check.result)} {md_escape(check.kind)}: **{check.result}** — "
                     f"{md_escape(check.description)}")
    if f.checks:
        lines.append("")
    lines += ["Evidence:", ""]
    for ev in f.evidence:
        lines += _evidence(ev, ctx)
    if f.drift:
        lines += ["Drift:", ""]
        for n, step in enumerate(f.drift, 1):
            lines.append(f"{n}. {step.published or '?'} {md_escape(ctx.outlet_of.get(step.article_id, step.outlet or step.article_id))}"
                         f" — **{md_escape(step.change)}**: {md_escape(step.text[:160])}")
        lines.append("")
    return lines


def render_markdown(dossier: Dossier, ctx: ReportContext | None = None) -> str:
    ctx = ctx or make_context()
    lines = [*_header(dossier, ctx), *_summary(dossier), *_matrix(dossier), *_figures(dossier, ctx),
             *_quotes(dossier, ctx), *_timeline(dossier, ctx), *_outlets(dossier, ctx), "## Fact details", ""]
    for view in ordered_facts(dossier):
        lines += _fact_detail(view, ctx)
    lines.append(f"_Generated by recoupe at {ctx.generated_at}._")
    return "\n".join(lines) + "\n"

"""The dossier in the terminal (rich): the same sections as the other formats, shorter passages."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from recoupe.crosscheck.dossier import Dossier, FactView
from recoupe.report.common import (
    ReportContext,
    check_icon,
    chip,
    date_range,
    evidence_label,
    figure_value,
    make_context,
    matrix_cell,
    ordered_facts,
    ordered_figures,
    origin_label,
)

__all__ = ["render_text", "STATUS_STYLES"]

# Colour only doubles the icon and word of each chip.
STATUS_STYLES = {"corroborated": "green", "single-source": "blue", "contradicted": "bold red",
                 "denied": "magenta", "inconsistent": "yellow"}


def _chip(status: str) -> str:
    return f"[{STATUS_STYLES.get(status, 'white')}]{escape(chip(status))}[/]"


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return escape(text if len(text) <= n else text[: n - 1] + "…")


def _header(d: Dossier, ctx: ReportContext) -> Panel:
    s = d.story
    origins = ", ".join(origin_label(o, ctx.outlet_of) for o in d.origins) or "none"
    counts = "  ".join(f"{_chip(status)} {n}" for status, n in sorted(d.status_counts.items()))
    body = (f"[bold]{escape(s.label)}[/]\n"
            f"{escape(date_range(s))} · {len(s.members)} articles · outlets: {escape(', '.join(d.matrix_outlets))}"
            f" · languages: {', '.join(s.languages) or '?'}\n"
            f"independent origins: {len(d.origins)} ({escape(origins)})\n"
            f"facts: {len(d.facts)}  {counts}\n[italic]{escape(d.limit_note)}[/]")
    return Panel(body, title=f"dossier {s.id}", expand=False)


def _facts(d: Dossier) -> Table:
    table = Table("#", "status", "origins", "fact", "id", title="Facts", title_justify="left")
    for n, v in enumerate(ordered_facts(d), 1):
        status = _chip(v.status) + (f"\n(auto: {_chip(v.automatic_status)}; reviewed)" if v.reviews else "")
        table.add_row(f"F{n}", status, str(v.fact.independent_origins), _short(v.fact.label, 90), v.fact.id[:10])
    return table


def _matrix(d: Dossier) -> Table:
    table = Table("#", *(escape(o) for o in d.matrix_outlets), title="Claims × outlets", title_justify="left")
    for n, v in enumerate(ordered_facts(d), 1):
        row = d.matrix.get(v.fact.id, {})
        table.add_row(f"F{n}", *(matrix_cell(row.get(o, "silent")) for o in d.matrix_outlets))
    return table


def _figures(d: Dossier, ctx: ReportContext, numbers: dict[str, int]) -> Table:
    table = Table("#", "slot", "outlet", "as written", "value", "stance", "checks", title="Figures compared",
                  title_justify="left")
    for v in ordered_figures(d):
        checks = "\n".join(f"{check_icon(c.result)} {c.kind}: {c.result} — {_short(c.description, 80)}"
                           for c in v.fact.checks)
        for i, ev in enumerate(v.fact.evidence):
            table.add_row(f"F{numbers[v.fact.id]}" if i == 0 else "", escape(v.fact.slot or "") if i == 0 else "",
                          escape(ctx.outlet_of.get(ev.article_id, ev.outlet or ev.article_id)),
                          escape(ev.value.text if ev.value else ""), escape(figure_value(ev.value)), ev.stance,
                          checks if i == 0 else "")
        table.add_section()
    return table


def _quotes(d: Dossier, ctx: ReportContext) -> Table:
    table = Table("speaker", "quote", "outlet", "how", title="Quotes by speaker", title_justify="left")
    for speaker, quotes in d.quotes_by_speaker.items():
        for i, q in enumerate(quotes):
            table.add_row(escape(speaker) if i == 0 else "", "« " + _short(q.text, 90) + " »",
                          escape(ctx.outlet_of.get(q.article_id, q.outlet or q.article_id)),
                          "direct" if q.direct else "reported")
    return table


def _timeline(d: Dossier, ctx: ReportContext) -> Table:
    table = Table("published", "outlet", "title", "lang", "note", "article", title="Timeline of reports",
                  title_justify="left")
    for t in d.timeline:
        note = "first report" if t.first_report else (f"copy of {t.copy_of[:10]}" if t.copy_of else "")
        table.add_row(t.published or "?", escape(ctx.outlet_of.get(t.article_id, t.outlet or "?")),
                      _short(t.title or "", 60), t.lang or "?", note, t.article_id)
    return table


def _outlets(d: Dossier, ctx: ReportContext) -> Table:
    table = Table("outlet", "articles", "languages", "origins relied on", title="Outlets and origins",
                  title_justify="left")
    for o in d.outlets:
        table.add_row(escape(o.outlet), str(len(o.articles)), ", ".join(o.languages),
                      escape(", ".join(origin_label(x, ctx.outlet_of) for x in o.origins) or "none found"))
    return table


def _detail(v: FactView, n: int, ctx: ReportContext) -> Panel:
    lines = [f"{_chip(v.status)} {escape(v.phrase)} · {v.fact.kind} · {v.fact.id}"]
    for r in v.reviews:
        lines.append(f"[bold]review[/] {escape(r.reviewer)} {r.at}: {_chip(r.status)} "
                     f"(was {_chip(r.previous_status or v.automatic_status)}) — {escape(r.note)}")
    if v.reviews:
        lines.append(f"automatic status: {_chip(v.automatic_status)}")
    lines += [f"check {check_icon(c.result)} {c.kind}: {c.result} — {escape(c.description)}" for c in v.fact.checks]
    for ev in v.fact.evidence:
        lines.append(f"  › {_short(ev.text, 160)}\n    [dim]{escape(evidence_label(ev, ctx))} · {ev.stance} · "
                     f"{ev.modality}{' · ' + escape(ev.source) if ev.source else ''}[/]")
    for k, step in enumerate(v.fact.drift, 1):
        lines.append(f"  {k}. {step.published or '?'} "
                     f"{escape(ctx.outlet_of.get(step.article_id, step.outlet or step.article_id))} — "
                     f"{escape(step.change)}")
    return Panel("\n".join(lines), title=f"F{n}. {_short(v.fact.label, 100)}", title_align="left")


def render_text(dossier: Dossier, console: Console, ctx: ReportContext | None = None) -> None:
    ctx = ctx or make_context()
    numbers = {v.fact.id: n for n, v in enumerate(ordered_facts(dossier), 1)}
    console.print(_header(dossier, ctx))
    for part in (_facts(dossier), _matrix(dossier), _figures(dossier, ctx, numbers), _quotes(dossier, ctx),
                 _timeline(dossier, ctx), _outlets(dossier, ctx)):
        console.print(part)
    console.print(Group(*(_detail(v, numbers[v.fact.id], ctx) for v in ordered_facts(dossier))))

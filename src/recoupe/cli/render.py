"""Terminal views of an article and a story (rich), shared by `show` and `dossier`."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from recoupe.model import Analysis, Article, to_dict

__all__ = ["render_article", "render_story", "STYLES"]

# Style and a word for each kind: never colour alone (the legend names each).
STYLES = {
    "entity": ("cyan", "entity"),
    "figure": ("bold yellow", "figure"),
    "quote": ("italic green", "quote"),
    "attribution": ("underline magenta", "attribution"),
}


def _highlighted(article: Article, analysis: Analysis | None) -> Text:
    text = Text(article.text)
    if analysis is None:
        return text
    for mention in analysis.mentions:
        text.stylize(STYLES["entity"][0], mention.span.start, mention.span.end)
    for quote in analysis.quotes:
        text.stylize(STYLES["quote"][0], quote.span.start, quote.span.end)
    for attribution in analysis.attributions:
        text.stylize(STYLES["attribution"][0], attribution.span.start, attribution.span.end)
    for figure in analysis.figures:
        text.stylize(STYLES["figure"][0], figure.span.start, figure.span.end)
    if article.title_span is not None:
        text.stylize("bold", article.title_span.start, article.title_span.end)
    return text


def _figure_value(fig: Any) -> str:
    if fig.low is not None and fig.high is not None and fig.low == fig.high:
        value = f"{fig.low:g}"
    else:
        value = f"{'' if fig.low is None else f'{fig.low:g}'}..{'' if fig.high is None else f'{fig.high:g}'}"
    parts = [value, fig.currency or "", f"per {fig.period}" if fig.period else "", fig.unit or ""]
    flags = [f for f, on in (("approx", fig.approx), ("vague", fig.vague)) if on]
    return " ".join(p for p in parts if p) + (f" ({', '.join(flags)})" if flags else "")


def render_article(article: Article, analysis: Analysis | None, diff: bool, console: Console) -> None:
    published = article.published.iso() if article.published else "date unknown"
    head = (
        f"[bold]{escape(article.title or '(no title)')}[/]\n"
        f"{escape(article.outlet or 'outlet unknown')} · {published} · {article.lang or '?'}"
        f" ({article.lang_confidence:.2f}) · {article.id}"
        + (" · [red]truncated[/]" if article.truncated else "")
    )
    console.print(Panel(head, expand=False))
    console.print(_highlighted(article, analysis))
    legend = Text("  ").join(Text(word, style=style) for style, word in STYLES.values())
    console.print(Text("\nhighlights: ") + legend)
    if analysis is not None:
        _render_records(article, analysis, console)
    if diff:
        _render_diff(article, console)


def _render_records(article: Article, analysis: Analysis, console: Console) -> None:
    if analysis.quotes:
        table = Table("quote", "speaker", "kind", "cue", title="Quotes", show_lines=False)
        for q in analysis.quotes:
            sp = q.speaker
            table.add_row(escape(q.text[:90]), escape(sp.name if sp else "?"), sp.kind if sp else "",
                          escape(q.cue or "") + ("" if q.direct else " (indirect)"))
        console.print(table)
    if analysis.figures:
        table = Table("text", "kind", "value", title="Figures")
        for f in analysis.figures:
            eq = f" ≈ {_figure_value(f.stated_equivalent)}" if f.stated_equivalent else ""
            table.add_row(escape(f.text), f.kind, escape(_figure_value(f) + eq))
        console.print(table)
    if analysis.attributions:
        table = Table("phrase", "source", "kind", "via", title="Attributions")
        for a in analysis.attributions:
            table.add_row(escape(a.span.of(article.text)[:70]), escape(a.source), a.kind, escape(a.via or ""))
        console.print(table)
    if analysis.entities:
        console.print("[bold]Entities:[/] " + ", ".join(escape(f"{e.name} ({e.kind})") for e in analysis.entities))
    if analysis.claims:
        counts: dict[str, int] = {}
        for c in analysis.claims:
            counts[c.modality] = counts.get(c.modality, 0) + 1
        console.print("[bold]Claims by modality:[/] " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for note in analysis.notes:
        console.print(f"[yellow]note:[/] {escape(note)}")


def _render_diff(article: Article, console: Console) -> None:
    report = article.report
    console.print("\n[bold]What cleaning changed[/]")
    for removal in report.removed:
        console.print(Text("  − ", style="red") + Text(removal.text.strip()[:120], style="strike red")
                      + Text(f"   [{removal.reason}]", style="dim"))
    for repair in report.repairs:
        console.print(Text("  ~ ") + Text(repair.raw, style="red") + Text(" → ") + Text(repair.clean, style="green")
                      + Text(f"   [{repair.reason}]", style="dim"))
    for field, source in sorted(report.field_sources.items()):
        console.print(f"  {field}: found by {escape(source)}")
    for note in report.notes:
        console.print(f"  [yellow]note:[/] {escape(note)}")
    if not report.removed and not report.repairs:
        console.print("  nothing removed or repaired")


def render_story(store: Any, story_id: str, fmt: str, console: Console) -> None:
    story = store.story(story_id)
    rows = store.list_articles(story_id=story_id, limit=10_000)
    if fmt == "json":
        print(json.dumps({"story": to_dict(story), "articles": to_dict(rows),
                          "copies": to_dict(store.dup_groups_of(story.members))},
                         ensure_ascii=False, indent=1))
        return
    console.print(Panel(
        f"[bold]{escape(story.label)}[/]\n{story.first_seen or '?'} → {story.last_seen or '?'} · "
        f"{len(story.members)} articles · outlets: {escape(', '.join(story.outlets))} · "
        f"languages: {', '.join(story.languages)} · {story.id}", expand=False))
    table = Table("article", "published", "outlet", "lang", "title", "copy group")
    for r in sorted(rows, key=lambda r: (r.published or "", r.id)):
        first = " (first report)" if r.id == story.first_report else ""
        table.add_row(r.id[:10], r.published or "?", escape(r.outlet or "?"), r.lang or "?",
                      escape((r.title or "")[:60]) + first, (r.group_id or "")[:10])
    console.print(table)

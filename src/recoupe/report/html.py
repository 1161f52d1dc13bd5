"""The dossier as one self-contained HTML file: inline CSS, no script, no external asset.

Every piece of text is escaped. An appendix holds each article's text with the evidence
spans marked (<mark id="ev-...">); facts link to their marks and marks link back to facts.

Cost: linear in the evidence. The facts are ordered once, the marks of every article are
collected in one pass over all evidence and quotes (indexed by article), and each article text
is cut at its marks in one sweep; no section scans the whole story once per article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from recoupe.crosscheck.dossier import Dossier, FactView
from recoupe.model import Article, Evidence
from recoupe.report.common import (
    STATUS_CHIPS,
    ReportContext,
    anchor,
    check_icon,
    chip,
    date_range,
    evidence_label,
    figure_value,
    make_context,
    matrix_cell,
    ordered_facts,
    origin_label,
)

__all__ = ["render_html"]

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 2rem;color:#1d1d1f}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{border-bottom:1px solid #ccc;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;
vertical-align:top;text-align:left}th{background:#f2f2f2}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5rem 1rem}
.chip{display:inline-block;border:1px solid #888;border-radius:1rem;padding:0 .6rem;font-size:.85rem;white-space:nowrap}
.chip-corroborated{background:#e3f4e1;border-color:#2e7d32}.chip-single-source{background:#eef1f6;border-color:#546e7a}
.chip-contradicted{background:#fde4e4;border-color:#c62828}.chip-denied{background:#f3e5f5;border-color:#6a1b9a}
.chip-inconsistent{background:#fff3e0;border-color:#ef6c00}
.cell-contradicts{background:#fde4e4}.cell-denies{background:#f3e5f5}.cell-silent{color:#888}
blockquote{margin:.3rem 0 .1rem 0;padding:.2rem .8rem;border-left:3px solid #999;background:#fafafa}
.meta{color:#555;font-size:.85rem}.fact{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.8rem 0}
.review{background:#e8f0fe;padding:.3rem .6rem;border-radius:4px}
.article-text{white-space:pre-wrap;border:1px solid #ddd;padding:.8rem;background:#fcfcfc}
mark{background:#fff2a8;border-bottom:2px solid #c9a400}mark.contradicts{background:#fcd5d5;border-color:#c62828}
mark.denies{background:#ead7f0;border-color:#6a1b9a}mark.quote{background:#dcf2dc;border-color:#2e7d32}
mark:target{outline:3px solid #1565c0}sup a{text-decoration:none;font-size:.7rem}
"""


def e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _chip(status: str) -> str:
    return f'<span class="chip chip-{e(status)}">{e(chip(status))}</span>'


def _table_head(head: Iterable[str]) -> str:
    return "".join(["<table><thead><tr>", *(f"<th>{e(h)}</th>" for h in head), "</tr></thead><tbody>"])


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table; head cells are escaped here, row cells must come escaped (they may hold links)."""
    out = [_table_head(head)]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    return "".join(out) + "</tbody></table>"


def _header(d: Dossier, ctx: ReportContext) -> str:
    s = d.story
    origins = ", ".join(e(origin_label(o, ctx.outlet_of)) for o in d.origins) or "none"
    counts = " ".join(f"{_chip(status)}&nbsp;{n}" for status, n in sorted(d.status_counts.items()))
    items = [("Dates", e(date_range(s))), ("Articles", str(len(s.members))),
             ("Outlets", e(", ".join(d.matrix_outlets)) or "none"), ("Languages", e(", ".join(s.languages)) or "?"),
             ("Independent origins", f"{len(d.origins)} ({origins})"), ("Facts", f"{len(d.facts)} {counts}"),
             ("Story id", f"<code>{e(s.id)}</code>")]
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in items)
    return (f"<header><h1>{e(s.label)}</h1><table>{rows}</table>"
            f'<p class="note" role="note"><strong>Note:</strong> {e(d.limit_note)}</p></header>')


def _fact_link(view: FactView, n: int, limit: int = 140) -> str:
    label = view.fact.label if len(view.fact.label) <= limit else view.fact.label[: limit - 1] + "…"
    return f'<a href="#fact-{e(view.fact.id)}">F{n}. {e(label)}</a>'


def _summary(facts: tuple[FactView, ...]) -> str:
    items = []
    for n, view in enumerate(facts, 1):
        k = view.fact.independent_origins
        reviewed = f" <em>reviewed (automatic: {_chip(view.automatic_status)})</em>" if view.reviews else ""
        items.append(f"<li>{_chip(view.status)} {k} independent origin{'s' if k != 1 else ''}{reviewed} — "
                     f"{_fact_link(view, n)}</li>")
    return '<section id="facts"><h2>Facts</h2><ul>' + "".join(items) + "</ul></section>"


class _MatrixCells(dict[str, str]):
    """The <td> of each matrix word, built once (a handful of distinct words)."""

    def __missing__(self, word: str) -> str:
        self[word] = f'<td><span class="cell-{e(word)}">{e(matrix_cell(word))}</span></td>'
        return self[word]


def _matrix(d: Dossier, facts: tuple[FactView, ...]) -> str:
    """Facts x outlets: each row starts all "silent" (one C-level list) and only the outlets that
    carry the fact are set, so the Python work follows the evidence, not facts x outlets."""
    cells = _MatrixCells()
    column = {outlet: i for i, outlet in enumerate(d.matrix_outlets)}
    rows = []
    for n, view in enumerate(facts, 1):
        row = [cells["silent"]] * len(column)
        for outlet, word in d.matrix.get(view.fact.id, {}).items():
            if word != "silent" and outlet in column:
                row[column[outlet]] = cells[word]
        rows.append(f"<tr><td>{_fact_link(view, n, 90)}</td><td>{_chip(view.status)}</td>{''.join(row)}</tr>")
    # One join: at 1,000 articles this section is megabytes, and each extra concatenation copies it.
    return "".join(['<section id="matrix"><h2>Claims × outlets</h2>', _table_head(["Fact", "Status", *d.matrix_outlets]),
                    *rows, "</tbody></table></section>"])


def _checks(view: FactView) -> str:
    if not view.fact.checks:
        return ""
    items = "".join(f"<li>{check_icon(c.result)} {e(c.kind)}: <strong>{e(c.result)}</strong> — {e(c.description)}</li>"
                    for c in view.fact.checks)
    return f'<ul class="checks">{items}</ul>'


def _figures(d: Dossier, facts: tuple[FactView, ...], ctx: ReportContext, numbers: dict[str, int]) -> str:
    parts = ['<section id="figures"><h2>Figures compared</h2>']
    if not d.figures:
        parts.append("<p>No figure slot in this story.</p>")
    for view in (v for v in facts if v.fact.kind == "figure"):
        rows = [[e(ctx.outlet_of.get(ev.article_id, ev.outlet or ev.article_id)),
                 e(ev.value.text if ev.value else ""), e(figure_value(ev.value)), e(ev.stance),
                 f'<a href="#{e(anchor(ev.article_id, ev.span))}">passage</a>'] for ev in view.fact.evidence]
        parts.append(f"<h3>{_chip(view.status)} {_fact_link(view, numbers[view.fact.id])}</h3>"
                     + _table(["Outlet", "As written", "Value", "Stance", "Passage"], rows) + _checks(view))
    return "".join([*parts, "</section>"])


def _quotes(d: Dossier, ctx: ReportContext) -> str:
    parts = ['<section id="quotes"><h2>Quotes by speaker</h2>']
    if not d.quotes_by_speaker:
        parts.append("<p>No quote found.</p>")
    for speaker, quotes in d.quotes_by_speaker.items():
        outlets = sorted({ctx.outlet_of.get(q.article_id, q.outlet or q.article_id) for q in quotes})
        parts.append(f"<h3>{e(speaker)} <span class=meta>({e(quotes[0].speaker_kind)}; carried by "
                     f"{e(', '.join(outlets))})</span></h3>")
        for q in quotes:
            where = anchor(q.article_id, (q.start, q.end))
            parts.append(f"<blockquote>« {e(q.text)} »</blockquote><p class=meta>"
                         f"{e(ctx.outlet_of.get(q.article_id, q.outlet or q.article_id))}, "
                         f"{e(q.published or 'date unknown')}, {'direct' if q.direct else 'reported'} — "
                         f'<a href="#{e(where)}">in the article</a></p>')
    return "".join([*parts, "</section>"])


def _timeline(d: Dossier, ctx: ReportContext) -> str:
    rows = []
    for t in d.timeline:
        note = "first report" if t.first_report else (f"copy of {t.copy_of}" if t.copy_of else "")
        rows.append([e(t.published or "?"), e(ctx.outlet_of.get(t.article_id, t.outlet or "?")),
                     f'<a href="#art-{e(t.article_id)}">{e(t.title or t.article_id)}</a>', e(t.lang or "?"),
                     e(note)])
    return ('<section id="timeline"><h2>Timeline of reports</h2>'
            + _table(["Published", "Outlet", "Title", "Lang", "Note"], rows) + "</section>")


def _outlets(d: Dossier, ctx: ReportContext) -> str:
    rows = [[e(o.outlet), str(len(o.articles)), e(", ".join(o.languages)),
             e(", ".join(origin_label(x, ctx.outlet_of) for x in o.origins) or "none found")] for o in d.outlets]
    return ('<section id="outlets"><h2>Outlets and the origins they rely on</h2>'
            + _table(["Outlet", "Articles", "Languages", "Origins"], rows) + "</section>")


def _evidence(ev: Evidence, ctx: ReportContext) -> str:
    extra = [ev.stance, ev.modality]
    if ev.source:
        extra.append(f"source: {ev.source}")
    if ev.origin:
        extra.append(f"origin: {origin_label(ev.origin, ctx.outlet_of)}")
    if ev.value:
        extra.append(f"value: {figure_value(ev.value)}")
    return (f"<blockquote>{e(ev.text)}</blockquote><p class=meta>"
            f'<a href="#{e(anchor(ev.article_id, ev.span))}">{e(evidence_label(ev, ctx))}</a> · '
            f"{e(' · '.join(extra))}</p>")


def _fact_detail(view: FactView, n: int, ctx: ReportContext) -> str:
    f = view.fact
    parts = [f'<article class="fact" id="fact-{e(f.id)}"><h3>F{n}. {e(f.label)}</h3>',
             f"<p>{_chip(view.status)} {e(view.phrase)} · {e(f.kind)} · <code>{e(f.id)}</code></p>"]
    for r in view.reviews:
        parts.append(f'<p class="review">Reviewed by {e(r.reviewer)} at {e(r.at)}: {_chip(r.status)} '
                     f"(was {_chip(r.previous_status or view.automatic_status)}) — {e(r.note)}</p>")
    if view.reviews:
        parts.append(f"<p>Automatic status: {_chip(view.automatic_status)}</p>")
    parts.append(_checks(view))
    parts += ["<h4>Evidence</h4>", *(_evidence(ev, ctx) for ev in f.evidence)]
    if f.drift:
        steps = "".join(
            f"<li>{e(s.published or '?')} {e(ctx.outlet_of.get(s.article_id, s.outlet or s.article_id))} — "
            f"<strong>{e(s.change)}</strong>: {e(s.text[:200])}</li>" for s in f.drift)
        parts.append(f"<h4>Drift</h4><ol>{steps}</ol>")
    return "".join(parts) + "</article>"


@dataclass
class _Mark:
    start: int
    end: int
    id: str
    css: str
    refs: dict[str, int] = field(default_factory=dict)  # fact id -> fact number


def _marks_by_article(d: Dossier, facts: tuple[FactView, ...], ctx: ReportContext,
                      numbers: dict[str, int]) -> dict[str, list[_Mark]]:
    """Every article's marks, from one pass over all evidence and quotes (not one pass per article)."""
    marks: dict[str, dict[str, _Mark]] = {}

    def add(article_id: str, start: int, end: int, css: str, fact_id: str | None) -> None:
        article = ctx.articles.get(article_id)
        if article is None or not 0 <= start < end <= len(article.text):
            return
        key = anchor(article_id, (start, end))
        mark = marks.setdefault(article_id, {}).setdefault(key, _Mark(start, end, key, css))
        if css != "supports" and mark.css in ("supports", "quote"):
            mark.css = css
        if fact_id:
            mark.refs[fact_id] = numbers[fact_id]

    for view in facts:
        for ev in view.fact.evidence:
            add(ev.article_id, ev.span.start, ev.span.end, ev.stance, view.fact.id)
    for quotes in d.quotes_by_speaker.values():
        for q in quotes:
            add(q.article_id, q.start, q.end, "quote", None)
    return {aid: sorted(by_key.values(), key=lambda m: (m.start, -m.end)) for aid, by_key in marks.items()}


def _mark_open(starting: list[_Mark], covering: list[_Mark]) -> str:
    extra = "".join(f'<mark id="{e(m.id)}" class="anchor"></mark>' for m in starting[1:])
    css = next((m.css for m in covering if m.css in ("contradicts", "denies")), covering[-1].css)
    labels = sorted({f"F{n}" for m in covering for n in m.refs.values()})
    title = f' title="{e(", ".join(labels))}"' if labels else ""
    id_attr = f' id="{e(starting[0].id)}"' if starting else ""
    return f'{extra}<mark{id_attr} class="{e(css)}"{title}>'


def _fact_refs(ending: list[_Mark]) -> str:
    refs = {fid: n for m in ending for fid, n in m.refs.items()}
    if not refs:
        return ""
    return "<sup>" + " ".join(f'<a href="#fact-{e(fid)}">F{n}</a>'
                              for fid, n in sorted(refs.items(), key=lambda kv: kv[1])) + "</sup>"


def _highlighted(article: Article, marks: list[_Mark]) -> str:
    """Overlapping spans become flat segments, so tags nest properly; each span's id sits on its first segment.

    One sweep over the cut points: the marks covering a segment are the ones opened and not yet closed
    (kept in the sorted marks' order), so the cost is the text plus the marks, not segments x marks.
    """
    text = article.text
    starts: dict[int, list[_Mark]] = {}
    ends: dict[int, list[_Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, []).append(m)
    cuts = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    covering: list[_Mark] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        starting = starts.get(a, [])
        covering = [m for m in covering if m.end > a] + starting
        chunk = e(text[a:b])
        out.append(f"{_mark_open(starting, covering)}{chunk}</mark>" if covering else chunk)
        out.append(_fact_refs(ends.get(b, [])))
    return "".join(out)


def _appendix(d: Dossier, facts: tuple[FactView, ...], ctx: ReportContext, numbers: dict[str, int]) -> str:
    parts = ['<section id="articles"><h2>Appendix: the articles, with the evidence marked</h2>',
             "<p class=meta>Marked passages: yellow = reports, red = contradicts, purple = denies, green = quote; "
             "the F-numbers after a passage name the facts it supports.</p>"]
    marks = _marks_by_article(d, facts, ctx, numbers)
    for t in d.timeline:
        article = ctx.articles.get(t.article_id)
        if article is None:
            parts.append(f'<h3 id="art-{e(t.article_id)}">{e(t.article_id)}</h3><p>Text not available.</p>')
            continue
        where = article.url or ""
        meta = " · ".join(x for x in (ctx.outlet_of.get(article.id, ""), t.published or "date unknown",
                                       article.lang or "?", article.id, where) if x)
        parts.append(f'<h3 id="art-{e(article.id)}">{e(article.title or article.id)}</h3><p class=meta>{e(meta)}</p>'
                     f'<div class="article-text">{_highlighted(article, marks.get(article.id, []))}</div>')
    return "".join([*parts, "</section>"])


def render_html(dossier: Dossier, ctx: ReportContext | None = None) -> str:
    ctx = ctx or make_context()
    facts = ordered_facts(dossier)
    numbers = {view.fact.id: n for n, view in enumerate(facts, 1)}
    legend = " ".join(_chip(s) for s in STATUS_CHIPS)
    body = [
        _header(dossier, ctx), f"<p class=meta>Status legend: {legend}</p>", _summary(facts), _matrix(dossier, facts),
        _figures(dossier, facts, ctx, numbers), _quotes(dossier, ctx), _timeline(dossier, ctx), _outlets(dossier, ctx),
        '<section id="details"><h2>Fact details</h2>',
        *(_fact_detail(v, numbers[v.fact.id], ctx) for v in facts), "</section>",
        _appendix(dossier, facts, ctx, numbers),
        f"<footer class=meta>Generated by recoupe at {e(ctx.generated_at)}.</footer>",
    ]
    head = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Dossier: {e(dossier.story.label)}</title><style>{_CSS}</style></head><body>")
    parts = [head]
    for n, section in enumerate(body):
        parts += ["\n", section] if n else [section]
    return "".join([*parts, "</body></html>\n"])  # one copy of a document that may weigh megabytes

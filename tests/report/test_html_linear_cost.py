"""The HTML dossier costs what its evidence costs: each fact's evidence is read a fixed number of
times whatever the number of articles, and the one-sweep highlighter marks exactly what the
segment-by-segment definition marks."""

from __future__ import annotations

import random
from dataclasses import replace

from report_fixtures import small_story

from recoupe.crosscheck.dossier import build_dossier
from recoupe.model import Article, PartialDate
from recoupe.report import make_context, render_html
from recoupe.report.html import _highlighted, _Mark, e


class CountingEvidence(tuple):
    """A tuple that counts how many times it is iterated."""

    reads = 0

    def __iter__(self):
        type(self).reads += 1
        return super().__iter__()


def _story_with(extra: int):
    """The small story plus `extra` articles by other outlets that carry none of its evidence."""
    data = small_story()
    more = tuple(replace(data.articles[i % 2], id=f"a{i:016d}", outlet=f"Outlet {i}",
                         published=PartialDate(2024, 8, 4)) for i in range(extra))
    articles = data.articles + more
    analyses = {**data.analyses, **{a.id: replace(data.analyses[data.articles[i % 2].id], article_id=a.id)
                                    for i, a in enumerate(more)}}
    story = replace(data.story, members=tuple(a.id for a in articles))
    return story, articles, analyses, data.facts


def _evidence_reads(extra: int) -> int:
    story, articles, analyses, facts = _story_with(extra)
    dossier = build_dossier(story, articles, analyses, facts, ())
    counted = tuple(replace(v, fact=replace(v.fact, evidence=CountingEvidence(v.fact.evidence)))
                    for v in dossier.facts)
    dossier = replace(dossier, facts=counted, figures=tuple(v for v in counted if v.fact.kind == "figure"))
    CountingEvidence.reads = 0
    html = render_html(dossier, make_context(articles))
    assert all(f'id="art-{a.id}"' in html for a in articles)
    return CountingEvidence.reads


def test_html_reads_each_facts_evidence_a_fixed_number_of_times():
    few, many = _evidence_reads(0), _evidence_reads(40)
    assert few == many, (few, many)
    assert many <= 3 * len(small_story().facts)  # figures table, fact details, appendix marks


def _naive_highlight(article: Article, marks: list[_Mark]) -> str:
    """The definition: for each segment between cut points, every mark covering it (quadratic)."""
    text = article.text
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m.start <= a and m.end >= b]
        starting = [m for m in marks if m.start == a]
        chunk = e(text[a:b])
        if covering:
            extra = "".join(f'<mark id="{e(m.id)}" class="anchor"></mark>' for m in starting[1:])
            css = next((m.css for m in covering if m.css in ("contradicts", "denies")), covering[-1].css)
            labels = sorted({f"F{n}" for m in covering for n in m.refs.values()})
            title = f' title="{e(", ".join(labels))}"' if labels else ""
            id_attr = f' id="{e(starting[0].id)}"' if starting else ""
            out.append(f'{extra}<mark{id_attr} class="{e(css)}"{title}>{chunk}</mark>')
        else:
            out.append(chunk)
        ending = {fid: n for m in marks if m.end == b for fid, n in m.refs.items()}
        if ending:
            out.append("<sup>" + " ".join(f'<a href="#fact-{e(fid)}">F{n}</a>'
                                          for fid, n in sorted(ending.items(), key=lambda kv: kv[1])) + "</sup>")
    return "".join(out)


def test_html_one_sweep_highlighting_equals_the_segment_definition():
    article = small_story().articles[0]
    size = len(article.text)
    rng = random.Random(5)
    for _ in range(200):
        marks = {}
        for _ in range(rng.randint(0, 12)):
            start = rng.randrange(size - 1)
            end = rng.randint(start + 1, min(size, start + 60))
            key = f"ev-{article.id}-{start}-{end}"
            refs = {f"f{k}": k for k in rng.sample(range(1, 9), rng.randint(0, 2))}
            css = rng.choice(("supports", "quote", "contradicts", "denies"))
            marks[key] = _Mark(start, end, key, css, refs)
        ordered = sorted(marks.values(), key=lambda m: (m.start, -m.end))
        assert _highlighted(article, ordered) == _naive_highlight(article, ordered)

"""The HTML dossier is one file: no external reference, no script, every text escaped, every link resolves."""

from __future__ import annotations

import re

from report_fixtures import small_story

from recoupe.crosscheck.dossier import build_dossier
from recoupe.model import Review
from recoupe.report import STATUS_CHIPS, make_context, render_html


def _html(reviews=None) -> str:
    data = small_story()
    dossier = build_dossier(data.story, data.articles, data.analyses, data.facts, data.groups, reviews or {})
    return render_html(dossier, make_context(data.articles))


def test_html_has_no_external_reference_and_no_script():
    html = _html()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert "@import" not in html and "url(" not in html


def test_html_escapes_a_crafted_script_in_an_article():
    html = _html()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_html_shows_each_status_chip_with_icon_and_word():
    html = _html()
    for status, (icon, word) in STATUS_CHIPS.items():
        assert f'class="chip chip-{status}">{icon} {word}</span>' in html


def test_html_every_internal_link_has_its_target():
    html = _html()
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets, "the report links facts to evidence"
    assert targets <= ids, targets - ids
    # Evidence is marked in the article appendix and each fact links to its marks.
    assert '<mark id="ev-a1111111111111111-' in html
    assert 'href="#fact-f-contradicted"' in html


def test_html_marks_nest_properly_when_spans_overlap():
    html = _html()
    body = html.split('id="articles"', 1)[1]
    depth = 0
    for tag in re.findall(r"</?mark\b", body):
        depth += -1 if tag.startswith("</") else 1
        assert 0 <= depth <= 1
    assert depth == 0


def test_html_shows_the_human_status_and_note_beside_the_automatic_one():
    review = Review("f-single", "corroborated", "Confirmed by the ministry's bulletin <b>n°12</b>", "alice",
                    "2024-08-05T10:00:00+00:00", "single-source")
    html = _html({"f-single": [review]})
    assert "Reviewed by alice" in html
    assert "Confirmed by the ministry&#x27;s bulletin &lt;b&gt;n°12&lt;/b&gt;" in html
    assert "Automatic status: <span class=\"chip chip-single-source\">● single source</span>" in html

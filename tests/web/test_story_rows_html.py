"""The stories table rows written in Python: escaped, cut and ordered as the template wrote them."""

from __future__ import annotations

from recoupe.store import StoryRow
from recoupe.web.story_rows import story_rows_html

TEXT = {"no_stories": "Aucun <récit>", "status_corroborated": "corroboré", "status_contradicted": "contredit"}


def _url(path: str, **params: str) -> str:
    return path + ("?lang=fr" if params.get("lang") else "")


def test_story_rows_escape_hostile_labels_and_outlets():
    row = StoryRow("s-1", 'Mali <script>alert(1)</script> "accord"', "2024-03-02", "2024-03-04", 3,
                   ('Le Pirate <img src=x onerror="alert(2)">', "Dakar Matin"), ("fr",), {})
    html = str(story_rows_html([row], TEXT, _url))
    assert "<script>" not in html and "<img" not in html
    assert "Mali &lt;script&gt;alert(1)&lt;/script&gt; &#34;accord&#34;" in html
    assert 'href="/outlets/Le%20Pirate%20%3Cimg%20src%3Dx%20onerror%3D%22alert%282%29%22%3E"' in html
    assert 'href="/outlets/Dakar%20Matin">Dakar Matin</a>' in html
    assert '<time datetime="2024-03-02" title="2024-03-02">2024-03-02</time> → <time datetime="2024-03-04"' in html


def test_story_rows_cut_long_labels_count_hidden_outlets_and_sort_chips():
    outlets = tuple(f"Journal {c}" for c in "ABCDEFGH")
    row = StoryRow("s-2", "mot " * 100, None, None, 8, outlets, ("en", "fr"),
                   {"contradicted": 1, "corroborated": 2})
    html = str(story_rows_html([row], TEXT, _url))
    assert "Journal F</a> +2</td>" in html and "Journal G" not in html
    assert "<td>?</td>" in html  # no date
    assert html.index("st-contradicted") < html.index("st-corroborated")
    assert "contredit</span> 1</span>" in html and "corroboré</span> 2</span>" in html
    assert "mot mot" in html and html.count("mot") < 80 and "...</a>" in html
    assert "<td>en, fr</td>" in html


def test_story_rows_say_when_there_are_none():
    assert str(story_rows_html([], TEXT, _url)) == '\n<tr><td colspan="6">Aucun &lt;récit&gt;</td></tr>\n'

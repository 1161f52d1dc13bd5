"""The Markdown dossier: the facts table, figures with checks, quotes, evidence with article id and span."""

from __future__ import annotations

from dataclasses import replace

from report_fixtures import small_story

from recoupe.crosscheck.dossier import build_dossier
from recoupe.report import make_context, render_markdown


def _markdown(label: str | None = None) -> str:
    data = small_story()
    story = replace(data.story, label=label) if label else data.story
    dossier = build_dossier(story, data.articles, data.analyses, data.facts, data.groups)
    return render_markdown(dossier, make_context(data.articles))


def test_markdown_contains_the_claims_by_outlets_table():
    md = _markdown()
    assert "| Fact | Status | Le Courrier du Fleuve | Sahel Matin |" in md
    row = next(line for line in md.splitlines() if "#fact-f-contradicted" in line and line.startswith("| "))
    assert "✖ contradicted" in row and "● reports" in row and "✖ contradicts" in row
    denied = next(line for line in md.splitlines() if "#fact-f-denied" in line and line.startswith("| "))
    assert "⊘ denies" in denied and "· silent" in denied


def test_markdown_quotes_each_passage_with_article_id_and_span():
    md = _markdown()
    assert "> Le gouvernement dément tout retard des secours." in md
    assert "`a1111111111111111` chars " in md
    assert "Check ✔ currency-conversion: **consistent**" in md
    assert "### Aminata Traoré (person; carried by Le Courrier du Fleuve, Sahel Matin)" in md


def test_markdown_escapes_markup_from_articles():
    md = _markdown("Crues <script>alert(1)</script> | [lien](http://x.example)")
    assert "<script>" not in md
    assert "# Dossier: Crues \\<script\\>alert(1)\\</script\\> \\| \\[lien\\](http://x.example)" in md

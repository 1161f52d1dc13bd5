"""The terminal dossier shows every section with icon-and-word chips."""

from __future__ import annotations

from dataclasses import replace

from report_fixtures import small_story
from rich.console import Console

from recoupe.crosscheck.dossier import build_dossier
from recoupe.report import make_context, render_text


def test_text_dossier_shows_sections_and_chips():
    data = small_story()
    dossier = build_dossier(data.story, data.articles, data.analyses, data.facts, data.groups)
    console = Console(record=True, width=200, color_system=None)
    render_text(dossier, console, make_context(data.articles))
    out = console.export_text()
    for word in ("✔ corroborated", "● single source", "✖ contradicted", "⊘ denied", "⚠ inconsistent",
                 "Claims × outlets", "Figures compared", "Quotes by speaker", "Timeline of reports",
                 "Outlets and origins", "currency-conversion", "not the truth"):
        assert word in out, word


def test_text_dossier_prints_rich_markup_from_the_data_literally():
    data = small_story()
    story = replace(data.story, label="Crues [bold red]à Kayes[/]")
    dossier = build_dossier(story, data.articles, data.analyses, data.facts, data.groups)
    console = Console(record=True, width=200, color_system=None)
    render_text(dossier, console, make_context(data.articles))
    assert "Crues [bold red]à Kayes[/]" in console.export_text()

"""Commands over a story's facts: facts, dossier, review."""

from __future__ import annotations

import getpass
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from recoupe.cli.common import DbOption, SettingsOption, console, err_console, fail, get_settings, store_for
from recoupe.model import Review, to_dict
from recoupe.report.common import STATUSES, chip

__all__ = ["register", "DOSSIER_FORMATS"]

DOSSIER_FORMATS = ("text", "md", "html", "json")


def register(app: typer.Typer) -> None:
    app.command()(facts)
    app.command()(dossier)
    app.command()(review)


def _resolve(store, table: str, prefix: str) -> str:
    try:
        return store.resolve_id(table, prefix)
    except Exception as exc:
        fail(str(exc))
        raise


def facts(
    story: Annotated[str, typer.Argument(help="A story id (a unique prefix is enough).")],
    db: DbOption = None,
    settings_file: SettingsOption = None,
    status: Annotated[str | None, typer.Option(help=f"Only facts with this status: {', '.join(STATUSES)}.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List a story's facts with their status (a person's review first), origins and evidence count."""
    settings = get_settings(settings_file)
    if status is not None and status not in STATUSES:
        fail(f"unknown status {status!r}: choose one of {', '.join(STATUSES)}")
    with store_for(db, settings, readonly=True) as store:
        story_id = _resolve(store, "stories", story)
        rows = []
        for fact in store.facts(story_id):
            reviews = store.reviews(fact.id)
            shown = reviews[-1].status if reviews else fact.status
            if status is None or shown == status:
                rows.append((fact, shown, reviews))
    if as_json:
        for fact, shown, reviews in rows:
            print(json.dumps({"status": shown, "reviewed": bool(reviews), **to_dict(fact)}, ensure_ascii=False))
        return
    table = Table("fact", "status", "origins", "evidence", "kind", "label")
    for fact, shown, reviews in rows:
        label = chip(shown) + (f"\n(auto: {chip(fact.status)})" if reviews else "")
        table.add_row(fact.id, escape(label), str(fact.independent_origins), str(len(fact.evidence)), fact.kind,
                      escape(" ".join(fact.label.split())[:100]))
    console.print(table)


def dossier(
    story: Annotated[str, typer.Argument(help="A story id (a unique prefix is enough).")],
    fmt: Annotated[str, typer.Option("--format", help="text, md, html (one self-contained file) or json.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    db: DbOption = None,
    settings_file: SettingsOption = None,
) -> None:
    """A story's dossier: facts and statuses, claims x outlets, figures, quotes, timeline, origins, evidence."""
    from recoupe.report import dossier_json, make_context, render_html, render_markdown, render_text
    from recoupe.views import load_dossier

    if fmt not in DOSSIER_FORMATS:
        fail(f"unknown format {fmt!r}: choose one of {', '.join(DOSSIER_FORMATS)}")
    settings = get_settings(settings_file)
    with store_for(db, settings, readonly=True) as store:
        story_id = _resolve(store, "stories", story)
        view = load_dossier(store, story_id)
        ctx = make_context(store.articles(view.story.members))
    if fmt == "text":
        if output is None:
            render_text(view, console, ctx)
            return
        from rich.console import Console

        with output.open("w", encoding="utf-8") as handle:
            render_text(view, Console(file=handle, width=140, no_color=True), ctx)
    else:
        content = {"md": render_markdown, "html": render_html, "json": dossier_json}[fmt](view, ctx)
        if output is None:
            print(content, end="" if content.endswith("\n") else "\n")
            return
        output.write_text(content, encoding="utf-8")
    err_console.print(f"dossier of {story_id} written to {output}")


def _default_reviewer() -> str:
    try:
        return os.environ.get("USER") or getpass.getuser()
    except Exception:
        return "unknown"


def review(
    fact: Annotated[str, typer.Argument(help="A fact id (a unique prefix is enough).")],
    status: Annotated[str | None, typer.Option(help=f"The status a person gives: {', '.join(STATUSES)}.")] = None,
    note: Annotated[str | None, typer.Option(help="Why: the sources checked, what was found.")] = None,
    reviewer: Annotated[str | None, typer.Option(help="Who reviews (default: $USER).")] = None,
    log: Annotated[bool, typer.Option("--log", help="Print the fact's review log instead.")] = False,
    db: DbOption = None,
    settings_file: SettingsOption = None,
) -> None:
    """Record a person's verdict on a fact, kept in an append-only audit log (re-runs never touch it)."""
    settings = get_settings(settings_file)
    if log:
        with store_for(db, settings, readonly=True) as store:
            fact_id = _resolve(store, "facts", fact)
            automatic = store.fact(fact_id).status
            reviews = store.reviews(fact_id)
        _print_log(fact_id, automatic, reviews)
        return
    if status is None:
        fail("give --status and --note to review, or --log to read the log")
    if status not in STATUSES:
        fail(f"invalid status {status!r}: choose one of {', '.join(STATUSES)}")
    if not note or not note.strip():
        fail("a review needs --note: say what was checked")
    with store_for(db, settings) as store:
        fact_id = _resolve(store, "facts", fact)
        previous = store.reviews(fact_id)
        record = Review(fact_id=fact_id, status=status, note=note.strip(), reviewer=reviewer or _default_reviewer(),
                        at=datetime.now(UTC).replace(microsecond=0).isoformat(),
                        previous_status=previous[-1].status if previous else store.fact(fact_id).status)
        with store.transaction():
            store.add_review(record)
    console.print(f"{fact_id}: {escape(chip(record.previous_status or ''))} → {escape(chip(status))} "
                  f"by {escape(record.reviewer)} at {record.at}", highlight=False)


def _print_log(fact_id: str, automatic: str, reviews: list[Review]) -> None:
    console.print(f"{fact_id} · automatic status: {escape(chip(automatic))}", highlight=False)
    if not reviews:
        console.print("no review yet")
        return
    for r in reviews:
        console.print(f"{r.at}  {escape(r.reviewer)}: {escape(chip(r.previous_status or '?'))} → "
                      f"{escape(chip(r.status))} — {escape(r.note)}", highlight=False, soft_wrap=True)

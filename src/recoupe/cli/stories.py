"""Commands over stories and similarity: stories, regroup, compare, similarity."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from recoupe.cli.common import DbOption, SettingsOption, console, err_console, fail, get_settings, store_for
from recoupe.model import to_dict

__all__ = ["register", "CHIPS"]

# An icon and a word per status: never colour alone.
CHIPS = {"corroborated": "✔", "single-source": "●", "contradicted": "✖", "denied": "⊘", "inconsistent": "⚠"}


def register(app: typer.Typer) -> None:
    app.command()(stories)
    app.command()(regroup)
    app.command()(compare)
    app.command()(similarity)


def stories(
    db: DbOption = None,
    settings_file: SettingsOption = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Words in the articles.")] = None,
    entity: Annotated[str | None, typer.Option(help="Entity id or name, e.g. mali or 'Groupe Wagner'.")] = None,
    outlet: Annotated[str | None, typer.Option()] = None,
    lang: Annotated[str | None, typer.Option()] = None,
    since: Annotated[str | None, typer.Option(help="Stories seen on or after this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Stories seen on or before this date.")] = None,
    contradicted: Annotated[bool, typer.Option("--contradicted", help="Only stories with contradictions.")] = False,
    limit: Annotated[int, typer.Option()] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List the stories, newest first, with their outlets and fact statuses."""
    settings = get_settings(settings_file)
    with store_for(db, settings, readonly=True) as store:
        rows = store.list_stories(limit=limit, query=search, entity=entity, outlet=outlet, lang=lang,
                                  date_from=since, date_to=until, has_contradictions=contradicted)
    if as_json:
        for row in rows:
            print(json.dumps(to_dict(row), ensure_ascii=False))
        return
    table = Table()
    table.add_column("story", no_wrap=True, min_width=10)
    table.add_column("dates", no_wrap=True, min_width=10)
    table.add_column("art.", no_wrap=True, min_width=4)
    table.add_column("outl.", no_wrap=True, min_width=5)
    table.add_column("lang", no_wrap=True, min_width=5)
    table.add_column("label", no_wrap=True, overflow="ellipsis", max_width=46)
    table.add_column("facts", no_wrap=True, min_width=12)
    for r in rows:
        facts = " ".join(f"{CHIPS.get(status, status)}{n}" for status, n in sorted(r.status_counts.items()))
        dates = r.first_seen or "?"
        table.add_row(r.id[:10], dates, str(r.n_articles), str(len(r.outlets)), ",".join(r.languages),
                      escape(r.label[:90]), facts)
    console.print(table)
    console.print("facts: " + "  ".join(f"{chip} {status}" for status, chip in CHIPS.items()), style="dim")


def regroup(db: DbOption = None, settings_file: SettingsOption = None) -> None:
    """Group stored articles that are not grouped yet, and cross-check the stories that changed."""
    from recoupe.pipeline import crosscheck_store, default_embedder, group_store

    settings = get_settings(settings_file)
    with store_for(db, settings) as store:
        embedder = default_embedder()
        changed = group_store(store, settings, embedder)
        n = crosscheck_store(store, settings, changed, embedder)
    console.print(f"{len(changed)} stories updated, {n} facts")


def compare(
    first: Annotated[str, typer.Argument(help="Article id (prefix).")],
    second: Annotated[str, typer.Argument(help="Article id (prefix).")],
    db: DbOption = None,
    settings_file: SettingsOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """How similar two stored articles are, and why."""
    from recoupe.group import ArticleFeatures, explain
    from recoupe.model import from_dict

    settings = get_settings(settings_file)
    with store_for(db, settings, readonly=True) as store:
        try:
            ids = [store.resolve_id("articles", first), store.resolve_id("articles", second)]
        except Exception as exc:
            fail(str(exc))
        feats = {d["article_id"]: from_dict(ArticleFeatures, d) for d in store.feature_dicts(ids=ids)}
        if len(feats) < 2:
            fail("both articles must be grouped first: run `recoupe regroup`")
        arts = store.articles(ids)
    result = explain(feats[ids[0]], feats[ids[1]], arts[0], arts[1], settings.group)
    if as_json:
        print(json.dumps(to_dict(result), ensure_ascii=False, indent=1))
        return
    for key, value in to_dict(result).items():
        console.print(f"[bold]{key}[/]: {escape(str(value))}", highlight=False)


def similarity(
    pairs: Annotated[Path, typer.Option("--pairs", help='JSONL of {"id","text1","text2","lang1","lang2"}; - for stdin.')],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    settings_file: SettingsOption = None,
) -> None:
    """Score many text pairs with the clustering's similarity: {"id","score"} per line, 1 = same story."""
    from recoupe.group import score_pairs
    from recoupe.pipeline import default_embedder

    settings = get_settings(settings_file)
    source = sys.stdin if str(pairs) == "-" else pairs.open(encoding="utf-8")

    def rows():
        for number, line in enumerate(source, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                err_console.print(f"{pairs} (line {number}): not JSON: {exc}")

    out = output.open("w", encoding="utf-8") if output else sys.stdout
    for scored in score_pairs(rows(), default_embedder(), settings.group):
        out.write(json.dumps(scored, ensure_ascii=False) + "\n")
    if output:
        out.close()

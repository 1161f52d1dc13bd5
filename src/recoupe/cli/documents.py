"""Commands over documents: ingest, articles, show, export, errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from recoupe.cli.common import DbOption, SettingsOption, console, err_console, fail, get_settings, store_for
from recoupe.cli.render import render_article, render_story
from recoupe.model import to_dict

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(articles)
    app.command()(show)
    app.command()(export)
    app.command()(errors)
    from recoupe.engines.cli import ingest_parquet

    app.command("ingest-parquet")(ingest_parquet)


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, feed URLs, or - for stdin.")],
    db: DbOption = None,
    settings_file: SettingsOption = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every document read.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="auto, text, html, jsonl, csv, warc, feed.")] = "auto",
    preset: Annotated[str | None, typer.Option(help="JSONL/CSV layout: news-please, cc-news, trafilatura, datatrove.")] = None,
    text_field: Annotated[str | None, typer.Option(help="JSONL/CSV field holding the text.")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL/CSV field holding the title.")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL/CSV field holding the URL.")] = None,
    date_field: Annotated[str | None, typer.Option(help="JSONL/CSV field holding the publication date.")] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching private or loopback addresses (feeds).")] = False,
    jobs: Annotated[int, typer.Option(help="Worker processes (0 = all cores).")] = -1,
    engine: Annotated[str, typer.Option(help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786.")] = None,
    group: Annotated[bool, typer.Option(help="Group and cross-check after ingesting.")] = True,
    parquet: Annotated[Path | None, typer.Option(
        help="Write partitioned Parquet (month/outlet) here instead of the store; load it with ingest-parquet.")] = None,
) -> None:
    """Read documents, clean and analyse them, then group them into stories and cross-check the stories."""
    from recoupe.ingest import IngestOptions, expand_inputs, iter_documents
    from recoupe.pipeline import run_ingest

    settings = get_settings(settings_file)
    options = IngestOptions(
        outlet=outlet, format=fmt, preset=preset, text_field=text_field, title_field=title_field,
        url_field=url_field, date_field=date_field, allow_private_addresses=allow_private or None,
    )
    try:
        refs = expand_inputs(paths)
    except Exception as exc:
        fail(str(exc))
    if engine == "dask" or parquet is not None:  # sharded by input: each worker reads its own files
        from recoupe.engines.cli import ingest_sharded_command

        ingest_sharded_command(refs, options, settings, db=db, jobs=jobs, scheduler=scheduler, group=group,
                               parquet=parquet, engine=engine)
        return
    with store_for(db, settings) as store:
        columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn()]
        with Progress(*columns, console=err_console, transient=False, disable=not err_console.is_terminal) as bar:
            task = bar.add_task("ingesting", total=None)

            def progress(event: str, n: int) -> None:
                if event in {"processed", "skipped"}:
                    bar.advance(task, n)

            def on_stage(name: str) -> None:
                bar.update(task, description=name)

            documents = iter_documents(paths, options, settings.ingest, stdin=sys.stdin.buffer)
            summary = run_ingest(
                documents, store, settings, engine=engine, jobs=jobs, scheduler=scheduler, group=group,
                progress=progress, on_stage=on_stage,
            )
    for warning in summary.warnings:
        where = f"{warning.source} ({warning.locator})" if warning.locator else warning.source
        err_console.print(f"[yellow]![/] {escape(where)}: {escape(warning.reason)}", highlight=False, soft_wrap=True)
    for error in summary.errors:
        where = f"{error.source} ({error.locator})" if error.locator else error.source
        err_console.print(f"[red]✗[/] {escape(where)}: {escape(error.reason)}", highlight=False, soft_wrap=True)
    console.print(
        f"{summary.read} documents read, {summary.added} added, {summary.skipped_known} already stored, "
        f"{len(summary.errors)} failed; {len(summary.stories_changed)} stories updated"
    )
    if summary.failed:
        raise typer.Exit(2)


def articles(
    db: DbOption = None,
    settings_file: SettingsOption = None,
    outlet: Annotated[str | None, typer.Option()] = None,
    lang: Annotated[str | None, typer.Option()] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Full-text search.")] = None,
    limit: Annotated[int, typer.Option()] = 50,
    offset: Annotated[int, typer.Option()] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List the stored articles, newest first."""
    settings = get_settings(settings_file)
    with store_for(db, settings, readonly=True) as store:
        rows = store.list_articles(limit=limit, offset=offset, outlet=outlet, lang=lang, query=search)
    if as_json:
        for row in rows:
            print(json.dumps(to_dict(row), ensure_ascii=False))
        return
    table = Table("id", "published", "outlet", "lang", "title", "chars", "story", "flags")
    for r in rows:
        table.add_row(r.id[:10], r.published or "?", escape(r.outlet or "?"), r.lang or "?",
                      escape((r.title or "")[:70]), str(r.n_chars), (r.story_id or "")[:10],
                      "truncated" if r.truncated else "")
    console.print(table)


def show(
    item_id: Annotated[str, typer.Argument(help="An article or story id (a unique prefix is enough).")],
    db: DbOption = None,
    settings_file: SettingsOption = None,
    diff: Annotated[bool, typer.Option("--diff", help="Show what cleaning removed or repaired, and why.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    raw: Annotated[bool, typer.Option("--raw", help="Print the raw document as ingested.")] = False,
) -> None:
    """Show a cleaned article with its extracted records highlighted, or a story with its articles."""
    settings = get_settings(settings_file)
    with store_for(db, settings, readonly=True) as store:
        try:
            kind, full_id = _resolve(store, item_id)
        except Exception as exc:
            fail(str(exc))
        if kind == "story":
            render_story(store, full_id, fmt, console)
            return
        article = store.article(full_id)
        analysis = store.analysis(full_id)
        if raw:
            console.print(escape(store.raw_document(article.raw_id).content), highlight=False)
            return
        if fmt == "json":
            print(json.dumps({"article": to_dict(article), "analysis": to_dict(analysis),
                              "story": store.story_of(full_id), "copies": to_dict(store.group_of(full_id))},
                             ensure_ascii=False, indent=1))
            return
        render_article(article, analysis, diff, console)


def _resolve(store, item_id: str) -> tuple[str, str]:
    from recoupe.errors import StoreError

    for table, kind in (("articles", "article"), ("stories", "story")):
        try:
            return kind, store.resolve_id(table, item_id)
        except StoreError as exc:
            if "ambiguous" in str(exc):
                raise
    raise StoreError(f"no article or story with an id starting with {item_id!r}")


def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet, or json (claimreview, newsarticle, prov).")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout for jsonl/csv).")] = None,
    what: Annotated[str, typer.Option("--what", help="articles, stories, facts, claimreview, newsarticle or prov.")] = "articles",
    bom: Annotated[bool, typer.Option(help="CSV: start with a UTF-8 BOM for spreadsheets.")] = False,
    db: DbOption = None,
    settings_file: SettingsOption = None,
) -> None:
    """Export the store's records, one per line or row (see README: Export formats)."""
    from recoupe.store.exports import export_records

    settings = get_settings(settings_file)
    if fmt == "parquet" and output is None:
        fail("parquet needs --output FILE")
    with store_for(db, settings, readonly=True) as store:
        try:
            n = export_records(store, what, fmt, output, bom=bom, settings=settings)
        except ValueError as exc:
            fail(str(exc))
    if output is not None:
        err_console.print(f"{n} {what} written to {output}")


def errors(db: DbOption = None, settings_file: SettingsOption = None) -> None:
    """List the inputs that failed, with the reason."""
    settings = get_settings(settings_file)
    with store_for(db, settings, readonly=True) as store:
        for error in store.errors():
            where = f"{error.source} ({error.locator})" if error.locator else error.source
            console.print(f"{escape(where)}: {escape(error.reason)}", highlight=False)

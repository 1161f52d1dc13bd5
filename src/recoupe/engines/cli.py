"""Command-line glue for the sharded engines: `recoupe ingest --engine dask [--parquet DIR]`
and `recoupe ingest-parquet DIR` (registered by recoupe.cli)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from recoupe.cli.common import DbOption, SettingsOption, console, err_console, fail, get_settings, store_for
from recoupe.ingest import IngestOptions, InputRef
from recoupe.pipeline import IngestSummary
from recoupe.settings import Settings

__all__ = ["ingest_sharded_command", "ingest_parquet"]


def _report(summary: IngestSummary, done: str) -> None:
    for warning in summary.warnings:
        where = f"{warning.source} ({warning.locator})" if warning.locator else warning.source
        err_console.print(f"[yellow]![/] {escape(where)}: {escape(warning.reason)}", highlight=False)
    for error in summary.errors:
        where = f"{error.source} ({error.locator})" if error.locator else error.source
        err_console.print(f"[red]✗[/] {escape(where)}: {escape(error.reason)}", highlight=False)
    console.print(done, highlight=False)
    if summary.failed:
        raise typer.Exit(2)


def _stage(name: str) -> None:
    err_console.print(f"[bold]{name}[/]", highlight=False)


def ingest_sharded_command(
    refs: list[InputRef], options: IngestOptions, settings: Settings, *, db: Path | None, jobs: int,
    scheduler: str | None, group: bool, parquet: Path | None, engine: str = "dask",
) -> None:
    """The body of `recoupe ingest` when the work is sharded by input (engine dask, or --parquet)."""
    from recoupe.engines.sharded import run_ingest_sharded

    if any(ref.is_stdin for ref in refs):
        fail("standard input cannot be sharded: save it to a file, or use --engine local")
    n_jobs = settings.analyze.jobs if jobs < 0 else jobs
    common: dict[str, Any] = {"engine": engine, "jobs": n_jobs, "scheduler": scheduler, "options": options,
                              "on_stage": _stage}
    if parquet is not None:
        summary = run_ingest_sharded(refs, None, settings, parquet_dir=str(parquet), **common)
        _report(summary, f"{summary.read} documents read from {summary.shards} shards, {summary.added} written "
                         f"to {parquet}, {len(summary.errors)} failed; next: recoupe ingest-parquet {parquet}")
        return
    with store_for(db, settings) as store:
        summary = run_ingest_sharded(refs, store, settings, group=group, **common)
    _report(summary, f"{summary.read} documents read from {summary.shards} shards, {summary.added} added, "
                     f"{summary.skipped_known} already stored, {len(summary.errors)} failed; "
                     f"{len(summary.stories_changed)} stories updated")


def ingest_parquet(
    directory: Annotated[Path, typer.Argument(help="A folder written by `recoupe ingest --parquet`.")],
    db: DbOption = None,
    settings_file: SettingsOption = None,
    group: Annotated[bool, typer.Option(help="Group and cross-check after loading.")] = True,
) -> None:
    """Load a partitioned Parquet folder (from `ingest --parquet`) into the store, then group and cross-check."""
    from recoupe.engines.parquet_sink import load_parquet_into_store

    if not directory.is_dir():
        fail(f"{directory} is not a folder")
    settings = get_settings(settings_file)
    with store_for(db, settings) as store:
        summary = load_parquet_into_store(str(directory), store, settings, group=group)
    _report(summary, f"{summary.read} documents in {directory}, {summary.added} added, "
                     f"{summary.skipped_known} already stored; {len(summary.stories_changed)} stories updated")

"""`recoupe eval`: scores on the annotated corpus, and the quality gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from recoupe.cli.common import SettingsOption, console, err_console, get_settings

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    app.command(name="eval")(evaluate)


def evaluate(
    corpus: Annotated[Path, typer.Option(help="The eval folder (corpus/ and gold/).")] = Path("eval"),
    seeds: Annotated[Path | None, typer.Option(help="The seeds folder with gold.json.")] = Path("../shared/seeds"),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the scores as JSON.")] = None,
    gate: Annotated[bool, typer.Option(help="Fail when a score is below its floor in eval/floors.json.")] = False,
    floors: Annotated[Path | None, typer.Option(help="Floors file (default: <corpus>/floors.json).")] = None,
    repair: Annotated[bool, typer.Option(help="Also measure '?' repair on eval/repair texts.")] = True,
    only: Annotated[str | None, typer.Option(help="Comma-separated story id prefixes to score (e.g. s01,s02,seeds).")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Keep the eval store here (reused when it exists).")] = None,
    settings_file: SettingsOption = None,
) -> None:
    """Score cleaning, analysis, grouping and cross-check against the gold annotations."""
    from recoupe.evaluate.extra import crosscheck_scores, repair_scores
    from recoupe.evaluate.run import check_floors, run_eval

    settings = get_settings(settings_file)
    seeds_dir = seeds if seeds is not None and seeds.exists() else None
    if seeds is not None and seeds_dir is None:
        err_console.print(f"[yellow]note:[/] no seeds at {seeds}: scoring the eval corpus only")
    scores = run_eval(corpus if corpus.exists() else None, seeds_dir, settings, crosscheck_scorer=crosscheck_scores, db=db,
                      only=tuple(p.strip() for p in only.split(',')) if only else ())
    if repair:
        scores["repair"] = repair_scores(corpus / "repair")
    _print(scores)
    if output:
        output.write_text(json.dumps(scores, ensure_ascii=False, indent=1) + "\n", "utf-8")
        err_console.print(f"scores written to {output}")
    if gate:
        failures = check_floors(scores, floors or corpus / "floors.json")
        for line in failures:
            err_console.print(f"[red]below floor:[/] {line}")
        if failures:
            raise typer.Exit(1)
        err_console.print("[green]every score meets its floor[/]")


def _print(scores: dict) -> None:
    table = Table("scope", "measure", "P", "R", "F1 / acc", "n")
    for scope in ("fr", "en", "all"):
        for name, value in sorted(scores.get(scope, {}).items()):
            if "f1" in value:
                table.add_row(scope, name, f"{value['precision']:.3f}", f"{value['recall']:.3f}",
                              f"{value['f1']:.3f}", str(value["support"]))
            else:
                table.add_row(scope, name, "", "", f"{value['accuracy']:.3f}", str(value["support"]))
    console.print(table)
    for section in ("grouping", "crosscheck", "repair"):
        if section in scores:
            console.print(f"[bold]{section}[/]: {json.dumps(scores[section], ensure_ascii=False)}")

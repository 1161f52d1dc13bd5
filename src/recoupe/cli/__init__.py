"""The `recoupe` command line: one Typer app, commands grouped by stage in sibling modules."""

from __future__ import annotations

import typer

from recoupe.cli import documents, evaluate, facts, serve, stories

__all__ = ["app", "main"]

app = typer.Typer(
    name="recoupe",
    help="Cross-check the news: what is reported, by whom, on whose authority, and where outlets agree or differ.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (documents, stories, facts, evaluate, serve):
    module.register(app)


def main() -> None:
    app()

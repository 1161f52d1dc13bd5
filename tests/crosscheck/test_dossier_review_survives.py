"""A person's review is an audit log apart from the facts: a cross-check re-run never erases it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from report_fixtures import seed_store_copy  # noqa: E402

from recoupe.cli import facts as facts_cli  # noqa: E402
from recoupe.pipeline import crosscheck_store  # noqa: E402
from recoupe.settings import load_settings  # noqa: E402
from recoupe.store import open_store  # noqa: E402
from recoupe.views import load_dossier  # noqa: E402

pytestmark = pytest.mark.slow


def _app() -> typer.Typer:
    app = typer.Typer()
    facts_cli.register(app)
    return app


def test_dossier_review_survives_a_crosscheck_rerun(tmp_path_factory, seeds_dir, tmp_path):
    db = seed_store_copy(tmp_path_factory, seeds_dir, tmp_path / "s.db")
    store = open_store(db)
    story = store.stories()[0]
    fact = next(f for f in store.facts(story.id) if f.status == "contradicted")
    store.close()
    runner = CliRunner()
    note = "Serval began in January 2013: eight years, not a decade"
    result = runner.invoke(_app(), ["review", fact.id[:8], "--status", "single-source", "--note", note,
                                    "--reviewer", "alice", "--db", str(db)])
    assert result.exit_code == 0, result.output

    store = open_store(db)
    assert crosscheck_store(store, load_settings(), [story.id]) > 0
    assert store.fact(fact.id).status == "contradicted"  # the automatic status is recomputed, same id
    (review,) = store.reviews(fact.id)
    assert (review.status, review.note, review.reviewer, review.previous_status) == (
        "single-source", note, "alice", "contradicted")
    view = next(v for v in load_dossier(store, story.id).facts if v.fact.id == fact.id)
    assert (view.status, view.automatic_status) == ("single-source", "contradicted")
    store.close()

    log = runner.invoke(_app(), ["review", fact.id, "--log", "--db", str(db)])
    assert log.exit_code == 0 and "alice" in log.output and "single source" in log.output


def test_dossier_review_refuses_an_invalid_status(tmp_path_factory, seeds_dir, tmp_path):
    db = seed_store_copy(tmp_path_factory, seeds_dir, tmp_path / "s.db")
    store = open_store(db)
    fact = store.facts(store.stories()[0].id)[0]
    store.close()
    result = CliRunner().invoke(_app(), ["review", fact.id, "--status", "true", "--note", "x", "--db", str(db)])
    assert result.exit_code == 1
    assert "invalid status 'true'" in result.output
    store = open_store(db, readonly=True)
    assert store.reviews(fact.id) == []
    store.close()


def test_dossier_command_writes_each_format(tmp_path_factory, seeds_dir, tmp_path):
    db = seed_store_copy(tmp_path_factory, seeds_dir, tmp_path / "s.db")
    store = open_store(db, readonly=True)
    story_id = store.stories()[0].id
    store.close()
    runner = CliRunner()
    for fmt, marker in (("html", "<!DOCTYPE html>"), ("md", "# Dossier: "), ("json", '"produced_by"'),
                        ("text", "Claims × outlets")):
        out = tmp_path / f"d.{fmt}"
        result = runner.invoke(_app(), ["dossier", story_id[:6], "--format", fmt, "--output", str(out),
                                        "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert marker in out.read_text("utf-8")
    listing = runner.invoke(_app(), ["facts", story_id, "--status", "inconsistent", "--db", str(db)])
    assert listing.exit_code == 0 and "inconsistent" in listing.output

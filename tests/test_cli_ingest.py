"""`recoupe ingest` end to end through the real CLI (typer's CliRunner on recoupe.cli.app).

A batch of bad inputs next to good ones: every bad input gets a line naming it and the reason, the
good ones are stored, the exit code is 2. Running the same command again changes nothing. The
seeds go in dirty and come out as one story whose article `show` prints clean.

These tests run the analysis on spaCy's blank French pipeline (settings file in tmp_path) except
the seeds test, which loads fr_core_news_md and the default embedder and is marked slow.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from recoupe.cli import app
from recoupe.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate_corpus import make_article, render_html, render_text, write_warc  # noqa: E402

TABLES = ("raw_documents", "articles", "analyses", "ingest_errors", "features", "dup_groups", "stories", "facts")


def ingest(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["ingest", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def unwrapped(output: str) -> str:
    """Rich wraps long lines at the console width: join them back (continuations do not start with a mark)."""
    lines: list[str] = []
    for line in output.splitlines():
        if lines and not re.match(r"^[✗!]\s", line):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def blank_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Blank French pipeline (no model to load) and a 20 MB file cap, so the 50 MB text is refused."""
    path = tmp_path_factory.mktemp("settings") / "settings.toml"
    path.write_text('[analyze]\nmodel_fr = "blank"\n\n[ingest]\nmax_file_bytes = 20000000\n', "utf-8")
    return path


def _articles(n: int, seed: int) -> list:
    rng = random.Random(seed)
    return [make_article(i, rng, en_share=0.0) for i in range(n)]


def write_bad_batch(folder: Path) -> dict[str, str]:
    """The bad inputs beside good ones; returns {file name: a word its error reason must contain}."""
    arts = _articles(12, seed=3)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(render_text(arts[0]).replace("’", "'").encode("latin-1"))
    (folder / "cp1252.txt").write_bytes(render_text(arts[1]).encode("cp1252"))  # ’ is 0x92 in cp1252
    page = render_html(arts[2])
    (folder / "malformed.html").write_text(
        "<html><body><div><p>" + page.split("<main>")[1][:3000] + "<p><b>unclosed <i>tags", "utf-8"
    )
    write_warc(folder / "truncated.warc.gz", arts[3:6])
    data = (folder / "truncated.warc.gz").read_bytes()
    (folder / "truncated.warc.gz").write_bytes(data[: int(len(data) * 0.8)])
    lines = [json.dumps({"text": f"{a.title}\n\n{a.body}", "title": a.title, "url": a.url}, ensure_ascii=False)
             for a in arts[6:9]]
    lines.insert(1, '{"text": "a broken line, never closed')
    (folder / "export.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "good.txt").write_text(render_text(arts[9]), "utf-8")
    big = "".join(render_text(a) for a in _articles(40, seed=9))
    with (folder / "big.txt").open("w", encoding="utf-8") as fh:
        for _ in range(50_000_000 // len(big.encode()) + 1):
            fh.write(big)
    return {"binary.txt": "binary", "empty.txt": "empty", "truncated.warc.gz": "truncated",
            "export.jsonl": "json", "big.txt": "max_file_bytes", "missing.txt": "no such file"}


# latin1, cp1252, malformed.html, good.txt, 3 JSONL lines, the 2 whole WARC records before the cut
EXPECTED_ARTICLES = 9


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory: pytest.TempPathFactory, blank_settings: Path) -> dict:
    folder = tmp_path_factory.mktemp("bad_inputs")
    expected = write_bad_batch(folder / "in")
    inputs = sorted(str(p) for p in (folder / "in").iterdir()) + [str(folder / "in" / "missing.txt")]
    db = folder / "store.db"
    args = [*inputs, "--db", str(db), "--no-group", "--jobs", "1", "--settings", str(blank_settings)]
    code, out, err = ingest(*args)
    return {"code": code, "out": out, "err": err, "db": db, "args": args, "expected": expected}


def test_bad_inputs_exit_code_2_and_the_rest_is_stored(bad_batch: dict) -> None:
    assert bad_batch["code"] == 2, bad_batch["err"]
    with open_store(bad_batch["db"], readonly=True) as store:
        assert store.count("articles") == EXPECTED_ARTICLES
        texts = [store.article(i).text for i in store.article_ids()]
    assert any("autorités" in t for t in texts)  # Latin-1 and cp1252 decoded, not mojibake
    assert not any("Ã©" in t or "\ufffd" in t for t in texts)
    assert f"{EXPECTED_ARTICLES} added" in bad_batch["out"]


def test_bad_inputs_each_named_with_its_reason(bad_batch: dict) -> None:
    lines = [ln for ln in unwrapped(bad_batch["err"]).splitlines() if ln.startswith("✗")]
    for name, reason_word in bad_batch["expected"].items():
        mine = [ln for ln in lines if f"/{name}" in ln]
        assert mine, f"no error line names {name}:\n{bad_batch['err']}"
        assert any(reason_word in ln.lower() for ln in mine), f"{name}: {mine}"
    for good in ("latin1.txt", "cp1252.txt", "malformed.html", "good.txt"):
        assert not any(f"/{good}" in ln for ln in lines), good


def test_bad_inputs_each_error_is_one_line(bad_batch: dict) -> None:
    raw_lines = bad_batch["err"].splitlines()
    assert all(ln.startswith(("✗", "!")) for ln in raw_lines if ln.strip()), bad_batch["err"]


def _snapshot(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        ids = {t: sorted(r[0] for r in conn.execute(f"SELECT id FROM {t}")) for t in ("raw_documents", "articles")}
        errors = sorted(conn.execute("SELECT source, locator, reason FROM ingest_errors").fetchall())
    finally:
        conn.close()
    return {"counts": counts, "ids": ids, "errors": errors}


def test_rerun_on_the_same_input_changes_nothing(bad_batch: dict) -> None:
    before = _snapshot(bad_batch["db"])
    code, out, _err = ingest(*bad_batch["args"])
    assert code == 2  # the bad inputs are still bad, and said so again
    assert "0 added" in out and f"{EXPECTED_ARTICLES} already stored" in out
    assert _snapshot(bad_batch["db"]) == before


# ------------------------------------------------------------------ the seeds, end to end


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict:
    """Both seeds ingested with the real model and the default (E5) embedder, grouped."""
    db = tmp_path_factory.mktemp("seeds") / "store.db"
    seeds = [str(next(seeds_dir.glob("000_*.txt"))), str(next(seeds_dir.glob("001_*.txt")))]
    code, out, err = ingest(*seeds, "--db", str(db), "--jobs", "1")
    assert code == 0, out + err
    with open_store(db, readonly=True) as store:
        seed0 = store.articles_by_source(seeds[0])[0][2]
    return {"db": db, "seed0": seed0}


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.slow
def test_seeds_make_one_story_with_both(seeds_store: dict) -> None:
    rows = [json.loads(line) for line in _run("stories", "--db", str(seeds_store["db"]), "--json").splitlines()]
    assert len(rows) == 1, rows
    assert rows[0]["n_articles"] == 2


@pytest.mark.slow
def test_seed_000_shown_clean(seeds_store: dict) -> None:
    shown = " ".join(_run("show", seeds_store["seed0"], "--db", str(seeds_store["db"])).split())
    for chrome in ("Lire la suite", "min de lecture", "À LIRE AUSSI"):
        assert chrome not in shown
    assert "s’intensifient" in shown
    assert shown.count("Bamako a déjà signé en 2019 un accord de défense avec la Russie.") == 1


@pytest.mark.slow
def test_seed_000_diff_lists_removals_with_reasons(seeds_store: dict) -> None:
    shown = _run("show", seeds_store["seed0"], "--db", str(seeds_store["db"]), "--diff")
    diff = " ".join(shown.split("What cleaning changed", 1)[1].split())  # undo Rich's wrapping
    removals = dict(re.findall(r"− (.+?) \[([a-z][^\]]*)\]", diff.split(" ~ ", 1)[0]))
    assert len(removals) >= 3, diff
    reasons = {text: reason for text, reason in removals.items()}
    assert any("min de lecture" in t for t in reasons), reasons
    assert any("Lire la suite" in t for t in reasons), reasons
    assert any("LIRE AUSSI" in t for t in reasons), reasons
    assert all(reason.strip() for reason in reasons.values())


def test_warc_cut_inside_the_last_page_is_not_stored_as_complete(tmp_path: Path, blank_settings: Path) -> None:
    arts = _articles(3, seed=4)
    warc = tmp_path / "cut.warc"
    write_warc(warc, arts, gzip=False)
    data = warc.read_bytes()
    closing = arts[2].paragraphs[-1].encode("utf-8")
    cut = data.rindex(closing) + len(closing) // 2  # inside the last page's closing paragraph
    warc.write_bytes(data[:cut])
    # read_warc yields the cut record's page before its tail check reports the truncation: the page
    # must then be stored flagged truncated (clean sees the sentence cut), or not at all
    db = tmp_path / "store.db"
    code, _out, err = ingest(str(warc), "--db", str(db), "--no-group", "--jobs", "1", "--settings", str(blank_settings))
    assert code == 2 and "truncated" in err
    with open_store(db, readonly=True) as store:
        stored = [store.article(i) for i in store.article_ids()]
    last_ref = arts[2].paragraphs[-1][-20:]
    complete = [a for a in stored if not a.truncated]
    assert len(complete) == 2
    assert all(last_ref in a.text for a in complete if arts[2].title in (a.title or "")), \
        [a.text[-80:] for a in complete]
    if len(stored) == 3:  # the cut page kept, flagged truncated
        assert sum(a.truncated for a in stored) == 1
    else:  # or left out, with the error naming the record the truncation cut
        assert len(stored) == 2 and "record" in err

"""Quick substring check of eval golds (helper B's own check, for stories s07-s12).

Usage: python eval/tools/check_gold_b.py s07 s08 ...   (prefixes of story ids; none = all)

Checks: every "raw" is in the raw text (txt decoded utf-8 then latin-1; html source; the html
inside a .warc.gz, or its source under eval/tools/warc_src/; the jsonl line's maintext), repair
counts, every quote text and mention is in an approximate clean text (raw with repairs applied,
tags stripped for html), story members match the folder, copies are members.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1]


def _warc_html(path: Path) -> str:
    try:
        from warcio.archiveiterator import ArchiveIterator
        with path.open("rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "response":
                    return rec.content_stream().read().decode("utf-8")
    except FileNotFoundError:
        pass
    src = EVAL / "tools" / "warc_src" / path.parent.name / (path.name.removesuffix(".warc.gz") + ".html")
    print(f"  note: {path.name} missing, checking its source {src.name}")
    return src.read_text(encoding="utf-8")


def raw_text(story_dir: Path, key: str) -> tuple[str, str]:
    name, _, line = key.partition("#")
    path = story_dir / name
    if name.endswith(".jsonl"):
        rec = json.loads(path.read_text(encoding="utf-8").splitlines()[int(line or 1) - 1])
        return rec["maintext"], "jsonl"
    if name.endswith(".warc.gz"):
        return _warc_html(path), "html"
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, "html" if name.endswith(".html") else "txt"


def approx_clean(raw: str, kind: str, doc: dict) -> str:
    text = raw
    if kind == "html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    for rep in doc.get("repairs", []):
        text = text.replace(rep["raw"], rep["clean"])
    return text


def raws(doc: dict):
    for key in ("boilerplate_raw", "duplicate_lines_raw"):
        for r in doc.get(key, []):
            yield key, r
    for key in ("date_raw", "truncation_marker_raw"):
        if doc.get(key):
            yield key, doc[key]
    for key in ("figures", "attributions", "denials", "modality"):
        for item in doc.get(key, []):
            yield key, item["raw"]


def check_story(gold_path: Path) -> int:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    sid = gold["story"]["id"]
    story_dir = EVAL / "corpus" / sid
    errors = 0

    def err(msg: str) -> None:
        nonlocal errors
        errors += 1
        print(f"  ERROR {msg}")

    print(sid)
    files = {p.name for p in story_dir.iterdir() if not p.name.endswith(".meta.json")}
    member_files = {m.partition("#")[0] for m in gold["story"]["members"]}
    if files != member_files:
        err(f"members {sorted(member_files)} != folder {sorted(files)}")
    if set(gold["documents"]) != set(gold["story"]["members"]):
        err("documents keys differ from story members")
    for group in gold.get("copies", []):
        for m in group:
            if m not in gold["documents"]:
                err(f"copy member {m} not a document")
    for key, doc in gold["documents"].items():
        raw, kind = raw_text(story_dir, key)
        for field, r in raws(doc):
            if r not in raw:
                err(f"{key}: {field} raw not found: {r!r}")
        for rep in doc.get("repairs", []):
            n = raw.count(rep["raw"])
            if n != rep.get("count", 1):
                err(f"{key}: repair {rep['raw']!r} occurs {n}x, gold says {rep.get('count', 1)}")
        clean = approx_clean(raw, kind, doc)
        for q in doc.get("quotes", []):
            if q["text"] not in clean:
                err(f"{key}: quote not in clean text: {q['text'][:70]!r}")
        for ent in doc.get("entities", []):
            for m in ent["mentions_raw"]:
                if m not in clean:
                    err(f"{key}: mention not in clean text: {m!r}")
        for rep in doc.get("repairs", []):
            if rep["clean"] not in clean:
                err(f"{key}: repair clean missing: {rep['clean']!r}")
        if doc.get("title") and kind == "html" and html.escape(doc["title"], quote=False) not in raw and doc["title"] not in raw:
            err(f"{key}: title not in page")
    return errors


def main(argv: list[str]) -> int:
    golds = sorted((EVAL / "gold").glob("s*.json"))
    if argv:
        golds = [g for g in golds if any(g.name.startswith(a) for a in argv)]
    total = sum(check_story(g) for g in golds)
    print("OK" if total == 0 else f"{total} error(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

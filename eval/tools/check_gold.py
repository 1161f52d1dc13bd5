"""Check the eval gold files against the corpus: every raw string is where it claims to be.

Usage:
    python eval/tools/check_gold.py [STORY_PREFIX ...]      e.g. s01 s02 (default: every story)

Checks, per story: members exist and match the folder; copy groups and crosscheck entries name
members; every *raw* string is a substring of the raw file (html: page source; warc: the HTML of
the response record; jsonl: the maintext); repairs occur `count` times and their clean side is
repaired; quote texts and entity mentions are substrings of an approximate cleaned text (tags
stripped, boilerplate removed, repairs applied (and then checked free of mojibake), whitespace collapsed); stated
XOF/EUR equivalents agree with the fixed peg unless a consistency check says "inconsistent".
Exit status 1 when anything fails.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import ftfy
from warcio.archiveiterator import ArchiveIterator

__all__ = ["check_story", "raw_text", "main"]

EVAL = Path(__file__).resolve().parents[1]
XOF_PER_EUR = 655.957
KINDS_FIGURE = {"count", "money", "duration", "date", "percent"}
KINDS_ATTRIBUTION = {"news agency", "official", "anonymous", "document", "media", "unspecified", "person"}
MODALITIES = {"asserted", "reported", "conditional", "denied", "quoted", "hedged"}
FORMATS = {"txt", "html", "warc", "jsonl"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "li", "br", "article", "section", "header",
              "footer", "nav", "figcaption", "blockquote", "aside", "ul", "title", "tr"}
SKIP_TAGS = {"script", "style", "head"}


class _TextOfHtml(HTMLParser):
    """Visible text of a page, one block per line (hand-written: we want a dumb, predictable view)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIP_TAGS:
            self.skip += 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _warc_html(path: Path) -> str:
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                return record.content_stream().read().decode("utf-8")
    raise ValueError(f"{path}: no response record")


def raw_text(path: Path) -> str:
    """The raw text that gold 'raw' strings refer to."""
    if path.suffix == ".gz":
        return _warc_html(path)
    if path.suffix == ".jsonl":
        lines = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        return "\n\n".join(item["maintext"] for item in lines)
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # a legacy-charset file is a legitimate dirty variant
        return data.decode("cp1252")


def _visible(path: Path, raw: str) -> str:
    if path.suffix in {".html", ".gz"}:
        parser = _TextOfHtml()
        parser.feed(raw)
        return html.unescape("".join(parser.parts))
    return raw


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def approx_clean(path: Path, raw: str, doc: dict) -> str:
    text = _visible(path, raw)
    text = re.sub(r"^ date \d{4}-\d{2}(-\d{2})? ", "", text)
    for line in doc.get("boilerplate_raw", []):
        text = text.replace(line, "\n")
    for repair in doc.get("repairs", []):
        text = text.replace(repair["raw"], repair["clean"])
    return _norm(text)


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.notes: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")


def _count_repair(raw: str, string: str) -> int:
    """Occurrences of a repair site; a lost-character token (d?un) counts only as a whole word."""
    if "?" in string:
        return len(re.findall(r"(?<!\w)" + re.escape(string) + r"(?!\w)", raw))
    return raw.count(string)


def _raw_strings(doc: dict) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for key in ("boilerplate_raw", "duplicate_lines_raw"):
        found += [(key, s) for s in doc.get(key, [])]
    for key in ("truncation_marker_raw", "date_raw", "caption_raw"):
        if doc.get(key):
            found.append((key, doc[key]))
    for key in ("figures", "attributions", "denials", "modality", "repairs"):
        found += [(key, item["raw"]) for item in doc.get(key, [])]
    return found


def _check_figures(where: str, doc: dict, report: Report) -> list[tuple[str, float]]:
    ratios = []
    for figure in doc.get("figures", []):
        if figure.get("kind") not in KINDS_FIGURE:
            report.fail(where, f"figure kind {figure.get('kind')!r} in {figure['raw']!r}")
        if figure.get("kind") == "money" and not figure.get("currency") and not figure.get("vague"):
            report.fail(where, f"money without currency: {figure['raw']!r}")
        equivalent = figure.get("stated_equivalent")
        if equivalent and figure.get("currency") == "XOF" and equivalent.get("currency") == "EUR":
            ratios.append((figure["raw"], (figure["value"] / XOF_PER_EUR) / equivalent["value"]))
    return ratios


def _check_document(story_dir: Path, name: str, doc: dict, report: Report) -> None:
    where = f"{story_dir.name}/{name}"
    path = story_dir / name
    if not path.exists():
        report.fail(where, "file missing")
        return
    if doc.get("format") not in FORMATS:
        report.fail(where, f"format {doc.get('format')!r}")
    raw = raw_text(path)
    for key, string in _raw_strings(doc):
        if string not in raw:
            report.fail(where, f"{key} not in raw: {string!r}")
        if path.suffix in {".html", ".gz"} and ("<" in string or re.search(r"&\w+;", string)):
            report.fail(where, f"{key} contains markup: {string!r}")
    for line in doc.get("duplicate_lines_raw", []):
        if raw.count(line) < 2:
            report.fail(where, f"duplicate line occurs {raw.count(line)} time(s): {line!r}")
    for repair in doc.get("repairs", []):
        expected = repair.get("count", 1)
        actual = _count_repair(raw, repair["raw"])
        if actual != expected:
            report.fail(where, f"repair {repair['raw']!r}: count {expected} in gold, {actual} in raw")
        if "?" in repair["clean"] or "Ã" in repair["clean"] or "â€" in repair["clean"]:
            report.fail(where, f"repair clean side still broken: {repair['clean']!r}")
    clean = approx_clean(path, raw, doc)
    if ftfy.fix_encoding(clean) != clean:
        report.fail(where, "mojibake left after the listed repairs")
    for quote in doc.get("quotes", []):
        for part in quote.get("parts", [quote["text"]]):
            if _norm(part) not in clean:
                report.fail(where, f"quote not in clean text: {part!r}")
        if not quote.get("speaker"):
            report.fail(where, f"quote without speaker: {quote['text'][:40]!r}")
    for entity in doc.get("entities", []):
        for mention in entity.get("mentions_raw", []):
            if _norm(mention) not in clean:
                report.fail(where, f"entity mention not in clean text: {mention!r}")
    for attribution in doc.get("attributions", []):
        if attribution.get("kind") not in KINDS_ATTRIBUTION:
            report.fail(where, f"attribution kind {attribution.get('kind')!r}")
    for item in doc.get("modality", []):
        if item.get("modality") not in MODALITIES:
            report.fail(where, f"modality {item.get('modality')!r}")
    if doc.get("title") and path.suffix != ".jsonl" and _norm(doc["title"]) not in _norm(_visible(path, raw)):
        report.notes.append(f"{where}: title not found verbatim in the text (sidecar/metadata only)")
    sidecar = path.with_name(path.name + ".meta.json")
    if sidecar.exists():
        meta = json.loads(sidecar.read_text("utf-8"))
        for key in ("outlet", "date", "lang"):
            if key in meta and meta[key] != doc.get(key):
                report.fail(where, f"sidecar {key}={meta[key]!r} but gold says {doc.get(key)!r}")
    ratios = _check_figures(where, doc, report)
    for raw_figure, ratio in ratios:
        report.notes.append(f"{where}: conversion {raw_figure!r} ratio actual/stated = {ratio:.3f}")
        verdicts = {c["result"] for c in doc.get("_consistency", [])}
        if abs(ratio - 1) > 0.03 and "inconsistent" not in verdicts:
            report.fail(where, f"stated EUR equivalent off by {abs(ratio - 1):.0%} but no inconsistent check")
        if abs(ratio - 1) <= 0.03 and "consistent" not in verdicts:
            report.fail(where, f"conversion {raw_figure!r} is right but no consistent check")


def _crosscheck_files(crosscheck: dict) -> list[str]:
    files: list[str] = []
    for section in crosscheck.values():
        for item in section:
            files += item.get("in", [])
            files += list(item.get("values", {}) if isinstance(item.get("values"), dict) else [])
            if "doc" in item:
                files.append(item["doc"])
    return files


def check_story(gold_path: Path, report: Report) -> None:
    gold = json.loads(gold_path.read_text("utf-8"))
    story = gold["story"]
    where = story["id"]
    if gold_path.stem != story["id"]:
        report.fail(where, f"gold file name {gold_path.name} differs from story id")
    story_dir = EVAL / "corpus" / story["id"]
    on_disk = sorted(p.name for p in story_dir.iterdir() if not p.name.endswith(".meta.json"))
    members = story["members"]
    if sorted(members) != on_disk:
        report.fail(where, f"members {sorted(members)} differ from folder {on_disk}")
    if sorted(gold["documents"]) != sorted(members):
        report.fail(where, "documents keys differ from members")
    for group in gold.get("copies", []):
        if len(group) < 2 or any(name not in members for name in group):
            report.fail(where, f"bad copy group {group}")
    for name in _crosscheck_files(gold.get("crosscheck", {})):
        if name not in members:
            report.fail(where, f"crosscheck names unknown file {name!r}")
    checks = gold.get("crosscheck", {}).get("consistency_checks", [])
    for name, doc in gold["documents"].items():
        doc = dict(doc, _consistency=[c for c in checks if c.get("doc") == name])
        _check_document(story_dir, name, doc, report)
    lookalike = story.get("lookalike_of")
    if lookalike:
        other = EVAL / "gold" / f"{lookalike}.json"
        if not other.exists():
            report.fail(where, f"lookalike {lookalike} has no gold")
        elif json.loads(other.read_text("utf-8"))["story"].get("lookalike_of") != story["id"]:
            report.fail(where, f"lookalike {lookalike} does not point back")


def main(argv: list[str] | None = None) -> int:
    prefixes = (argv if argv is not None else sys.argv[1:]) or [""]
    report = Report()
    golds = sorted(p for p in (EVAL / "gold").glob("*.json") if any(p.name.startswith(x) for x in prefixes))
    for gold_path in golds:
        try:
            check_story(gold_path, report)
        except (OSError, ValueError, KeyError, gzip.BadGzipFile) as error:
            report.fail(gold_path.name, f"cannot check: {error!r}")
    for note in report.notes:
        print("note:", note)
    for error in report.errors:
        print("FAIL:", error)
    print(f"{len(golds)} gold file(s), {len(report.errors)} failure(s)")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())

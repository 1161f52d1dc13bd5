"""Ingest + clean throughput per input format, and trafilatura alone on the same HTML for comparison.

    python bench/ingest_clean.py [--n 10000] [--corpus DIR] [--formats text html warc trafilatura]
                                 [--max-seconds 600] [--output bench/results/ingest_clean.json]

The corpus (bench/generate_corpus.py) is written once to --corpus (default: a temporary folder)
with the same N articles as text files, HTML pages and WARC.gz response records. Each format is
timed in its own child process, so each peak RSS (resource.getrusage ru_maxrss) is that format's:

    text, html, warc   recoupe.ingest.iter_documents over the folder, then recoupe.clean.clean_document
                       on every RawDocument (no analysis, no store); read and clean timed apart
    trafilatura        trafilatura.extract(html) on the same HTML pages, read from disk the same way

A run stops after --max-seconds per format and reports how many documents it reached. The
"trafilatura ratio" is recoupe's HTML seconds per document over trafilatura's: how much recoupe's
own work (metadata cascade, htmldate, encoding repair, boilerplate, language, offsets) adds.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import machine_info  # noqa: E402

FORMATS = ("text", "html", "warc", "trafilatura")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_recoupe(corpus: Path, fmt: str, max_seconds: float) -> dict:
    """Read + clean every document of corpus/<fmt>, timing each half."""
    from recoupe.clean import clean_document
    from recoupe.ingest import IngestOptions, iter_documents
    from recoupe.model import IngestError
    from recoupe.settings import load_settings

    settings = load_settings()
    start, cpu_start = time.perf_counter(), time.process_time()
    read_s = clean_s = 0.0
    docs = chars = errors = warnings = 0
    items = iter_documents([str(corpus / fmt)], IngestOptions(), settings.ingest)
    while True:
        t0 = time.perf_counter()
        item = next(items, None)
        t1 = time.perf_counter()
        read_s += t1 - t0
        if item is None:
            break
        if isinstance(item, IngestError):
            warnings += item.severity == "warning"
            errors += item.severity != "warning"
            continue
        article = clean_document(item, settings.clean)
        clean_s += time.perf_counter() - t1
        docs += 1
        chars += len(article.text)
        if time.perf_counter() - start > max_seconds:
            break
    total, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"format": fmt, "documents": docs, "seconds": round(total, 2), "docs_per_s": round(docs / total, 1),
            "cpu_seconds": round(cpu, 2), "docs_per_cpu_s": round(docs / cpu, 1),
            "read_seconds": round(read_s, 2), "clean_seconds": round(clean_s, 2),
            "ms_per_doc": round(1000 * total / max(docs, 1), 2), "clean_chars": chars,
            "errors": errors, "warnings": warnings, "peak_rss_mb": round(_peak_rss_mb(), 1)}


def run_trafilatura(corpus: Path, max_seconds: float) -> dict:
    """trafilatura.extract on each HTML page (file read + decode included, as recoupe's reader does)."""
    import trafilatura

    start, cpu_start = time.perf_counter(), time.process_time()
    docs = chars = empty = 0
    for path in sorted((corpus / "html").iterdir()):
        text = trafilatura.extract(path.read_bytes().decode("utf-8"))
        docs += 1
        empty += not text
        chars += len(text or "")
        if time.perf_counter() - start > max_seconds:
            break
    total, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"format": "trafilatura", "documents": docs, "seconds": round(total, 2),
            "docs_per_s": round(docs / total, 1), "cpu_seconds": round(cpu, 2), "docs_per_cpu_s": round(docs / cpu, 1), "ms_per_doc": round(1000 * total / max(docs, 1), 2),
            "clean_chars": chars, "empty": empty, "peak_rss_mb": round(_peak_rss_mb(), 1)}


def _child(corpus: Path, fmt: str, max_seconds: float) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", fmt, "--corpus", str(corpus),
                          "--max-seconds", str(max_seconds)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, default=None, help="Folder for the corpus (kept if given).")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--child", choices=FORMATS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = (run_trafilatura(args.corpus, args.max_seconds) if args.child == "trafilatura"
                  else run_recoupe(args.corpus, args.child, args.max_seconds))
        print(json.dumps(result))
        return

    from generate_corpus import write_corpus

    tmp = None if args.corpus else tempfile.TemporaryDirectory(prefix="recoupe-bench-")
    corpus = args.corpus or Path(tmp.name)  # type: ignore[union-attr]
    if not (corpus / "text").exists():
        t0 = time.perf_counter()
        write_corpus(corpus, args.n)
        print(f"corpus of {args.n} articles x 3 formats written in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    results = {}
    for fmt in args.formats:
        results[fmt] = _child(corpus, fmt, args.max_seconds)
        print(json.dumps(results[fmt]), file=sys.stderr)
    if "html" in results and "trafilatura" in results:
        ratio = results["html"]["ms_per_doc"] / results["trafilatura"]["ms_per_doc"]
        results["html_over_trafilatura"] = round(ratio, 2)
        cpu_ratio = results["trafilatura"]["docs_per_cpu_s"] / results["html"]["docs_per_cpu_s"]
        results["html_over_trafilatura_cpu"] = round(cpu_ratio, 2)
    report = {"benchmark": "ingest_clean", "corpus_articles": args.n, "machine": machine_info(),
              "results": results}
    text = json.dumps(report, indent=1, ensure_ascii=False)
    print(text)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n", "utf-8")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()

"""Dossier time for stories of 10, 100 and 1,000 articles (cross-check + dossier + HTML report).

Stories are built from the seed articles' real analyses (via the pipeline, once), replicated
under other outlets with the figures shifted for some of them, so every size has realistic facts,
quotes and attributions. Records CPU seconds per stage and the number of facts and evidence items,
so growth can be compared with facts × supporting articles (the evidence count: one item per
fact per supporting passage); the per-evidence CPU columns stay flat when growth is linear.

    python bench/dossier.py [--sizes 10 100 1000] [--repeat 3] [--output bench/results/dossier.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from machine import machine_info  # noqa: E402

from recoupe.crosscheck import crosscheck_story  # noqa: E402
from recoupe.crosscheck.dossier import build_dossier  # noqa: E402
from recoupe.group import HashingEmbedder  # noqa: E402
from recoupe.ingest import IngestOptions, iter_documents  # noqa: E402
from recoupe.model import PartialDate, Story, stable_id  # noqa: E402
from recoupe.pipeline import run_ingest  # noqa: E402
from recoupe.report import make_context, render_html  # noqa: E402
from recoupe.settings import load_settings  # noqa: E402
from recoupe.store import open_store  # noqa: E402


def seed_records(seeds: Path):
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "seeds.db")
        paths = [str(p) for p in sorted(seeds.glob("0*.txt"))]
        run_ingest(iter_documents(paths, IngestOptions(), settings.ingest), store, settings,
                   embedder=HashingEmbedder(), jobs=1)
        articles = store.articles(store.article_ids())
        analyses = {a.id: store.analysis(a.id) for a in articles}
        store.close()
    return articles, analyses


def replicate(articles, analyses, n: int):
    """n articles: the seeds under n/2 invented outlets, dated over a week, some figures shifted."""
    out_articles, out_analyses = [], {}
    for i in range(n):
        base = articles[i % len(articles)]
        analysis = analyses[base.id]
        new_id = stable_id("a", base.id, str(i))
        figures = tuple(replace(f, low=f.low * 1.5, high=(f.high * 1.5 if f.high else None))
                        if i % 7 == 3 and f.low is not None else f for f in analysis.figures)
        out_articles.append(replace(base, id=new_id, outlet=f"Outlet {i // 2:04d}",
                                    published=PartialDate(2021, 9, 1 + i % 7)))
        out_analyses[new_id] = replace(analysis, article_id=new_id, figures=figures)
    return out_articles, out_analyses


def run(sizes: list[int], seeds: Path, repeat: int = 1) -> dict:
    settings = load_settings()
    articles, analyses = seed_records(seeds)
    results = []
    for n in sizes:
        arts, ans = replicate(articles, analyses, n)
        story = Story(stable_id("s", str(n)), f"bench {n}", tuple(a.id for a in arts), "2021-09-01", "2021-09-07")
        times: list[tuple[float, float, float]] = []
        for _ in range(repeat):  # the least CPU of each stage over the runs: other load only adds
            t0 = time.process_time()
            facts = crosscheck_story(story, arts, ans, (), settings.crosscheck)
            t1 = time.process_time()
            dossier = build_dossier(story, arts, ans, facts, ())
            t2 = time.process_time()
            html = render_html(dossier, make_context(arts))
            t3 = time.process_time()
            times.append((t1 - t0, t2 - t1, t3 - t2))
        crosscheck_s, dossier_s, html_s = (min(t[i] for t in times) for i in range(3))
        total_s = crosscheck_s + dossier_s + html_s
        evidence = sum(len(f.evidence) for f in facts)
        results.append({"articles": n, "facts": len(facts), "evidence": evidence, "runs": repeat,
                        "crosscheck_cpu_s": round(crosscheck_s, 3), "dossier_cpu_s": round(dossier_s, 3),
                        "html_cpu_s": round(html_s, 3), "total_cpu_s": round(total_s, 3),
                        "html_bytes": len(html.encode("utf-8")),
                        # Linear growth keeps these flat across sizes.
                        "html_cpu_us_per_evidence": round(1e6 * html_s / max(evidence, 1), 1),
                        "total_cpu_us_per_evidence": round(1e6 * total_s / max(evidence, 1), 1)})
        print(json.dumps(results[-1]))
    return {"benchmark": "dossier", "machine": machine_info(), "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the least CPU of each stage is kept")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "dossier.json")
    args = parser.parse_args()
    result = run(args.sizes, args.seeds, max(1, args.repeat))
    args.output.write_text(json.dumps(result, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()

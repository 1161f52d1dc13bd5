"""Analysis throughput: recoupe's analyze_article vs the bare spaCy model on the same texts.

    python bench/analyze.py [--n 600] [--jobs 2] [--profile-docs 200] [--output bench/results/analyze.json]

Texts: the eval corpus and the seeds (French articles, read and cleaned by recoupe) plus generated
French articles (bench/generate_corpus.py) up to --n, cleaned into Articles first (not timed).

Measured, in this order, in one process after a warm-up:
  1. bare model   spacy.load(model) without recoupe's component: nlp.pipe(texts) and nlp(text) per text
  2. per component  the same pipeline walked by hand, plus `recoupe_sentences`, to time each component
  3. analyze_article on every article, with each step timed by wrapping it (parse, entities, figures,
     quotes, attributions, claims); "rules" = analyze time - the model's own components' time
  4. cProfile of analyze_article over --profile-docs articles: the recoupe functions with the largest
     own time (tottime) and cumulative time, spaCy's components left out
  5. --jobs N: recoupe.engines.LocalEngine(N).map(process_batch, BatchJob(...)) (clean + analyze,
     as `recoupe ingest` runs it), after a warm-up that loads the model in the workers; and the bare
     model with nlp.pipe(n_process=N)
Peak RSS: the parent's, and the children's (RUSAGE_CHILDREN: the largest worker).
Single-process figures are CPU seconds (time.process_time, BLAS held to one thread), so that other
work on a shared machine does not skew them; the --jobs figures are wall-clock and say the load.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one core per process;
    os.environ.setdefault(_var, "1")  # set before numpy/spaCy load (they are imported inside the functions)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate_corpus import article_texts  # noqa: E402
from machine import machine_info  # noqa: E402

CLOCK = time.process_time  # CPU seconds of this process


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def load_raw_documents(n: int) -> list:
    """French RawDocuments: the eval corpus and seeds first, then generated articles up to n."""
    from recoupe.ingest import IngestOptions, iter_documents
    from recoupe.ingest.options import make_document
    from recoupe.model import Provenance, RawDocument
    from recoupe.settings import load_settings

    settings = load_settings()
    paths = [str(REPO / "eval" / "corpus"), str((REPO / ".." / "shared" / "seeds").resolve())]
    docs = [d for d in iter_documents(paths, IngestOptions(), settings.ingest) if isinstance(d, RawDocument)]
    for i, text in enumerate(article_texts(max(0, n - len(docs)))):
        docs.append(make_document("text", text, Provenance(f"generated/{i:05d}.txt"), IngestOptions(), {}, {}))
    return docs[:n]


def clean_all(raws: list, settings) -> list:
    from recoupe.clean import clean_document

    articles = [clean_document(r, settings.clean) for r in raws]
    return [a for a in articles if (a.lang or "fr") == "fr" and a.text.strip()]


def bench_bare(articles: list, model: str) -> dict:
    import spacy

    nlp = spacy.load(model)
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:5]))  # warm-up
    t0 = CLOCK()
    for _ in nlp.pipe(texts):
        pass
    pipe_s = CLOCK() - t0
    t0 = CLOCK()
    for text in texts:
        nlp(text)
    call_s = CLOCK() - t0
    return {"pipe_seconds": round(pipe_s, 2), "call_seconds": round(call_s, 2),
            "pipe_articles_per_s": round(len(texts) / pipe_s, 1), "call_articles_per_s": round(len(texts) / call_s, 1),
            "pipeline": nlp.pipe_names}


def bench_components(articles: list, model: str) -> dict[str, float]:
    """Seconds per component of recoupe's pipeline (get_nlp: the model + recoupe_sentences)."""
    from recoupe.analyze.nlp import get_nlp

    nlp = get_nlp("fr", model)
    seconds: dict[str, float] = defaultdict(float)
    for a in articles:
        t0 = CLOCK()
        doc = nlp.make_doc(a.text)
        seconds["tokenizer"] += CLOCK() - t0
        for name, proc in nlp.pipeline:
            t0 = CLOCK()
            doc = proc(doc)
            seconds[name] += CLOCK() - t0
    return {k: round(v, 2) for k, v in seconds.items()}


_STEPS = {  # step name -> (module, attribute) that analyze_article looks up at call time
    "parse": ("recoupe.analyze.nlp", "parse_article"),
    "entities": ("recoupe.analyze", "extract_entities"),
    "figures": ("recoupe.analyze.figures", "extract_figures"),
    "quotes": ("recoupe.analyze.quotes", "extract_quotes"),
    "attributions": ("recoupe.analyze.attribution", "extract_attributions"),
    "claims": ("recoupe.analyze.claims", "extract_claims"),
}


def bench_steps(articles: list, settings) -> tuple[float, dict[str, float]]:
    """analyze_article over all articles, with each step's time (the steps are wrapped in place)."""
    import importlib

    from recoupe.analyze import analyze_article

    seconds: dict[str, float] = defaultdict(float)
    originals = {}
    for step, (module_name, attr) in _STEPS.items():
        module = importlib.import_module(module_name)
        original = getattr(module, attr)
        originals[step] = (module, attr, original)

        def timed(*args, _f=original, _step=step, **kwargs):
            t0 = CLOCK()
            try:
                return _f(*args, **kwargs)
            finally:
                seconds[_step] += CLOCK() - t0

        setattr(module, attr, timed)
    try:
        t0 = CLOCK()
        for a in articles:
            analyze_article(a, settings.analyze)
        total = CLOCK() - t0
    finally:
        for module, attr, original in originals.values():
            setattr(module, attr, original)
    return total, {k: round(v, 2) for k, v in seconds.items()}


EXTRACTORS = ("entities", "figures", "quotes", "attributions", "claims")


def rule_parts(components: dict[str, float], steps: dict[str, float]) -> dict[str, float]:
    """recoupe's own rule time by part: the sentence-start component and each extractor."""
    return {"recoupe_sentences": components.get("recoupe_sentences", 0.0)} | {k: steps.get(k, 0.0) for k in EXTRACTORS}


def split_model_and_rules(bare: dict, components: dict[str, float], steps: dict[str, float]) -> tuple[float, float]:
    """(model seconds, rule seconds). The model is the bare pipeline called per text, as parse_article
    calls it (walking the components by hand costs more than nlp(text), so it only gives the split);
    the rules are recoupe_sentences plus the extractors, each timed where it runs."""
    return bare["call_seconds"], sum(rule_parts(components, steps).values())


def profile_rules(articles: list, settings, top: int = 20) -> dict:
    """cProfile of analyze_article: recoupe's functions by own time and by cumulative time."""
    from recoupe.analyze import analyze_article

    profiler = cProfile.Profile()
    profiler.enable()
    for a in articles:
        analyze_article(a, settings.analyze)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (filename, line, func), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "/recoupe/" not in filename:
            continue
        rel = filename.split("/src/")[-1]
        rows.append({"where": f"{rel}:{line}", "function": func, "calls": ncalls,
                     "own_share": round(tottime / total, 4), "cum_share": round(cumtime / total, 4),
                     "own_s": round(tottime, 3), "cum_s": round(cumtime, 3)})
    by_own = sorted(rows, key=lambda r: -r["own_s"])[:top]
    by_cum = sorted((r for r in rows if r["function"] not in {"analyze_article", "<lambda>", "_guarded"}),
                    key=lambda r: -r["cum_s"])[:top]
    return {"profiled_seconds": round(total, 2), "articles": len(articles), "top_own_time": by_own,
            "top_cumulative_time": by_cum}


def bench_jobs(raws: list, settings, jobs: int, model: str, texts: list[str]) -> dict:
    import spacy

    from recoupe.engines import LocalEngine
    from recoupe.pipeline import BatchJob, process_batch

    engine = LocalEngine(jobs)
    try:
        warm = [BatchJob((raws[i],), settings) for i in range(jobs)]
        list(engine.map(process_batch, warm))  # loads the model in the workers
        batches = [BatchJob(tuple(raws[i : i + 8]), settings) for i in range(0, len(raws), 8)]
        t0 = time.perf_counter()
        done = sum(len(b) for b in engine.map(process_batch, batches))
        seconds = time.perf_counter() - t0
    finally:
        engine.close()
    nlp = spacy.load(model)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=jobs, batch_size=16):
        pass
    bare_s = time.perf_counter() - t0
    return {"jobs": jobs, "documents": done, "seconds": round(seconds, 2),
            "articles_per_s": round(done / seconds, 1),
            "bare_pipe_seconds_incl_worker_start": round(bare_s, 2),
            "bare_pipe_articles_per_s": round(len(texts) / bare_s, 1),
            "peak_rss_children_mb": _rss_mb(resource.RUSAGE_CHILDREN),
            "load_average_after": [round(x, 2) for x in os.getloadavg()]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--profile-docs", type=int, default=200)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()

    from recoupe.settings import load_settings

    settings = load_settings()
    model = settings.analyze.model_fr
    machine = machine_info()
    raws = load_raw_documents(args.n)
    articles = clean_all(raws, settings)
    words = sum(len(a.text.split()) for a in articles)
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} French articles, {words} words", file=sys.stderr)

    bare = bench_bare(articles, model)
    print("bare", bare, file=sys.stderr)
    components = bench_components(articles, model)
    print("components", components, file=sys.stderr)
    from recoupe.analyze import analyze_article

    for a in articles[:5]:
        analyze_article(a, settings.analyze)  # warm-up: lexicons, alias tables
    total, steps = bench_steps(articles, settings)
    print("analyze", total, steps, file=sys.stderr)
    model_s, rules_s = split_model_and_rules(bare, components, steps)
    profile = profile_rules(articles[: args.profile_docs], settings)
    parent_rss = _rss_mb()
    parallel = bench_jobs(raws, settings, args.jobs, model, [a.text for a in articles]) if args.jobs > 1 else None

    report = {
        "benchmark": "analyze",
        "machine": machine,
        "model": model,
        "articles": len(articles),
        "words": words,
        "chars": chars,
        "bare_model": bare | {"words_per_s_pipe": round(words / bare["pipe_seconds"])},
        "components_cpu_seconds": components,
        "analyze_single_process": {
            "cpu_seconds": round(total, 2),
            "articles_per_s": round(len(articles) / total, 1),
            "words_per_s": round(words / total),
            "steps_seconds": steps,
            "model_seconds": round(model_s, 2),
            "rules_seconds": round(rules_s, 2),
            "rules_over_model": round(rules_s / model_s, 3),
            "rules_share_of_total": round(rules_s / total, 3),
            "rules_split": {k: round(v / rules_s, 3) for k, v in rule_parts(components, steps).items()},
            "goal": "rules_over_model <= 0.25",
        },
        "peak_rss_mb": parent_rss,
        "parallel": parallel,
        "profile": profile,
    }
    text = json.dumps(report, indent=1, ensure_ascii=False)
    print(text)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()

"""Ingest + clean + analyze throughput, local engine vs Dask engine, on this machine.

    python bench/engines_throughput.py [--n 20000] [--workers 2] [--max-seconds 600] [--out bench/results/engines.json]

A mixed corpus of `--n` generated articles (bench/generate_corpus.py's templates: invented
French and English news; a third as .txt files, a third as .html pages, a third inside
.warc.gz files of 100 pages) is ingested into a fresh store by each engine, without grouping
(with `--group`: with the grouping features computed on the workers, then grouping and cross-check
on the client; the client's own CPU seconds and each stage's wall time are reported apart):
    local  run_ingest over iter_documents: the client reads, a process pool cleans + analyses
    dask   run_ingest_sharded on a LocalCluster: each worker reads its own shards
Each engine runs in its own process, stopped at --max-seconds (the documents stored by then
are counted). Reported per engine: documents per second (over the whole run, and after the
models were loaded) and per CPU-second of the whole process tree (the figure that holds when
other jobs share the machine), peak RSS of the client and of the biggest worker and of the whole
process tree (psutil, sampled every 0.25 s), cluster start and model warm-up times.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def write_mixed_corpus(out: Path, n: int, seed: int = 7, per_warc: int = 100) -> dict[str, int]:
    """`n` articles, each written once: i % 3 == 0 text, 1 HTML, 2 in a WARC."""
    from generate_corpus import make_article, render_html, render_text, write_warc

    rng = random.Random(seed)
    for sub in ("text", "html", "warc"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    counts = {"text": 0, "html": 0, "warc": 0}
    pending = []
    for i in range(n):
        article = make_article(i, rng)
        kind = ("text", "html", "warc")[i % 3]
        counts[kind] += 1
        if kind == "text":
            (out / "text" / f"{i:05d}.txt").write_text(render_text(article), "utf-8")
        elif kind == "html":
            (out / "html" / f"{i:05d}.html").write_text(render_html(article), "utf-8")
        else:
            pending.append(article)
            if len(pending) == per_warc:
                write_warc(out / "warc" / f"part-{i:05d}.warc.gz", pending)
                pending = []
    if pending:
        write_warc(out / "warc" / f"part-{n:05d}.warc.gz", pending)
    return counts


class RssSampler:
    """Peak RSS of this process, of its biggest descendant, and of the whole tree; and the CPU
    seconds the tree has used (each process's last sample counts, so workers that ended count too)."""

    def __init__(self, interval: float = 0.25) -> None:
        import psutil

        self.me = psutil.Process()
        self.interval = interval
        self.peak = {"client_mb": 0.0, "max_worker_mb": 0.0, "tree_mb": 0.0}
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                client = self.me.memory_info().rss
                children = []
                self._cpu[self.me.pid] = sum(self.me.cpu_times()[:2])
                for child in self.me.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        children.append(child.memory_info().rss)
                        self._cpu[child.pid] = sum(child.cpu_times()[:2])
                mb = 1024 * 1024
                self.peak["client_mb"] = max(self.peak["client_mb"], client / mb)
                self.peak["max_worker_mb"] = max(self.peak["max_worker_mb"], max(children, default=0) / mb)
                self.peak["tree_mb"] = max(self.peak["tree_mb"], (client + sum(children)) / mb)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu.values())

    @property
    def client_cpu_seconds(self) -> float:
        return self._cpu.get(self.me.pid, 0.0)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_engine(engine: str, corpus: Path, db: Path, workers: int, result_file: Path, group: bool = False) -> None:
    """One engine over the corpus (in its own process); writes its figures to `result_file` as it goes."""
    from recoupe.ingest import IngestOptions, expand_inputs, iter_documents
    from recoupe.settings import load_settings
    from recoupe.store import open_store

    settings = load_settings()
    paths = [str(corpus / sub) for sub in ("text", "html", "warc")]
    figures: dict[str, float | int | str] = {"engine": engine, "workers": workers, "group": str(group)}
    stage_started: dict[str, float] = {}
    done = {"n": 0}
    started = time.perf_counter()

    def save() -> None:
        elapsed = time.perf_counter() - started
        figures.update(documents=done["n"], seconds=round(elapsed, 1), **sampler.peak)
        processing = elapsed - float(figures.get("cluster_start_s", 0)) - float(figures.get("warm_s", 0))
        figures["docs_per_s"] = round(done["n"] / elapsed, 2) if elapsed else 0
        figures["docs_per_s_after_load"] = round(done["n"] / processing, 2) if processing > 0 else 0
        # CPU time of the whole process tree: the figure to compare when other jobs share the cores.
        figures["cpu_s"] = round(sampler.cpu_seconds, 1)
        figures["client_cpu_s"] = round(sampler.client_cpu_seconds, 1)
        figures["docs_per_cpu_s"] = round(done["n"] / sampler.cpu_seconds, 2) if sampler.cpu_seconds else 0
        figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
        result_file.write_text(json.dumps(figures, indent=1))

    def on_stage(name: str) -> None:
        now = time.perf_counter()
        if stage_started:
            last = list(stage_started)[-1]
            figures[f"stage_s[{last}]"] = round(now - stage_started[last], 1)
        stage_started[name] = now

    def progress(event: str, n: int) -> None:
        if event == "processed":
            done["n"] += n
            save()

    with RssSampler() as sampler, open_store(db) as store:
        if engine == "local":
            from recoupe.pipeline import run_ingest

            run_ingest(iter_documents(paths, IngestOptions(), settings.ingest), store, settings, engine="local",
                       jobs=workers, group=group, progress=progress, on_stage=on_stage)
        else:
            from recoupe.engines.dask_engine import DaskEngine
            from recoupe.engines.sharded import run_ingest_sharded

            t = time.perf_counter()
            runner = DaskEngine(workers=workers, progress=False)
            figures["cluster_start_s"] = round(time.perf_counter() - t, 1)
            t = time.perf_counter()
            runner.warm(settings)
            figures["warm_s"] = round(time.perf_counter() - t, 1)
            save()
            try:
                run_ingest_sharded(expand_inputs(paths), store, settings, engine=runner, group=group,
                                   progress=progress, on_stage=on_stage)
            finally:
                runner.close()
        on_stage("end")
        figures["stories"] = store.count("stories")
        figures["complete"] = "yes"
        save()


def _run_bounded(engine: str, corpus: Path, workdir: Path, workers: int, max_seconds: float, group: bool) -> dict:
    result = workdir / f"{engine}.json"
    db = workdir / f"{engine}.db"
    for path in (result, db):
        path.unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "--run-engine", engine, "--corpus", str(corpus), "--db", str(db),
           "--workers", str(workers), "--result", str(result), *(["--group"] if group else [])]
    proc = subprocess.Popen(cmd, start_new_session=True)
    try:
        proc.wait(timeout=max_seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        time.sleep(3)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    figures = json.loads(result.read_text()) if result.exists() else {"engine": engine, "documents": 0}
    figures.setdefault("complete", "no: stopped at --max-seconds")
    return figures


def group_scale_numbers() -> dict | None:
    """bench/group_scale.py's own results, when it has written them."""
    for path in sorted((HERE / "results").glob("group_scale*.json")):
        return {"file": str(path.relative_to(HERE.parent)), "results": json.loads(path.read_text())}
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/recoupe-bench-engines"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "engines_throughput.json")
    parser.add_argument("--run-engine", choices=["local", "dask"])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--result", type=Path)
    parser.add_argument("--group", action="store_true",
                        help="also compute the grouping features on the workers, then group and cross-check")
    args = parser.parse_args()
    if args.run_engine:
        run_engine(args.run_engine, args.corpus, args.db, args.workers, args.result, args.group)
        return
    corpus = args.workdir / f"corpus-{args.n}"
    if not corpus.exists():
        t = time.perf_counter()
        counts = write_mixed_corpus(corpus, args.n)
        print(f"corpus: {counts} in {time.perf_counter() - t:.0f} s", flush=True)
    runs = {e: _run_bounded(e, corpus, args.workdir, args.workers, args.max_seconds, args.group)
            for e in ("local", "dask")}
    for figures in runs.values():
        print(json.dumps(figures), flush=True)
    local, dask = runs["local"], runs["dask"]
    report = {
        "n_corpus": args.n, "group": args.group, "workers": args.workers, "cpu_count": os.cpu_count(), "max_seconds": args.max_seconds,
        "load_average_at_end": os.getloadavg(),  # other jobs on the machine skew every figure above
        "local": local, "dask": dask,
        "dask_over_local_docs_per_s": round(dask.get("docs_per_s", 0) / local["docs_per_s"], 2)
        if local.get("docs_per_s") else None,
        "dask_over_local_docs_per_cpu_s": round(dask.get("docs_per_cpu_s", 0) / local["docs_per_cpu_s"], 2)
        if local.get("docs_per_cpu_s") else None,
        "group_scale": group_scale_numbers(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1))
    print(json.dumps({k: v for k, v in report.items() if k not in ("local", "dask", "group_scale")}))


if __name__ == "__main__":
    main()

"""Web latency under load: a store of N generated articles, served by uvicorn on 127.0.0.1,
measured with 20 concurrent clients (bounded request counts, loopback only).

    python bench/web_latency.py [--articles 100000] [--clients 20] [--duration 10] [--workers 1]
        [--client wrk|python] [--no-cache] [--output bench/results/web_latency.json]

Builds /tmp/recoupe-web-bench.db (reused when it holds the same number of articles), starts
uvicorn in a subprocess, and measures p50/p95/p99/max per endpoint: the stories page, its 2nd
keyset page, a stories page filtered by a search, the search API, a dossier and an article page.
Goals: p95 < 100 ms for pages, < 50 ms for the search API. Generated text is fine: it measures
the queries and templates, not the analysis.

Load: a closed loop of `--clients` connections, each sending its next request when the previous
answer arrives (so latency = clients / throughput once the server is saturated). The client is
`wrk` (Debian's package: native, costs little CPU next to the server on a 2-core machine) over a
fixed list of 1,000 paths per endpoint drawn with a seeded RNG (200 story ids, 200 article ids,
24 search words x 8 countries), each endpoint warmed for 2 s, then measured for `--duration` s;
`--client python` uses the older httpx asyncio client (it competes with the server for the CPU).
The paths repeat, so the response cache ([web] cache_entries) answers most of them after the
warm-up; `--no-cache` measures every request computed afresh. The server's environment variable
RECOUPE_BENCH_CACHE=0 turns the cache off.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from recoupe.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    CleaningReport,
    Entity,
    Evidence,
    Fact,
    Figure,
    Mention,
    PartialDate,
    Provenance,
    Quote,
    RawDocument,
    Span,
    Speaker,
    Story,
    stable_id,
)
from recoupe.store import open_store

DB = Path("/tmp/recoupe-web-bench.db")
OUTLETS = [f"Journal {c}" for c in "ABCDEFGHIJKLMNOPQRST"]
COUNTRIES = ["Mali", "Niger", "Burkina Faso", "Sénégal", "Tchad", "Guinée", "Bénin", "Togo"]
WORDS = ["accord", "gouvernement", "armée", "ministre", "élection", "frontière", "mine", "or", "coton", "cacao", "prix", "sécurité", "attaque", "sommet", "délégation", "sanctions", "dette", "budget", "réforme", "port", "route", "barrage", "énergie", "récolte"]
PER_STORY = 5


def make_app():  # noqa: ANN201 - uvicorn --factory entry point
    import dataclasses

    from recoupe.settings import load_settings
    from recoupe.web import create_app

    settings = load_settings()
    if os.environ.get("RECOUPE_BENCH_CACHE") == "0" and hasattr(settings.web, "cache_entries"):
        settings = dataclasses.replace(settings, web=dataclasses.replace(settings.web, cache_entries=0))
    if os.environ.get("RECOUPE_BENCH_THREADS"):
        settings = dataclasses.replace(settings, web=dataclasses.replace(settings.web, threads=int(os.environ["RECOUPE_BENCH_THREADS"])))
    return create_app(os.environ["RECOUPE_BENCH_DB"], settings)


def _article(n: int, rng: random.Random) -> tuple[RawDocument, Article, Analysis]:
    story = n // PER_STORY
    country = COUNTRIES[story % len(COUNTRIES)]
    topic = " ".join(rng.sample(WORDS, 4))
    title = f"{country} : {topic} (sujet {story})"
    figure = f"{1000 + story % 97 * 10 + n % PER_STORY} soldats"
    quote = f"Nous suivons la question {rng.choice(WORDS)} de près"
    sentence = f"Selon Reuters, {country} aurait signé un accord portant sur {figure}."
    said = f"« {quote} », a déclaré le ministre Awa Traoré."
    filler = " ".join(rng.choice(WORDS) for _ in range(120))
    text = f"{title}\n\n{sentence} {said} {filler}."
    day = 1 + (story % 365)
    published = PartialDate(2020 + story % 4, (day - 1) // 31 + 1, (day - 1) % 28 + 1)
    outlet = OUTLETS[(n * 7 + story) % len(OUTLETS)]
    raw = RawDocument(RawDocument.make_id(f"bench {n}"), "text", text, Provenance(f"bench/{n}.txt", "line 1"),
                      outlet=outlet)
    article = Article(Article.make_id(raw.id), raw.id, outlet, None, title, text,
                      (Span(0, len(title)), Span(len(title) + 2, len(text))), "fr", 0.99, published, False,
                      CleaningReport(source_text=text))

    def span(piece: str) -> Span:
        start = text.index(piece)
        return Span(start, start + len(piece))

    fig = Figure(span(figure), figure, "count", float(figure.split()[0]), float(figure.split()[0]), unit="soldats")
    analysis = Analysis(
        article.id, "fr", entities=(Entity(country.lower(), country, "country"),),
        mentions=(Mention(span(country), country, country.lower(), "ALIAS"),), figures=(fig,),
        quotes=(Quote(span(quote), quote, True, Speaker("Awa Traoré", "official", entity_id="awa-traore")),),
        attributions=(Attribution(span("Selon Reuters"), "Reuters", "news agency", origin_id="reuters"),),
        claims=(Claim(stable_id("c", article.id), span(sentence), sentence, "conditional", figure_indexes=(0,)),))
    return raw, article, analysis


def build(path: Path, n_articles: int) -> None:
    if path.exists():
        with open_store(path) as store:
            if store.count("articles") == n_articles:
                print(f"reusing {path} ({n_articles} articles)")
                return
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(7)
    started = time.perf_counter()
    store = open_store(path)
    batch: list[tuple[RawDocument, Article, Analysis]] = []
    for n in range(n_articles):
        batch.append(_article(n, rng))
        if len(batch) == PER_STORY * 200 or n == n_articles - 1:
            with store.transaction():
                for raw, article, analysis in batch:
                    store.add_document(raw, article, analysis)
                _stories(store, batch)
            batch = []
    store.conn.execute("ANALYZE")
    store.close()
    print(f"built {n_articles} articles in {time.perf_counter() - started:.0f} s")


def _stories(store, batch) -> None:  # noqa: ANN001
    groups: dict[str, list[tuple[RawDocument, Article, Analysis]]] = {}
    for item in batch:
        groups.setdefault(item[1].title.rsplit("(sujet ", 1)[1].rstrip(")"), []).append(item)  # type: ignore[union-attr]
    stories, pending = [], []
    for key, items in groups.items():
        dates = sorted(a.published.iso() for _, a, _ in items if a.published)
        story = Story(stable_id("s", key), items[0][1].title or key, tuple(a.id for _, a, _ in items), dates[0],
                      dates[-1], outlets=tuple(sorted({a.outlet or "" for _, a, _ in items})), languages=("fr",),
                      first_report=items[0][1].id)
        stories.append(story)
        pending.append((story, key, items))
    store.save_stories(stories)  # one call per batch: each call sweeps orphan stories over the whole table
    for story, key, items in pending:
        evidence = tuple(Evidence(a.id, a.outlet, an.figures[0].span, an.claims[0].text, "conditional",
                                  origin="reuters", value=an.figures[0], published=a.published.iso() if a.published
                                  else None) for _, a, an in items)
        facts = [Fact(stable_id("f", key, str(k)), story.id, kind, f"{label} {key}", evidence, ("reuters",), status)
                 for k, (kind, label, status) in enumerate([
                     ("figure", "nombre de soldats", "contradicted" if int(key) % 5 == 0 else "corroborated"),
                     ("claim", "accord signé", "single-source"), ("quote", "suivi de la question", "corroborated")])]
        store.save_facts(story.id, facts)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _measure(base: str, paths: list[str], clients: int) -> list[float]:
    import httpx

    latencies: list[float] = []
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker() -> None:
            while not queue.empty():
                path = queue.get_nowait()
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - started)
                assert response.status_code == 200, (path, response.status_code)

        await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _python_run(base: str, paths: list[str], clients: int, n_requests: int) -> dict:
    asyncio.run(_measure(base, paths[:40], clients))  # warm-up
    started = time.perf_counter()
    lat = asyncio.run(_measure(base, (paths * (n_requests // len(paths) + 1))[:n_requests], clients))
    elapsed = time.perf_counter() - started
    return {"p50_ms": round(_pct(lat, .5), 1), "p95_ms": round(_pct(lat, .95), 1), "p99_ms": round(_pct(lat, .99), 1),
            "max_ms": round(max(lat) * 1000, 1), "requests": len(lat), "req_per_s": round(len(lat) / elapsed), "errors": 0}


WRK_SCRIPT = """
local paths = {%s}
local counter = 0
local i = 0
setup = function(thread) thread:set("offset", counter * 397) counter = counter + 1 end
init = function(args) i = tonumber(wrk.thread:get("offset")) or 0 end
request = function() i = i %% #paths + 1 return wrk.format("GET", paths[i]) end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\\n", latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, summary.requests, summary.duration,
    e.status + e.timeout + e.connect + e.read + e.write))
end
"""


def _server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by the server process and its children."""
    import psutil

    proc = psutil.Process(pid)
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            times = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _wrk_run(base: str, paths: list[str], clients: int, duration: float, warmup: float = 2.0,
             server_pid: int | None = None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WRK_SCRIPT % ", ".join(json.dumps(quote(p, safe="/?=&+~%")) for p in paths))  # Lua: ASCII only
        script = fh.name
    try:
        def run(seconds: float) -> list[int]:
            out = subprocess.run(["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
                                  "-s", script, base], capture_output=True, text=True, check=True, timeout=seconds + 60)
            lines = [x for x in out.stdout.splitlines() if x.startswith("RESULT ")]
            if not lines:
                raise RuntimeError(f"wrk said: {out.stdout} {out.stderr}")
            line = lines[0]
            return [int(x) for x in line.split()[1:]]

        if warmup:
            run(warmup)
        cpu_before = _server_cpu(server_pid) if server_pid else 0.0
        p50, p95, p99, top, n, micros, errors = run(duration)
        cpu = _server_cpu(server_pid) - cpu_before if server_pid else 0.0
    finally:
        os.unlink(script)
    row = {"p50_ms": round(p50 / 1000, 1), "p95_ms": round(p95 / 1000, 1), "p99_ms": round(p99 / 1000, 1),
           "max_ms": round(top / 1000, 1), "requests": n, "req_per_s": round(n / (micros / 1e6)), "errors": errors}
    if server_pid and n:
        row["server_cpu_ms_per_request"] = round(cpu / n * 1000, 2)  # load-independent, unlike the latencies
    row["load_1min"] = round(os.getloadavg()[0], 2)  # other processes' share of the 2 cores during the run
    return row


def _endpoint_paths(story_ids: list[str], article_ids: list[str]) -> dict[str, list[str]]:
    rng = random.Random(3)

    def draw(make) -> list[str]:  # noqa: ANN001
        return [make() for _ in range(1000)]

    return {
        "stories page /": ["/"],
        "stories page, 2nd keyset page": ["/?cursor=2021-01-01~s"],
        "stories page + search": draw(lambda: f"/?q={rng.choice(WORDS)}+{rng.choice(COUNTRIES).split()[0]}"),
        "search API /api/search": draw(lambda: f"/api/search?q={rng.choice(WORDS)}"),
        "dossier /stories/{id}": draw(lambda: f"/stories/{rng.choice(story_ids)}"),
        "article /articles/{id}": draw(lambda: f"/articles/{rng.choice(article_ids)}"),
    }


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from machine import machine_info

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint (wrk)")
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint (python client)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--no-cache", action="store_true", help="serve with [web] cache_entries = 0")
    parser.add_argument("--threads", type=int, default=0, help="[web] threads (0 = anyio's default, 40)")
    parser.add_argument("--label", default="", help="a name for this run in the output")
    parser.add_argument("--output", type=Path, help="append this run to a JSON file (a list of runs)")
    args = parser.parse_args()
    build(DB, args.articles)
    with open_store(DB, readonly=True) as store:
        story_ids = [r[0] for r in store.conn.execute("SELECT id FROM stories ORDER BY id LIMIT 200 OFFSET 5000")]
        article_ids = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY id LIMIT 200 OFFSET 5000")]
    port = _free_port()
    env = {**os.environ, "RECOUPE_BENCH_DB": str(DB), "RECOUPE_BENCH_CACHE": "0" if args.no_cache else "1",
           "RECOUPE_BENCH_THREADS": str(args.threads)}
    machine = machine_info()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "web_latency:make_app", "--app-dir", str(Path(__file__).parent),
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers), "--log-level", "warning"],
        env=env)
    base = f"http://127.0.0.1:{port}"
    results: dict[str, dict] = {}
    try:
        import httpx

        for _ in range(300):
            try:
                httpx.get(base + "/api/search?q=prix", timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        print(f"{args.articles} articles, {args.clients} concurrent clients ({args.client}), {args.workers} worker(s), "
              f"cache {'off' if args.no_cache else 'on'}")
        print(f"{'endpoint':32} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'req/s':>7} {'errors':>6}"
              f" {'cpu ms/req':>10}")
        plan = _endpoint_paths(story_ids, article_ids)
        plan_solo = {"search API, 1 client": plan["search API /api/search"]}
        for name, paths in [*plan.items(), *plan_solo.items()]:
            clients = 1 if name in plan_solo else args.clients
            if args.client == "wrk":
                row = _wrk_run(base, paths, clients, args.duration, server_pid=server.pid)
            else:
                row = _python_run(base, paths, clients, args.requests if clients > 1 else 100)
            results[name] = row
            print(f"{name:32} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} {row['p99_ms']:8.1f} {row['max_ms']:8.1f} "
                  f"{row['req_per_s']:7d} {row['errors']:6d} {row.get('server_cpu_ms_per_request', 0):10.2f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
    run = {"benchmark": "web_latency", "label": args.label, "articles": args.articles, "clients": args.clients,
           "client": args.client, "workers": args.workers, "cache": not args.no_cache,
           "duration_s": args.duration if args.client == "wrk" else None, "machine": machine,
           "load_average_at_end": [round(x, 2) for x in os.getloadavg()], "endpoints": results}
    if args.output:
        runs = json.loads(args.output.read_text()) if args.output.exists() else []
        args.output.write_text(json.dumps([*runs, run], indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

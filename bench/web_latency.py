"""Web latency under load: a store of N generated articles, served by uvicorn on 127.0.0.1,
measured with 20 concurrent clients (bounded request counts, loopback only).

    python bench/web_latency.py [--articles 100000] [--clients 20] [--requests 400] [--workers 1]

Builds /tmp/recoupe-web-bench.db (reused when it holds the same number of articles), starts
the server in a subprocess, and prints p50/p95/max per endpoint: the stories page, a stories
page filtered by a search, the search API, a dossier and an article page. Goals: p95 < 100 ms
for pages, < 50 ms for the search API. Generated text is fine: it measures the queries and
templates, not the analysis.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

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
    from recoupe.web import create_app

    return create_app(os.environ["RECOUPE_BENCH_DB"])


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = parser.parse_args()
    build(DB, args.articles)
    with open_store(DB, readonly=True) as store:
        story_ids = [r[0] for r in store.conn.execute("SELECT id FROM stories ORDER BY random() LIMIT 200")]
        article_ids = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 200")]
    port = _free_port()
    env = {**os.environ, "RECOUPE_BENCH_DB": str(DB)}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "web_latency:make_app", "--app-dir", str(Path(__file__).parent),
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers), "--log-level", "warning"],
        env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(200):
            try:
                httpx.get(base + "/api/outlets", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        rng = random.Random(3)
        endpoints = {
            "stories page /": lambda: "/",
            "stories page, 2nd keyset page": lambda: "/?cursor=" + "2021-01-01~s",
            "stories page + search": lambda: f"/?q={rng.choice(WORDS)}+{rng.choice(COUNTRIES).split()[0]}",
            "search API /api/search": lambda: f"/api/search?q={rng.choice(WORDS)}",
            "dossier /stories/{id}": lambda: f"/stories/{rng.choice(story_ids)}",
            "article /articles/{id}": lambda: f"/articles/{rng.choice(article_ids)}",
        }
        print(f"{args.articles} articles, {args.clients} concurrent clients, {args.requests} requests each, "
              f"{args.workers} worker(s)")
        print(f"{'endpoint':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7}")
        for name, make in endpoints.items():
            asyncio.run(_measure(base, [make() for _ in range(40)], args.clients))  # warm-up
            started = time.perf_counter()
            lat = asyncio.run(_measure(base, [make() for _ in range(args.requests)], args.clients))
            rate = len(lat) / (time.perf_counter() - started)
            print(f"{name:34} {_pct(lat, .5):8.1f} {_pct(lat, .95):8.1f} {max(lat) * 1000:8.1f} {rate:7.0f}")
        solo = asyncio.run(_measure(base, [endpoints["search API /api/search"]() for _ in range(100)], 1))
        print(f"{'search API, 1 client':34} {_pct(solo, .5):8.1f} {_pct(solo, .95):8.1f} {max(solo) * 1000:8.1f}")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()

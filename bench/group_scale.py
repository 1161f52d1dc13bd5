"""How grouping scales: copies + stories over generated features, day by day.

    python bench/group_scale.py [--sizes 10000 100000 1000000] [--per-day 1000] [--max-seconds 600] [--block 10000]

Articles arrive at a constant rate (--per-day); each day the new batch goes through
assign_copies (against the articles of the copy window) and assign_stories
(against the stories of the story window), as the pipeline does over a store: the
working set is bounded by the windows, not the corpus. Features are generated:
events with a date, entities, terms and an embedding direction; articles of an
event share them with noise (same-event pairs score ~0.6, so they do form stories);
ONGOING_EVENTS events never end and take ONGOING_SHARE of each day's articles, so
their stories grow for the whole run (the long-story case); 15 % of articles are
copies of an earlier one (their MinHash differs in ~10 % of positions). Each size runs in its own process so the
peak RSS (resource.getrusage) is that size's. Time is reported as wall clock and
as CPU time of the grouping calls (the CPU figure is the one to compare when other
processes share the machine), overall and per --block articles (the flatness
curve). A run stops at --max-seconds of wall clock and says how many articles it
reached. Results: bench/results/group_scale.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import resource
import subprocess
import sys
import time
from collections import deque

import numpy as np

from recoupe.group import ArticleFeatures, assign_copies, assign_stories
from recoupe.model import DupGroup, Story
from recoupe.settings import GroupSettings

DIM = 384
EMBEDDER = "e5-small-original-passage+lc"  # so the similarity uses the embedding model
START = datetime.date(2024, 1, 1)
NOISE = 1.2  # norm of an article's own embedding noise: same-event articles score ~0.6, others ~0.1
ONGOING_EVENTS = 3  # events that never end (a war, a trial): their stories grow for the whole run
ONGOING_SHARE = 0.05  # of each day's articles


class Generator:
    def __init__(self, seed: int, per_day: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.per_day = per_day
        self.common = self._unit(self.rng.normal(size=DIM))
        self.events: deque[dict] = deque()
        self.recent: deque[ArticleFeatures] = deque(maxlen=2000)
        self.count = 0
        self.ongoing: list[dict] = []

    def _unit(self, v: np.ndarray) -> np.ndarray:
        return v / np.linalg.norm(v)

    def _zipf(self, n: int, size: int) -> list[int]:
        return [int(x) % n for x in self.rng.zipf(1.3, size)]

    def _new_event(self, day: int) -> dict:
        return {
            "day": day,
            "direction": self._unit(self.rng.normal(size=DIM)),
            "entities": [f"ent{e}" for e in self._zipf(5000, 3)],
            "terms": [f"term{t}" for t in self.rng.integers(0, 200_000, 10)],
        }

    def _article(self, day: int, event: dict) -> ArticleFeatures:
        self.count += 1
        article_id = f"a{self.count:08d}"
        date = (START + datetime.timedelta(days=day)).isoformat()
        if self.recent and self.rng.random() < 0.15:
            source = self.recent[int(self.rng.integers(len(self.recent)))]
            minhash = np.array(source.minhash, dtype=np.uint64)
            flip = self.rng.random(len(minhash)) < 0.1
            minhash[flip] = self.rng.integers(0, 2**32, int(flip.sum()))
            copy = ArticleFeatures(**{**source.__dict__, "article_id": article_id, "published": date,
                                      "minhash": tuple(int(x) for x in minhash)})
            self.recent.append(copy)
            return copy
        vector = self._unit(2.2 * self.common + 1.0 * event["direction"] + NOISE * self.rng.normal(size=DIM) / np.sqrt(DIM))
        noise_terms = [f"term{t}" for t in self._zipf(50_000, 30)]
        terms = list(dict.fromkeys(event["terms"] + noise_terms))[:40]
        weights = np.sort(self.rng.random(len(terms)))[::-1]
        weights /= np.linalg.norm(weights)
        features = ArticleFeatures(
            article_id=article_id,
            lang="fr",
            published=date,
            outlet=f"outlet{int(self.rng.integers(200))}",
            title=f"title {article_id}",
            n_words=int(self.rng.integers(150, 1200)),
            minhash=tuple(int(x) for x in self.rng.integers(0, 2**32, 128)),
            embedding=tuple(float(x) for x in vector.astype(np.float32)),
            entity_ids=tuple(sorted(set(event["entities"]))),
            top_terms=tuple((t, float(w)) for t, w in zip(terms, weights, strict=True)),
            embedder=EMBEDDER,
        )
        self.recent.append(features)
        return features

    def day(self, day: int) -> list[ArticleFeatures]:
        if not self.ongoing:
            self.ongoing = [self._new_event(day) for _ in range(ONGOING_EVENTS)]
        for _ in range(max(1, self.per_day // 8)):
            self.events.append(self._new_event(day))
        while self.events and self.events[0]["day"] < day - 3:
            self.events.popleft()
        events = list(self.events)
        articles = []
        for _ in range(self.per_day):
            if self.rng.random() < ONGOING_SHARE:
                event = self.ongoing[int(self.rng.integers(ONGOING_EVENTS))]
            else:
                event = events[int(self.rng.integers(len(events)))]
            articles.append(self._article(day, event))
        return articles


def run_size(total: int, per_day: int, max_seconds: float, block: int = 10_000) -> dict:
    settings = GroupSettings()
    gen = Generator(seed=7, per_day=per_day)
    features: dict[str, ArticleFeatures] = {}  # the story window's articles
    by_day: deque[list[str]] = deque()
    groups: dict[str, DupGroup] = {}
    stories: dict[str, Story] = {}
    done = 0
    grouping_seconds = 0.0
    grouping_cpu = 0.0
    started = time.perf_counter()
    n_copy_groups = 0
    day = 0
    curve: list[tuple[int, float]] = []  # (articles so far, CPU ms per article over the last block)
    block_cpu, block_n = 0.0, 0
    while done < total and time.perf_counter() - started < max_seconds:
        new = gen.day(day)[: total - done]
        window_copies = [features[i] for ids in list(by_day)[-settings.copy_window_days :] for i in ids]
        t0, c0 = time.perf_counter(), time.process_time()
        changed_groups = assign_copies(new, window_copies, list(groups.values()), settings)
        groups.update({g.id: g for g in changed_groups})
        lookup = features | {f.article_id: f for f in new}
        changed = assign_stories(new, list(stories.values()), lookup, list(changed_groups), settings)
        stories.update({s.id: s for s in changed})
        grouping_seconds += time.perf_counter() - t0
        grouping_cpu += time.process_time() - c0
        block_cpu += time.process_time() - c0
        block_n += len(new)
        if block_n >= block:
            curve.append((done + len(new), round(1000 * block_cpu / block_n, 3)))
            block_cpu, block_n = 0.0, 0
        n_copy_groups = len(groups)
        # slide the windows: drop what fell out of them (the store would keep it on disk)
        features.update({f.article_id: f for f in new})
        by_day.append([f.article_id for f in new])
        if len(by_day) > settings.story_window_days:
            for old in by_day.popleft():
                features.pop(old, None)
        cutoff = (START + datetime.timedelta(days=day - settings.story_window_days)).isoformat()
        stories = {k: s for k, s in stories.items() if (s.last_seen or "9999") >= cutoff}
        copy_cutoff = (START + datetime.timedelta(days=day - settings.copy_window_days)).isoformat()
        groups = {k: g for k, g in groups.items() if all(m in features for m in g.members[:1])
                  and (features[g.members[0]].published or "9999") >= copy_cutoff}
        done += len(new)
        day += 1
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "target_articles": total,
        "articles": done,
        "days": day,
        "finished": done >= total,
        "grouping_seconds": round(grouping_seconds, 1),
        "ms_per_article_wall": round(1000 * grouping_seconds / max(1, done), 3),
        "ms_per_article_cpu": round(1000 * grouping_cpu / max(1, done), 3),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "active_stories_at_end": len(stories),
        "active_copy_groups_at_end": n_copy_groups,
        "largest_story_members": max((len(s.members) for s in stories.values()), default=0),
        "block_articles": block,
        "cpu_ms_per_article_by_block": curve,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--block", type=int, default=10_000, help="articles per point of the CPU-per-article curve")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.per_day, args.max_seconds, args.block)))
        return
    for size in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(size), "--per-day", str(args.per_day),
               "--max-seconds", str(args.max_seconds), "--block", str(args.block)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        print(out.strip(), flush=True)


if __name__ == "__main__":
    main()

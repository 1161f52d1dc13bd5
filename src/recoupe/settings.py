"""One frozen Settings object, built from `default_settings.toml` and an optional user file.

The object is passed explicitly to the CLI, the web app and every stage; no
stage reads a global or the environment.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["Settings", "load_settings"]


@dataclass(frozen=True)
class StoreSettings:
    path: str = "recoupe.db"
    busy_timeout_ms: int = 5000


@dataclass(frozen=True)
class IngestSettings:
    fetch_timeout_s: float = 10.0
    fetch_max_bytes: int = 5_000_000
    user_agent: str = "recoupe/0.1"
    allow_private_addresses: bool = False
    max_file_bytes: int = 200_000_000
    max_redirects: int = 5
    html_favor_precision: bool = False
    html_min_words: int = 15
    feed_summary_min_words: int = 40


@dataclass(frozen=True)
class CleanSettings:
    duplicate_line_window: int = 8
    subheading_max_chars: int = 80
    min_language_confidence: float = 0.5
    max_chars: int = 1_000_000


@dataclass(frozen=True)
class AnalyzeSettings:
    model_fr: str = "fr_core_news_md"
    model_en: str = "blank"
    max_chars: int = 200_000
    jobs: int = 0
    aliases_file: str = ""  # a user entity table (JSON, shape of data/entities.json); "" = none
    claims_from_title: bool = True  # the title gives a claim like any sentence


@dataclass(frozen=True)
class GroupSettings:
    minhash_perm: int = 128
    shingle_size: int = 5
    copy_threshold: float = 0.8
    story_window_days: int = 45
    story_threshold: float = 0.5
    copy_window_days: int = 30
    copy_candidate_threshold: float = 0.15
    containment_threshold: float = 0.7
    containment_min_words: int = 25
    copy_min_paragraph_words: int = 10  # shorter lines (page chrome) make no copy shingles
    embed_chars: int = 1000
    embed_batch: int = 32
    top_terms: int = 40
    date_decay_days: float = 12.0
    story_members_compared: int = 3
    similarity_weights: str = "group_similarity_weights.json"


@dataclass(frozen=True)
class CrosscheckSettings:
    conversion_tolerance: float = 0.02


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8765
    page_size: int = 50
    token: str = ""  # required for review writes when set ("" = none; `serve` makes one off loopback)
    max_display_chars: int = 200_000  # longer texts are shown cut, with a note
    search_limit: int = 20  # hits of each kind (articles, quotes, facts) in a search
    search_match_cap: int = 500  # latest matches of each kind a stories search reads
    export_max_rows: int = 100_000  # rows one export streams at most
    cache_entries: int = 2000  # GET responses kept until the store changes (0 = no cache)
    cache_mb: int = 64  # ... and their total size at most
    threads: int = 1  # threads answering requests in each server process (0 = anyio's default, 40)
    workers: int = 2  # server processes `recoupe serve` starts


@dataclass(frozen=True)
class Settings:
    store: StoreSettings = StoreSettings()
    ingest: IngestSettings = IngestSettings()
    clean: CleanSettings = CleanSettings()
    analyze: AnalyzeSettings = AnalyzeSettings()
    group: GroupSettings = GroupSettings()
    crosscheck: CrosscheckSettings = CrosscheckSettings()
    web: WebSettings = WebSettings()


def _section(cls: type, values: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"unknown setting(s) in [{cls.__name__}]: {', '.join(sorted(unknown))}")
    return cls(**values)


def load_settings(user_file: str | Path | None = None) -> Settings:
    """Defaults from the packaged TOML, overridden key by key by `user_file`."""
    data = tomllib.loads(resources.files("recoupe").joinpath("default_settings.toml").read_text("utf-8"))
    if user_file is not None:
        user = tomllib.loads(Path(user_file).read_text("utf-8"))
        for name, values in user.items():
            data.setdefault(name, {}).update(values)
    kwargs = {}
    for f in fields(Settings):
        kwargs[f.name] = _section(type(getattr(Settings(), f.name)), data.get(f.name, {}))
    return Settings(**kwargs)

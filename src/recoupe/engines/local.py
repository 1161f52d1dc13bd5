"""The local engine: a process pool over batches, or the calling process for small work."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

__all__ = ["Engine", "LocalEngine", "make_engine"]

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    name: str

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Runs `fn` over `items` in `jobs` worker processes (0 = all cores).

    The pool is created on first use and kept for the engine's life, so each
    worker loads the language models once. With one job, or a single item, the
    work runs in the calling process: starting workers would cost more than it saves.
    """

    name = "local"

    def __init__(self, jobs: int = 0) -> None:
        self.jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        if self.jobs == 1 or len(items) <= 1:
            yield from map(fn, items)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs)
        yield from self._pool.map(fn, items)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def make_engine(name: str, jobs: int = 0, scheduler: str | None = None) -> Any:
    """The engine called `name`: "local" (default) or "dask" (needs the [dask] extra)."""
    if name == "local":
        return LocalEngine(jobs)
    if name == "dask":
        from recoupe.engines.dask_engine import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=jobs)
    raise ValueError(f"unknown engine {name!r}: use 'local' or 'dask'")

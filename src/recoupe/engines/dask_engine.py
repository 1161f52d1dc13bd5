"""The Dask engine: the same pure stage functions, on a local or remote Dask cluster.

    engine = DaskEngine()                              # LocalCluster: one process per core, 1 thread each
    engine = DaskEngine(scheduler="tcp://10.0.0.5:8786")  # a cluster started with `dask scheduler/worker`
    engine.warm(settings)                              # load spaCy + lingua once per worker (a WorkerPlugin)
    for result in engine.map(fn, items): ...           # results in the order of `items`
    engine.close()

Work is shipped as few, coarse tasks (an input file, a WARC, a JSONL chunk: see
`recoupe.engines.sharded`), never one task per document: a per-document graph swamps
the scheduler. When a worker dies, the scheduler re-runs its tasks elsewhere; the
single writer on the client makes that safe (content-hash ids, INSERT OR IGNORE).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from recoupe.settings import Settings

__all__ = ["DaskEngine", "Settled", "ModelWarmup", "warm_models", "worker_pid"]

T = TypeVar("T")
R = TypeVar("R")

_WARM_TEXT = (
    "Bamako, le 3 mars 2024. Le ministre de l'Économie a annoncé mardi une hausse de 12 % du budget, "
    "selon un communiqué. « Nous tiendrons nos engagements », a-t-il déclaré devant la presse."
)


def warm_models(settings: Settings) -> int:
    """Clean and analyse one tiny French article, so every per-process cache (spaCy, lingua,
    lexicons) is filled before the first real task; returns this process's id."""
    from recoupe.ingest.options import IngestOptions, make_document
    from recoupe.model import Provenance
    from recoupe.pipeline import process_document

    raw = make_document("text", _WARM_TEXT, Provenance("<warm-up>"), IngestOptions(), {}, {})
    process_document(raw, settings)
    return os.getpid()


def worker_pid() -> int:
    """The id of the process this runs in (for `client.run`)."""
    return os.getpid()


try:  # the plugin base class only exists with the [dask] extra; the module must still import without it
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover
    _WorkerPlugin = object  # type: ignore[assignment,misc]


class ModelWarmup(_WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the models once per worker process, on start and on every restart after a crash.

    The load runs in the worker's task thread (not its event loop, which must keep answering
    heartbeats), so tasks queue behind it instead of loading the model a second time.
    """

    name = "recoupe-warm-models"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def setup(self, worker: Any) -> None:
        executor = worker.executors.get("default")
        await asyncio.get_running_loop().run_in_executor(executor, warm_models, self.settings)


@dataclass(frozen=True)
class Settled:
    """The outcome of one item: its value, or the error that ended its task for good."""

    index: int
    value: Any = None
    error: BaseException | None = None


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


class DaskEngine:
    """Runs functions over items on a Dask cluster; see the module docstring.

    scheduler: None starts a `LocalCluster` with `workers` processes (0 = all cores) of one
    thread each; "tcp://host:port" connects to a running scheduler (`workers` is then ignored).
    progress: show a rich progress bar on stderr while mapping (default: when it is a terminal).
    """

    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 0,
        *,
        progress: bool | None = None,
        memory_limit: str = "auto",
        console: Any = None,
    ) -> None:
        from distributed import Client, LocalCluster

        self.console = console or _stderr_console()
        self.show_progress = self.console.is_terminal if progress is None else progress
        self.cluster: Any = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            n = workers if workers > 0 else (os.cpu_count() or 1)
            self.cluster = LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                dashboard_address="127.0.0.1:0",
            )
            self.client = Client(self.cluster)
        self._warmed = False
        self._announce()

    @property
    def jobs(self) -> int:
        """Worker threads in the cluster right now (at least 1)."""
        workers = self.client.scheduler_info().get("workers", {})
        return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))

    @property
    def dashboard_link(self) -> str | None:
        try:
            return str(self.client.dashboard_link)
        except Exception:  # no dashboard: bokeh is missing or the scheduler runs without one
            return None

    def _announce(self) -> None:
        # distributed types Client.scheduler as optional; a connected client (ours) always has one
        where = "a local cluster" if self.cluster is not None else str(self.client.scheduler.address)  # type: ignore[union-attr]
        link = self.dashboard_link
        try:
            import bokeh  # noqa: F401

            dashboard = f"dashboard: {link}" if link else "no dashboard"
        except ImportError:
            dashboard = "dashboard off (pip install bokeh to see it)"
        self.console.print(f"[bold]dask[/]: {self.jobs} worker thread(s) on {where}; {dashboard}", highlight=False)

    def warm(self, settings: Settings) -> None:
        """Load the models on every worker now and on every worker that joins or restarts later."""
        if self._warmed:
            return
        self.client.register_plugin(ModelWarmup(settings), name=ModelWarmup.name)
        self._warmed = True

    def worker_pids(self) -> dict[str, int]:
        """Worker address -> process id (to watch memory, or to kill one in a fault test)."""
        return dict(self.client.run(worker_pid))

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """fn(item) for every item, in order; the first task that fails for good raises here."""
        for settled in self.map_settled(fn, items):
            if settled.error is not None:
                raise settled.error
            yield settled.value

    def map_settled(
        self, fn: Callable[[Any], Any], items: Sequence[Any], description: str = "dask tasks"
    ) -> Iterator[Settled]:
        """Like `map`, but a task that fails (even after the scheduler's retries when workers
        die) yields a `Settled` with its error instead of stopping the rest."""
        from distributed import as_completed

        if not items:
            return
        futures = self.client.map(fn, list(items), pure=False)
        index_of = {f.key: i for i, f in enumerate(futures)}
        done: dict[int, Settled] = {}
        next_index = 0
        with self._bar(len(futures), description) as advance:
            for future in as_completed(futures):
                i = index_of[future.key]
                if future.status == "finished":
                    done[i] = Settled(i, value=future.result())
                else:
                    done[i] = Settled(i, error=future.exception())
                future.release()
                futures[i] = None  # type: ignore[call-overload]  # drop the last reference: the worker frees it
                advance()
                while next_index in done:
                    yield done.pop(next_index)
                    next_index += 1

    def _bar(self, total: int, description: str) -> Any:
        from contextlib import contextmanager

        @contextmanager
        def bar() -> Iterator[Callable[[], None]]:
            if not self.show_progress:
                yield lambda: None
                return
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       TimeRemainingColumn()]
            with Progress(*columns, console=self.console, transient=False) as progress:
                task = progress.add_task(description, total=total)
                yield lambda: progress.advance(task)

        return bar()

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
                self.cluster = None

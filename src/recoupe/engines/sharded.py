"""Ingest sharded by input: each worker reads its own shard, the client alone writes the store.

    refs = expand_inputs(["crawl/", "export.jsonl"])
    summary = run_ingest_sharded(refs, store, settings, engine="dask", scheduler="tcp://host:8786")

A shard is one input (a text or HTML file, a WARC file, a feed) or a byte range of a large
JSONL file, cut at line breaks (`plan_shards`). A task (`process_shard`) reads its shard with
`read_input`, cleans and analyses every document and returns a compact `ShardResult`; or,
with `parquet_dir`, writes its documents as Parquet parts itself and returns only counts
(`recoupe.engines.parquet_sink`). The worker never looks at the store. The client writes
each shard's results in one transaction, in input order, skipping the documents already
stored: a task re-run after a worker died, or the same command run twice, adds nothing
twice (content-hash ids, INSERT OR IGNORE). A shard that fails is reported with its name
and reason; the others finish.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from recoupe.ingest import IngestOptions, InputRef, read_input
from recoupe.model import IngestError, RawDocument, stable_id
from recoupe.pipeline import (
    IngestSummary,
    ProcessedDocument,
    default_embedder,
    group_and_crosscheck,
    process_document,
    store_processed,
    with_features,
)
from recoupe.settings import Settings
from recoupe.store import Store

__all__ = [
    "Shard",
    "ShardJob",
    "ShardResult",
    "plan_shards",
    "read_shard",
    "process_shard",
    "write_shard_result",
    "run_ingest_sharded",
    "DEFAULT_CHUNK_BYTES",
]

log = logging.getLogger(__name__)

DEFAULT_CHUNK_BYTES = 32 * 1024 * 1024  # a JSONL file above this is cut into chunks of about this size
_CHUNKABLE = ("jsonl",)
_CHUNKABLE_SUFFIXES = (".jsonl", ".ndjson")  # one record per line; a .json may be one array


@dataclass(frozen=True)
class Shard:
    """One unit of work: an input, or the lines of a JSONL file between two byte offsets."""

    ref: InputRef
    start: int = 0  # byte offset of the first line of the chunk
    end: int | None = None  # byte offset just past its last line; None = the whole input
    first_line: int = 1  # line number of the chunk's first line in the file

    @property
    def name(self) -> str:
        if self.end is None:
            return self.ref.source
        return f"{self.ref.source} (bytes {self.start}-{self.end}, from line {self.first_line})"

    @property
    def key(self) -> str:
        """A stable name for this shard's output files: the same shard always writes the same parts."""
        return stable_id("s", self.ref.source, str(self.start), str(self.end))


@dataclass(frozen=True)
class ShardJob:
    """What a worker needs for one shard; picklable, no store, no connection."""

    shard: Shard
    options: IngestOptions
    settings: Settings
    analyze: bool = True
    parquet_dir: str | None = None  # write the documents there instead of returning them
    embedder: Any = None  # an Embedder: the worker also computes the grouping features


@dataclass(frozen=True)
class ShardResult:
    shard: str
    documents: tuple[ProcessedDocument, ...] = ()
    problems: tuple[IngestError, ...] = ()  # read errors and warnings of the shard, in order
    read: int = 0
    duplicates: int = 0  # documents repeated inside the shard (same content hash)
    written: int = 0  # rows written to Parquet by the worker
    seconds: float = 0.0
    worker_pid: int = 0


def _jsonl_chunks(ref: InputRef, chunk_bytes: int) -> list[Shard]:
    """Cut a large JSONL file at line breaks into chunks of about `chunk_bytes`, counting lines."""
    path = ref.path or ""
    size = os.path.getsize(path)
    shards: list[Shard] = []
    start, line = 0, 1
    with open(path, "rb") as fh:
        while start < size:
            fh.seek(start)
            body = fh.read(chunk_bytes)
            end = start + len(body)
            if end < size:  # extend to the end of the line under way
                tail = fh.readline()
                body += tail
                end += len(tail)
            shards.append(Shard(ref, start, end, line))
            line += body.count(b"\n")
            start = end
    return shards


def plan_shards(refs: Sequence[InputRef], chunk_bytes: int = DEFAULT_CHUNK_BYTES) -> list[Shard]:
    """One shard per input, except JSONL files above `chunk_bytes`, cut into line-aligned chunks."""
    shards: list[Shard] = []
    for ref in refs:
        path = ref.path or ""
        big_jsonl = (
            ref.problem is None and ref.format in _CHUNKABLE and path.lower().endswith(_CHUNKABLE_SUFFIXES)
            and os.path.isfile(path) and os.path.getsize(path) > chunk_bytes
        )
        shards.extend(_jsonl_chunks(ref, chunk_bytes) if big_jsonl else [Shard(ref)])
    return shards


def read_shard(shard: Shard, options: IngestOptions, settings: Settings) -> Iterator[RawDocument | IngestError]:
    """The documents of one shard, exactly as `read_input` gives them for the whole input
    (a chunk keeps the file's line numbers, so provenance and ids do not depend on sharding)."""
    if shard.end is None:
        yield from read_input(shard.ref, options, settings.ingest)
        return
    from recoupe.ingest.decode import decode_bytes
    from recoupe.ingest.tabular import read_jsonl

    with open(shard.ref.path or "", "rb") as fh:
        fh.seek(shard.start)
        data = fh.read(shard.end - shard.start)
    padding = "\n" * (shard.first_line - 1)  # blank lines are skipped but still counted
    yield from read_jsonl(padding + decode_bytes(data).text, shard.ref.source, options)


def process_shard(job: ShardJob) -> ShardResult:
    """Read, clean and analyse one shard (runs on a worker). Never raises for bad input: a
    shard that cannot be read at all comes back as one IngestError naming it."""
    started = time.perf_counter()
    documents: list[ProcessedDocument] = []
    problems: list[IngestError] = []
    seen: set[str] = set()
    read = duplicates = 0
    try:
        for item in read_shard(job.shard, job.options, job.settings):
            if isinstance(item, IngestError):
                problems.append(item)
                continue
            read += 1
            if item.id in seen:
                duplicates += 1
                continue
            seen.add(item.id)
            documents.append(process_document(item, job.settings, job.analyze))
    except Exception as exc:  # a reader bug or a file that breaks the reader: report the shard, go on
        log.exception("shard %s failed", job.shard.name)
        problems.append(IngestError(job.shard.name, f"shard failed after {read} document(s): {type(exc).__name__}: {exc}"))
    if job.embedder is not None:
        documents = with_features(documents, job.embedder, job.settings)
    written = 0
    if job.parquet_dir is not None:
        from recoupe.engines.parquet_sink import write_shard_parquet

        written = write_shard_parquet(job.parquet_dir, job.shard.key, documents, problems)
        documents = []
    return ShardResult(job.shard.name, tuple(documents), tuple(problems), read, duplicates, written,
                       time.perf_counter() - started, os.getpid())


def write_shard_result(result: ShardResult, store: Store, summary: IngestSummary) -> None:
    """Write one shard's documents and problems in one transaction; documents already stored
    are skipped, so writing the same result twice changes nothing."""
    summary.read += result.read
    summary.skipped_known += result.duplicates
    for problem in result.problems:
        (summary.warnings if problem.severity == "warning" else summary.errors).append(problem)
    known = store.known_raw_ids(p.raw.id for p in result.documents)
    with store.transaction():
        if result.problems:
            store.add_errors(result.problems)
        for processed in result.documents:
            if processed.error is not None or processed.article is None:
                error = processed.error or IngestError(processed.raw.provenance.source, "no article produced")
                summary.errors.append(error)
                store.add_errors([error])
            elif processed.raw.id in known or not store_processed(store, processed):
                summary.skipped_known += 1
            else:
                summary.added += 1


Progress = Callable[[str, int], None]


def _noop(_event: str, _n: int) -> None:
    return None


@dataclass
class ShardedSummary(IngestSummary):
    """An IngestSummary with the shards' own figures."""

    shards: int = 0
    failed_shards: list[IngestError] = field(default_factory=list)
    parquet_rows: int = 0
    worker_seconds: float = 0.0


def _results(engine: Any, jobs: list[ShardJob]) -> Iterator[tuple[ShardJob, ShardResult | BaseException]]:
    """(job, result or the error that killed its task) in input order, whatever the engine."""
    settled = getattr(engine, "map_settled", None)
    if settled is not None:
        for outcome in settled(process_shard, jobs, "shards"):
            yield jobs[outcome.index], outcome.error if outcome.error is not None else outcome.value
        return
    yield from zip(jobs, engine.map(process_shard, jobs), strict=True)


def run_ingest_sharded(
    refs: Sequence[InputRef],
    store: Store | None,
    settings: Settings,
    *,
    engine: Any = "dask",
    jobs: int = 0,
    scheduler: str | None = None,
    options: IngestOptions | None = None,
    parquet_dir: str | None = None,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    group: bool = True,
    embedder: Any = None,
    progress: Progress = _noop,
    on_stage: Callable[[str], None] = lambda _name: None,
) -> ShardedSummary:
    """Ingest `refs` shard by shard on `engine` (a name for `make_engine`, or an engine object,
    which is then left open), then group and cross-check what changed.

    With `parquet_dir`, workers write partitioned Parquet there and nothing goes to `store`
    (which may be None); load it later with `recoupe.engines.parquet_sink.load_parquet_into_store`.
    """
    from recoupe.engines import make_engine

    options = options or IngestOptions()
    if parquet_dir is None and store is None:
        raise ValueError("run_ingest_sharded needs a store, or a parquet_dir to write to")
    if parquet_dir is not None:
        os.makedirs(parquet_dir, exist_ok=True)
        parquet_dir = os.path.abspath(parquet_dir)
    own = isinstance(engine, str)
    runner = make_engine(engine, jobs, scheduler) if own else engine
    summary = ShardedSummary()
    try:
        if hasattr(runner, "warm"):
            runner.warm(settings)
        shards = plan_shards(refs, chunk_bytes)
        summary.shards = len(shards)
        if group and embedder is None:
            embedder = default_embedder()
        on_stage("ingest, clean, analyze" + (", features" if group else ""))
        work = [ShardJob(s, options, settings, parquet_dir=parquet_dir, embedder=embedder if group else None)
                for s in shards]
        for job, result in _results(runner, work):
            if isinstance(result, BaseException):
                failure = IngestError(job.shard.name, f"shard failed: {type(result).__name__}: {result}")
                summary.failed_shards.append(failure)
                summary.errors.append(failure)
                if store is not None:
                    with store.transaction():
                        store.add_errors([failure])
                progress("error", 1)
                continue
            summary.worker_seconds += result.seconds
            summary.parquet_rows += result.written
            if store is not None:
                write_shard_result(result, store, summary)
            else:
                summary.read += result.read
                summary.added += result.written
                for problem in result.problems:
                    (summary.warnings if problem.severity == "warning" else summary.errors).append(problem)
            progress("processed", result.read)
    finally:
        if own:
            runner.close()
    if group and store is not None and parquet_dir is None:
        summary.stories_changed = group_and_crosscheck(store, settings, embedder, on_stage)
    return summary

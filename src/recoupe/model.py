"""The records every stage shares.

Every record is a frozen dataclass. Ids are stable content hashes, so that
re-ingesting the same input yields the same ids and changes nothing in the
store. Every extracted record carries a `Span` into `Article.text`; the
article's `OffsetMap` maps cleaned offsets back to the raw document.

Sequences are tuples, so records stay immutable; mappings are plain dicts
that no stage mutates (pickling a MappingProxyType fails, and Dask must ship
these records). `to_dict` / `from_dict` convert any record to JSON-ready
data and back; the store and the exports use them.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

__all__ = [
    "stable_id",
    "Provenance",
    "RawDocument",
    "PartialDate",
    "Span",
    "Segment",
    "OffsetMap",
    "Removal",
    "Repair",
    "CleaningReport",
    "Article",
    "Entity",
    "Mention",
    "Figure",
    "Speaker",
    "Quote",
    "Attribution",
    "Claim",
    "Analysis",
    "DupGroup",
    "Story",
    "Evidence",
    "Check",
    "DriftStep",
    "Fact",
    "Review",
    "IngestError",
    "to_dict",
    "from_dict",
]


def stable_id(prefix: str, *parts: str, length: int = 16) -> str:
    """A short content hash: the same parts always give the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


# --------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class Provenance:
    """Where a document came from: enough to find it again."""

    source: str  # file path or URL of the container that was read
    locator: str = ""  # "line 12", "row 3", "record <WARC-Record-ID> @ offset 1234", "item 4"
    url: str | None = None  # the article's own URL when known
    fetched_at: str | None = None  # ISO timestamp of the fetch or crawl
    extra: dict[str, str] = field(default_factory=dict)  # e.g. warc offset/length


Format = Literal["text", "html", "jsonl", "csv", "warc", "feed"]


@dataclass(frozen=True)
class RawDocument:
    """One document exactly as read, before any cleaning."""

    id: str
    format: str  # one of Format; "html" content is markup, every other is text
    content: str
    provenance: Provenance
    # Metadata found with the document (title, date, url, outlet, lang, author),
    # and for each field how it was found ("jsonld", "meta:og:title", "htmldate",
    # "url", "corpus-marker", "jsonl:date_publish", "flag", "feed").
    metadata: dict[str, str] = field(default_factory=dict)
    metadata_sources: dict[str, str] = field(default_factory=dict)
    outlet: str | None = None
    # For HTML, the main text that trafilatura extracted; cleaning works on it.
    extracted_text: str | None = None

    @staticmethod
    def make_id(content: str) -> str:
        return stable_id("r", content)


# ---------------------------------------------------------------------- clean


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.strip()[:10].split("-") if p]
        return cls(*parts[:3])


@dataclass(frozen=True)
class Span:
    """Half-open character range [start, end) in `Article.text`."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def overlap(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Segment:
    """A run of cleaned text [clean_start, clean_end) that came from raw [raw_start, raw_end).

    Equal lengths map character by character; unequal ones (a repair) map as a block.
    """

    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets of the cleaned text back to the raw text (raw = the text cleaning read)."""

    segments: tuple[Segment, ...] = ()

    def to_raw(self, offset: int) -> int:
        """Raw offset of a cleaned offset (segment starts for offsets between segments)."""
        best = None
        for seg in self.segments:
            if seg.clean_start <= offset < seg.clean_end or (
                offset == seg.clean_end and seg.clean_end > seg.clean_start
            ):
                if seg.clean_end - seg.clean_start == seg.raw_end - seg.raw_start:
                    return seg.raw_start + (offset - seg.clean_start)
                return seg.raw_end if offset == seg.clean_end else seg.raw_start
            if seg.clean_start > offset:
                break
            best = seg
        return best.raw_end if best is not None else 0

    def span_to_raw(self, span: Span) -> Span:
        start = self.to_raw(span.start)
        return Span(start, max(start, self.to_raw(span.end)))


@dataclass(frozen=True)
class Removal:
    """A piece of raw text that cleaning removed, and why."""

    raw_start: int
    raw_end: int
    text: str
    reason: str  # "boilerplate:reading-time", "duplicate-line", "corpus-marker", ...


@dataclass(frozen=True)
class Repair:
    """A piece of raw text that cleaning replaced."""

    raw_start: int
    raw_end: int
    raw: str
    clean: str
    reason: str  # "mojibake", "lost-apostrophe", "lost-ellipsis", ...


@dataclass(frozen=True)
class CleaningReport:
    removed: tuple[Removal, ...] = ()
    repairs: tuple[Repair, ...] = ()
    offset_map: OffsetMap = OffsetMap()
    # The raw text cleaning started from (for HTML: trafilatura's extracted text).
    source_text: str = ""
    notes: tuple[str, ...] = ()
    # How each metadata field of the article was found ("title": "first-line", ...).
    field_sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Article:
    """A cleaned article. `text` holds the title (if any) as its first paragraph,
    subheadings as their own paragraphs, and the body; `paragraphs` spans them all."""

    id: str
    raw_id: str
    outlet: str | None
    url: str | None
    title: str | None
    text: str
    paragraphs: tuple[Span, ...]
    lang: str | None
    lang_confidence: float
    published: PartialDate | None
    truncated: bool
    report: CleaningReport
    title_span: Span | None = None
    subheadings: tuple[Span, ...] = ()

    @staticmethod
    def make_id(raw_id: str) -> str:
        return stable_id("a", raw_id)


# -------------------------------------------------------------------- analyze

EntityKind = Literal["country", "person", "organisation", "place", "other"]


@dataclass(frozen=True)
class Entity:
    """A canonical entity: 'Mali' for "Mali", "Bamako" (its authorities), "Malian"."""

    id: str  # canonical key, e.g. "mali", "groupe-wagner"
    name: str
    kind: str  # EntityKind
    role: str | None = None


@dataclass(frozen=True)
class Mention:
    span: Span
    text: str
    entity_id: str
    label: str  # spaCy label or "ALIAS"


FigureKind = Literal["count", "money", "duration", "date", "percent"]


@dataclass(frozen=True)
class Figure:
    """A number as a range: low <= value <= high; None where unbounded."""

    span: Span
    text: str
    kind: str  # FigureKind
    low: float | None
    high: float | None
    approx: bool = False  # "environ", "un millier", "about"
    vague: bool = False  # "des milliers", "plusieurs millions"
    unit: str | None = None  # what is counted: "paramilitaires", "years", ...
    currency: str | None = None  # ISO 4217
    period: str | None = None  # "month", "year", "day", ...
    stated_equivalent: Figure | None = None  # "(environ 9,15 millions d'euros)"
    date: PartialDate | None = None  # for kind == "date", or the date a duration implies
    about: str | None = None  # the noun phrase or sentence context it quantifies


SpeakerKind = Literal["person", "official", "organisation", "anonymous", "unknown"]


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: str  # SpeakerKind
    role: str | None = None
    span: Span | None = None  # where the speaker is named
    entity_id: str | None = None


@dataclass(frozen=True)
class Quote:
    span: Span  # the quoted words, without the quote marks
    text: str
    direct: bool
    speaker: Speaker | None
    cue: str | None = None  # "a-t-il réagi", "a déclaré"
    cue_span: Span | None = None
    lang: str | None = None


AttributionKind = Literal["news agency", "official", "anonymous", "document", "media", "unspecified", "person"]


@dataclass(frozen=True)
class Attribution:
    span: Span  # the attribution phrase: "selon Reuters"
    source: str  # "Reuters", "source française proche du dossier"
    kind: str  # AttributionKind
    via: str | None = None  # "Reuters" in "sources diplomatiques citées par Reuters"
    scope: Span | None = None  # the sentence or clause it covers
    origin_id: str | None = None  # canonical key of the ultimate origin, e.g. "reuters"


Modality = Literal["asserted", "reported", "conditional", "denied", "quoted", "hedged"]


@dataclass(frozen=True)
class Claim:
    """A check-worthy statement: who does what to whom, with which figures, on whose authority."""

    id: str
    span: Span  # the sentence (or clause)
    text: str
    modality: str  # Modality
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    entity_ids: tuple[str, ...] = ()
    figure_indexes: tuple[int, ...] = ()  # into Analysis.figures
    attribution_indexes: tuple[int, ...] = ()  # into Analysis.attributions
    quote_index: int | None = None  # into Analysis.quotes, when the claim is a quote
    cue: str | None = None  # the word that decided the modality ("serait", "dément")


@dataclass(frozen=True)
class Analysis:
    article_id: str
    lang: str | None
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: tuple[str, ...] = ()  # what could not be done, and why


# ---------------------------------------------------------------------- group


@dataclass(frozen=True)
class DupGroup:
    id: str
    canonical_id: str  # article id: earliest, else fullest
    members: tuple[str, ...]  # article ids, canonical first


@dataclass(frozen=True)
class Story:
    id: str
    label: str
    members: tuple[str, ...]  # article ids
    first_seen: str | None  # ISO partial date
    last_seen: str | None
    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    key_entities: tuple[str, ...] = ()  # entity ids
    first_report: str | None = None  # article id


# ----------------------------------------------------------------- crosscheck

FactStatus = Literal["corroborated", "single-source", "contradicted", "denied", "inconsistent"]


@dataclass(frozen=True)
class Evidence:
    article_id: str
    outlet: str | None
    span: Span
    text: str
    modality: str
    source: str | None = None  # attributed source ("Reuters", "source française")
    origin: str | None = None  # independent origin key this evidence counts for
    value: Figure | None = None  # for figure slots
    published: str | None = None
    stance: str = "supports"  # "supports", "contradicts", "denies"


@dataclass(frozen=True)
class Check:
    kind: str  # "currency-conversion", "duration-vs-date", "range-agreement"
    description: str
    result: str  # "consistent", "inconsistent", "unverifiable"


@dataclass(frozen=True)
class DriftStep:
    article_id: str
    outlet: str | None
    published: str | None
    text: str
    change: str  # "first report", "rounded", "converted", "inflated", "modality: conditional -> asserted"


@dataclass(frozen=True)
class Fact:
    id: str
    story_id: str
    kind: str  # "claim", "figure", "quote"
    label: str  # the normalised claim or the slot ("number of Wagner personnel")
    evidence: tuple[Evidence, ...]
    origins: tuple[str, ...]  # independent origin keys
    status: str  # FactStatus
    checks: tuple[Check, ...] = ()
    first_report: str | None = None  # article id
    drift: tuple[DriftStep, ...] = ()
    slot: str | None = None

    @property
    def independent_origins(self) -> int:
        return len(self.origins)


@dataclass(frozen=True)
class Review:
    fact_id: str
    status: str
    note: str
    reviewer: str
    at: str  # ISO timestamp
    previous_status: str | None = None


@dataclass(frozen=True)
class IngestError:
    source: str
    reason: str
    locator: str = ""
    # "error": this input (or record) was not ingested. "warning": nothing was lost that
    # the user asked for, e.g. a WARC's request/revisit/non-HTML records were skipped (counted).
    severity: str = "error"


# ---------------------------------------------------------------------- serde

T = TypeVar("T")


def to_dict(record: Any) -> Any:
    """A record as JSON-ready data (dataclasses to dicts, tuples to lists)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {str(k): to_dict(v) for k, v in record.items()}
    return record


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _converter(tp: Any) -> Callable[[Any], Any]:
    """How to rebuild a value of type `tp`, worked out once per type: the loaders run per record
    of every page and export, and re-inspecting the hints per value was most of their time."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        inner = _converter(options[0]) if len(options) == 1 else _identity
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        args = get_args(tp)
        item = _converter(args[0]) if args else _identity
        if item is _identity:
            return lambda value: None if value is None else tuple(value)
        return lambda value: None if value is None else tuple(item(v) for v in value)
    if origin in (dict, typing.Mapping):
        return lambda value: None if value is None else dict(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):  # looked up per call: records can nest themselves
        return lambda value: None if value is None else _record_builder(tp)(value)
    return _identity


@functools.cache
def _record_builder(cls: type) -> Callable[[dict[str, Any]], Any]:
    hints = get_type_hints(cls)
    converters = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}

    def build(data: dict[str, Any]) -> Any:
        return cls(**{k: converters[k](v) for k, v in data.items() if k in converters})

    return build


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type `cls` from `to_dict` output (unknown keys are ignored)."""
    record: T = _record_builder(cls)(data)  # type: ignore[arg-type]  # a class is hashable
    return record

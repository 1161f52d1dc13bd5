"""Aligning claims and quotes of a story's articles into facts.

1. Claims are compared by content-word stems (crosscheck.text), the values of their figures
   ("#23", "#1.2e+09": language-neutral keys, so "120 milliards" and "120 billion" meet: two
   values in common, or one and many rare words, align two statements) and shared canonical
   entities; with an embedder (multilingual e5), by the cosine of their sentences too, so a
   French and an English wording of one claim meet when they also share an entity (very near
   cosine) or a figure value or two entities (near cosine), or when the pair stands out of its
   neighbourhood (the bitext margin: cosine over the mean cosine of each side's nearest
   statements in the other language) and shares a figure value, rare stems (cognates) or a rare
   entity (a very rare one at the plain margin, a merely rare one at a higher margin). A claim
   joins the most similar cluster holding another article's claim above the threshold, else
   starts one; a claim left alone gets a second pass over the clusters formed
   after it; two clusters that each hold both languages merge when a same-language pair across
   them aligns. A claim that says more than its cluster (remainders) also stands as a fact of its own.
2. Denials ("Nous n'avons rien signé", "Ce sont des rumeurs") form facts of their own,
   joined by the party that denies (shared entities) and, in one language, by something
   denied in common (not only the denial verb and the negation); a denial joins no cluster
   holding a denial of the same party, in its language, of something else.
3. Quotes join when their words overlap (or their embeddings are near): one quote
   carried by several outlets, or rendered in French and in English. A sentence inside a
   direct quote aligns as that quote only.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from recoupe.crosscheck.origins import ArticleContext, evidence_origin, sentence_of
from recoupe.crosscheck.tables import crosscheck_table
from recoupe.crosscheck.text import STEM_LENGTH, jaccard, stems
from recoupe.model import Claim, Evidence, Quote

__all__ = ["Item", "claim_items", "denial_cues", "figure_keys", "generic_party_words", "quote_items", "cluster_items", "remainders", "CLAIM_THRESHOLD", "QUOTE_THRESHOLD"]

CLAIM_THRESHOLD = 0.2
# A cluster is compared through its first members only; words in most of a story's statements
# ("Mali", "accord") do not make candidates.
MAX_COMPARED = 8
COMMON_WEIGHT = 0.7
MIN_SHARED_WEIGHT = 5.0
# Just above the claim threshold: an anchor by figure values joins, yet a wording nearer in words wins.
FIGURE_ANCHOR_SCORE = 0.25
QUOTE_THRESHOLD = 0.45
DENIAL_THRESHOLD = 0.3
# A claim is a quote's (and aligned as a quote only) when the quoted words are this share of it at
# least; a fragment in reported speech (« cerveau », « puissance voisine ») leaves a claim to align.
QUOTED_SHARE = 0.35
# multilingual-e5-small puts unrelated French news sentences near 0.88 and a sentence and its
# English translation near 0.94 (measured on the eval corpus' claims).
EMBED_CLAIM_THRESHOLD = 0.93
# A translation that also carries the same figure value ("trois jours de deuil" / "three days of
# mourning", cosine 0.90) or two of the same entities (Niger, Volga Zoloto, Tamsaga: 0.91) is one
# claim at a lower cosine: the shared value or entities are the anchor. Tuned on the eval's
# s01-s14 + seeds (status accuracy 0.790 at 0.895, 0.815 from 0.87 to 0.88, 0.803 at 0.86): the
# pairs it adds are translations ("About 200 Russian military personnel ... landed" / "Environ 200
# militaires russes ... ont atterri", cosine 0.88).
EMBED_ANCHORED_THRESHOLD = 0.875
EMBED_QUOTE_THRESHOLD = 0.93
# Cross-language margin (the bitext-mining ratio: a pair's cosine over the mean cosine of each
# side's REACH_NEIGHBOURS nearest statements in the other language). A translation stands out of
# its neighbourhood even when the 4-bit e5 puts it at a modest cosine ("Eight crew members were
# detained" / "Huit membres d'équipage ... ont été interpellés": 0.85, margin 1.02), while a
# sentence merely on the same topic does not. With an anchor (a shared figure value or an entity
# that few of the story's statements name) this margin is enough.
REACH_NEIGHBOURS = 4
MARGIN_ANCHORED = 1.015
MARGIN_SCALE = 10.0
# A shared entity is a weaker anchor than a shared value: a company's name recurs in its
# spokesman's statement and in a source's claim about it ("Volga Zoloto had invested heavily" /
# "Volga Zoloto aurait signé un avenant", margin 1.024).
MARGIN_ENTITY_ANCHORED = 1.03
# An entity named by at most about a quarter of the story's statements (inverse document frequency).
RARE_ENTITY_WEIGHT = 1.3
# An entity named by at most about a seventh of the story's statements ("Guinée-Bissau" in a story
# about a seizure off Dakar) anchors a pair at the plain margin: "The vessel was sailing under the
# flag of Guinea-Bissau" / "Le navire, qui bat pavillon de la Guinée-Bissau, aurait appareillé d'un
# port brésilien" (margin 1.016: the French says more).
VERY_RARE_ENTITY_WEIGHT = 1.8
# A claim with this many times the content words of the longest statement it aligned with from
# another outlet says more than they do ("Le navire, qui bat pavillon de la Guinée-Bissau, aurait
# appareillé d'un port brésilien" aligned with "The vessel was sailing under the flag of
# Guinea-Bissau"): what only it says stands as a fact of its own too (see remainders).
REMAINDER_RATIO = 1.6
REMAINDER_EXTRA_WORDS = 4
REMAINDER_WEIGHT = 15.0
# Two denials worded alike (weighted overlap) are one whatever words they share.
SAME_WORDING = 0.8

Embed = Callable[[Sequence[str]], Any]


@dataclass(frozen=True)
class Item:
    """One statement of one article, ready to align."""

    ctx: ArticleContext
    kind: str  # "claim", "denial", "quote"
    text: str
    evidence: Evidence
    stems: frozenset[str]
    entities: frozenset[str]
    claim: Claim | None = None
    quote: Quote | None = None
    vector: Any = None
    party: frozenset[str] = frozenset()  # for denials: who denies (stems of the speaker's name and role)
    # Mean cosine to the item's nearest statements in the story's other languages (see _reach).
    reach: float = 0.0


def _evidence(ctx: ArticleContext, start: int, end: int, text: str, modality: str, origin_override: str | None = None,
              stance: str = "supports") -> Evidence:
    from recoupe.model import Span

    span = Span(start, end)
    source, origin = evidence_origin(ctx, span)
    article = ctx.article
    return Evidence(
        article_id=article.id, outlet=article.outlet, span=span, text=text, modality=modality, source=source,
        origin=origin_override or origin, published=article.published.iso() if article.published else None,
        stance=stance,
    )


def _entities_in(ctx: ArticleContext, start: int, end: int) -> frozenset[str]:
    return frozenset(m.entity_id for m in ctx.analysis.mentions if start <= m.span.start < end)


def figure_keys(ctx: ArticleContext, claim: Claim) -> frozenset[str]:
    """The values of a claim's figures as language-neutral keys; dates are left out (every
    statement of a story names its day)."""
    keys: set[str] = set()
    figures = ctx.analysis.figures
    for index in claim.figure_indexes:
        if 0 <= index < len(figures) and figures[index].kind != "date":
            figure = figures[index]
            # Both ends of a range: "entre 1 000 et 1 400" meets "1 400 au maximum".
            keys.update(f"#{value:g}" for value in (figure.low, figure.high) if value is not None)
    return frozenset(keys)


def claim_items(ctx: ArticleContext) -> list[Item]:
    items = []
    quotes = ctx.analysis.quotes
    for claim in ctx.analysis.claims:
        index = claim.quote_index
        if (index is not None and 0 <= index < len(quotes) and quotes[index].direct and claim.modality != "denied"
                and (claim.modality == "quoted" or len(quotes[index].text) >= QUOTED_SHARE * len(claim.text))):
            continue  # direct quotes are aligned as quotes; reported speech stays a claim
        kind = "denial" if claim.modality == "denied" else "claim"
        words = stems(claim.text, ctx.article.lang)
        if kind == "claim" and len(words) < 3:
            continue
        if kind == "claim":
            words |= figure_keys(ctx, claim)
        entities = frozenset(claim.entity_ids) or _entities_in(ctx, claim.span.start, claim.span.end)
        evidence = _evidence(ctx, claim.span.start, claim.span.end, claim.text, claim.modality)
        items.append(Item(ctx, kind, claim.text, evidence, words, entities, claim=claim,
                          party=_party(ctx, claim) if kind == "denial" else frozenset()))
    return items


@functools.lru_cache(maxsize=1)
def generic_party_words() -> frozenset[str]:
    data = crosscheck_table()
    return frozenset(data["generic_party_words"])


@functools.lru_cache(maxsize=1)
def denial_cues() -> tuple[str, ...]:
    data = crosscheck_table()
    return tuple(data["denial_cues"])


def _party(ctx: ArticleContext, claim: Claim) -> frozenset[str]:
    """Who denies: the speakers (name and role) of the quotes inside the claim, else its subject."""
    speakers = [q.speaker for q in ctx.analysis.quotes if q.speaker is not None and q.span.overlap(claim.span) > 0]
    words = " ".join(f"{s.name} {s.role or ''}" for s in speakers) or claim.subject or ""
    return stems(words, ctx.article.lang) - generic_party_words()


def quote_items(ctx: ArticleContext) -> list[Item]:
    items = []
    for quote in ctx.analysis.quotes:
        if not quote.direct:
            continue
        # Who carries a quote is the outlet (or the agency it relays), not the speaker.
        sentence = sentence_of(ctx.analysis, quote.span)
        via = next((a.via for a in ctx.analysis.attributions if a.via and a.span.overlap(sentence) > 0), None)
        origin = (via or "").lower() or ctx.lead_origin or f"outlet:{ctx.copy_key}"
        evidence = _evidence(ctx, quote.span.start, quote.span.end, quote.text, "quoted", origin_override=origin)
        items.append(Item(ctx, "quote", quote.text, evidence, stems(quote.text, ctx.article.lang),
                          _entities_in(ctx, sentence.start, sentence.end), quote=quote))
    return items


class StoryWeights(dict[str, float]):
    """Stem -> inverse document frequency over a story's statements, keeping each statement's total
    of word weights (figure values left out), so that a pair's weighted union costs only its
    shared part: the pairs of a thousand-article story are compared in time linear in their words."""

    def __init__(self, weights: Mapping[str, float]) -> None:
        super().__init__(weights)
        self._word_totals: dict[frozenset[str], float] = {}

    def word_total(self, words: frozenset[str]) -> float:
        total = self._word_totals.get(words)
        if total is None:
            total = self._word_totals[words] = sum(self.get(s, 1.0) for s in words if not s.startswith("#"))
        return total


def _weighted_overlap(a: frozenset[str], b: frozenset[str], weight: StoryWeights) -> float:
    """Jaccard weighted by rarity in the story: "Mali" or "Wagner", in every claim, weigh little.
    A figure value counts only when shared: two wordings of one event with different tolls are
    still one claim (the figure slot holds the contradiction)."""
    shared = a & b
    shared_weight = sum(weight.get(s, 1.0) for s in shared)
    shared_words = sum(weight.get(s, 1.0) for s in shared if not s.startswith("#"))
    union = shared_weight + weight.word_total(a) + weight.word_total(b) - 2 * shared_words
    return shared_weight / union if union > 1e-12 else 0.0


def _figure_anchored(a: Item, b: Item, weight: StoryWeights) -> bool:
    """Two statements that give the same figure values and share rare words state one fact even
    when their wordings differ (or their languages: "120 milliards de francs CFA" / "120 billion
    CFA francs"): two values in common, or one and twice the rare words asked of a claim."""
    shared = a.stems & b.stems
    values = [s for s in shared if s.startswith("#")]
    shared_weight = sum(weight.get(s, 1.0) for s in shared)
    return len(values) >= 2 or (len(values) == 1 and shared_weight >= 2 * MIN_SHARED_WEIGHT)


def _similarity(a: Item, b: Item, weight: StoryWeights | None = None) -> float:
    lexical = _weighted_overlap(a.stems, b.stems, weight) if weight else jaccard(a.stems, b.stems)
    if weight and a.kind == "claim" and sum(weight.get(s, 1.0) for s in a.stems & b.stems) < MIN_SHARED_WEIGHT:
        lexical = 0.0  # two or three rare words in common at least, not only "Mali" and "accord"
    if a.kind == "quote":
        score = lexical
    elif a.kind == "denial":
        score = _denial_similarity(a, b, lexical)
    else:
        score = 0.85 * lexical + 0.15 * jaccard(a.entities, b.entities)
        if weight and _figure_anchored(a, b, weight):
            score = max(score, FIGURE_ANCHOR_SCORE)
    other_language = a.ctx.article.lang != b.ctx.article.lang
    if other_language and a.vector is not None and b.vector is not None:
        # Across languages words cannot meet: a close embedding and a shared entity (or quote) must.
        cosine = float(a.vector @ b.vector)
        limit = EMBED_QUOTE_THRESHOLD if a.kind == "quote" else EMBED_CLAIM_THRESHOLD
        same_value = any(s.startswith("#") for s in a.stems & b.stems)
        if cosine >= limit and (a.kind == "quote" or a.entities & b.entities):
            score = max(score, 1.0)
        elif a.kind == "claim" and cosine >= EMBED_ANCHORED_THRESHOLD and (
                same_value or len(a.entities & b.entities) >= 2):
            score = max(score, cosine)  # the nearest translation wins among anchored candidates
        elif a.kind != "denial" and (margin := _margin(a, b, cosine)) >= MARGIN_ANCHORED and (
                same_value or _cognates(a, b, weight)
                or (margin >= MARGIN_ENTITY_ANCHORED and _rare_entity_shared(a, b, weight))
                or _rare_entity_shared(a, b, weight, VERY_RARE_ENTITY_WEIGHT)):
            # Scored on the lexical scale: a same-language wording that shares many words wins.
            score = max(score, FIGURE_ANCHOR_SCORE + MARGIN_SCALE * (margin - MARGIN_ANCHORED))
    return score


def _denial_similarity(a: Item, b: Item, lexical: float) -> float:
    """Two denials are one when the same party denies the same thing: in one language they must
    share a word beyond the party, the denial verb and the negation ("la CMRN a démenti devoir cette
    somme" and "un responsable de la CMRN a démenti tout projet de licenciement" are two denials);
    across languages a shared party is enough (their words cannot meet), else shared entities
    count only for a pair that stands out of its neighbourhood (the margin)."""
    if a.ctx.article.lang != b.ctx.article.lang:
        if a.party & b.party:
            return 1.0
        near = a.vector is not None and b.vector is not None and _margin(a, b, float(a.vector @ b.vector)) >= MARGIN_ANCHORED
        return 0.5 * lexical + 0.5 * jaccard(a.entities, b.entities) if near else 0.0
    content = (a.stems & b.stems) - a.party - b.party - denial_words()
    if not content and lexical < SAME_WORDING:
        return 0.0  # unless worded alike ("Ce sont des rumeurs" in two reprints)
    return 1.0 if a.party & b.party else 0.5 * lexical + 0.5 * jaccard(a.entities, b.entities)


@functools.lru_cache(maxsize=1)
def denial_words() -> frozenset[str]:
    """Stems that every denial may hold: the denial cues, negations, the generic party words."""
    data = crosscheck_table()
    words = {w for w in data["denial_cues"] if len(w) >= 3} | set(data["negation_words"])
    return frozenset(w[:STEM_LENGTH] for w in words) | generic_party_words()


def _margin(a: Item, b: Item, cosine: float) -> float:
    reach = (a.reach + b.reach) / 2
    return cosine / reach if reach > 0 else 0.0


def _cognates(a: Item, b: Item, weight: StoryWeights | None) -> bool:
    """Do two statements in two languages share rare word stems ("paramilitaires"/"paramilitaries",
    "décembre"/"December") weighing what a claim pair must share in one language?"""
    if weight is None:
        return False
    return sum(weight.get(s, 1.0) for s in a.stems & b.stems if not s.startswith("#")) >= MIN_SHARED_WEIGHT


def _rare_entity_shared(a: Item, b: Item, weight: StoryWeights | None, least: float = 0.0) -> bool:
    """Do two statements name an entity that few of the story's statements name ("Guinée-Bissau"
    in a story about Senegal, not "Mali" in one about Mali)?"""
    if weight is None:
        return False
    return any(weight.get(f"e:{e}", 0.0) >= max(least, RARE_ENTITY_WEIGHT) for e in a.entities & b.entities)


def reach(vectors: Any, langs: Sequence[str | None]) -> list[float]:
    """Each statement's mean cosine to its REACH_NEIGHBOURS nearest statements in the story's other
    languages (the denominator of the cross-language margin), computed in blocks so that a story
    of thousands of statements never holds their whole similarity matrix."""
    import numpy as np

    matrix = np.asarray(vectors, dtype=np.float32)
    out = np.zeros(len(langs), dtype=np.float32)
    language = np.array([lang or "" for lang in langs])
    for lang in set(language.tolist()):
        mine, others = np.flatnonzero(language == lang), np.flatnonzero(language != lang)
        if not len(others):
            continue
        k = min(REACH_NEIGHBOURS, len(others))
        for start in range(0, len(mine), 512):
            block = mine[start:start + 512]
            sims = matrix[block] @ matrix[others].T
            out[block] = np.partition(sims, -k, axis=1)[:, -k:].mean(axis=1)
    return [float(v) for v in out]


def story_weights(items: Sequence[Item]) -> StoryWeights:
    """Inverse document frequency of each stem over the story's statements."""
    df: dict[str, int] = {}
    for item in items:
        for stem in item.stems:
            df[stem] = df.get(stem, 0) + 1
        for entity in item.entities:  # "e:<id>": how rare an entity is, for cross-language anchors
            df[f"e:{entity}"] = df.get(f"e:{entity}", 0) + 1
    n = max(len(items), 1)
    return StoryWeights({stem: math.log((n + 1) / (count + 0.5)) for stem, count in df.items()})


def _keys(item: Item) -> set[str]:
    """What a candidate cluster must share with an item: a word, an entity, a party, or (across
    languages, with vectors) the language bucket."""
    keys = {f"w:{s}" for s in item.stems} | {f"e:{e}" for e in item.entities} | {f"p:{p}" for p in item.party}
    if item.vector is not None:
        keys.add("vector")
    return keys


def cluster_items(items: list[Item], embed: Embed | None = None) -> list[list[Item]]:
    """1. Greedy single pass in publication order; each item joins the best cluster of its kind.

    Candidates come from an inverted index (clusters sharing a word, entity or party with the
    item), and each cluster is compared through at most MAX_COMPARED of its members, so a story
    of a thousand articles costs near-linear time rather than quadratic."""
    if embed is not None and len({i.ctx.article.lang for i in items}) > 1:
        vectors = embed([i.text for i in items])
        reaches = reach(vectors, [i.ctx.article.lang for i in items])
        items = [replace(i, vector=v, reach=r) for i, v, r in zip(items, vectors, reaches, strict=True)]
    threshold = {"claim": CLAIM_THRESHOLD, "denial": DENIAL_THRESHOLD, "quote": QUOTE_THRESHOLD}
    weight = story_weights(items)
    common = {f"w:{s}" for s, w in weight.items() if w < COMMON_WEIGHT}
    ordered = sorted(items, key=lambda i: (i.evidence.published or "9999", i.ctx.article.id, i.evidence.span.start))
    clusters: list[list[Item]] = []
    index: dict[tuple[str, str], set[int]] = {}
    for item in ordered:
        keys = _keys(item) - common
        best = _best_cluster(item, keys, clusters, index, weight, threshold[item.kind])
        if best is None:
            clusters.append([item])
            best = len(clusters) - 1
        else:
            clusters[best].append(item)
        if len(clusters[best]) <= MAX_COMPARED:
            for key in keys:
                index.setdefault((item.kind, key), set()).add(best)
    # 2. A statement left alone may fit a cluster that formed after it (the pass is in publication
    #    order: an early English wire saw none of the French articles that later aligned together).
    for number, cluster in enumerate(clusters):
        if len(cluster) == 1:
            item = cluster[0]
            best = _best_cluster(item, _keys(item) - common, clusters, index, weight, threshold[item.kind], number)
            if best is not None:
                clusters[best].append(item)
                clusters[number] = []
    _merge_bilingual_twins(clusters, weight)
    return [c for c in clusters if c]


def _merge_bilingual_twins(clusters: list[list[Item]], weight: StoryWeights) -> None:
    """3. Two claim clusters that each hold both languages merge when a same-language pair across
    them aligns and they share no article: the greedy pass put each wire's sentence with its own
    translation ("Russian instructors ... were travelling with the convoy" with "Des instructeurs
    russes ... auraient accompagné le convoi"; "Africa Corps personnel were travelling with the
    convoy" with "des éléments d'Africa Corps se trouvaient à bord du convoi")."""
    bilingual = [k for k, c in enumerate(clusters)
                 if c and c[0].kind == "claim" and len({i.ctx.article.lang for i in c}) > 1]
    for x, first in enumerate(bilingual):
        for second in bilingual[x + 1:]:
            a, b = clusters[first], clusters[second]
            if not a or not b or {i.ctx.article.id for i in a} & {i.ctx.article.id for i in b}:
                continue
            if any(i.ctx.article.lang == j.ctx.article.lang and _similarity(i, j, weight) >= CLAIM_THRESHOLD
                   for i in a[:MAX_COMPARED] for j in b[:MAX_COMPARED]):
                a.extend(b)
                clusters[second] = []


def _best_cluster(item: Item, keys: set[str], clusters: list[list[Item]], index: Mapping[tuple[str, str], set[int]],
                  weight: StoryWeights, threshold: float, exclude: int = -1) -> int | None:
    best, best_score = None, threshold
    candidates = sorted({c for key in keys for c in index.get((item.kind, key), ())} - {exclude})
    for number in candidates:
        others = [m for m in clusters[number][:MAX_COMPARED] if m.ctx.article.id != item.ctx.article.id]
        if not others or (item.kind == "denial" and _denies_otherwise(item, others, weight)):
            continue
        score = max(_similarity(item, m, weight) for m in others)
        if score >= best_score:
            best, best_score = number, score
    return best


def _denies_otherwise(item: Item, members: Sequence[Item], weight: StoryWeights) -> bool:
    """Does a member of a denial cluster, in the item's language, show the same party denying
    something else ("la CMRN a démenti devoir cette somme" / "un responsable de la CMRN a démenti tout
    projet de licenciement")? A member in the other language ("CMRN rejected the claim") that the
    party alone joins must not bridge the two."""
    return any(m.ctx.article.lang == item.ctx.article.lang and m.party & item.party
               and _similarity(item, m, weight) < DENIAL_THRESHOLD for m in members)


def remainders(clusters: Sequence[list[Item]]) -> list[list[Item]]:
    """The claims that say more than what aligned them, grouped by cluster and copy group: a
    sentence that carries two facts ("huit marins interpellés ... placés sous mandat de dépôt
    vendredi") supports the shared one through its cluster and the other through its remainder,
    with that outlet alone as origin. More is:
    1. across languages, REMAINDER_RATIO times the content words of the longest statement it
       aligned with from another copy group;
    2. in one language, words none of those statements has weighing REMAINDER_WEIGHT (rarity
       in the story) and more than the words they share ("L'action de Northcrest Gold a chuté de
       18 % à la Bourse de Toronto, au lendemain de la décision ... de prendre le contrôle de la mine");
    3. a figure value none of them gives ("près de 30 % de la cocaïne consommée en Europe
       transiterait par l'Afrique de l'Ouest" beside "West Africa serves as a transit hub")."""
    weight = story_weights([item for cluster in clusters for item in cluster])
    out: list[list[Item]] = []
    for cluster in clusters:
        if cluster[0].kind != "claim" or len(cluster) < 2:
            continue
        by_copy: dict[str, list[Item]] = {}
        for item in cluster:
            by_copy.setdefault(item.ctx.copy_key, []).append(item)
        if len(by_copy) < 2:
            continue
        heard = _heard_by_group(by_copy)
        longest = sorted(((max(len(m.stems) for m in members), key) for key, members in by_copy.items()),
                         reverse=True)
        groups_in: dict[str | None, int] = {}
        for members in by_copy.values():
            for lang in {m.ctx.article.lang for m in members}:
                groups_in[lang] = groups_in.get(lang, 0) + 1
        own_values = {key: frozenset(v for m in members for v in m.stems if v.startswith("#"))
                      for key, members in by_copy.items()}
        value_groups: dict[str, int] = {}
        for group_values in own_values.values():
            for v in group_values:
                value_groups[v] = value_groups.get(v, 0) + 1
        for key, members in by_copy.items():
            longest_other = longest[1][0] if longest[0][1] == key else longest[0][0]
            mine = {m.ctx.article.lang for m in members}
            other_languages = {lang for lang, n in groups_in.items() if n > (lang in mine)}
            values = frozenset(v for v, n in value_groups.items() if n > (v in own_values[key]))
            says_more = [m for m in members
                         if _says_more(m, heard(key, m.ctx.article.lang), longest_other, other_languages, weight, values)]
            if says_more:
                out.append(says_more)
    return out


def _heard_by_group(by_copy: Mapping[str, list[Item]]) -> Callable[[str, str | None], frozenset[str]]:
    """For a copy group and a language, the stems the cluster's other groups say in that language:
    counts per stem of the groups holding it, so each group costs its own words, not the cluster's."""
    holders: dict[tuple[str | None, str], int] = {}
    own: dict[tuple[str, str | None], frozenset[str]] = {}
    for key, members in by_copy.items():
        for lang in {m.ctx.article.lang for m in members}:
            words = frozenset().union(*(m.stems for m in members if m.ctx.article.lang == lang))
            own[(key, lang)] = words
            for word in words:
                holders[(lang, word)] = holders.get((lang, word), 0) + 1

    @functools.cache
    def heard(key: str, lang: str | None) -> frozenset[str]:
        mine = own.get((key, lang), frozenset())
        return frozenset(w for (lg, w), n in holders.items() if lg == lang and n > (w in mine))

    return heard


def _says_more(item: Item, heard: frozenset[str], longest_other: int, other_languages: set[str | None],
               weight: StoryWeights, values: frozenset[str] = frozenset()) -> bool:
    if other_languages - {item.ctx.article.lang} and len(item.stems) >= max(
            REMAINDER_RATIO * longest_other, longest_other + REMAINDER_EXTRA_WORDS):
        return True
    if any(s.startswith("#") and s not in values for s in item.stems):
        return True
    if item.ctx.article.lang not in other_languages:
        return False
    uncovered = sum(weight.get(s, 1.0) for s in item.stems - heard)
    shared = sum(weight.get(s, 1.0) for s in item.stems & heard)
    return uncovered >= REMAINDER_WEIGHT and uncovered > shared

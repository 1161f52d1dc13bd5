"""The cross-check stage: a story's articles and analyses in, facts with statuses out.

Statuses (automatic; they describe the coverage, not the truth):
- corroborated: two or more independent origins report it (copies of one text and
  outlets crediting one agency count once);
- single-source: one origin;
- contradicted: articles give incompatible values (both sides are kept as evidence);
- denied: a party to it denies it (see _mark_denied for which fact carries the status);
- inconsistent: one article gives incompatible values for the same slot.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from recoupe.crosscheck.align import (
    Embed,
    Item,
    claim_items,
    cluster_items,
    denial_cues,
    generic_party_words,
    quote_items,
    remainders,
)
from recoupe.crosscheck.drift import drift_steps, order_evidence
from recoupe.crosscheck.figures import FigureSlotResult, evidence_for, fact_id, figure_facts_input
from recoupe.crosscheck.origins import ArticleContext, lead_origin
from recoupe.model import Analysis, Article, DupGroup, Evidence, Fact, PartialDate, Span, Story
from recoupe.settings import CrosscheckSettings

__all__ = ["crosscheck_story", "build_contexts", "STATUS_ORDER"]

STATUS_ORDER = ("contradicted", "inconsistent", "denied", "corroborated", "single-source")


def build_contexts(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    groups: Sequence[DupGroup],
    story_date: PartialDate | None = None,
) -> list[ArticleContext]:
    group_of = {m: g.id for g in groups for m in g.members}
    contexts = []
    for article in articles:
        analysis = analyses.get(article.id) or Analysis(article_id=article.id, lang=article.lang)
        contexts.append(ArticleContext(article, analysis, group_of.get(article.id, article.id),
                                       lead_origin(article, analysis), article.published or story_date))
    return contexts


def _value_text(slot: FigureSlotResult, cluster: Sequence[int]) -> str:
    return " / ".join(dict.fromkeys(slot.values[i].figure.text for i in cluster))


def _figure_facts(story_id: str, slot: FigureSlotResult) -> list[Fact]:
    main = slot.clusters[slot.main]
    facts = []
    evidence = [evidence_for(slot.values[i], "supports") for i in main]
    for k, cluster in enumerate(slot.clusters):
        # a contradicted slot shows every side, even one held only by articles that also give the
        # main value (each of s01's 04 and 06 gives both 15 and 31 killed)
        if k != slot.main and (slot.status == "contradicted" or any(
                slot.values[i].ctx.article.id not in slot.inconsistent_articles for i in cluster)):
            evidence += [evidence_for(slot.values[i], "contradicts") for i in cluster]
    origins = tuple(sorted({e.origin for e in evidence if e.stance == "supports" and e.origin}))
    label = f"{slot.slot}: {_value_text(slot, main)}"
    if slot.status == "contradicted":
        others = [c for k, c in enumerate(slot.clusters) if k != slot.main]
        label += " — against " + " ; ".join(_value_text(slot, c) for c in others)
    ordered = order_evidence(evidence)
    facts.append(Fact(
        id=fact_id(story_id, "figure", slot.slot, str(sorted(slot.values[i].figure.text for i in main))),
        story_id=story_id, kind="figure", label=label, evidence=tuple(ordered), origins=origins,
        status=slot.status, checks=slot.checks, first_report=ordered[0].article_id if ordered else None,
        drift=drift_steps([e for e in evidence if e.stance == "supports"]), slot=slot.slot,
    ))
    for article_id in slot.inconsistent_articles:
        values = [slot.values[i] for c in slot.clusters for i in c if slot.values[i].ctx.article.id == article_id]
        ev = tuple(evidence_for(v, "supports") for v in values)
        facts.append(Fact(
            id=fact_id(story_id, "inconsistent", slot.slot, article_id), story_id=story_id, kind="figure",
            label=f"{slot.slot}: one article says " + " and ".join(f"“{v.figure.text}”" for v in values),
            evidence=ev, origins=tuple(sorted({e.origin for e in ev if e.origin})), status="inconsistent",
            first_report=article_id, slot=slot.slot,
        ))
    return facts


def _cluster_fact(story_id: str, cluster: list[Item], part: str = "") -> Fact:
    kind = cluster[0].kind
    evidence = order_evidence([i.evidence for i in cluster])
    first = evidence[0]
    origins = tuple(sorted({i.evidence.origin for i in cluster if i.evidence.origin}))
    status = "corroborated" if len(origins) >= 2 else "single-source"
    if kind == "quote":
        speaker = next((i.quote.speaker.name for i in cluster if i.quote and i.quote.speaker), None)
        label = f"{speaker or 'unknown speaker'}: « {first.text} »"
    elif kind == "denial":
        label = f"Denial: {first.text}"
    else:
        label = first.text
    return Fact(
        id=fact_id(story_id, kind, first.article_id, str(first.span.start), *([part] if part else [])),
        story_id=story_id,
        kind="quote" if kind == "quote" else "claim", label=label, evidence=tuple(evidence), origins=origins,
        status=status, first_report=first.article_id, drift=drift_steps(evidence),
        slot="denial" if kind == "denial" else None,
    )


# How far back, in sentences of the same article, a denial looks for what it denies
# ("Selon Reuters, des éléments d'Africa Corps se trouvaient à bord. L'armée dément.").
DENIAL_REACH = 2
# A denial with this many content words or fewer ("L'armée dément.") denies what precedes it.
SHORT_DENIAL = 2
# A denial elsewhere in the story must share this much of its wording with the claim: the words of
# a story's main claim ("prix", "cacao") recur in denials of a side claim.
LEXICAL_DENIAL = 0.3


def _preceding(ctx: ArticleContext, evidence: Evidence) -> Span | None:
    """The DENIAL_REACH sentences before (and the start of the sentence holding) a denial."""
    sentences = ctx.analysis.sentences
    here = next((k for k, s in enumerate(sentences) if s.start <= evidence.span.start < s.end), None)
    if here is None:
        return None
    return Span(sentences[max(here - DENIAL_REACH, 0)].start, evidence.span.start)


def _claim_evidence_by_article(claims: list[Fact]) -> dict[str, list[tuple[Fact, list[Evidence]]]]:
    """Each article's claims with their evidence in it: a denial is compared with its own article's
    claims only (a scan of every claim per denial was quadratic in a story of a thousand articles)."""
    out: dict[str, list[tuple[Fact, list[Evidence]]]] = {}
    for claim in claims:
        per_article: dict[str, list[Evidence]] = {}
        for e in claim.evidence:
            per_article.setdefault(e.article_id, []).append(e)
        for article_id, items in per_article.items():
            out.setdefault(article_id, []).append((claim, items))
    return out


@dataclass(frozen=True)
class DenialTargets:
    """The claims a denial denies, and whether it answers them in the same article (rule 1)."""

    claims: list[Fact]
    replies: bool


def _denial_targets(denial: Fact, claims: list[Fact], contexts: Mapping[str, ArticleContext],
                    by_article: Mapping[str, list[tuple[Fact, list[Evidence]]]]) -> DenialTargets:
    """The claims a denial denies:
    1. a claim of the same article in the sentences just before the denial, when the denial
       names nothing of its own ("L'armée dément.", "Bamako denies this.") or shares two words
       with that claim (a denial is mostly a reply to what the article has just reported);
    2. else a claim, in any article, that shares key words with the denial."""
    from recoupe.crosscheck.text import jaccard, stems

    generic = generic_party_words()
    targets = []
    for evidence in denial.evidence:
        ctx = contexts.get(evidence.article_id)
        before = _preceding(ctx, evidence) if ctx else None
        if before is None:
            continue
        own = stems(evidence.text) - generic
        for claim, in_article in by_article.get(evidence.article_id, ()):
            near = [e for e in in_article if before.start <= e.span.start and e.span.end <= before.end + 1]
            if near and (len(own) <= SHORT_DENIAL or any(len(own & stems(e.text)) >= 2 for e in near)):
                targets.append(claim)
    if targets:
        return DenialTargets(list({t.id: t for t in targets}.values()), replies=True)
    denial_words = stems(" ".join(e.text for e in denial.evidence))
    for claim in claims:
        words = stems(claim.label)
        if len(words & denial_words) >= 2 and jaccard(words, denial_words) >= LEXICAL_DENIAL:
            targets.append(claim)
    return DenialTargets(targets[:1], replies=False)


def is_denial(text: str) -> bool:
    """Does a negative statement deny what someone said (a denial cue: "dément", "rejected",
    "des rumeurs"), rather than merely negate ("beaucoup n'ont rien mangé")?"""
    from recoupe.crosscheck.text import fold

    cues = denial_cues()
    return any(word.startswith(cues) for word in re.findall(r"[^\W\d_]+", fold(text)))


def _mark_denied(facts: list[Fact], contexts: Sequence[ArticleContext]) -> list[Fact]:
    """Ties each denial that carries a denial cue ("dément", "rejected", "des rumeurs") to the
    claims it denies (a negation without one, "nous n'avons rien signé", is tied to none), then
    sets the statuses:
    1. a claim reported by two or more independent origins, or answered by the denial in the
       same article ("Selon Reuters, des éléments d'Africa Corps se trouvaient à bord. L'armée
       dément."), becomes "denied" (the denial joins its evidence, stance "denies"); the denial
       stays a fact of its own with its coverage status (that the party denies is itself reported);
    2. a denial tied to no such claim and carried by a single origin is the fact itself
       ("Volga Zoloto dément avoir signé un avenant": that it signed is denied) and becomes
       "denied" when it carries a denial cue or continues one of its article (see _denies; a
       party's negation alone states a fact of its own); a claim reported by a single origin
       beside it keeps its "single-source" status;
    3. a denial carried by two or more independent origins ("officials say nothing is signed",
       in every outlet) keeps its coverage status: that the party denies is the corroborated fact."""
    by_article = {ctx.article.id: ctx for ctx in contexts}
    claims = [f for f in facts if f.kind == "claim" and f.slot is None]
    claims_by_article = _claim_evidence_by_article(claims)
    denied_claims: dict[str, list[Evidence]] = {}
    attached: set[str] = set()
    for denial in (f for f in facts if f.slot == "denial"):
        if not any(is_denial(e.text) for e in denial.evidence):
            continue  # a plain negation ("Nous n'avions pas vu un tel afflux") answers no claim
        found = _denial_targets(denial, claims, by_article, claims_by_article)
        for target in found.claims:
            if target.independent_origins >= 2 or found.replies:
                denied_claims.setdefault(target.id, []).extend(replace(e, stance="denies") for e in denial.evidence)
                attached.add(denial.id)
    cued = _cued_denial_sentences(facts, by_article)
    out = []
    for fact in facts:
        if fact.id in denied_claims:
            fact = replace(fact, status="denied", evidence=fact.evidence + tuple(denied_claims[fact.id]))
        elif (fact.slot == "denial" and fact.id not in attached and fact.independent_origins < 2
              and _denies(fact, cued, by_article)):
            fact = replace(fact, status="denied")
        out.append(fact)
    return out


def _sentence_index(ctx: ArticleContext, span: Span) -> int | None:
    return next((k for k, s in enumerate(ctx.analysis.sentences) if s.start <= span.start < s.end), None)


def _cued_denial_sentences(facts: Sequence[Fact], contexts: Mapping[str, ArticleContext]) -> dict[str, set[int]]:
    """Per article, the sentences of a denial with a denial cue ("dément", "des rumeurs") and of the
    negations that continue it, each within DENIAL_REACH sentences of the one before (the embassy
    "dément", then its adviser's « Aucun responsable n'est impliqué », then « n'avait plus aucun lien »)."""
    cued: dict[str, set[int]] = {}
    negations: dict[str, set[int]] = {}
    for fact in facts:
        if fact.slot != "denial":
            continue
        for e in fact.evidence:
            ctx = contexts.get(e.article_id)
            if ctx is not None and (k := _sentence_index(ctx, e.span)) is not None:
                (cued if is_denial(e.text) else negations).setdefault(e.article_id, set()).add(k)
    for article_id, found in cued.items():
        pending = sorted(negations.get(article_id, ()))
        grew = True
        while grew:
            grew = False
            for k in pending:
                if k not in found and any(abs(k - j) <= DENIAL_REACH for j in found):
                    found.add(k)
                    grew = True
    return cued


def _denies(fact: Fact, cued: Mapping[str, set[int]], contexts: Mapping[str, ArticleContext]) -> bool:
    """Is a denial fact (rule 2) a denial of something said: it carries a denial cue, or its negation
    continues one in its article ("Northcrest dément avoir donné son accord. « Nous n'avons rien
    signé »", see _cued_denial_sentences). A party's negation on its own ("the boat has not
    been authorised to fish under our flag since September") states a fact of its own."""
    for e in fact.evidence:
        ctx = contexts.get(e.article_id)
        if is_denial(e.text) or (ctx is not None and _sentence_index(ctx, e.span) in cued.get(e.article_id, ())):
            return True
    return False


def _denying_quotes(facts: list[Fact]) -> list[Fact]:
    """A quote that is itself a denial fact's words (« Ce sont des rumeurs », in the sentence
    where the spokesman « dément ») and is carried by a single origin takes that denial's
    "denied" status, as the denial does (_mark_denied rule 2): the quote and the denial are one
    statement seen twice."""
    denial_spans: dict[str, list[Span]] = {}
    for fact in facts:
        if fact.slot == "denial" and fact.status == "denied":
            for e in fact.evidence:
                if e.stance != "denies":
                    denial_spans.setdefault(e.article_id, []).append(e.span)
    out = []
    for fact in facts:
        if (fact.kind == "quote" and fact.independent_origins < 2 and fact.status == "single-source"
                and any(e.span.overlap(span) > 0 for e in fact.evidence for span in denial_spans.get(e.article_id, ()))):
            fact = replace(fact, status="denied")
        out.append(fact)
    return out


def crosscheck_story(
    story: Story,
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    groups: Sequence[DupGroup],
    settings: CrosscheckSettings,
    embed: Embed | None = None,
) -> tuple[Fact, ...]:
    """Every fact of one story, with evidence, independent origins, status, checks and drift."""
    story_date = PartialDate.parse(story.first_seen) if story.first_seen else None
    # The same story gives the same facts whatever order its articles were stored in.
    ordered = sorted(articles, key=lambda a: (a.published.iso() if a.published else "9999", a.id))
    contexts = build_contexts(ordered, analyses, groups, story_date)
    facts: list[Fact] = []
    for slot in figure_facts_input(contexts, settings.conversion_tolerance):
        facts.extend(_figure_facts(story.id, slot))
    items: list[Item] = []
    for ctx in contexts:
        items.extend(claim_items(ctx))
        items.extend(quote_items(ctx))
    clusters = cluster_items(items, embed)
    for cluster in clusters:
        facts.append(_cluster_fact(story.id, cluster))
    for remainder in remainders(clusters):
        facts.append(_cluster_fact(story.id, remainder, part="remainder"))
    facts = _denying_quotes(_mark_denied(facts, contexts))
    unique: dict[str, Fact] = {}
    for fact in facts:
        unique.setdefault(fact.id, fact)
    return tuple(sorted(unique.values(), key=_fact_order))


def _fact_order(fact: Fact) -> Any:
    return (STATUS_ORDER.index(fact.status), -fact.independent_origins, fact.kind != "figure", fact.id)

"""A small, realistic store written record by record (no pipeline): two outlets on one story,
a hostile article (script tags, event handlers, javascript: links) and a 10 MB single-line article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from recoupe.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    CleaningReport,
    DupGroup,
    Entity,
    Evidence,
    Fact,
    Figure,
    Mention,
    PartialDate,
    Provenance,
    Quote,
    RawDocument,
    Removal,
    Repair,
    Span,
    Speaker,
    Story,
    stable_id,
)
from recoupe.store import Store, open_store

XSS = '<script>alert(1)</script>'
EVIL_ATTR = '<img src=x onerror="alert(2)">'
EVIL_LINK = 'javascript:alert(3)'


@dataclass(frozen=True)
class Ids:
    story: str
    story_big: str
    courrier: str  # article ids
    matin: str
    evil: str
    big: str
    figure_fact: str
    claim_fact: str
    evil_fact: str
    quote_span: tuple[int, int]


def _span(text: str, piece: str) -> Span:
    start = text.lower().index(piece.lower())
    return Span(start, start + len(piece))


def _document(outlet: str, title: str, body: str, published: str, *, url: str | None = None,
              raw_prefix: str = "", lang: str = "fr") -> tuple[RawDocument, Article]:
    text = f"{title}\n\n{body}"
    raw_text = raw_prefix + text
    raw = RawDocument(id=RawDocument.make_id(raw_text + outlet), format="text", content=raw_text,
                      provenance=Provenance(source=f"/corpus/{outlet}.txt", locator="line 1", url=url),
                      metadata={"date": published, "outlet": outlet}, metadata_sources={"date": "corpus-marker"},
                      outlet=outlet)
    removed = (Removal(0, len(raw_prefix), raw_prefix, "boilerplate:reading-time"),) if raw_prefix else ()
    report = CleaningReport(removed=removed, source_text=raw_text, field_sources={"title": "first-line"})
    article = Article(id=Article.make_id(raw.id), raw_id=raw.id, outlet=outlet, url=url, title=title, text=text,
                      paragraphs=(Span(0, len(title)), Span(len(title) + 2, len(text))), lang=lang,
                      lang_confidence=0.99, published=PartialDate.parse(published), truncated=False, report=report,
                      title_span=Span(0, len(title)))
    return raw, article


def _analysis(article: Article, *, figure: str, quote: str, speaker: str, speaker_entity: str | None,
              claim: str) -> Analysis:
    text = article.text
    entities = (Entity("mali", "Mali", "country"), Entity("groupe-wagner", "Groupe Wagner", "organisation"))
    mentions = tuple(Mention(_span(text, name), name, eid, "ALIAS")
                     for name, eid in (("Mali", "mali"), ("Wagner", "groupe-wagner")) if name in text)
    value = float(figure.split()[0].replace("\u202f", "").replace(" ", ""))
    figures = (Figure(_span(text, figure), figure, "count", value, value, unit="soldats"),)
    quotes = (Quote(_span(text, quote), quote, True,
                    Speaker(speaker, "official", entity_id=speaker_entity, span=_span(text, speaker)), cue="a déclaré"),)
    attributions = (Attribution(_span(text, "selon Reuters"), "Reuters", "news agency", origin_id="reuters"),)
    claims = (Claim(stable_id("c", article.id, claim), _span(text, claim), claim, "reported",
                    entity_ids=("mali",), figure_indexes=(0,), attribution_indexes=(0,)),)
    return Analysis(article.id, "fr", entities=entities, mentions=mentions, figures=figures, quotes=quotes,
                    attributions=attributions, claims=claims)


def _evidence(article: Article, analysis: Analysis, stance: str = "supports") -> Evidence:
    fig = analysis.figures[0]
    return Evidence(article.id, article.outlet, fig.span, analysis.claims[0].text, "reported", source="Reuters",
                    origin=f"outlet:{article.outlet}", value=fig,
                    published=article.published.iso() if article.published else None, stance=stance)


def build_store(path: Path, *, big_chars: int = 10_000_000, extra_stories: int = 0) -> Ids:
    """Write the records into a new store at `path` and return their ids."""
    body1 = ("Selon Reuters, le Mali aurait accepté le déploiement de 1000 soldats du groupe Wagner. "
             "« Nous ne céderons à aucune pression », a déclaré le ministre Abdoulaye Diop à Bamako.")
    body2 = ("Le Mali accueillerait 2000 soldats de Wagner, selon Reuters. "
             "« Aucun accord n'a été signé », a déclaré le ministre Abdoulaye Diop devant la presse.")
    body3 = (f"Texte piégé {XSS} et {EVIL_ATTR} puis un lien <a href=\"{EVIL_LINK}\">clic</a>. "
             f"Le Mali recevrait 3000 soldats selon Reuters. « {XSS} », a déclaré le porte-parole {EVIL_ATTR}.")
    raw1, a1 = _document("Le Courrier du Sahel", "Mali : Wagner en approche", body1, "2024-03-02",
                         url="https://courrier.example/mali-wagner", raw_prefix="Lecture 3 min\n")
    raw2, a2 = _document("Dakar Matin", "Bamako dément un accord avec Wagner", body2, "2024-03-03",
                         url="https://dakarmatin.example/bamako")
    raw3, a3 = _document(f"Le Pirate {EVIL_ATTR}", f"Titre {XSS}", body3, "2024-03-04", url=EVIL_LINK)
    big_body = "Mali " + ("x" * 97 + " ") * (big_chars // 98)
    raw4, a4 = _document("Flux Géant", "Une ligne de dix mégaoctets", big_body, "2024-02-01")
    an1 = _analysis(a1, figure="1000 soldats", quote="Nous ne céderons à aucune pression",
                    speaker="Abdoulaye Diop", speaker_entity="abdoulaye-diop",
                    claim="Selon Reuters, le Mali aurait accepté le déploiement de 1000 soldats du groupe Wagner.")
    an2 = _analysis(a2, figure="2000 soldats", quote="Aucun accord n'a été signé", speaker="Abdoulaye Diop",
                    speaker_entity="abdoulaye-diop", claim="Le Mali accueillerait 2000 soldats de Wagner, selon Reuters.")
    an3 = _analysis(a3, figure="3000 soldats", quote=XSS, speaker=f"porte-parole {EVIL_ATTR}", speaker_entity=None,
                    claim="Le Mali recevrait 3000 soldats selon Reuters.")
    a1 = Article(**{**a1.__dict__, "report": CleaningReport(
        removed=a1.report.removed, repairs=(Repair(14, 18, "Malï", "Mali", "mojibake"),),
        source_text=a1.report.source_text, field_sources=a1.report.field_sources)})
    story = Story(stable_id("s", "mali-wagner"), f"Mali et Wagner : l'accord contesté {XSS}", (a1.id, a2.id, a3.id),
                  "2024-03-02", "2024-03-04", outlets=(a1.outlet or "", a2.outlet or "", a3.outlet or ""),
                  languages=("fr",), key_entities=("mali", "groupe-wagner"), first_report=a1.id)
    story_big = Story(stable_id("s", "big"), "Le flux géant", (a4.id,), "2024-02-01", "2024-02-01",
                      outlets=("Flux Géant",), languages=("fr",), first_report=a4.id)
    figure_fact = Fact(stable_id("f", "fig"), story.id, "figure", "nombre de soldats de Wagner au Mali",
                       (_evidence(a1, an1), _evidence(a2, an2, "contradicts"), _evidence(a3, an3)),
                       ("outlet:Le Courrier du Sahel", "outlet:Dakar Matin"), "contradicted",
                       first_report=a1.id, slot="count: personnel")
    claim_fact = Fact(stable_id("f", "claim"), story.id, "claim", "Le Mali accueille des soldats de Wagner",
                      (_evidence(a1, an1), _evidence(a2, an2)), ("reuters", "outlet:Dakar Matin"), "corroborated",
                      first_report=a1.id)
    evil_fact = Fact(stable_id("f", "evil"), story.id, "quote", f"Citation {XSS} {EVIL_ATTR}", (_evidence(a3, an3),),
                     ("outlet:evil",), "single-source", first_report=a3.id)
    store: Store = open_store(path)
    with store.transaction():
        store.add_document(raw1, a1, an1)
        store.add_document(raw2, a2, an2)
        store.add_document(raw3, a3, an3)
        store.add_document(raw4, a4, Analysis(a4.id, "fr", mentions=(Mention(Span(len(a4.title or "") + 2,
                                                                                  len(a4.title or "") + 6), "Mali",
                                                                             "mali", "ALIAS"),),
                                              entities=(Entity("mali", "Mali", "country"),)))
        store.save_dup_groups([DupGroup(stable_id("g", a1.id), a1.id, (a1.id, a3.id))])
        store.save_stories([story, story_big])
        store.save_facts(story.id, [figure_fact, claim_fact, evil_fact])
        for n in range(extra_stories):
            raw, art = _document(f"Outlet {n % 3}", f"Sujet numéro {n}", f"Corps du sujet {n} au Niger.",
                                 f"2023-01-{n % 28 + 1:02d}")
            store.add_document(raw, art, None)
            store.save_stories([Story(stable_id("s", "extra", str(n)), f"Sujet numéro {n}", (art.id,),
                                      art.published.iso() if art.published else None,
                                      art.published.iso() if art.published else None, outlets=(art.outlet or "",),
                                      languages=("fr",), first_report=art.id)])
    store.close()
    quote_span = (an1.quotes[0].span.start, an1.quotes[0].span.end)
    return Ids(story.id, story_big.id, a1.id, a2.id, a3.id, a4.id, figure_fact.id, claim_fact.id, evil_fact.id,
               quote_span)

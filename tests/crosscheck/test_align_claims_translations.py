"""Aligning claims across articles from hand-built records (no spaCy, no e5: a lookup embedder
whose vectors are set here): translations found by their margin, sentences that say more than
what aligned them, denials of one party kept apart, quoted sentences left to the quotes."""

from __future__ import annotations

import numpy as np
from records import sentences_article

from recoupe.crosscheck import crosscheck_story
from recoupe.crosscheck.align import claim_items
from recoupe.crosscheck.origins import ArticleContext
from recoupe.model import Analysis, Article, Claim, Quote, Span, Speaker, Story
from recoupe.settings import load_settings


def _article(aid: str, outlet: str, lang: str, sentences: list[str], modality: str = "asserted",
             entities: dict[int, tuple[str, ...]] | None = None, subjects: dict[int, str] | None = None,
             modalities: dict[int, str] | None = None) -> tuple[Article, Analysis]:
    article, spans = sentences_article(aid, outlet, lang, sentences, "2024-11-14")
    claims = tuple(Claim(id=f"{aid}-{i}", span=spans[i], text=s, modality=(modalities or {}).get(i, modality),
                         entity_ids=(entities or {}).get(i, ()), subject=(subjects or {}).get(i))
                   for i, s in enumerate(sentences))
    return article, Analysis(article_id=aid, lang=lang, sentences=spans, claims=claims)


def _facts(pairs, embed=None):
    articles = [a for a, _ in pairs]
    story = Story(id="s1", label="Dakar", members=tuple(a.id for a in articles), first_seen="2024-11-14",
                  last_seen="2024-11-14")
    return crosscheck_story(story, articles, {a.id: an for a, an in pairs}, [], load_settings().crosscheck, embed)


def _with(facts, aid: str, start: str):
    return [f for f in facts if f.kind == "claim" and any(e.article_id == aid and e.text.startswith(start)
                                                          for e in f.evidence)]


FLAG_EN = "The vessel was sailing under the flag of Guinea-Bissau."
FLAG_FR = "Le chalutier, qui bat pavillon de la Guinée-Bissau, a été conduit au port de Dakar."
EN_OTHERS = ["Senegal's navy seized cocaine from a fishing boat overnight.",
             "Customs officials held a press conference at the port on Thursday morning.",
             "The drugs were packed in bales and hidden under the fish hold."]
FR_OTHERS = ["La Marine nationale a intercepté un navire de pêche dans la nuit de mercredi à jeudi.",
             "Le directeur général des douanes a tenu une conférence de presse au port.",
             "Les enquêteurs de l'office des stupéfiants ont entamé les auditions des marins.",
             "Les pêcheurs artisanaux de Kafountine disent voir passer ces bateaux depuis des années."]


def _lookup_embedder(pair_cosine: float):
    """Every statement near one common direction (cosine 0.80 between any two), the flag sentence
    and its translation nearer each other (`pair_cosine`): a modest cosine that stands out."""
    texts = [FLAG_EN, FLAG_FR, *EN_OTHERS, *FR_OTHERS, *MORE_FR]
    dim = len(texts) + 2  # the common direction, one private direction each, the pair's shared one
    base = np.zeros(dim)
    base[0] = 1.0
    vectors = {}
    for k, text in enumerate(texts):
        v = np.sqrt(0.80) * base
        v[k + 1] = np.sqrt(0.20)
        vectors[text] = v
    shared = np.zeros(dim)
    shared[-1] = 1.0
    extra = (pair_cosine - 0.80) / 0.20  # the share of the private part they have in common
    for text in (FLAG_EN, FLAG_FR):
        private = vectors[text] - np.sqrt(0.80) * base
        vectors[text] = np.sqrt(0.80) * base + np.sqrt(0.20) * (
            np.sqrt(extra) * shared + np.sqrt(1 - extra) * private / np.linalg.norm(private))
    return lambda batch: np.stack([vectors[t] for t in batch])


def _bilingual_story(entity_en: str, entity_fr: str, pair_cosine: float):
    english = _article("en1", "Sahel Monitor", "en", [FLAG_EN, *EN_OTHERS], entities={0: (entity_en,)})
    french = _article("fr1", "La Sentinelle", "fr", [FLAG_FR, *FR_OTHERS[:2]], entities={0: (entity_fr,)})
    french2 = _article("fr2", "Le Soleil", "fr", FR_OTHERS[2:])
    return _facts([english, french, french2], _lookup_embedder(pair_cosine))


def test_translation_with_a_modest_cosine_aligns_by_its_margin_and_a_rare_shared_entity():
    facts = _bilingual_story("guinee-bissau", "guinee-bissau", pair_cosine=0.86)
    fact = _with(facts, "en1", "The vessel")[0]
    assert {e.article_id for e in fact.evidence} == {"en1", "fr1"}
    assert fact.status == "corroborated"


def test_translation_pair_without_an_anchor_stays_apart():
    facts = _bilingual_story("guinee-bissau", "portugal", pair_cosine=0.86)
    assert [{e.article_id for e in f.evidence} for f in _with(facts, "en1", "The vessel")] == [{"en1"}]


MORE_FR = ["Le parquet de Dakar a ouvert une information judiciaire pour trafic international.",
           "Les huit marins ont été placés sous mandat de dépôt vendredi.",
           "Le gouverneur a annoncé deux vedettes supplémentaires pour la base navale.",
           "La valeur de la cargaison dépasse le budget annuel de plusieurs communes.",
           "Les pêcheurs demandent que les moyens de surveillance soient renforcés.",
           "Une source proche de l'enquête évoque un transbordement au large de la Casamance."]


def _bilingual_story_of_many(pair_cosine: float, entity_elsewhere: bool):
    """A story of fifteen statements where "guinee-bissau" is named by the pair alone (very rare) or
    also by one other statement (rare only)."""
    english = _article("en1", "Sahel Monitor", "en", [FLAG_EN, *EN_OTHERS], entities={0: ("guinee-bissau",)})
    french = _article("fr1", "La Sentinelle", "fr", [FLAG_FR, *FR_OTHERS[:2]], entities={0: ("guinee-bissau",)})
    french2 = _article("fr2", "Le Soleil", "fr", FR_OTHERS[2:])
    french3 = _article("fr3", "L'Écho", "fr", MORE_FR, entities={0: ("guinee-bissau",)} if entity_elsewhere else None)
    return _facts([english, french, french2, french3], _lookup_embedder(pair_cosine))


def test_translation_at_the_plain_margin_aligns_by_a_very_rare_entity_only():
    # cosine 0.8215 among statements at 0.80: margin 1.02, below the entity margin (1.03)
    facts = _bilingual_story_of_many(0.8215, entity_elsewhere=False)
    assert {e.article_id for e in _with(facts, "en1", "The vessel")[0].evidence} == {"en1", "fr1"}
    facts = _bilingual_story_of_many(0.8215, entity_elsewhere=True)
    assert [{e.article_id for e in f.evidence} for f in _with(facts, "en1", "The vessel")] == [{"en1"}]


FILLERS = ["Le centre du pays est le théâtre de violences jihadistes depuis 2015.",
           "Les camions de ravitaillement sautent souvent sur des engins explosifs.",
           "Le gouvernement a décrété trois jours de deuil national.",
           "Le prix des denrées a doublé sur les marchés de la région."]


def test_a_sentence_that_says_much_more_than_its_cluster_also_stands_alone():
    short = "L'action de la compagnie minière Northcrest a chuté à la Bourse de Toronto."
    long = ("L'action de la compagnie minière Northcrest a chuté à la Bourse de Toronto, au lendemain de la "
            "décision du gouvernement burkinabè de nationaliser la mine de Toéni, que des investisseurs "
            "canadiens jugent brutale et contraire au code minier adopté en 2023.")
    facts = _facts([_article("a1", "Ouaga Hebdo", "fr", [short, *FILLERS[:2]]),
                    _article("a2", "Abidjan Express", "fr", [long, *FILLERS[2:]])])
    shared = [f for f in _with(facts, "a2", "L'action") if len(f.evidence) == 2]
    alone = [f for f in _with(facts, "a2", "L'action") if len(f.evidence) == 1]
    assert len(shared) == 1 and shared[0].status == "corroborated"
    assert len(alone) == 1 and alone[0].status == "single-source" and alone[0].id != shared[0].id
    # The short sentence says nothing the long one does not: no remainder of its own.
    assert all(len(f.evidence) == 2 for f in _with(facts, "a1", "L'action"))


def test_two_denials_of_one_party_about_different_things_stay_two_facts():
    owes = "Dans un communiqué, la CMRN a démenti devoir cette somme à l'État guinéen."
    layoffs = "Joint par téléphone, un responsable de la CMRN a démenti tout projet de licenciement."
    facts = _facts([
        _article("a1", "AOAP", "fr", [owes, *FILLERS[:2]], modalities={0: "denied"}, subjects={0: "la CMRN"}),
        _article("a2", "La Voix de Boké", "fr", [layoffs, *FILLERS[2:]], modalities={0: "denied"},
                 subjects={0: "un responsable de la CMRN"}),
    ])
    denials = [f for f in facts if f.slot == "denial"]
    assert sorted(len(f.evidence) for f in denials) == [1, 1]


def test_a_sentence_inside_a_direct_quote_is_aligned_as_the_quote_only():
    sentence = "« Le drone a frappé deux fois », a déclaré Mohamed Ag Intallah, porte-parole du CSP."
    article, analysis = _article("a1", "Mali Horizon", "fr", [sentence], modality="quoted")
    quote = Quote(span=Span(2, 27), text="Le drone a frappé deux fois", direct=True,
                  speaker=Speaker(name="Mohamed Ag Intallah", kind="person"))
    claims = tuple(c.__class__(**{**c.__dict__, "quote_index": 0}) for c in analysis.claims)
    analysis = analysis.__class__(**{**analysis.__dict__, "quotes": (quote,), "claims": claims})
    ctx = ArticleContext(article, analysis, "a1", None)
    assert claim_items(ctx) == []
    reported = analysis.__class__(**{**analysis.__dict__, "claims": tuple(
        c.__class__(**{**c.__dict__, "modality": "reported"}) for c in claims)})
    assert len(claim_items(ArticleContext(article, reported, "a1", None))) == 1


def test_a_figure_value_no_other_outlet_gives_makes_a_fact_of_its_own():
    from dataclasses import replace

    from recoupe.model import Figure

    plain = "Selon l'ONUDC, la cocaïne consommée en Europe transite par l'Afrique de l'Ouest et le golfe de Guinée."
    share = ("Selon l'ONUDC, près de 30 % de la cocaïne consommée en Europe transite par l'Afrique de l'Ouest et le "
             "golfe de Guinée.")
    first = _article("a1", "La Sentinelle", "fr", [plain, *FILLERS[:2]])
    article, analysis = _article("a2", "Dakar Info", "fr", [share, *FILLERS[2:]])
    start = share.index("près de 30 %")
    figure = Figure(span=Span(start, start + len("près de 30 %")), text="près de 30 %", kind="percent",
                    low=30.0, high=30.0, approx=True)
    claims = (replace(analysis.claims[0], figure_indexes=(0,)), *analysis.claims[1:])
    second = (article, replace(analysis, figures=(figure,), claims=claims))
    facts = _with(_facts([first, second]), "a2", "Selon l'ONUDC")
    assert sorted(len(f.evidence) for f in facts) == [1, 2]
    assert next(f for f in facts if len(f.evidence) == 1).status == "single-source"


def _twin_clusters(english_b: str):
    from recoupe.crosscheck import build_contexts
    from recoupe.crosscheck.align import _merge_bilingual_twins, story_weights

    fillers_en = ["The army said fifteen soldiers were killed in the ambush.",
                  "Mali's junta turned to Moscow for security support after 2020."]
    pairs = [
        _article("fr1", "AOAP", "fr", ["Des instructeurs russes d'Africa Corps auraient accompagné le convoi.", *FILLERS[:2]]),
        _article("en1", "West Africa Wire", "en", ["Russian instructors from Africa Corps were travelling with the convoy.",
                                                   *fillers_en]),
        _article("fr2", "Sahel Quotidien", "fr", ["Des éléments d'Africa Corps se trouvaient à bord du convoi.", *FILLERS[2:]]),
        _article("en2", "Sahel Monitor", "en", [english_b, "Jihadist groups have besieged the Boni camp for months.",
                                                "The toll given by the rebels was higher than the official one.",
                                                "Central Mali has seen jihadist violence since 2015.",
                                                "Relief trucks often hit roadside bombs on that road."]),
    ]
    contexts = build_contexts([a for a, _ in pairs], {a.id: an for a, an in pairs}, [])
    items = [item for ctx in contexts for item in claim_items(ctx)]
    first = {i.ctx.article.id: i for i in items if i.claim and i.claim.id.endswith("-0")}
    clusters = [[first["fr1"], first["en1"]], [first["fr2"], first["en2"]]]
    _merge_bilingual_twins(clusters, story_weights(items))
    return [sorted(i.ctx.article.id for i in c) for c in clusters if c]


def test_two_bilingual_clusters_of_one_claim_merge_through_their_same_language_pair():
    merged = _twin_clusters("Reuters reported that Africa Corps personnel were travelling with the convoy.")
    assert merged == [["en1", "en2", "fr1", "fr2"]]
    apart = _twin_clusters("Reuters reported that the army buried its dead at the Boni camp.")
    assert len(apart) == 2

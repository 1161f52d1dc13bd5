"""Statuses from hand-built analyses: an agency dispatch relayed by two outlets beside an outlet
with its own source, and denials tied to the claim they answer (no spaCy: records built here)."""

from __future__ import annotations

from records import sentences_article

from recoupe.crosscheck import crosscheck_story
from recoupe.model import Analysis, Article, Attribution, Claim, Story
from recoupe.settings import load_settings


def _article(aid: str, outlet: str, sentences: list[str], claims: list[tuple[int, str]],
             attributions: list[tuple[int, str, str]] = ()) -> tuple[Article, Analysis]:
    """sentences -> text; claims: (sentence index, modality); attributions: (sentence, source, kind)."""
    article, spans = sentences_article(aid, outlet, "fr", sentences, "2024-02-13")
    atts = tuple(Attribution(span=spans[i], source=src, kind=kind, scope=spans[i]) for i, src, kind in attributions)
    cls = tuple(Claim(id=f"{aid}-{i}", span=spans[i], text=sentences[i], modality=m,
                      entity_ids=("boni",)) for i, m in claims)
    return article, Analysis(article_id=aid, lang="fr", sentences=spans, attributions=atts, claims=cls)


CLAIM = "Des instructeurs russes accompagnaient le convoi attaqué près de Boni, selon {}."
OWN = "Des instructeurs russes accompagnaient aussi le convoi visé près de Boni, selon {}."


FILLERS = [
    "Le centre du pays est le théâtre de violences jihadistes depuis 2015.",
    "La junte au pouvoir à Bamako a rompu avec la France et s'est tournée vers Moscou.",
    "Les camions de ravitaillement sautent souvent sur des engins explosifs.",
    "Le gouvernement a décrété trois jours de deuil national.",
    "Les habitants de Hombori disent vivre dans la peur depuis des mois.",
    "Le prix des denrées a doublé sur les marchés de la région.",
]


def _filler(aid: str) -> tuple[Article, Analysis]:
    # A story says other things too: without them every word of the claim is in every statement
    # and weighs nothing.
    return _article(aid, "Le Républicain", FILLERS, [(i, "asserted") for i in range(len(FILLERS))])


def _story(*pairs: tuple[Article, Analysis]):
    pairs = (*pairs, _filler("f1"))
    articles = [a for a, _ in pairs]
    analyses = {a.id: an for a, an in pairs}
    story = Story(id="s1", label="Boni", members=tuple(a.id for a in articles), first_seen="2024-02-13",
                  last_seen="2024-02-13")
    return crosscheck_story(story, articles, analyses, [], load_settings().crosscheck)


def _fact_with(facts, aid: str, start_text: str):
    return next(f for f in facts if f.kind == "claim" and any(e.article_id == aid and e.text.startswith(start_text)
                                                              for e in f.evidence))


def test_status_relays_of_one_agency_count_once_beside_an_own_source():
    relay_a = _article("a1", "Bamako Matin", [CLAIM.format("l'AOAP")], [(0, "reported")],
                       [(0, "AOAP", "news agency")])
    relay_b = _article("a2", "Sahel Actu", [CLAIM.format("l'AOAP")], [(0, "reported")],
                       [(0, "AOAP", "news agency")])
    facts = _story(relay_a, relay_b)
    fact = _fact_with(facts, "a1", "Des instructeurs")
    assert fact.status == "single-source" and fact.origins == ("aoap",)
    own = _article("a3", "Le Sahel Quotidien", [OWN.format("deux responsables militaires")], [(0, "reported")],
                   [(0, "deux responsables militaires", "anonymous")])
    facts = _story(relay_a, relay_b, own)
    fact = _fact_with(facts, "a3", "Des instructeurs")
    assert {e.article_id for e in fact.evidence} == {"a1", "a2", "a3"}
    assert fact.status == "corroborated" and fact.independent_origins == 2


def test_status_short_denial_denies_the_claim_just_before_it():
    first = _article("a1", "AOAP", [CLAIM.format("des habitants"), "L'armée dément."],
                     [(0, "reported"), (1, "denied")], [(0, "des habitants", "anonymous")])
    second = _article("a3", "Le Sahel Quotidien", [OWN.format("deux responsables militaires")], [(0, "reported")],
                      [(0, "deux responsables militaires", "anonymous")])
    facts = _story(first, second)
    claim = _fact_with(facts, "a3", "Des instructeurs")
    assert claim.status == "denied"
    assert [e.text for e in claim.evidence if e.stance == "denies"] == ["L'armée dément."]
    # The denial, tied to a claim two origins carry, keeps its own coverage status.
    denial = next(f for f in facts if f.slot == "denial")
    assert denial.status == "single-source"


def test_status_denial_of_a_single_source_claim_is_the_denied_fact():
    rumour = "Selon une source proche du dossier, la compagnie aurait signé un avenant en décembre."
    other = _article("a1", "Niamey Soir", [rumour], [(0, "conditional")],
                     [(0, "une source proche du dossier", "anonymous")])
    denial_text = "La compagnie Volga Zoloto dément avoir signé un avenant avec Niamey."
    denier = _article("a2", "Niger Inter", ["Le ministère a suspendu le permis de la mine.", denial_text],
                      [(0, "asserted"), (1, "denied")])
    facts = _story(other, denier)
    denial = next(f for f in facts if f.slot == "denial")
    assert denial.status == "denied"
    assert _fact_with(facts, "a1", "Selon une source").status == "single-source"
    assert _fact_with(facts, "a2", "Le ministère").status == "single-source"


def test_status_two_outlets_that_each_heard_the_minister_are_two_origins():
    said = "Le ministre de la Défense a confirmé que des instructeurs russes accompagnaient le convoi près de Boni."
    first = _article("a1", "Bamako Matin", [said], [(0, "reported")], [(0, "le ministre de la Défense", "official")])
    second = _article("a2", "Le Sahel Quotidien", [said], [(0, "reported")],
                      [(0, "le ministre de la Défense", "official")])
    fact = _fact_with(_story(first, second), "a1", "Le ministre")
    assert {e.article_id for e in fact.evidence} == {"a1", "a2"}
    assert fact.status == "corroborated" and fact.independent_origins == 2
    assert all(e.source == "le ministre de la Défense" for e in fact.evidence)


def test_status_denial_in_the_same_article_denies_a_single_source_claim():
    first = _article("a1", "AOAP", [CLAIM.format("des habitants"), "L'armée dément."],
                     [(0, "reported"), (1, "denied")], [(0, "des habitants", "anonymous")])
    facts = _story(first)
    assert _fact_with(facts, "a1", "Des instructeurs").status == "denied"


def test_status_plain_negation_after_a_claim_denies_nothing():
    negation = "« Nous n'avions jamais vu un tel convoi », a dit un habitant."
    first = _article("a1", "AOAP", [CLAIM.format("des habitants"), negation],
                     [(0, "reported"), (1, "denied")], [(0, "des habitants", "anonymous")])
    facts = _story(first)
    assert _fact_with(facts, "a1", "Des instructeurs").status == "single-source"


def _denial_fact(facts, aid: str, start_text: str):
    return next(f for f in facts if f.slot == "denial" and any(
        e.article_id == aid and e.text.startswith(start_text) for e in f.evidence))


def test_status_a_party_negation_alone_is_no_denial():
    sentences = ["Le navire battait pavillon de la Guinée-Bissau.",
                 "Selon le ministère des Pêches, le bateau n'est plus autorisé à pêcher sous notre pavillon depuis septembre.",
                 "Les marins ont été placés en garde à vue."]
    article = _article("a1", "Le Matin", sentences, [(0, "asserted"), (1, "denied"), (2, "asserted")])
    assert _denial_fact(_story(article), "a1", "Selon le ministère").status == "single-source"


def test_status_negations_continuing_a_denial_are_denied():
    sentences = ["L'ambassade a démenti vendredi toute implication de ses responsables.",
                 "« Aucun responsable de notre pays n'est impliqué », a déclaré son conseiller.",
                 "Il a rappelé que le port est fermé le dimanche.",
                 "Selon lui, le navire « n'avait plus aucun lien avec l'administration »."]
    article = _article("a1", "L'Écho", sentences, [(0, "denied"), (1, "denied"), (2, "asserted"), (3, "denied")])
    facts = _story(article)
    assert _denial_fact(facts, "a1", "L'ambassade").status == "denied"
    # three sentences after the cue, two after the adviser's negation that continues it
    assert _denial_fact(facts, "a1", "Selon lui").status == "denied"


def _with_subjects(pair, subjects: dict[int, str], lang: str = "fr"):
    from dataclasses import replace

    article, analysis = pair
    claims = tuple(replace(c, subject=subjects.get(k, c.subject)) for k, c in enumerate(analysis.claims))
    return replace(article, lang=lang), replace(analysis, lang=lang, claims=claims)


def test_status_a_denial_in_another_language_bridges_no_two_denials_of_one_party():
    debt = _with_subjects(_article("a1", "AOAP", [
        "Le ministère affirme que la CMRN doit 1 200 milliards de francs guinéens à l'État.",
        "Dans un communiqué, la CMRN a démenti devoir cette somme."], [(0, "reported"), (1, "denied")]),
        {1: "la CMRN"})
    wire = _with_subjects(_article("a2", "West Africa Wire", [
        "The ministry says CMRN owes 1,200 billion Guinean francs to the state.",
        "CMRN rejected the claim."], [(0, "reported"), (1, "denied")]), {1: "CMRN"}, lang="en")
    layoffs = _with_subjects(_article("a3", "La Voix de Boké", [
        "Les travailleurs redoutent le chômage technique à Kamsar.",
        "Un responsable de la CMRN a démenti tout projet de licenciement."], [(0, "asserted"), (1, "denied")]),
        {1: "un responsable de la CMRN"})
    facts = _story(debt, wire, layoffs)
    layoff_denial = _denial_fact(facts, "a3", "Un responsable")
    assert {e.article_id for e in layoff_denial.evidence} == {"a3"}
    assert layoff_denial.status == "denied"

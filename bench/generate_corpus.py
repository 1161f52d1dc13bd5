"""Generate a realistic news-like corpus (French mostly, some English) as text, HTML and WARC.

    python bench/generate_corpus.py OUT_DIR [--n 10000] [--seed 7] [--en-share 0.2] [--per-warc 500]

Every article is built from templates written for this benchmark (invented outlets, people and
places; no text copied from anywhere): a headline, a lead, body paragraphs with figures, direct
quotes with speech verbs, attributions ("selon ...", "according to ..."), conditional sentences,
and the chrome a crawl carries ("Lire aussi", "min de lecture", share and cookie lines, a
duplicated caption line, now and then typographic apostrophes mangled to "?").

Each article is written three ways, the same story in each:
    OUT_DIR/text/NNNNN.txt         the plain text with its chrome
    OUT_DIR/html/NNNNN.html        a full page: nav, JSON-LD, OpenGraph, article body, footer
    OUT_DIR/warc/part-KKK.warc.gz  the same HTML pages as WARC response records (with request records)

Library use: `make_article(i, rng)` -> GeneratedArticle, `write_corpus(out_dir, n, seed)` -> counts,
`article_texts(n, seed)` -> list of plain texts (what the analysis benchmark feeds in).
"""

from __future__ import annotations

import argparse
import datetime
import html as html_lib
import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GeneratedArticle", "make_article", "render_text", "render_html", "write_warc", "write_corpus",
           "article_texts"]

# ------------------------------------------------------------------ vocabulary (invented)

OUTLETS_FR = ["Le Courrier du Fleuve", "La Dépêche des Savanes", "Horizon Info", "Le Veilleur Sahélien",
              "L'Écho de la Lagune", "Matin Continental", "Le Messager du Delta", "Tribune Ouest"]
OUTLETS_EN = ["The Harbour Ledger", "Continental Wire", "The Morning Sentinel", "Savanna Post"]
COUNTRIES = [("Mali", "Bamako", "maliennes"), ("Niger", "Niamey", "nigériennes"), ("Sénégal", "Dakar", "sénégalaises"),
             ("Burkina Faso", "Ouagadougou", "burkinabè"), ("Côte d'Ivoire", "Abidjan", "ivoiriennes"),
             ("Tchad", "N'Djamena", "tchadiennes"), ("Guinée", "Conakry", "guinéennes"),
             ("Bénin", "Cotonou", "béninoises"), ("Togo", "Lomé", "togolaises"), ("Cameroun", "Yaoundé", "camerounaises")]
FIRST = ["Aminata", "Moussa", "Fatoumata", "Ibrahim", "Awa", "Souleymane", "Mariam", "Oumar", "Kadiatou",
         "Boubacar", "Hawa", "Seydou", "Rokia", "Adama", "Salif", "Nafissatou", "Claire", "Étienne", "Lucie"]
LAST = ["Traoré", "Diallo", "Keïta", "Coulibaly", "Konaté", "Sangaré", "Touré", "Camara", "Sow", "Ndiaye",
        "Ouédraogo", "Kaboré", "Mensah", "Dossou", "Fofana", "Bamba", "Lefèvre", "Moreau", "Garnier"]
ROLES_FR = ["le ministre de l'Économie", "la porte-parole du gouvernement", "le directeur de la Société "
            "nationale des mines", "le président de la chambre de commerce", "la ministre de la Santé",
            "le gouverneur de la région", "le chef d'état-major", "la présidente de l'Assemblée"]
ROLES_EN = ["the finance minister", "the government spokeswoman", "the head of the national mining company",
            "the chamber of commerce president", "the health minister", "the regional governor"]
TOPICS_FR = [
    ("accord minier", "la signature d'un accord minier avec un consortium étranger", "tonnes d'or"),
    ("budget", "l'adoption du budget rectificatif", "milliards de francs CFA"),
    ("prix du cacao", "la hausse du prix garanti du cacao bord champ", "francs CFA le kilo"),
    ("vaccination", "le lancement d'une campagne de vaccination", "doses"),
    ("inondations", "les inondations qui ont frappé plusieurs quartiers", "sinistrés"),
    ("élections", "le calendrier des élections locales", "bureaux de vote"),
    ("sécurité", "le déploiement de renforts dans le nord", "soldats"),
    ("énergie", "la mise en service d'une centrale solaire", "mégawatts"),
]
TOPICS_EN = [
    ("mining deal", "the signing of a mining agreement with a foreign consortium", "tonnes of gold"),
    ("budget", "the adoption of an amended budget", "billion CFA francs"),
    ("floods", "the floods that hit several districts", "people displaced"),
    ("energy", "the commissioning of a solar power plant", "megawatts"),
]
VERBS_FR = ["a déclaré", "a affirmé", "a assuré", "a expliqué", "a indiqué", "a précisé", "a souligné"]
VERBS_EN = ["said", "told reporters", "stressed", "explained", "added"]
SOURCES_FR = ["selon l'agence Presse Ouest", "de source diplomatique", "selon une source sécuritaire",
              "d'après un document consulté par notre rédaction", "selon des sources concordantes"]
SOURCES_EN = ["according to Continental Wire", "a diplomatic source said", "according to two officials",
              "according to a document seen by our newsroom"]
CHROME_FR = ["Lire aussi : {other}", "· {n} min de lecture", "Partager sur Facebook", "Abonnez-vous à notre newsletter",
             "À LIRE AUSSI{other}", "Publicité", "Nous utilisons des cookies pour améliorer votre expérience."]
CHROME_EN = ["Read more: {other}", "{n} min read", "Share on Twitter", "Sign up for our newsletter", "Advertisement"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]


@dataclass(frozen=True)
class GeneratedArticle:
    index: int
    lang: str
    outlet: str
    url: str
    date: datetime.date
    author: str
    title: str
    paragraphs: tuple[str, ...]  # the article's own text: lead first
    chrome_top: tuple[str, ...]  # reading time, caption line (printed twice in the text form)
    chrome_bottom: tuple[str, ...]  # "Lire aussi", share, newsletter, cookies

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _amount(rng: random.Random) -> str:
    whole = rng.randint(2, 950)
    return f"{whole},{rng.randint(1, 9)}" if rng.random() < 0.3 else str(whole)


def _mangle(text: str) -> str:
    """What a charset without ’ and … does to a French text."""
    return text.replace("’", "?").replace("…", "?")


def _french(i: int, rng: random.Random) -> GeneratedArticle:
    country, capital, adj = rng.choice(COUNTRIES)
    short, topic, unit = rng.choice(TOPICS_FR)
    date = datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randint(0, 1200))
    speaker, role, other = _person(rng), rng.choice(ROLES_FR), _person(rng)
    n1, n2, pct = _amount(rng), rng.randint(3, 60), rng.randint(2, 45)
    day = f"{date.day} {MONTHS_FR[date.month - 1]} {date.year}"
    title = rng.choice([
        f"{country} : {short}, le gouvernement promet {n1} {unit}",
        f"{capital} annonce {topic.split(' ', 1)[1]}",
        f"{short.capitalize()} au {country} : ce que l’on sait",
    ])
    lead = (f"Les autorités {adj} ont annoncé le {day} {topic}, un dossier suivi de près à {capital} "
            f"et dans les pays voisins.")
    paras = [
        lead,
        (f"{rng.choice(SOURCES_FR).capitalize()}, le projet porterait sur {n1} {unit} et pourrait concerner "
         f"{n2} localités d’ici la fin de l’année. Le texte aurait été discuté lors d’un conseil des ministres "
         f"restreint, une information que le gouvernement n’a pas confirmée."),
        (f"« Nous avons pris nos responsabilités et les engagements seront tenus », {rng.choice(VERBS_FR)} "
         f"{speaker}, {role}, lors d’une conférence de presse à {capital}. « Rien n’a encore été signé », "
         f"a-t-il toutefois nuancé."),
        (f"Le coût total est estimé à {rng.randint(5, 900)} millions d’euros, soit une hausse de {pct} % par "
         f"rapport à l’an dernier. En {date.year - 1}, le pays avait déjà consacré {rng.randint(10, 400)} "
         f"milliards de francs CFA à ce secteur."),
        (f"L’opposition dénonce un manque de transparence. Pour {other}, député de la région, « les chiffres "
         f"avancés ne tiennent pas compte des besoins réels des populations »."),
        (f"Selon un rapport publié en {date.year}, près de {rng.randint(100, 9000)} ménages seraient concernés. "
         f"Les partenaires internationaux ont salué une « avancée », tout en appelant à la prudence. "
         f"(Réf. {date:%y%m}-{i})"),
    ]
    if rng.random() < 0.5:
        paras.insert(3, "Un calendrier encore flou")
    caption = f"{capital} a déjà engagé en {date.year - 2} des discussions sur ce dossier."
    top = (f"· {rng.randint(1, 6)} min de lecture", caption, caption)
    bottom = tuple(c.format(other=f"{country} : les enjeux d’un scrutin sous tension", n=rng.randint(1, 6))
                   for c in rng.sample(CHROME_FR, 3))
    if rng.random() < 0.2:
        paras = [_mangle(p) for p in paras]
    outlet = rng.choice(OUTLETS_FR)
    return _finish(i, "fr", outlet, date, _person(rng), title, paras, top, bottom)


def _english(i: int, rng: random.Random) -> GeneratedArticle:
    country, capital, _adj = rng.choice(COUNTRIES)
    short, topic, unit = rng.choice(TOPICS_EN)
    date = datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randint(0, 1200))
    speaker, role = _person(rng), rng.choice(ROLES_EN)
    n1, pct = _amount(rng), rng.randint(2, 45)
    title = f"{country} announces {short}, pledges {n1} {unit}"
    paras = [
        f"Authorities in {capital} announced {topic} on {date:%B} {date.day}, a move closely watched in the region.",
        (f"The plan would cover {n1} {unit}, {rng.choice(SOURCES_EN)}. The cabinet reportedly discussed "
         f"the text last week, which the government has not confirmed."),
        (f"\u201cWe have taken our responsibilities and the commitments will be honoured,\u201d {speaker}, "
         f"{role}, {rng.choice(VERBS_EN)} at a press conference."),
        (f"The total cost is put at {rng.randint(5, 900)} million euros, up {pct}% from last year. "
         f"(Ref. {date:%y%m}-{i})"),
    ]
    top = (f"{rng.randint(1, 6)} min read",)
    bottom = tuple(c.format(other=f"{country}: what is at stake", n=2) for c in rng.sample(CHROME_EN, 2))
    return _finish(i, "en", rng.choice(OUTLETS_EN), date, _person(rng), title, paras, top, bottom)


def _finish(i: int, lang: str, outlet: str, date: datetime.date, author: str, title: str,
            paras: list[str], top: tuple[str, ...], bottom: tuple[str, ...]) -> GeneratedArticle:
    slug = "".join(c if c.isalnum() else "-" for c in title.lower())[:60].strip("-")
    host = "".join(c for c in outlet.lower() if c.isalpha())[:24]
    url = f"https://www.{host}.example/{date:%Y/%m/%d}/{slug}-{i}"
    return GeneratedArticle(i, lang, outlet, url, date, author, title, tuple(paras), top, bottom)


def make_article(i: int, rng: random.Random, en_share: float = 0.2) -> GeneratedArticle:
    return _english(i, rng) if rng.random() < en_share else _french(i, rng)


# ------------------------------------------------------------------ renderings


def render_text(a: GeneratedArticle) -> str:
    """The text a crawl keeps: title, chrome, caption twice, body, chrome."""
    return "\n\n".join([a.title, *a.chrome_top, *a.paragraphs, *a.chrome_bottom]) + "\n"


def render_html(a: GeneratedArticle) -> str:
    e = html_lib.escape
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
          "datePublished": a.date.isoformat(), "author": {"@type": "Person", "name": a.author},
          "publisher": {"@type": "Organization", "name": a.outlet}, "inLanguage": a.lang}
    nav = "".join(f'<li><a href="/{s}">{s.capitalize()}</a></li>'
                  for s in ("politique", "économie", "société", "sport", "culture", "international"))
    body = "\n".join(f"<h2>{e(p)}</h2>" if len(p) < 40 and not p.endswith(".") else f"<p>{e(p)}</p>"
                     for p in a.paragraphs)
    related = "".join(f'<li><a href="/a/{k}">{e(t)}</a></li>' for k, t in enumerate(a.chrome_bottom))
    return f"""<!DOCTYPE html>
<html lang="{a.lang}"><head><meta charset="utf-8"><title>{e(a.title)} | {e(a.outlet)}</title>
<meta property="og:title" content="{e(a.title)}"><meta property="og:site_name" content="{e(a.outlet)}">
<meta property="article:published_time" content="{a.date.isoformat()}T08:30:00+00:00">
<meta name="author" content="{e(a.author)}"><link rel="canonical" href="{a.url}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script>
<style>body{{font-family:serif}} .share a{{margin:0 4px}}</style></head>
<body><header><a class="logo" href="/">{e(a.outlet)}</a><nav><ul>{nav}</ul></nav>
<form class="search"><input name="q" placeholder="Rechercher"></form></header>
<div class="cookie-banner">Nous utilisons des cookies. <button>Accepter</button></div>
<main><article><h1>{e(a.title)}</h1>
<div class="byline">Par <span class="author">{e(a.author)}</span> · <time datetime="{a.date.isoformat()}">{a.date.isoformat()}</time></div>
<figure><img src="/img/{a.index}.jpg" alt=""><figcaption>{e(a.chrome_top[-1])}</figcaption></figure>
{body}
<div class="share"><a href="#">Facebook</a><a href="#">X</a><a href="#">WhatsApp</a></div>
</article><aside class="related"><h3>À lire aussi</h3><ul>{related}</ul></aside></main>
<footer><p>© {a.date.year} {e(a.outlet)}. Tous droits réservés.</p><a href="/mentions">Mentions légales</a></footer>
</body></html>
"""


def write_warc(path: Path, articles: list[GeneratedArticle], gzip: bool = True) -> int:
    """One WARC (gzipped by default): a request and a response record per page (warcio). Returns the pages."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for a in articles:
            payload = render_html(a).encode("utf-8")
            req_headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", a.url.split("/")[2])], is_http_request=True)
            writer.write_record(writer.create_warc_record(a.url, "request", http_headers=req_headers))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(a.url, "response", payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(record)
    return len(articles)


def write_corpus(out_dir: Path, n: int, seed: int = 7, en_share: float = 0.2, per_warc: int = 500,
                 formats: tuple[str, ...] = ("text", "html", "warc")) -> dict[str, int]:
    """Write `n` articles in each of `formats` under `out_dir`; returns files written per format."""
    rng = random.Random(seed)
    articles = [make_article(i, rng, en_share) for i in range(n)]
    counts: dict[str, int] = {}
    if "text" in formats:
        (out_dir / "text").mkdir(parents=True, exist_ok=True)
        for a in articles:
            (out_dir / "text" / f"{a.index:05d}.txt").write_text(render_text(a), "utf-8")
        counts["text"] = n
    if "html" in formats:
        (out_dir / "html").mkdir(parents=True, exist_ok=True)
        for a in articles:
            (out_dir / "html" / f"{a.index:05d}.html").write_text(render_html(a), "utf-8")
        counts["html"] = n
    if "warc" in formats:
        (out_dir / "warc").mkdir(parents=True, exist_ok=True)
        for k in range(0, n, per_warc):
            write_warc(out_dir / "warc" / f"part-{k // per_warc:03d}.warc.gz", articles[k : k + per_warc])
        counts["warc"] = n
    return counts


def article_texts(n: int, seed: int = 11, en_share: float = 0.0) -> list[str]:
    """`n` plain article texts (title + body, no chrome), for the analysis benchmark."""
    rng = random.Random(seed)
    return [f"{a.title}\n\n{a.body}" for a in (make_article(i, rng, en_share) for i in range(n))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--en-share", type=float, default=0.2)
    parser.add_argument("--per-warc", type=int, default=500)
    args = parser.parse_args()
    print(json.dumps(write_corpus(args.out_dir, args.n, args.seed, args.en_share, args.per_warc)))


if __name__ == "__main__":
    main()

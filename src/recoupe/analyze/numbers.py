"""Numbers in text: the lexicons, the quantity pattern, and reading one number.

Digit strings are read by babel (`parse_decimal`, which knows "1 234,56" with
spaces, NBSP and NNBSP); number words by text2num ("vingt-trois", "six").
What no library does is written here: scale words ("milliards", "$10.8m"),
collective nouns ("un millier", "des centaines"), and the regular expression
that finds candidate quantities so that only selected spans are parsed.

All word lists live in `lang/<fr|en>/number_words.json`, `figure_cues.json`,
`figure_units.json` and `data/currencies.json`; this module only compiles them.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from decimal import InvalidOperation
from importlib import resources
from typing import Any

__all__ = [
    "Quantity",
    "FigureLexicon",
    "APOS",
    "lexicon",
    "currency_table",
    "peg_rate",
    "read_number",
    "words_pattern",
]

APOS = "[’'ʼ]"
_LOCALES = {"fr": "fr_FR", "en": "en_US"}


@dataclass(frozen=True)
class Quantity:
    """A quantity read from a phrase alone: the value of a Figure without its place in a text."""

    text: str
    kind: str  # FigureKind
    low: float | None
    high: float | None
    approx: bool = False
    vague: bool = False
    unit: str | None = None
    currency: str | None = None
    period: str | None = None


def _load_json(path: str) -> dict[str, Any]:
    return json.loads(resources.files("recoupe").joinpath(path).read_text(encoding="utf-8"))


def words_pattern(words: Any) -> str:
    """An alternation of `words`, longest first, with flexible spaces and apostrophes."""
    return _words_pattern(tuple(words))


@functools.lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...]) -> str:
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word.lower())
        escaped = re.sub(r"(?:\\ )+", r"\\s+", escaped)
        escaped = re.sub(r"[’']", APOS, escaped)
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


@dataclass(frozen=True)
class FigureLexicon:
    """Every word list of one language, with the patterns compiled from them."""

    lang: str
    words: dict[str, Any]
    cues: dict[str, Any]
    units: dict[str, Any]
    currencies: dict[str, str]  # lowercase currency name -> ISO
    symbols_before: dict[str, str]
    symbols_after: dict[str, str]
    symbol_scales: dict[str, float]
    quantity: re.Pattern[str]  # cues? currency-symbol? core
    bare_quantity: re.Pattern[str]  # core only, for range ends and stated equivalents
    cue: re.Pattern[str]  # one cue, to classify the cues a match started with
    elliptic_currencies: dict[str, tuple[str, ...]]  # "francs" -> the ISO codes it may stand for

    def scale_of(self, word: str) -> float | None:
        word = word.lower()
        for table in ("scales", "scale_abbreviations", "collectives", "collectives_plural"):
            if word in self.words[table]:
                return float(self.words[table][word])
        return None

    def duration_unit(self, word: str) -> tuple[str, float] | None:
        found = self.units["duration_units"].get(word.lower())
        return (found[0], float(found[1])) if found else None


def _digits_pattern(lang: str, after_connector: bool = False) -> str:
    # Thousands groups of exactly three digits (at most four groups, so a line of numbers
    # never merges into one giant number); French groups with spaces, NBSP, NNBSP or dots.
    if lang == "fr":
        grouped = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3}){1,4}(?:,\d+)?"
        plain = r"\d+(?:[,.]\d+)?"
    else:
        grouped = r"\d{1,3}(?:[,\u00a0\u202f]\d{3}){1,4}(?:\.\d+)?"
        plain = r"\d+(?:\.\d+)?"
    # Not inside a word, a decimal, a date or a code ("COVID-19"); after a range dash ("1 000-1 400") a dash is fine.
    before = r"(?<![\w.,/:])" if after_connector else r"(?<![\w.,/:\-–])"
    return rf"{before}(?:{grouped}(?![\d])|{plain})(?![\d]|[.,]\d|/\d)"  # "3/4" is a fraction, not three


def _core_pattern(words: dict[str, Any], cues: dict[str, Any], units: dict[str, Any], lang: str,
                  after_connector: bool = False) -> str:
    number_words = words_pattern(words["words"])
    joiners = words_pattern(words["joiners"])
    word_number = rf"{number_words}(?:(?:\s+|-)(?:{joiners}(?:\s+|-))?{number_words}(?![\w])){{0,7}}"
    scales = words_pattern(list(words["scales"]))
    abbreviations = words_pattern(list(words["scale_abbreviations"]))
    coll_sing = words_pattern(list(words["collectives"]))
    coll_plural = words_pattern(list(words["collectives_plural"]))
    articles = words_pattern(words["articles"])
    durations = words_pattern(list(units["duration_units"]))
    vague = words_pattern(cues["vague_determiners"])
    vague_counts = words_pattern(cues["vague_count_determiners"])
    coll_article = words_pattern(words["collective_articles"])
    fractions = words_pattern(list(words["fractions"]))
    numerators = words_pattern(list(words["fraction_numerators"]))
    bare_fractions = words_pattern(words["fractions_bare"])
    not_fraction = words_pattern(words["fraction_not_before"])
    of = rf"(?:de\s+|d{APOS}\s*|of\s+)"
    half = words_pattern(words["half"])
    half_of = words_pattern(words["half_of"])
    fraction_of = rf"(?=\s+(?:{of}|des\s|du\s))(?!\s+{not_fraction}(?![\w]))"
    return (
        r"(?P<core>"
        rf"(?P<art>{articles})\s+(?P<art_what>{coll_sing}|{scales}|{durations})(?![\w])"
        rf"|(?P<vdet>{vague})\s+(?P<vcoll>{coll_plural}|{coll_sing})(?:\s+{of}(?P<vcoll2>{coll_plural}))?(?![\w])"
        rf"|(?<![\w])(?P<bcoll>{coll_plural})(?:\s+{of}(?P<bcoll2>{coll_plural})(?![\w])|(?=\s+{of}))"
        rf"|(?<![\w])(?P<halfa>{half_of})[\s-]+(?P<halfa_what>{scales}|{coll_sing})(?![\w])"
        rf"|(?<![\w])(?P<cart>{coll_article})\s+(?P<cart_what>{coll_sing})(?=\s+{of})"
        rf"|(?<![\w])(?P<vddet>{vague})\s+(?P<vdur>{durations})(?![\w])"
        rf"|(?<![\w])(?P<vcdet>{vague_counts})(?=\s+(?:{of})?[^\W\d_])"
        rf"|(?<![\w])(?:(?P<fnum>{numerators})[\s-]+(?P<frac>{fractions})|(?P<bfrac>{bare_fractions})){fraction_of}(?![\w])"
        rf"|(?P<num>{_digits_pattern(lang, after_connector)}|(?<![\w]){word_number}(?![\w]))"
        rf"(?:(?P<abbr>{abbreviations})(?![\w])|\s*(?P<scale>{scales}|{coll_plural})(?![\w]))?"
        rf"(?:\s+(?P<half>{half})(?![\w]))?"
        r")"
    )


def _cue_words(cues: dict[str, Any]) -> list[str]:
    return [*cues["approx"], *cues["lower_bound"], *cues["upper_bound"], *cues["range_open"]]


@functools.lru_cache(maxsize=4)
def lexicon(lang: str) -> FigureLexicon:
    """The figure lexicon of `lang` (French rules for any other language)."""
    lang = lang if lang in _LOCALES else "fr"
    words = _load_json(f"lang/{lang}/number_words.json")
    cues = _load_json(f"lang/{lang}/figure_cues.json")
    units = _load_json(f"lang/{lang}/figure_units.json")
    table = currency_table()
    symbols_before = table["symbols_before"]
    symbols_after = table["symbols_after"]
    symbol_before = "|".join(re.escape(s) for s in sorted(symbols_before, key=len, reverse=True))
    cue = words_pattern(_cue_words(cues))
    cue_then_space = rf"{cue}(?:(?<=[’'ʼ])\s*|\s+)"
    core = _core_pattern(words, cues, units, lang)
    # (?=\S): no quantity starts with a space; the lookahead lets `re` skip them before the long
    # alternation (a scan of 235 articles 0.171 -> 0.097 CPU s, the same matches)
    quantity = (
        rf"(?=\S)(?<![\w])(?P<cues>(?:{cue_then_space}){{0,2}})"
        rf"(?:(?P<cur>{symbol_before})\s?)?{core}"
    )
    bare = rf"(?:(?P<cur>{symbol_before})\s?)?{_core_pattern(words, cues, units, lang, after_connector=True)}"
    return FigureLexicon(
        lang=lang,
        words=words,
        cues=cues,
        units=units,
        currencies={k.lower(): v for k, v in table["names"][lang].items()},
        symbols_before=symbols_before,
        symbols_after=symbols_after,
        symbol_scales={k: float(v) for k, v in table["symbol_scales"].items()},
        quantity=re.compile(quantity, re.IGNORECASE),
        bare_quantity=re.compile(bare, re.IGNORECASE),
        cue=re.compile(cue, re.IGNORECASE),
        elliptic_currencies={k.lower(): tuple(v) for k, v in table["elliptic_names"][lang].items()},
    )


@functools.lru_cache(maxsize=1)
def currency_table() -> dict[str, Any]:
    return _load_json("data/currencies.json")


def peg_rate(currency: str) -> tuple[str, float] | None:
    """(anchor, units of `currency` per anchor) for a currency with a fixed peg, e.g. XOF -> (EUR, 655.957)."""
    peg = currency_table()["pegs"].get(currency.upper())
    return (peg["anchor"], float(peg["rate"])) if peg else None


def read_number(text: str, lang: str) -> float | None:
    """The value of a digit string (babel) or of number words (text2num); None if neither reads it."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        return _read_digits(text, lang)
    return _read_words(text, lang)


@functools.lru_cache(maxsize=4)
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(_LOCALES.get(lang, "fr_FR"))


@functools.lru_cache(maxsize=8192)
def _read_digits(text: str, lang: str) -> float | None:
    from babel.numbers import NumberFormatError, parse_decimal

    if text.isascii() and text.isdigit():
        return float(text)  # a plain integer: babel would return the same, slower
    if lang == "fr" and "," not in text and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        # babel reads "1.234" as a decimal in fr_FR; French press writes it for thousands.
        text = text.replace(".", "")
    if lang != "fr" and re.fullmatch(r"\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:\.\d+)?", text):
        text = re.sub(r"[\u00a0\u202f]", "", text)
    try:
        return float(parse_decimal(text, locale=_locale(lang), strict=False))
    except (NumberFormatError, InvalidOperation, ValueError):
        return None


@functools.lru_cache(maxsize=4096)
def _read_words(text: str, lang: str) -> float | None:
    from text_to_num import text2num

    cleaned = re.sub(r"\s+", " ", text.lower())
    try:
        return float(text2num(cleaned, lang if lang in _LOCALES else "fr"))
    except (ValueError, TypeError, IndexError):
        return None

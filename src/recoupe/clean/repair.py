"""Encoding repair: mojibake (ftfy), then characters a narrow charset turned into "?".

`repair_encoding(text)` returns the repaired text, one `model.Repair` per change
(offsets into the input) and `Segment`s mapping the repaired text back to it.

Restoring "?" is ours (ftfy cannot: the bytes are gone). Each run of "?" is read
from its context, in this order (the first rule that decides wins):

 1. "[?]" / "(?)"                          -> "…" (an editor's cut)
 2. between two digits                      -> NNBSP before exactly 3 digits ("1?000"), else "–" ("2010?2015")
 3. inside a word (letter ? letter)         -> "œ" when the word is in the œ lexicon ("c?ur"), "’œ" for "l??uvre";
                                               "’" after an elision clitic + vowel/h ("d?un", "qu?il"), after
                                               "aujourd", "quelqu"..., before an English contraction tail
                                               ("don?t", "it?s"), in O'/D' names; else "–" before a capital,
                                               else "’" (French-looking text) or "—" (English-looking text)
 4. after a space/start, before a digit     -> "€" ("?400 million"); before a letter -> an opening quote:
                                               “, or ‘ inside an open “
 5. glued to a word, a quote is open        -> the run's last "?" closes it (” or ’), unless a lone "?"
                                               before a word has a later closing candidate in the paragraph
 6. glued to a word (the other cases)       -> kept when the sentence reads as a question (a French or English
                                               question opener, an inversion "va-t-il", "est-ce que");
                                               "’" for a possessive ("Reuters? report"); else "…"
 7. standing alone (" ? ")                  -> "€" after a number and before a lowercase word; a dash when a
                                               dash is open in the sentence, or before a lowercase word without
                                               a question cue; else kept (French spaces its question marks)
 8. anything else                           -> kept
Genuine question marks are what rules 6 and 7 keep; see eval/repair for the measurement.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ftfy

from recoupe.model import Repair, Segment

__all__ = ["RepairResult", "repair_encoding", "fix_mojibake", "restore_question_marks"]

_VOWELS = "aeiouyhàâäéèêëîïôöûùüœæAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÙÜŒÆ"
_CLOSERS_AFTER = " \t\n,.;:!»)]\"'"


@dataclass(frozen=True)
class RepairResult:
    text: str
    repairs: tuple[Repair, ...]
    segments: tuple[Segment, ...]  # repaired text -> input text


@dataclass(frozen=True)
class _Lexicon:
    clitics: frozenset[str]
    prefixes: frozenset[str]
    tails: frozenset[str]
    oe_words: frozenset[str]
    openers: frozenset[str]
    conjunctions: frozenset[str]
    phrases: tuple[str, ...]
    function_words: frozenset[str]
    fr_markers: frozenset[str]
    en_markers: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data: dict[str, dict] = {}
    for code in ("fr", "en"):
        path = resources.files("recoupe").joinpath(f"lang/{code}/encoding_repair.json")
        data[code] = json.loads(path.read_text("utf-8"))

    def union(key: str) -> frozenset[str]:
        return frozenset(w.lower() for code in data for w in data[code][key])

    return _Lexicon(
        clitics=union("elision_clitics"),
        prefixes=union("apostrophe_prefixes"),
        tails=union("contraction_tails"),
        oe_words=union("oe_words"),
        openers=union("question_openers"),
        conjunctions=union("conjunctions"),
        phrases=tuple(sorted(union("question_phrases"))),
        function_words=union("function_words"),
        fr_markers=frozenset(data["fr"]["function_words"]) - frozenset(data["en"]["function_words"]),
        en_markers=frozenset(data["en"]["function_words"]) - frozenset(data["fr"]["function_words"]),
    )


# ------------------------------------------------------------------ mojibake


_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)
# Line breaks str.splitlines knows and ftfy's own segmentation (on "\n" only) does not.
_OTHER_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _nothing_to_fix(text: str) -> bool:
    """Whether ftfy line by line would change nothing, known from one ftfy call on the whole text.

    ftfy.fix_text fixes a text line by line (segments ending at "\n") itself, so on the whole text it
    equals the line-by-line loop unless a line holds "<" (it then stops unescaping HTML in all later
    lines) or a line break splitlines knows and ftfy does not: those texts take the loop.
    """
    if "<" in text or _OTHER_LINE_BREAKS.search(text):
        return False
    return ftfy.fix_text(text, _FTFY_CONFIG) == text


def fix_mojibake(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """ftfy line by line, keeping curly quotes; returns the text and (raw_start, raw_end, clean) edits."""
    edits: list[tuple[int, int, str]] = []
    if _nothing_to_fix(text):  # most texts: one ftfy call instead of one per line
        return text, edits
    out: list[str] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        fixed = ftfy.fix_text(line, _FTFY_CONFIG)
        if fixed != line:
            matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag != "equal":
                    edits.append((pos + i1, pos + i2, fixed[j1:j2]))
        out.append(fixed)
        pos += len(line)
    return "".join(out), edits


# ------------------------------------------------------------ question marks


def _guess_lang(text: str) -> str:
    lex = _lexicon()
    words = re.findall(r"[a-zà-ÿ]+", text[:5000].lower())
    fr = sum(w in lex.fr_markers for w in words)
    en = sum(w in lex.en_markers for w in words)
    return "en" if en > fr else "fr"


def _word_before(text: str, i: int) -> str:
    m = re.search(r"[^\W\d_]+$", text[max(0, i - 40) : i])
    return m.group(0) if m else ""


def _word_after(text: str, j: int) -> str:
    m = re.match(r"[^\W\d_]+", text[j : j + 40])
    return m.group(0) if m else ""


_SENTENCE_BOUNDARY = re.compile(r"[.!?…\n«“»]")
_DIGITS = re.compile(r"\d+")
_QUESTION_RUN = re.compile(r"\?+")


@dataclass(frozen=True)
class _TextIndex:
    """Line and sentence boundaries of a text, found once so each '?' looks them up by bisection."""

    text: str
    newlines: tuple[int, ...]
    boundaries: tuple[int, ...]  # positions of the characters that end a sentence before a '?'

    @classmethod
    def of(cls, text: str) -> _TextIndex:
        newlines = tuple(m.start() for m in re.finditer("\n", text))
        boundaries = tuple(m.start() for m in _SENTENCE_BOUNDARY.finditer(text))
        return cls(text, newlines, boundaries)

    def line_number(self, i: int) -> int:
        return bisect.bisect_left(self.newlines, i)

    def line_end(self, j: int) -> int:
        """Offset of the first newline at or after j (len(text) when none)."""
        k = bisect.bisect_left(self.newlines, j)
        return self.newlines[k] if k < len(self.newlines) else len(self.text)

    def sentence_before(self, i: int) -> str:
        """The text from the last sentence boundary (or line start) before i up to i."""
        k = bisect.bisect_left(self.boundaries, i)
        start = self.boundaries[k - 1] if k else -1
        return self.text[start + 1 : i]


def _is_question(sentence: str) -> bool:
    """A French or English question cue in the sentence that ends at a '?'."""
    lex = _lexicon()
    s = sentence.strip().lower().replace("'", "’")
    for k, clause in enumerate(re.split(r"\s*[:;,]\s*", s)):
        words = re.findall(r"[^\W\d_][\w’-]*", clause)
        starts_with_conjunction = bool(words) and words[0] in lex.conjunctions
        while words and words[0] in lex.conjunctions:
            words = words[1:]
        # a question opener at the sentence's start, after a colon, or after "but"/"mais" (not a relative "qui")
        allowed = k == 0 or starts_with_conjunction or re.search(r":\s*" + re.escape(clause) + "$", s)
        if allowed and len(words) > 1 and words[0] in lex.function_words and words[0] not in lex.openers:
            words = words[1:]  # a preposition before the opener: "for how long", "depuis quand"
        if allowed and words and (words[0] in lex.openers or words[0].split("-")[0] in lex.openers):
            return True
    if any(p in s for p in lex.phrases):
        return True
    # inversion "va-t-il", "faut-il" (a reporting inversion follows a comma: ", a-t-il réagi")
    for m in re.finditer(r"\b\w+-(?:t-)?(?:il|elle|on|ils|elles|vous|nous|je|tu|ce)\b", s):
        if not re.search(r"[,»]\s*$", s[: m.start()]):
            return True
    return False


def _inside_word(text: str, i: int, j: int, lang: str) -> tuple[str, str] | None:
    lex = _lexicon()
    left, right = _word_before(text, i), _word_after(text, j)
    n = j - i
    if n == 2 and left.lower() in lex.clitics and ("œ" + right).lower() in lex.oe_words:
        return "’œ", "lost-apostrophe"
    if n != 1:
        return None
    oe = "Œ" if right[:1].isupper() or (left.isupper() and len(left) > 1) else "œ"
    if (left + oe + right).lower() in lex.oe_words:
        return oe, "lost-character"
    if left.lower() in lex.clitics and right[:1] in _VOWELS:
        return "’", "lost-apostrophe"
    if left.lower() in lex.prefixes:
        return "’", "lost-apostrophe"
    if right.lower() in lex.tails:
        return "’", "lost-apostrophe"
    if left in ("O", "D") and right[:1].isupper():
        return "’", "lost-apostrophe"
    if right[:1].isupper():
        return "–", "lost-character"
    return ("’", "lost-apostrophe") if lang == "fr" else ("—", "lost-character")


def _glued(index: _TextIndex, i: int, j: int) -> tuple[str, str] | None:
    """Rule 6: a '?' glued to the end of a word, no quote open."""
    lex = _lexicon()
    text = index.text
    sentence = index.sentence_before(i)
    if _is_question(sentence):
        return None
    if len(sentence.split()) <= 3 and re.match(r" [A-ZÀ-Ý]", text[j : j + 2]):
        return None  # a short fragment then a capital: "Good news? Not necessarily"
    prev = text[i - 1]
    if prev in ".,;:!»)":
        return None
    nxt = _word_after(text, j + 1) if text[j : j + 1] == " " else ""
    left = _word_before(text, i)
    if nxt and nxt[:1].islower() and left.endswith("s") and nxt.lower() not in lex.function_words:
        return "’", "lost-apostrophe"
    return "…", "lost-ellipsis"


def _alone(index: _TextIndex, i: int, j: int, dash_open: bool, lang: str) -> tuple[str, str] | None:
    """Rule 7: ' ? ' standing between spaces."""
    text = index.text
    dash = "–" if lang == "fr" else "—"
    nxt = _word_after(text, j + 1) if text[j : j + 1] == " " else ""
    before = text[max(0, i - 2) : i]
    if re.fullmatch(r"\d ", before) and (nxt[:1].islower() or text[j : j + 1] in ("", ".", ",")):
        return "€", "lost-character"
    if i == 0 or text[i - 1] == "\n":
        return dash, "lost-character"
    if dash_open:
        return dash, "lost-character"
    if nxt[:1].islower() and not _is_question(index.sentence_before(i)):
        return dash, "lost-character"
    return None


def _closes_later(index: _TextIndex, i: int, j: int) -> bool:
    """A lone '?' glued to a word before a lowercase word, with a later closing candidate in the paragraph."""
    text = index.text
    if j - i != 1 or not text[i - 1].isalnum() or not re.match(r" [^\W\d_]", text[j : j + 2]):
        return False
    end = index.line_end(j)
    for m in _QUESTION_RUN.finditer(text, j, end):
        before = text[m.start() - 1] if m.start() > j else " "
        after = text[m.end()] if m.end() < end else " "
        if before.isspace() and after.isalnum():
            return False  # an opening quote comes first
        if not before.isspace() and after in _CLOSERS_AFTER:
            return True
    return False


def restore_question_marks(text: str) -> list[tuple[int, int, str, str]]:
    """Edits (start, end, replacement, reason) for the '?' a narrow charset left; see the module doc."""
    lang = _guess_lang(text)
    index = _TextIndex.of(text)
    edits: list[tuple[int, int, str, str]] = []
    quotes: list[str] = []  # open quote marks in the current paragraph
    dash_open = False
    last_line = -1
    for m in _QUESTION_RUN.finditer(text):
        i, j = m.span()
        line = index.line_number(i)
        if line != last_line:
            quotes, dash_open, last_line = [], False, line
        prev = text[i - 1] if i > 0 else "\n"
        nxt = text[j] if j < len(text) else "\n"
        decided: tuple[str, str] | None = None
        if prev in "[(" and nxt in "])" and j - i == 1:  # 1
            decided = ("…", "lost-ellipsis")
        elif prev.isdigit() and nxt.isdigit() and j - i == 1:  # 2
            tail = _DIGITS.match(text, j)
            decided = ("\u202f", "lost-character") if tail and len(tail.group(0)) == 3 else ("–", "lost-character")
        elif prev.isalpha() and nxt.isalpha():  # 3
            decided = _inside_word(text, i, j, lang)
        elif prev in " \n\t(" and nxt.isdigit() and j - i == 1:  # 4a: a currency sign before a number
            decided = ("€", "lost-character")
        elif prev in " \n\t(—–-" and (nxt.isalnum() or nxt in "«'\""):  # 4
            mark = "‘" if quotes and quotes[-1] == "“" else "“"
            quotes.append(mark)
            edits.append((j - 1, j, mark, "lost-character"))
            if j - i > 1:
                edits.append((i, i + 1, "–" if lang == "fr" else "—", "lost-character"))
            continue
        elif not prev.isspace() and nxt in _CLOSERS_AFTER:
            if quotes and not _closes_later(index, i, j):  # 5
                mark = "”" if quotes.pop() == "“" else "’"
                edits.append((j - 1, j, mark, "lost-character"))
                j -= 1
                if j == i:
                    continue
            decided = _glued(index, i, j) if j - i == 1 else None  # 6
        elif prev.isspace() and nxt in " \n" and j - i == 1:  # 7
            decided = _alone(index, i, j, dash_open, lang)
            if decided and decided[0] in "–—":
                dash_open = not dash_open
        if decided:
            edits.append((i, j, decided[0], decided[1]))
        if re.match(r"[.!?]", nxt):
            dash_open = False
    return sorted(edits)


# -------------------------------------------------------------------- public


def repair_encoding(text: str) -> RepairResult:
    """ftfy's mojibake repair, then the lost-character rules; offsets are kept."""
    fixed, moji = fix_mojibake(text)
    # offsets of `fixed` back into `text`
    first_pass = _apply(text, [(a, b, c, "mojibake") for a, b, c in moji])
    restored = restore_question_marks(fixed)
    second_pass = _apply(fixed, restored)
    locator = _RawLocator(first_pass[1])
    repairs = [Repair(a, b, text[a:b], c, "mojibake") for a, b, c in moji]
    for a, b, c, reason in restored:
        ra, rb = locator.to_raw(a), locator.to_raw(b, end=True)
        repairs.append(Repair(ra, rb, text[ra:rb], c, reason))
    segments = _compose(second_pass[1], locator)
    return RepairResult(second_pass[0], tuple(sorted(repairs, key=lambda r: r.raw_start)), tuple(segments))


def _apply(text: str, edits: list[tuple[int, int, str, str]]) -> tuple[str, list[Segment]]:
    """Apply non-overlapping edits; segments map the result back to `text`."""
    out: list[str] = []
    segs: list[Segment] = []
    pos = clean = 0
    for a, b, rep, _reason in sorted(edits):
        if a < pos:
            continue
        if a > pos:
            segs.append(Segment(clean, clean + a - pos, pos, a))
            out.append(text[pos:a])
            clean += a - pos
        segs.append(Segment(clean, clean + len(rep), a, b))
        out.append(rep)
        clean += len(rep)
        pos = b
    if pos < len(text):
        segs.append(Segment(clean, clean + len(text) - pos, pos, len(text)))
        out.append(text[pos:])
    return "".join(out), segs


class _RawLocator:
    """Maps offsets of an edited text back to the original through `_apply`'s segments (bisection)."""

    def __init__(self, segs: list[Segment]) -> None:
        self.nonempty = [seg for seg in segs if seg.clean_end > seg.clean_start]
        self.clean_ends = [seg.clean_end for seg in self.nonempty]  # strictly increasing
        self.fallback = segs[-1].raw_end if segs else 0

    def to_raw(self, offset: int, end: bool = False) -> int:
        """An end offset at a segment's end maps to that segment's raw end, not the next one's start."""
        k = (bisect.bisect_left if end else bisect.bisect_right)(self.clean_ends, offset)
        if k < len(self.nonempty) and self.nonempty[k].clean_start <= offset:
            seg = self.nonempty[k]
            if seg.clean_end - seg.clean_start == seg.raw_end - seg.raw_start:
                return seg.raw_start + offset - seg.clean_start
            return seg.raw_end if end else seg.raw_start
        return self.fallback

    def overlapping(self, start: int, end: int) -> Iterator[Segment]:
        """The non-empty segments whose edited range meets [start, end), in order."""
        k = bisect.bisect_right(self.clean_ends, start)
        while k < len(self.nonempty) and self.nonempty[k].clean_start < end:
            yield self.nonempty[k]
            k += 1


def _compose(outer: list[Segment], inner: _RawLocator) -> list[Segment]:
    """Segments of text2 -> text0 from text2 -> text1 (outer) and text1 -> text0 (inner)."""
    result: list[Segment] = []
    for seg in outer:
        if seg.clean_end - seg.clean_start != seg.raw_end - seg.raw_start:
            a, b = inner.to_raw(seg.raw_start), inner.to_raw(seg.raw_end, end=True)
            result.append(Segment(seg.clean_start, seg.clean_end, a, max(a, b)))
            continue
        for sub in inner.overlapping(seg.raw_start, seg.raw_end):  # split a 1:1 outer segment along inner boundaries
            lo, hi = max(seg.raw_start, sub.clean_start), min(seg.raw_end, sub.clean_end)
            if lo >= hi:
                continue
            c0 = seg.clean_start + lo - seg.raw_start
            c1 = seg.clean_start + hi - seg.raw_start
            if sub.clean_end - sub.clean_start == sub.raw_end - sub.raw_start:
                result.append(Segment(c0, c1, sub.raw_start + lo - sub.clean_start, sub.raw_start + hi - sub.clean_start))
            else:
                result.append(Segment(c0, c1, sub.raw_start, sub.raw_end))
    return result

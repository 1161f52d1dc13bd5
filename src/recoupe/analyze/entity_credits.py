"""Where an article credits its outlet, its author or an agency (step 6 of `entities.extract_entities`):
a site name after the title, a byline ("X via Y", "– Par X"), a dateline's agency, an author's name
alone under the title; and the lines that only link elsewhere (a breadcrumb, share buttons, related
articles). A name found there is the publisher, the writer or another story, not an actor of the news."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from recoupe.model import Mention, Span

__all__ = ["Credits", "find_credits", "outside_credits"]


_TITLE_SUFFIX = re.compile(r"\s(?:\||-|–|—)\s+([^|\n]{2,60})$")
_BYLINE = re.compile(r"^(?:Publi[ée]+\s+par\s.*|[^\n]{2,80}\svia\s+\S+)$", re.MULTILINE)
_DATELINE = re.compile(r"^[A-ZÀ-Ý][\w’' -]{1,30},[^()\n]{3,30}\(([^()\n]{2,40})\)\s*[-–—]", re.MULTILINE)


@dataclass(frozen=True)
class Credits:
    lines: list[Span]  # a site name after the title, a byline ("X via Y", "Publié par X"): no entity
    datelines: list[Span]  # "(West Africa Wire)" after a dateline: only names the tables know
    authors: list[Span] = field(default_factory=list)  # a name alone on a line at the top: no person


_AUTHOR_LINE = re.compile(r"^[A-ZÀ-Ý][\w’'-]+(?: [A-ZÀ-Ý][\w’'-]+){1,2}$")


def _author_lines(text: str) -> list[Span]:
    """Lines near the top (the first eight, the title's excepted) that hold only a name of two or
    three capitalised words: the article's author ("Rasmané Zongo" under the title)."""
    spans, offset = [], 0
    for number, line in enumerate(text.split("\n")):
        if number >= 8:
            break
        if number and _AUTHOR_LINE.match(line.strip()):
            start = offset + line.index(line.strip())
            spans.append(Span(start, start + len(line.strip())))
        offset += len(line) + 1
    return spans


# "Ziguinchor, le 16 novembre 2024 – Par Jean-Baptiste Mendy", "By Kofi Mensah": the writer
_SIGNED = re.compile(r"(?:^|[–—-][ \t]*)(?:Par|By)[ \t]+([A-ZÀ-Ý][\w’'.-]+(?:[ \t]+[A-ZÀ-Ý][\w’'.-]+){0,3})[ \t]*$",
                     re.MULTILINE)
# a breadcrumb or a row of buttons: "Afrique Express Revue › Sénégal › Justice", "Facebook | X | WhatsApp"
_NAVIGATION = re.compile(r"^[^\n]*?(?:[ \t][›|»>][ \t][^\n]*?){2,}$", re.MULTILINE)


def _navigation_lines(text: str, related_cues: tuple[str, ...]) -> list[Span]:
    """Lines that link elsewhere: short segments between "›" or "|", or a line opened by a cue of
    related articles ("Articles recommandés : Dakar : la BCEAO relève ses taux | ...")."""
    spans = [Span(m.start(), m.end()) for m in _NAVIGATION.finditer(text)
             if all(len(part.split()) <= 6 for part in re.split(r"[ \t][›|»>][ \t]", m.group(0)))]
    offset = 0
    for line in text.split("\n"):
        if line.strip().startswith(related_cues):
            spans.append(Span(offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def find_credits(text: str, related_cues: tuple[str, ...] = ()) -> Credits:
    """Step 6: where the outlet credits itself; an unknown name there is the publisher, not news.
    `related_cues` open a line of links to other articles ("Articles recommandés", "Read more")."""
    first_end = text.find("\n") if "\n" in text else len(text)
    lines = [Span(m.start(), m.end()) for m in _BYLINE.finditer(text) if len(m.group(0).split()) <= 10]
    lines += [Span(m.start(1), m.end(1)) for m in _SIGNED.finditer(text)]
    lines += _navigation_lines(text, related_cues) if related_cues else []
    suffix = _TITLE_SUFFIX.search(text, 0, first_end)
    if suffix is not None and len(suffix.group(1).split()) <= 5:
        lines.append(Span(suffix.start(1), suffix.end(1)))
    return Credits(lines, [Span(m.start(1), m.end(1)) for m in _DATELINE.finditer(text)], _author_lines(text))


def outside_credits(mentions: list[Mention], credits: Credits) -> list[Mention]:
    return [m for m in mentions if not any(c.start <= m.span.start and m.span.end <= c.end for c in credits.lines)
            and not (m.label not in {"ALIAS", "ACRONYM"}
                     and any(c.start <= m.span.start and m.span.end <= c.end for c in credits.datelines))
            and not (m.label == "PER" and any(c.start <= m.span.start and m.span.end <= c.end for c in credits.authors))]

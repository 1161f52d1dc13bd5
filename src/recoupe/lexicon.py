"""Readers of the language data files that more than one stage reads (lang/<lang>/...).

Each stage derives its own forms from these records; the file formats are read in one place.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

__all__ = ["SpeechVerbs", "speech_verbs"]


@dataclass(frozen=True)
class SpeechVerbs:
    """lang/<lang>/speech_verbs.txt: one verb a row (lemma, past participle, present 3rd person
    singular, then, in French, plural and present participle), and the literal cue forms of the
    "=" lines ("s’est dit", "reported"), matched as written."""

    rows: tuple[tuple[str, ...], ...]
    literals: tuple[str, ...]


@functools.lru_cache(maxsize=4)
def speech_verbs(lang: str) -> SpeechVerbs:
    rows: list[tuple[str, ...]] = []
    literals: list[str] = []
    for line in resources.files("recoupe").joinpath(f"lang/{lang}/speech_verbs.txt").read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("="):
            literals.append(line[1:].strip())
        else:
            rows.append(tuple(line.split()))
    return SpeechVerbs(tuple(rows), tuple(literals))

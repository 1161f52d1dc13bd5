"""The cross-check's language-neutral tables (data/crosscheck.json), read once per process."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

__all__ = ["crosscheck_table"]


@functools.lru_cache(maxsize=1)
def crosscheck_table() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("recoupe").joinpath("data/crosscheck.json").read_text("utf-8"))
    return data

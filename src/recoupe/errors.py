"""recoupe's exceptions.

    RecoupeError                  base of everything recoupe raises on purpose
    ├── InputError                an input cannot be read: names the input and the reason
    │   ├── UnsupportedFormat     no reader for this file
    │   └── FetchError            a URL could not be fetched (timeout, size cap, refused address)
    ├── StoreError                the SQLite store is missing, locked or of an unknown schema
    └── MissingExtra              an optional dependency is not installed (names the extra)
"""

from __future__ import annotations

__all__ = ["RecoupeError", "InputError", "UnsupportedFormat", "FetchError", "StoreError", "MissingExtra"]


class RecoupeError(Exception):
    """Base class."""


class InputError(RecoupeError):
    def __init__(self, source: str, reason: str, locator: str = "") -> None:
        self.source = source
        self.reason = reason
        self.locator = locator
        where = f"{source} ({locator})" if locator else source
        super().__init__(f"{where}: {reason}")


class UnsupportedFormat(InputError):
    pass


class FetchError(InputError):
    pass


class StoreError(RecoupeError):
    pass


class MissingExtra(RecoupeError):
    def __init__(self, extra: str, module: str) -> None:
        super().__init__(f"this needs the optional dependency {module!r}: pip install 'recoupe[{extra}]'")

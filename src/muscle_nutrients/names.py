"""Name normalisation and the generic name index every lookup goes through."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from types import MappingProxyType
from typing import Generic, TypeVar

from .errors import UnknownNameError

__all__ = ["NameIndex", "normalize"]

T = TypeVar("T")

_DROP = {"Mn", "Me", "Mc"}  # combining marks left over after NFKD


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """The lookup key of a name: accents, case, spaces and punctuation removed.

    ``"Vitamin B-12"``, ``"vitamin b12"`` and ``"VITAMIN B 12"`` share the key
    ``"vitaminb12"``; ``"Café"`` becomes ``"cafe"``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        ch for ch in decomposed.casefold() if ch.isalnum() and unicodedata.category(ch) not in _DROP
    )


class NameIndex(Generic[T]):
    """Records of one kind, found by id, display name or alias after normalisation.

    Built once; every lookup is one dictionary access. Collisions (two records sharing a
    key) are reported by [collisions][muscle_nutrients.names.NameIndex.collisions] so the
    knowledge base can refuse them.
    """

    __slots__ = ("kind", "_by_key", "_exact", "_display", "collisions")

    def __init__(self, kind: str, records: Iterable[T], names: Callable[[T], Iterable[str]], display: Callable[[T], str]) -> None:
        self.kind = kind
        by_key: dict[str, T] = {}
        exact: dict[str, T] = {}
        problems: list[tuple[str, T, T]] = []
        for record in records:
            for name in names(record):
                key = normalize(name)
                if not key:
                    continue
                held = by_key.get(key)
                if held is None:
                    by_key[key] = record
                elif held is not record:
                    problems.append((name, held, record))
                # Names exactly as written (and lower-cased) skip normalisation: the common case.
                exact.setdefault(name, record)
                exact.setdefault(name.lower(), record)
        self._by_key = MappingProxyType(by_key)
        self._exact = MappingProxyType({k: v for k, v in exact.items() if by_key.get(normalize(k)) is v})
        self._display = display
        self.collisions: tuple[tuple[str, T, T], ...] = tuple(problems)
        """(name, first record, second record) for every key two records share."""

    def get(self, name: str) -> T | None:
        """The record ``name`` resolves to, or None."""
        found = self._exact.get(name) if isinstance(name, str) else None
        if found is not None or not isinstance(name, str):
            return found
        return self._by_key.get(normalize(name))

    def lookup(self, name: str) -> T:
        """The record ``name`` resolves to.

        Raises:
            UnknownNameError: nothing resolves; carries the closest names as suggestions.
            TypeError: ``name`` is not a string.
        """
        found = self._exact.get(name) if isinstance(name, str) else None
        if found is not None:
            return found
        if not isinstance(name, str):
            raise TypeError(f"a {self.kind} name must be a string, not {type(name).__name__}")
        found = self._by_key.get(normalize(name))
        if found is None:
            raise UnknownNameError(name, self.kind, self.suggest(name))
        return found

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """Display names of the records whose keys are closest to ``name``."""
        key = normalize(name)
        if not key:
            return ()
        keys = list(self._by_key)
        close = difflib.get_close_matches(key, keys, n=limit * 3, cutoff=0.6)
        close += [k for k in keys if len(key) >= 3 and (key in k or k in key) and k not in close]
        out: list[str] = []
        for k in close:
            shown = self._display(self._by_key[k])
            if shown not in out:
                out.append(shown)
        return tuple(out[:limit])

    def items(self) -> Iterable[tuple[str, T]]:
        """(key, record) pairs."""
        return self._by_key.items()

"""Name normalisation, the name index every lookup goes through, and search across kinds.

Queries: ``search`` (records of any kind by name, ranked).
Indexes: one [NameIndex][muscle_nutrients.names.NameIndex] per named record kind, built on
first use.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

from . import _args, _lazy
from ._lazy import Sealed
from .errors import UnknownNameError

if TYPE_CHECKING:
    from .results import SearchHit

__all__ = ["NameIndex", "NameIndexes", "name_indexes", "normalize", "search"]

R = TypeVar("R")

_DROP = {"Mn", "Me", "Mc", "Cf"}  # combining marks left over after NFKD, and invisible format characters


@lru_cache(maxsize=4096)
def _normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum() and unicodedata.category(ch) not in _DROP)


def normalize(text: str) -> str:
    """The lookup key of a name: accents, case, spaces and punctuation removed.

    ``"Vitamin B-12"``, ``"vitamin b12"`` and ``"VITAMIN B 12"`` share the key
    ``"vitaminb12"``; ``"Café"`` becomes ``"cafe"``. Text longer than
    ``MAX_TEXT_CHARS`` is no name: its key is empty (so it matches nothing, quickly).
    """
    if len(text) > _args.MAX_TEXT_CHARS:
        return ""
    return _normalize(text)


class NameIndex(Sealed, Generic[R]):
    """Records of one kind, found by id, display name or alias after normalisation.

    Built on first use (thread-safely); a lookup by a name exactly as written is then one
    dictionary access. A record of the kind is accepted too and resolves to the record with
    its id. Collisions (two records sharing a key) are reported by
    [collisions][muscle_nutrients.names.NameIndex.collisions] so the knowledge base can
    refuse them.
    """

    __slots__ = ("kind", "cls", "_source", "_names", "_display", "_ids", "_exact", "_by_key", "_collisions")

    def __init__(
        self,
        kind: str,
        cls: type[R],
        source: Callable[[], Iterable[R]],
        names: Callable[[R], Iterable[str]],
        display: Callable[[R], str],
        ids: Callable[[], Mapping[str, R]],
    ) -> None:
        self.kind = kind
        self.cls = cls
        self._source = source
        self._names = names
        self._display = display
        self._ids = ids
        self._exact: Mapping[str, R] = MappingProxyType({})  # empty until built: the first lookup builds
        self._by_key: Mapping[str, R] | None = None
        self._collisions: tuple[tuple[str, R, R], ...] = ()

    def _build(self) -> Mapping[str, R]:
        with _lazy.lock():
            if self._by_key is not None:
                return self._by_key
            source = self._source()
            packed = getattr(source, "by_key", None)
            if packed is not None:  # the packaged foods carry their keys: nothing to build, no food made
                built_packed: Mapping[str, R] = packed()
                object.__setattr__(self, "_by_key", built_packed)
                return built_packed
            by_key: dict[str, R] = {}
            exact: dict[str, R] = {}
            problems: list[tuple[str, R, R]] = []
            for record in source:
                for name in self._names(record):
                    key = normalize(name)
                    if not key:
                        continue
                    held = by_key.get(key)
                    if held is None:
                        by_key[key] = record
                    elif held is not record:
                        problems.append((name, held, record))
                    # names exactly as written (and lower-cased) skip normalisation: the common case
                    exact.setdefault(name, record)
                    exact.setdefault(name.lower(), record)
            built = MappingProxyType(by_key)
            object.__setattr__(self, "_collisions", tuple(problems))
            object.__setattr__(self, "_exact", MappingProxyType({k: v for k, v in exact.items() if by_key.get(normalize(k)) is v}))
            object.__setattr__(self, "_by_key", built)  # last: a reader that sees it sees the rest
            return built

    @property
    def collisions(self) -> tuple[tuple[str, R, R], ...]:
        """(name, first record, second record) for every key two records share."""
        self._build()
        return self._collisions

    @property
    def by_id(self) -> Mapping[str, R]:
        """The records by exact id."""
        return self._ids()

    def get(self, name: object) -> R | None:
        """The record ``name`` resolves to, or None (also for a value of the wrong type)."""
        if type(name) is str:
            found = self._exact.get(name)
            if found is not None:
                return found
            by_key = self._by_key if self._by_key is not None else self._build()
            return by_key.get(normalize(name))
        if isinstance(name, self.cls):
            return self.by_id.get(getattr(name, "id"))
        if isinstance(name, str):
            return self.get(str(name))
        return None

    def lookup(self, name: str | R) -> R:
        """The record ``name`` resolves to.

        Raises:
            UnknownNameError: nothing resolves; carries the closest names as suggestions.
            TypeError: ``name`` is neither a string nor a record of this kind.
        """
        if type(name) is str:
            found = self._exact.get(name)
            if found is not None:
                return found
        if isinstance(name, str) and len(name) > _args.MAX_TEXT_CHARS:
            raise UnknownNameError(name, self.kind)  # longer than any name: no search for one
        found = self.get(name)
        if found is not None:
            return found
        if isinstance(name, self.cls):
            raise UnknownNameError(str(getattr(name, "id")), self.kind)
        if not isinstance(name, str):
            raise TypeError(
                f"a {self.kind} must be given as a name, id or alias (a string) or a {self.cls.__name__}, "
                f"not {type(name).__name__}"
            )
        raise UnknownNameError(name, self.kind, self.suggest(name))

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """Display names of the records whose keys are closest to ``name``."""
        import difflib  # only failed lookups need it

        key = normalize(name)[:100] if isinstance(name, str) else ""
        if not key:
            return ()
        packed = getattr(self._source(), "suggest", None)
        if packed is not None:  # the packaged foods: food search finds the closest names in bounded time
            return tuple(packed(name, limit))
        by_key = self._by_key if self._by_key is not None else self._build()
        keys = list(by_key)
        close = difflib.get_close_matches(key, keys, n=limit * 3, cutoff=0.6)
        close += [k for k in keys if len(key) >= 3 and (key in k or k in key) and k not in close]
        out: list[str] = []
        for k in close:
            shown = self._display(by_key[k])
            if shown not in out:
                out.append(shown)
        return tuple(out[:limit])

    def display(self, record: R) -> str:
        """A record's display name."""
        return self._display(record)

    def items(self) -> Iterable[tuple[str, R]]:
        """(key, record) pairs."""
        by_key = self._by_key if self._by_key is not None else self._build()
        return by_key.items()


class NameIndexes(Protocol):
    """The name index of each record kind, found by record class: ``indexes[Nutrient]`` is a
    ``NameIndex[Nutrient]``. At run time a read-only mapping (see ``name_indexes``)."""

    def __getitem__(self, cls: type[R], /) -> NameIndex[R]: ...

    def items(self) -> Iterable[tuple[type, NameIndex[Any]]]: ...


def name_indexes(indexes: Mapping[type, NameIndex[Any]]) -> NameIndexes:
    """A read-only mapping of record class to name index, typed per class (its subscript is
    the mapping's own, in C: lookups are the hottest path)."""
    return cast(NameIndexes, MappingProxyType(dict(indexes)))


def search(indexes: Iterable[NameIndex[R]], text: str, limit: int) -> tuple[SearchHit, ...]:
    """Records of the indexed kinds whose names match ``text``, best first.

    Exact name matches score 1.0, prefixes 0.8, substrings 0.6, close spellings their
    similarity times 0.5. Ties are broken by kind and name, so the order is stable.
    """
    import difflib

    from .results import SearchHit

    key = normalize(text) if isinstance(text, str) else ""
    if not key:
        return ()
    # One matcher with the query as its second sequence: difflib caches what it learns about
    # that sequence, and the cheap upper bounds skip most keys before ratio().
    matcher = difflib.SequenceMatcher(None, "", key)
    best: dict[tuple[str, str], SearchHit] = {}
    for index in indexes:
        for name_key, record in index.items():
            if name_key == key:
                score = 1.0
            elif name_key.startswith(key):
                score = 0.8
            elif key in name_key:
                score = 0.6
            else:
                matcher.set_seq1(name_key)
                if matcher.real_quick_ratio() < 0.75 or matcher.quick_ratio() < 0.75:
                    continue
                ratio = matcher.ratio()
                score = 0.5 * ratio if ratio >= 0.75 else 0.0
            slot = (index.kind, getattr(record, "id"))
            if score > 0 and (slot not in best or best[slot].score < score):
                best[slot] = SearchHit(kind=index.kind, record=record, name=index.display(record), score=score)  # type: ignore[arg-type]
    hits = sorted(best.values(), key=lambda h: (-h.score, h.kind, h.name))
    return tuple(hits[:limit])

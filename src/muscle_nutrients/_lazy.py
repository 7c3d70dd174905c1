"""Building things on first use, once, safely across threads and across ``fork``.

One re-entrant lock guards every first build (a table read from a data file, an index, a
topic). A process forked while another thread holds it would inherit it locked forever, so
the child gets a fresh lock; whatever the parent was half-way through building is still
marked unbuilt in the child (the built object is only published at the end), and is built
again there.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["Pending", "Sealed", "lock"]

_lock = threading.RLock()


def lock() -> threading.RLock:
    """The lock to hold while building something shared."""
    return _lock


def _fresh_lock_in_child() -> None:
    global _lock
    _lock = threading.RLock()


if hasattr(os, "register_at_fork"):  # not on Windows, where there is no fork
    os.register_at_fork(after_in_child=_fresh_lock_in_child)


class Sealed:
    """Objects shared between callers: each attribute is set once (in ``__init__``), never again.

    The library's own lazy builds replace a value with ``object.__setattr__`` under the lock;
    ordinary assignment from outside raises ``AttributeError``.
    """

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        try:
            getattr(self, name)
        except AttributeError:
            object.__setattr__(self, name, value)
            return
        raise AttributeError(f"{type(self).__name__} is shared and read-only (tried to set {name!r})")


class Pending:
    """Stands in an object's slot until first use, then builds the real value and puts it there.

    The first attribute read builds the value (under the lock; a thread that lost the race
    finds it already built) and stores it in the owner's slot, so every later access goes
    straight to the real object: warm paths pay nothing for the laziness.
    """

    __slots__ = ("_owner", "_slot", "_build")

    def __init__(self, owner: object, slot: str, build: Callable[[], object]) -> None:
        self._owner = owner
        self._slot = slot
        self._build = build

    def resolve(self) -> Any:
        """The real value, built now if nobody has built it yet."""
        with lock():
            current = getattr(self._owner, self._slot)
            if current is self:
                current = self._build()
                object.__setattr__(self._owner, self._slot, current)
        return current

    def __getattr__(self, name: str) -> Any:
        return getattr(self.resolve(), name)

"""First use builds once, across threads and across fork; the packaged data is read kind by kind."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

import muscle_nutrients as mn
from muscle_nutrients._lazy import Pending, lock


class Owner:
    __slots__ = ("slot",)


def test_pending_builds_once_and_replaces_itself() -> None:
    owner = Owner()
    builds: list[int] = []

    def build() -> list[int]:
        builds.append(1)
        return [1, 2, 3]

    object.__setattr__(owner, "slot", Pending(owner, "slot", build))
    barrier = threading.Barrier(8)
    seen: list[int] = []

    def worker() -> None:
        barrier.wait()
        seen.append(owner.slot.count(2))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert builds == [1] and seen == [1] * 8 and owner.slot == [1, 2, 3]


_COLD = """
import sys, muscle_nutrients as mn
kb = mn.load()
store = kb._store
before = sorted(store._tables)
kb.symptoms_of("magnesium")
print(before, sorted(store._tables), sorted(m for m in ("cattrs", "difflib", "importlib.resources", "fractions") if m in sys.modules))
"""


def test_a_first_query_reads_only_the_tables_it_needs() -> None:
    out = subprocess.run([sys.executable, "-c", _COLD], capture_output=True, text=True, check=True).stdout.strip()
    # the cause links resolve relations to nutrients, symptoms, factors, advice; the red flags ride along
    assert out == "[] ['advice', 'factors', 'nutrients', 'red_flags', 'relations', 'sources', 'symptoms'] []"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_fork_while_another_thread_builds_does_not_deadlock_the_child() -> None:
    script = """
import os, threading, time, muscle_nutrients as mn
from muscle_nutrients import _lazy
held = threading.Event()
def hold():
    with _lazy.lock():
        held.set()
        time.sleep(1.0)
t = threading.Thread(target=hold); t.start(); held.wait()
pid = os.fork()
if pid == 0:
    kb = mn.load()
    os._exit(0 if kb.nutrient("Mg").id == "magnesium" else 3)
_, status = os.waitpid(pid, 0)
t.join()
print(os.waitstatus_to_exitcode(status))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "0"


def test_the_lock_is_reentrant() -> None:
    with lock(), lock():
        assert mn.load().nutrient("Mg").id == "magnesium"

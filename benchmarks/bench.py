"""Benchmark muscle-nutrients: cold start, peak memory, warm query latency and scaling.

Run from a checkout (after ``pip install ".[test]"``; pycountry is in the test extra, for
the comparison)::

    python benchmarks/bench.py                       # full run (a few minutes)
    python benchmarks/bench.py --smoke               # tiny sizes, one round (the test suite runs this)
    python benchmarks/bench.py --baseline OLD/src    # also compare warm latency with another version

Every figure that is compared is a ratio measured in one interleaved run, because the
machine is noisy: cold starts run fresh interpreters, each command in turn every round, and
the ratio is the median of the per-round ratios. Warm latencies use ``timeit`` (best of
several repeats, divided by the loop count); with ``--baseline`` the same measurement runs
in alternating processes for this version and the other one. Scaling builds synthetic but
valid knowledge bases by cloning the packaged records under new ids.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from typing import Any

import attrs

import muscle_nutrients as mn
from muscle_nutrients.document import RECORD_FIELDS, Document

COLD = {
    "python -c pass": "pass",
    "import attrs": "import attrs",
    "pycountry lookup": "import pycountry; pycountry.countries.get(alpha_2='DE')",
    "muscle-nutrients": "import muscle_nutrients as mn; mn.load().symptoms_of('magnesium')",
}
RSS = "import resource, muscle_nutrients as mn; mn.load().symptoms_of('magnesium'); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
#: Cold-start budgets: muscle-nutrients ÷ this reference, at most.
COLD_BUDGET = {"import attrs": 1.8, "pycountry lookup": 1.25}
RSS_BUDGET_MB = 20


def _env(pythonpath: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure what users get: cached bytecode
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return env


def _ratio_table(times: dict[str, list[float]], ours: str) -> dict[str, float]:
    """Median over rounds of ours ÷ each command, from times taken in the same rounds."""
    return {label: statistics.median(o / t for o, t in zip(times[ours], values)) for label, values in times.items()}


def cold_start(runs: int) -> None:
    have_pycountry = subprocess.run([sys.executable, "-c", "import pycountry"], capture_output=True, env=_env()).returncode == 0
    commands = {k: v for k, v in COLD.items() if have_pycountry or k != "pycountry lookup"}
    for code in commands.values():  # warm the bytecode caches
        subprocess.run([sys.executable, "-c", code], capture_output=True, env=_env(), check=True)
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(runs):
        for label, code in commands.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], capture_output=True, env=_env(), check=True)
            times[label].append(time.perf_counter() - start)
    ratios = _ratio_table(times, "muscle-nutrients")
    print(f"\nCold start: import, load() and a first symptoms_of, {runs} interleaved rounds (fresh interpreter each)")
    print(f"{'command':24} {'median ms':>10} {'ours / this':>12} {'budget':>8}")
    for label, values in times.items():
        budget = COLD_BUDGET.get(label)
        print(f"{label:24} {statistics.median(values) * 1000:10.1f} {ratios[label]:12.2f} {f'≤ {budget}' if budget else '-':>8}")
    if not have_pycountry:
        print("(pycountry not installed: pip install pycountry to add that baseline)")
    out = subprocess.run([sys.executable, "-c", RSS], capture_output=True, text=True, env=_env(), check=True).stdout
    print(f"\nPeak RSS of that process: {int(out.strip()) / 1024:.1f} MB (budget ≤ {RSS_BUDGET_MB} MB)")


def _latency(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # first use builds the indexes it needs; that is not a warm call
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat, number)) / number * 1e6


def queries(kb: mn.KnowledgeBase) -> dict[str, Callable[[], Any]]:
    """One call of every public query on ids that exist in the packaged data (and its clones)."""
    return {
        "nutrient": lambda: kb.nutrient("magnesium"),
        "symptom": lambda: kb.symptom("muscle-cramp"),
        "food": lambda: kb.food("banana"),
        "symptoms_of": lambda: kb.symptoms_of("magnesium"),
        "causes_of": lambda: kb.causes_of("muscle-cramp"),
        "intake": lambda: kb.intake("magnesium", age=35, sex="female"),
        "daily_value": lambda: kb.daily_value("magnesium"),
        "foods_rich_in(limit=10)": lambda: kb.foods_rich_in("magnesium", limit=10),
        "nutrients_in": lambda: kb.nutrients_in("banana"),
        "rank_causes(3 symptoms)": lambda: kb.rank_causes(["muscle-cramp", "muscle-weakness", "paresthesia"]),
        "depleted_by": lambda: kb.depleted_by("proton-pump-inhibitors"),
        "advice_for": lambda: kb.advice_for("muscle-cramp"),
        "red_flags(symptom)": lambda: kb.red_flags("muscle-cramp"),
        "relations_for_claim": lambda: kb.relations_for_claim("S33"),
        "interpret_lab": lambda: kb.interpret_lab("serum-magnesium", 0.7, "mmol/L"),
        "assess_diet(3 foods)": lambda: kb.assess_diet([("banana", None), ("almonds", None), ("milk-2-percent", None)], age=35, sex="female"),
        "search": lambda: kb.search("magnesum"),
    }


BUDGET_US = {
    "nutrient": 2, "symptoms_of": 2, "causes_of": 2, "intake": 2, "daily_value": 2,
    "foods_rich_in(limit=10)": 5, "nutrients_in": 5, "rank_causes(3 symptoms)": 20,
}


def warm_latencies(repeat: int) -> dict[str, float]:
    kb = mn.load()
    return {name: _latency(fn, repeat) for name, fn in queries(kb).items()}


def _warm_in_process(pythonpath: str | None, repeat: int) -> dict[str, float]:
    code = f"import json, sys; sys.path.insert(0, {os.path.dirname(os.path.abspath(__file__))!r}); import bench; print(json.dumps(bench.warm_latencies({repeat})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(pythonpath), check=True).stdout
    found: dict[str, float] = json.loads(out)
    return found


def warm(repeat: int, baseline: str | None, rounds: int) -> None:
    if baseline is None:
        results = warm_latencies(repeat)
        print("\nWarm latency on the packaged knowledge base (best of repeats, per call)")
        print(f"{'query':26} {'µs/call':>10} {'budget µs':>10}")
        for name, value in results.items():
            budget = BUDGET_US.get(name)
            print(f"{name:26} {value:10.2f} {budget if budget else '-':>10}")
        return
    ours: list[dict[str, float]] = []
    theirs: list[dict[str, float]] = []
    for _ in range(rounds):  # alternate processes so that machine noise hits both alike
        ours.append(_warm_in_process(None, repeat))
        theirs.append(_warm_in_process(baseline, repeat))
    print(f"\nWarm latency, this version against {baseline}: {rounds} alternating rounds, best of {repeat} repeats each")
    print(f"{'query':26} {'µs/call':>10} {'baseline µs':>12} {'ratio':>7} {'budget µs':>10}")
    for name in ours[0]:
        mine = statistics.median(r[name] for r in ours)
        other = statistics.median(r[name] for r in theirs if name in r)
        ratio = statistics.median(a[name] / b[name] for a, b in zip(ours, theirs))
        budget = BUDGET_US.get(name)
        print(f"{name:26} {mine:10.2f} {other:12.2f} {ratio:7.2f} {budget if budget else '-':>10}")


def _clone(record: Any, n: int) -> Any:
    """A copy of a record with every id, name, alias and reference suffixed by ``-c{n}``."""
    suffix = f"-c{n}"
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.name in ("id", "nutrient") and isinstance(value, str):
            changes[field.name] = value + suffix
        elif field.name in ("name", "text") and isinstance(value, str):
            changes[field.name] = f"{value} {suffix}"
        elif (field.name == "symptoms" or field.metadata.get("names")) and isinstance(value, tuple):  # aliases, members, brands
            changes[field.name] = tuple(f"{a}{suffix}" for a in value)
        elif field.name in ("subject", "object"):
            changes[field.name] = mn.Ref(f"{value}{suffix}")
        elif field.name == "composition":
            changes[field.name] = tuple(attrs.evolve(c, nutrient=c.nutrient + suffix) for c in value)
        elif field.name == "symbol" and value:
            changes[field.name] = f"{value}{suffix}"
    return attrs.evolve(record, **changes)


def synthetic(factor: int) -> Document:
    base = mn.load().to_document()
    fields: dict[str, list[Any]] = {name: list(getattr(base, name)) for name in RECORD_FIELDS}
    for n in range(1, factor):
        for name in RECORD_FIELDS:
            if name != "sources":  # sources are shared by id
                fields[name].extend(_clone(r, n) for r in getattr(base, name))
    return Document(**{k: tuple(v) for k, v in fields.items()})


def _rss_mb() -> float:
    """Current resident set size in MB (Linux); NaN elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def scaling(factors: list[int], repeat: int) -> None:
    probe = ["symptoms_of", "causes_of", "intake", "foods_rich_in(limit=10)", "rank_causes(3 symptoms)"]
    print("\nScaling: synthetic knowledge bases made of clones of the packaged records (built and fully validated)")
    print(f"{'size':>6} {'records':>9} {'build s':>8} {'build µs/record':>16} {'memory MB':>10} " + " ".join(f"{p[:14]:>14}" for p in probe))
    base_latency: dict[str, float] = {}
    for factor in factors:
        document = synthetic(factor)
        records = sum(len(getattr(document, name)) for name in RECORD_FIELDS)
        gc.collect()
        before = _rss_mb()
        start = time.perf_counter()
        kb = mn.KnowledgeBase.from_document(document)
        build = time.perf_counter() - start
        memory = _rss_mb() - before
        latencies = {name: _latency(queries(kb)[name], repeat) for name in probe}
        base_latency = base_latency or latencies
        cells = " ".join(f"{latencies[p]:8.2f} ({latencies[p] / base_latency[p]:.2f})" for p in probe)
        print(f"{factor:>5}× {records:>9} {build:8.2f} {build / records * 1e6:16.1f} {memory:10.1f} {cells}")
        del kb, document
    print("(latency in µs/call; in brackets, the ratio to the smallest size. Memory: growth of the process's resident set while building)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one round: checks the script works")
    parser.add_argument("--runs", type=int, default=15, help="cold-start rounds (default 15)")
    parser.add_argument("--sizes", default="1,10,100,1000", help="scaling factors (default 1,10,100,1000)")
    parser.add_argument("--baseline", metavar="SRC", help="another version's src folder to compare warm latency with")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds for --baseline (default 5)")
    args = parser.parse_args(argv)
    print(f"muscle-nutrients {mn.__version__}, data {mn.DATA_VERSION}; Python {platform.python_version()} on "
          f"{platform.machine()} ({os.cpu_count()} CPUs), {platform.platform()}")
    if args.smoke:
        cold_start(1)
        warm(1, args.baseline, 1)
        scaling([1, 2], 1)
        return 0
    cold_start(args.runs)
    warm(5, args.baseline, args.rounds)
    scaling([int(s) for s in args.sizes.split(",")], 3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

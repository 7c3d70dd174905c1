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
import itertools
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
# Peak RSS of the child itself: VmHWM in /proc (Linux), else ru_maxrss -- which Linux carries over
# from the parent through fork and exec, so a large benchmark process would inflate it.
PEAK = ("def peak_kb():\n"
        "    try:\n"
        "        return int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n"
        "    except (OSError, StopIteration):\n"
        "        import resource; return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n")
RSS = PEAK + "import muscle_nutrients as mn; mn.load().symptoms_of('magnesium'); print(peak_kb())"
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
        "rank_causes(3 symptoms + 2 context)": lambda: kb.rank_causes(RANK_SYMPTOMS, context=RANK_CONTEXT),
        "rank_causes(3 + 2, not cached)": lambda: _uncached_rank(kb),
        "rank_causes(free text)": lambda: kb.rank_causes(TEXT_200),
        "find_terms(200 chars)": lambda: kb.find_terms(TEXT_200),
        "depleted_by": lambda: kb.depleted_by("proton-pump-inhibitors"),
        "advice_for": lambda: kb.advice_for("muscle-cramp"),
        "red_flags(symptom)": lambda: kb.red_flags("muscle-cramp"),
        "relations_for_claim": lambda: kb.relations_for_claim("S33"),
        "interpret_lab": lambda: kb.interpret_lab("serum-magnesium", 0.7, "mmol/L"),
        "assess_diet(3 foods)": lambda: kb.assess_diet([("banana", None), ("almonds", None), ("milk-2-percent", None)], age=35, sex="female"),
        "search": lambda: kb.search("magnesum"),
        "search_foods": lambda: kb.search_foods("roasted almonds"),
        "nutrients_in(portion)": lambda: kb.nutrients_in("banana", portion="2 medium"),
        "foods_rich_in(all foods)": lambda: kb.foods_rich_in("magnesium", among="all"),
    }


RANK_SYMPTOMS = ["leg cramps", "muscle weakness", "tingling"]
RANK_CONTEXT = ["lasix", "on dialysis"]
#: 200 characters a person might type: symptoms, a medicine by brand, a negation.
TEXT_200 = ("My legs cramp badly at night and my feet tingle. I feel weak and tired all the time and get short of "
            "breath on stairs. I take lasix for my heart and omeprazole for heartburn. No numbness or chest pain.")[:200]


def _uncached_rank(kb: mn.KnowledgeBase) -> Any:
    kb._ranker._cache.clear()  # what a new combination of symptoms and context costs
    return kb.rank_causes(RANK_SYMPTOMS, context=RANK_CONTEXT)


BUDGET_US = {
    "nutrient": 2, "symptoms_of": 2, "causes_of": 2, "intake": 2, "daily_value": 2,
    "foods_rich_in(limit=10)": 5, "nutrients_in": 5, "rank_causes(3 symptoms)": 20,
    "rank_causes(3 symptoms + 2 context)": 30, "find_terms(200 chars)": 200,
}


def warm_latencies(repeat: int) -> dict[str, float]:
    kb = mn.load()
    found = {}
    for name, fn in queries(kb).items():
        try:
            found[name] = _latency(fn, repeat)
        except (AttributeError, TypeError, LookupError):  # a query an older version (a --baseline) does not have
            continue
    return found


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
        budget = BUDGET_US.get(name)
        if not all(name in r for r in theirs):
            print(f"{name:26} {mine:10.2f} {'-':>12} {'-':>7} {budget if budget else '-':>10}")
            continue
        other = statistics.median(r[name] for r in theirs)
        ratio = statistics.median(a[name] / b[name] for a, b in zip(ours, theirs))
        print(f"{name:26} {mine:10.2f} {other:12.2f} {ratio:7.2f} {budget if budget else '-':>10}")


def _clone(record: Any, n: int) -> Any:
    """A copy of a record with every id, name, alias and reference suffixed by ``-c{n}``."""
    suffix = f"-c{n}"
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.name in ("id", "nutrient") and isinstance(value, str):
            changes[field.name] = value + suffix
        elif field.name == "ndb_number":  # five digits, unique: numbered in clone order
            changes[field.name] = f"{next(_NDB):05d}"
        elif (field.name in ("name", "text") or field.metadata.get("names")) and isinstance(value, str):
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


_NDB = itertools.count(1)


def synthetic(factor: int) -> Document:
    """The packaged records (the common foods standing for the food table) and ``factor - 1`` clones.

    Food clones stop where five-digit NDB numbers run out (about 800×); the full food table's
    own scaling is measured by ``food_scaling``.
    """
    kb = mn.load()
    base = attrs.evolve(kb.to_document(), foods=kb.common_foods)
    fields: dict[str, list[Any]] = {name: list(getattr(base, name)) for name in RECORD_FIELDS}
    used = {f.ndb_number for f in base.foods}
    global _NDB
    _NDB = (n for n in itertools.count(1) if f"{n:05d}" not in used)
    for n in range(1, factor):
        for name in RECORD_FIELDS:
            if name == "sources" or name == "foods" and len(fields["foods"]) + len(base.foods) > 99_000:
                continue  # sources are shared by id; NDB numbers have five digits
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


# ---------------------------------------------------------------------------- the full food table (issue 15)

FOOD_QUERIES = ["apple", "banana", "roasted almonds", "almonds roasted", "yoghurt", "salmon", "kiwi fruit", "coffee", "pasta",
                "cheddar cheese", "milk 2%", "chicken breast", "chiken brest", "bananna", "brown rice", "orange juice", "egg",
                "peanut butter", "spinach", "beef steak", "oatmeal", "tofu", "greek yogurt", "broccoli"]
FIRST_FOOD = ("import muscle_nutrients as mn; kb = mn.load(); kb.symptoms_of('magnesium'); "
              "kb.nutrients_in(kb.search_foods('apple')[0].food, portion='1 medium')")
FIRST_LOOKUP = "import muscle_nutrients as mn; kb = mn.load(); kb.symptoms_of('magnesium'); kb.nutrients_in('09003', portion='150 g')"
TOUCH_ALL = (PEAK + "import muscle_nutrients as mn\nkb = mn.load(); kb.symptoms_of('magnesium')\n"
             "for f in kb.foods: kb.nutrients_in(f)\n"
             "kb.search_foods('apple'); kb.foods_rich_in('iron', among='all')\n"
             "print(peak_kb())")
FOOD_BUDGETS = {"cold start, full table ÷ common foods only": 1.05, "first food query ÷ cold start": 1.15,
                "first food lookup ÷ cold start": 1.15}
SEARCH_BUDGET_MS = 0.5
FOOD_RSS_BUDGET_MB = 40
WHEEL_BUDGET_MB = 3


def _package_copy(folder: str, rows: int | None, factor: int = 1, keep_all: bool = False) -> str:
    """A copy of the package in ``folder``: as it is (``keep_all``), with a food table of its
    first ``rows`` foods (None: the common ones), or with the whole table ``factor`` times over
    (clones under new ids and NDB numbers)."""
    import shutil

    from muscle_nutrients._foodtable import CHUNK_ROWS, FIELDS, encode_index, index_words

    source = os.path.dirname(mn.__file__)
    target = os.path.join(folder, "muscle_nutrients")
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    if keep_all:
        return folder
    foods = os.path.join(target, "data", "foods")
    meta = json.load(open(os.path.join(foods, "table.json"), encoding="utf-8"))
    table: list[list[Any]] = []
    for chunk in range((meta["count"] + CHUNK_ROWS - 1) // CHUNK_ROWS):
        table += json.load(open(os.path.join(foods, f"rows-{chunk:03d}.json"), encoding="utf-8"))["rows"]
    keep = table if factor > 1 else table[: (meta["common"] if rows is None else rows)]
    f = {field: FIELDS.index(field) for field in FIELDS}
    out = list(keep)
    for n in range(1, factor):
        for row in keep:
            clone = list(row)
            clone[f["id"]] = f"{row[f['id']]}-c{n}"
            clone[f["name"]] = f"{row[f['name']]} c{n}"
            clone[f["aliases"]] = []
            clone[f["ndb"]] = f"{n}{row[f['ndb']]}"
            out.append(clone)
    for name in os.listdir(foods):
        os.remove(os.path.join(foods, name))
    keys = {}
    for i, row in enumerate(out):
        for name in (row[f["id"]], row[f["name"]], *row[f["aliases"]]):
            keys.setdefault(mn.names.normalize(name), i)
    meta.update(count=len(out), common=min(meta["common"], len(out)), ndb=[r[f["ndb"]] for r in out], group=[r[f["group"]] for r in out],
                common_ids={r[f["id"]]: i for i, r in enumerate(out[: meta["common"]])})
    files = {"table.json": meta, "keys.json": {"keys": keys},
             "search.json": encode_index(index_words([(r[f["name"]], r[f["aliases"]]) for r in out]))}
    for column, nutrient in enumerate(meta["nutrients"]):
        reported = [(i, r[f["values"]][column], r[f["servings"]][0][1]) for i, r in enumerate(out) if r[f["values"]][column] is not None]
        files[f"rank-{nutrient}.json"] = {"100 g": [i for i, _, _ in sorted(reported, key=lambda x: (-x[1], x[0]))],
                                          "serving": [i for i, _, _ in sorted(reported, key=lambda x: (-x[1] * x[2], x[0]))]}
    for start in range(0, len(out), CHUNK_ROWS):
        files[f"rows-{start // CHUNK_ROWS:03d}.json"] = {"rows": out[start:start + CHUNK_ROWS]}
    for name, data in files.items():
        with open(os.path.join(foods, name), "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    return folder


def _interleaved(commands: dict[str, tuple[str, str | None]], runs: int) -> dict[str, list[float]]:
    for code, path in commands.values():
        subprocess.run([sys.executable, "-c", code], capture_output=True, env=_env(path), check=True)
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(runs):
        for label, (code, path) in commands.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], capture_output=True, env=_env(path), check=True)
            times[label].append(time.perf_counter() - start)
    return times


def food_table(runs: int, repeat: int, scale: int, wheel: bool) -> None:
    import tempfile

    print(f"\nThe full food table ({len(mn.load().foods):,} foods): cold start and first food queries, {runs} interleaved rounds")
    # both builds are copies of this package, imported the same way (from PYTHONPATH)
    with tempfile.TemporaryDirectory() as full, tempfile.TemporaryDirectory() as common:
        _package_copy(full, None, keep_all=True)
        _package_copy(common, None)
        times = _interleaved({
            "cold start": (COLD["muscle-nutrients"], full),
            "cold start, common foods only": (COLD["muscle-nutrients"], common),
            "first food query": (FIRST_FOOD, full),
            "first food lookup": (FIRST_LOOKUP, full),
        }, runs)
    ratios = {
        "cold start, full table ÷ common foods only": statistics.median(a / b for a, b in zip(times["cold start"], times["cold start, common foods only"])),
        "first food query ÷ cold start": statistics.median(a / b for a, b in zip(times["first food query"], times["cold start"])),
        "first food lookup ÷ cold start": statistics.median(a / b for a, b in zip(times["first food lookup"], times["cold start"])),
    }
    print(f"{'command':34} {'median ms':>10}")
    for label, values in times.items():
        print(f"{label:34} {statistics.median(values) * 1000:10.1f}")
    print(f"{'ratio':46} {'value':>7} {'budget':>8}")
    for label, value in ratios.items():
        print(f"{label:46} {value:7.2f} {'≤ ' + str(FOOD_BUDGETS[label]):>8}")
    print("(first food query: search_foods('apple') and the nutrients of its top hit for '1 medium'; "
          "first food lookup: nutrients_in('09003', portion='150 g'); both after the cold start's symptoms_of)")
    out = subprocess.run([sys.executable, "-c", TOUCH_ALL], capture_output=True, text=True, env=_env(), check=True).stdout
    print(f"Peak RSS after touching every food (nutrients_in of each, a search, an all-foods ranking): "
          f"{int(out.strip()) / 1024:.1f} MB (budget ≤ {FOOD_RSS_BUDGET_MB} MB)")
    _search_latency(repeat, scale)
    if wheel:
        _wheel_size()


def _search_median_ms(kb: mn.KnowledgeBase, repeat: int) -> tuple[float, float]:
    for q in FOOD_QUERIES:
        kb.search_foods(q)  # first use reads the index and makes the hits' foods
    per_query = []
    for q in FOOD_QUERIES:
        timer = timeit.Timer(lambda q=q: kb.search_foods(q))  # type: ignore[misc]
        number, _ = timer.autorange()
        per_query.append(min(timer.repeat(repeat, number)) / number * 1000)
    return statistics.median(per_query), max(per_query)


def _search_latency(repeat: int, scale: int) -> None:
    import tempfile

    median, worst = _search_median_ms(mn.load(), repeat)
    print(f"\nsearch_foods over {len(FOOD_QUERIES)} typed queries, warm: median {median:.3f} ms, slowest {worst:.3f} ms "
          f"at {len(mn.load().foods):,} foods (budget: median ≤ {SEARCH_BUDGET_MS} ms)")
    if scale > 1:
        with tempfile.TemporaryDirectory() as folder:
            _package_copy(folder, None, factor=scale)
            code = (f"import json, sys; sys.path.insert(0, {os.path.dirname(os.path.abspath(__file__))!r}); import bench, muscle_nutrients as mn; "
                    f"kb = mn.load(); print(json.dumps([len(kb.foods), *bench._search_median_ms(kb, {repeat})]))")
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(folder), check=True).stdout
            count, big_median, big_worst = json.loads(out)
        print(f"  at {count:,} foods ({scale}× clones): median {big_median:.3f} ms ({big_median / median:.2f}×), slowest {big_worst:.3f} ms")


def _wheel_size() -> None:
    import tempfile

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", folder, root], capture_output=True, check=False)
        wheels = [w for w in os.listdir(folder) if w.endswith(".whl")]
        if done.returncode != 0 or not wheels:
            print("Wheel: could not be built here")
            return
        size = os.path.getsize(os.path.join(folder, wheels[0])) / 2**20
    print(f"Wheel: {wheels[0]} is {size:.2f} MB (budget ≤ {WHEEL_BUDGET_MB} MB)")


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
        food_table(1, 1, 1, wheel=False)
        scaling([1, 2], 1)
        return 0
    cold_start(args.runs)
    warm(5, args.baseline, args.rounds)
    food_table(args.runs, 5, 10, wheel=True)
    scaling([int(s) for s in args.sizes.split(",")], 3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

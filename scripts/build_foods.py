"""Derive the packaged food table from the USDA SR ASCII files: every food of the release.

Usage::

    python scripts/build_foods.py SR_FOLDER [--selection scripts/food_selection.toml]
                                  [--output src/muscle_nutrients/data/foods] [--check]
    python scripts/build_foods.py SR_FOLDER --weights NDB   # list a food's household weights
    python scripts/build_foods.py SR_FOLDER --common-only --output DIR   # the common foods alone

SR_FOLDER holds ABBREV.txt, FOOD_DES.txt, FD_GROUP.txt and WEIGHT.txt of an SR release (the
copy in ../shared/usda-sr26 or an official download). Every food of the release is written,
with every household measure of WEIGHT.txt and its amount of each nutrient of the knowledge
base per 100 g (a value the release leaves empty stays empty: not reported, not zero). The
foods chosen by hand in the selection file come first, under their friendly names and
aliases, marked as the common foods. ``--check`` compares instead of writing and exits 1
when the committed table differs.

The output is a folder of compact JSON files the package reads a piece at a time (see
``muscle_nutrients._foodtable``): ``table.json`` (what the columns are, NDB numbers and food
groups by row), ``rows-NNN.json`` (64 foods each), ``keys.json`` (every name, normalised, to
its row), ``search.json`` (the word index food search reads) and ``rank-NUTRIENT.json`` (rows
ordered by amount, per 100 g and per default serving).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from muscle_nutrients._foodtable import CHUNK_ROWS, FIELDS, encode_index, index_words  # noqa: E402
from muscle_nutrients.model import FoodGroup  # noqa: E402
from muscle_nutrients.names import normalize  # noqa: E402

DEFAULT_SELECTION = ROOT / "scripts" / "food_selection.toml"
DEFAULT_OUTPUT = ROOT / "src" / "muscle_nutrients" / "data" / "foods"
VERSION_FILE = ROOT / "src" / "muscle_nutrients" / "_version.py"

# ABBREV.txt column (0-based) -> (nutrient id, unit of the knowledge base, factor from the SR
# unit). Column order and units are documented in the SR documentation and the README of
# ../shared/usda-sr26. Copper is reported in mg by SR but counted in µg by the DRI tables;
# folate is taken as DFE (Folate_DFE), the unit of its RDA and Daily Value.
NUTRIENT_COLUMNS: dict[int, tuple[str, str, int]] = {
    10: ("calcium", "mg", 1),
    11: ("iron", "mg", 1),
    12: ("magnesium", "mg", 1),
    13: ("phosphorus", "mg", 1),
    14: ("potassium", "mg", 1),
    15: ("sodium", "mg", 1),
    16: ("zinc", "mg", 1),
    17: ("copper", "µg", 1000),
    21: ("thiamin", "mg", 1),
    25: ("vitamin-b6", "mg", 1),
    29: ("folate", "µg DFE", 1),
    31: ("vitamin-b12", "µg", 1),
    40: ("vitamin-e", "mg", 1),
    41: ("vitamin-d", "µg", 1),
}
SOURCE_ID = "usda-sr26"
# ComName entries that are product codes or recipe numbers, not names a person types
_NOT_A_NAME = re.compile(r"[0-9]|recipe|commodity|usda|nfsmi", re.I)


def _fields(line: str) -> list[str]:
    return [f.strip("~") for f in line.rstrip("\r\n").split("^")]


def _read(folder: Path, name: str) -> list[list[str]]:
    # SR ASCII files are ISO-8859-1 with CRLF line ends.
    text = (folder / name).read_text(encoding="latin-1")
    return [_fields(line) for line in text.splitlines() if line.strip()]


def _number(text: str, factor: int = 1) -> float | None:
    # scaled in decimal so that 0.123 mg becomes exactly 123 µg, not 123.00000000000001
    return float(Decimal(text) * factor) if text.strip() else None


def load_release(folder: Path) -> dict[str, Any]:
    """The parts of an SR release the table needs, keyed by NDB number."""
    groups = {row[0]: row[1] for row in _read(folder, "FD_GROUP.txt")}
    descriptions = {row[0]: (row[2], groups[row[1]], row[4]) for row in _read(folder, "FOOD_DES.txt")}
    abbrev = {row[0]: row for row in _read(folder, "ABBREV.txt")}
    weights: dict[str, dict[int, tuple[str, float]]] = {}
    for row in _read(folder, "WEIGHT.txt"):
        ndb, seq, amount, desc, grams = row[0], int(row[1]), float(row[2]), row[3], float(row[4])
        weights.setdefault(ndb, {})[seq] = (f"{amount:g} {desc}", grams)
    return {"descriptions": descriptions, "abbrev": abbrev, "weights": weights}


def _data_version() -> str:
    match = re.search(r'^DATA_VERSION = "([^"]+)"', VERSION_FILE.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise SystemExit(f"no DATA_VERSION in {VERSION_FILE}")
    return match.group(1)


def _common_names(text: str) -> list[str]:
    """SR's ComName field as names: split on commas, codes and recipe numbers left out."""
    return [n.strip() for n in text.split(",") if n.strip() and not _NOT_A_NAME.search(n)]


def _servings(weights: dict[int, tuple[str, float]], first: list[int]) -> list[list[Any]]:
    """Every household measure, the chosen ones first; a repeated label (ignoring case) once."""
    order = [*first, *(seq for seq in sorted(weights) if seq not in first)]
    out: list[list[Any]] = []
    seen: set[str] = set()
    for seq in order:
        label, grams = weights[seq]
        if label.casefold() in seen or grams <= 0:
            continue
        seen.add(label.casefold())
        out.append([label, grams])
    return out or [["100 g", 100.0]]


def build(folder: Path, selection: Path, common_only: bool = False) -> dict[str, str]:
    """The food table's files (name -> text) for the release and the selection."""
    release = load_release(folder)
    chosen = tomllib.loads(selection.read_text(encoding="utf-8"))["food"]
    problems: list[str] = []
    rows: list[list[Any]] = []
    for item in chosen:
        ndb = item["ndb"]
        if ndb not in release["abbrev"]:
            problems.append(f"{item['id']}: NDB {ndb} is not in the release")
            continue
        available = release["weights"].get(ndb, {})
        missing = [seq for seq in item["servings"] if seq not in available]
        if missing:
            problems.append(f"{item['id']}: NDB {ndb} has no weight seq {missing} (has {sorted(available)})")
            continue
        description, _, _ = release["descriptions"][ndb]
        rows.append(_row(release, ndb, item["id"], item["name"], description, True, list(item.get("aliases", [])),
                         _servings(available, list(item["servings"])), item.get("fdc_id")))
    if problems:
        raise SystemExit("selection problems:\n  " + "\n  ".join(problems))
    if not common_only:
        taken = {row[FIELDS.index("ndb")] for row in rows}
        for ndb in sorted(release["abbrev"]):
            if ndb in taken:
                continue
            description, _, common = release["descriptions"][ndb]
            rows.append(_row(release, ndb, f"ndb-{ndb}", description, None, False, _common_names(common),
                             _servings(release["weights"].get(ndb, {}), []), None))
    keys = _unique_names(rows)
    return _files(rows, keys)


def _row(release: dict[str, Any], ndb: str, food_id: str, name: str, description: str | None, common: bool,
         aliases: list[str], servings: list[list[Any]], fdc_id: int | None) -> list[Any]:
    _, group, _ = release["descriptions"][ndb]
    abbrev = release["abbrev"][ndb]
    values = [_number(abbrev[column], factor) for column, (_, _, factor) in NUTRIENT_COLUMNS.items()]
    record = {"id": food_id, "name": name, "ndb": ndb, "description": description if description != name else None,
              "group": list(FoodGroup).index(FoodGroup(group)), "common": 1 if common else 0, "aliases": aliases,
              "servings": servings, "values": values, "fdc_id": fdc_id}
    return [record[field] for field in FIELDS]


def _unique_names(rows: list[list[Any]]) -> dict[str, int]:
    """Every name's key -> its row. Ids first, then names, then other names; the first food
    to claim a key keeps it. A later food's name that is taken gets its NDB number added, a
    taken alias is dropped from the food, so every name a food lists finds that food."""
    f = {field: FIELDS.index(field) for field in FIELDS}
    keys: dict[str, int] = {}
    for index, row in enumerate(rows):
        key = normalize(row[f["id"]])
        assert key not in keys, f"id {row[f['id']]} repeats"
        keys[key] = index
    for index, row in enumerate(rows):
        key = normalize(row[f["name"]])
        if keys.setdefault(key, index) != index:
            row[f["name"]] = f"{row[f['name']]} (NDB {row[f['ndb']]})"
            keys.setdefault(normalize(row[f["name"]]), index)
    for index, row in enumerate(rows):
        if row[f["description"]] is not None:
            keys.setdefault(normalize(row[f["description"]]), index)
        kept = [a for a in dict.fromkeys(row[f["aliases"]]) if normalize(a) and keys.setdefault(normalize(a), index) == index]
        row[f["aliases"]] = kept
    # NDB numbers are resolved from table.json's column, not through keys
    return {k: v for k, v in keys.items() if not re.fullmatch(r"(ndb)?[0-9]{5}", k)}


def _files(rows: list[list[Any]], keys: dict[str, int]) -> dict[str, str]:
    f = {field: FIELDS.index(field) for field in FIELDS}
    nutrients = [n for n, _, _ in NUTRIENT_COLUMNS.values()]
    files: dict[str, str] = {}
    table = {
        "schema_version": 2, "data_version": _data_version(), "source": SOURCE_ID,
        "citation": {"source": SOURCE_ID, "where": "the food's NDB number in ABBREV.txt (amounts per 100 g) and WEIGHT.txt (household measures)",
                     "kind": "reference data"},
        "fields": list(FIELDS), "nutrients": nutrients, "units": [u for _, u, _ in NUTRIENT_COLUMNS.values()],
        "groups": [g.value for g in FoodGroup], "chunk_rows": CHUNK_ROWS, "count": len(rows),
        "common": sum(row[f["common"]] for row in rows),
        "ndb": [row[f["ndb"]] for row in rows], "group": [row[f["group"]] for row in rows],
        "common_ids": {row[f["id"]]: index for index, row in enumerate(rows) if row[f["common"]]},
    }
    files["table.json"] = _render(table)
    for start in range(0, len(rows), CHUNK_ROWS):
        files[f"rows-{start // CHUNK_ROWS:03d}.json"] = _render({"rows": rows[start:start + CHUNK_ROWS]})
    files["keys.json"] = _render({"keys": keys})
    files["search.json"] = _render(_search_index(rows, f))
    for column, nutrient in enumerate(nutrients):
        files[f"rank-{nutrient}.json"] = _render(_ranking(rows, f, column))
    return files


def _search_index(rows: list[list[Any]], f: dict[str, int]) -> dict[str, Any]:
    """The word index food search reads (see ``muscle_nutrients._foodtable.index_words``)."""
    return encode_index(index_words([(row[f["name"]], [*row[f["aliases"]], *([row[f["description"]]] if row[f["description"]] else [])])
                                     for row in rows]))


def _ranking(rows: list[list[Any]], f: dict[str, int], column: int) -> dict[str, list[int]]:
    """Rows that report the nutrient, largest amount first (ties in row order), per 100 g and per default serving."""
    reported = [(index, row[f["values"]][column], row[f["servings"]][0][1]) for index, row in enumerate(rows)
                if row[f["values"]][column] is not None]
    per_100g = sorted(reported, key=lambda r: (-r[1], r[0]))
    per_serving = sorted(reported, key=lambda r: (-(r[1] * r[2] / 100), r[0]))
    return {"100 g": [r[0] for r in per_100g], "serving": [r[0] for r in per_serving]}


def _render(document: dict[str, Any]) -> str:
    """Stable compact JSON text: the committed file is byte-for-byte this."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder with the SR ASCII files")
    parser.add_argument("--selection", type=Path, default=DEFAULT_SELECTION)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare with --output instead of writing")
    parser.add_argument("--common-only", action="store_true", help="write the common foods alone (for benchmarks)")
    parser.add_argument("--weights", metavar="NDB", nargs="+", help="print household weights of foods and exit")
    args = parser.parse_args(argv)
    if args.weights:
        release = load_release(args.folder)
        for ndb in args.weights:
            print(ndb, release["descriptions"].get(ndb, ("?",))[0])
            for seq, (label, grams) in sorted(release["weights"].get(ndb, {}).items()):
                print(f"  {seq}: {label} = {grams:g} g")
        return 0
    files = build(args.folder, args.selection, args.common_only)
    present = {p.name for p in args.output.glob("*.json")} if args.output.is_dir() else set()
    if args.check:
        stale = sorted(present - set(files))
        differ = sorted(name for name, text in files.items()
                        if not (args.output / name).is_file() or (args.output / name).read_text(encoding="utf-8") != text)
        if stale or differ:
            print(f"{args.output} differs from what {args.folder} gives ({', '.join(differ + stale)}); rerun without --check",
                  file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.mkdir(parents=True, exist_ok=True)
    for name in present - set(files):
        (args.output / name).unlink()
    for name, text in files.items():
        (args.output / name).write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({json.loads(files['table.json'])['count']} foods, {len(files)} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

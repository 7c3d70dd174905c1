"""Derive the packaged food table from the USDA SR ASCII files.

Usage::

    python scripts/build_foods.py SR_FOLDER [--selection scripts/food_selection.toml]
                                  [--output src/muscle_nutrients/data/foods.json] [--check]
    python scripts/build_foods.py SR_FOLDER --weights NDB   # list a food's household weights

SR_FOLDER holds ABBREV.txt, FOOD_DES.txt, FD_GROUP.txt and WEIGHT.txt of an SR release (the
copy in ../shared/usda-sr26 or an official download). Only the hand-chosen foods in the
selection file are written; every number comes from the SR files, per 100 g, and servings
are the release's household weights. ``--check`` compares instead of writing and exits 1
when the committed table differs.
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
DEFAULT_SELECTION = ROOT / "scripts" / "food_selection.toml"
DEFAULT_OUTPUT = ROOT / "src" / "muscle_nutrients" / "data" / "foods.json"
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
    descriptions = {row[0]: (row[2], groups[row[1]]) for row in _read(folder, "FOOD_DES.txt")}
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


def build(folder: Path, selection: Path) -> dict[str, Any]:
    """The foods document for the selection, as a JSON-ready dict."""
    release = load_release(folder)
    chosen = tomllib.loads(selection.read_text(encoding="utf-8"))["food"]
    foods = []
    problems = []
    for item in chosen:
        ndb = item["ndb"]
        if ndb not in release["abbrev"]:
            problems.append(f"{item['id']}: NDB {ndb} is not in the release")
            continue
        description, group = release["descriptions"][ndb]
        row = release["abbrev"][ndb]
        available = release["weights"].get(ndb, {})
        servings = []
        for seq in item["servings"]:
            if seq not in available:
                problems.append(f"{item['id']}: NDB {ndb} has no weight seq {seq} (has {sorted(available)})")
                continue
            label, grams = available[seq]
            servings.append({"label": label, "grams": grams})
        composition = []
        for column, (nutrient, unit, factor) in NUTRIENT_COLUMNS.items():
            value = _number(row[column], factor)
            if value is not None:
                composition.append({"nutrient": nutrient, "per_100g": {"value": value, "unit": unit}})
        food: dict[str, Any] = {
            "id": item["id"],
            "name": item["name"],
            "ndb_number": ndb,
            "usda_description": description,
            "food_group": group,
            "servings": servings,
            "composition": composition,
            "sources": [{"source": SOURCE_ID, "where": f"NDB {ndb} (ABBREV.txt; WEIGHT.txt)", "kind": "reference data"}],
            "aliases": item.get("aliases", []),
        }
        if "fdc_id" in item:
            food["fdc_id"] = item["fdc_id"]
        foods.append(food)
    if problems:
        raise SystemExit("selection problems:\n  " + "\n  ".join(problems))
    return {"schema_version": 2, "data_version": _data_version(), "foods": foods}


def render(document: dict[str, Any]) -> str:
    """Stable JSON text: the committed file is byte-for-byte this."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder with the SR ASCII files")
    parser.add_argument("--selection", type=Path, default=DEFAULT_SELECTION)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare with --output instead of writing")
    parser.add_argument("--weights", metavar="NDB", nargs="+", help="print household weights of foods and exit")
    args = parser.parse_args(argv)
    if args.weights:
        release = load_release(args.folder)
        for ndb in args.weights:
            print(ndb, release["descriptions"].get(ndb, ("?",))[0])
            for seq, (label, grams) in sorted(release["weights"].get(ndb, {}).items()):
                print(f"  {seq}: {label} = {grams:g} g")
        return 0
    text = render(build(args.folder, args.selection))
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} differs from what {args.folder} gives; rerun without --check", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(json.loads(text)['foods'])} foods)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

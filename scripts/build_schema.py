"""Generate the JSON Schema of the data-file format from the attrs model.

Usage::

    python scripts/build_schema.py            # write src/muscle_nutrients/data/schema.json
    python scripts/build_schema.py --check    # exit 1 if the committed schema is stale

The schema is derived from the record classes (field types, defaults, enums) plus the id
and code patterns the validators enforce, so a test can keep it in step with the model.
"""

from __future__ import annotations

import argparse
import json
import sys
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from muscle_nutrients import model  # noqa: E402
from muscle_nutrients.serialization import SCHEMA_VERSION, Document  # noqa: E402
from muscle_nutrients.units import Amount  # noqa: E402

OUTPUT = ROOT / "src" / "muscle_nutrients" / "data" / "schema.json"
SCHEMA_ID = "https://muscle-nutrients.invalid/schema/v1/data-file.json"

# Field name -> pattern enforced by the model's validators.
PATTERNS = {
    "id": model._ID.pattern,
    "hpo_id": model._HPO.pattern,
    "loinc": model._LOINC.pattern,
    "chebi": model._CHEBI.pattern,
    "ndb_number": model._NDB.pattern,
    "pmid": model._PMID.pattern,
    "doi": model._DOI.pattern,
    "accessed": model._DATE.pattern,
}
REF_PATTERN = r"^(" + "|".join(k.value for k in model.RefKind) + r"):[a-z0-9]+(?:-[a-z0-9]+)*$"
NON_NEGATIVE = {"value", "grams", "low", "high", "min_months", "max_months", "molar_mass", "iu_per_microgram"}


def _type_schema(tp: Any, defs: dict[str, Any], field: str | None = None) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _type_schema(options[0], defs, field)
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], defs)}
    if tp is model.Ref:
        return {"type": "string", "pattern": REF_PATTERN}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"enum": [m.value for m in tp]}
    if attrs.has(tp):
        _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if tp is str:
        out: dict[str, Any] = {"type": "string", "minLength": 1}
        if field in PATTERNS:
            out["pattern"] = PATTERNS[field]
        return out
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        out = {"type": "integer"}
    elif tp is float:
        out = {"type": "number"}
    else:
        raise TypeError(f"no schema for {tp!r}")
    if field in NON_NEGATIVE:
        out["minimum"] = 0
    return out


def _class_schema(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    properties, required = {}, []
    for f in attrs.fields(cls):
        properties[f.name] = _type_schema(hints[f.name], defs, f.name)
        if f.default is attrs.NOTHING:
            required.append(f.name)
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    defs[cls.__name__] = {"type": "object", "description": doc, "properties": properties, "required": required, "additionalProperties": False}


def build() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    for cls in (Amount, Document):
        _class_schema(cls, defs)
    top = defs.pop("Document")
    top["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "muscle-nutrients data file",
        "description": "One JSON (or TOML) data file of the muscle-nutrients knowledge base. Cross-record rules "
        "(unique ids and names, resolvable references, units that fit the nutrient) are checked when the knowledge "
        "base is built, not by this schema.",
        **{k: v for k, v in top.items() if k != "description"},
        "$defs": dict(sorted(defs.items())),
    }


def render() -> str:
    return json.dumps(build(), indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is stale; run scripts/build_schema.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

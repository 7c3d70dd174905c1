"""Generate the JSON Schema of the data-file format from the attrs model and its field metadata.

Usage::

    python scripts/build_schema.py            # write src/muscle_nutrients/data/schema.json
    python scripts/build_schema.py --check    # exit 1 if the committed schema is stale

Every constraint comes from where it is declared: types and defaults from the record
classes, patterns, bounds, lengths and list sizes from each field's metadata (see
``muscle_nutrients._fields``), the record kinds from ``Document``. A test keeps the
committed schema in step.
"""

from __future__ import annotations

import argparse
import json
import sys
import types
import typing
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from muscle_nutrients import model  # noqa: E402
from muscle_nutrients._fields import ID_PATTERN  # noqa: E402
from muscle_nutrients.document import SCHEMA_VERSION, Document  # noqa: E402
from muscle_nutrients.units import Amount  # noqa: E402

OUTPUT = ROOT / "src" / "muscle_nutrients" / "data" / "schema.json"
SCHEMA_ID = "https://muscle-nutrients.invalid/schema/v2/data-file.json"
REF_PATTERN = r"^(" + "|".join(k.value for k in model.RefKind) + r"):" + ID_PATTERN[1:]

# field metadata -> JSON Schema keyword, for scalar values and for lists
SCALAR = {"pattern": "pattern", "minimum": "minimum", "exclusive_minimum": "exclusiveMinimum", "maximum": "maximum",
          "max_length": "maxLength"}
LIST = {"min_items": "minItems", "max_items": "maxItems", "unique": "uniqueItems"}


def _scalar(tp: Any, meta: Mapping[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if tp is model.Ref:
        return {"type": "string", "pattern": REF_PATTERN}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"enum": [m.value for m in tp]}
    if attrs.has(tp):
        _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    out: dict[str, Any] = {str: {"type": "string", "minLength": 1}, bool: {"type": "boolean"}, int: {"type": "integer"},
                           float: {"type": "number"}}[tp].copy()
    if meta.get("claims"):
        out["enum"] = list(meta["claims"])
    out.update({SCALAR[k]: v for k, v in meta.items() if k in SCALAR and not (k == "max_length" and tp is not str)})
    return out


def _type_schema(tp: Any, meta: Mapping[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [_type_schema(inner, meta, defs), {"type": "null"}]}
    if origin is tuple:
        item = typing.get_args(tp)[0]
        items = _scalar(item, meta, defs)
        if item is model.Citation:  # a citation may also be just the source's id (not pinned)
            items = {"anyOf": [items, {"type": "string", "pattern": ID_PATTERN, "description": "a source id"}]}
        out = {"type": "array", "items": items}
        out.update({LIST[k]: v for k, v in meta.items() if k in LIST and v})
        return out
    return _scalar(tp, meta, defs)


def _class_schema(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    properties, required = {}, []
    for f in attrs.fields(cls):
        properties[f.name] = _type_schema(hints[f.name], f.metadata, defs)
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

"""Reading data files and building knowledge bases; the packaged one is loaded once."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from ._version import DATA_VERSION
from .errors import DataError
from .knowledge_base import KnowledgeBase
from .trusted import structure_trusted
from .document import RECORD_FIELDS, Document

__all__ = ["MAX_FILE_BYTES", "PACKAGED_FILES", "json_schema", "load", "read_document"]

#: The packaged data files, in load order (``data/`` inside the package).
PACKAGED_FILES: tuple[str, ...] = (
    "sources.json",
    "nutrients.json",
    "symptoms.json",
    "foods.json",
    "factors.json",
    "lab_tests.json",
    "advice.json",
    "red_flags.json",
    "intakes.json",
    "relations.json",
)

#: Largest data file accepted, in bytes; larger files are refused before parsing.
MAX_FILE_BYTES = 16 * 1024 * 1024

_lock = threading.Lock()
_packaged: KnowledgeBase | None = None


def _parse(raw: bytes, origin: str) -> Any:
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([f"{origin}: file is {len(raw)} bytes, over the {MAX_FILE_BYTES}-byte limit"])
    if not raw.strip():
        raise DataError([f"{origin}: file is empty"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([f"{origin}: not UTF-8 text (byte {exc.start}: {exc.reason})"]) from None
    try:
        if origin.endswith(".toml"):
            import tomllib

            return tomllib.loads(text)
        return json.loads(text)
    except RecursionError:
        raise DataError([f"{origin}: nesting is too deep"]) from None
    except ValueError as exc:  # json.JSONDecodeError and tomllib.TOMLDecodeError
        raise DataError([f"{origin}: not valid {'TOML' if origin.endswith('.toml') else 'JSON'}: {exc}"]) from None


def read_document(path: str | Path) -> Document:
    """Read and structure one JSON or TOML data file.

    Raises:
        DataError: the file cannot be read, parsed or structured; names the file and path.
    """
    from .serialization import structure_document  # cattrs is only needed for untrusted files

    origin = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DataError([f"{origin}: cannot read: {exc.strerror or exc}"]) from None
    return structure_document(_parse(raw, origin), origin=origin)


def merge_documents(documents: Iterable[Document]) -> Document:
    """Concatenate the records of several documents (validation happens when the knowledge base is built)."""
    docs = list(documents)
    fields: dict[str, Any] = {name: tuple(r for d in docs for r in getattr(d, name)) for name in RECORD_FIELDS}
    versions = [d.data_version for d in docs if d.data_version]
    return Document(data_version=versions[0] if versions else None, **fields)


def _read_packaged() -> KnowledgeBase:
    folder = resources.files("muscle_nutrients") / "data"
    documents: list[Document] = []
    problems: list[str] = []
    for name in PACKAGED_FILES:
        origin = f"muscle_nutrients/data/{name}"
        try:
            document = structure_trusted(_parse((folder / name).read_bytes(), origin))
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        except (KeyError, TypeError, ValueError) as exc:  # only if the package itself is damaged
            problems.append(f"{origin}: cannot be read as packaged data ({exc}); reinstall the package")
            continue
        if document.data_version != DATA_VERSION:
            problems.append(f"{origin}: data_version {document.data_version!r} is not {DATA_VERSION!r}")
        documents.append(document)
    if problems:
        raise DataError(problems)
    return KnowledgeBase.from_document(merge_documents(documents))


def packaged() -> KnowledgeBase:
    """The knowledge base shipped in the package: loaded on first use, under a lock, then cached."""
    global _packaged
    kb = _packaged
    if kb is None:
        with _lock:
            kb = _packaged
            if kb is None:
                kb = _packaged = _read_packaged()
    return kb


def load(*paths: str | Path, override: bool = False) -> KnowledgeBase:
    """The packaged knowledge base, or a new one extended with the records in ``paths``.

    With no arguments this returns the same cached object every time (thread-safe). With
    paths, the files (JSON or TOML, in the documented format) are read, every problem in
    any of them is collected, and a new knowledge base combining them with the packaged
    data is built; the packaged one is never changed. A record whose id is already taken
    is an error unless ``override`` is true (see [KnowledgeBase.extend][muscle_nutrients.knowledge_base.KnowledgeBase.extend]).

    Raises:
        DataError: any file is unreadable or invalid, or its records clash with the
            packaged ones; lists every problem with its file and JSON path.
    """
    base = packaged()
    if not paths:
        return base
    documents = []
    origins: dict[int, str] = {}
    problems: list[str] = []
    for path in paths:
        try:
            document = read_document(path)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        documents.append(document)
        for field in RECORD_FIELDS:
            for index, record in enumerate(getattr(document, field)):
                origins[id(record)] = f"{path}: $.{field}[{index}]"
    if problems:
        raise DataError(problems)
    return base.extend(*documents, override=override, origins=origins)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file, as shipped in ``data/schema.json``.

    It checks the shape of one file; the rules that span records (unique names, resolvable
    references, units that fit a nutrient) are checked when a knowledge base is built.
    """
    text = (resources.files("muscle_nutrients") / "data" / "schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema

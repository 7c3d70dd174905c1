"""Reading data files and building knowledge bases; the packaged one is loaded once, lazily.

The packaged knowledge base is returned at once: each of its tables is read from its data
file the first time a query needs it, through the fast trusted builder. User files are read
whole and validated strictly before anything is built, so a bad file changes nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from typing import Any

from . import _lazy
from ._fastbuild import builder
from ._kinds import Kind
from ._version import DATA_VERSION
from .document import KINDS, RECORD_FIELDS, Document
from .errors import DataError
from .knowledge_base import KnowledgeBase
from .model import Food

__all__ = ["MAX_FILE_BYTES", "PACKAGED_FILES", "json_schema", "load", "read_document"]

#: The packaged data files, in load order (``data/`` inside the package); the foods are a
#: folder of files (``data/foods``, see ``muscle_nutrients._foodtable``).
PACKAGED_FILES: tuple[str, ...] = tuple("foods/table.json" if kind.record is Food else kind.file for kind in KINDS)

#: Largest data file accepted, in bytes; larger files are refused before they are read.
MAX_FILE_BYTES = 64 * 1024 * 1024  # room for an export of the whole knowledge base (about 18 MB)

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
_packaged: KnowledgeBase | None = None


def _packaged_bytes(name: str) -> bytes:
    # The module's own loader reads files beside it, from a folder or a zip, without
    # importing importlib.resources (and the tempfile, shutil and zipfile it brings).
    loader = __spec__.loader if __spec__ is not None else None
    get_data = getattr(loader, "get_data", None)
    path = os.path.join(_DATA, name)
    if get_data is not None:
        data: bytes = get_data(path)
        return data
    with open(path, "rb") as f:  # pragma: no cover - loaders without get_data
        return f.read()


def _read_packaged_kind(kind: Kind[Any]) -> Sequence[Any]:
    import json

    if kind.record is Food:  # every USDA food: a packed table read a piece at a time
        from ._foodtable import PackedFoods

        return PackedFoods(_packaged_bytes, DATA_VERSION)
    origin = f"muscle_nutrients/data/{kind.file}"
    try:
        data = json.loads(_packaged_bytes(kind.file))
        records = tuple(builder(kind.record)(item) for item in data.get(kind.field, ()))
    except (OSError, KeyError, TypeError, ValueError) as exc:  # only if the package itself is damaged
        raise DataError([f"{origin}: cannot be read as packaged data ({exc}); reinstall the package"]) from None
    if data.get("data_version") != DATA_VERSION:
        raise DataError([f"{origin}: data_version {data.get('data_version')!r} is not {DATA_VERSION!r}; reinstall the package"])
    return records


def packaged() -> KnowledgeBase:
    """The knowledge base shipped in the package: made on first use, under a lock, then cached.

    Its tables are read when first needed, so loading costs almost nothing until a query runs.
    """
    global _packaged
    kb = _packaged
    if kb is None:
        with _lazy.lock():
            kb = _packaged
            if kb is None:
                kb = _packaged = KnowledgeBase._lazy(_read_packaged_kind, DATA_VERSION)
    return kb


def _origin(path: str | os.PathLike[str]) -> str:
    """How a file is named in messages: as given, or quoted when its name holds control characters."""
    text = os.fspath(path)
    return text if text.isprintable() else repr(text)


def _read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A user file's bytes: only a regular file, only up to the size limit, never blocking.

    The file is opened without blocking (a FIFO would wait for a writer) and checked through
    the open descriptor, so what is read is what was checked.
    """
    origin = _origin(path)
    if not os.fspath(path):
        raise DataError(["(empty path): no file name given"])
    try:
        fd = os.open(os.fspath(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DataError([f"{origin}: cannot read: {exc.strerror or exc}"]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise DataError([f"{origin}: cannot read: {what}"])
        if info.st_size > MAX_FILE_BYTES:
            raise DataError([f"{origin}: file is {info.st_size} bytes, over the {MAX_FILE_BYTES}-byte limit"])
        with os.fdopen(fd, "rb", closefd=False) as f:
            # read what fstat() found, plus anything the file has grown by since, never past the limit
            # (one read of the whole limit would allocate it whole)
            parts = [f.read(info.st_size + 1)]
            total = len(parts[0])
            while total > info.st_size and total <= MAX_FILE_BYTES and (more := f.read(1 << 20)):
                parts.append(more)
                total += len(more)
            raw = b"".join(parts)
    except (OSError, MemoryError) as exc:
        raise DataError([f"{origin}: cannot read: {getattr(exc, 'strerror', None) or type(exc).__name__}"]) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([f"{origin}: file is over the {MAX_FILE_BYTES}-byte limit"])
    return raw


def read_document(path: str | os.PathLike[str], *, document: type[Document] = Document) -> Document:
    """Read and structure one JSON or TOML data file (``.toml`` in any case is TOML).

    ``document`` is the document class to read into: a subclass of ``Document`` that
    declares more record kinds reads those too.

    Raises:
        DataError: the file cannot be read, parsed or structured; names the file and every
            problem's JSON path.
    """
    from .serialization import parse_text, structure_document  # cattrs only for user files

    origin = _origin(path)
    raw = _read_bytes(path)
    return structure_document(parse_text(raw, origin), origin=origin, document=document)


def merge_documents(documents: Iterable[Document]) -> Document:
    """Concatenate the records of several documents (validation happens when the knowledge base is built)."""
    docs = list(documents)
    fields: dict[str, Any] = {name: tuple(r for d in docs for r in getattr(d, name)) for name in RECORD_FIELDS}
    versions = [d.data_version for d in docs if d.data_version]
    return Document(data_version=versions[0] if versions else None, **fields)


def load(*paths: str | os.PathLike[str], override: bool = False, document: type[Document] = Document) -> KnowledgeBase:
    """The packaged knowledge base, or a new one extended with the records in ``paths``.

    With no arguments this returns the same cached object every time (thread-safe). With
    paths, the files (JSON or TOML, in the documented format) are read, every problem in
    any of them is collected, and a new knowledge base combining them with the packaged
    data is built; the packaged one is never changed. A record whose id is already taken
    is an error unless ``override`` is true (see
    [KnowledgeBase.extend][muscle_nutrients.knowledge_base.KnowledgeBase.extend]).
    ``document`` reads the files into a subclass of ``Document`` that declares more kinds.

    Raises:
        DataError: any file is unreadable or invalid, its ``data_version`` differs from the
            packaged data's, or its records clash with the packaged ones; lists every
            problem with its file and JSON path.
    """
    base = packaged()
    if not paths:
        return base
    located: list[tuple[Document, str | None]] = []
    problems: list[str] = []
    for path in paths:
        try:
            found = read_document(path, document=document)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        if found.data_version is not None and found.data_version != base.data_version:
            problems.append(
                f"{_origin(path)}: $.data_version: the file is for data version {found.data_version!r}, "
                f"but the packaged data is {base.data_version!r}; leave data_version out, or update the file"
            )
        located.append((found, _origin(path)))
    if problems:
        raise DataError(problems)
    return base._extended(located, override)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file, as shipped in ``data/schema.json``.

    It checks the shape of one file; the rules that span records (unique names, resolvable
    references, units that fit a nutrient) are checked when a knowledge base is built.
    """
    import json

    schema: dict[str, Any] = json.loads(_packaged_bytes("schema.json"))
    return schema

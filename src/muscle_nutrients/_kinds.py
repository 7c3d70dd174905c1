"""Record kinds: what each kind of record is called, where it lives and how it is known.

A kind is declared once, on the [Document][muscle_nutrients.document.Document] field that
holds its records::

    nutrients: tuple[Nutrient, ...] = attrs.field(default=(), metadata=kind(Nutrient, "nutrient", refs=...))

Everything else derives from that declaration and the record class's field metadata: the
data file (``nutrients.json``), the label in messages and search hits, which relation
references point at the kind, the names it is looked up by (its ``names`` fields), the
identity that extend/override compare, and the kind-wide checks. The loader, the name
indexes, validation, the schema script, the catalog and the exporters all iterate
[Kinds][muscle_nutrients._kinds.Kinds] rather than listing kinds by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from functools import cached_property
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import attrs

from ._lazy import Sealed
from .model import RefKind

__all__ = ["Kind", "Kinds", "kind"]

R = TypeVar("R")

#: A kind-wide rule: (indexes of the records involved, problem) for each breach; the problem
#: is reported at the first of them that was read from a file, else at the first.
KindCheck = Callable[[Sequence[Any]], Iterator[tuple[tuple[int, ...], str]]]


def _by_id(record: Any) -> Hashable:
    return record.id  # type: ignore[no-any-return]


@attrs.frozen(eq=False)
class Kind(Generic[R]):
    """One kind of record, as declared on its document field."""

    record: type[R]
    """The record class."""
    label: str
    """What one record is called in messages and search hits: ``"lab test"``."""
    field: str
    """The document field and data-file stem: ``"lab_tests"``."""
    refs: tuple[RefKind, ...] = ()
    """The relation reference kinds that point at records of this kind."""
    key: Callable[[R], Hashable] = _by_id
    """A record's identity among its kind (its id, unless declared otherwise)."""
    checks: tuple[KindCheck, ...] = ()
    """Rules over all records of the kind together."""
    describes: Callable[[R], str] | None = None
    """How a record is named in messages, when its key alone does not read well."""

    @property
    def file(self) -> str:
        """The packaged data file: ``"lab_tests.json"``."""
        return f"{self.field}.json"

    @cached_property
    def name_fields(self) -> tuple[str, ...]:
        """The fields whose values a record is looked up by (id, name, aliases ...)."""
        return tuple(a.name for a in attrs.fields(self.record) if a.metadata.get("names"))  # type: ignore[arg-type]

    @cached_property
    def display_field(self) -> str | None:
        """The field holding a record's display name, if the kind has one."""
        shown = [a.name for a in attrs.fields(self.record) if a.metadata.get("display")]  # type: ignore[arg-type]
        return shown[0] if shown else None

    def names(self, record: R) -> tuple[str, ...]:
        """Every name ``record`` is found by."""
        out: list[str] = []
        for name in self.name_fields:
            value = getattr(record, name)
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, tuple):
                out.extend(v for v in value if isinstance(v, str))
        return tuple(out)

    def display(self, record: R) -> str:
        """A record's display name (its id when the kind has no name field)."""
        return str(getattr(record, self.display_field or "id", "") or self.describe(record))

    def describe(self, record: R) -> str:
        """``"lab test 'serum-magnesium'"``: the record's kind and identity, for messages."""
        if self.describes is not None:
            return f"{self.label} {self.describes(record)}"
        return f"{self.label} {self.key(record)!r}"


def kind(
    record: type[Any],
    label: str,
    *,
    refs: tuple[RefKind, ...] = (),
    key: Callable[[Any], Hashable] | None = None,
    checks: tuple[KindCheck, ...] = (),
    describes: Callable[[Any], str] | None = None,
) -> Mapping[str, object]:
    """The metadata of a document field that declares a record kind."""
    options: dict[str, object] = {"record": record, "label": label, "refs": refs, "checks": checks, "describes": describes}
    if key is not None:
        options["key"] = key
    return MappingProxyType({"kind": options})


class Kinds(Sealed):
    """The record kinds a document class declares, in load order, found by class, field, label or reference."""

    __slots__ = ("document", "_all", "_by_class", "_by_field", "_by_label", "_by_ref")

    def __init__(self, document: type[Any]) -> None:
        self.document = document
        found: list[Kind[Any]] = []
        for a in attrs.fields(document):
            options = a.metadata.get("kind")
            if options is not None:
                found.append(Kind(field=a.name, **options))
        self._all = tuple(found)
        self._by_class: Mapping[type, Kind[Any]] = MappingProxyType({k.record: k for k in found})
        self._by_field: Mapping[str, Kind[Any]] = MappingProxyType({k.field: k for k in found})
        self._by_label: Mapping[str, Kind[Any]] = MappingProxyType({k.label: k for k in found})
        self._by_ref: Mapping[RefKind, Kind[Any]] = MappingProxyType({r: k for k in found for r in k.refs})

    def __iter__(self) -> Iterator[Kind[Any]]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def of(self, record: type[R]) -> Kind[R]:
        """The kind whose records are of class ``record``.

        Raises:
            TypeError: no kind holds that class.
        """
        found = self._by_class.get(record)
        if found is None:
            raise TypeError(f"{getattr(record, '__name__', record)!s} is not a record kind of {self.document.__name__}")
        return found

    def field(self, name: str) -> Kind[Any]:
        """The kind stored under document field ``name`` (``"lab_tests"``)."""
        found = self._by_field.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def labelled(self, label: str) -> Kind[Any]:
        """The kind called ``label`` (``"lab test"``)."""
        return self._by_label[label]

    def for_ref(self, ref_kind: RefKind) -> Kind[Any] | None:
        """The kind a relation reference of ``ref_kind`` points at, if any."""
        return self._by_ref.get(ref_kind)

    @property
    def fields(self) -> tuple[str, ...]:
        """The document fields of the kinds, in load order."""
        return tuple(k.field for k in self._all)

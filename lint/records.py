"""Records that compare, hash and show themselves by their fields, as dataclasses do.

``@dataclass`` writes each class's methods as source text and compiles it when
the module is imported, and imports ``inspect``: together about a tenth of a
cold run. A record names its fields once (``_fields``) and shares these methods.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


class Record:
    """Equal to a record of the same class with equal ``_compared`` fields (all ``_fields``
    unless given), shown by them too; unhashable, as a mutable dataclass is."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _compared: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_fields" in cls.__dict__ and "_compared" not in cls.__dict__:  # a subclass keeps its parent's
            cls._compared = cls._fields

    def _key(self) -> tuple:
        return tuple([getattr(self, name) for name in self._compared])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    __hash__: Any = None

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._compared)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple:
        """Pickled (to and from worker processes) by ``__init__``, which takes the fields in order."""
        return type(self), tuple([getattr(self, name) for name in self._fields])

    def replaced(self: R, **changes: Any) -> R:
        """A copy with some fields changed (``dataclasses.replace``)."""
        unknown = set(changes) - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__qualname__} has no field {sorted(unknown)[0]!r}")
        return type(self)(**{name: changes[name] if name in changes else getattr(self, name) for name in self._fields})


class FrozenRecord(Record):
    """A record whose fields cannot be assigned after ``__init__`` (which sets them with
    ``object.__setattr__``); hashed by its compared fields."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a {type(self).__qualname__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a {type(self).__qualname__} is immutable")

    def __hash__(self) -> int:
        return hash(self._key())


class OrderedRecord(FrozenRecord):
    """Ordered by its compared fields, in order, as ``@dataclass(order=True)`` is."""

    __slots__ = ()

    def __lt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() >= other._key()

"""The private cattrs converter that turns parsed TOML records into model objects.

It is strict on purpose: unknown keys are errors, and ``"3"`` is not an integer nor
``3.7`` a level rung.  A record is structured field by field, and each field's own
validator is run on its own, so one pass reports every problem of the record (a bad level
*and* an empty title), each as a ``(field path, message)`` pair that keeps the model
validators' own messages.  The fields that did read well are kept as a *partial* record,
so that the checks spanning records (unknown references, duplicates) still run on it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError

from supportladder._frozen import FrozenDict, freeze
from supportladder._wording import show
from supportladder.model import Kind

__all__ = [
    "CONVERTER",
    "Outcome",
    "RecordError",
    "format_exception",
    "make_converter",
    "number_problem",
    "structure",
    "type_name",
]

T = TypeVar("T")

_TYPE_NAMES = {
    bool: "a boolean",
    int: "an integer",
    float: "a decimal number",
    str: "a string",
    list: "an array",
    dict: "a table",
}

# Numbers are compared and summed as floats; anything beyond this is refused as too large.
_FLOAT_MAX = 1.7976931348623157e308


def type_name(value: object) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return type(value).__name__


def number_problem(value: object) -> str | None:
    """Return why a number read from a file cannot be used, or ``None`` if it can.

    Integers are exact in TOML but become floats in weights: one too large for a float
    (over about 1.8e308) is refused here, instead of raising ``OverflowError`` later.
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _FLOAT_MAX:
        return f"the number {show(value)} is too large; use a number below 1e308"
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a finite number, got {value!r}"
    return None


class RecordError(Exception):
    """Every problem of one nested record, as ``(path, message)`` pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{p}: {m}" if p else m for p, m in problems))
        self.problems = problems


def _strict_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type_name(value)} {show(value)}")
    return value


def _strict_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {type_name(value)} {show(value)}")
    if (problem := number_problem(value)) is not None:
        raise ValueError(problem)
    return value


def _strict_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {type_name(value)} {show(value)}")
    if isinstance(value, int) and (problem := number_problem(value)) is not None:
        raise ValueError(problem)
    return float(value)


def _str_tuple(value: Any, _: type) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise TypeError(f"expected an array of strings, got {type_name(value)} {show(value)}")
    bad = [item for item in value if not isinstance(item, str)]
    if bad:
        raise TypeError(
            f"expected an array of strings, but it holds {type_name(bad[0])} {show(bad[0])}"
        )
    return tuple(value)


def _frozen_dict_hook(cl: Any) -> Callable[[Any, type], FrozenDict[str, Any]]:
    value_type = get_args(cl)[1] if get_args(cl) else Any
    check = _strict_float if value_type is float else _strict_str
    wanted = "numbers" if value_type is float else "strings"

    def structure(value: Any, _: type) -> FrozenDict[str, Any]:
        if not isinstance(value, dict):
            raise TypeError(f"expected a table of {wanted}, got {type_name(value)} {show(value)}")
        out: dict[str, Any] = {}
        problems: list[tuple[str, str]] = []
        for key, item in value.items():
            try:
                out[key] = check(item, value_type)
            except (TypeError, ValueError) as exc:
                problems.append((str(key), str(exc)))
        if problems:
            raise RecordError(problems)
        return freeze(out)

    return structure


def _kind(value: Any, _: type) -> str:
    # The Transition validator names the allowed kinds; only the type is checked here.
    return _strict_str(value, str)


def format_exception(exc: BaseException, type_: type | None) -> str:
    """Turn one structuring error into a message that says what to do."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown_keys(exc.cl, exc.extra_fields)
    if isinstance(exc, KeyError):
        return "required key missing; add it"
    if isinstance(exc, TypeError | ValueError | RecordError) and str(exc):
        return str(exc)
    wanted = getattr(type_, "__name__", None) or str(type_)
    return f"cannot read this value as {wanted} ({type(exc).__name__}: {exc})"


def _unknown_keys(cl: type, extra: set[str] | list[str]) -> str:
    allowed = [a.alias or a.name for a in attrs.fields(cl) if a.init]
    keys = ", ".join(show(k) for k in sorted(map(str, extra)))
    plural = "s" if len(extra) > 1 else ""
    return f"unknown key{plural} {keys}; allowed keys are {', '.join(allowed)}"


def _is_frozen_dict(cl: Any) -> bool:
    return cl is FrozenDict or get_origin(cl) is FrozenDict


def make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _str_tuple)
    conv.register_structure_hook_func(lambda t: t == Kind, _kind)
    conv.register_structure_hook_factory(_is_frozen_dict, _frozen_dict_hook)
    conv.register_structure_hook_func(attrs.has, _nested_record)
    return conv


def _nested_record(value: Any, cl: type) -> Any:
    outcome: Outcome[Any] = structure(value, cl)
    if outcome.value is None:
        raise RecordError(outcome.problems)
    return outcome.value


@attrs.frozen
class Outcome(Generic[T]):
    """What structuring one record gave.

    ``value`` is the record, or ``None`` if it has problems; ``partial`` is then the record
    built from the fields that did read well (failed fields set to ``None``, or to their
    empty default for collections), without running validators, for the cross-record
    checks; ``None`` when not even a table was given.
    """

    value: T | None
    problems: list[tuple[str, str]]
    partial: T | None


_FIELDS: dict[type, tuple[attrs.Attribute[Any], ...]] = {}


def _fields(cl: type) -> tuple[attrs.Attribute[Any], ...]:
    """Return the init fields of an attrs class, with their types resolved (cached)."""
    found = _FIELDS.get(cl)
    if found is None:
        attrs.resolve_types(cl)
        found = _FIELDS[cl] = tuple(f for f in attrs.fields(cl) if f.init)
    return found


def structure(raw: Any, cl: type[T]) -> Outcome[T]:
    """Structure ``raw`` into ``cl``, reporting every problem of every field.

    Paths are dotted field paths (``"requirements.tenure_months"``), ``""`` for the record.
    """
    fields = _fields(cl)
    if not isinstance(raw, dict):
        names = ", ".join(f.alias or f.name for f in fields)
        found = f"{type_name(raw)} {show(raw)}"
        return Outcome(None, [("", f"expected a table (keys {names}), got {found}")], None)
    keys = {f.alias or f.name: f for f in fields}
    problems: list[tuple[str, str]] = []
    extra = [k for k in raw if k not in keys]
    if extra:
        problems.append(("", _unknown_keys(cl, extra)))
    values: dict[str, Any] = {}
    failed: set[str] = set()
    for key, f in keys.items():
        if key not in raw:
            if f.default is attrs.NOTHING:
                problems.append((key, "required key missing; add it"))
            continue
        found = _field(raw[key], f, key)
        if isinstance(found, list):
            problems.extend(found)
            failed.add(key)
        else:
            values[f.alias or f.name] = found
    if not problems:
        try:
            return Outcome(cl(**values), [], None)
        except (TypeError, ValueError, OverflowError) as exc:
            # Raised by the class as a whole (__attrs_post_init__, e.g. a self-loop).
            problems.append(("", str(exc)))
    return Outcome(None, problems, _partial(cl, values, failed))


def _field(raw: Any, f: attrs.Attribute[Any], key: str) -> Any:
    """Return the structured, converted and validated value, or a list of problems."""
    try:
        value = CONVERTER.structure(raw, f.type)  # type: ignore[arg-type]
    except RecordError as exc:
        return [(_join(key, p), m) for p, m in exc.problems]
    except cattrs.BaseValidationError as exc:
        messages = cattrs.transform_error(exc, path="", format_exception=format_exception)
        return [_split(key, m) for m in messages]
    except (TypeError, ValueError, OverflowError) as exc:
        return [(key, str(exc))]
    try:
        converter = f.converter
        if isinstance(converter, attrs.Converter):
            wants_more = getattr(converter, "takes_self", 0) or getattr(converter, "takes_field", 0)
            converter = None if wants_more else converter
        if converter is not None:
            value = converter(value)  # type: ignore[operator]
        if f.validator is not None:
            f.validator(None, f, value)
    except (TypeError, ValueError, OverflowError) as exc:
        # The model's validators name the field themselves.
        return [("", str(exc))]
    except Exception:  # a validator that needs the whole record: construction runs it
        pass
    return value


def _join(key: str, path: str) -> str:
    return f"{key}.{path}" if path else key


def _split(key: str, message: str) -> tuple[str, str]:
    text, _, path = message.rpartition(" @ ")
    if not text:
        return key, message
    return _join(key, path.removeprefix("$").removeprefix(".")), text


def _partial(cl: type[T], values: Mapping[str, Any], failed: set[str]) -> T:
    """Build ``cl`` from the fields that read well, without converters or validators.

    A field left out takes its default; a field that failed is ``None``, or its empty
    default if it is a collection (so that iterating over it still works).
    """
    obj = object.__new__(cl)
    for f in _fields(cl):
        name = f.alias or f.name
        if name in values:
            value = values[name]
        else:
            default: Any = f.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = None if default.takes_self else default.factory()
            if name in failed and not isinstance(default, tuple | Mapping):
                default = None
            value = None if default is attrs.NOTHING else default
        object.__setattr__(obj, f.name, value)
    return obj


CONVERTER = make_converter()

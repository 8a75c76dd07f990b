"""The private cattrs converter that turns parsed TOML records into model objects.

It is strict on purpose: unknown keys are errors, and ``"3"`` is not an integer nor
``3.7`` a level rung.  Errors come back as ``(field path, message)`` pairs that keep the
model validators' own messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError

from supportladder._private.frozen import FrozenDict, freeze
from supportladder.model import Kind

__all__ = ["CONVERTER", "format_exception", "make_converter", "show", "structure", "type_name"]

T = TypeVar("T")

_TYPE_NAMES = {
    bool: "a boolean",
    int: "an integer",
    float: "a decimal number",
    str: "a string",
    list: "an array",
    dict: "a table",
}


def type_name(value: object) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return type(value).__name__


def show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _strict_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type_name(value)} {show(value)}")
    return value


def _strict_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {type_name(value)} {show(value)}")
    return value


def _strict_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {type_name(value)} {show(value)}")
    return float(value)


def _str_tuple(value: Any, _: type) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise TypeError(f"expected an array of strings, got {type_name(value)} {show(value)}")
    bad = [item for item in value if not isinstance(item, str)]
    if bad:
        raise TypeError(f"expected an array of strings, but it holds {show(bad[0])}")
    return tuple(value)


def _frozen_dict_hook(cl: Any) -> Callable[[Any, type], FrozenDict[str, Any]]:
    value_type = get_args(cl)[1] if get_args(cl) else Any
    check = _strict_float if value_type is float else _strict_str

    def structure(value: Any, _: type) -> FrozenDict[str, Any]:
        if not isinstance(value, dict):
            raise TypeError(f"expected a table, got {type_name(value)} {show(value)}")
        out: dict[str, Any] = {}
        for key, item in value.items():
            try:
                out[key] = check(item, value_type)
            except TypeError as exc:
                raise TypeError(f"{key}: {exc}") from None
        return freeze(out)

    return structure


def _kind(value: Any, _: type) -> str:
    # The Transition validator names the allowed kinds; only the type is checked here.
    return _strict_str(value, str)


def format_exception(exc: BaseException, type_: type | None) -> str:
    """Turn one structuring error into a message that says what to do."""
    if isinstance(exc, ForbiddenExtraKeysError):
        allowed = [a.alias or a.name for a in attrs.fields(exc.cl) if a.init]
        keys = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        plural = "s" if len(exc.extra_fields) > 1 else ""
        return f"unknown key{plural} {keys}; allowed keys are {', '.join(allowed)}"
    if isinstance(exc, KeyError):
        return "required key missing; add it"
    if isinstance(exc, TypeError | ValueError) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, type_)


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
    return conv


CONVERTER = make_converter()


def structure(raw: Any, cl: type[T]) -> tuple[T | None, list[tuple[str, str]]]:
    """Structure ``raw`` into ``cl``; return the object or ``None`` and ``(path, message)``s.

    Paths are dotted field paths (``"requirements.tenure_months"``), ``""`` for the record.
    """
    if not isinstance(raw, dict):
        return None, [("", f"expected a table, got {type_name(raw)} {show(raw)}")]
    try:
        return CONVERTER.structure(raw, cl), []
    except cattrs.BaseValidationError as exc:
        messages = cattrs.transform_error(exc, path="$", format_exception=format_exception)
        return None, [_split(m) for m in messages]
    except (TypeError, ValueError) as exc:
        # Raised by the class itself (validators, __attrs_post_init__).
        return None, [("", str(exc))]


def _split(message: str) -> tuple[str, str]:
    text, _, path = message.rpartition(" @ ")
    if not text:
        return "", message
    path = path.removeprefix("$").removeprefix(".")
    return path, text

"""A small TOML writer for the value types graph files use (no runtime dependency needed)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["assignments", "key", "string", "value"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def key(name: str) -> str:
    return name if _BARE_KEY.match(name) else string(name)


def string(text: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes; TOML also forbids raw DEL.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def value(obj: Any) -> str:
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise ValueError(f"cannot write the non-finite number {obj!r} to a graph file")
        text = repr(obj)
        return text if any(c in text for c in ".eE") else text + ".0"
    if isinstance(obj, str):
        return string(obj)
    if isinstance(obj, Mapping):
        return "{ " + ", ".join(f"{key(k)} = {value(v)}" for k, v in obj.items()) + " }"
    if isinstance(obj, Sequence):
        return "[" + ", ".join(value(v) for v in obj) + "]"
    raise TypeError(f"cannot write {type(obj).__name__} to TOML")


def assignments(pairs: Mapping[str, Any]) -> list[str]:
    return [f"{key(k)} = {value(v)}" for k, v in pairs.items()]

"""The rules of single fields, shared by the records.

The constants (kinds, levels, id rules, bounds) and the attrs validators and converters
that check one value: an id, a level, a kind, a text, a finite number.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

import attrs

from supportladder._frozen import FrozenDict, freeze
from supportladder._wording import show as _show

__all__ = [
    "HOLLAND_LETTERS",
    "ID_RE",
    "KINDS",
    "MAX_GAP_EXPONENT",
    "MAX_ID_LENGTH",
    "MAX_LEVEL",
    "MAX_TENURE_MONTHS",
    "SKILL_CATEGORIES",
    "Kind",
    "check_category",
    "check_exponent",
    "check_finite",
    "check_holland",
    "check_id",
    "check_kind",
    "check_level",
    "check_months",
    "check_non_negative",
    "check_observed_count",
    "check_probability",
    "check_skill_levels",
    "check_text",
    "id_problem",
    "level_map",
    "str_map",
    "str_tuple",
    "to_float",
    "to_tuple",
]

Kind = Literal["upward", "lateral", "cross-industry"]


KINDS: Final[tuple[Kind, ...]] = ("upward", "lateral", "cross-industry")
"""The three kinds of move, in the order they are listed everywhere."""


HOLLAND_LETTERS: Final = "RIASEC"
"""The six Holland (RIASEC) interest types: Realistic, Investigative, Artistic, Social,
Enterprising, Conventional."""


ID_RE = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")


MAX_ID_LENGTH: Final = 100
"""The longest an id (of a role or a skill) or a graph name may be, in characters."""


SKILL_CATEGORIES: Final = (
    "technical",
    "interpersonal",
    "leadership",
    "business",
    "domain",
    "skill",
    "knowledge",
)
"""The families a skill may belong to: the five of hand-written graphs, then the two the
O*NET and ESCO importers write (``skill`` and ``knowledge``)."""


def id_problem(name: str, value: object) -> str | None:
    """Return why ``value`` is not a valid id, or ``None`` if it is one."""
    if isinstance(value, str) and len(value) > MAX_ID_LENGTH:
        return (
            f"{name} {_show(value)} is {len(value):,} characters long; use at most {MAX_ID_LENGTH}"
        )
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        return (
            f"{name} {_show(value)} is not kebab-case: use lowercase letters and "
            f"digits joined by '-' (or '.'), e.g. 'team-lead'"
        )
    return None


def check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if (problem := id_problem(attribute.name, value)) is not None:
        raise ValueError(problem)


def check_category(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in SKILL_CATEGORIES:
        raise ValueError(
            f"category {_show(value)} is not one of {', '.join(SKILL_CATEGORIES)}; "
            "pick the closest family"
        )


def check_text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string, got {_show(value)}")


def check_finite(name: str, value: float, *, minimum: float | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number, got {_show(value)}")
    if isinstance(value, int) and abs(value) > sys.float_info.max:
        raise ValueError(f"{name} {_show(value)} is too large; use a number below 1e308")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum:g}, got {_show(value)}")


def check_non_negative(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    check_finite(attribute.name, value, minimum=0)


def to_float(value: float) -> float:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


def str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        return (values,)
    return tuple(values)


def level_map(values: Mapping[str, float]) -> FrozenDict[str, float]:
    return freeze({k: to_float(v) for k, v in values.items()})


def str_map(values: Mapping[str, str]) -> FrozenDict[str, str]:
    return freeze(values)


MAX_TENURE_MONTHS: Final = 600
"""The longest tenure a requirement may ask for, in months (50 years: a working life)."""


def check_holland(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"holland must be a string of RIASEC letters, got {_show(value)}")
    bad = sorted({c for c in value if c not in HOLLAND_LETTERS})
    if bad:
        raise ValueError(
            f"holland {value!r} has letters outside RIASEC ({', '.join(bad)}); "
            "use R, I, A, S, E, C, most dominant first"
        )
    if len(set(value)) != len(value):
        raise ValueError(f"holland {value!r} repeats a letter; give each type once")


MAX_LEVEL: Final = 1000
"""The highest rung number a role may have."""


def check_level(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"level must be a whole number (1 = entry), got {_show(value)}")
    if not 1 <= value <= MAX_LEVEL:
        raise ValueError(f"level must be between 1 (entry) and {MAX_LEVEL}, got {_show(value)}")


def check_skill_levels(
    instance: object, attribute: attrs.Attribute[Any], value: FrozenDict[str, float]
) -> None:
    for skill, level in value.items():
        check_finite(f"skills.{skill}", level)


def check_observed_count(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"observed count must be a whole number, 1 or more, got {_show(value)}")


def check_probability(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    check_finite("observed probability", value)
    if not 0 < value <= 1:
        raise ValueError(f"observed probability must be above 0 and at most 1, got {value!r}")


def check_months(instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None:
        check_finite("observed median_months", value, minimum=0)


def check_kind(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in KINDS:
        raise ValueError(f"kind {_show(value)} is not one of {', '.join(map(repr, KINDS))}")


def check_exponent(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    check_finite(attribute.name, value, minimum=1)
    if value > MAX_GAP_EXPONENT:
        raise ValueError(
            f"gap_exponent must be at most {MAX_GAP_EXPONENT:g}, got {value!r}: beyond that "
            "one gap of a few levels outweighs everything else a move costs; use 1 (linear) "
            f"to {MAX_GAP_EXPONENT:g}"
        )


MAX_GAP_EXPONENT: Final = 4.0
"""The largest ``gap_exponent`` a :class:`Weighting` accepts."""

"""What a query asks: its start, its weight, its filters, and the checks of its arguments.

Both engines and the public queries share these: a :class:`Filters` built once per query by
:func:`make_filters`, the weight spec, the virtual :data:`PROFILE` start, and the
:class:`Edge` (one move that passed the filters, with its cost under the query's weight)
that every engine's routes are made of.  Argument checks raise
:class:`~supportladder.errors.QueryArgumentError` naming the argument and the bad value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from supportladder._checks import MAX_ROUTE_COST, suggest
from supportladder._wording import show as _show
from supportladder.errors import QueryArgumentError
from supportladder.model import KINDS, REQUIREMENT_NAMES, Gap, Requirements

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph

__all__ = [
    "OBSERVED_WEIGHTS",
    "PROFILE",
    "PROFILE_KIND",
    "Edge",
    "Filters",
    "Label",
    "WeightSpec",
    "avoided",
    "check_count",
    "check_kinds",
    "check_number",
    "cost_of",
    "make_filters",
    "normalize_profile",
]

PROFILE: Final = "<profile>"
"""The virtual start node of a query whose source is a skill profile (never a role id)."""

PROFILE_KIND: Final = "profile"
"""The kind of the virtual moves out of a skill profile."""

WeightSpec: TypeAlias = str | Callable[[str, str, dict[str, Any]], float | None] | None
Label: TypeAlias = tuple[Fraction, tuple[str, ...]]

OBSERVED_WEIGHTS: Final = ("observed", "months")
"""Edge attributes only observed moves have; a query by one of them hides the others."""


# ---------------------------------------------------------------------- argument checks
def check_number(name: str, value: object, *, minimum: float = 0.0) -> float:
    """Return ``value`` as a float if it is a finite number >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise QueryArgumentError(
            f"{name} must be a number, got {type(value).__name__} {_show(value)}", argument=name
        )
    if isinstance(value, int) and abs(value) > 1e308:
        raise QueryArgumentError(
            f"{name} must be a finite number of at least {minimum:g} and below 1e308, "
            f"got {_show(value)}",
            argument=name,
        )
    if not math.isfinite(value) or value < minimum:
        raise QueryArgumentError(
            f"{name} must be a finite number of at least {minimum:g}, got {_show(value)}",
            argument=name,
        )
    return float(value)


def check_count(name: str, value: object, *, minimum: int, maximum: int | None = None) -> int:
    """Return ``value`` if it is a whole number >= ``minimum`` (and <= ``maximum``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise QueryArgumentError(
            f"{name} must be a whole number, got {type(value).__name__} {_show(value)}",
            argument=name,
        )
    if value < minimum:
        raise QueryArgumentError(
            f"{name} must be at least {minimum}, got {_show(value)}", argument=name
        )
    if maximum is not None and value > maximum:
        raise QueryArgumentError(
            f"{name} must be at most {maximum:,}, got {_show(value)}: a graph can hold more "
            "loop-free routes than any query could list, so ask for fewer",
            argument=name,
        )
    return value


def _items(name: str, value: object, accepted: str) -> list[object]:
    """Return the items of a collection argument; refuse anything that is not one."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping | bytes) or not isinstance(value, Iterable):
        raise QueryArgumentError(
            f"{name} must be {accepted}, got {type(value).__name__} {_show(value)}",
            argument=name,
        )
    return list(value)


def check_kinds(kinds: Iterable[str] | None) -> frozenset[str] | None:
    """Return the kinds of move asked for (``None`` for all): the one check of ``kinds``."""
    if kinds is None:
        return None
    accepted = "a kind or a list of kinds (" + ", ".join(repr(k) for k in KINDS) + ")"
    chosen: list[str] = []
    for kind in _items("kinds", kinds, accepted):
        if not isinstance(kind, str) or kind not in KINDS:
            raise QueryArgumentError(
                f"kinds: unknown kind {_show(kind)}; use one or more of "
                + ", ".join(repr(k) for k in KINDS)
                + suggest(str(kind), KINDS),
                argument="kinds",
            )
        chosen.append(kind)
    if not chosen:
        raise QueryArgumentError(
            "kinds is empty, so no move would pass; give at least one of "
            + ", ".join(repr(k) for k in KINDS)
            + " (or None for all)",
            argument="kinds",
        )
    return frozenset(chosen)


_ANY: Final = object()


def _check_avoid(
    avoid: Iterable[str] | Mapping[str, object] | None,
) -> tuple[tuple[str, object], ...] | None:
    if avoid is None:
        return None
    if isinstance(avoid, Mapping):
        items: list[tuple[object, object]] = list(avoid.items())
    else:
        accepted = (
            "a requirement name, a list of them or a mapping of name to value ("
            + ", ".join(repr(n) for n in REQUIREMENT_NAMES)
            + ")"
        )
        items = [(name, _ANY) for name in _items("avoid", avoid, accepted)]
    out: list[tuple[str, object]] = []
    for name, value in items:
        if not isinstance(name, str) or name not in REQUIREMENT_NAMES:
            raise QueryArgumentError(
                f"avoid: unknown requirement {_show(name)}; use one of "
                + ", ".join(repr(n) for n in REQUIREMENT_NAMES)
                + suggest(str(name), REQUIREMENT_NAMES),
                argument="avoid",
            )
        if value is None:
            value = _ANY
        out.append((name, value))
    return tuple(out)


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().casefold() == b.strip().casefold()
    return a == b


def avoided(requirements: Requirements, avoid: tuple[tuple[str, object], ...]) -> bool:
    """Return whether every way to meet ``requirements`` needs something ``avoid`` names."""
    return all(_option_avoided(option, avoid) for option in requirements.options())


def _option_avoided(requirements: Requirements, avoid: tuple[tuple[str, object], ...]) -> bool:
    for name, wanted in avoid:
        have = getattr(requirements, name)
        if have in (None, ()):
            continue
        if wanted is _ANY:
            return True
        if name == "certifications":
            options = [wanted] if isinstance(wanted, str) else list(wanted)  # type: ignore[call-overload]
            if any(_same(c, o) for c in have for o in options):
                return True
        elif _same(have, wanted):
            return True
    return False


def _describe_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@attrs.frozen
class Filters:
    """The filters of one query, checked."""

    kinds: frozenset[str] | None = None
    max_step_cost: float | None = None
    avoid: tuple[tuple[str, object], ...] | None = None
    weight: WeightSpec = "weight"

    def active(self) -> dict[str, str]:
        """Return the filters that can hide moves, as ``{argument: shown value}``."""
        out: dict[str, str] = {}
        if self.kinds is not None:
            out["kinds"] = ",".join(k for k in KINDS if k in self.kinds)
        if self.max_step_cost is not None:
            out["max_step_cost"] = f"{self.max_step_cost:g}"
        if self.avoid is not None:
            out["avoid"] = ",".join(
                name if value is _ANY else f"{name}={_describe_value(value)}"
                for name, value in self.avoid
            )
        if callable(self.weight):
            out["weight"] = getattr(self.weight, "__name__", "callable")
        return out

    def without(self, name: str) -> Filters:
        """Return these filters with one of them dropped (``weight`` back to the default)."""
        if name == "weight":
            return attrs.evolve(self, weight="weight")
        return attrs.evolve(self, **{name: None})

    def bare(self) -> Filters:
        """Return no filters at all, keeping a non-callable weight."""
        weight = self.weight if not callable(self.weight) else "weight"
        return Filters(weight=weight)


def make_filters(
    *,
    kinds: Iterable[str] | None,
    max_step_cost: float | None,
    avoid: Iterable[str] | Mapping[str, object] | None,
    weight: WeightSpec,
) -> Filters:
    """Check the shared query options and return them as :class:`Filters`."""
    if weight is not None and not isinstance(weight, str) and not callable(weight):
        raise QueryArgumentError(
            f"weight must be an edge attribute name, a callable f(u, v, data) or None, "
            f"got {_show(weight)}",
            argument="weight",
        )
    return Filters(
        kinds=check_kinds(kinds),
        max_step_cost=(
            None if max_step_cost is None else check_number("max_step_cost", max_step_cost)
        ),
        avoid=_check_avoid(avoid),
        weight=weight,
    )


def normalize_profile(graph: CareerGraph, profile: Mapping[Any, Any]) -> dict[str, float]:
    """Return a skill profile with every level as a number on the graph's scale."""
    known = [s.id for s in graph.skills]
    out: dict[str, float] = {}
    for skill, level in profile.items():
        if skill not in known:
            raise QueryArgumentError(
                f"profile: unknown skill {_show(skill)}; graph {graph.name!r} has the skills "
                + ", ".join(known)
                + suggest(str(skill), known),
                argument="profile",
            )
        try:
            out[skill] = graph.scale.value(level)
        except (TypeError, ValueError) as exc:
            raise QueryArgumentError(
                f"profile: skill {skill!r}: {exc}", argument="profile"
            ) from None
    return out


# ---------------------------------------------------------------------- the view
@attrs.frozen(eq=False)
class Edge:
    """One move that passed the filters, with its cost under the query's weight."""

    source: str
    target: str
    kind: str
    cost: float
    exact: Fraction
    gaps: tuple[Gap, ...]
    requirements: Requirements


def cost_of(
    weight: WeightSpec, u: str, v: str, data: dict[str, Any], limit: float = MAX_ROUTE_COST
) -> tuple[float, Fraction] | None:
    if weight is None:
        value: object = 1.0
    elif isinstance(weight, str):
        if weight not in data:
            if weight in OBSERVED_WEIGHTS:  # only observed moves have these: hide the rest
                return None
            raise QueryArgumentError(
                f"weight: the move {u} -> {v} has no attribute {weight!r}; moves have "
                + ", ".join(repr(k) for k in data)
                + ", or pass a callable f(u, v, data)"
            )
        value = data[weight]
    else:
        value = weight(u, v, data)
        if value is None:
            return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise QueryArgumentError(
            f"weight: the cost of the move {u} -> {v} must be a number, got {_show(value)}"
        )
    if not 0 <= value <= limit:  # also false for nan
        raise QueryArgumentError(
            f"weight: the cost of the move {u} -> {v} must be not negative and at most {limit:.4g} "
            f"(so that no route of this graph costs over {MAX_ROUTE_COST:g}), "
            f"got {_show(value)}",
            argument="weight",
        )
    cost = float(value)
    return cost, Fraction(cost)

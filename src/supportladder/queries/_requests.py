"""From a query's arguments to an engine :class:`~._engines.Request`: its start and filters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from supportladder.graph import CareerGraph
from supportladder.model import Role
from supportladder.queries import _options
from supportladder.queries._engines import Request
from supportladder.queries._options import PROFILE, WeightSpec

if TYPE_CHECKING:
    pass

__all__ = ["Source", "Start", "filters_of", "request_for", "start_of"]

Source = str | Role | Mapping[str, float | str]
"""A query's start: a role (id, title, alias or :class:`~supportladder.Role`) or a skill
profile (mapping of skill id to level)."""


# ---------------------------------------------------------------------- helpers
@attrs.frozen
class Start:
    node: str
    profile: dict[str, float] | None
    label: str


def start_of(graph: CareerGraph, source: Source) -> Start:
    if isinstance(source, Mapping):
        profile = _options.normalize_profile(graph, source)
        return Start(PROFILE, profile, "the skill profile")
    role = graph.role(source)
    return Start(role.id, None, f"{role.title} ({role.id})")


def filters_of(
    kinds: Iterable[str] | None,
    max_step_cost: float | None,
    avoid: Iterable[str] | Mapping[str, object] | None,
    weight: WeightSpec,
) -> _options.Filters:
    return _options.make_filters(
        kinds=kinds, max_step_cost=max_step_cost, avoid=avoid, weight=weight
    )


def request_for(
    graph: CareerGraph,
    start: Start | None,
    filters: _options.Filters,
    max_steps: int | None = None,
    routes: int = 1,
) -> Request:
    if start is None:
        return Request(graph, filters)
    return Request(graph, filters, start.node, start.profile, max_steps, routes)

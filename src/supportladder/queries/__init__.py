"""Questions to ask a career graph: cheapest routes, alternatives, reach, bottlenecks.

Every query takes a :class:`~supportladder.CareerGraph` first, then the source (and
target) role — by id, title or alias, in any case — then keyword-only options:

``kinds``
    Move kinds to use (``"upward"``, ``"lateral"``, ``"cross-industry"``); default all.
``max_step_cost``
    Drop any single move costlier than this (a "viable move" threshold).
``avoid``
    Drop moves with these requirements: requirement names (``{"assessment"}``) or a mapping
    of name to value (``{"education": "bachelor"}``; for ``certifications`` the value is
    one certification, or a list of them).  Names are the fields of
    :class:`~supportladder.Requirements`; strings compare case-insensitively.
``weight``
    What a move costs: an edge attribute name (default ``"weight"``, the skill delta), a
    callable ``f(u, v, data) -> float | None`` in networkx style (``None`` hides the move;
    ``data`` holds ``kind``, ``weight``, ``gaps`` and ``requirements``), or ``None`` to
    count every move as 1.

Profile starts
--------------
A source may also be a skill profile — a mapping of skill id to level (a number, or a
level name of the graph's scale), e.g. a person's self-assessment.  The query then starts
from a virtual node, :data:`PROFILE` (``"<profile>"``), with a move of kind ``"profile"``
to *every* role, costing ``graph.delta(profile, role)[0]`` (its base cost plus the skills
the profile lacks).  These virtual moves pass every ``kinds`` filter and every ``avoid``
filter (they have no requirements); ``weight`` and ``max_step_cost`` apply to them like to
any move.  Routes from a profile start with ``"<profile>"`` in :attr:`Path.roles`.

Determinism
-----------
Costs are summed exactly, and among routes of equal cost the one whose sequence of role ids
is lexicographically smallest wins; the same query always gives the same answer.

Examples
--------
>>> import supportladder
>>> from supportladder.queries import shortest_path
>>> g = supportladder.load("support-ladder")
>>> p = shortest_path(g, "Support Technician", "Chief Customer Officer")
>>> p.roles[0], p.roles[-1]
('support-technician', 'chief-customer-officer')
>>> import math
>>> p.cost == math.fsum(step.cost for step in p.steps)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from supportladder._wording import show as _show
from supportladder.errors import QueryArgumentError
from supportladder.graph import CareerGraph
from supportladder.model import HOLLAND_LETTERS, Gap, Role
from supportladder.queries import _options
from supportladder.queries._diagnostics import no_path
from supportladder.queries._engines import Engine, answer
from supportladder.queries._options import PROFILE, PROFILE_KIND, WeightSpec
from supportladder.queries._requests import Source, filters_of, request_for, start_of
from supportladder.queries._results import (
    Bottlenecks,
    Chokepoints,
    Reach,
    Reaches,
    Routes,
    reaches_of,
)
from supportladder.queries._routes import Path, Step, to_path

MAX_ALTERNATIVES: Final = 1000
"""The most routes :func:`alternative_paths` lists; Yen's algorithm costs time per route."""

__all__ = [
    "MAX_ALTERNATIVES",
    "PROFILE",
    "PROFILE_KIND",
    "Bottlenecks",
    "Chokepoints",
    "Path",
    "QueryArgumentError",
    "Reach",
    "Reaches",
    "Source",
    "Step",
    "alternative_paths",
    "bottlenecks",
    "chokepoints",
    "reachable_roles",
    "roles_for_interest",
    "shortest_path",
    "skill_gap",
]


# ---------------------------------------------------------------------- queries
def shortest_path(
    graph: CareerGraph,
    source: Source,
    target: str | Role,
    *,
    kinds: Iterable[str] | None = None,
    weight: WeightSpec = "weight",
    max_step_cost: float | None = None,
    avoid: Iterable[str] | Mapping[str, object] | None = None,
) -> Path:
    """Return the cheapest route from ``source`` to ``target``.

    Parameters
    ----------
    graph : CareerGraph
        The graph to search.
    source : str, Role or mapping
        The start: a role by id, title or alias, or a skill profile (see the module notes).
    target : str or Role
        The goal role, by id, title or alias.
    kinds : iterable of str, optional
        Move kinds to use (default: all).
    weight : str, callable or None
        Edge attribute to use as cost (default ``"weight"``), a callable
        ``f(u, v, data) -> float | None`` (``None`` hides the move), or ``None`` for one
        per move.
    max_step_cost : float, optional
        Drop every move costlier than this.
    avoid : iterable of str, or mapping of str to value, optional
        Drop moves with these requirements (optionally with these values).

    Returns
    -------
    Path
        Among the cheapest routes, the one whose role ids come first lexicographically.

    Raises
    ------
    RoleNotFoundError
        If a role reference matches no role.
    NoPathError
        If no route passes the filters; the message says which filter to relax.
    QueryArgumentError
        If an option is not valid (unknown kind, requirement or skill, negative cost, ...).

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.queries import shortest_path
    >>> g = supportladder.load("support-ladder")
    >>> p = shortest_path(g, "support-technician", "support-team-lead")
    >>> p.roles[0], p.roles[-1], len(p.steps) == len(p.roles) - 1
    ('support-technician', 'support-team-lead', True)
    >>> {s.kind for s in shortest_path(g, "support-technician", "cco", kinds=["upward"]).steps}
    {'upward'}
    """
    start = start_of(graph, source)
    goal = graph.role(target)
    filters = filters_of(kinds, max_step_cost, avoid, weight)

    def task(e: Engine) -> Path | None:
        found = e.shortest(goal.id)
        return None if found is None else to_path(e, found[1], found[0])

    path = answer(request_for(graph, start, filters), task)
    if path is None:
        raise no_path(graph, start, goal, filters)
    return path


def alternative_paths(
    graph: CareerGraph,
    source: Source,
    target: str | Role,
    k: int = 3,
    *,
    kinds: Iterable[str] | None = None,
    weight: WeightSpec = "weight",
    max_step_cost: float | None = None,
    avoid: Iterable[str] | Mapping[str, object] | None = None,
) -> list[Path]:
    """Return the ``k`` cheapest loop-free routes, cheapest first.

    Routes are ordered by cost, then by their role ids; the first is
    :func:`shortest_path`'s.  Fewer than ``k`` come back if fewer exist.  Options and
    errors are those of :func:`shortest_path`; ``k`` must be at least 1.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.queries import alternative_paths, shortest_path
    >>> g = supportladder.load("support-careers")
    >>> routes = alternative_paths(g, "customer-support-representative", "cco", k=3)
    >>> [p.cost for p in routes] == sorted(p.cost for p in routes)
    True
    >>> routes[0] == shortest_path(g, "customer-support-representative", "cco")
    True
    """
    k = _options.check_count("k", k, minimum=1, maximum=MAX_ALTERNATIVES)
    start = start_of(graph, source)
    goal = graph.role(target)
    filters = filters_of(kinds, max_step_cost, avoid, weight)
    request = request_for(graph, start, filters, routes=k)

    def task(e: Engine) -> list[Path]:
        shared: dict[tuple[str, str], Step] = {}
        return [to_path(e, roles, exact, shared) for exact, roles in e.k_shortest(goal.id, k)]

    routes = answer(request, task)
    if not routes:
        raise no_path(graph, start, goal, filters)
    return routes


def reachable_roles(
    graph: CareerGraph,
    source: Source,
    *,
    budget: float | None = None,
    max_steps: int | None = None,
    kinds: Iterable[str] | None = None,
    weight: WeightSpec = "weight",
    max_step_cost: float | None = None,
    avoid: Iterable[str] | Mapping[str, object] | None = None,
) -> Reaches:
    """Return every role reachable from ``source`` within a budget and/or number of moves.

    Parameters
    ----------
    graph, source
        As for :func:`shortest_path`.
    budget : float, optional
        Largest total cost of a route.
    max_steps : int, optional
        Largest number of moves of a route (from a profile, the virtual first move counts).
    kinds, weight, max_step_cost, avoid
        As for :func:`shortest_path`.

    Returns
    -------
    Reaches
        A list of :class:`Reach` — each role with its cheapest route within the limits —
        sorted by cost, then role id.  The source itself is left out.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.queries import reachable_roles
    >>> g = supportladder.load("support-ladder")
    >>> near = reachable_roles(g, "support-technician", max_steps=1)
    >>> all(r.steps == 1 for r in near)
    True
    >>> len(reachable_roles(g, "support-technician", budget=0))
    0
    """
    budget_value = None if budget is None else _options.check_number("budget", budget)
    steps = None if max_steps is None else _options.check_count("max_steps", max_steps, minimum=0)
    start = start_of(graph, source)
    filters = filters_of(kinds, max_step_cost, avoid, weight)

    if steps is not None and steps >= len(graph.roles):
        steps = None  # a route never repeats a role: n - 1 moves (n from a profile) at most
    request = request_for(graph, start, filters, steps)

    def task(e: Engine) -> Reaches:
        found = e.reach(budget_value)
        return reaches_of(Routes(e, found.roles, found.costs, found.routes))

    return answer(request, task)


def bottlenecks(
    graph: CareerGraph,
    source: Source,
    target: str | Role,
    *,
    kinds: Iterable[str] | None = None,
    weight: WeightSpec = "weight",
    max_step_cost: float | None = None,
    avoid: Iterable[str] | Mapping[str, object] | None = None,
) -> Bottlenecks:
    """Return where the way from ``source`` to ``target`` narrows or gets steep.

    * ``gateways`` — roles other than the ends that lie on every route (the target's
      dominators), in route order;
    * ``critical_transitions`` — moves that lie on every route (remove one and the ends
      are no longer joined), in route order;
    * ``hardest_step`` — the costliest move of the cheapest route;
    * ``smoothest_path`` — the route whose costliest move is as cheap as possible (the
      minimax route), ties broken by total cost, then role ids.

    Options and errors are those of :func:`shortest_path`.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.queries import bottlenecks
    >>> g = supportladder.load("support-ladder")
    >>> b = bottlenecks(g, "support-technician", "chief-customer-officer")
    >>> b.smoothest_path.max_step_cost <= b.hardest_step.cost
    True
    >>> set(b.gateways) <= set(b.smoothest_path.roles)
    True
    """
    start = start_of(graph, source)
    goal = graph.role(target)
    filters = filters_of(kinds, max_step_cost, avoid, weight)

    def task(e: Engine) -> Bottlenecks | None:
        found = e.shortest(goal.id)
        if found is None:
            return None
        shared: dict[tuple[str, str], Step] = {}
        shortest = to_path(e, found[1], found[0], shared)
        smooth = e.smoothest(goal.id)
        gates, critical = e.cuts(shortest.roles)
        return Bottlenecks(
            source=start.node,
            target=goal.id,
            gateways=gates,
            critical_transitions=critical,
            hardest_step=shortest.hardest_step,
            smoothest_path=to_path(e, smooth[1], smooth[0], shared),
            shortest_path=shortest,
        )

    found = answer(request_for(graph, start, filters), task)
    if found is None:
        raise no_path(graph, start, goal, filters)
    return found


def chokepoints(
    graph: CareerGraph,
    *,
    top: int | None = None,
    kinds: Iterable[str] | None = None,
    weight: WeightSpec = "weight",
    max_step_cost: float | None = None,
    avoid: Iterable[str] | Mapping[str, object] | None = None,
    sample: int | None = None,
    seed: int = 0,
) -> Chokepoints:
    """Return the roles that the most cheapest routes pass through, highest score first.

    The score is the role's weighted betweenness centrality
    (:func:`networkx.betweenness_centrality`, normalised) on the moves that pass the
    filters, with move costs summed exactly so that equal-cost routes are counted as ties.
    Roles of equal score are ordered by id.

    Parameters
    ----------
    graph : CareerGraph
        The graph to rank.
    top : int, optional
        Return only the first ``top`` roles.
    kinds, weight, max_step_cost, avoid
        As for :func:`shortest_path`.
    sample : int, optional
        Estimate the scores from this many source roles instead of all of them, as
        :func:`networkx.betweenness_centrality` does with ``k=sample`` (for large graphs:
        exact betweenness costs one shortest-path search per role).
    seed : int
        Which roles are sampled (default 0; the same seed always picks the same roles,
        those networkx picks with ``seed=seed``).

    Returns
    -------
    Chokepoints
        A list of ``(role id, score)`` pairs.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.queries import chokepoints
    >>> g = supportladder.load("support-ladder")
    >>> ranked = chokepoints(g, top=3)
    >>> len(ranked)
    3
    >>> ranked[0][1] >= ranked[1][1] >= ranked[2][1]
    True
    """
    limit = None if top is None else _options.check_count("top", top, minimum=1)
    if sample is not None:
        sample = _options.check_count("sample", sample, minimum=1)
        if sample > len(graph.roles):
            raise QueryArgumentError(
                f"sample must be at most the number of roles ({len(graph.roles)}), "
                f"got {_show(sample)}",
                argument="sample",
            )
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise QueryArgumentError(f"seed must be a whole number, got {_show(seed)}", argument="seed")
    filters = filters_of(kinds, max_step_cost, avoid, weight)
    scores = answer(request_for(graph, None, filters), lambda e: e.betweenness(sample, seed))
    ranked = sorted(scores.items(), key=lambda item: (-round(item[1], 12), item[0]))
    if limit is not None:
        ranked = ranked[:limit]
    return Chokepoints((role, float(score)) for role, score in ranked)


def skill_gap(graph: CareerGraph, source: Source, target: str | Role) -> tuple[Gap, ...]:
    """Return the skills to build on a direct move, whether or not the graph has that move.

    ``source`` may be a skill profile.  Gaps come in the graph's skill order.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.queries import skill_gap
    >>> g = supportladder.load("support-ladder")
    >>> gaps = skill_gap(g, "support-technician", "chief-customer-officer")
    >>> all(gap.to > gap.from_ for gap in gaps)
    True
    >>> skill_gap(g, "chief-customer-officer", "chief-customer-officer")
    ()
    """
    start = start_of(graph, source)
    have: Any = start.profile if start.profile is not None else start.node
    return graph.delta(have, target)[1]


def roles_for_interest(graph: CareerGraph, letters: str) -> list[Role]:
    """Return the roles whose Holland code starts with ``letters``, by level then id.

    Parameters
    ----------
    graph : CareerGraph
        The graph to search.
    letters : str
        One or more RIASEC letters, most dominant first, e.g. ``"S"`` or ``"SE"`` (any
        case).  A role matches if its Holland code begins with them, in that order.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.queries import roles_for_interest
    >>> g = supportladder.load("support-careers")
    >>> all(r.holland.startswith("S") for r in roles_for_interest(g, "s"))
    True
    """
    if not isinstance(letters, str) or not letters.strip():
        raise QueryArgumentError(
            f"letters must be one or more RIASEC letters, e.g. 'SE', got {_show(letters)}"
        )
    code = letters.strip().upper()
    bad = sorted({c for c in code if c not in HOLLAND_LETTERS})
    if bad:
        raise QueryArgumentError(
            f"letters {_show(letters)} has letters outside RIASEC ({', '.join(bad)}); use R, I, "
            "A, S, E, C"
        )
    if len(set(code)) != len(code):
        raise QueryArgumentError(f"letters {_show(letters)} repeats a letter; give each type once")
    found = [r for r in graph.roles if r.holland.startswith(code)]
    return sorted(found, key=lambda r: (r.level, r.id))

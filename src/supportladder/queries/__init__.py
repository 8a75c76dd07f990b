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

import importlib
import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Protocol

import attrs
from attrs import field, frozen

from supportladder._display import rich_html
from supportladder._wording import show as _show
from supportladder.errors import NoPathError, QueryArgumentError
from supportladder.graph import CareerGraph
from supportladder.model import HOLLAND_LETTERS, Gap, Observed, Requirements, Role
from supportladder.queries import _reference as _paths
from supportladder.queries._engines import Engine, Request, answer
from supportladder.queries._reference import (
    PROFILE,
    PROFILE_KIND,
    WeightSpec,
)

if TYPE_CHECKING:
    import pandas

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

Source = str | Role | Mapping[str, float | str]
"""A query's start: a role (id, title, alias or :class:`~supportladder.Role`) or a skill
profile (mapping of skill id to level)."""


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise ImportError(
            "to_frame() needs pandas, which supportladder does not install; pip install pandas"
        ) from None


def _tuple_of_gaps(values: Iterable[Gap]) -> tuple[Gap, ...]:
    return tuple(values)


def _tuple_of_str(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _tuple_of_steps(values: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(values)


def _tuple_of_pairs(values: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((u, v) for u, v in values)


def _gap_text(gaps: Iterable[Gap]) -> str:
    return ", ".join(f"{g.skill} {g.from_:g}→{g.to:g}" for g in gaps)


def requirement_text(req: Requirements) -> str:
    """Return requirements as one line: ``"tenure 12 months, or assessment: interview"``."""

    def one(r: Requirements) -> str:
        parts = []
        for name, value in r.to_dict().items():
            if name == "any_of":
                continue
            if name == "tenure_months":
                parts.append(f"{value} months in the role")
            elif isinstance(value, list):
                parts.append(f"{name}: {', '.join(value)}")
            else:
                parts.append(f"{name}: {value}")
        return "; ".join(parts)

    common = one(req)
    options = " or ".join(one(o) for o in req.any_of)
    if options:
        options = f"either {options}" if len(req.any_of) > 1 else options
    return "; ".join(p for p in (common, options) if p)


# ---------------------------------------------------------------------- results
@frozen
class Step:
    """One move of a route.

    Attributes
    ----------
    source, target : str
        Role ids (``source`` is ``"<profile>"`` for the first move from a skill profile).
    kind : str
        ``"upward"``, ``"lateral"``, ``"cross-industry"``, or ``"profile"`` for the virtual
        first move from a skill profile.
    cost : float
        The move's cost under the query's ``weight`` (by default its skill delta).
    gaps : tuple of Gap
        The skills to build on this move, in the graph's skill order.
    requirements : Requirements
        Tenure, education, certifications and assessment the move asks for (gates).
    advantages : Requirements
        What helps on this move without being asked for (never hides it from a query).
    base : float
        The base cost in the move's skill-delta weight (``[weighting] base_cost``).
    surplus : float
        The surplus term in its skill-delta weight (``surplus_penalty·Σ…``; 0 by default,
        and not split out for the virtual move from a skill profile).

    The skill-delta weight of the move is ``base + Σ gap.cost + surplus``; ``cost`` is that
    weight under the default ``weight``, or what the query's ``weight`` made of the move.
    observed : Observed, optional
        What career histories show of the move, if the graph holds observations.
    skill_cost : float, optional
        The move's skill-delta weight, set with ``observed`` (``cost`` may be another weight).
    """

    source: str
    target: str
    kind: str
    cost: float
    gaps: tuple[Gap, ...] = field(default=(), converter=_tuple_of_gaps)
    requirements: Requirements = field(factory=Requirements)
    advantages: Requirements = field(factory=Requirements, kw_only=True)
    base: float = field(default=0.0, kw_only=True)
    surplus: float = field(default=0.0, kw_only=True)
    observed: Observed | None = field(default=None, kw_only=True)
    skill_cost: float | None = field(default=None, kw_only=True)

    def explain(self) -> list[str]:
        """Return the lines that explain this move's skill-delta weight.

        Examples
        --------
        >>> import supportladder
        >>> from supportladder.queries import shortest_path
        >>> g = supportladder.load("support-ladder")
        >>> route = shortest_path(g, "support-technician", "customer-support-representative")
        >>> route.steps[0].explain()[0].startswith("base ")
        True
        """
        lines = [f"base {self.base:g}"]
        for g in self.gaps:
            imputed = " (not rated for this role: imputed from its rung)" if g.imputed else ""
            lines.append(f"{g.skill} {g.from_:g}→{g.to:g}{imputed}: +{g.cost:g}")
        if self.surplus:
            lines.append(f"surplus: +{self.surplus:g}")
        for label, req in (("requires", self.requirements), ("helps", self.advantages)):
            if req:
                lines.append(f"{label}: {requirement_text(req)}")
        return lines

    def to_dict(self) -> dict[str, Any]:
        """Return the move as a JSON-ready dict.

        Keys: ``source``, ``target``, ``kind``, ``cost``, ``base``, ``surplus``, ``gaps``
        (each :meth:`Gap.to_dict`), ``requirements`` and ``advantages``; a move with
        observations also ``skill_cost`` and ``observed``: ``{"count", "probability",
        "minus_log_probability", "median_months"}``.
        """
        out = {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "cost": self.cost,
            "base": self.base,
            "surplus": self.surplus,
            "gaps": [g.to_dict() for g in self.gaps],
            "requirements": self.requirements.to_dict(),
            "advantages": self.advantages.to_dict(),
        }
        seen = self.observed
        if seen is not None:
            out["skill_cost"] = self.skill_cost
            out["observed"] = {
                "count": seen.count,
                "probability": seen.probability,
                "minus_log_probability": 0.0 - math.log(seen.probability),
                "median_months": seen.median_months,
            }
        return out

    def _row(self) -> dict[str, Any]:
        seen = self.observed
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "cost": self.cost,
            "base": self.base,
            "skills_to_build": _gap_text(self.gaps),
            "gap_costs": {g.skill: g.cost for g in self.gaps},
            "surplus": self.surplus,
            "requirements": self.requirements.to_dict(),
            "advantages": self.advantages.to_dict(),
            "skill_cost": self.skill_cost,
            "observed": None if seen is None else 0.0 - math.log(seen.probability),
            "months": None if seen is None else seen.median_months,
        }

    def to_frame(self) -> pandas.DataFrame:
        """Return the move as a one-row pandas DataFrame (needs pandas)."""
        return _pandas().DataFrame([self._row()])


def _check_route(instance: Path, attribute: attrs.Attribute[Any], steps: tuple[Step, ...]) -> None:
    if len(instance.roles) != len(steps) + 1:
        raise ValueError(
            f"a path of {len(steps)} steps must have {len(steps) + 1} roles, "
            f"got {len(instance.roles)}"
        )
    for i, step in enumerate(steps):
        if (step.source, step.target) != instance.roles[i : i + 2]:
            raise ValueError(
                f"step {i} goes {step.source} -> {step.target}, "
                f"but the path goes {instance.roles[i]} -> {instance.roles[i + 1]}"
            )


@frozen
class Path:
    """A route through a career graph.

    Attributes
    ----------
    roles : tuple of str
        Role ids from source to target (starting with ``"<profile>"`` from a profile).
    steps : tuple of Step
        The moves, one fewer than the roles.
    cost : float
        The total cost: the exact sum of the steps' costs, rounded once.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.queries import shortest_path
    >>> g = supportladder.load("support-ladder")
    >>> p = shortest_path(g, "support-technician", "support-team-lead")
    >>> p.hardest_step.cost == max(s.cost for s in p.steps)
    True
    >>> sorted(p.to_dict())
    ['cost', 'roles', 'steps']
    """

    roles: tuple[str, ...] = field(converter=_tuple_of_str)
    steps: tuple[Step, ...] = field(converter=_tuple_of_steps, validator=_check_route)
    cost: float

    @property
    def source(self) -> str:
        """The first role id (or ``"<profile>"``)."""
        return self.roles[0]

    @property
    def target(self) -> str:
        """The last role id."""
        return self.roles[-1]

    @property
    def hardest_step(self) -> Step | None:
        """The costliest move (the first of equals); ``None`` for a route of no moves."""
        hardest: Step | None = None
        for step in self.steps:
            if hardest is None or step.cost > hardest.cost:
                hardest = step
        return hardest

    @property
    def max_step_cost(self) -> float:
        """The cost of the costliest move (0.0 for a route of no moves)."""
        return max((s.cost for s in self.steps), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"roles": [ids], "cost", "steps": [Step.to_dict()]}``."""
        return {
            "roles": list(self.roles),
            "cost": self.cost,
            "steps": [s.to_dict() for s in self.steps],
        }

    def to_frame(self) -> pandas.DataFrame:
        """Return one row per move (needs pandas).

        Columns: ``step`` (1-based), ``source``, ``target``, ``kind``, ``cost``, ``base``,
        ``skills_to_build``, ``gap_costs`` (skill id to its share of the cost),
        ``surplus``, ``requirements`` and ``advantages``: the explanation of every move.
        For a route over observed moves also ``skill_cost``, ``observed`` (−log probability)
        and ``months`` (median months in the source role before the move), empty where a
        move has no observations.
        """
        pd = _pandas()
        rows = [{"step": i, **s._row()} for i, s in enumerate(self.steps, 1)]
        columns = [
            "step",
            "source",
            "target",
            "kind",
            "cost",
            "base",
            "skills_to_build",
            "gap_costs",
            "surplus",
            "requirements",
            "advantages",
        ]
        if any(s.observed is not None for s in self.steps):
            columns += ["skill_cost", "observed", "months"]
        return pd.DataFrame(rows, columns=columns)

    def explain(self) -> str:
        """Return why this route costs what it does, as text.

        Per move: the base, each skill's gap and its share of the cost, the surplus term,
        what the move requires and what helps.

        Examples
        --------
        >>> import supportladder
        >>> from supportladder.queries import shortest_path
        >>> g = supportladder.load("support-center")
        >>> text = shortest_path(g, "customer-support-agent", "support-team-leader").explain()
        >>> print(text.splitlines()[1])
        1. customer-support-agent → senior-customer-support-agent (upward), cost 10
        """
        lines = [f"{' → '.join(self.roles)}: cost {self.cost:g}"]
        for i, step in enumerate(self.steps, 1):
            lines.append(f"{i}. {step.source} → {step.target} ({step.kind}), cost {step.cost:g}")
            lines.extend(f"   {line}" for line in step.explain())
        return "\n".join(lines)

    def _repr_html_(self) -> str | None:
        return rich_html("path_html", self)


class _Routes:
    """The routes of one :func:`reachable_roles` answer, made when one is first read.

    The role-id tuples come all at once from the engine's answer; each :class:`Path`
    (steps with their skill gaps and requirements) is made the first time it is read,
    sharing the steps of moves that several routes take.
    """

    __slots__ = ("_make", "_paths", "_roles", "_shared", "_view", "costs", "ids")

    def __init__(
        self,
        view: _Edges,
        ids: list[str],
        costs: list[float],
        roles: Callable[[], list[tuple[str, ...]]] | list[tuple[str, ...]],
    ) -> None:
        self._view = view
        self.ids = ids
        self.costs = costs
        self._make = roles
        self._roles: list[tuple[str, ...]] | None = None
        self._paths: dict[int, Path] = {}
        self._shared: dict[tuple[str, str], Step] = {}

    def roles(self, at: int) -> tuple[str, ...]:
        if self._roles is None:
            make = self._make
            self._roles = make() if callable(make) else make
        return self._roles[at]

    def path(self, at: int) -> Path:
        found = self._paths.get(at)
        if found is None:
            found = _to_path(self._view, self.roles(at), self.costs[at], self._shared)
            self._paths[at] = found
        return found


class _Given:
    """The answer behind a :class:`Reach` made by hand."""

    __slots__ = ("_path", "costs", "ids")

    def __init__(self, role: str, cost: float, path: Path) -> None:
        self.ids = [role]
        self.costs = [cost]
        self._path = path

    def roles(self, at: int) -> tuple[str, ...]:
        return self._path.roles

    def path(self, at: int) -> Path:
        return self._path


class Reach:
    """A role reachable from a source, with the cheapest route to it.

    Results of :func:`reachable_roles` make their routes when first read: on a large
    graph the query returns once it knows each role's exact cost, before any route's
    steps and skill gaps are made.  Reach objects are immutable and compare and hash by
    ``(role, cost, steps, path)``.

    Attributes
    ----------
    role : str
        The role id.
    cost : float
        The cost of the cheapest route (within the query's limits).
    steps : int
        The number of moves of that route.
    path : Path
        The route.
    """

    __slots__ = ("_at", "_of")

    _of: _Routes | _Given
    _at: int

    def __init__(self, role: str, cost: float, steps: int, path: Path) -> None:
        if steps != len(path.steps):
            raise ValueError(f"a Reach of {steps} steps must have a path of {steps} moves")
        self._of = _Given(role, cost, path)
        self._at = 0

    @property
    def role(self) -> str:
        """The role id."""
        return self._of.ids[self._at]

    @property
    def cost(self) -> float:
        """The cost of the cheapest route (within the query's limits)."""
        return self._of.costs[self._at]

    @property
    def steps(self) -> int:
        """The number of moves of the route."""
        return len(self._of.roles(self._at)) - 1

    @property
    def path(self) -> Path:
        """The route (made on first read, then kept)."""
        return self._of.path(self._at)

    def _key(self) -> tuple[str, float, Path]:
        return (self.role, self.cost, self.path)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reach):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Reach(role={self.role!r}, cost={self.cost!r}, steps={self.steps!r}, "
            f"path={self.path!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return Reach, (self.role, self.cost, self.steps, self.path)

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"role", "cost", "steps", "path": [ids]}``."""
        roles = self._of.roles(self._at)
        return {"role": self.role, "cost": self.cost, "steps": len(roles) - 1, "path": list(roles)}


class _Found(Reach):
    """A :class:`Reach` of a query's answer: the answer and the role's place in it."""

    __slots__ = ()

    def __init__(self, of: _Routes, at: int) -> None:  # no super().__init__: nothing to check
        self._of = of
        self._at = at


class Reaches(list[Reach]):
    """The result of :func:`reachable_roles`: a list of :class:`Reach`, cheapest first."""

    __slots__ = ()

    def to_dict(self) -> list[dict[str, Any]]:
        """Return a list of :meth:`Reach.to_dict`."""
        return [r.to_dict() for r in self]

    def to_frame(self) -> pandas.DataFrame:
        """Return one row per role: ``role``, ``cost``, ``steps``, ``path`` (needs pandas)."""
        pd = _pandas()
        rows = [
            {
                "role": r.role,
                "cost": r.cost,
                "steps": r.steps,
                "path": " → ".join(r._of.roles(r._at)),
            }
            for r in self
        ]
        return pd.DataFrame(rows, columns=["role", "cost", "steps", "path"])

    def _repr_html_(self) -> str | None:
        return rich_html("reaches_html", self)


@frozen
class Bottlenecks:
    """Where a career move gets hard: the result of :func:`bottlenecks`.

    Attributes
    ----------
    source, target : str
        Role ids of the ends (``source`` is ``"<profile>"`` for a profile start).
    gateways : tuple of str
        Roles other than the ends that lie on every route, in route order.
    critical_transitions : tuple of (str, str)
        Moves that lie on every route, in route order.
    hardest_step : Step or None
        The costliest move of the cheapest route (``None`` if source is target).
    smoothest_path : Path
        The route whose costliest move is as cheap as possible (ties: the cheaper route,
        then role ids).
    shortest_path : Path
        The cheapest route.
    """

    source: str
    target: str
    gateways: tuple[str, ...] = field(converter=_tuple_of_str)
    critical_transitions: tuple[tuple[str, str], ...] = field(converter=_tuple_of_pairs)
    hardest_step: Step | None
    smoothest_path: Path
    shortest_path: Path

    def to_dict(self) -> dict[str, Any]:
        """Return the CLI's JSON shape (without ``"graph"``).

        ``{"source", "target", "gateways": [ids], "critical_transitions": [[u, v]],
        "hardest_step": {"source", "target", "kind", "cost"} or null,
        "smoothest_path": {"roles", "cost", "max_step_cost"}}``
        """
        hardest = self.hardest_step
        return {
            "source": self.source,
            "target": self.target,
            "gateways": list(self.gateways),
            "critical_transitions": [list(t) for t in self.critical_transitions],
            "hardest_step": None
            if hardest is None
            else {
                "source": hardest.source,
                "target": hardest.target,
                "kind": hardest.kind,
                "cost": hardest.cost,
            },
            "smoothest_path": {
                "roles": list(self.smoothest_path.roles),
                "cost": self.smoothest_path.cost,
                "max_step_cost": self.smoothest_path.max_step_cost,
            },
        }

    def to_frame(self) -> pandas.DataFrame:
        """Return the smoothest route's moves, flagging critical moves and gateways.

        Columns: those of :meth:`Path.to_frame`, plus ``critical`` (the move is on every
        route) and ``gateway`` (its target is on every route).  Needs pandas.
        """
        frame = self.smoothest_path.to_frame()
        critical = set(self.critical_transitions)
        gates = set(self.gateways)
        frame["critical"] = [(s.source, s.target) in critical for s in self.smoothest_path.steps]
        frame["gateway"] = [s.target in gates for s in self.smoothest_path.steps]
        return frame

    def _repr_html_(self) -> str | None:
        return rich_html("bottlenecks_html", self)


class Chokepoints(list[tuple[str, float]]):
    """The result of :func:`chokepoints`: ``(role id, score)`` pairs, highest score first."""

    __slots__ = ()

    def to_dict(self) -> list[dict[str, Any]]:
        """Return ``[{"role", "score"}]``."""
        return [{"role": role, "score": score} for role, score in self]

    def to_frame(self) -> pandas.DataFrame:
        """Return columns ``role`` and ``score`` (needs pandas)."""
        return _pandas().DataFrame(self.to_dict(), columns=["role", "score"])


# ---------------------------------------------------------------------- helpers
@attrs.frozen
class _Start:
    node: str
    profile: dict[str, float] | None
    label: str


def _start(graph: CareerGraph, source: Source) -> _Start:
    if isinstance(source, Mapping):
        profile = _paths.normalize_profile(graph, source)
        return _Start(PROFILE, profile, "the skill profile")
    role = graph.role(source)
    return _Start(role.id, None, f"{role.title} ({role.id})")


def _filters(
    kinds: Iterable[str] | None,
    max_step_cost: float | None,
    avoid: Iterable[str] | Mapping[str, object] | None,
    weight: WeightSpec,
) -> _paths.Filters:
    return _paths.make_filters(kinds=kinds, max_step_cost=max_step_cost, avoid=avoid, weight=weight)


class _Edges(Protocol):
    @property
    def graph(self) -> CareerGraph: ...

    def edge(self, source: str, target: str) -> _paths.Edge: ...


def _request(
    graph: CareerGraph,
    start: _Start | None,
    filters: _paths.Filters,
    max_steps: int | None = None,
    routes: int = 1,
) -> Request:
    if start is None:
        return Request(graph, filters)
    return Request(graph, filters, start.node, start.profile, max_steps, routes)


def _to_path(
    view: _Edges,
    roles: tuple[str, ...],
    exact: Fraction | float,
    steps_of: dict[tuple[str, str], Step] | None = None,
) -> Path:
    """Return a route as a :class:`Path`; ``steps_of`` shares equal steps between routes."""
    steps = []
    for u, v in itertools.pairwise(roles):
        step = None if steps_of is None else steps_of.get((u, v))
        if step is None:
            e = view.edge(u, v)
            step = _step(view.graph, e)
            if steps_of is not None:
                steps_of[(u, v)] = step
        steps.append(step)
    return Path(roles, steps, float(exact))


def _step(graph: CareerGraph, e: Any) -> Step:
    """Return the :class:`Step` of a view's edge, with its skill-delta breakdown."""
    base = graph.weighting.base_cost
    seen: Observed | None = None
    skill: float | None = None
    if e.source == PROFILE:
        advantages = Requirements()
        surplus = 0.0
    else:
        move = graph.transition(e.source, e.target)
        advantages = move.advantages
        at = graph._move_position()[move.key]
        surplus = float(graph.move_costs().surplus[at])
        seen = move.observed
        skill = None if seen is None else graph.weight(e.source, e.target)
    return Step(
        e.source,
        e.target,
        e.kind,
        e.cost,
        e.gaps,
        e.requirements,
        advantages=advantages,
        base=base,
        surplus=surplus,
        observed=seen,
        skill_cost=skill,
    )


def _no_route_text(
    head: str,
    filters: Mapping[str, str],
    relax: Iterable[str],
    joined_bare: bool,
    name: Callable[[str], str] = str,
) -> str:
    """Return the sentence of a NoPathError; ``name`` shows an option (CLI: its flag)."""
    relax = list(relax)
    shown = ", ".join(f"{name(k)}={v}" for k, v in filters.items())
    if not filters:
        return (
            f"{head}: no sequence of moves leads there, so there is no filter to relax; "
            "pick another target or a graph with more moves"
        )
    if relax:
        return (
            f"{head} with {shown}; relax "
            + " or ".join(name(r) for r in relax)
            + " (a route exists without "
            + ("it" if len(relax) == 1 else "any one of them")
            + ")"
        )
    if joined_bare:
        return (
            f"{head} with {shown}; relax several of {', '.join(name(k) for k in filters)} "
            "(no single one is enough, but a route exists without them)"
        )
    return (
        f"{head} with {shown}: no route exists even without these filters, "
        "so relaxing them will not help; pick another target"
    )


def _no_path(
    graph: CareerGraph,
    start: _Start,
    target: Role,
    filters: _paths.Filters,
) -> NoPathError:
    """Return a NoPathError naming both ends, the filters and which of them to relax.

    The error carries ``source``, ``target`` (ids), ``filters`` (``{option: value}``),
    ``relax`` (the options whose removal alone opens a route) and ``explain(name)``, which
    words the message with other names for the options (the CLI uses its flags).
    """
    active = filters.active()

    request = _request(graph, start, filters)

    def joined(f: _paths.Filters) -> bool:
        return answer(request.with_filters(f), lambda e: e.joined(target.id))

    relax = tuple(name for name in active if joined(filters.without(name)))
    joined_bare = bool(active) and not relax and joined(filters.bare())
    head = f"no route from {start.label} to {target.title} ({target.id}) in graph {graph.name!r}"
    return NoPathError(
        _no_route_text(head, active, relax, joined_bare),
        source=start.node,
        target=target.id,
        filters=active,
        relax=relax,
        wording=lambda name: _no_route_text(head, active, relax, joined_bare, name),
    )


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
    start = _start(graph, source)
    goal = graph.role(target)
    filters = _filters(kinds, max_step_cost, avoid, weight)

    def task(e: Engine) -> Path | None:
        found = e.shortest(goal.id)
        return None if found is None else _to_path(e, found[1], found[0])

    path = answer(_request(graph, start, filters), task)
    if path is None:
        raise _no_path(graph, start, goal, filters)
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
    k = _paths.check_count("k", k, minimum=1, maximum=MAX_ALTERNATIVES)
    start = _start(graph, source)
    goal = graph.role(target)
    filters = _filters(kinds, max_step_cost, avoid, weight)
    request = _request(graph, start, filters, routes=k)

    def task(e: Engine) -> list[Path]:
        shared: dict[tuple[str, str], Step] = {}
        return [_to_path(e, roles, exact, shared) for exact, roles in e.k_shortest(goal.id, k)]

    routes = answer(request, task)
    if not routes:
        raise _no_path(graph, start, goal, filters)
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
    budget_value = None if budget is None else _paths.check_number("budget", budget)
    steps = None if max_steps is None else _paths.check_count("max_steps", max_steps, minimum=0)
    start = _start(graph, source)
    filters = _filters(kinds, max_step_cost, avoid, weight)

    if steps is not None and steps >= len(graph.roles):
        steps = None  # a route never repeats a role: n - 1 moves (n from a profile) at most
    request = _request(graph, start, filters, steps)

    def task(e: Engine) -> Reaches:
        found = e.reach(budget_value)
        routes = _Routes(e, found.roles, found.costs, found.routes)
        return Reaches([_Found(routes, at) for at in range(len(found.roles))])

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
    start = _start(graph, source)
    goal = graph.role(target)
    filters = _filters(kinds, max_step_cost, avoid, weight)

    def task(e: Engine) -> Bottlenecks | None:
        found = e.shortest(goal.id)
        if found is None:
            return None
        shared: dict[tuple[str, str], Step] = {}
        shortest = _to_path(e, found[1], found[0], shared)
        smooth = e.smoothest(goal.id)
        gates, critical = e.cuts(shortest.roles)
        return Bottlenecks(
            source=start.node,
            target=goal.id,
            gateways=gates,
            critical_transitions=critical,
            hardest_step=shortest.hardest_step,
            smoothest_path=_to_path(e, smooth[1], smooth[0], shared),
            shortest_path=shortest,
        )

    found = answer(_request(graph, start, filters), task)
    if found is None:
        raise _no_path(graph, start, goal, filters)
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
    limit = None if top is None else _paths.check_count("top", top, minimum=1)
    if sample is not None:
        sample = _paths.check_count("sample", sample, minimum=1)
        if sample > len(graph.roles):
            raise QueryArgumentError(
                f"sample must be at most the number of roles ({len(graph.roles)}), "
                f"got {_show(sample)}",
                argument="sample",
            )
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise QueryArgumentError(f"seed must be a whole number, got {_show(seed)}", argument="seed")
    filters = _filters(kinds, max_step_cost, avoid, weight)
    scores = answer(_request(graph, None, filters), lambda e: e.betweenness(sample, seed))
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
    start = _start(graph, source)
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

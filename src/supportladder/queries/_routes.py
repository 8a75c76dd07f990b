"""A route and its moves: :class:`Path` and :class:`Step`, built from an engine's edges.

A *move* (a :class:`~supportladder.Transition`) is an edge of the graph; a :class:`Step` is
one move as taken on a route, under a query's weight, with the gaps it charges and their
costs; a :class:`Path` is the sequence of steps.  :func:`to_path` turns an engine's answer
(role ids and an exact cost) into a :class:`Path`.
"""

from __future__ import annotations

import importlib
import itertools
import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

import attrs
from attrs import field, frozen

from supportladder._display import rich_html
from supportladder.graph import CareerGraph
from supportladder.model import NO_REQUIREMENTS, Gap, Observed, Requirements
from supportladder.queries import _options
from supportladder.queries._options import PROFILE

if TYPE_CHECKING:
    import pandas

__all__ = ["Edges", "Path", "Step", "make_step", "pandas_module", "to_path"]


def pandas_module() -> Any:
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
    return ", ".join(g.describe() for g in gaps)


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
    requirements: Requirements = field(default=NO_REQUIREMENTS)
    advantages: Requirements = field(default=NO_REQUIREMENTS, kw_only=True)
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
            lines.append(f"{g.describe()}: +{g.cost:g}")
        if any(g.imputed for g in self.gaps):
            lines.append("(imputed: this role does not rate the skill; its level is its rung's)")
        if self.surplus:
            lines.append(f"surplus: +{self.surplus:g}")
        for label, req in (("requires", self.requirements), ("helps", self.advantages)):
            if req:
                lines.append(f"{label}: {req.describe()}")
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
        return pandas_module().DataFrame([self._row()])


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
        pd = pandas_module()
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


class Edges(Protocol):
    @property
    def graph(self) -> CareerGraph: ...

    @property
    def profile(self) -> dict[str, float] | None: ...

    def edge(self, source: str, target: str) -> _options.Edge: ...


def to_path(
    view: Edges,
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
            step = make_step(view.graph, e, view.profile)
            if steps_of is not None:
                steps_of[(u, v)] = step
        steps.append(step)
    return Path(roles, steps, float(exact))


def make_step(graph: CareerGraph, e: Any, profile: Mapping[str, float] | None = None) -> Step:
    """Return the :class:`Step` of a view's edge, with its skill-delta breakdown.

    ``profile`` is the skill profile a route from :data:`PROFILE` starts from.
    """
    base = graph.weighting.base_cost
    seen: Observed | None = None
    skill: float | None = None
    if e.source == PROFILE:
        advantages = NO_REQUIREMENTS
        surplus = 0.0
        if profile is not None:
            at = graph._role_index()[e.target]
            surplus = float(graph.profile_costs(profile).surplus[at])
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

"""The career graph: roles, moves between them, and the skill-delta weight of every move.

:class:`CareerGraph` is an immutable value.  Everything derived from it — effective skills,
move weights, the networkx view — is computed once, on first use, and cached.  Weights come
from :mod:`supportladder.weights`, the one place they are computed; see there for the
formula and for how a skill that one side does not rate enters a gap.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import networkx as nx
import numpy as np
from attrs import field, frozen

from supportladder import weights
from supportladder._checks import check_records
from supportladder._display import rich_html
from supportladder._frozen import FrozenDict, freeze
from supportladder._matching import abbreviation, suggest
from supportladder.errors import AmbiguousRoleError, GraphFileError, Problem, RoleNotFoundError
from supportladder.model import (
    DEFAULT_SCALE,
    Gap,
    Role,
    Scale,
    Skill,
    Transition,
    Weighting,
)
from supportladder.model._rules import id_problem, to_tuple

__all__ = ["CareerGraph"]


@frozen(repr=False)
class CareerGraph:
    """A directed graph of roles and the moves between them.

    Parameters
    ----------
    name : str
        Short kebab-case name, e.g. ``"support-ladder"``.
    roles : sequence of Role
        The nodes.
    transitions : sequence of Transition
        The edges; at most one per ordered pair of roles.
    skills : sequence of Skill
        Every skill a role refers to.
    title, description : str
        For people.
    scale : Scale
        Named skill levels (default none 0 … excellent 4).
    weighting : Weighting
        Base cost and surplus penalty of the weight formula.

    Raises
    ------
    GraphFileError
        If records do not fit together: unknown references, duplicate ids, an inheritance
        cycle, an upward move that does not go up, ... (all problems listed at once).

    Examples
    --------
    >>> from supportladder import CareerGraph, Role, Skill, Transition
    >>> g = CareerGraph(
    ...     "mini",
    ...     skills=[Skill("communication", "Communication"), Skill("leadership", "Leadership")],
    ...     roles=[
    ...         Role("rep", "Representative", 1, skills={"communication": 2}),
    ...         Role("lead", "Team Lead", 2, skills={"communication": 3, "leadership": 2}),
    ...     ],
    ...     transitions=[Transition("rep", "lead", "upward")],
    ... )
    >>> g.weight("rep", "lead")  # 1 base + 1² communication + 2² leadership (default exponent 2)
    6.0
    >>> g.weight("lead", "rep")  # moving down costs only the base
    1.0
    >>> g.role("team lead").id
    'lead'
    """

    name: str = field()
    roles: tuple[Role, ...] = field(converter=to_tuple, kw_only=True)
    transitions: tuple[Transition, ...] = field(default=(), converter=to_tuple, kw_only=True)
    skills: tuple[Skill, ...] = field(default=(), converter=to_tuple, kw_only=True)
    title: str = field(default="", kw_only=True)
    description: str = field(default="", kw_only=True)
    scale: Scale = field(default=DEFAULT_SCALE, kw_only=True)
    weighting: Weighting = field(factory=Weighting, kw_only=True)
    _cache: dict[str, Any] = field(init=False, factory=dict, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems = check_records(
            self.scale,
            self.weighting,
            list(enumerate(self.skills)),
            list(enumerate(self.roles)),
            list(enumerate(self.transitions)),
        )
        name_problem = id_problem("name", self.name)
        if name_problem is not None:  # the loader asks the same of a file's name
            problems = [Problem("name", name_problem), *problems]
        if problems:
            raise GraphFileError(f"<graph {self.name!r}>", problems)

    # ------------------------------------------------------------------ lookup
    def __repr__(self) -> str:
        return (
            f"<CareerGraph {self.name!r}: {len(self.roles)} roles, "
            f"{len(self.transitions)} transitions, {len(self.skills)} skills>"
        )

    def _repr_html_(self) -> str | None:
        """Return the graph as HTML for Jupyter: a table of roles and a ladder diagram."""
        return rich_html("graph_html", self)

    def __len__(self) -> int:
        return len(self.roles)

    def __iter__(self) -> Iterator[Role]:
        return iter(self.roles)

    def __contains__(self, ref: object) -> bool:
        if isinstance(ref, Role):
            return ref in self.roles
        if not isinstance(ref, str):
            return False
        return ref in self._by_id or ref.strip().casefold() in self._names

    @property
    def _by_id(self) -> dict[str, Role]:
        cached: dict[str, Role] | None = self._cache.get("by_id")
        if cached is None:
            cached = self._cache["by_id"] = {role.id: role for role in self.roles}
        return cached

    @property
    def _names(self) -> dict[str, tuple[str, ...]]:
        """Every name (casefolded) -> the ids of the roles it names, in graph order."""
        cached: dict[str, tuple[str, ...]] | None = self._cache.get("names")
        if cached is None:
            found: dict[str, dict[str, None]] = {}
            for role in self.roles:
                for name in role.names():
                    found.setdefault(name.strip().casefold(), {})[role.id] = None
            cached = self._cache["names"] = {k: tuple(v) for k, v in found.items()}
        return cached

    @property
    def sources(self) -> tuple[str, ...]:
        """Titles of every document a role or move of this graph is curated from, sorted."""
        titles = {s for role in self.roles for s in role.sources}
        titles.update(s for move in self.transitions for s in move.sources)
        return tuple(sorted(titles))

    def role(self, ref: str | Role) -> Role:
        """Return the role a reference names: its id, title or an alias, in any case.

        Raises
        ------
        RoleNotFoundError
            If nothing matches; the message suggests the closest roles, one name each,
            ranked by their best-matching title, alias, id or initials ("CSR").
        AmbiguousRoleError
            If the reference is a title or alias several roles share; the message lists
            every one of them.

        Examples
        --------
        >>> import supportladder
        >>> g = supportladder.load("support-ladder")
        >>> g.role("CCO").title
        'Chief Customer Officer'
        >>> try:
        ...     g.role("Customer Suport Rep")
        ... except supportladder.RoleNotFoundError as exc:
        ...     print(exc.suggestions[0])
        Customer Support Representative
        """
        if isinstance(ref, Role):
            ref = ref.id
        if not isinstance(ref, str):
            raise RoleNotFoundError(ref, self.name, ())
        found = self._by_id.get(ref)
        if found is not None:
            return found
        ids = self._names.get(ref.strip().casefold(), ())
        if len(ids) > 1:
            raise AmbiguousRoleError(ref, self.name, [f"{self._by_id[i].title} ({i})" for i in ids])
        if not ids:
            raise RoleNotFoundError(ref, self.name, [shown for _, shown in self._suggest(ref)])
        return self._by_id[ids[0]]

    def _suggest(self, ref: str) -> list[tuple[str, str]]:
        """Return ``(role id, name to show)`` of the roles closest to ``ref``."""
        candidates = []
        for role in self.roles:
            names = list(dict.fromkeys((role.title, *role.aliases, *role.titles.values())))
            hidden = [role.id, *filter(None, (abbreviation(n) for n in names))]
            candidates.append((role.id, names, hidden))
        return suggest(ref, candidates)

    def skill(self, skill_id: str) -> Skill:
        """Return the skill with this id.

        Raises
        ------
        KeyError
            If there is no such skill.
        """
        skills: dict[str, Skill] | None = self._cache.get("skills")
        if skills is None:
            skills = self._cache["skills"] = {s.id: s for s in self.skills}
        try:
            return skills[skill_id]
        except KeyError:
            raise KeyError(f"no skill {skill_id!r} in graph {self.name!r}") from None

    def transition(self, source: str | Role, target: str | Role) -> Transition:
        """Return the move from ``source`` to ``target``.

        Raises
        ------
        KeyError
            If the graph has no such move.
        """
        a, b = self.role(source).id, self.role(target).id
        moves: dict[tuple[str, str], Transition] | None = self._cache.get("moves")
        if moves is None:
            moves = self._cache["moves"] = {m.key: m for m in self.transitions}
        try:
            return moves[(a, b)]
        except KeyError:
            raise KeyError(f"no move from {a!r} to {b!r} in graph {self.name!r}") from None

    # ------------------------------------------------------------------ skills and weights
    def effective_skills(self, ref: str | Role) -> FrozenDict[str, float]:
        """Return a role's effective skills: per skill, the max over it and all it inherits.

        Examples
        --------
        >>> import supportladder
        >>> g = supportladder.load("support-center")
        >>> own = g.role("customer-support-manager").skills
        >>> eff = g.effective_skills("customer-support-manager")
        >>> all(eff[s] >= level for s, level in own.items())
        True
        """
        table: dict[str, FrozenDict[str, float]] | None = self._cache.get("effective")
        if table is None:
            table = self._cache["effective"] = self._compute_effective()
        return table[self.role(ref).id]

    def _compute_effective(self) -> dict[str, FrozenDict[str, float]]:
        # Inheritance is acyclic (checked at construction): a depth-first walk that settles
        # a role after everything it inherits gives each role's effective skills once.
        by_id = self._by_id
        rank = self._skill_rank()
        done: dict[str, FrozenDict[str, float]] = {}
        for role in self.roles:
            stack = [(role.id, False)]
            while stack:
                role_id, parents_done = stack.pop()
                if role_id in done:
                    continue
                current = by_id[role_id]
                if not parents_done:
                    stack.append((role_id, True))
                    stack.extend((p, False) for p in current.inherits if p not in done)
                    continue
                merged = dict(current.skills)
                for parent in current.inherits:
                    for skill, level in done[parent].items():
                        if skill not in merged or level > merged[skill]:
                            merged[skill] = level
                done[role_id] = freeze({s: merged[s] for s in sorted(merged, key=rank.__getitem__)})
        return done

    def _skill_rank(self) -> dict[str, int]:
        cached: dict[str, int] | None = self._cache.get("rank")
        if cached is None:
            cached = self._cache["rank"] = {s.id: i for i, s in enumerate(self.skills)}
        return cached

    def _role_index(self) -> dict[str, int]:
        cached: dict[str, int] | None = self._cache.get("role_index")
        if cached is None:
            cached = self._cache["role_index"] = {r.id: i for i, r in enumerate(self.roles)}
        return cached

    def _costs(self) -> weights.CostModel:
        """Return what every weight of this graph is computed from (cached)."""
        cached: weights.CostModel | None = self._cache.get("cost_model")
        if cached is None:
            cached = self._cache["cost_model"] = weights.CostModel.of(
                [self.effective_skills(r.id) for r in self.roles],
                [r.level for r in self.roles],
                [r.track for r in self.roles],
                [(s.id, s.importance) for s in self.skills],
                weighting=self.weighting,
                floor=float(self.scale.minimum),
            )
        return cached

    def move_costs(self) -> weights.MoveCosts:
        """Return the weights and gaps of every move, in ``transitions`` order (cached).

        This is the one computation every reader of a weight uses: :meth:`delta`, the
        networkx view, the exports and the compiled query core.

        Examples
        --------
        >>> import supportladder
        >>> g = supportladder.load("support-ladder")
        >>> costs = g.move_costs()
        >>> first = g.transitions[0]
        >>> float(costs.weight[0]) == g.weight(first.source, first.target)
        True
        """
        cached: weights.MoveCosts | None = self._cache.get("move_costs")
        if cached is None:
            index = self._role_index()
            src = np.fromiter((index[m.source] for m in self.transitions), dtype=np.int64)
            dst = np.fromiter((index[m.target] for m in self.transitions), dtype=np.int64)
            cached = self._cache["move_costs"] = self._costs().moves(src, dst)
        return cached

    def profile_costs(self, profile: Mapping[str, float]) -> weights.MoveCosts:
        """Return the weights and gaps of virtual moves from a skill profile to every role.

        Entry ``i`` is the move to ``roles[i]``; ``profile`` maps skill ids of this graph to
        levels (a skill it does not list counts as the scale's lowest level).  The queries
        from a profile start read these, as :meth:`delta` does for one role.

        Examples
        --------
        >>> import supportladder
        >>> g = supportladder.load("support-ladder")
        >>> costs = g.profile_costs({"communication": 3})
        >>> float(costs.weight[0]) == g.delta({"communication": 3}, g.roles[0])[0]
        True
        """
        every = np.arange(len(self.roles), dtype=np.int64)
        return self._costs().from_profile(profile, every)

    def _move_position(self) -> dict[tuple[str, str], int]:
        cached: dict[tuple[str, str], int] | None = self._cache.get("move_position")
        if cached is None:
            cached = {m.key: i for i, m in enumerate(self.transitions)}
            self._cache["move_position"] = cached
        return cached

    def delta(
        self, source: str | Role | Mapping[str, float], target: str | Role
    ) -> tuple[float, tuple[Gap, ...]]:
        """Return the weight of a move from ``source`` to ``target`` and the gaps to close.

        The move need not exist in the graph.  ``source`` may also be a skill profile — a
        mapping of skill id to level, e.g. a person's self-assessment; a skill it does not
        list counts as the scale's lowest level.  The formula, and how a skill one side does
        not rate enters it, are described in :mod:`supportladder.weights`.
        """
        b = self._role_index()[self.role(target).id]
        if isinstance(source, Mapping):
            unknown = [skill for skill in source if skill not in self._skill_rank()]
            if unknown:
                names = ", ".join(map(repr, unknown))
                raise ValueError(
                    f"profile names skills this graph does not have: {names}; "
                    f"use the skill ids of graph {self.name!r}"
                )
            costs = self._costs().from_profile(source, np.array([b], dtype=np.int64))
            return float(costs.weight[0]), costs.gaps(0)
        a_id = self.role(source).id
        at = self._move_position().get((a_id, self.roles[b].id))
        if at is not None:
            moves = self.move_costs()
            return float(moves.weight[at]), moves.gaps(at)
        a = self._role_index()[a_id]
        one = self._costs().moves(np.array([a], dtype=np.int64), np.array([b], dtype=np.int64))
        return float(one.weight[0]), one.gaps(0)

    def weight(self, source: str | Role, target: str | Role) -> float:
        """Return the skill-delta weight of a move from ``source`` to ``target``."""
        return self.delta(source, target)[0]

    def gaps(self, source: str | Role, target: str | Role) -> tuple[Gap, ...]:
        """Return the skills that rise on a move from ``source`` to ``target``, in skill order."""
        return self.delta(source, target)[1]

    # ------------------------------------------------------------------ networkx
    def _digraph(self) -> nx.DiGraph:
        """Return the cached, frozen networkx view (do not mutate)."""
        cached: nx.DiGraph | None = self._cache.get("digraph")
        if cached is None:
            cached = nx.freeze(self._build_digraph())
            self._cache["digraph"] = cached
        return cached

    def _build_digraph(self) -> nx.DiGraph:
        g = nx.DiGraph(name=self.name, title=self.title)
        for role in self.roles:
            g.add_node(
                role.id,
                title=role.title,
                level=role.level,
                track=role.track,
                industry=role.industry,
                skills=dict(self.effective_skills(role.id)),
                holland=role.holland,
                aliases=list(role.aliases),
                sources=list(role.sources),
            )
        costs = self.move_costs()
        for i, move in enumerate(self.transitions):
            g.add_edge(
                move.source,
                move.target,
                kind=move.kind,
                weight=float(costs.weight[i]),
                gaps=[gap.to_dict() for gap in costs.gaps(i)],
                requirements=move.requirements.to_dict(),
                advantages=move.advantages.to_dict(),
            )
            if move.observed is not None:  # weight="observed" / "months"; others lack them
                g.edges[move.key]["observed"] = 0.0 - math.log(move.observed.probability)
                if move.observed.median_months is not None:
                    g.edges[move.key]["months"] = move.observed.median_months
        return g

    def to_networkx(self) -> nx.DiGraph:
        """Return a new, mutable ``networkx.DiGraph`` of this graph.

        Node attributes: ``title``, ``level``, ``track``, ``industry``, ``skills`` (effective
        skills), ``holland``, ``aliases``, ``sources``.  Edge attributes: ``kind``,
        ``weight``, ``gaps`` (list of ``{"skill", "from", "to", "imputed", "cost"}``),
        ``requirements`` and ``advantages``.

        Examples
        --------
        >>> import networkx as nx
        >>> import supportladder
        >>> G = supportladder.load("support-ladder").to_networkx()
        >>> nx.shortest_path(G, "support-technician", "chief-customer-officer")[-1]
        'chief-customer-officer'
        """
        return self._build_digraph()

    def evolve(self, **changes: Any) -> CareerGraph:
        """Return a copy with some fields replaced (validated again)."""
        return attrs.evolve(self, **changes)

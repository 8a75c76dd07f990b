"""Hypothesis strategies for career graphs, for property-testing code built on supportladder.

This module needs `hypothesis <https://hypothesis.readthedocs.io>`_, which supportladder does
not install; ``import supportladder`` never imports it.  Every strategy takes keyword-only
arguments and generates *valid* values: :func:`career_graphs` always builds a
:class:`~supportladder.CareerGraph` without error (unique kebab-case ids and names, upward
moves that go up a level, at most one move per ordered pair of roles, acyclic inheritance).

Examples
--------
>>> from hypothesis import given, settings
>>> from supportladder.strategies import career_graphs
>>> @settings(max_examples=20, deadline=None)
... @given(career_graphs(max_roles=4, kinds=("upward",)))
... def test_upward_moves_go_up(g):
...     for move in g.transitions:
...         assert g.role(move.source).level < g.role(move.target).level
>>> test_upward_moves_go_up()
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from supportladder.errors import QueryArgumentError
from supportladder.graph import CareerGraph
from supportladder.model import (
    DEFAULT_SCALE,
    HOLLAND_LETTERS,
    KINDS,
    Requirements,
    Role,
    Scale,
    Skill,
    Transition,
    Weighting,
)
from supportladder.queries._options import check_kinds

__all__ = [
    "DEFAULT_SKILLS",
    "career_graphs",
    "holland_codes",
    "requirements",
    "role_ids",
    "roles",
    "skill_profiles",
    "transitions",
]

DEFAULT_SKILLS: Final = ("communication", "problem-solving", "product-knowledge", "leadership")
"""The skill ids generated values use unless told otherwise."""

_TRACKS: Final = ("support", "success", "operations", "sales", "training", "product")
_WORD: Final = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)


def _check_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    # the queries' own check, raised as hypothesis's error for a bad strategy argument
    try:
        chosen = check_kinds(kinds)
    except QueryArgumentError as exc:
        raise InvalidArgument(str(exc)) from None
    return tuple(k for k in KINDS if chosen is None or k in chosen)


def _check_skills(skills: Sequence[str]) -> tuple[str, ...]:
    if isinstance(skills, str):
        raise InvalidArgument(f"skills={skills!r}: give a sequence of skill ids, not a string")
    out = tuple(dict.fromkeys(skills))
    if not out:
        raise InvalidArgument("skills must name at least one skill id")
    return out


def role_ids() -> st.SearchStrategy[str]:
    """Return a strategy for kebab-case role ids such as ``"a"`` or ``"lead-2"``.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from supportladder.strategies import role_ids
    >>> @settings(max_examples=20, deadline=None)
    ... @given(role_ids())
    ... def test_ids(role_id):
    ...     assert role_id == role_id.lower() and " " not in role_id
    >>> test_ids()
    """
    return st.lists(_WORD, min_size=1, max_size=3).map("-".join)


def holland_codes(*, max_size: int = 3) -> st.SearchStrategy[str]:
    """Return a strategy for Holland (RIASEC) codes of up to ``max_size`` distinct letters."""
    if not 0 <= max_size <= len(HOLLAND_LETTERS):
        raise InvalidArgument(f"max_size={max_size!r} must be between 0 and 6")
    return st.permutations(list(HOLLAND_LETTERS)).flatmap(
        lambda letters: st.integers(0, max_size).map(lambda n: "".join(letters[:n]))
    )


def skill_profiles(
    *,
    skills: Sequence[str] = DEFAULT_SKILLS,
    scale: Scale = DEFAULT_SCALE,
    levels: st.SearchStrategy[float] | st.SearchStrategy[str] | None = None,
    min_size: int = 0,
    max_size: int | None = None,
) -> st.SearchStrategy[dict[str, float | str]]:
    """Return a strategy for skill profiles: mappings of skill id to level.

    Parameters
    ----------
    skills : sequence of str
        The skill ids a profile may name (default :data:`DEFAULT_SKILLS`).  For a graph
        ``g``, pass ``[s.id for s in g.skills]``.
    scale : Scale
        The scale levels come from (default none 0 … excellent 4).
    levels : strategy, optional
        Levels to draw; default the scale's level values.  Pass
        ``st.sampled_from(list(scale.levels))`` for level names, or ``st.floats(0, 4)`` for
        levels between the named ones.
    min_size, max_size : int
        How many skills a profile names.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from supportladder.strategies import skill_profiles
    >>> @settings(max_examples=20, deadline=None)
    ... @given(skill_profiles(skills=["communication", "leadership"], min_size=1))
    ... def test_profiles(profile):
    ...     assert 1 <= len(profile) <= 2
    ...     assert all(0 <= level <= 4 for level in profile.values())
    >>> test_profiles()
    """
    ids = _check_skills(skills)
    if max_size is None:
        max_size = len(ids)
    if not 0 <= min_size <= max_size <= len(ids):
        raise InvalidArgument(
            f"need 0 <= min_size <= max_size <= {len(ids)} (the number of skills), "
            f"got min_size={min_size!r}, max_size={max_size!r}"
        )
    values: st.SearchStrategy[float | str] = (
        levels if levels is not None else st.sampled_from(sorted(scale.levels.values()))
    )
    return st.dictionaries(st.sampled_from(ids), values, min_size=min_size, max_size=max_size)


def _levels(ids: Sequence[str], scale: Scale) -> st.SearchStrategy[dict[str, float]]:
    values = sorted(scale.levels.values())
    return st.dictionaries(st.sampled_from(ids), st.sampled_from(values), max_size=len(ids))


def requirements() -> st.SearchStrategy[Requirements]:
    """Return a strategy for move requirements (each field set or not)."""
    return st.builds(
        Requirements,
        tenure_months=st.none() | st.sampled_from([6, 12, 24]),
        education=st.none() | st.sampled_from(["diploma", "bachelor", "master"]),
        certifications=st.lists(st.sampled_from(["itil", "cx", "pmp"]), unique=True, max_size=2),
        assessment=st.none() | st.sampled_from(["interview test", "case study"]),
    )


_requirements = requirements


def roles(
    *,
    ids: st.SearchStrategy[str] | None = None,
    levels: st.SearchStrategy[int] | None = None,
    skills: Sequence[str] = DEFAULT_SKILLS,
    scale: Scale = DEFAULT_SCALE,
    tracks: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Role]:
    """Return a strategy for single roles (without inheritance).

    Parameters
    ----------
    ids : strategy of str, optional
        Role ids; default :func:`role_ids`.  The title is ``"Role <id>"``.
    levels : strategy of int, optional
        Rungs; default 1 to 5.
    skills : sequence of str
        Skill ids the role may require (default :data:`DEFAULT_SKILLS`).
    scale : Scale
        The scale of the skill levels.
    tracks : strategy of str, optional
        Job families; default support, success, operations, sales, training, product.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from supportladder.strategies import roles
    >>> @settings(max_examples=20, deadline=None)
    ... @given(roles(skills=["communication"]))
    ... def test_roles(role):
    ...     assert set(role.skills) <= {"communication"} and role.level >= 1
    >>> test_roles()
    """
    ids = ids if ids is not None else role_ids()
    levels = levels if levels is not None else st.integers(1, 5)
    tracks = tracks if tracks is not None else st.sampled_from(_TRACKS)
    skill_ids = _check_skills(skills)

    @st.composite
    def build(draw: st.DrawFn) -> Role:
        role_id = draw(ids)
        return Role(
            role_id,
            f"Role {role_id}",
            draw(levels),
            track=draw(tracks),
            skills=draw(_levels(skill_ids, scale)),
            holland=draw(holland_codes()),
        )

    return build()


def _valid_kinds(a: Role, b: Role, kinds: Sequence[str]) -> list[str]:
    return [k for k in kinds if k != "upward" or a.level < b.level]


def transitions(
    *,
    roles: Sequence[Role],
    kinds: Sequence[str] = KINDS,
    requirements: st.SearchStrategy[Requirements] | None = None,
) -> st.SearchStrategy[Transition]:
    """Return a strategy for a valid move between two of the given roles.

    Upward moves are only drawn from a lower to a higher level.

    Parameters
    ----------
    roles : sequence of Role
        The roles a move may join (at least two).
    kinds : sequence of str
        The kinds to draw from (default all three).
    requirements : strategy of Requirements, optional
        Default :func:`requirements`.

    Raises
    ------
    hypothesis.errors.InvalidArgument
        If no pair of the roles admits a move of the given kinds.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from supportladder import Role
    >>> from supportladder.strategies import transitions
    >>> pair = [Role("rep", "Rep", 1), Role("lead", "Lead", 2)]
    >>> @settings(max_examples=20, deadline=None)
    ... @given(transitions(roles=pair, kinds=["upward"]))
    ... def test_up(move):
    ...     assert (move.source, move.target, move.kind) == ("rep", "lead", "upward")
    >>> test_up()
    """
    allowed = _check_kinds(kinds)
    pool = list(roles)
    reqs = requirements if requirements is not None else _requirements()
    pairs = [(a, b) for a in pool for b in pool if a.id != b.id and _valid_kinds(a, b, allowed)]
    if not pairs:
        raise InvalidArgument(
            f"no two of the {len(pool)} roles given admit a move of kinds {allowed!r} "
            "(upward moves need a higher target level)"
        )

    @st.composite
    def build(draw: st.DrawFn) -> Transition:
        a, b = draw(st.sampled_from(pairs))
        kind = draw(st.sampled_from(_valid_kinds(a, b, allowed)))
        return Transition(a.id, b.id, kind, requirements=draw(reqs))  # type: ignore[arg-type]

    return build()


def career_graphs(
    *,
    min_roles: int = 2,
    max_roles: int = 8,
    kinds: Sequence[str] = KINDS,
    skills: Sequence[str] = DEFAULT_SKILLS,
    scale: Scale = DEFAULT_SCALE,
    max_level: int = 4,
    max_transitions: int | None = None,
    inherits: bool = True,
    base_costs: st.SearchStrategy[float] | None = None,
    surplus_penalties: st.SearchStrategy[float] | None = None,
    importances: st.SearchStrategy[float] | None = None,
    gap_exponents: st.SearchStrategy[float] | None = None,
) -> st.SearchStrategy[CareerGraph]:
    """Return a strategy for valid career graphs.

    Levels, skills and weights are drawn from small sets, so equal-cost routes are common:
    good for testing tie-breaking.

    Parameters
    ----------
    min_roles, max_roles : int
        Bounds on the number of roles (``1 <= min_roles <= max_roles``).
    kinds : sequence of str
        The move kinds to draw from (default all three).
    skills : sequence of str
        The graph's skill ids (default :data:`DEFAULT_SKILLS`).
    scale : Scale
        The graph's scale; skill levels are its level values.
    max_level : int
        Role levels are drawn from 1 to ``max_level``.
    max_transitions : int, optional
        At most this many moves (default: any number up to every valid ordered pair).
    inherits : bool
        Whether roles may inherit skills from other roles (always acyclically).
    base_costs, surplus_penalties, importances, gap_exponents : strategy of float, optional
        The graph's weighting and skill importances; defaults draw from {0, 0.5, 1},
        {0, 0.5}, {0.5, 1, 2} and {1, 2}.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from supportladder.strategies import career_graphs
    >>> @settings(max_examples=20, deadline=None)
    ... @given(career_graphs(min_roles=3, max_roles=5, kinds=["lateral"]))
    ... def test_graphs(g):
    ...     assert 3 <= len(g.roles) <= 5
    ...     assert all(move.kind == "lateral" for move in g.transitions)
    >>> test_graphs()
    """
    allowed = _check_kinds(kinds)
    skill_ids = _check_skills(skills)
    _check_sizes(min_roles, max_roles, max_level, max_transitions)
    base_costs = base_costs if base_costs is not None else st.sampled_from([0.0, 0.5, 1.0])
    gap_exponents = gap_exponents if gap_exponents is not None else st.sampled_from([1.0, 2.0])
    surplus_penalties = (
        surplus_penalties if surplus_penalties is not None else st.sampled_from([0.0, 0.5])
    )
    importances = importances if importances is not None else st.sampled_from([0.5, 1.0, 2.0])

    @st.composite
    def build(draw: st.DrawFn) -> CareerGraph:
        n = draw(st.integers(min_roles, max_roles))
        ids = draw(st.lists(role_ids(), min_size=n, max_size=n, unique=True))
        skill_records = [
            Skill(s, s.replace("-", " ").capitalize(), importance=draw(importances))
            for s in skill_ids
        ]
        role_records = _draw_roles(draw, ids, skill_ids, scale, max_level, inherits)
        moves = _draw_moves(draw, role_records, allowed, max_transitions)
        return CareerGraph(
            "generated",
            title="Generated graph",
            skills=skill_records,
            roles=role_records,
            transitions=moves,
            scale=scale,
            weighting=Weighting(
                base_cost=draw(base_costs),
                surplus_penalty=draw(surplus_penalties),
                gap_exponent=draw(gap_exponents),
            ),
        )

    return build()


def _check_sizes(
    min_roles: int, max_roles: int, max_level: int, max_transitions: int | None
) -> None:
    if isinstance(min_roles, bool) or not isinstance(min_roles, int) or min_roles < 1:
        raise InvalidArgument(f"min_roles={min_roles!r} must be a whole number >= 1")
    if isinstance(max_roles, bool) or not isinstance(max_roles, int) or max_roles < min_roles:
        raise InvalidArgument(f"max_roles={max_roles!r} must be a whole number >= min_roles")
    if isinstance(max_level, bool) or not isinstance(max_level, int) or max_level < 1:
        raise InvalidArgument(f"max_level={max_level!r} must be a whole number >= 1")
    if max_transitions is not None and max_transitions < 0:
        raise InvalidArgument(f"max_transitions={max_transitions!r} must be >= 0")


def _draw_roles(
    draw: st.DrawFn,
    ids: Sequence[str],
    skill_ids: Sequence[str],
    scale: Scale,
    max_level: int,
    inherits: bool,
) -> list[Role]:
    """Draw a role for each id; with ``inherits``, each may inherit from up to two before it."""
    role_records: list[Role] = []
    for i, role_id in enumerate(ids):
        parents: list[str] = []
        if inherits and i:
            parents = draw(st.lists(st.sampled_from(ids[:i]), unique=True, max_size=2))
        role_records.append(
            Role(
                role_id,
                f"Role {role_id}",
                draw(st.integers(1, max_level)),
                skills=draw(_levels(skill_ids, scale)),
                inherits=parents,
                holland=draw(holland_codes()),
            )
        )
    return role_records


def _draw_moves(
    draw: st.DrawFn, role_records: Sequence[Role], allowed: Sequence[str], most: int | None
) -> list[Transition]:
    """Draw up to ``most`` moves, at most one per ordered pair, each of a kind it admits."""
    pairs = [
        (a, b)
        for a in role_records
        for b in role_records
        if a.id != b.id and _valid_kinds(a, b, allowed)
    ]
    chosen = (
        draw(
            st.lists(
                st.sampled_from(pairs),
                unique_by=lambda p: (p[0].id, p[1].id),
                max_size=most,
            )
        )
        if pairs
        else []
    )
    return [
        Transition(
            a.id,
            b.id,
            draw(st.sampled_from(_valid_kinds(a, b, allowed))),
            requirements=draw(requirements()),
        )
        for a, b in chosen
    ]

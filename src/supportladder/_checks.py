"""Checks that span records of a career graph: references, duplicates, cycles, directions.

Each check appends :class:`~supportladder.errors.Problem` objects naming the record by its
position in the file (``roles[3] (id "team-lead")``) so one error can list them all.
"""

from __future__ import annotations

import decimal
import difflib
import math
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Final

from supportladder.errors import Problem
from supportladder.model import Role, Scale, Skill, Transition, Weighting

__all__ = [
    "MAX_ROUTE_COST",
    "TOP_KEYS",
    "check_records",
    "file_order",
    "role_label",
    "skill_label",
    "suggest",
    "transition_label",
    "weight_bound",
]

TOP_KEYS: Final = (
    "name",
    "title",
    "description",
    "scale",
    "weighting",
    "skills",
    "roles",
    "transitions",
)
"""The top-level keys of a graph file, in the order a file has them and problems are listed."""


def role_label(index: int, role_id: object) -> str:
    return f'roles[{index}] (id "{role_id}")' if role_id is not None else f"roles[{index}]"


def skill_label(index: int, skill_id: object) -> str:
    return f'skills[{index}] (id "{skill_id}")' if skill_id is not None else f"skills[{index}]"


def transition_label(index: int, source: object, target: object) -> str:
    if source is None and target is None:
        return f"transitions[{index}]"
    shown = ["?" if end is None else end for end in (source, target)]
    return f"transitions[{index}] ({shown[0]} -> {shown[1]})"


def suggest(name: str, candidates: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for close matches, else ``""``."""
    close = difflib.get_close_matches(name, list(candidates), n=3, cutoff=0.6)
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""


def check_records(
    scale: Scale | None,
    weighting: Weighting | None,
    skills: Sequence[tuple[int, Skill]],
    roles: Sequence[tuple[int, Role]],
    transitions: Sequence[tuple[int, Transition]],
    *,
    unreadable_roles: Collection[str] = (),
    unreadable_skills: Collection[str] = (),
) -> list[Problem]:
    """Return every cross-record problem, in file order.

    ``unreadable_roles`` and ``unreadable_skills`` are ids of records that were already
    reported as malformed: references to them are not reported a second time.  Records may
    be *partial* (built from the fields that read well, a failed field ``None``): the checks
    here skip what they cannot know.  ``scale`` or ``weighting`` is ``None`` when it was
    malformed: the checks that need it are skipped.
    """
    problems: list[Problem] = []
    if scale is not None and weighting is not None:
        problems.extend(weight_bound(scale, weighting, skills, max(1, len(roles))))
    skill_ids = _first_ids(skills, "skill", skill_label, "give each skill its own id", problems)
    role_ids = _first_ids(
        roles, "role", role_label, "give each role its own id, or merge the two records", problems
    )
    by_id = {role.id: role for _, role in roles}
    known_roles = set(role_ids) | set(unreadable_roles)
    known_skills = set(skill_ids) | set(unreadable_skills)
    names: dict[str, tuple[int, str, bool]] = {}  # name -> (index, id, is an alias there)
    for index, role in roles:
        problems.extend(_role_problems(index, role, scale, known_roles, known_skills, names))
    problems.extend(_inheritance_cycles(roles, by_id))
    problems.extend(_move_problems(transitions, known_roles, by_id))
    return problems


def _first_ids(
    records: Sequence[tuple[int, Skill]] | Sequence[tuple[int, Role]],
    what: str,
    label: Callable[[int, object], str],
    fix: str,
    problems: list[Problem],
) -> dict[str, int]:
    """Return where each id first stands; report every later record that repeats one."""
    first: dict[str, int] = {}
    for index, record in records:
        if record.id in first:
            problems.append(
                Problem(
                    label(index, record.id),
                    f"duplicate {what} id {record.id!r} (first at {what}s[{first[record.id]}]); "
                    f"{fix}",
                )
            )
        else:
            first[record.id] = index
    return first


def _role_problems(
    index: int,
    role: Role,
    scale: Scale | None,
    known_roles: Collection[str],
    known_skills: Collection[str],
    names: dict[str, tuple[int, str, bool]],
) -> list[Problem]:
    """Check a role's skills (known, on the scale), what it inherits and its names."""
    label = role_label(index, role.id)
    problems: list[Problem] = []
    for skill_id, level in role.skills.items():
        if skill_id not in known_skills:
            problems.append(
                Problem(
                    label,
                    f"skills: unknown skill {skill_id!r}; declare it under [[skills]] "
                    f"or fix the id{suggest(skill_id, known_skills)}",
                )
            )
        if scale is not None and not scale.minimum <= level <= scale.maximum:
            problems.append(
                Problem(
                    label,
                    f"skills.{skill_id}: level {level:g} is outside the scale "
                    f"({scale.minimum:g} to {scale.maximum:g}); use a level name "
                    f"({', '.join(scale.levels)}) or a number in range",
                )
            )
    for parent in role.inherits:
        if parent == role.id:
            problems.append(
                Problem(label, "inherits: a role cannot inherit from itself; remove its own id")
            )
        elif parent not in known_roles:
            problems.append(
                Problem(
                    label,
                    f"inherits: unknown role {parent!r}; use the id of a role in this file"
                    f"{suggest(parent, known_roles)}",
                )
            )
    problems.extend(_name_clashes(index, role, label, names))
    return problems


def _move_problems(
    transitions: Sequence[tuple[int, Transition]],
    known_roles: Collection[str],
    by_id: dict[str, Role],
) -> list[Problem]:
    """Check every move: known ends, one record per pair, upward moves that go up."""
    problems: list[Problem] = []
    seen_moves: dict[tuple[str, str], int] = {}
    for index, move in transitions:
        label = transition_label(index, move.source, move.target)
        for end in ("source", "target"):
            ref = getattr(move, end)
            if ref not in known_roles:
                problems.append(
                    Problem(
                        label,
                        f"{end}: unknown role {ref!r}; use the id of a role in this file"
                        f"{suggest(ref, known_roles)}",
                    )
                )
        if move.key in seen_moves:
            problems.append(
                Problem(
                    label,
                    f"duplicate move (first at transitions[{seen_moves[move.key]}]); "
                    "keep one record per (source, target) pair",
                )
            )
        else:
            seen_moves[move.key] = index
        a, b = by_id.get(move.source), by_id.get(move.target)
        if (
            move.kind == "upward"
            and a is not None
            and b is not None
            and isinstance(a.level, int)
            and isinstance(b.level, int)
            and b.level <= a.level
        ):
            problems.append(
                Problem(
                    label,
                    f"an upward move must go to a higher level, but {move.source!r} is at "
                    f"level {a.level} and {move.target!r} at level {b.level}; make it "
                    "'lateral' or fix the levels",
                )
            )
    return problems


MAX_ROUTE_COST: Final = 1e300
"""The most a route may cost: the weights of its moves (and their sums) must stay below."""


def _power(base: float, exponent: float) -> float:
    try:
        return float(base**exponent)
    except OverflowError:
        return math.inf


def _g(value: float) -> str:
    return f"{value:.4g}"


def _g_down(value: float) -> str:
    """Show a largest allowed value to 4 digits, rounded down, so the value shown works."""
    if not math.isfinite(value) or value <= 0:
        return _g(value)
    digits = decimal.Context(prec=4, rounding=decimal.ROUND_DOWN).create_decimal_from_float(value)
    return f"{float(digits):.4g}"


def weight_bound(
    scale: Scale, weighting: Weighting, skills: Sequence[tuple[int, Skill]], moves: int
) -> list[Problem]:
    """Return a problem if a route of ``moves`` moves could cost over :data:`MAX_ROUTE_COST`.

    A move's weight is at most ``base_cost + max(1, surplus_penalty) · Σ importance ·
    span ** gap_exponent`` (``span`` the scale's range; ``gap_exponent`` 1 unless the
    weighting has one), and a loop-free route (with a profile's virtual first move) has at
    most one move per role: their sum must stay finite and far from overflow, so that
    every cost can be summed, compared and shown.  The problem names the field that
    weighs the most and the largest value of it that works with the others unchanged.
    """
    span = scale.maximum - scale.minimum
    exponent = float(getattr(weighting, "gap_exponent", 1.0))
    reach = _power(span, exponent) if span > 0 else 0.0
    factor = max(1.0, weighting.surplus_penalty)
    importances = [(index, skill) for index, skill in skills if isinstance(skill.importance, float)]
    total = math.fsum(skill.importance for _, skill in importances)
    room = MAX_ROUTE_COST / moves
    worst = weighting.base_cost + factor * total * reach
    if worst <= room:
        return []
    route = f"a route of {moves} move{'s' if moves != 1 else ''} could cost over {MAX_ROUTE_COST:g}"
    rest = factor * total * reach  # what the skills weigh, at most, in one move
    if weighting.base_cost >= rest:
        largest = room - rest
        return [_too_large("weighting", "base_cost", weighting.base_cost, largest, route)]
    index, skill = max(importances, key=lambda pair: (pair[1].importance, -pair[0]))
    others = total - skill.importance
    # Blame the largest of the three factors of the skills' weight.
    if skill.importance >= max(factor, reach):
        largest = (room - weighting.base_cost) / (factor * reach) - others
        return [
            _too_large(skill_label(index, skill.id), "importance", skill.importance, largest, route)
        ]
    if factor >= reach:
        largest = (room - weighting.base_cost) / (total * reach)
        return [
            _too_large("weighting", "surplus_penalty", weighting.surplus_penalty, largest, route)
        ]
    left = (room - weighting.base_cost) / (factor * total)
    largest = _power(left, 1 / exponent) if left > 0 and exponent > 0 else 0.0
    return [
        Problem(
            "scale",
            f"the scale's range {_g(span)} ({_g(scale.minimum)} to {_g(scale.maximum)}) makes "
            f"move weights too large: {route}; the largest range that works here is "
            f"{_g_down(largest)}, or lower the skills' importance",
        )
    ]


def _too_large(record: str, name: str, value: float, largest: float, route: str) -> Problem:
    fix = (
        f"the largest {name} that works here is {_g_down(largest)}"
        if largest > 0
        else "lower the other weighting values and importances too"
    )
    return Problem(record, f"{name} {_g(value)} makes move weights too large: {route}; {fix}")


def _inheritance_cycles(roles: Sequence[tuple[int, Role]], by_id: dict[str, Role]) -> list[Problem]:
    index_of = {role.id: index for index, role in roles}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    problems: list[Problem] = []
    reported: set[frozenset[str]] = set()

    for _, start in roles:
        if state.get(start.id):
            continue
        stack: list[tuple[str, list[str]]] = [(start.id, list(start.inherits))]
        path = [start.id]
        state[start.id] = 1
        while stack:
            node, pending = stack[-1]
            if not pending:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            parent = pending.pop(0)
            if parent not in by_id or parent == node:
                continue
            if state.get(parent) == 1:
                cycle = [*path[path.index(parent) :], parent]
                members = frozenset(cycle)
                if members not in reported:
                    reported.add(members)
                    problems.append(
                        Problem(
                            role_label(index_of[parent], parent),
                            "inheritance cycle "
                            + " -> ".join(cycle)
                            + "; a role cannot (even indirectly) inherit from itself, so "
                            "remove one of these inherits entries",
                        )
                    )
            elif not state.get(parent):
                state[parent] = 1
                path.append(parent)
                stack.append((parent, list(by_id[parent].inherits)))
    return problems


_SECTIONS = ("", *TOP_KEYS)  # the file's own problems ("") first
_RECORD = re.compile(r"^(\w+)(?:\[(\d+)\])?")


def file_order(problems: Iterable[Problem]) -> list[Problem]:
    """Sort problems by where their record stands in a graph file (stable within a record)."""

    def key(problem: Problem) -> tuple[int, int]:
        match = _RECORD.match(problem.record)
        if match is None:
            return (0, 0)
        section = match.group(1)
        rank = _SECTIONS.index(section) if section in _SECTIONS else len(_SECTIONS)
        return (rank, int(match.group(2) or 0))

    return sorted(problems, key=key)


def _name_clashes(
    index: int, role: Role, label: str, names: dict[str, tuple[int, str, bool]]
) -> list[Problem]:
    """Check a role's names against those seen so far, and record them.

    An id, a title or a translated title must pick out one role.  An alias may be shared by
    several roles (an imported occupation's alternate title often is): looking it up then
    lists every role it names.
    """
    aliases = {a.strip().casefold() for a in role.aliases or () if isinstance(a, str)}
    primary = {n.strip().casefold() for n in (role.id, role.title) if isinstance(n, str)}
    problems = []
    spelled = (n for n in role.names() if isinstance(n, str) and n.strip())
    for name in dict.fromkeys(n.strip().casefold() for n in spelled):
        alias = name in aliases and name not in primary
        other = names.get(name)
        if other is None:
            names[name] = (index, role.id, alias)
        elif other[1] != role.id and not (alias and other[2]):
            problems.append(
                Problem(
                    label,
                    f"the name {name!r} also names roles[{other[0]}] (id {other[1]!r}); an id "
                    "or title must pick out one role (only aliases may be shared), so rename "
                    "one of them",
                )
            )
    return problems

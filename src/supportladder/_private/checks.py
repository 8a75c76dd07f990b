"""Checks that span records of a career graph: references, duplicates, cycles, directions.

Each check appends :class:`~supportladder.errors.Problem` objects naming the record by its
position in the file (``roles[3] (id "team-lead")``) so one error can list them all.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Collection, Iterable, Sequence

from supportladder.errors import Problem
from supportladder.model import Role, Scale, Skill, Transition, Weighting

__all__ = [
    "check_records",
    "file_order",
    "role_label",
    "skill_label",
    "suggest",
    "transition_label",
]


def role_label(index: int, role_id: object) -> str:
    return f'roles[{index}] (id "{role_id}")' if role_id is not None else f"roles[{index}]"


def skill_label(index: int, skill_id: object) -> str:
    return f'skills[{index}] (id "{skill_id}")' if skill_id is not None else f"skills[{index}]"


def transition_label(index: int, source: object, target: object) -> str:
    if source is None and target is None:
        return f"transitions[{index}]"
    return f"transitions[{index}] ({source} -> {target})"


def suggest(name: str, candidates: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for close matches, else ``""``."""
    close = difflib.get_close_matches(name, list(candidates), n=3, cutoff=0.6)
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""


def check_records(
    scale: Scale,
    weighting: Weighting,
    skills: Sequence[tuple[int, Skill]],
    roles: Sequence[tuple[int, Role]],
    transitions: Sequence[tuple[int, Transition]],
    *,
    unreadable_roles: Collection[str] = (),
    unreadable_skills: Collection[str] = (),
) -> list[Problem]:
    """Return every cross-record problem, in file order.

    ``unreadable_roles`` and ``unreadable_skills`` are ids of records that were already
    reported as malformed: references to them are not reported a second time.
    """
    problems: list[Problem] = []
    low, high = scale.minimum, scale.maximum
    span = high - low
    total = sum(skill.importance for _, skill in skills)
    if not math.isfinite(weighting.base_cost + (1 + weighting.surplus_penalty) * total * span):
        problems.append(
            Problem(
                "weighting",
                "move weights would overflow: skill importances, the scale's range or the "
                "weighting are too large; use smaller numbers",
            )
        )
    skill_ids: dict[str, int] = {}
    for index, skill in skills:
        if skill.id in skill_ids:
            problems.append(
                Problem(
                    skill_label(index, skill.id),
                    f"duplicate skill id {skill.id!r} (first at skills[{skill_ids[skill.id]}]); "
                    "give each skill its own id",
                )
            )
        else:
            skill_ids[skill.id] = index

    role_ids: dict[str, int] = {}
    for index, role in roles:
        if role.id in role_ids:
            problems.append(
                Problem(
                    role_label(index, role.id),
                    f"duplicate role id {role.id!r} (first at roles[{role_ids[role.id]}]); "
                    "give each role its own id, or merge the two records",
                )
            )
        else:
            role_ids[role.id] = index
    by_id = {role.id: role for _, role in roles}
    known_roles = set(role_ids) | set(unreadable_roles)
    known_skills = set(skill_ids) | set(unreadable_skills)

    names: dict[str, tuple[int, str]] = {}
    for index, role in roles:
        label = role_label(index, role.id)
        for skill_id, level in role.skills.items():
            if skill_id not in known_skills:
                problems.append(
                    Problem(
                        label,
                        f"skills: unknown skill {skill_id!r}; declare it under [[skills]] "
                        f"or fix the id{suggest(skill_id, known_skills)}",
                    )
                )
            if not low <= level <= high:
                problems.append(
                    Problem(
                        label,
                        f"skills.{skill_id}: level {level:g} is outside the scale "
                        f"({low:g} to {high:g}); use a level name "
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
        for name in dict.fromkeys(n.casefold() for n in role.names()):
            other = names.get(name)
            if other is not None and other[1] != role.id:
                problems.append(
                    Problem(
                        label,
                        f"the name {name!r} also names roles[{other[0]}] (id {other[1]!r}); "
                        "titles and aliases must pick out one role, so rename one of them",
                    )
                )
            elif other is None:
                names[name] = (index, role.id)

    problems.extend(_inheritance_cycles(roles, by_id))

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
        if move.kind == "upward" and a is not None and b is not None and b.level <= a.level:
            problems.append(
                Problem(
                    label,
                    f"an upward move must go to a higher level, but {move.source!r} is at "
                    f"level {a.level} and {move.target!r} at level {b.level}; make it "
                    "'lateral' or fix the levels",
                )
            )
    return problems


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


_SECTIONS = (
    "",
    "name",
    "title",
    "description",
    "scale",
    "weighting",
    "skills",
    "roles",
    "transitions",
)
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

"""The documented weight formula (supportladder.weights), written plainly as a test oracle."""

from __future__ import annotations

import statistics
from collections.abc import Mapping

from supportladder import CareerGraph


def imputed_level(graph: CareerGraph, skill: str, rung: int, track: str) -> float:
    """Median rating of ``skill`` among ``track``'s roles at the nearest rung <= ``rung``
    that rates it; else among all roles at the nearest rung < ``rung``; else the floor."""
    found = _found(graph, skill, rung, track)
    return graph.scale.minimum if found is None else found


def _imputed_whole(graph: CareerGraph, role: str) -> dict[str, float]:
    """The levels a role that rates no skill is taken to hold: its rung's, skill by skill."""
    r = graph.role(role)
    out = {}
    for skill in graph.skills:
        level = _found(graph, skill.id, r.level, r.track)
        if level is not None:
            out[skill.id] = level
    return out


def _found(graph: CareerGraph, skill: str, rung: int, track: str) -> float | None:
    for same_track, top in ((True, rung), (False, rung - 1)):
        by_rung: dict[int, list[float]] = {}
        for role in graph.roles:
            level = graph.effective_skills(role.id).get(skill)
            if level is None or role.level > top or (same_track and role.track != track):
                continue
            by_rung.setdefault(role.level, []).append(level)
        if by_rung:
            return float(statistics.median(by_rung[max(by_rung)]))
    return None


def levels_of(graph: CareerGraph, role: str) -> tuple[dict[str, float], bool]:
    """Return (levels, whole-imputed) for a role: its ratings, or its rung's if it has none."""
    have = dict(graph.effective_skills(role))
    if have:
        return have, False
    return _imputed_whole(graph, role), True


def reference_delta(
    graph: CareerGraph, source: str | Mapping[str, float], target: str
) -> tuple[float, list[tuple[str, float, float, bool]]]:
    """Return (weight, [(skill, from, to, imputed)]) by the documented formula."""
    w = graph.weighting
    need, target_imputed = levels_of(graph, target)
    rise = surplus = 0.0
    gaps = []
    for skill in graph.skills:
        if skill.id not in need:
            continue  # the target does not ask for it
        b = need[skill.id]
        if isinstance(source, Mapping):
            a, imputed = float(source.get(skill.id, graph.scale.minimum)), False
        else:
            have, whole = levels_of(graph, source)
            if skill.id in have:
                a, imputed = have[skill.id], whole
            else:
                role = graph.role(source)
                a, imputed = imputed_level(graph, skill.id, role.level, role.track), True
        if b > a:
            rise += skill.importance * (b - a) ** w.gap_exponent
            gaps.append((skill.id, a, b, imputed or target_imputed))
        elif a > b:
            surplus += skill.importance * (a - b) ** w.gap_exponent
    return w.base_cost + rise + w.surplus_penalty * surplus, gaps


def role_as_profile(graph: CareerGraph, role: str) -> dict[str, float]:
    """Return the profile a role stands for: its ratings, else its rung's imputed levels."""
    have = graph.effective_skills(role)
    r = graph.role(role)
    return {
        s.id: have[s.id] if s.id in have else imputed_level(graph, s.id, r.level, r.track)
        for s in graph.skills
    }

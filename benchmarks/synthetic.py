"""A deterministic, ladder-like synthetic career graph for benchmarks.

Roles sit on ``levels`` levels of ``tracks`` tracks grouped into industries.  Each track
has a few core skills whose graded levels rise with the role's level (0-4 scale), plus a
random extra skill, so move weights vary.  Moves: upward (to the next one or two levels,
mostly in the same track), lateral (same level, same industry) and cross-industry.
Skill importances are multiples of 0.25, like hand-curated graphs.
"""

from __future__ import annotations

import numpy as np

from supportladder import CareerGraph, Role, Skill, Transition

LEVELS = 9


def edges(roles: int, moves: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (level, source, target) index arrays: role levels and unique valid moves."""
    rng = np.random.default_rng(seed)
    level = np.sort(rng.integers(1, LEVELS + 1, roles))
    track = rng.integers(0, max(roles // 100, 4), roles)
    by_level = [np.flatnonzero(level == lv) for lv in range(LEVELS + 2)]
    found: set[tuple[int, int]] = set()
    src_out: list[int] = []
    dst_out: list[int] = []
    while len(src_out) < moves:
        need = (moves - len(src_out)) * 2
        a = rng.integers(0, roles, need)
        kind = rng.random(need)
        up = rng.integers(1, 3, need)
        for u, k, step in zip(a.tolist(), kind.tolist(), up.tolist(), strict=True):
            lv = int(level[u])
            pool = by_level[lv + step] if k < 0.55 and lv + step <= LEVELS else by_level[lv]
            if pool.size == 0:
                continue
            # prefer the same track: pick among a window of neighbours in index order
            v = int(pool[rng.integers(0, pool.size)])
            same = pool[track[pool] == track[u]]
            if k < 0.4 and same.size:
                v = int(same[rng.integers(0, same.size)])
            if v == u or (u, v) in found:
                continue
            found.add((u, v))
            src_out.append(u)
            dst_out.append(v)
            if len(src_out) >= moves:
                break
    return level, np.array(src_out), np.array(dst_out)


def graph(roles: int, moves: int, seed: int = 0) -> CareerGraph:
    """Return the synthetic CareerGraph of ``roles`` roles and ``moves`` moves."""
    rng = np.random.default_rng(seed + 1)
    level, src, dst = edges(roles, moves, seed)
    n_skills = 24
    skills = [
        Skill(f"skill-{j}", f"Skill {j}", importance=float(rng.integers(1, 9)) / 4)
        for j in range(n_skills)
    ]
    industries = max(roles // 1000, 2)
    role_objs = []
    for i in range(roles):
        lv = int(level[i])
        core = rng.choice(n_skills, 4, replace=False)
        held = {f"skill-{j}": float(min(4, max(0, lv // 2 + rng.integers(-1, 2)))) for j in core}
        held = {k: v for k, v in held.items() if v > 0}
        role_objs.append(
            Role(
                f"r{i:06d}",
                f"Role {i}",
                lv,
                industry=f"industry-{i % industries}",
                skills=held,
            )
        )
    ids = [r.id for r in role_objs]
    transitions = []
    for u, v in zip(src.tolist(), dst.tolist(), strict=True):
        if level[v] > level[u]:
            kind = "upward"
        elif role_objs[u].industry == role_objs[v].industry:
            kind = "lateral"
        else:
            kind = "cross-industry"
        transitions.append(Transition(ids[u], ids[v], kind))
    return CareerGraph("synthetic", roles=role_objs, transitions=transitions, skills=skills)

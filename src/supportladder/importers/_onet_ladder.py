"""The career-ladder rules of an O*NET import: supervision is a rung on the way to management.

Similarity alone links a clerk to the managers whose work resembles theirs, skipping the
supervisory step every career ladder has.  With ``ladder=True`` (the default of
:func:`~supportladder.importers.onet.read`) four rules, taken from the SOC classification's
own definitions, shape the similarity neighbours into career moves:

1. an upward move rises at most one Job Zone;
2. a move into a management occupation (SOC major group 11) comes from a management
   occupation, a first-line supervisor, or an occupation of Job Zone 4 or 5;
3. every occupation of a major group that has first-line supervisors (the SOC minor group
   ``NN-1000``, titled "First-Line Supervisors of ...") gets a move to the most similar of
   them at its own Job Zone or one above ("promotion", even if it is not among its
   ``neighbours``);
4. every first-line supervisor gets a move to the most similar management occupation (SOC
   major group 11) at its own Job Zone or one above: supervision's next rung is
   management, whether or not a manager is among its ``neighbours``.

Examples
--------
>>> is_supervisor("43-1011.00", "First-Line Supervisors of Office Workers")
True
>>> is_supervisor("43-4051.00", "Customer Service Representatives")
False
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["apply_ladder", "is_supervisor"]


def is_supervisor(code: str, title: str) -> bool:
    """Whether an occupation is a first-line supervisor (SOC minor group ``NN-1000``)."""
    return code[3] == "1" and code[:2] != "11" and title.startswith("First-Line Supervisors")


def _allowed(src: str, dst: str, zones: Mapping[str, int], supervisor: Mapping[str, bool]) -> bool:
    if zones[dst] > zones[src] + 1:
        return False
    if dst[:2] == "11" and src[:2] != "11":
        return supervisor[src] or zones[src] >= 4
    return True


def apply_ladder(
    kept: Sequence[str],
    zones: Mapping[str, int],
    titles: Mapping[str, str],
    near: list[list[tuple[int, float]]],
    combined: npt.NDArray[np.float64],
) -> tuple[list[list[tuple[int, float]]], int, set[tuple[int, int]]]:
    """Filter the neighbours by rules 1-2, add rule 3's promotions.

    Returns the new neighbour lists, the number of moves dropped and the promotions added.
    """
    supervisor = {c: is_supervisor(c, titles[c]) for c in kept}
    by_group: dict[str, list[int]] = {}
    for j, c in enumerate(kept):
        if supervisor[c]:
            by_group.setdefault(c[:2], []).append(j)
    managers = [j for j, c in enumerate(kept) if c[:2] == "11"]
    out: list[list[tuple[int, float]]] = []
    dropped = 0
    added: set[tuple[int, int]] = set()
    for i, src in enumerate(kept):
        mine = near[i] if i < len(near) else []  # no evidence shared with anyone: no row
        row = [(j, s) for j, s in mine if _allowed(src, kept[j], zones, supervisor)]
        dropped += len(mine) - len(row)
        # rule 3 for everyone below supervision, rule 4 for the supervisors themselves
        pool = managers if supervisor[src] else by_group.get(src[:2], [])
        heads = [j for j in pool if j != i and zones[src] <= zones[kept[j]] <= zones[src] + 1]
        if heads and src[:2] != "11" and combined.shape == (len(kept), len(kept)):
            best = max(heads, key=lambda j: (combined[i, j], -j))
            if np.isfinite(combined[i, best]) and all(j != best for j, _ in row):
                row.append((best, float(combined[i, best])))
                added.add((i, best))
        out.append(row)
    return out, dropped, added

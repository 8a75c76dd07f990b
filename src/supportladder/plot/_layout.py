"""The layered ladder layout: levels as rows, tracks as swimlanes, few crossings.

A Sugiyama-style layout whose layers are given: every role sits in the row of its level.
What is left to compute is where each track goes and the order of roles within a row:

1. **Swimlanes.**  Each track is a band of columns as wide as its most crowded level and as
   tall as its levels span.  Bands are packed first-fit, home-industry tracks first (in the
   order they appear), other industries to their right; a band may sit above or below
   another in the same columns when their levels do not meet (a lone executive role above
   the support ladder, say), so a graph of many small tracks does not spread into a strip.
2. **Order.**  Within each band and level, roles are ordered by the barycentre of the roles
   they connect to, sweeping up and down the levels a few times (the classic crossing
   reduction heuristic); ties keep the graph's order, so the layout is deterministic.
3. **Size.**  The largest font from 12 pt down to 8 pt at which every title fits its box
   (wrapped at spaces, or between CJK characters) and the rows fit the height is chosen;
   if none fits, the diagram is too large to draw legibly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from supportladder.model import Role, Transition
from supportladder.plot._text import LINE_SPACING, Meter, wrap_to

__all__ = ["Band", "Layout", "fit", "level_of", "order", "pack"]

_FONT_SIZES = (12.0, 11.0, 10.0, 9.0, 8.0)
_PAD = 0.035  # inches between a title and its box


class Band(NamedTuple):
    """A track's swimlane: columns ``col`` to ``col + width - 1``, levels ``lo`` to ``hi``."""

    track: str
    col: int
    width: int
    lo: int
    hi: int
    foreign: bool


class Layout(NamedTuple):
    """Where everything goes, in inches from the bottom-left corner of the content."""

    fontsize: float
    labels: dict[str, str]  # role id -> wrapped title
    centres: dict[str, tuple[float, float]]
    box_w: float
    box_h: dict[int, float]  # level -> box height of that row
    row_y: dict[int, float]  # level -> centre of that row
    slot_w: float
    vgap: float
    columns: int
    bands: list[Band]
    slots: dict[str, int]  # role id -> column
    width: float
    height: float


def level_of(lay: Layout, rid: str) -> int:
    """Return the level of the row a role's box sits in."""
    y = lay.centres[rid][1]
    return next(level for level, ry in lay.row_y.items() if ry == y)


def pack(roles: Sequence[Role]) -> list[Band]:
    """Return the swimlane of each track: packed first-fit, home industry first."""
    if not roles:
        return []
    home = roles[0].industry
    first: dict[str, int] = {}
    levels: dict[str, dict[int, int]] = {}
    foreign: dict[str, bool] = {}
    for index, role in enumerate(roles):
        first.setdefault(role.track, index)
        count = levels.setdefault(role.track, {})
        count[role.level] = count.get(role.level, 0) + 1
        foreign[role.track] = foreign.get(role.track, True) and role.industry != home
    tracks = sorted(first, key=lambda t: (foreign[t], first[t]))
    used: list[list[tuple[int, int]]] = []  # per column: level spans taken
    bands: list[Band] = []
    home_columns = 0
    for track in tracks:
        lo, hi = min(levels[track]), max(levels[track])
        width = max(levels[track].values())
        start = home_columns if foreign[track] else 0
        col = start
        while not all(
            c >= len(used) or all(hi < a or lo > b for a, b in used[c])
            for c in range(col, col + width)
        ):
            col += 1
        while len(used) < col + width:
            used.append([])
        for c in range(col, col + width):
            used[c].append((lo, hi))
        bands.append(Band(track, col, width, lo, hi, foreign[track]))
        if not foreign[track]:
            home_columns = max(home_columns, col + width)
    return bands


def order(
    roles: Sequence[Role], moves: Sequence[Transition], bands: Sequence[Band], sweeps: int = 4
) -> dict[str, int]:
    """Return the column of each role: barycentre order within each band and level."""
    band = {b.track: b for b in bands}
    cells: dict[tuple[str, int], list[Role]] = {}
    for role in roles:
        cells.setdefault((role.track, role.level), []).append(role)
    near: dict[str, list[str]] = {role.id: [] for role in roles}
    for move in moves:
        if move.source in near and move.target in near:
            near[move.source].append(move.target)
            near[move.target].append(move.source)
    rank = {role.id: i for i, role in enumerate(roles)}
    slots: dict[str, float] = {}

    def place(members: list[Role], b: Band) -> None:
        n = len(members)
        for i, role in enumerate(members):
            slots[role.id] = b.col + round((i + 0.5) * b.width / n - 0.5)

    for (track, _), members in cells.items():
        place(members, band[track])
    levels = sorted({role.level for role in roles})
    for sweep in range(sweeps):
        for level in levels if sweep % 2 == 0 else reversed(levels):
            for (track, lvl), members in cells.items():
                if lvl != level or len(members) < 2:
                    continue

                def pull(role: Role) -> tuple[float, int]:
                    ns = [slots[n] for n in near[role.id]]
                    centre = sum(ns) / len(ns) if ns else slots[role.id]
                    return (centre, rank[role.id])

                members.sort(key=pull)
                place(members, band[track])
    return {rid: int(col) for rid, col in slots.items()}


class _Rows(NamedTuple):
    box_h: dict[int, float]
    row_y: dict[int, float]
    vgap: float
    height: float


def _rows(
    roles: Sequence[Role], labels: Mapping[str, str], fontsize: float, height: float
) -> _Rows | None:
    line = fontsize * LINE_SPACING / 72
    lines: dict[int, float] = {}
    for role in roles:
        need = labels[role.id].count("\n") + 1
        lines[role.level] = max(lines.get(role.level, 1), need)
    box_h = {level: n * line + 2 * _PAD for level, n in lines.items()}
    vgap = max(0.25, 2.3 * fontsize / 72)  # a track label, Holland letters, lanes of moves
    levels = sorted(box_h)
    need_h = sum(box_h.values()) + (len(levels) + 1) * vgap
    if need_h > height:
        return None
    vgap = min(vgap * 2, (height - sum(box_h.values())) / (len(levels) + 1))
    row_y, y = {}, vgap
    for level in levels:
        row_y[level] = y + box_h[level] / 2
        y += box_h[level] + vgap
    return _Rows(box_h, row_y, vgap, y)


def fit(
    roles: Sequence[Role],
    moves: Sequence[Transition],
    titles: Mapping[str, str],
    *,
    size: tuple[float, float],
    family: list[str] | None,
    meter: Meter,
) -> Layout | None:
    """Return the layout at the largest legible font size, or ``None`` if none fits."""
    bands = pack(roles)
    columns = max((b.col + b.width for b in bands), default=1)
    slots = order(roles, moves, bands)
    width, height = size
    # Each font size with the usual column gaps, then with narrow ones (0.1 in: still room
    # for a few lanes of moves) before giving up on it.
    # Long words are hyphenated only when nothing else fits.
    tries = [(f, g, False) for f in _FONT_SIZES for g in (max(0.13, 1.3 * f / 72), 0.1)]
    for fontsize, hgap, hyphenate in [*tries, (_FONT_SIZES[-1], 0.1, True)]:
        slot_w = min((width - hgap) / columns, fontsize * 16 / 72 + hgap)
        box_w = slot_w - hgap
        if box_w < 4 * fontsize / 72:
            continue
        text_w = (box_w - 2 * _PAD) * 72
        labels: dict[str, str] = {}
        for role in roles:
            wrapped = wrap_to(meter, titles[role.id], text_w, fontsize, family, hyphenate=hyphenate)
            if wrapped is None:
                break
            labels[role.id] = wrapped
        else:
            rows = _rows(roles, labels, fontsize, height)
            if rows is None:
                continue
            centres = {
                r.id: ((slots[r.id] + 0.5) * slot_w + hgap / 2, rows.row_y[r.level]) for r in roles
            }
            return Layout(
                fontsize,
                labels,
                centres,
                box_w,
                rows.box_h,
                rows.row_y,
                slot_w,
                rows.vgap,
                columns,
                bands,
                slots,
                columns * slot_w + hgap,
                rows.height,
            )
    return None

"""Route moves between boxes along the gaps of the grid, bundling parallel fans.

Boxes sit in a grid of rows (levels) and columns; the gaps between rows and between
columns are channels no box enters.  A move leaves its box from the top (going up or
sideways) or the bottom (going down), runs along the gap next to it to the column gap
beside its target, along that to the gap next to the target's row, and into the target:
at most three straight runs joined by rounded corners, never through a box.

Moves of one kind out of one box share a port and a lane (a bundled fan that splits where
each move turns off); moves of one kind into one box share their arrival port.  Runs of
different bundles in one channel get lanes of their own, so they never lie on each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from supportladder.model import Transition
from supportladder.plot._layout import Layout, level_of

__all__ = ["Route", "route_moves", "smooth"]

Point = tuple[float, float]


class Route(NamedTuple):
    """The corner points of one move's line, from its source box to its target box."""

    points: list[Point]

    def spots(self) -> list[Point]:
        """Return places for a label along the route: runs longest first, middles first."""
        runs = sorted(
            zip(self.points, self.points[1:], strict=False),
            key=lambda run: -(abs(run[1][0] - run[0][0]) + abs(run[1][1] - run[0][1])),
        )
        out = []
        for (x1, y1), (x2, y2) in runs:
            for t in (0.5, 0.3, 0.7, 0.15, 0.85):
                out.append((x1 + (x2 - x1) * t, y1 + (y2 - y1) * t))
        return out


class _Plan(NamedTuple):
    key: tuple[str, str]
    kind: str
    case: str  # "side", "same", "up", "down"
    gaps: tuple[int, int]  # the row gaps of the first and last run (index: below row i)
    boundary: int | None  # the column gap of the vertical run, if any


def _plan(lay: Layout, move: Transition, levels: list[int]) -> _Plan:
    s, t = move.source, move.target
    rs, rt = levels.index(level_of(lay, s)), levels.index(level_of(lay, t))
    cs, ct = lay.slots[s], lay.slots[t]
    if rs == rt and abs(cs - ct) == 1:
        return _Plan(move.key, move.kind, "side", (rs, rs), None)
    if rs == rt:
        return _Plan(move.key, move.kind, "same", (rs + 1, rs + 1), None)
    up = rt > rs
    first, last = (rs + 1, rt) if up else (rs, rt + 1)
    boundary = None
    if first != last:
        boundary = ct if ct > cs else ct + 1
    return _Plan(move.key, move.kind, "up" if up else "down", (first, last), boundary)


def _ports(lay: Layout, plans: Sequence[_Plan]) -> dict[tuple[str, str, str], float]:
    """Return the x of each port: (role, side, group) -> x, groups spread over the side."""
    wanted: dict[tuple[str, str], dict[str, float]] = {}
    for p in plans:
        if p.case == "side":
            continue
        s, t = p.key
        out_side = "bottom" if p.case == "down" else "top"
        in_side = "top" if p.case in ("down", "same") else "bottom"
        wanted.setdefault((s, out_side), {}).setdefault(f"out:{p.kind}", lay.centres[t][0])
        wanted.setdefault((t, in_side), {}).setdefault(f"in:{p.kind}", lay.centres[s][0])
    ports: dict[tuple[str, str, str], float] = {}
    for (rid, side), groups in wanted.items():
        x0 = lay.centres[rid][0] - lay.box_w / 2
        ordered = sorted(groups, key=lambda g: (groups[g], g))
        for i, group in enumerate(ordered):
            ports[(rid, side, group)] = x0 + (i + 1) / (len(ordered) + 1) * lay.box_w
    return ports


def _gap_y(lay: Layout, levels: list[int], index: int) -> tuple[float, float]:
    """Return the bottom and top of the row gap below row ``index`` (``len``: above the top)."""
    top = (
        lay.row_y[levels[index]] - lay.box_h[levels[index]] / 2
        if index < len(levels)
        else lay.height
    )
    return top - lay.vgap, top


def _lanes(spans: Mapping[tuple[object, ...], list[tuple[float, float, object]]]) -> dict:  # type: ignore[type-arg]
    """Give each bundle in each channel a lane: {(channel, bundle): (lane, lanes)}."""
    out: dict[tuple[object, object], tuple[int, int]] = {}
    for channel, items in spans.items():
        merged: dict[object, tuple[float, float]] = {}
        for lo, hi, bundle in items:
            a, b = merged.get(bundle, (lo, hi))
            merged[bundle] = (min(a, lo), max(b, hi))
        ends: list[float] = []
        lane_of: dict[object, int] = {}
        for bundle, (lo, hi) in sorted(merged.items(), key=lambda kv: (kv[1], str(kv[0]))):
            lane = next((i for i, end in enumerate(ends) if end < lo - 0.02), len(ends))
            if lane == len(ends):
                ends.append(hi)
            else:
                ends[lane] = hi
            lane_of[bundle] = lane
        for bundle, lane in lane_of.items():
            out[(channel, bundle)] = (lane, len(ends))
    return out


def route_moves(lay: Layout, moves: Sequence[Transition]) -> dict[tuple[str, str], Route]:
    """Return the route of every move, keyed by ``(source, target)``."""
    levels = sorted(lay.row_y)
    plans = [_plan(lay, m, levels) for m in moves]
    ports = _ports(lay, plans)
    hgap = lay.slot_w - lay.box_w
    keys = {p.key for p in plans}

    def bx(k: int) -> float:
        return k * lay.slot_w + hgap / 2

    def port(rid: str, side: str, group: str) -> float:
        return float(ports[(rid, side, group)])

    spans: dict[tuple[object, ...], list[tuple[float, float, object]]] = {}
    runs: dict[tuple[str, str], tuple[float, float, float | None]] = {}
    for p in plans:
        if p.case == "side":
            continue
        s, t = p.key
        xs = port(s, "bottom" if p.case == "down" else "top", f"out:{p.kind}")
        xt = port(t, "top" if p.case in ("down", "same") else "bottom", f"in:{p.kind}")
        xv = bx(p.boundary) if p.boundary is not None else None
        runs[p.key] = (xs, xt, xv)
        g1, g2 = p.gaps
        if xv is None:
            spans.setdefault(("h", g1), []).append((min(xs, xt), max(xs, xt), ("out", s, p.kind)))
            continue
        spans.setdefault(("h", g1), []).append((min(xs, xv), max(xs, xv), ("out", s, p.kind)))
        spans.setdefault(("h", g2), []).append((min(xv, xt), max(xv, xt), ("in", t, p.kind)))
        ya, yb = sorted((_gap_y(lay, levels, g1)[0], _gap_y(lay, levels, g2)[1]))
        spans.setdefault(("v", p.boundary), []).append((ya, yb, ("v", s, p.kind)))
    lanes = _lanes(spans)

    def lane_y(gap: int, bundle: object) -> float:
        lane, n = lanes[(("h", gap), bundle)]
        lo = _gap_y(lay, levels, gap)[0]
        room = lay.vgap * 0.42  # the lower part; the upper holds track labels
        step = min(0.045, room / max(1, n))
        return float(lo + lay.vgap * 0.1 + room / 2 + (lane - (n - 1) / 2) * step)

    def lane_x(k: int, bundle: object) -> float:
        lane, n = lanes[(("v", k), bundle)]
        step = min(0.045, hgap * 0.7 / max(1, n))
        return float(bx(k) + (lane - (n - 1) / 2) * step)

    out: dict[tuple[str, str], Route] = {}
    for p in plans:
        s, t = p.key
        (sx, sy), (tx, ty) = lay.centres[s], lay.centres[t]
        hs, ht = lay.box_h[level_of(lay, s)] / 2, lay.box_h[level_of(lay, t)] / 2
        if p.case == "side":
            nudge = 0.04 if (t, s) in keys else 0.0
            nudge = nudge if s < t else -nudge
            sign = 1 if tx > sx else -1
            y = sy + nudge
            out[p.key] = Route([(sx + sign * lay.box_w / 2, y), (tx - sign * lay.box_w / 2, y)])
            continue
        xs, xt, xv = runs[p.key]
        start_y = sy - hs if p.case == "down" else sy + hs
        end_y = ty + ht if p.case in ("down", "same") else ty - ht
        g1, g2 = p.gaps
        y1 = lane_y(g1, ("out", s, p.kind))
        if xv is None:
            pts = [(xs, start_y), (xs, y1), (xt, y1), (xt, end_y)]
        else:
            x = lane_x(p.boundary, ("v", s, p.kind))  # type: ignore[arg-type]
            y2 = lane_y(g2, ("in", t, p.kind))
            pts = [(xs, start_y), (xs, y1), (x, y1), (x, y2), (xt, y2), (xt, end_y)]
        out[p.key] = Route(_simplify(pts))
    return out


def _simplify(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-9 and abs(out[-1][1] - p[1]) < 1e-9:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 1e-9 and abs(bx - p[0]) < 1e-9) or (
                abs(ay - by) < 1e-9 and abs(by - p[1]) < 1e-9
            ):
                out[-1] = p
                continue
        out.append(p)
    return out


def smooth(points: Sequence[Point], radius: float = 0.06) -> tuple[list[Point], list[int]]:
    """Return vertices and codes of a matplotlib path through ``points``, corners rounded."""
    from matplotlib.path import Path

    verts = [points[0]]
    codes: list[int] = [int(Path.MOVETO)]
    for i in range(1, len(points) - 1):
        (ax, ay), (bx, by), (cx, cy) = points[i - 1], points[i], points[i + 1]
        d1 = abs(bx - ax) + abs(by - ay)
        d2 = abs(cx - bx) + abs(cy - by)
        r = min(radius, d1 / 2, d2 / 2)
        before = (bx - r * _sign(bx - ax), by - r * _sign(by - ay))
        after = (bx + r * _sign(cx - bx), by + r * _sign(cy - by))
        verts += [before, (bx, by), after]
        codes += [int(Path.LINETO), int(Path.CURVE3), int(Path.CURVE3)]
    verts.append(points[-1])
    codes.append(int(Path.LINETO))
    return verts, codes


def _sign(value: float) -> float:
    return (value > 0) - (value < 0)

"""The force-directed layout: roles where a seeded spring layout puts them, straight moves."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from supportladder.graph import CareerGraph
from supportladder.plot import _common as c
from supportladder.plot._select import Selection
from supportladder.plot._text import LINE_SPACING, Meter, wrap

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_spring"]

_FONT = 8.0


def draw_spring(
    ax: Axes,
    graph: CareerGraph,
    shown: Selection,
    titles: Mapping[str, str],
    family: list[str] | None,
    steps: Sequence[c.Step] | None,
    meter: Meter,
    size: tuple[float, float],
) -> None:
    """Draw the roles of ``shown`` where a seeded spring layout puts them."""
    import networkx as nx
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    labels = {r.id: wrap(titles[r.id]) for r in shown.roles}
    sizes = [meter.size(t, _FONT, family) for t in labels.values()] or [(40.0, 10.0)]
    box_w = max(w for w, _ in sizes) / 72 + 0.12
    box_h = max(h for _, h in sizes) / 72 + 0.1
    aw, ah = size
    digraph = nx.DiGraph()
    digraph.add_nodes_from(labels)
    digraph.add_edges_from(m.key for m in shown.moves)
    n = max(1, len(labels))
    raw = nx.spring_layout(digraph, seed=0, k=2 / math.sqrt(n))
    ax.set_xlim(0, aw)
    ax.set_ylim(0, ah)
    ax.set_axis_off()
    patches = {}
    for rid, (x, y) in raw.items():
        cx = (float(x) + 1) / 2 * (aw - box_w) + box_w / 2
        cy = (float(y) + 1) / 2 * (ah - box_h) + box_h / 2
        patch = FancyBboxPatch(
            (cx - box_w / 2, cy - box_h / 2),
            box_w,
            box_h,
            boxstyle="round,pad=0,rounding_size=0.05",
            facecolor="white",
            edgecolor="#555555",
            zorder=3,
            gid=f"role:{rid}",
        )
        ax.add_patch(patch)
        patches[rid] = (patch, (cx, cy))
        text = ax.text(
            cx,
            cy,
            labels[rid],
            ha="center",
            va="center",
            fontsize=_FONT,
            linespacing=LINE_SPACING,
            zorder=4,
            gid=f"role:{rid}",
            **c.PLAIN,
        )
        if family:
            text.set_fontfamily(family)
    on_route = [(s.source, s.target, s.kind) for s in steps or []]
    for a, b, kind, prefix, colour, width, z in [
        *((m.source, m.target, m.kind, "move", None, 1.2, 1.0) for m in shown.moves),
        *((a, b, k, "path", c.PATH_COLOR, 3.0, 2.5) for a, b, k in on_route),
    ]:
        style = c.KIND_STYLES.get(kind, c.KIND_STYLES["upward"])
        arrow = FancyArrowPatch(
            patches[a][1],
            patches[b][1],
            patchA=patches[a][0],
            patchB=patches[b][0],
            arrowstyle="-|>",
            mutation_scale=10,
            connectionstyle="arc3,rad=0.1",
            color=colour or style["color"],
            linestyle=style["linestyle"],
            linewidth=width,
            zorder=z,
        )
        arrow.set_gid(f"{prefix}:{a}->{b}")
        arrow.set_label(kind)
        ax.add_patch(arrow)

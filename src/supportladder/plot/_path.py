"""Draw one route left to right: its roles, and for each move its kind, cost and skills."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from supportladder.graph import CareerGraph
from supportladder.model import Gap
from supportladder.plot import _common as c
from supportladder.plot._text import LINE_SPACING, Meter, titles_in, wrap

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from supportladder.queries import Path

__all__ = ["draw_path"]

_FONT_SIZE = 9.0
_SMALL = 8.0
_PAD = 0.09
_TITLE = {"va": "center", "multialignment": "center", "linespacing": LINE_SPACING, "zorder": 4}
"""How a role's title is written in its box (see :func:`_text`)."""
_NOTE = {"va": "top", "multialignment": "left", "linespacing": LINE_SPACING, "color": "#333333"}
"""How the skills to build are written under a move's arrow."""


def _gap_lines(graph: CareerGraph, gaps: Sequence[Gap]) -> list[str]:
    names = {s.id: s.name for s in graph.skills}

    def level(value: float) -> str:
        return graph.scale.name_of(value) or c.fmt(value)

    return [gap.describe(skill=names.get(gap.skill, gap.skill), level=level) for gap in gaps]


class _Sizes(NamedTuple):
    box_w: float
    box_h: float
    gap_w: float
    width: float
    height: float


def _measure(
    labels: Sequence[str], heads: Sequence[str], notes: Sequence[str], family: list[str] | None
) -> _Sizes:
    meter = Meter()
    sizes = [meter.size(t, _FONT_SIZE, family) for t in labels] or [(40.0, 10.0)]
    box_w = max(w for w, _ in sizes) / 72 + 2 * _PAD
    box_h = max(h for _, h in sizes) / 72 + 2 * _PAD
    note_sizes = [meter.size(n, _SMALL) for n in notes] + [meter.size(h, _SMALL) for h in heads]
    gap_w = max([1.1] + [w / 72 + 0.3 for w, _ in note_sizes])
    note_h = max([0.0] + [h / 72 for _, h in note_sizes])
    width = len(labels) * box_w + (len(labels) - 1) * gap_w
    return _Sizes(box_w, box_h, gap_w, width, box_h + 2 * max(note_h, 0.25) + 0.3)


def draw_path(
    graph: CareerGraph,
    path: Path | Sequence[str],
    *,
    ax: Axes | None,
    lang: str,
    pyplot: bool,
) -> tuple[Figure, Axes]:
    """Draw one route; see :func:`supportladder.plot.plot_path`."""
    c.check_lang(graph, lang)
    steps = c.steps_of(graph, path)
    ids = c.route_ids(graph, path, steps)
    titles, family = titles_in(graph, lang)
    labels = [wrap(titles[rid]) for rid in ids]
    heads = [f"{s.kind} · {c.fmt(s.cost)}" for s in steps]
    notes = [
        "\n".join(
            textwrap.fill(line, 30)
            for line in _gap_lines(graph, s.gaps) + list(s.requirements.phrases())
        )
        for s in steps
    ]
    size = _measure(labels, heads, notes, family)
    margins = {"left": 0.2, "right": 0.2, "bottom": 0.15, "top": 0.45}
    if ax is None:
        figsize = (
            size.width + margins["left"] + margins["right"],
            size.height + margins["bottom"] + margins["top"],
        )
        fig, ax = c.new_axes(figsize, margins, pyplot=pyplot)
    else:
        fig = c.figure_of(ax)
    ax.set_xlim(0, size.width)
    ax.set_ylim(0, size.height)
    aw, ah = c.axes_inches(ax)
    scale = max(0.6, min(1.0, aw / size.width, ah / size.height))
    ax.set_axis_off()
    patches = _boxes(ax, ids, labels, size, family, scale)
    for i, step in enumerate(steps):
        _step(ax, step, patches[i], patches[i + 1], heads[i], notes[i], size.height / 2, scale)
    first, last = titles[ids[0]], titles[ids[-1]]
    total = sum(s.cost for s in steps)
    ax.set_title(
        f"{first} → {last} · {len(steps)} moves · cost {c.fmt(total)}",
        loc="left",
        fontsize=10,
        fontfamily=family or None,
        **c.PLAIN,
    )
    return fig, ax


def _boxes(
    ax: Axes,
    ids: Sequence[str],
    labels: Sequence[str],
    size: _Sizes,
    family: list[str] | None,
    scale: float,
) -> list[Any]:
    from matplotlib.patches import FancyBboxPatch

    y = size.height / 2
    patches = []
    for i, (rid, label) in enumerate(zip(ids, labels, strict=True)):
        x = i * (size.box_w + size.gap_w) + size.box_w / 2
        patch = FancyBboxPatch(
            (x - size.box_w / 2, y - size.box_h / 2),
            size.box_w,
            size.box_h,
            boxstyle="round,pad=0,rounding_size=0.07",
            facecolor="#FBE9E1",
            edgecolor=c.PATH_COLOR,
            linewidth=1.6 * scale,
            zorder=3,
            gid=f"role:{rid}",
        )
        ax.add_patch(patch)
        patches.append(patch)
        text = _text(ax, (x, y), label, f"role:{rid}", _FONT_SIZE * scale, **_TITLE)
        if family:
            text.set_fontfamily(family)
    return patches


def _text(
    ax: Axes, xy: tuple[float, float], text: str, gid: str, fontsize: float, **style: Any
) -> Any:
    """Write ``text`` centred on ``xy``, literally (never mathtext); ``style`` adds the rest."""
    x, y = xy
    return ax.text(x, y, text, ha="center", fontsize=fontsize, gid=gid, **style, **c.PLAIN)


def _step(
    ax: Axes, step: c.Step, pa: Any, pb: Any, head: str, note: str, y: float, scale: float
) -> None:
    from matplotlib.patches import FancyArrowPatch

    style = c.KIND_STYLES.get(step.kind, c.KIND_STYLES["upward"])
    a, b = step.source, step.target
    xa = pa.get_x() + pa.get_width() / 2
    xb = pb.get_x() + pb.get_width() / 2
    arrow = FancyArrowPatch(
        (xa, y),
        (xb, y),
        patchA=pa,
        patchB=pb,
        arrowstyle="-|>",
        mutation_scale=13 * scale,
        color=style["color"],
        linestyle=style["linestyle"],
        linewidth=2.0 * scale,
        shrinkA=2 * scale,
        shrinkB=2 * scale,
        zorder=2,
    )
    arrow.set_gid(f"path:{a}->{b}")
    arrow.set_label(step.kind)
    ax.add_patch(arrow)
    mid = (xa + xb) / 2
    small = _SMALL * scale
    head_style = {"va": "bottom", "color": style["color"], "fontweight": "bold"}
    _text(ax, (mid, y + 0.08), head, f"kind:{a}->{b}", small, **head_style)
    _text(ax, (mid, y - 0.1), note, f"skills:{a}->{b}", small, **_NOTE)

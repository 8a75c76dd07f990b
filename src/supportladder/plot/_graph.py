"""Draw a career graph: swimlanes, rungs, role boxes, routed moves and a highlighted route."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from supportladder._wording import TRACK_COLORS
from supportladder.graph import CareerGraph
from supportladder.model import Kind, Role
from supportladder.plot import _common as c
from supportladder.plot._layout import Layout, fit, level_of
from supportladder.plot._routing import Route, route_moves, smooth
from supportladder.plot._select import DiagramTooLargeError, Selection, select
from supportladder.plot._text import LINE_SPACING, Meter, fonts_for
from supportladder.plot._words import partly_translated, word

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from supportladder.queries import Path

__all__ = ["Options", "draw_graph"]

_MARGINS: Final = {"left": 0.4, "right": 0.08, "bottom": 0.1, "top": 0.42}  # inches
Z_MOVE: Final = 1.0
Z_ROUTE: Final = 2.5
"""Every highlighted route arrow is drawn above every other move (and below the boxes)."""


class Options(NamedTuple):
    """What :func:`draw_graph` was asked for."""

    ax: Axes | None
    path: Path | Sequence[str] | None
    context: int | bool | None
    focus: str | Role | None
    radius: int
    kinds: Iterable[Kind] | Kind | None
    tracks: Iterable[str] | str | None
    layout: str
    show_costs: bool
    lang: str
    figsize: tuple[float, float] | None
    pyplot: bool


def _axes(opts: Options) -> tuple[Figure, Axes]:
    if opts.ax is not None:
        return c.figure_of(opts.ax), opts.ax
    size = opts.figsize or c.SLIDE
    return c.new_axes(size, _MARGINS, pyplot=opts.pyplot)


def draw_graph(graph: CareerGraph, opts: Options) -> tuple[Figure, Axes]:
    """Draw ``graph`` as asked by ``opts``; see :func:`supportladder.plot.plot_graph`."""
    chosen = c.check_kinds(opts.kinds)
    c.check_layout(opts.layout)
    lang = c.check_lang(graph, opts.lang)
    steps = c.steps_of(graph, opts.path) if opts.path is not None else None
    route = (
        c.route_ids(graph, opts.path, steps) if opts.path is not None and steps is not None else []
    )
    shown = select(
        graph,
        kinds=chosen,
        route=route,
        focus=opts.focus,
        radius=opts.radius,
        context=opts.context,
        tracks=opts.tracks,
    )
    titles, family, words = _language(graph, lang)
    fig, ax = _axes(opts)
    aw, ah = c.axes_inches(ax)
    meter = Meter()
    if opts.layout == "spring":
        from supportladder.plot._spring import draw_spring

        draw_spring(ax, graph, shown, titles, family, steps, meter, (aw, ah))
        _decorate(ax, graph, shown, chosen, steps, words, family, 8.0)
        return fig, ax
    lay = fit(shown.roles, shown.moves, titles, size=(aw, ah), family=family, meter=meter)
    if lay is None:
        what = f"graph {graph.name!r}" if len(shown.roles) == len(graph.roles) else "the part"
        raise DiagramTooLargeError(
            f"{what} has {len(shown.roles)} roles in {len({r.level for r in shown.roles})} "
            f"levels and {len({r.track for r in shown.roles})} tracks",
            (round(aw, 2), round(ah, 2)),
        )
    extra_x = (aw - lay.width) / 2
    ax.set_xlim(-extra_x, lay.width + extra_x)
    ax.set_ylim(lay.height - ah, lay.height)  # top-aligned, under the title
    ax.set_axis_off()
    _lanes(ax, graph, lay, words, family)
    _boxes(ax, shown.roles, lay, family, {s.source for s in steps or []} | set(route))
    routes = route_moves(lay, shown.moves)
    _moves(ax, graph, shown, routes, lay, steps, opts.show_costs)
    _decorate(ax, graph, shown, chosen, steps, words, family, lay.fontsize)
    if words != "en":
        done, total = partly_translated(graph, lang, {r.id for r in shown.roles})
        if done < total:
            fig.text(
                0.995,
                0.005,
                word("partly", words, n=done, total=total, lang=lang),
                ha="right",
                va="bottom",
                fontsize=8,
                color="#555555",
                fontfamily=family,
                gid="note:translation",
                **c.PLAIN,
            )
    return fig, ax


def _language(graph: CareerGraph, lang: str) -> tuple[dict[str, str], list[str] | None, str]:
    """Return the titles, font families and language of the diagram's own words.

    The diagram's words are translated only where the graph has titles in ``lang``; without
    a font for them, everything stays English (with one :class:`FontFallbackWarning`).
    """
    english = {role.id: role.title for role in graph.roles}
    if lang == "en" or not any(lang in role.titles for role in graph.roles):
        return english, None, "en"
    wanted = {role.id: role.titles.get(lang, role.title) for role in graph.roles}
    texts = [*wanted.values(), *(word(k, lang) for k in ("upward", "lateral", "cross-industry"))]
    family = fonts_for(texts, lang)
    if family is False:
        return english, None, "en"
    return wanted, (family if isinstance(family, list) else None), lang


def _band_name(graph: CareerGraph, track: str, home: str) -> str:
    industries = {r.industry for r in graph.roles if r.track == track}
    industry = next(iter(industries)) if len(industries) == 1 else home
    return track if industry in (home, track) else f"{track} ({industry})"


def _lanes(ax: Axes, graph: CareerGraph, lay: Layout, lang: str, family: list[str] | None) -> None:
    """Draw the swimlanes (tinted, labelled below their lowest row) and the rung labels."""
    from matplotlib.patches import Rectangle

    home = Counter(r.industry for r in graph.roles).most_common(1)[0][0] if graph.roles else ""
    hgap = lay.slot_w - lay.box_w
    levels = sorted(lay.row_y)
    meter = Meter()
    for i, band in enumerate(lay.bands):
        x0 = band.col * lay.slot_w + hgap / 2
        y0 = lay.row_y[band.lo] - lay.box_h[band.lo] / 2 - lay.vgap / 2
        y1 = lay.row_y[band.hi] + lay.box_h[band.hi] / 2 + lay.vgap / 2
        rect = Rectangle(
            (x0 + 0.01, y0),
            band.width * lay.slot_w - 0.02,
            y1 - y0,
            facecolor=TRACK_COLORS[i % len(TRACK_COLORS)],
            edgecolor="none",
            zorder=0,
            gid=f"band:{band.track}",
        )
        ax.add_patch(rect)
        name = word(band.track, lang) if lang != "en" else _band_name(graph, band.track, home)
        room = (band.width * lay.slot_w - 0.06) * 72
        if meter.size(name, 8.0, family)[0] > room:
            name = word(band.track, lang) if lang != "en" else band.track
        while len(name) > 3 and meter.size(name, 8.0, family)[0] > room:
            name = name[:-2] + "…"
        ax.text(
            x0 + 0.05,
            lay.row_y[band.lo] - lay.box_h[band.lo] / 2 - 0.02,
            name,
            ha="left",
            va="top",
            fontsize=8.0,
            color="#444444",
            fontstyle="italic",
            fontfamily=family or None,
            zorder=0.6,
            gid=f"track:{band.track}",
            **c.PLAIN,
        )
    for level in levels:
        ax.text(
            -0.04,
            lay.row_y[level],
            word("rung", lang, level=level),
            ha="right",
            va="center",
            fontsize=max(8.0, lay.fontsize - 1),
            color="#333333",
            fontfamily=family or None,
            gid=f"rung:{level}",
            **c.PLAIN,
        )


def _boxes(
    ax: Axes, roles: Sequence[Role], lay: Layout, family: list[str] | None, on_path: set[str]
) -> None:
    from matplotlib.patches import FancyBboxPatch

    color = {b.track: TRACK_COLORS[i % len(TRACK_COLORS)] for i, b in enumerate(lay.bands)}
    for role in roles:
        x, y = lay.centres[role.id]
        w, h = lay.box_w, lay.box_h[role.level]
        highlighted = role.id in on_path
        patch = FancyBboxPatch(
            (x - w / 2, y - h / 2),
            w,
            h,
            boxstyle="round,pad=0,rounding_size=0.05",
            facecolor="white" if not highlighted else "#FFF4EC",
            edgecolor=c.PATH_COLOR if highlighted else _darker(color[role.track]),
            linewidth=2.0 if highlighted else 1.0,
            zorder=3,
            gid=f"role:{role.id}",
        )
        ax.add_patch(patch)
        text = ax.text(
            x,
            y,
            lay.labels[role.id],
            ha="center",
            va="center",
            multialignment="center",
            fontsize=lay.fontsize,
            linespacing=LINE_SPACING,
            zorder=4,
            gid=f"role:{role.id}",
            **c.PLAIN,
        )
        if family:
            text.set_fontfamily(family)
        if role.holland:
            ax.text(
                x + w / 2 - 0.06,
                y + h / 2 - 0.015,
                role.holland,
                ha="right",
                va="bottom",
                fontsize=max(8.0, lay.fontsize - 1),
                fontweight="bold",
                color="#6A3D9A",
                bbox={"boxstyle": "round,pad=0.08", "fc": "white", "ec": "#6A3D9A", "lw": 0.6},
                zorder=4,
                gid=f"holland:{role.id}",
                **c.PLAIN,
            )


def _darker(color: str) -> str:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return "#{:02x}{:02x}{:02x}".format(*(int(v * 255 * 0.55) for v in (r, g, b)))


def _arrow(
    ax: Axes,
    route: Route,
    *,
    color: str,
    linestyle: str,
    linewidth: float,
    zorder: float,
    gid: str,
    label: str,
) -> Any:
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path as MplPath

    verts, codes = smooth(route.points)
    arrow = FancyArrowPatch(
        path=MplPath(verts, codes),
        arrowstyle="-|>",
        mutation_scale=8 + 2 * linewidth,
        color=color,
        linestyle=linestyle,
        linewidth=linewidth,
        zorder=zorder,
        joinstyle="round",
        capstyle="butt",
    )
    arrow.set_gid(gid)
    arrow.set_label(label)
    ax.add_patch(arrow)
    return arrow


def _moves(
    ax: Axes,
    graph: CareerGraph,
    shown: Selection,
    routes: Mapping[tuple[str, str], Route],
    lay: Layout,
    steps: Sequence[c.Step] | None,
    show_costs: bool,
) -> None:
    path_keys = {(s.source, s.target) for s in steps or []}
    small = max(8.0, lay.fontsize - 2)
    place = _Placer(lay, small)
    for move in shown.moves:
        style = c.KIND_STYLES[move.kind]
        a, b = move.key
        _arrow(
            ax,
            routes[move.key],
            color=style["color"],
            linestyle=style["linestyle"],
            linewidth=1.2,
            zorder=Z_MOVE,
            gid=f"move:{a}->{b}",
            label=move.kind,
        )
        if show_costs and move.key not in path_keys:
            mx, my = place(routes[move.key], c.fmt(graph.weight(a, b)), bold=False)
            ax.text(
                mx,
                my,
                c.fmt(graph.weight(a, b)),
                ha="center",
                va="center",
                fontsize=small,
                color=style["color"],
                zorder=5,
                gid=f"weight:{a}->{b}",
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.9},
            )
    for step in steps or []:
        a, b = step.source, step.target
        _arrow(
            ax,
            routes[(a, b)],
            color=c.PATH_COLOR,
            linestyle=c.KIND_STYLES.get(step.kind, c.KIND_STYLES["upward"])["linestyle"],
            linewidth=3.0,
            zorder=Z_ROUTE,
            gid=f"path:{a}->{b}",
            label=step.kind,
        )
        mx, my = place(routes[(a, b)], c.fmt(step.cost), bold=True)
        ax.text(
            mx,
            my,
            c.fmt(step.cost),
            ha="center",
            va="center",
            fontsize=small,
            fontweight="bold",
            color=c.PATH_COLOR,
            zorder=6,
            gid=f"cost:{a}->{b}",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": c.PATH_COLOR, "lw": 0.8},
        )


class _Placer:
    """Put cost labels where they overlap no other label and no box (first free spot)."""

    def __init__(self, lay: Layout, fontsize: float) -> None:
        self.fontsize = fontsize
        self.taken: list[tuple[float, float, float, float]] = [
            (x - lay.box_w / 2, y - h / 2, x + lay.box_w / 2, y + h / 2)
            for (x, y), h in (
                (lay.centres[rid], lay.box_h[level_of(lay, rid)]) for rid in lay.centres
            )
        ]

    def __call__(self, route: Route, text: str, *, bold: bool) -> tuple[float, float]:
        w = (len(text) * 0.62 + 1.2) * self.fontsize / 72 * (1.1 if bold else 1.0)
        h = 1.6 * self.fontsize / 72
        spots = route.spots()
        for x, y in spots:
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            if not any(_meet(box, other) for other in self.taken):
                self.taken.append(box)
                return x, y
        x, y = spots[0]
        self.taken.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
        return x, y


def _meet(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _decorate(
    ax: Axes,
    graph: CareerGraph,
    shown: Selection,
    chosen: Sequence[str],
    steps: Sequence[c.Step] | None,
    lang: str,
    family: list[str] | None,
    fontsize: float,
) -> None:
    """Add the legend (kinds drawn, the route's cost) and the title, in the top margin."""
    from matplotlib.lines import Line2D

    present = [k for k in chosen if any(m.kind == k for m in shown.moves)]
    handles = [
        Line2D(
            [], [], color=c.KIND_STYLES[k]["color"], linestyle=c.KIND_STYLES[k]["linestyle"], lw=1.6
        )
        for k in present
    ]
    labels = [word(k, lang) for k in present]
    if steps is not None:
        handles.append(Line2D([], [], color=c.PATH_COLOR, lw=3.2))
        labels.append(word("path", lang, cost=c.fmt(sum(s.cost for s in steps))))
    if handles:
        legend = ax.legend(
            handles,
            labels,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncol=len(handles),
            frameon=False,
            fontsize=max(8.0, fontsize - 1),
            handlelength=3.0,
            borderaxespad=0.2,
            columnspacing=1.5,
            prop={"family": family} if family else None,
        )
        for text in legend.get_texts():
            text.set_parse_math(False)
    ax.set_title(graph.title or graph.name, loc="left", fontsize=12, pad=8, **c.PLAIN)

r"""Org-path diagrams of career graphs, drawn with matplotlib.

Two functions, both following the osmnx conventions: they take the graph first and
keyword-only options, draw on ``ax`` if one is given (else on a new figure sized from the
layout), and return ``(fig, ax)``.  Nothing is shown or closed unless asked.

* :func:`plot_graph` draws the whole ladder: each role at its level (entry at the bottom),
  tracks side by side, upward, lateral and cross-industry moves told apart by colour *and*
  line style, and optionally one route drawn on top with each step's cost.
* :func:`plot_path` draws one route left to right with each move's kind, cost and the
  skills to build.

matplotlib is imported inside the functions, so ``import supportladder.plot`` stays cheap.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> from supportladder import CareerGraph, Role, Skill, Transition
>>> from supportladder.plot import plot_graph
>>> g = CareerGraph(
...     "tiny",
...     skills=[Skill("communication", "Communication"), Skill("leadership", "Leadership")],
...     roles=[
...         Role("rep", "Support Representative", 1, skills={"communication": 2}),
...         Role("lead", "Team Lead", 2, skills={"communication": 3, "leadership": 2}),
...         Role("csm", "Customer Success Manager", 2, track="success"),
...     ],
...     transitions=[Transition("rep", "lead", "upward"), Transition("rep", "csm", "lateral")],
... )
>>> fig, ax = plot_graph(g, path=["rep", "lead"])
>>> sorted(t.get_text() for t in ax.texts if t.get_gid().startswith("role:"))
['Customer Success\nManager', 'Support\nRepresentative', 'Team Lead']
>>> [t.get_text() for t in ax.get_legend().get_texts()]
['upward', 'lateral', 'path (cost 6)']
>>> plt.close(fig)
"""

from __future__ import annotations

import functools
import itertools
import math
import textwrap
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from supportladder.graph import CareerGraph
from supportladder.model import KINDS, Gap, Kind, Requirements, Role

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    from supportladder.queries import Path

__all__ = [
    "CJK_FONT_FAMILIES",
    "KIND_STYLES",
    "LAYOUTS",
    "PATH_COLOR",
    "FontFallbackWarning",
    "cjk_font",
    "ladder_layout",
    "plot_graph",
    "plot_path",
]

KIND_STYLES: Final[Mapping[str, Mapping[str, Any]]] = {
    "upward": {"color": "#0072B2", "linestyle": "-"},
    "lateral": {"color": "#009E73", "linestyle": "--"},
    "cross-industry": {"color": "#CC79A7", "linestyle": "-."},
}
"""Colour and line style of each kind of move (Okabe–Ito colours, safe for colour blindness).

Kinds differ in line style as well as colour, so a grey-scale print still tells them apart.
"""

PATH_COLOR: Final = "#D55E00"
"""Colour of a highlighted route."""

LAYOUTS: Final = ("ladder", "spring")
"""The layouts :func:`plot_graph` knows."""

CJK_FONT_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "Arial Unicode MS",
)
"""Font families, in order of preference, that can draw Chinese titles."""

_FONT_SIZE: Final = 8.0  # points, role titles at full scale
_MIN_FONT_SIZE: Final = 5.0
_LINE_SPACING: Final = 1.15
_WRAP: Final = 16  # characters per line of a Latin title
_WRAP_WIDE: Final = 14  # display columns per line of a CJK title (7 characters)
_PAD: Final = 0.09  # inches between a title and its box
_HGAP: Final = 0.5  # inches between boxes side by side
_VGAP: Final = 0.6  # inches between levels
_MARGINS: Final = {"left": 0.55, "right": 0.25, "bottom": 0.6, "top": 0.9}  # inches
_MIN_WIDTH: Final = 6.0  # inches, so the legend and title fit above a one-track ladder
_TRACK_COLORS: Final = (
    "#E8F1FA",
    "#FDF1E0",
    "#E6F5EF",
    "#F7EAF2",
    "#FBF7DC",
    "#EDEDED",
    "#E3F4FB",
    "#FBE9E1",
)
_PROFILE: Final = "<profile>"
_RADS: Final = (0.0, 0.15, -0.15, 0.3, -0.3, 0.45, -0.45, 0.6, -0.6, 0.8, -0.8)


class FontFallbackWarning(UserWarning):
    """No installed font can draw the titles asked for; English titles are drawn instead.

    Install a CJK-capable font (e.g. the ``fonts-noto-cjk`` package, Noto Sans CJK or
    WenQuanYi Zen Hei) and clear matplotlib's font cache to draw Chinese titles.
    """


class _Step(NamedTuple):
    source: str
    target: str
    kind: str
    cost: float
    gaps: tuple[Gap, ...]
    requirements: Requirements


# ---------------------------------------------------------------------- validation
def _check_kinds(kinds: Iterable[str] | str | None) -> tuple[str, ...]:
    if kinds is None:
        return KINDS
    if isinstance(kinds, str):
        kinds = (kinds,)
    chosen = tuple(kinds)
    for kind in chosen:
        if kind not in KINDS:
            raise ValueError(
                f"kinds: {kind!r} is not a kind of move; use any of "
                + ", ".join(repr(k) for k in KINDS)
            )
    return tuple(k for k in KINDS if k in chosen)


def _languages(graph: CareerGraph) -> list[str]:
    return sorted({lang for role in graph.roles for lang in role.titles})


def _check_lang(graph: CareerGraph, lang: str) -> str:
    known = ["en", *sorted({"zh", *_languages(graph)})]
    if not isinstance(lang, str) or lang not in known:
        raise ValueError(
            f"lang: {lang!r} is not a language of graph {graph.name!r}; use one of "
            + ", ".join(repr(k) for k in known)
        )
    return lang


def _check_layout(layout: str) -> str:
    if layout not in LAYOUTS:
        raise ValueError(
            f"layout: {layout!r} is not a known layout; use one of "
            + ", ".join(repr(k) for k in LAYOUTS)
        )
    return layout


def _steps(graph: CareerGraph, path: Path | Sequence[str]) -> list[_Step]:
    """Turn a :class:`~supportladder.queries.Path` or a list of role references into steps."""
    steps = getattr(path, "steps", None)
    if steps is not None:
        out = []
        for s in steps:
            if s.source == _PROFILE:  # the virtual first move of a query from a profile
                continue
            source, target = graph.role(s.source).id, graph.role(s.target).id
            out.append(
                _Step(
                    source,
                    target,
                    str(s.kind),
                    float(s.cost),
                    tuple(s.gaps),
                    getattr(s, "requirements", None) or Requirements(),
                )
            )
        return out
    if isinstance(path, str) or not isinstance(path, Sequence):
        raise TypeError(
            f"path: expected a Path or a sequence of role references, got {type(path).__name__}"
        )
    ids = [graph.role(ref).id for ref in path]
    out = []
    for a, b in itertools.pairwise(ids):
        try:
            move = graph.transition(a, b)
        except KeyError:
            raise ValueError(
                f"path: graph {graph.name!r} has no move from {a!r} to {b!r}"
            ) from None
        cost, gaps = graph.delta(a, b)
        out.append(_Step(a, b, move.kind, cost, gaps, move.requirements))
    return out


def _fmt(value: float) -> str:
    """Format a cost or level: ``4`` not ``4.0``, ``3.5``, ``2.25``."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------- fonts
@functools.lru_cache(maxsize=1)
def _detect_cjk_font() -> str | None:
    from matplotlib import font_manager

    names = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in CJK_FONT_FAMILIES:
        if family in names:
            return family
    for name in sorted(names):
        if any(k in name for k in ("CJK", "WenQuanYi", "Source Han", "YaHei", "SimHei")):
            return name
    return None


def cjk_font() -> str | None:
    """Return the name of an installed font family that can draw Chinese, or ``None``.

    Looks for the families of :data:`CJK_FONT_FAMILIES` (Noto Sans CJK, Source Han Sans,
    WenQuanYi, SimHei, ...) among the fonts matplotlib knows.  The answer is cached.

    Examples
    --------
    >>> from supportladder.plot import cjk_font
    >>> cjk_font() is None or isinstance(cjk_font(), str)
    True
    """
    return _detect_cjk_font()


@functools.lru_cache(maxsize=8)
def _charmap(family: str | None) -> frozenset[int]:
    from matplotlib import font_manager

    props = font_manager.FontProperties(family=family) if family else font_manager.FontProperties()
    font = font_manager.get_font(font_manager.findfont(props, fallback_to_default=True))
    return frozenset(font.get_charmap())


def _drawable(text: str, family: str | None = None) -> bool:
    chars = _charmap(family)
    return all(ord(c) in chars for c in text if not c.isspace())


def _titles(graph: CareerGraph, lang: str) -> tuple[dict[str, str], list[str] | None]:
    """Return the title of each role in ``lang`` and the font families to draw them with.

    Falls back to English, with one :class:`FontFallbackWarning`, when no installed font
    can draw the translated titles.
    """
    english = {role.id: role.title for role in graph.roles}
    if lang == "en":
        return english, None
    wanted = {role.id: role.titles.get(lang, role.title) for role in graph.roles}
    if all(_drawable(t) for t in wanted.values()):
        return wanted, None
    family = cjk_font()
    if family is None:
        warnings.warn(
            FontFallbackWarning(
                f"no installed font can draw the {lang!r} titles of graph {graph.name!r}; "
                "drawing English titles instead. Install a CJK font such as Noto Sans CJK "
                "(Debian/Ubuntu: apt install fonts-noto-cjk) to draw them"
            ),
            stacklevel=4,  # the caller of plot_graph / plot_path
        )
        return english, None
    from matplotlib import font_manager

    # Latin letters from the usual font, the rest from the CJK one (per-glyph fallback).
    return wanted, [font_manager.FontProperties().get_name(), family]


# ---------------------------------------------------------------------- text geometry
def _wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


def _wrap(text: str, width: int = _WRAP) -> str:
    """Wrap a title into short lines: at spaces for Latin text, by width for CJK text."""
    if not _wide(text):
        return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text
    lines: list[str] = []
    line, used = "", 0
    for char in text.strip():
        w = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + w > _WRAP_WIDE and line:
            lines.append(line.rstrip())
            line, used = "", 0
        if not (char == " " and not line):
            line, used = line + char, used + w
    lines.append(line)
    return "\n".join(lines)


class _Meter:
    """Measure text in points with a private Agg renderer (no pyplot, no display)."""

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(dpi=72)
        self.canvas = FigureCanvasAgg(self.figure)
        self.renderer = self.canvas.get_renderer()  # type: ignore[no-untyped-call]

    def size(
        self, text: str, fontsize: float, family: list[str] | None = None, **kw: Any
    ) -> tuple[float, float]:
        if not text:
            return 0.0, 0.0
        artist = self.figure.text(0, 0, text, fontsize=fontsize, linespacing=_LINE_SPACING, **kw)
        if family:
            artist.set_fontfamily(family)
        box = artist.get_window_extent(renderer=self.renderer)
        artist.remove()
        return float(box.width), float(box.height)


# ---------------------------------------------------------------------- layout
class _Ladder(NamedTuple):
    slots: dict[str, float]  # role id -> column slot (0-based, may be fractional)
    tracks: list[tuple[str, float, int]]  # (track, first slot, width in slots)
    n_slots: int
    levels: tuple[int, int]  # lowest and highest level


def _ladder(graph: CareerGraph) -> _Ladder:
    first: dict[str, int] = {}
    foreign: dict[str, bool] = {}
    home = graph.roles[0].industry if graph.roles else "customer support"
    for index, role in enumerate(graph.roles):
        first.setdefault(role.track, index)
        foreign[role.track] = foreign.get(role.track, True) and role.industry != home
    tracks = sorted(first, key=lambda t: (foreign[t], first[t]))
    groups: dict[tuple[str, int], list[Role]] = {}
    for role in graph.roles:
        groups.setdefault((role.track, role.level), []).append(role)
    width = {t: max(len(g) for (tt, _), g in groups.items() if tt == t) for t in tracks}
    start: dict[str, int] = {}
    total = 0
    for t in tracks:
        start[t] = total
        total += width[t]
    neighbours: dict[str, set[str]] = {role.id: set() for role in graph.roles}
    for move in graph.transitions:
        neighbours[move.source].add(move.target)
        neighbours[move.target].add(move.source)
    order = {role.id: i for i, role in enumerate(graph.roles)}
    slots: dict[str, float] = {}
    for track, level in sorted(groups, key=lambda k: (k[1], tracks.index(k[0]))):
        members = groups[(track, level)]

        def pull(role: Role) -> tuple[float, int]:
            placed = [slots[n] for n in neighbours[role.id] if n in slots]
            return (sum(placed) / len(placed) if placed else math.inf, order[role.id])

        members = sorted(members, key=pull) if len(members) > 1 else members
        offset = start[track] + (width[track] - len(members)) / 2
        for i, role in enumerate(members):
            slots[role.id] = offset + i
    lows = [r.level for r in graph.roles] or [1]
    return _Ladder(slots, [(t, start[t], width[t]) for t in tracks], total, (min(lows), max(lows)))


def ladder_layout(graph: CareerGraph) -> dict[str, tuple[float, float]]:
    """Return ladder positions ``{role id: (x, y)}``: x the column, y the level.

    Tracks are placed side by side, home-industry tracks first, in the order their first
    role appears in the graph; roles of one track and level are spread over the track's
    columns, ordered to sit near the roles they connect to.  Usable with
    ``networkx.draw(graph.to_networkx(), pos=ladder_layout(graph))``.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.plot import ladder_layout
    >>> g = supportladder.CareerGraph(
    ...     "tiny",
    ...     roles=[
    ...         supportladder.Role("rep", "Representative", 1),
    ...         supportladder.Role("lead", "Team Lead", 2),
    ...         supportladder.Role("am", "Account Manager", 2, track="sales"),
    ...     ],
    ... )
    >>> ladder_layout(g)
    {'rep': (0.0, 1.0), 'lead': (0.0, 2.0), 'am': (1.0, 2.0)}
    """
    ladder = _ladder(graph)
    return {role.id: (ladder.slots[role.id], float(role.level)) for role in graph.roles}


# ---------------------------------------------------------------------- drawing helpers
def _new_axes(
    size: tuple[float, float], margins: Mapping[str, float], *, pyplot: bool
) -> tuple[Figure, Axes]:
    if pyplot:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=size)
    else:
        from matplotlib.figure import Figure

        fig = Figure(figsize=size)
    w, h = size
    rect = (
        margins["left"] / w,
        margins["bottom"] / h,
        max(0.05, 1 - (margins["left"] + margins["right"]) / w),
        max(0.05, 1 - (margins["bottom"] + margins["top"]) / h),
    )
    ax = fig.add_axes(rect)
    return fig, ax


def _axes_inches(ax: Axes) -> tuple[float, float]:
    fig = ax.get_figure()
    assert fig is not None
    box = ax.get_position(original=True).transformed(fig.transSubfigure)
    return float(box.width / fig.dpi), float(box.height / fig.dpi)


def _bezier_points(
    a: tuple[float, float], b: tuple[float, float], rad: float, n: int = 40
) -> list[tuple[float, float]]:
    (x1, y1), (x2, y2) = a, b
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    pts = []
    for i in range(1, n):
        t = i / n
        u = 1 - t
        pts.append(
            (u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2)
        )
    return pts


def _hits(
    points: list[tuple[float, float]],
    boxes: Mapping[str, tuple[float, float, float, float]],
    skip: tuple[str, str],
) -> int:
    count = 0
    for rid, (x0, y0, x1, y1) in boxes.items():
        if rid in skip:
            continue
        if any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in points):
            count += 1
    return count


def _curve_mid(a: tuple[float, float], b: tuple[float, float], rad: float) -> tuple[float, float]:
    (x1, y1), (x2, y2) = a, b
    return (x1 + x2) / 2 + rad * (y2 - y1) / 2, (y1 + y2) / 2 - rad * (x2 - x1) / 2


def _arrow(
    ax: Axes,
    a: tuple[float, float],
    b: tuple[float, float],
    *,
    rad: float,
    patches: tuple[FancyBboxPatch | None, FancyBboxPatch | None],
    color: str,
    linestyle: str,
    linewidth: float,
    zorder: float,
    gid: str,
    label: str,
    scale: float,
) -> Any:
    from matplotlib.patches import FancyArrowPatch

    arrow = FancyArrowPatch(
        a,
        b,
        patchA=patches[0],
        patchB=patches[1],
        arrowstyle="-|>",
        mutation_scale=(9 + 2 * linewidth) * scale,
        connectionstyle=f"arc3,rad={rad}",
        color=color,
        linestyle=linestyle,
        linewidth=linewidth * scale,
        shrinkA=2 * scale,
        shrinkB=2 * scale,
        zorder=zorder,
        joinstyle="miter",
        capstyle="butt",
    )
    arrow.set_gid(gid)
    arrow.set_label(label)
    ax.add_patch(arrow)
    return arrow


def _legend(ax: Axes, kinds: Sequence[str], path_cost: float | None, fontsize: float) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], color=KIND_STYLES[k]["color"], linestyle=KIND_STYLES[k]["linestyle"], lw=1.6)
        for k in kinds
    ]
    labels = list(kinds)
    if path_cost is not None:
        handles.append(Line2D([], [], color=PATH_COLOR, lw=3.2))
        labels.append(f"path (cost {_fmt(path_cost)})")
    if not handles:
        return
    ax.legend(
        handles,
        labels,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncol=len(handles),
        frameon=False,
        fontsize=fontsize,
        handlelength=3.0,
        borderaxespad=0.3,
        columnspacing=1.5,
    )


# ---------------------------------------------------------------------- plot_graph
def plot_graph(
    graph: CareerGraph,
    *,
    ax: Axes | None = None,
    path: Path | Sequence[str] | None = None,
    kinds: Iterable[Kind] | Kind | None = None,
    layout: str = "ladder",
    show_costs: bool = False,
    lang: str = "en",
    figsize: tuple[float, float] | None = None,
    show: bool = False,
    close: bool = False,
) -> tuple[Figure, Axes]:
    """Draw a career graph as a ladder of roles and the moves between them.

    Each role is a box holding its (wrapped) title, placed at its level — entry level at the
    bottom — with tracks side by side, one column or more each.  Moves are arrows whose
    colour *and* line style tell their kind (see :data:`KIND_STYLES`), explained by a
    legend above the diagram.  A route given as ``path`` is drawn on top, thicker, in
    :data:`PATH_COLOR`, with the cost of each step.

    Parameters
    ----------
    graph : CareerGraph
        The graph to draw.
    ax : matplotlib.axes.Axes, optional
        Draw here.  By default a new figure is made, sized from the layout so titles never
        overlap; on a given (smaller) axes the titles are drawn smaller to fit.
    path : Path or sequence of str, optional
        A route to highlight: a :class:`~supportladder.queries.Path` (e.g. from
        :func:`~supportladder.queries.shortest_path`) or role references in order.
    kinds : iterable of {"upward", "lateral", "cross-industry"}, optional
        Draw only moves of these kinds (default: all).  Every role is drawn regardless.
    layout : {"ladder", "spring"}
        ``"ladder"`` (default) as above; ``"spring"`` a force-directed layout (seeded, so
        the same graph always gives the same picture).
    show_costs : bool
        Write the skill-delta weight on every move drawn.
    lang : str
        Language of the titles, e.g. ``"zh"`` for Chinese where the graph has it (others
        stay English).  Without an installed CJK font, English titles are drawn and one
        :class:`FontFallbackWarning` is issued.
    figsize : (float, float), optional
        Figure size in inches (default: from the layout).  Ignored when ``ax`` is given.
    show, close : bool
        Call ``matplotlib.pyplot.show()`` / close the figure before returning (default:
        neither).

    Returns
    -------
    fig, ax : matplotlib.figure.Figure, matplotlib.axes.Axes

    Raises
    ------
    ValueError
        For an unknown ``layout``, ``kinds`` or ``lang``, or a ``path`` that is not a route
        of the graph.
    RoleNotFoundError
        If ``path`` names a role the graph does not have.

    Notes
    -----
    Artists carry ids for programmatic checks: each role's box and title have the gid
    ``"role:<id>"``, each move's arrow ``"move:<source>-><target>"`` (label: its kind), the
    highlighted route's arrows ``"path:<source>-><target>"`` and their cost labels
    ``"cost:<source>-><target>"``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import supportladder
    >>> from supportladder.plot import plot_graph
    >>> g = supportladder.load("support-ladder")
    >>> fig, ax = plot_graph(g, kinds=["upward"])
    >>> boxes = [p for p in ax.patches if str(p.get_gid()).startswith("role:")]
    >>> len(boxes) == len(g.roles)
    True
    >>> {p.get_label() for p in ax.patches if str(p.get_gid()).startswith("move:")}
    {'upward'}
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    return _plot_graph(
        graph,
        ax=ax,
        path=path,
        kinds=kinds,
        layout=layout,
        show_costs=show_costs,
        lang=lang,
        figsize=figsize,
        show=show,
        close=close,
        pyplot=True,
    )


def _plot_graph(
    graph: CareerGraph,
    *,
    ax: Axes | None,
    path: Path | Sequence[str] | None,
    kinds: Iterable[Kind] | Kind | None,
    layout: str,
    show_costs: bool,
    lang: str,
    figsize: tuple[float, float] | None,
    show: bool,
    close: bool,
    pyplot: bool,
) -> tuple[Figure, Axes]:
    from matplotlib.patches import FancyBboxPatch

    chosen = _check_kinds(kinds)
    _check_layout(layout)
    _check_lang(graph, lang)
    steps = _steps(graph, path) if path is not None else None
    titles, family = _titles(graph, lang)

    # Measure every wrapped title at full size; one box size fits all.
    meter = _Meter()
    labels = {rid: _wrap(t) for rid, t in titles.items()}
    sizes = [meter.size(text, _FONT_SIZE, family) for text in labels.values()] or [(40.0, 10.0)]
    box_w = max(w for w, _ in sizes) / 72 + 2 * _PAD
    box_h = max(h for _, h in sizes) / 72 + 2 * _PAD
    cell_w, cell_h = box_w + _HGAP, box_h + _VGAP

    ladder = _ladder(graph)
    lo, hi = ladder.levels
    if layout == "ladder":
        centres = {
            role.id: ((ladder.slots[role.id] + 0.5) * cell_w, (role.level - lo + 0.5) * cell_h)
            for role in graph.roles
        }
        content_w, content_h = ladder.n_slots * cell_w, (hi - lo + 1) * cell_h
    else:
        import networkx as nx

        n = max(1, len(graph.roles))
        side = math.ceil(math.sqrt(n)) * max(cell_w, cell_h) * 1.2
        raw = nx.spring_layout(graph.to_networkx(), seed=0, k=2 / math.sqrt(n))
        centres = {
            rid: (
                (float(x) + 1) / 2 * (side - cell_w) + cell_w / 2,
                (float(y) + 1) / 2 * (side - cell_h) + cell_h / 2,
            )
            for rid, (x, y) in raw.items()
        }
        content_w = content_h = side

    # Axes: new (sized from the layout) or given; scale the text down if it must shrink.
    if ax is None:
        need_w = max(content_w, _MIN_WIDTH - _MARGINS["left"] - _MARGINS["right"])
        size = figsize or (
            need_w + _MARGINS["left"] + _MARGINS["right"],
            content_h + _MARGINS["bottom"] + _MARGINS["top"],
        )
        fig, ax = _new_axes(size, _MARGINS, pyplot=pyplot)
    else:
        found = ax.get_figure()
        assert found is not None
        fig = found  # type: ignore[assignment]
    aw, ah = _axes_inches(ax)
    x_extra = max(0.0, (aw - content_w) / 2) if layout == "ladder" else 0.0
    ax.set_xlim(-x_extra, content_w + x_extra)
    ax.set_ylim(0, content_h)
    sx, sy = aw / (content_w + 2 * x_extra), ah / content_h
    scale = max(_MIN_FONT_SIZE / _FONT_SIZE, min(1.0, sx, sy))
    fontsize = _FONT_SIZE * scale

    # Track colours, column headers and level rows.
    track_color = {
        t: _TRACK_COLORS[i % len(_TRACK_COLORS)] for i, (t, _, _) in enumerate(ladder.tracks)
    }
    industries: dict[str, set[str]] = {}
    for role in graph.roles:
        industries.setdefault(role.track, set()).add(role.industry)
    # The graph's own industry (the commonest) goes unlabelled; so does a mixed track.
    home = Counter(r.industry for r in graph.roles).most_common(1)[0][0] if graph.roles else ""
    if layout == "ladder":
        ticks, names = [], []
        for i, (track, first, width) in enumerate(ladder.tracks):
            ticks.append((first + width / 2) * cell_w)
            of_track = industries[track]
            industry = next(iter(of_track)) if len(of_track) == 1 else home
            name = track if industry in (home, track) else f"{track} ({industry})"
            names.append(_wrap(name, max(10, int(width * cell_w * 72 / (fontsize * 0.62)))))
            if i:
                ax.axvline(first * cell_w, color="#cccccc", lw=0.6, zorder=0.5)
        ax.set_xticks(ticks, names, fontsize=fontsize)
        ax.set_yticks(
            [(lvl - lo + 0.5) * cell_h for lvl in range(lo, hi + 1)],
            [f"L{lvl}" for lvl in range(lo, hi + 1)],
            fontsize=fontsize,
        )
        for lvl in range(lo, hi + 1):
            if (lvl - lo) % 2:
                ax.axhspan(
                    (lvl - lo) * cell_h, (lvl - lo + 1) * cell_h, color="#f6f6f6", lw=0, zorder=0
                )
        ax.tick_params(length=0, pad=4)
    else:
        ax.set_xticks([])
        ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)

    # Roles: a box and its title.
    on_path = {s.source for s in steps or []} | {s.target for s in steps or []}
    boxes: dict[str, tuple[float, float, float, float]] = {}
    patches: dict[str, FancyBboxPatch] = {}
    for role in graph.roles:
        x, y = centres[role.id]
        patch = FancyBboxPatch(
            (x - box_w / 2, y - box_h / 2),
            box_w,
            box_h,
            boxstyle="round,pad=0,rounding_size=0.07",
            facecolor=track_color.get(role.track, "white"),
            edgecolor=PATH_COLOR if role.id in on_path else "#555555",
            linewidth=(2.2 if role.id in on_path else 0.8) * scale,
            zorder=3,
        )
        patch.set_gid(f"role:{role.id}")
        ax.add_patch(patch)
        patches[role.id] = patch
        boxes[role.id] = (x - box_w / 2, y - box_h / 2, x + box_w / 2, y + box_h / 2)
        text = ax.text(
            x,
            y,
            labels[role.id],
            ha="center",
            va="center",
            multialignment="center",
            fontsize=fontsize,
            linespacing=_LINE_SPACING,
            zorder=4,
            gid=f"role:{role.id}",
        )
        if family:
            text.set_fontfamily(family)

    # Moves: route each arrow around boxes in its way.
    moves = [m for m in graph.transitions if m.kind in chosen]
    keys = {m.key for m in moves}
    path_keys = {(s.source, s.target) for s in steps or []}
    rads: dict[tuple[str, str], float] = {}
    for a, b in [m.key for m in moves] + sorted(path_keys):
        if (a, b) in rads:
            continue
        pair = [(a, b)] + ([(b, a)] if (b, a) in keys | path_keys else [])
        options = _RADS[1:] if len(pair) > 1 else _RADS

        def cost(rad: float, pair: list[tuple[str, str]] = pair) -> tuple[int, float]:
            hits = 0
            for s, t in pair:
                points = _bezier_points(centres[s], centres[t], rad)
                hits += _hits(points, boxes, (s, t))
                # A curve that leaves the drawing is cut off: worse than crossing a box.
                hits += 3 * any(
                    not (0 <= x <= content_w and 0 <= y <= content_h) for x, y in points
                )
            return hits, abs(rad)

        best = min(options, key=cost)
        for key in pair:
            rads[key] = best
    for move in moves:
        style = KIND_STYLES[move.kind]
        a, b = move.key
        _arrow(
            ax,
            centres[a],
            centres[b],
            rad=rads[(a, b)],
            patches=(patches[a], patches[b]),
            color=style["color"],
            linestyle=style["linestyle"],
            linewidth=1.3,
            zorder=1,
            gid=f"move:{a}->{b}",
            label=move.kind,
            scale=scale,
        )
        if show_costs and (a, b) not in path_keys:
            mx, my = _curve_mid(centres[a], centres[b], rads[(a, b)])
            ax.text(
                mx,
                my,
                _fmt(graph.weight(a, b)),
                ha="center",
                va="center",
                fontsize=fontsize * 0.85,
                color=style["color"],
                zorder=5,
                gid=f"weight:{a}->{b}",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
            )

    # The route, on top.
    for step in steps or []:
        a, b = step.source, step.target
        _arrow(
            ax,
            centres[a],
            centres[b],
            rad=rads[(a, b)],
            patches=(patches[a], patches[b]),
            color=PATH_COLOR,
            linestyle=KIND_STYLES.get(step.kind, KIND_STYLES["upward"])["linestyle"],
            linewidth=3.0,
            zorder=2,
            gid=f"path:{a}->{b}",
            label=step.kind,
            scale=scale,
        )
        mx, my = _curve_mid(centres[a], centres[b], rads[(a, b)])
        ax.text(
            mx,
            my,
            _fmt(step.cost),
            ha="center",
            va="center",
            fontsize=fontsize,
            fontweight="bold",
            color=PATH_COLOR,
            zorder=6,
            gid=f"cost:{a}->{b}",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": PATH_COLOR, "lw": 0.8},
        )

    present = [k for k in chosen if any(m.kind == k for m in moves)]
    path_cost = sum(s.cost for s in steps) if steps is not None else None
    _legend(ax, present, path_cost, fontsize=max(fontsize, 7.0))
    ax.set_title(graph.title or graph.name, loc="left", fontsize=11, pad=24)
    return _finish(fig, ax, show=show, close=close)


def _finish(fig: Figure, ax: Axes, *, show: bool, close: bool) -> tuple[Figure, Axes]:
    if show or close:
        import matplotlib.pyplot as plt

        if show:
            plt.show()
        if close:
            plt.close(fig)
    return fig, ax


# ---------------------------------------------------------------------- plot_path
def _gap_lines(graph: CareerGraph, gaps: Sequence[Gap]) -> list[str]:
    lines = []
    for gap in gaps:
        try:
            name = graph.skill(gap.skill).name
        except KeyError:
            name = gap.skill
        a = graph.scale.name_of(gap.from_) or _fmt(gap.from_)
        b = graph.scale.name_of(gap.to) or _fmt(gap.to)
        lines.append(f"{name}: {a} → {b}")
    return lines


def plot_path(
    graph: CareerGraph,
    path: Path | Sequence[str],
    *,
    ax: Axes | None = None,
    lang: str = "en",
    show: bool = False,
    close: bool = False,
) -> tuple[Figure, Axes]:
    """Draw one route left to right: its roles, and for each move its kind, cost and skills.

    Each move is an arrow in its kind's colour and line style; above it, the kind and the
    move's cost; below it, the skills to build (``Leadership: good → strong``) and any
    requirement (tenure, education, certifications, assessment).

    Parameters
    ----------
    graph : CareerGraph
        The graph the route belongs to (for titles and skill names).
    path : Path or sequence of str
        A :class:`~supportladder.queries.Path`, or role references in order.
    ax : matplotlib.axes.Axes, optional
        Draw here; by default a new figure sized to the route.
    lang : str
        Language of the titles (see :func:`plot_graph`).
    show, close : bool
        Show / close the figure before returning (default: neither).

    Returns
    -------
    fig, ax : matplotlib.figure.Figure, matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import supportladder
    >>> from supportladder.plot import plot_path
    >>> from supportladder import CareerGraph, Requirements, Role, Skill, Transition
    >>> g = CareerGraph(
    ...     "tiny",
    ...     skills=[Skill("communication", "Communication"), Skill("leadership", "Leadership")],
    ...     roles=[
    ...         Role("rep", "Support Representative", 1, skills={"communication": 2}),
    ...         Role("lead", "Team Lead", 2, skills={"communication": 3, "leadership": 2}),
    ...     ],
    ...     transitions=[
    ...         Transition("rep", "lead", "upward", requirements=Requirements(tenure_months=12))
    ...     ],
    ... )
    >>> fig, ax = plot_path(g, ["rep", "lead"])
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "kind:rep->lead"]
    ['upward · 6']
    >>> print([t.get_text() for t in ax.texts if t.get_gid() == "skills:rep->lead"][0])
    Communication: good → strong
    Leadership: none → good
    12 months in role
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    return _plot_path(graph, path, ax=ax, lang=lang, show=show, close=close, pyplot=True)


def _requirement_lines(req: Requirements) -> list[str]:
    lines = []
    if req.tenure_months is not None:
        lines.append(f"{req.tenure_months} months in role")
    if req.education:
        lines.append(f"education: {req.education}")
    lines.extend(f"cert.: {c}" for c in req.certifications)
    if req.assessment:
        lines.append(req.assessment)
    return lines


def _plot_path(
    graph: CareerGraph,
    path: Path | Sequence[str],
    *,
    ax: Axes | None,
    lang: str,
    show: bool,
    close: bool,
    pyplot: bool,
) -> tuple[Figure, Axes]:
    from matplotlib.patches import FancyBboxPatch

    _check_lang(graph, lang)
    steps = _steps(graph, path)
    if steps:
        ids = [steps[0].source, *(s.target for s in steps)]
    else:
        roles: Any = getattr(path, "roles", path)
        ids = [graph.role(r).id for r in roles if r != _PROFILE][:1]
    titles, family = _titles(graph, lang)
    meter = _Meter()
    labels = [_wrap(titles[rid]) for rid in ids]
    sizes = [meter.size(t, _FONT_SIZE, family) for t in labels] or [(40.0, 10.0)]
    box_w = max(w for w, _ in sizes) / 72 + 2 * _PAD
    box_h = max(h for _, h in sizes) / 72 + 2 * _PAD

    heads = [f"{s.kind} · {_fmt(s.cost)}" for s in steps]
    notes = [
        "\n".join(
            textwrap.fill(line, 30)
            for line in _gap_lines(graph, s.gaps) + _requirement_lines(s.requirements)
        )
        for s in steps
    ]
    small = _FONT_SIZE - 1
    note_sizes = [meter.size(n, small) for n in notes] + [meter.size(h, small) for h in heads]
    gap_w = max([1.1] + [w / 72 + 0.3 for w, _ in note_sizes])
    note_h = max([0.0] + [h / 72 for h, _ in [(h, w) for w, h in note_sizes]])
    content_w = len(ids) * box_w + (len(ids) - 1) * gap_w
    content_h = box_h + 2 * max(note_h, 0.25) + 0.3
    margins = {"left": 0.2, "right": 0.2, "bottom": 0.15, "top": 0.45}
    if ax is None:
        fig, ax = _new_axes(
            (
                content_w + margins["left"] + margins["right"],
                content_h + margins["bottom"] + margins["top"],
            ),
            margins,
            pyplot=pyplot,
        )
    else:
        found = ax.get_figure()
        assert found is not None
        fig = found  # type: ignore[assignment]
    ax.set_xlim(0, content_w)
    ax.set_ylim(0, content_h)
    aw, ah = _axes_inches(ax)
    scale = max(_MIN_FONT_SIZE / _FONT_SIZE, min(1.0, aw / content_w, ah / content_h))
    ax.set_axis_off()
    y = content_h / 2
    centres = []
    patches = []
    for i, (rid, label) in enumerate(zip(ids, labels, strict=True)):
        x = i * (box_w + gap_w) + box_w / 2
        centres.append(x)
        patch = FancyBboxPatch(
            (x - box_w / 2, y - box_h / 2),
            box_w,
            box_h,
            boxstyle="round,pad=0,rounding_size=0.07",
            facecolor="#FBE9E1",
            edgecolor=PATH_COLOR,
            linewidth=1.6 * scale,
            zorder=3,
            gid=f"role:{rid}",
        )
        ax.add_patch(patch)
        patches.append(patch)
        text = ax.text(
            x,
            y,
            label,
            ha="center",
            va="center",
            multialignment="center",
            fontsize=_FONT_SIZE * scale,
            linespacing=_LINE_SPACING,
            zorder=4,
            gid=f"role:{rid}",
        )
        if family:
            text.set_fontfamily(family)
    for i, step in enumerate(steps):
        style = KIND_STYLES.get(step.kind, KIND_STYLES["upward"])
        a, b = step.source, step.target
        _arrow(
            ax,
            (centres[i], y),
            (centres[i + 1], y),
            rad=0.0,
            patches=(patches[i], patches[i + 1]),
            color=style["color"],
            linestyle=style["linestyle"],
            linewidth=2.0,
            zorder=2,
            gid=f"path:{a}->{b}",
            label=step.kind,
            scale=scale,
        )
        mid = (centres[i] + centres[i + 1]) / 2
        ax.text(
            mid,
            y + 0.08,
            heads[i],
            ha="center",
            va="bottom",
            fontsize=small * scale,
            color=style["color"],
            fontweight="bold",
            gid=f"kind:{a}->{b}",
        )
        ax.text(
            mid,
            y - 0.1,
            notes[i],
            ha="center",
            va="top",
            multialignment="left",
            fontsize=small * scale,
            linespacing=_LINE_SPACING,
            color="#333333",
            gid=f"skills:{a}->{b}",
        )
    first, last = titles[ids[0]], titles[ids[-1]]
    total = sum(s.cost for s in steps)
    ax.set_title(
        f"{first} → {last} · {len(steps)} moves · cost {_fmt(total)}",
        loc="left",
        fontsize=10,
        fontfamily=family or None,
    )
    return _finish(fig, ax, show=show, close=close)

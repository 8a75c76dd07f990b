r"""Org-path diagrams of career graphs, drawn with matplotlib.

Two functions, both following the osmnx conventions: they take the graph first and
keyword-only options, draw on ``ax`` if one is given (else on a new figure), and return
``(fig, ax)``.  Nothing is shown or closed unless asked.

* :func:`plot_graph` draws the ladder for a slide: levels as rows (entry at the bottom),
  tracks as swimlanes, moves routed along the gaps between boxes and told apart by colour
  *and* line style, optionally one route drawn on top with each step's cost.  Parts of a
  big graph are drawn with ``focus=``, ``path=`` and ``context=``, ``kinds=`` and
  ``tracks=``.
* :func:`plot_path` draws one route left to right with each move's kind, cost and the
  skills to build.

matplotlib is imported inside the functions, so ``import supportladder.plot`` stays cheap.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> from supportladder import CareerGraph, Requirements, Role, Skill, Transition
>>> from supportladder.plot import plot_graph, plot_path
>>> g = CareerGraph(
...     "tiny",
...     skills=[Skill("communication", "Communication"), Skill("leadership", "Leadership")],
...     roles=[
...         Role("rep", "Support Representative", 1, skills={"communication": 2}),
...         Role("lead", "Team Lead", 2, skills={"communication": 3, "leadership": 2}),
...         Role("csm", "Customer Success Manager", 2, track="success"),
...     ],
...     transitions=[
...         Transition("rep", "lead", "upward", requirements=Requirements(tenure_months=12)),
...         Transition("rep", "csm", "lateral"),
...     ],
... )
>>> fig, ax = plot_graph(g, path=["rep", "lead"])
>>> sorted(t.get_text().replace("\n", " ") for t in ax.texts if t.get_gid().startswith("role:"))
['Customer Success Manager', 'Support Representative', 'Team Lead']
>>> from supportladder.plot._common import fmt  # costs come from the graph's weights
>>> [t.get_text() for t in ax.get_legend().get_texts()] == [
...     "upward", "lateral", f"path (cost {fmt(g.weight('rep', 'lead'))})"
... ]
True
>>> [float(v) for v in fig.get_size_inches()]  # a 16:9 slide
[13.33, 7.5]
>>> fig, ax = plot_path(g, ["rep", "lead"])  # one route: each move's kind, cost and skills
>>> [t.get_text() for t in ax.texts if t.get_gid() == "kind:rep->lead"] == [
...     f"upward · {fmt(g.weight('rep', 'lead'))}"
... ]
True
>>> print([t.get_text() for t in ax.texts if t.get_gid() == "skills:rep->lead"][0])
Communication good → strong
Leadership none (imputed) → good
12 months in the role
>>> plt.close("all")
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from supportladder.graph import CareerGraph
from supportladder.model import Kind, Role
from supportladder.plot._common import KIND_STYLES, LAYOUTS, MIN_FONT_SIZE, PATH_COLOR, SLIDE
from supportladder.plot._common import finish as _finish
from supportladder.plot._select import DiagramTooLargeError
from supportladder.plot._text import CJK_FONT_FAMILIES, FontFallbackWarning, cjk_font
from supportladder.plot._words import WORDS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from supportladder.queries import Path

__all__ = [
    "CJK_FONT_FAMILIES",
    "KIND_STYLES",
    "LAYOUTS",
    "MIN_FONT_SIZE",
    "PATH_COLOR",
    "SLIDE",
    "WORDS",
    "DiagramTooLargeError",
    "FontFallbackWarning",
    "cjk_font",
    "ladder_layout",
    "plot_graph",
    "plot_path",
]


def plot_graph(
    graph: CareerGraph,
    *,
    ax: Axes | None = None,
    path: Path | Sequence[str] | None = None,
    context: int | bool | None = None,
    focus: str | Role | None = None,
    radius: int = 1,
    kinds: Iterable[Kind] | Kind | None = None,
    tracks: Iterable[str] | str | None = None,
    layout: str = "ladder",
    show_costs: bool = False,
    lang: str = "en",
    figsize: tuple[float, float] | None = None,
    show: bool = False,
    close: bool = False,
) -> tuple[Figure, Axes]:
    """Draw a career graph as a ladder of roles and the moves between them.

    Each role is a box holding its wrapped title (and its Holland letters, if it has
    them), in the row of its level — entry level at the bottom — and in the swimlane of
    its track.  Moves are arrows along the gaps between boxes, never through one; a fan of
    moves of one kind out of a box shares one stem.  Colour *and* line style tell the kind
    (see :data:`KIND_STYLES`), explained by a legend.  A route given as ``path`` is drawn
    above every other move, thicker, in :data:`PATH_COLOR`, with the cost of each step.

    The layout is a layered (Sugiyama-style) one whose layers are the levels; see
    :mod:`supportladder.plot._layout` for how tracks are packed and crossings reduced.
    The largest font from 12 pt down to :data:`MIN_FONT_SIZE` at which everything fits is
    used; a graph that does not fit at 8 pt raises :class:`DiagramTooLargeError`.

    Parameters
    ----------
    graph : CareerGraph
        The graph to draw.
    ax : matplotlib.axes.Axes, optional
        Draw here.  By default a new figure of ``figsize`` is made.
    path : Path or sequence of str, optional
        A route to highlight: a :class:`~supportladder.queries.Path` (e.g. from
        :func:`~supportladder.queries.shortest_path`) or role references in order.
    context : int or bool, optional
        With ``path``: draw only the route and the roles within this many moves of it
        (``True``: one move).  Default: the whole graph.
    focus : str or Role, optional
        Draw only this role and the roles within ``radius`` moves of it (either way).
    radius : int
        How far from ``focus`` to draw (default 1).
    kinds : iterable of {"upward", "lateral", "cross-industry"}, optional
        Draw only moves of these kinds (default: all).  Every role is drawn regardless,
        unless ``focus`` or ``context`` follow only these moves.
    tracks : iterable of str, optional
        Draw only roles of these tracks (and the route's).
    layout : {"ladder", "spring"}
        ``"ladder"`` (default) as above; ``"spring"`` a force-directed layout (seeded, so
        the same graph always gives the same picture).
    show_costs : bool
        Write the skill-delta weight on every move drawn.
    lang : str
        Language of the titles, e.g. ``"zh"`` for Chinese where the graph has it; the
        legend, rungs and track names are translated too (see :data:`WORDS`), roles
        without a title in that language stay English and a note says how many.
        Without an installed CJK font, everything is English and one
        :class:`FontFallbackWarning` is issued.
    figsize : (float, float), optional
        Figure size in inches (default :data:`SLIDE`, 13.33 × 7.5: a 16:9 slide).
        Ignored when ``ax`` is given.
    show, close : bool
        Call ``matplotlib.pyplot.show()`` / close the figure before returning (default:
        neither).

    Returns
    -------
    fig, ax : matplotlib.figure.Figure, matplotlib.axes.Axes

    Raises
    ------
    ValueError
        For an unknown ``layout``, ``kinds``, ``tracks`` or ``lang``, a bad ``radius`` or
        ``context``, or a ``path`` that is not a route of the graph.
    RoleNotFoundError
        If ``path`` or ``focus`` names a role the graph does not have.
    DiagramTooLargeError
        If what is asked does not fit legibly; the message names the options above.

    Notes
    -----
    Artists carry ids for programmatic checks: each role's box and title have the gid
    ``"role:<id>"``, its Holland letters ``"holland:<id>"``, each move's arrow
    ``"move:<source>-><target>"`` (label: its kind), the highlighted route's arrows
    ``"path:<source>-><target>"`` and their cost labels ``"cost:<source>-><target>"``,
    swimlanes ``"band:<track>"`` with labels ``"track:<track>"``, rung labels
    ``"rung:<level>"``.  Titles are drawn literally (a ``$`` is never mathtext).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import supportladder
    >>> from supportladder.plot import plot_graph
    >>> g = supportladder.load("support-careers")
    >>> fig, ax = plot_graph(g, kinds=["upward"])
    >>> boxes = [p for p in ax.patches if str(p.get_gid()).startswith("role:")]
    >>> len(boxes) == len(g.roles)
    True
    >>> {p.get_label() for p in ax.patches if str(p.get_gid()).startswith("move:")}
    {'upward'}
    >>> fig, ax = plot_graph(g, focus="support-team-lead", radius=1)
    >>> shown = {p.get_gid()[5:] for p in ax.patches if str(p.get_gid()).startswith("role:")}
    >>> "support-team-lead" in shown and len(shown) < len(g.roles)
    True
    >>> import matplotlib.pyplot as plt
    >>> plt.close("all")
    """
    from supportladder.plot._graph import Options, draw_graph

    opts = Options(
        ax, path, context, focus, radius, kinds, tracks, layout, show_costs, lang, figsize, True
    )
    fig, ax = draw_graph(graph, opts)
    return _finish(fig, ax, show=show, close=close)


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
    >>> from supportladder import load, shortest_path
    >>> from supportladder.plot import plot_path
    >>> g = load("support-careers")
    >>> route = shortest_path(g, "customer-support-representative", "support-team-lead")
    >>> fig, ax = plot_path(g, route)
    >>> arrows = [p.get_gid() for p in ax.patches if str(p.get_gid()).startswith("path:")]
    >>> arrows == [f"path:{s.source}->{s.target}" for s in route.steps]
    True
    >>> from supportladder.plot._common import fmt
    >>> [t.get_text() for t in ax.texts if t.get_gid().startswith("kind:")] == [
    ...     f"{s.kind} · {fmt(s.cost)}" for s in route.steps
    ... ]
    True
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    from supportladder.plot._path import draw_path

    fig, ax = draw_path(graph, path, ax=ax, lang=lang, pyplot=True)
    return _finish(fig, ax, show=show, close=close)


def ladder_layout(graph: CareerGraph) -> dict[str, tuple[float, float]]:
    """Return ladder positions ``{role id: (x, y)}``: x the column, y the level.

    Tracks are swimlanes of columns, home-industry tracks first, packed as
    :func:`plot_graph` packs them; roles of one track and level are spread over the
    track's columns in the order that crosses fewest moves.  Usable with
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
    from supportladder.plot._layout import order, pack

    bands = pack(graph.roles)
    slots = order(graph.roles, graph.transitions, bands)
    return {role.id: (float(slots[role.id]), float(role.level)) for role in graph.roles}

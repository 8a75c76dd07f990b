"""Shared pieces of the diagrams: styles, argument checks, routes as steps, axes helpers."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from supportladder._wording import KIND_COLORS, PATH_COLOR
from supportladder.graph import CareerGraph
from supportladder.model import KINDS, NO_REQUIREMENTS, Gap, Requirements
from supportladder.queries import _options

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from supportladder.queries import Path

__all__ = [
    "KIND_STYLES",
    "LAYOUTS",
    "MIN_FONT_SIZE",
    "PATH_COLOR",
    "PLAIN",
    "SLIDE",
    "Step",
    "axes_inches",
    "check_kinds",
    "check_lang",
    "check_layout",
    "finish",
    "fmt",
    "languages",
    "new_axes",
    "steps_of",
]

KIND_STYLES: Final[Mapping[str, Mapping[str, Any]]] = {
    "upward": {"color": KIND_COLORS["upward"], "linestyle": "-"},
    "lateral": {"color": KIND_COLORS["lateral"], "linestyle": "--"},
    "cross-industry": {"color": KIND_COLORS["cross-industry"], "linestyle": "-."},
}
"""Colour and line style of each kind of move (Okabe–Ito colours, safe for colour blindness).

Kinds differ in line style as well as colour, so a grey-scale print still tells them apart.
"""


LAYOUTS: Final = ("ladder", "spring")
"""The layouts :func:`~supportladder.plot.plot_graph` knows."""

SLIDE: Final = (13.33, 7.5)
"""The default figure size in inches: a 16:9 slide."""

MIN_FONT_SIZE: Final = 8.0
"""No text of a default diagram is smaller than this (points)."""

PLAIN: Final[Mapping[str, Any]] = {"usetex": False, "parse_math": False}
"""Text options that draw a title literally (``$`` is a dollar sign, never mathtext)."""

_PROFILE: Final = "<profile>"


class Step(NamedTuple):
    """One move of a route to draw."""

    source: str
    target: str
    kind: str
    cost: float
    gaps: tuple[Gap, ...]
    requirements: Requirements


def check_kinds(kinds: Iterable[str] | str | None) -> tuple[str, ...]:
    """Return the kinds asked for, in :data:`~supportladder.model.KINDS` order.

    The check is the queries' own (:func:`supportladder.queries._options.check_kinds`), so a
    diagram and a query say the same of a bad ``kinds``.
    """
    chosen = _options.check_kinds(kinds)
    return KINDS if chosen is None else tuple(k for k in KINDS if k in chosen)


def languages(graph: CareerGraph) -> list[str]:
    """Return the languages the graph has titles in, besides English."""
    return sorted({lang for role in graph.roles for lang in role.titles})


def check_lang(graph: CareerGraph, lang: str) -> str:
    """Return ``lang`` if the diagram can be drawn in it, else raise ``ValueError``."""
    known = ["en", *sorted({"zh", *languages(graph)})]
    if not isinstance(lang, str) or lang not in known:
        raise ValueError(
            f"lang: {lang!r} is not a language of graph {graph.name!r}; use one of "
            + ", ".join(repr(k) for k in known)
        )
    return lang


def check_layout(layout: str) -> str:
    """Return ``layout`` if known, else raise ``ValueError``."""
    if layout not in LAYOUTS:
        raise ValueError(
            f"layout: {layout!r} is not a known layout; use one of "
            + ", ".join(repr(k) for k in LAYOUTS)
        )
    return layout


def steps_of(graph: CareerGraph, path: Path | Sequence[str]) -> list[Step]:
    """Turn a :class:`~supportladder.queries.Path` or a list of role references into steps."""
    steps = getattr(path, "steps", None)
    if steps is not None:
        out = []
        for s in steps:
            if s.source == _PROFILE:  # the virtual first move of a query from a profile
                continue
            source, target = graph.role(s.source).id, graph.role(s.target).id
            requirements = getattr(s, "requirements", None) or NO_REQUIREMENTS
            out.append(
                Step(source, target, str(s.kind), float(s.cost), tuple(s.gaps), requirements)
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
        out.append(Step(a, b, move.kind, cost, gaps, move.requirements))
    return out


def route_ids(graph: CareerGraph, path: Path | Sequence[str], steps: Sequence[Step]) -> list[str]:
    """Return the role ids of a route, even a route of one role and no move."""
    if steps:
        return [steps[0].source, *(s.target for s in steps)]
    roles: Any = getattr(path, "roles", path)
    return [graph.role(r).id for r in roles if r != _PROFILE][:1]


def fmt(value: float) -> str:
    """Format a cost or level: ``4`` not ``4.0``, ``3.5``, ``2.25``."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def new_axes(
    size: tuple[float, float], margins: Mapping[str, float], *, pyplot: bool
) -> tuple[Figure, Axes]:
    """Return a new figure of ``size`` inches and one axes inside ``margins`` (inches)."""
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
    return fig, fig.add_axes(rect)


def figure_of(ax: Axes) -> Figure:
    """Return the figure an axes belongs to."""
    found = ax.get_figure()
    assert found is not None
    return found  # type: ignore[return-value]


def axes_inches(ax: Axes) -> tuple[float, float]:
    """Return the size of ``ax`` in inches."""
    fig = figure_of(ax)
    box = ax.get_position(original=True).transformed(fig.transSubfigure)
    return float(box.width / fig.dpi), float(box.height / fig.dpi)


def finish(fig: Figure, ax: Axes, *, show: bool, close: bool) -> tuple[Figure, Axes]:
    """Show and/or close the figure if asked; return ``(fig, ax)``."""
    if show or close:
        import matplotlib.pyplot as plt

        if show:
            plt.show()
        if close:
            plt.close(fig)
    return fig, ax

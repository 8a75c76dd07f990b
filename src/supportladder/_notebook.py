"""Compact HTML for Jupyter: ``_repr_html_`` of graphs and query results.

The renderers register themselves in :mod:`supportladder._display` (imported by the
package), where the records look them up by name.

Every piece of text from a graph goes through :func:`html.escape`; the functions only
read attributes, so they work on any object shaped like the query results.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

from supportladder._display import register

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph

__all__ = ["bottlenecks_html", "graph_html", "graph_svg", "path_html", "reaches_html"]

_STYLE: Final = (
    "<style>"
    ".sl-table{border-collapse:collapse;font-size:0.85em;margin:0.3em 0}"
    ".sl-table th,.sl-table td{padding:2px 8px;text-align:left;vertical-align:top;"
    "border-bottom:1px solid #ddd}"
    ".sl-table td.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".sl-muted{color:#666}"
    "</style>"
)
_MAX_ROWS: Final = 200


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """Return a table; cells are already-escaped HTML."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for n, row in enumerate(rows):
        if n == _MAX_ROWS:
            body.append(
                f'<tr><td colspan="{len(headers)}" class="sl-muted">… more rows not shown</td></tr>'
            )
            break
        cells = "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="sl-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _gaps(gaps: Iterable[Any]) -> str:
    return ", ".join(_e(g.describe(level=_num)) for g in gaps)


def _requirements(req: Any) -> str:
    return _e(req.describe()) if req else ""


def _route(roles: Iterable[str]) -> str:
    return " → ".join(_e(r) for r in roles)


# ---------------------------------------------------------------------- graph
def graph_svg(graph: CareerGraph) -> str:
    """Return the ladder diagram of ``graph`` as an inline ``<svg>`` element.

    Drawn on a figure that pyplot never sees (so nothing is shown twice in a notebook),
    with text kept as text so the SVG stays small.
    """
    import matplotlib

    from supportladder.plot._graph import Options, draw_graph

    opts = Options(None, None, None, None, 1, None, None, "ladder", False, "en", None, False)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "supportladder"}):
        fig, _ = draw_graph(graph, opts)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


@register("graph_html")
def graph_html(graph: CareerGraph, *, diagram: bool = True) -> str:
    """Return a graph as HTML: a summary line, a table of roles and (optionally) its diagram.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder._notebook import graph_html
    >>> text = graph_html(supportladder.load("support-ladder"), diagram=False)
    >>> text.count("<tr>") == 9 + 1  # header and one row per role
    True
    """
    roles = sorted(graph.roles, key=lambda r: (r.level, r.track, r.id))
    langs = sorted({lang for r in graph.roles for lang in r.titles})
    headers = ["level", "title", *[f"title ({lang})" for lang in langs], "track", "industry", "id"]
    rows = [
        [
            str(r.level),
            _e(r.title),
            *[_e(r.titles.get(lang, "")) for lang in langs],
            _e(r.track),
            _e(r.industry),
            f"<code>{_e(r.id)}</code>",
        ]
        for r in roles
    ]
    kinds: dict[str, int] = {}
    for move in graph.transitions:
        kinds[move.kind] = kinds.get(move.kind, 0) + 1
    moves = ", ".join(f"{n} {k}" for k, n in kinds.items()) or "no moves"
    summary = (
        f"<p><b>{_e(graph.title or graph.name)}</b> "
        f'<span class="sl-muted">(<code>{_e(graph.name)}</code>: {len(graph.roles)} roles, '
        f"{_e(moves)} moves, {len(graph.skills)} skills)</span></p>"
    )
    svg = ""
    if diagram and graph.roles:
        from supportladder.plot import DiagramTooLargeError

        try:
            drawing = graph_svg(graph)
        except DiagramTooLargeError as exc:
            drawing = f'<p class="sl-muted">{_e(exc)}</p>'
        svg = (
            '<details><summary>ladder diagram</summary><div style="overflow:auto">'
            + drawing
            + "</div></details>"
        )
    return f'<div class="sl-graph">{_STYLE}{summary}{_table(headers, rows, (0,))}{svg}</div>'


# ---------------------------------------------------------------------- query results
def _steps_table(steps: Sequence[Any]) -> str:
    rows = [
        [
            str(i),
            _e(s.source),
            _e(s.target),
            _e(s.kind),
            _e(_num(s.cost)),
            _gaps(s.gaps),
            _requirements(getattr(s, "requirements", None)),
        ]
        for i, s in enumerate(steps, 1)
    ]
    headers = ["#", "from", "to", "kind", "cost", "skills to build", "requirements"]
    return _table(headers, rows, (0, 4))


@register("path_html")
def path_html(path: Any) -> str:
    """Return a route as HTML: its roles, total cost and one row per move.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.queries import shortest_path
    >>> from supportladder._notebook import path_html
    >>> g = supportladder.load("support-ladder")
    >>> p = shortest_path(g, "support-technician", "customer-support-representative")
    >>> "<td>support-technician</td>" in path_html(p)
    True
    """
    head = (
        f"<p><b>{_route(path.roles)}</b> "
        f'<span class="sl-muted">· {len(path.steps)} moves · cost {_e(_num(path.cost))}</span></p>'
    )
    return f'<div class="sl-path">{_STYLE}{head}{_steps_table(path.steps)}</div>'


@register("reaches_html")
def reaches_html(reaches: Sequence[Any]) -> str:
    """Return reachable roles as HTML: one row per role, cheapest first."""
    rows = [[_e(r.role), _e(_num(r.cost)), str(r.steps), _route(r.path.roles)] for r in reaches]
    head = f'<p class="sl-muted">{len(reaches)} reachable roles</p>'
    return (
        f'<div class="sl-reaches">{_STYLE}{head}'
        f"{_table(['role', 'cost', 'moves', 'route'], rows, (1, 2))}</div>"
    )


@register("bottlenecks_html")
def bottlenecks_html(b: Any) -> str:
    """Return a bottleneck analysis as HTML: gateways, critical moves, hardest step, route."""
    hardest = b.hardest_step
    rows = [
        ["gateways", ", ".join(_e(g) for g in b.gateways) or "none"],
        [
            "critical moves",
            ", ".join(f"{_e(u)} → {_e(v)}" for u, v in b.critical_transitions) or "none",
        ],
        [
            "hardest step",
            "none"
            if hardest is None
            else f"{_e(hardest.source)} → {_e(hardest.target)} ({_e(hardest.kind)}, "
            f"cost {_e(_num(hardest.cost))}){': ' + _gaps(hardest.gaps) if hardest.gaps else ''}",
        ],
        [
            "smoothest path",
            f"{_route(b.smoothest_path.roles)} (cost {_e(_num(b.smoothest_path.cost))})",
        ],
    ]
    head = f"<p><b>{_e(b.source)} → {_e(b.target)}</b></p>"
    body = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f'<div class="sl-bottlenecks">{_STYLE}{head}'
        f'<table class="sl-table"><tbody>{body}</tbody></table></div>'
    )

"""The interactive career map: one self-contained HTML file (SVG + a small script, no network).

The layout and the routes of the moves are the static diagram's (``supportladder.plot``);
the page draws them as SVG, shows a role's skills, requirements and sources on click, and
highlights the cheapest route between two picked roles.  Move costs are embedded exactly
(integers over a power of two) so the page's Dijkstra breaks ties as
:func:`supportladder.queries.shortest_path` does.
"""

from __future__ import annotations

import html
import json
import os
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from supportladder._wording import KIND_COLORS, PATH_COLOR, TRACK_COLORS

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph
    from supportladder.plot._layout import Layout

__all__ = ["map_data", "map_html", "to_html"]

_CSS: Final = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif;
margin:0;color:#222}
header{padding:8px 14px;border-bottom:1px solid #ddd}
header h1{font-size:17px;margin:0 0 4px}
.sl-wrap{display:flex;gap:12px;padding:8px}
.sl-canvas{flex:1;overflow:auto}
aside{width:320px;font-size:13px}
.sl-role rect{fill:#fff;stroke:#666;stroke-width:1}
.sl-role{cursor:pointer;font-size:8px}
.sl-role:hover rect,.sl-role:focus rect{stroke:#000;stroke-width:1.6}
.sl-role.sl-picked rect{stroke:{path};stroke-width:2.2}
.sl-role.sl-on-route rect{fill:#FFF4EC;stroke:{path};stroke-width:2}
.sl-move{fill:none;stroke-width:1.2}
.sl-lateral{stroke-dasharray:5 3}.sl-cross-industry{stroke-dasharray:7 3 2 3}
.sl-move.sl-on-route{stroke:{path};stroke-width:3.2}
.sl-track{font-size:8px;font-style:italic;fill:#444}
.sl-rung{font-size:8px;fill:#333}
.sl-holland{font-size:7.5px;font-weight:bold;fill:#6A3D9A}
.sl-muted{color:#666}
""".replace("{path}", PATH_COLOR)


def _exact(weights: list[float]) -> tuple[list[str], int]:
    """Return each weight as an integer numerator over ``2**k``, and ``k``."""
    fractions = [Fraction(w) for w in weights]
    k = max((f.denominator.bit_length() - 1 for f in fractions), default=0)
    return [str(int(f * (1 << k))) for f in fractions], k


def _layout(graph: CareerGraph) -> Layout:
    from supportladder.plot._common import SLIDE
    from supportladder.plot._layout import fit
    from supportladder.plot._text import Meter

    titles = {r.id: r.title for r in graph.roles}
    meter = Meter()
    width, height = SLIDE[0] - 0.6, SLIDE[1] - 0.55
    columns = max(1, len({(r.track, r.level) for r in graph.roles}))
    for _ in range(12):  # grow the canvas until it fits: the page scrolls
        lay = fit(
            graph.roles, graph.transitions, titles, size=(width, height), family=None, meter=meter
        )
        if lay is not None:
            return lay
        width = max(width * 1.5, columns * 1.3)
        height = max(height * 1.3, len({r.level for r in graph.roles}) * 0.9)
    raise ValueError(f"graph {graph.name!r} is too large for an HTML map")  # pragma: no cover


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _level_namer(graph: CareerGraph) -> Any:
    def name(value: float) -> str:
        return graph.scale.name_of(value) or _fmt(value)

    return name


def _roles(graph: CareerGraph, lay: Layout) -> list[dict[str, Any]]:
    names = {s.id: s.name for s in graph.skills}
    level_name = _level_namer(graph)
    out = []
    for r in graph.roles:
        x, y = lay.centres[r.id]
        skills = sorted(graph.effective_skills(r.id).items(), key=lambda kv: (-kv[1], kv[0]))
        out.append(
            {
                "id": r.id,
                "title": r.title,
                "label": lay.labels[r.id],
                "level": r.level,
                "track": r.track,
                "holland": r.holland,
                "description": r.description,
                "sources": list(r.sources),
                "skills": [[names.get(s, s), level_name(v)] for s, v in skills],
                "x": x,
                "y": y,
                "w": lay.box_w,
                "h": lay.box_h[r.level],
            }
        )
    return out


def _moves(graph: CareerGraph, lay: Layout) -> tuple[list[dict[str, Any]], int]:
    from supportladder.plot._routing import route_moves

    routes = route_moves(lay, graph.transitions)
    names = {s.id: s.name for s in graph.skills}
    level_name = _level_namer(graph)
    weights = [graph.weight(*m.key) for m in graph.transitions]
    nums, k = _exact(weights)
    out = []
    for m, w, num in zip(graph.transitions, weights, nums, strict=True):
        gaps = [
            g.describe(skill=names.get(g.skill, g.skill), level=level_name)
            for g in graph.gaps(*m.key)
        ]
        out.append(
            {
                "source": m.source,
                "target": m.target,
                "kind": m.kind,
                "weight": w,
                "cost": _fmt(w),
                "num": num,
                "points": routes[m.key].points,
                "gaps": gaps,
                "requirements": list(m.requirements.phrases()),
            }
        )
    return out, k


def _bands(lay: Layout) -> list[dict[str, Any]]:
    hgap = lay.slot_w - lay.box_w
    out = []
    for i, b in enumerate(lay.bands):
        bottom = lay.row_y[b.lo] - lay.box_h[b.lo] / 2
        out.append(
            {
                "name": b.track,
                "x": b.col * lay.slot_w + hgap / 2,
                "w": b.width * lay.slot_w,
                "y0": bottom - lay.vgap / 2,
                "y1": lay.row_y[b.hi] + lay.box_h[b.hi] / 2 + lay.vgap / 2,
                "label_y": bottom - 0.13,
                "color": TRACK_COLORS[i % len(TRACK_COLORS)],
            }
        )
    return out


def map_data(graph: CareerGraph) -> dict[str, Any]:
    """Return what the page needs: boxes, bands, rungs, moves with routes and exact costs."""
    from supportladder.model import KINDS

    lay = _layout(graph)
    moves, k = _moves(graph, lay)
    return {
        "name": graph.name,
        "title": graph.title or graph.name,
        "width": lay.width + 0.1,
        "height": lay.height,
        "kinds": list(KINDS),
        "colors": {kind: KIND_COLORS[kind] for kind in KINDS},
        "denominator_bits": k,
        "roles": _roles(graph, lay),
        "moves": moves,
        "bands": _bands(lay),
        "rungs": [{"y": y, "label": f"L{level}"} for level, y in sorted(lay.row_y.items())],
    }


def map_html(graph: CareerGraph) -> str:
    """Return the interactive map of ``graph`` as one self-contained HTML page."""
    data = map_data(graph)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    script = resources.files("supportladder.export").joinpath("map.js").read_text("utf-8")
    title = html.escape(data["title"])
    kinds = "".join(
        f'<label><input type="checkbox" class="sl-kind" value="{k}" checked> {k}</label> '
        for k in data["kinds"]
    )
    counts = f"{len(graph.roles)} roles, {len(graph.transitions)} moves"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{title}</h1><div class="sl-muted">{html.escape(graph.name)}: {counts}. '
        "Click a role for its skills; click a second role for the cheapest route. "
        f"Moves shown: {kinds}</div></header>"
        '<div class="sl-wrap"><div class="sl-canvas"><svg id="sl-svg" '
        'xmlns="http://www.w3.org/2000/svg" role="img"></svg></div>'
        '<aside><div id="sl-route"></div><div id="sl-panel"></div></aside></div>'
        f'<script type="application/json" id="sl-data">{payload}</script>'
        f"<script>{script}</script></body></html>\n"
    )


# ---------------------------------------------------------------------- HTML map
def to_html(graph: CareerGraph, *, path: str | os.PathLike[str] | None = None) -> str:
    """Return (and optionally write) an interactive career map: one self-contained HTML file.

    The page lays out levels and tracks as :func:`supportladder.plot.plot_graph` does.
    Click a role to see its skills, the requirements of the moves into it and its sources;
    click a second role to highlight the cheapest route (the one
    :func:`~supportladder.queries.shortest_path` returns, ties included) with the skills
    each move builds; tick kinds of move on or off.  The script is written for this
    project and travels inside the file: nothing is fetched when the page is viewed.

    Parameters
    ----------
    graph : CareerGraph
        The graph to map.
    path : str or path-like, optional
        Also write the page here (atomically: the old file or the new one, never half).

    Returns
    -------
    str
        The page.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.export import to_html
    >>> page = to_html(supportladder.load("support-ladder"))
    >>> page.startswith("<!DOCTYPE html>") and "https://" not in page
    True
    >>> len(page.encode()) < 1_000_000
    True
    """
    from supportladder.export._htmlmap import map_html
    from supportladder.io import _atomic as atomic

    page = map_html(graph)
    if path is not None:
        atomic.write_text(Path(path), page)
    return page

"""Write career graphs in formats other tools read, and read two of them back.

==========  ==============================================  ===================
format      writer                                          reader
==========  ==============================================  ===================
JSON        :func:`to_json` (networkx node-link)            :func:`from_json`
GraphML     :func:`to_graphml` (``networkx.read_graphml``)  :func:`from_graphml`
DOT         :func:`to_dot` (Graphviz)                       —
Mermaid     :func:`to_mermaid` (GitHub/GitLab markdown)     —
HTML        :func:`to_html` (interactive map, one file)     —
==========  ==============================================  ===================

JSON and GraphML carry everything a :class:`~supportladder.CareerGraph` holds — scale,
weighting, skills, every field of every role and move — so reading them back gives an
equal graph.  DOT and Mermaid are for drawing: roles ranked by level, moves styled by kind.
All writers are deterministic: the same graph gives the same text, byte for byte.

The node-link JSON's top-level ``graph`` object carries the graph's ``name``, ``title`` and
``weighting`` (``base_cost``, ``surplus_penalty``, ``gap_exponent`` and each skill's
``importance``), so the
weights can be recomputed elsewhere, plus ``description``, ``scale`` and ``skills`` (each
``{"id", "name", "category", "description", "importance"}``).  Each node holds the
attributes of :meth:`~supportladder.CareerGraph.to_networkx` (``skills`` are the
*effective* skills) plus ``own_skills``, ``inherits``, ``titles`` and ``description``; each
edge adds ``note`` and ``sources``.

Examples
--------
>>> import supportladder
>>> from supportladder.export import from_json, to_json
>>> g = supportladder.load("support-ladder")
>>> from_json(to_json(g)) == g
True
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import networkx as nx

from supportladder.errors import GraphFileError, Problem
from supportladder.graph import CareerGraph
from supportladder.model import (
    DEFAULT_SCALE,
    Requirements,
    Role,
    Scale,
    Skill,
    Transition,
    Weighting,
)

__all__ = [
    "from_graphml",
    "from_json",
    "from_node_link",
    "to_dot",
    "to_graphml",
    "to_html",
    "to_json",
    "to_mermaid",
    "to_node_link",
]

_DOT_STYLE: Final = {
    "upward": ("#0072B2", "solid"),
    "lateral": ("#009E73", "dashed"),
    "cross-industry": ("#CC79A7", "dotted"),
}
_MERMAID_ARROW: Final = {"upward": "-->", "lateral": "-.->", "cross-industry": "==>"}
_MERMAID_COLOR: Final = {"upward": "#0072B2", "lateral": "#009E73", "cross-industry": "#CC79A7"}


# ---------------------------------------------------------------------- node-link JSON
def _skill_dict(skill: Skill) -> dict[str, Any]:
    return {
        "id": skill.id,
        "name": skill.name,
        "category": skill.category,
        "description": skill.description,
        "importance": skill.importance,
    }


def _role_attrs(graph: CareerGraph, role: Role) -> dict[str, Any]:
    return {
        "title": role.title,
        "level": role.level,
        "track": role.track,
        "industry": role.industry,
        "skills": dict(graph.effective_skills(role.id)),
        "holland": role.holland,
        "aliases": list(role.aliases),
        "sources": list(role.sources),
        "own_skills": dict(role.skills),
        "inherits": list(role.inherits),
        "titles": dict(role.titles),
        "description": role.description,
    }


def _move_attrs(graph: CareerGraph, move: Transition) -> dict[str, Any]:
    weight, gaps = graph.delta(move.source, move.target)
    return {
        "kind": move.kind,
        "weight": weight,
        "gaps": [gap.to_dict() for gap in gaps],
        "requirements": move.requirements.to_dict(),
        "advantages": move.advantages.to_dict(),
        "note": move.note,
        "sources": list(move.sources),
    }


def to_node_link(graph: CareerGraph) -> dict[str, Any]:
    """Return the node-link data of a graph as plain, JSON-ready Python objects.

    Nodes come in the graph's role order and edges in its move order, so the data is
    deterministic and :func:`from_node_link` rebuilds an equal graph.
    ``networkx.node_link_graph(data, edges="edges")`` reads it too.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.export import to_node_link
    >>> data = to_node_link(supportladder.load("support-ladder"))
    >>> sorted(data)
    ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    >>> data["graph"]["weighting"]["base_cost"]
    1.0
    >>> data["edges"][0]["kind"]
    'upward'
    """
    return {
        "directed": True,
        "multigraph": False,
        "graph": {
            "name": graph.name,
            "title": graph.title,
            "weighting": {
                "base_cost": graph.weighting.base_cost,
                "surplus_penalty": graph.weighting.surplus_penalty,
                "gap_exponent": graph.weighting.gap_exponent,
                "importance": {skill.id: skill.importance for skill in graph.skills},
            },
            "description": graph.description,
            "scale": dict(graph.scale.levels),
            "skills": [_skill_dict(skill) for skill in graph.skills],
        },
        "nodes": [{**_role_attrs(graph, role), "id": role.id} for role in graph.roles],
        "edges": [
            {**_move_attrs(graph, move), "source": move.source, "target": move.target}
            for move in graph.transitions
        ],
    }


def to_json(graph: CareerGraph, *, indent: int | None = 2) -> str:
    """Return the graph as node-link JSON text (see :func:`to_node_link`).

    Examples
    --------
    >>> import json, supportladder
    >>> from supportladder.export import to_json
    >>> text = to_json(supportladder.load("support-ladder"))
    >>> json.loads(text)["graph"]["name"]
    'support-ladder'
    """
    return json.dumps(to_node_link(graph), ensure_ascii=False, indent=indent)


def _fail(where: str, message: str) -> GraphFileError:
    return GraphFileError(where, [Problem("", message)])


_WEIGHTING_FIELDS: Final = ("base_cost", "surplus_penalty", "gap_exponent")


def _graph_from(
    where: str,
    head: Mapping[str, Any],
    nodes: Sequence[tuple[str, Mapping[str, Any]]],
    edges: Sequence[tuple[str, str, Mapping[str, Any]]],
) -> CareerGraph:
    """Build a graph from decoded head, node and edge attributes (shared by both readers)."""
    try:
        weighting_data = head.get("weighting") or {}
        importance = dict(weighting_data.get("importance") or {})
        if head.get("skills") is not None:
            skills = [
                Skill(
                    s["id"],
                    s["name"],
                    category=s.get("category", "domain"),
                    description=s.get("description", ""),
                    importance=s.get("importance", 1.0),
                )
                for s in head["skills"]
            ]
        else:  # written by another tool: skills known only by their importance
            skills = [Skill(sid, sid, importance=imp) for sid, imp in importance.items()]
        roles = []
        for rid, a in nodes:
            own = a.get("own_skills")
            roles.append(
                Role(
                    rid,
                    a["title"],
                    a["level"],
                    track=a.get("track", "support"),
                    industry=a.get("industry", "customer support"),
                    skills=own if own is not None else a.get("skills", {}),
                    inherits=a.get("inherits", ()),
                    holland=a.get("holland", ""),
                    aliases=a.get("aliases", ()),
                    titles=a.get("titles", {}),
                    description=a.get("description", ""),
                    sources=a.get("sources", ()),
                )
            )
        moves = [
            Transition(
                u,
                v,
                a.get("kind", "upward"),
                requirements=Requirements.from_dict(a.get("requirements") or {}),
                advantages=Requirements.from_dict(a.get("advantages") or {}),
                note=a.get("note", ""),
                sources=a.get("sources", ()),
            )
            for u, v, a in edges
        ]
        return CareerGraph(
            head.get("name") or "imported",
            title=head.get("title", ""),
            description=head.get("description", ""),
            scale=Scale(head["scale"]) if head.get("scale") else DEFAULT_SCALE,
            weighting=Weighting(
                **{k: v for k, v in weighting_data.items() if k in _WEIGHTING_FIELDS}
            ),
            skills=skills,
            roles=roles,
            transitions=moves,
        )
    except GraphFileError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        what = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise _fail(where, f"not a supportladder graph: {what}") from None


def from_node_link(data: Mapping[str, Any]) -> CareerGraph:
    """Return the graph that node-link data (as written by :func:`to_node_link`) describes.

    Raises
    ------
    GraphFileError
        If the data does not describe a valid career graph.
    """
    where = "<node-link data>"
    if not isinstance(data, Mapping):
        raise _fail(where, f"expected a JSON object, got {type(data).__name__}")
    try:
        head = data.get("graph") or {}
        links = data.get("edges", data.get("links", []))
        nodes = [(n["id"], n) for n in data["nodes"]]
        edges = [(e["source"], e["target"], e) for e in links]
    except (KeyError, TypeError) as exc:
        raise _fail(where, f"not node-link data: missing key {exc}") from None
    return _graph_from(where, head, nodes, edges)


def from_json(text: str) -> CareerGraph:
    """Return the graph in node-link JSON text (see :func:`to_json`).

    Raises
    ------
    GraphFileError
        If the text is not JSON or does not describe a valid career graph.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.export import from_json, to_json
    >>> g = supportladder.load("support-center")
    >>> from_json(to_json(g, indent=None)) == g
    True
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail("<json>", f"not JSON: {exc}") from None
    return from_node_link(data)


# ---------------------------------------------------------------------- GraphML
def _j(value: Any) -> str:
    # ASCII-only JSON can always be carried by XML, whatever characters the values hold.
    return json.dumps(value, ensure_ascii=True, sort_keys=False)


# What XML 1.0 can carry faithfully: its Char production less the carriage return, which
# parsers normalise to a line feed.
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _check_xml(value: Any, where: str, key: str) -> Any:
    if isinstance(value, str) and (bad := _NOT_XML.search(value)):
        raise GraphFileError(
            "<graphml>",
            [
                Problem(
                    where,
                    f"{key}: GraphML (XML 1.0) cannot carry the character "
                    f"U+{ord(bad.group()):04X}; remove it, or export with to_json, which "
                    "keeps every character",
                )
            ],
        )
    return value


_JSON_NODE_KEYS: Final = (
    "skills",
    "own_skills",
    "inherits",
    "aliases",
    "titles",
    "sources",
)
_JSON_EDGE_KEYS: Final = ("gaps", "requirements", "advantages", "sources")
_JSON_GRAPH_KEYS: Final = ("weighting", "scale", "skills")


def to_graphml(graph: CareerGraph) -> str:
    """Return the graph as GraphML text that ``networkx.read_graphml`` reads.

    Scalar attributes keep their types (``level`` an int, ``weight`` a double); lists and
    mappings (skills, aliases, titles, gaps, requirements, ...) are JSON-encoded strings,
    and the graph-level ``weighting``, ``scale`` and ``skills`` likewise.  Each edge has an
    ``index``, its position in the graph's move order.  :func:`from_graphml` reads it back
    into an equal graph.

    Examples
    --------
    >>> import io, networkx as nx, supportladder
    >>> from supportladder.export import to_graphml
    >>> g = supportladder.load("support-ladder")
    >>> G = nx.read_graphml(io.StringIO(to_graphml(g)))
    >>> G.nodes["support-technician"]["level"]
    1
    >>> G.number_of_edges() == len(g.transitions)
    True
    """
    data = to_node_link(graph)
    G = nx.DiGraph()
    head = data["graph"]
    G.graph.update(
        {
            "name": _check_xml(head["name"], "graph", "name"),
            "title": _check_xml(head["title"], "graph", "title"),
            "description": _check_xml(head["description"], "graph", "description"),
            **{key: _j(head[key]) for key in _JSON_GRAPH_KEYS},
        }
    )
    for i, node in enumerate(data["nodes"]):
        where = f'roles[{i}] (id "{node["id"]}")'
        attrs = {
            k: (_j(v) if k in _JSON_NODE_KEYS else _check_xml(v, where, k))
            for k, v in node.items()
            if k != "id"
        }
        G.add_node(node["id"], **attrs)
    for index, edge in enumerate(data["edges"]):
        where = f"transitions[{index}] ({edge['source']} -> {edge['target']})"
        attrs = {
            k: (_j(v) if k in _JSON_EDGE_KEYS else _check_xml(v, where, k))
            for k, v in edge.items()
            if k not in ("source", "target")
        }
        G.add_edge(edge["source"], edge["target"], index=index, **attrs)
    return "\n".join(nx.generate_graphml(G, prettyprint=True)) + "\n"


def _decode(attrs: Mapping[str, Any], keys: tuple[str, ...], where: str) -> dict[str, Any]:
    out = dict(attrs)
    for key in keys:
        if isinstance(out.get(key), str):
            try:
                out[key] = json.loads(out[key])
            except json.JSONDecodeError:
                raise _fail(where, f"attribute {key!r} is not JSON-encoded") from None
    return out


def from_graphml(source: str | os.PathLike[str]) -> CareerGraph:
    """Return the graph in GraphML written by :func:`to_graphml`: text or a file path.

    Raises
    ------
    GraphFileError
        If the file is missing, the text is not GraphML, or it does not describe a valid
        career graph.

    Examples
    --------
    >>> import supportladder
    >>> from supportladder.export import from_graphml, to_graphml
    >>> g = supportladder.load("support-ladder")
    >>> from_graphml(to_graphml(g)) == g
    True
    """
    where = "<graphml>"
    try:
        if isinstance(source, str) and source.lstrip().startswith("<"):
            G = nx.parse_graphml(source)
        else:
            where = str(source)
            if not Path(source).is_file():
                raise _fail(where, "file not found; check the path")
            G = nx.read_graphml(Path(source))
    except GraphFileError:
        raise
    except Exception as exc:  # networkx and ElementTree raise several kinds
        raise _fail(where, f"not GraphML: {exc}") from None
    head = _decode(G.graph, _JSON_GRAPH_KEYS, where)
    nodes = [(str(n), _decode(a, _JSON_NODE_KEYS, where)) for n, a in G.nodes(data=True)]
    edges = sorted(
        ((str(u), str(v), _decode(a, _JSON_EDGE_KEYS, where)) for u, v, a in G.edges(data=True)),
        key=lambda e: int(e[2].get("index", 0)),
    )
    return _graph_from(where, head, nodes, edges)


# ---------------------------------------------------------------------- DOT
def _dot_str(text: str) -> str:
    """Quote text as a DOT string: backslashes, quotes and newlines escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "")
    return '"' + escaped.replace("\n", "\\n") + '"'


def to_dot(graph: CareerGraph, *, costs: bool = True) -> str:
    r"""Return the graph as Graphviz DOT text, drawn bottom-up like a ladder.

    Roles of one level share a rank (entry level at the bottom); every id and label is
    quoted.  Moves are coloured and styled by kind (upward solid, lateral dashed,
    cross-industry dotted) and, with ``costs`` (default), labelled with their weight.

    Examples
    --------
    >>> from supportladder import CareerGraph, Role, Transition
    >>> g = CareerGraph(
    ...     "tiny",
    ...     roles=[Role("rep", "Representative", 1), Role("lead", 'Lead "L2"', 2)],
    ...     transitions=[Transition("rep", "lead")],
    ... )
    >>> print(to_dot(g))  # doctest: +NORMALIZE_WHITESPACE
    digraph "tiny" {
      graph [rankdir="BT", label="tiny", labelloc="t", fontname="Helvetica"];
      node [shape="box", style="rounded,filled", fillcolor="#E8F1FA", fontname="Helvetica"];
      edge [fontname="Helvetica", fontsize="10"];
      { rank="same"; "rep"; }
      { rank="same"; "lead"; }
      "rep" [label="Representative", level="1", track="support"];
      "lead" [label="Lead \"L2\"", level="2", track="support"];
      "rep" -> "lead" [kind="upward", color="#0072B2", style="solid", label="1"];
    }
    """

    def lines() -> Iterator[str]:
        yield f"digraph {_dot_str(graph.name)} {{"
        label = _dot_str(graph.title or graph.name)
        yield f'  graph [rankdir="BT", label={label}, labelloc="t", fontname="Helvetica"];'
        yield (
            '  node [shape="box", style="rounded,filled", fillcolor="#E8F1FA", '
            'fontname="Helvetica"];'
        )
        yield '  edge [fontname="Helvetica", fontsize="10"];'
        for level in sorted({role.level for role in graph.roles}):
            ids = " ".join(f"{_dot_str(r.id)};" for r in graph.roles if r.level == level)
            yield f'  {{ rank="same"; {ids} }}'
        for role in graph.roles:
            yield (
                f"  {_dot_str(role.id)} [label={_dot_str(role.title)}, "
                f'level="{role.level}", track={_dot_str(role.track)}];'
            )
        for move in graph.transitions:
            color, style = _DOT_STYLE[move.kind]
            extra = f", label={_dot_str(_fmt(graph.weight(*move.key)))}" if costs else ""
            yield (
                f"  {_dot_str(move.source)} -> {_dot_str(move.target)} "
                f'[kind="{move.kind}", color="{color}", style="{style}"{extra}];'
            )
        yield "}"

    return "\n".join(lines()) + "\n"


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------- Mermaid
_MERMAID_ENTITIES: Final = {
    "&": "#amp;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "#": "#35;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "|": "#124;",
    "`": "#96;",
}


def _mermaid_text(text: str) -> str:
    """Escape text for a quoted Mermaid label (entity codes; ``#`` first)."""
    out = "".join(_MERMAID_ENTITIES.get(c, c) for c in text.replace("\r", ""))
    return out.replace("\n", "<br>")


def _mermaid_ids(graph: CareerGraph) -> dict[str, str]:
    """Give each role a Mermaid-safe node id: ``r_`` + its id with ``.``/``-`` as ``_``."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for role in graph.roles:
        base = "r_" + re.sub(r"[^A-Za-z0-9]", "_", role.id)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}_{n}", n + 1
        used.add(candidate)
        ids[role.id] = candidate
    return ids


def to_mermaid(graph: CareerGraph, *, costs: bool = False) -> str:
    """Return the graph as a Mermaid flowchart, for a fenced ``mermaid`` code block.

    GitHub and GitLab render it in markdown.  The chart runs bottom-up (entry level at the
    bottom) with one subgraph per track; node ids are the role ids made Mermaid-safe
    (O*NET ids contain dots), labels are quoted with special characters as entity codes.
    Upward moves are solid arrows, lateral ones dotted, cross-industry ones thick, each
    coloured by kind; with ``costs`` each move is labelled with its weight.

    Examples
    --------
    >>> from supportladder import CareerGraph, Role, Transition
    >>> g = CareerGraph(
    ...     "tiny",
    ...     roles=[Role("rep", "Representative", 1), Role("43-4051.00", "CSR [O*NET]", 1)],
    ...     transitions=[Transition("rep", "43-4051.00", "lateral")],
    ... )
    >>> print(to_mermaid(g))
    flowchart BT
      %% tiny: upward solid, lateral dotted, cross-industry thick
      subgraph t_support["support"]
        r_rep["Representative"]
        r_43_4051_00["CSR #91;O*NET#93;"]
      end
      r_rep -.-> r_43_4051_00
      linkStyle 0 stroke:#009E73
    """
    ids = _mermaid_ids(graph)
    out = [
        "flowchart BT",
        f"  %% {graph.name}: upward solid, lateral dotted, cross-industry thick",
    ]
    tracks: dict[str, list[Role]] = {}
    for role in graph.roles:
        tracks.setdefault(role.track, []).append(role)
    used: set[str] = set()
    for track, roles in tracks.items():
        tid = base = "t_" + re.sub(r"[^A-Za-z0-9]", "_", track)
        while tid in used:
            tid = f"{base}_{len(used)}"
        used.add(tid)
        out.append(f'  subgraph {tid}["{_mermaid_text(track)}"]')
        for role in sorted(roles, key=lambda r: r.level):
            out.append(f'    {ids[role.id]}["{_mermaid_text(role.title)}"]')
        out.append("  end")
    by_kind: dict[str, list[int]] = {}
    for index, move in enumerate(graph.transitions):
        arrow = _MERMAID_ARROW[move.kind]
        label = f'|"{_fmt(graph.weight(*move.key))}"|' if costs else ""
        out.append(f"  {ids[move.source]} {arrow}{label} {ids[move.target]}")
        by_kind.setdefault(move.kind, []).append(index)
    for kind, indices in by_kind.items():
        out.append(f"  linkStyle {','.join(map(str, indices))} stroke:{_MERMAID_COLOR[kind]}")
    return "\n".join(out) + "\n"


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

"""GraphML (``networkx.read_graphml`` reads it): every field of a graph, written and read back.

Nested values (skills, requirements, sources) travel as JSON text in GraphML attributes.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import networkx as nx

from supportladder.errors import GraphFileError, Problem
from supportladder.export._nodelink import fail, graph_from, to_node_link
from supportladder.graph import CareerGraph

__all__ = ["from_graphml", "to_graphml"]


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
                raise fail(where, f"attribute {key!r} is not JSON-encoded") from None
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
                raise fail(where, "file not found; check the path")
            G = nx.read_graphml(Path(source))
    except GraphFileError:
        raise
    except Exception as exc:  # networkx and ElementTree raise several kinds
        raise fail(where, f"not GraphML: {exc}") from None
    head = _decode(G.graph, _JSON_GRAPH_KEYS, where)
    nodes = [(str(n), _decode(a, _JSON_NODE_KEYS, where)) for n, a in G.nodes(data=True)]
    edges = sorted(
        ((str(u), str(v), _decode(a, _JSON_EDGE_KEYS, where)) for u, v, a in G.edges(data=True)),
        key=lambda e: int(e[2].get("index", 0)),
    )
    return graph_from(where, head, nodes, edges)

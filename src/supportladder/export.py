"""Write career graphs in formats other tools read.

``to_json`` writes networkx node-link JSON (``"edges"`` key) that any networkx can load with
``networkx.node_link_graph(data, edges="edges")``; its top-level ``graph`` object carries
the graph's ``name``, ``title`` and ``weighting`` (base cost, surplus penalty and each
skill's importance), so the weights can be recomputed elsewhere.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from supportladder.graph import CareerGraph

__all__ = ["to_json", "to_node_link"]


def to_node_link(graph: CareerGraph) -> dict[str, Any]:
    """Return the node-link data of a graph as plain, JSON-ready Python objects.

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
    data: dict[str, Any] = nx.node_link_data(graph.to_networkx(), edges="edges")
    data["graph"] = {
        "name": graph.name,
        "title": graph.title,
        "weighting": {
            "base_cost": graph.weighting.base_cost,
            "surplus_penalty": graph.weighting.surplus_penalty,
            "importance": {skill.id: skill.importance for skill in graph.skills},
        },
    }
    return data


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

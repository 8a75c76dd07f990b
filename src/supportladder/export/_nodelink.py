"""Node-link JSON (networkx's format): every field of a graph, written and read back."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Final

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

__all__ = ["fail", "from_json", "from_node_link", "graph_from", "to_json", "to_node_link"]


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


def fail(where: str, message: str) -> GraphFileError:
    return GraphFileError(where, [Problem("", message)])


_WEIGHTING_FIELDS: Final = ("base_cost", "surplus_penalty", "gap_exponent")


def graph_from(
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
        raise fail(where, f"not a supportladder graph: {what}") from None


def from_node_link(data: Mapping[str, Any]) -> CareerGraph:
    """Return the graph that node-link data (as written by :func:`to_node_link`) describes.

    Raises
    ------
    GraphFileError
        If the data does not describe a valid career graph.
    """
    where = "<node-link data>"
    if not isinstance(data, Mapping):
        raise fail(where, f"expected a JSON object, got {type(data).__name__}")
    try:
        head = data.get("graph") or {}
        links = data.get("edges", data.get("links", []))
        nodes = [(n["id"], n) for n in data["nodes"]]
        edges = [(e["source"], e["target"], e) for e in links]
    except (KeyError, TypeError) as exc:
        raise fail(where, f"not node-link data: missing key {exc}") from None
    return graph_from(where, head, nodes, edges)


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
        raise fail("<json>", f"not JSON: {exc}") from None
    return from_node_link(data)

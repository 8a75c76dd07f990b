"""supportladder: careers in customer support as a graph.

Roles are nodes, moves between them (upward, lateral, cross-industry) are edges, and every
move is weighted by the skill delta between the two roles.  Load a bundled ladder, or your
own TOML file, and ask it questions.

Examples
--------
>>> import supportladder
>>> g = supportladder.load()  # the merged default graph
>>> g.name
'support-careers'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from supportladder import _notebook as _notebook  # registers the notebook renderers
from supportladder.errors import (
    GraphFileError,
    NoPathError,
    Problem,
    QueryArgumentError,
    RoleNotFoundError,
    SupportLadderError,
)

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph
    from supportladder.io import DEFAULT_GRAPH, bundled, dumps, load, loads, save
    from supportladder.model import (
        DEFAULT_SCALE,
        KINDS,
        Gap,
        Observed,
        Requirements,
        Role,
        Scale,
        Skill,
        Transition,
        Weighting,
    )
    from supportladder.planning import LearningPlan, feeders, learning_plan
    from supportladder.queries import (
        Bottlenecks,
        Chokepoints,
        Path,
        Reach,
        Reaches,
        Step,
        alternative_paths,
        bottlenecks,
        chokepoints,
        reachable_roles,
        roles_for_interest,
        shortest_path,
        skill_gap,
    )

# The model (attrs classes), the graph, reading files (cattrs) and the queries load on first
# use: ``import supportladder`` costs little more than ``import networkx``, which the
# exceptions need.  ``supportladder.load``, ``supportladder.Role`` and the rest work as usual.
_LAZY = {
    "CareerGraph": "graph",
    **dict.fromkeys(
        (
            "DEFAULT_SCALE",
            "KINDS",
            "Gap",
            "Observed",
            "Requirements",
            "Role",
            "Scale",
            "Skill",
            "Transition",
            "Weighting",
        ),
        "model",
    ),
    **dict.fromkeys(("DEFAULT_GRAPH", "bundled", "dumps", "load", "loads", "save"), "io"),
    **dict.fromkeys(
        (
            "Bottlenecks",
            "Chokepoints",
            "Path",
            "Reach",
            "Reaches",
            "Step",
            "alternative_paths",
            "bottlenecks",
            "chokepoints",
            "reachable_roles",
            "roles_for_interest",
            "shortest_path",
            "skill_gap",
        ),
        "queries",
    ),
    **dict.fromkeys(("LearningPlan", "feeders", "learning_plan"), "planning"),
}


# The public submodules, imported on first attribute access (``supportladder.io.save``,
# ``supportladder.plot.plot_graph``): matplotlib, cattrs and hypothesis load only when used.
_SUBMODULES = frozenset(
    (
        "cli",
        "errors",
        "export",
        "graph",
        "importers",
        "io",
        "model",
        "planning",
        "plot",
        "queries",
        "strategies",
    )
)


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"supportladder.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'supportladder' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"supportladder.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__version__ = "0.1.0"

__all__ = [
    "DEFAULT_GRAPH",
    "DEFAULT_SCALE",
    "KINDS",
    "Bottlenecks",
    "CareerGraph",
    "Chokepoints",
    "Gap",
    "GraphFileError",
    "LearningPlan",
    "NoPathError",
    "Observed",
    "Path",
    "Problem",
    "QueryArgumentError",
    "Reach",
    "Reaches",
    "Requirements",
    "Role",
    "RoleNotFoundError",
    "Scale",
    "Skill",
    "Step",
    "SupportLadderError",
    "Transition",
    "Weighting",
    "__version__",
    "alternative_paths",
    "bottlenecks",
    "bundled",
    "chokepoints",
    "dumps",
    "feeders",
    "learning_plan",
    "load",
    "loads",
    "reachable_roles",
    "roles_for_interest",
    "save",
    "shortest_path",
    "skill_gap",
]

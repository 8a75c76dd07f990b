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

from supportladder.errors import (
    GraphFileError,
    NoPathError,
    Problem,
    RoleNotFoundError,
    SupportLadderError,
)
from supportladder.graph import CareerGraph
from supportladder.io import DEFAULT_GRAPH, bundled, dumps, load, loads, save
from supportladder.model import (
    DEFAULT_SCALE,
    KINDS,
    Gap,
    Requirements,
    Role,
    Scale,
    Skill,
    Transition,
    Weighting,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_GRAPH",
    "DEFAULT_SCALE",
    "KINDS",
    "CareerGraph",
    "Gap",
    "GraphFileError",
    "NoPathError",
    "Problem",
    "Requirements",
    "Role",
    "RoleNotFoundError",
    "Scale",
    "Skill",
    "SupportLadderError",
    "Transition",
    "Weighting",
    "__version__",
    "bundled",
    "dumps",
    "load",
    "loads",
    "save",
]

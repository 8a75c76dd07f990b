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

from supportladder.export._drawing import to_dot, to_mermaid
from supportladder.export._graphml import from_graphml, to_graphml
from supportladder.export._htmlmap import to_html
from supportladder.export._nodelink import from_json, from_node_link, to_json, to_node_link

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

"""DOT (Graphviz) and Mermaid: text for drawing, roles ranked by level, moves styled by kind."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from supportladder._wording import KIND_COLORS
from supportladder.graph import CareerGraph
from supportladder.model import (
    Role,
)

__all__ = ["to_dot", "to_mermaid"]


_DOT_STYLE: Final = {
    "upward": (KIND_COLORS["upward"], "solid"),
    "lateral": (KIND_COLORS["lateral"], "dashed"),
    "cross-industry": (KIND_COLORS["cross-industry"], "dotted"),
}


_MERMAID_ARROW: Final = {"upward": "-->", "lateral": "-.->", "cross-industry": "==>"}


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
        out.append(f"  linkStyle {','.join(map(str, indices))} stroke:{KIND_COLORS[kind]}")
    return "\n".join(out) + "\n"

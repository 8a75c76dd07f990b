"""The commands about graphs as files: ``graphs``, ``roles``, ``validate`` and ``export``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from supportladder.cli import _options as opt
from supportladder.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    add_command,
    error_text,
    load_graph,
    print_json,
    wording,
    write_output,
)
from supportladder.cli._table import render
from supportladder.cli._wording import Wording, wrap
from supportladder.errors import GraphFileError
from supportladder.graph import CareerGraph
from supportladder.io import DEFAULT_GRAPH, bundled, load

__all__ = ["add_commands", "cmd_export", "cmd_graphs", "cmd_roles", "cmd_validate"]


def add_commands(sub: Any) -> None:
    """Add ``graphs``, ``roles``, ``validate`` and ``export`` to the subcommands ``sub``."""
    p = add_command(sub, "graphs", cmd_graphs, help="list the bundled graphs")
    opt.add_json_option(p)

    p = add_command(sub, "roles", cmd_roles, help="list the roles of a graph")
    opt.add_graph_option(p)
    opt.add_all_option(p)
    opt.add_json_option(p)

    p = add_command(sub, "validate", cmd_validate, help="check graph files and list every problem")
    p.add_argument("files", nargs="+", metavar="FILE", help="graph files (.toml)")

    p = add_command(sub, "export", cmd_export, help="write a graph in another format")
    opt.add_graph_option(p)
    p.add_argument(
        "--format",
        required=True,
        choices=["dot", "mermaid", "graphml", "json", "html"],
        help="output format: Graphviz DOT, Mermaid flowchart, GraphML, node-link JSON, or an "
        "interactive HTML map (one self-contained file)",
    )
    opt.add_output_options(p, "output file (default: stdout)", required=False)


def cmd_graphs(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = []
    for name in bundled():
        g = load(name)
        rows.append(
            {
                "name": g.name,
                "title": g.title,
                "roles": len(g.roles),
                "transitions": len(g.transitions),
                "languages": _languages(g),
                "sources": list(g.sources),
            }
        )
    if args.json:
        print_json(rows)
    else:
        print(
            render(
                ["name", "roles", "transitions", "languages", "title"],
                [
                    [r["name"], r["roles"], r["transitions"], ",".join(r["languages"]), r["title"]]
                    for r in rows
                ],
                right=(1, 2),
            )
        )
        print(f"\ndefault: {DEFAULT_GRAPH}")
    return EXIT_OK


def _languages(g: CareerGraph) -> list[str]:
    """Return the languages a graph's titles are written in, English first."""
    return ["en", *sorted({lang for r in g.roles for lang in r.titles} - {"en"})]


def cmd_roles(args: argparse.Namespace) -> int:
    g = load_graph(args)
    w = wording(g, args)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "level": r.level,
                    "track": r.track,
                    "industry": r.industry,
                    "skills": dict(g.effective_skills(r.id)),
                    "holland": r.holland,
                    "aliases": list(r.aliases),
                    "titles": dict(r.titles),
                }
                for r in g.roles
            ]
        )
        return EXIT_OK
    roles = sorted(g.roles, key=lambda r: (r.track, r.level, r.id))
    rows = [[r.id, r.title, r.level, r.track, r.industry] for r in roles]
    print(render(["id", "title", "level", "track", "industry"], rows, right=(2,), shrink=(4, 1)))
    top = None if w.full else 3
    more = "" if w.full else "; --all lists every one"
    print(f"\neffective skills (own and inherited), highest first{more}:")
    for r in roles:
        print("\n".join(wrap(f"{r.id}: {_skills_line(w, r.id, top)}", "  ", hang="    ")))
    return EXIT_OK


def _skills_line(w: Wording, role_id: str, top: int | None) -> str:
    skills = sorted(w.g.effective_skills(role_id).items(), key=lambda kv: (-kv[1], w.skill(kv[0])))
    shown = ", ".join(f"{w.skill(k)} {w.level(v)}" for k, v in skills[:top])
    more = len(skills) - len(skills[:top])
    return (shown or "-") + (f" and {more} more" if more else "")


def cmd_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in args.files:
        try:
            load(path)
        except GraphFileError as exc:
            print(error_text(exc), file=sys.stderr)
            status = EXIT_BAD_INPUT
        else:
            print(f"{path}: ok")
    return status


def cmd_export(args: argparse.Namespace) -> int:
    from supportladder import export

    g = load_graph(args)
    writers: dict[str, Callable[[CareerGraph], str]] = {
        "dot": export.to_dot,
        "mermaid": export.to_mermaid,
        "graphml": export.to_graphml,
        "json": export.to_json,
        "html": lambda graph: export.to_html(graph),
    }
    write_output(writers[args.format](g), args.output, args.force)
    return EXIT_OK

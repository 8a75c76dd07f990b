"""The ``supportladder`` command line.

Exit codes: 0 ok, 1 no result, 2 bad input (unknown role, bad file, bad arguments) with a
one-line message and no traceback.  ``--json`` prints machine-readable output whose shapes
are part of the public contract.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from supportladder._private.table import render
from supportladder.errors import GraphFileError, SupportLadderError
from supportladder.graph import CareerGraph
from supportladder.io import DEFAULT_GRAPH, bundled, load

__all__ = ["main"]

EXIT_OK = 0
EXIT_NO_RESULT = 1
EXIT_BAD_INPUT = 2


class UsageError(SupportLadderError):
    """Bad command-line arguments (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _graph(args: argparse.Namespace) -> CareerGraph:
    return load(args.graph)


def _write_output(text: str, output: str | None, force: bool) -> None:
    if output is None or output == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    target = Path(output)
    if target.exists() and not force:
        raise UsageError(f"{output} already exists; pass --force to overwrite it")
    try:
        target.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None
    print(f"wrote {output}", file=sys.stderr)


# ---------------------------------------------------------------------- commands
def cmd_graphs(args: argparse.Namespace) -> int:
    rows = []
    for name in bundled():
        g = load(name)
        rows.append(
            {
                "name": g.name,
                "title": g.title,
                "roles": len(g.roles),
                "transitions": len(g.transitions),
                "sources": list(g.sources),
            }
        )
    if args.json:
        _print_json(rows)
    else:
        print(
            render(
                ["name", "roles", "moves", "title"],
                [[r["name"], r["roles"], r["transitions"], r["title"]] for r in rows],
                right=(1, 2),
            )
        )
        print(f"\ndefault: {DEFAULT_GRAPH}")
    return EXIT_OK


def cmd_roles(args: argparse.Namespace) -> int:
    g = _graph(args)
    if args.json:
        _print_json(
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
                }
                for r in g.roles
            ]
        )
    else:
        roles = sorted(g.roles, key=lambda r: (r.track, r.level, r.id))
        print(
            render(
                ["id", "title", "level", "track", "industry"],
                [[r.id, r.title, r.level, r.track, r.industry] for r in roles],
                right=(2,),
            )
        )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in args.files:
        try:
            load(path)
        except GraphFileError as exc:
            print(str(exc), file=sys.stderr)
            status = EXIT_BAD_INPUT
        else:
            print(f"{path}: ok")
    return status


def cmd_export(args: argparse.Namespace) -> int:
    from supportladder import export

    g = _graph(args)
    writers: dict[str, Callable[[CareerGraph], str]] = {"json": export.to_json}
    _write_output(writers[args.format](g), args.output, args.force)
    return EXIT_OK


# ---------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``supportladder`` command."""
    parser = _Parser(
        prog="supportladder",
        description="Careers in customer support as a graph: roles, moves and skill gaps.",
        epilog="Exit codes: 0 ok, 1 no result, 2 bad input.",
    )
    from supportladder import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    graph_opt = _Parser(add_help=False)
    graph_opt.add_argument(
        "-g",
        "--graph",
        default=DEFAULT_GRAPH,
        metavar="G",
        help=f"a bundled graph name or a .toml file (default: {DEFAULT_GRAPH})",
    )
    json_opt = _Parser(add_help=False)
    json_opt.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("graphs", parents=[json_opt], help="list the bundled graphs")
    p.set_defaults(func=cmd_graphs)

    p = sub.add_parser("roles", parents=[graph_opt, json_opt], help="list the roles of a graph")
    p.set_defaults(func=cmd_roles)

    p = sub.add_parser("validate", help="check graph files and list every problem")
    p.add_argument("files", nargs="+", metavar="FILE", help="graph files (.toml)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", parents=[graph_opt], help="write a graph in another format")
    p.add_argument("--format", required=True, choices=["json"], help="output format")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except SupportLadderError as exc:
        message = str(exc)
        if "\n" in message:  # a GraphFileError lists one problem per line
            print(message, file=sys.stderr)
        else:
            print(f"supportladder: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    return result


if __name__ == "__main__":
    sys.exit(main())

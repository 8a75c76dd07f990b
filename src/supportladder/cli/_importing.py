"""The ``import`` command: a graph file built from O*NET, ESCO or observed moves."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from supportladder.cli import _options as opt
from supportladder.cli._common import (
    EXIT_OK,
    OutputError,
    Parser,
    UsageError,
    add_command,
    refuse_overwrite,
)
from supportladder.cli._wording import wrap
from supportladder.errors import SupportLadderError
from supportladder.io import load

__all__ = ["add_commands", "cmd_import"]


def add_commands(sub: Any) -> None:
    """Add ``import onet``, ``import esco`` and ``import moves`` to the subcommands ``sub``."""
    p = add_command(
        sub, "import", None, help="build a graph file from O*NET, ESCO or observed moves"
    )
    isub = p.add_subparsers(dest="source", metavar="SOURCE", parser_class=Parser)
    isub.required = True

    q = _source(isub, "onet", "an O*NET release (text files)")
    _add_neighbours(q)
    q.add_argument("directory", metavar="DIR", help="folder of the O*NET text release")
    q.add_argument(
        "--no-ladder",
        action="store_true",
        help="bare similarity neighbours, without the career-ladder rules",
    )

    q = _source(isub, "esco", "an ESCO CSV download")
    _add_neighbours(q)
    q.add_argument("directory", metavar="DIR", help="folder of ESCO's CSV files (English)")
    q.add_argument(
        "--min-similarity",
        type=float,
        default=0.05,
        metavar="X",
        help="moves only between occupations at least this similar (default: 0.05)",
    )

    q = _source(isub, "moves", "observed moves (a CSV file)")
    q.add_argument(
        "table",
        metavar="CSV",
        help="person,role,start rows (histories) or source,target,count rows (counts)",
    )
    q.add_argument(
        "-g",
        "--graph",
        metavar="G",
        help="merge onto this graph (bundled name or .toml); weights stay skill deltas",
    )


def _source(isub: Any, name: str, help: str) -> argparse.ArgumentParser:
    """Add ``import NAME``, with its ``-o/--output`` and ``--force``."""
    q: argparse.ArgumentParser = isub.add_parser(name, help=help)
    opt.add_output_options(q, "graph file to write (.toml)", required=True, what="file")
    q.set_defaults(func=cmd_import)
    return q


def _add_neighbours(q: argparse.ArgumentParser) -> None:
    q.add_argument(
        "--neighbours",
        type=opt.count_arg,
        default=20,
        metavar="K",
        help="moves out of each occupation, to its K most similar ones (default: 20)",
    )


def cmd_import(args: argparse.Namespace) -> int:
    from supportladder.importers import esco, moves, onet
    from supportladder.importers._tables import ProgressBar
    from supportladder.io import save

    target = refuse_overwrite(args.output, args.force)
    bar = ProgressBar()
    try:
        if args.source == "onet":
            result: Any = onet.read(
                args.directory,
                neighbours=args.neighbours,
                ladder=not args.no_ladder,
                progress=bar,
            )
        elif args.source == "esco":
            result = esco.read(
                args.directory,
                neighbours=args.neighbours,
                min_similarity=args.min_similarity,
                progress=bar,
            )
        else:
            base = load(args.graph) if args.graph else None
            result = moves.read(args.table, graph=base)
    except ValueError as exc:
        if isinstance(exc, SupportLadderError):
            raise
        raise UsageError(str(exc)) from None
    finally:
        bar.close()
    try:
        save(result.graph, target)
    except OSError as exc:
        raise OutputError(args.output, exc) from None
    source, _, counts = result.report.summary().partition(": ")
    print(f"{source}:", file=sys.stderr)
    print("\n".join(wrap(counts, "  ")), file=sys.stderr)
    for note in result.report.notes:
        print(f"  {note}", file=sys.stderr)
    g = result.graph
    print(f"wrote {args.output}: {len(g.roles)} roles, {len(g.transitions)} moves", file=sys.stderr)
    return EXIT_OK

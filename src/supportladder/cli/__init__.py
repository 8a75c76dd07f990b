"""The ``supportladder`` command line.

Exit codes: 0 ok, 1 no result, 2 bad input (unknown role, bad file, bad arguments) or an
output that cannot be written, with a message starting ``supportladder: error:`` and no
traceback.  ``--json`` prints machine-readable output whose shapes are part of the public
contract.

This module assembles the parser and maps errors to exit codes.  Each family of commands
is one module holding its ``cmd_*`` functions and their arguments (``add_commands``):

* ``_catalogue``: ``graphs``, ``roles``, ``validate``, ``export``;
* ``_plotting``: ``plot``;
* ``_importing``: ``import onet|esco|moves``;
* ``_queries``: ``path``, ``reachable``, ``bottlenecks``, ``chokepoints``;
* ``_planning``: ``feeders``, ``plan``.

They share ``_common`` (exit codes, errors, output, and ``add_command``) and
``_options`` (argument types and the options that recur); ``_help`` holds each command's
description and examples, ``_wording`` how moves, gaps and skills are written, ``_table``
plain-text tables.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence

from supportladder.cli import _catalogue, _importing, _planning, _plotting, _queries
from supportladder.cli._common import EXIT_BAD_INPUT, EXIT_OK, OutputError, Parser, error_text
from supportladder.errors import SupportLadderError

__all__ = ["build_parser", "main"]

_COMMANDS = (_catalogue, _plotting, _importing, _queries, _planning)
"""The command modules, in the order ``supportladder --help`` lists their commands."""


def build_parser() -> Parser:
    """Return the argument parser of the ``supportladder`` command."""
    from supportladder import __version__

    parser = Parser(
        prog="supportladder",
        description="Careers in customer support as a graph: roles, moves and skill gaps.",
        epilog="Exit codes: 0 ok, 1 no result, 2 bad input.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    for module in _COMMANDS:
        module.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
        sys.stdout.flush()  # a full disk or closed pipe shows here, not at exit
    except SupportLadderError as exc:
        print(error_text(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        if exc.filename is not None or exc.errno not in _OUTPUT_ERRNOS:
            raise
        _silence_stdout()
        print(f"supportladder: error: {OutputError('standard output', exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return result


# What writing a stream (not a named file: those say which) can fail with.
_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EIO", "EFBIG", "EDQUOT") if hasattr(errno, name)
)


def _silence_stdout() -> None:
    """Point standard output at the null device, so nothing is written (or fails) at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no real file descriptor (captured output)
        pass


if __name__ == "__main__":
    sys.exit(main())

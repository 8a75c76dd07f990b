"""What every command shares: exit codes, errors, output, and the way a command is added.

A command module (``_catalogue``, ``_plotting``, ``_importing``, ``_queries``,
``_planning``) defines its ``cmd_*`` functions and an ``add_commands(sub)`` that adds each
of them with :func:`add_command`; its options come from :mod:`supportladder.cli._options`.
"""

from __future__ import annotations

import argparse
import errno
import json
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from supportladder.cli._help import about
from supportladder.cli._wording import Wording, wrap
from supportladder.errors import NoPathError, QueryArgumentError, SupportLadderError
from supportladder.graph import CareerGraph
from supportladder.io import _atomic as atomic
from supportladder.io import load

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_NO_RESULT",
    "EXIT_OK",
    "Command",
    "OutputError",
    "Parser",
    "UsageError",
    "add_command",
    "error_text",
    "flag",
    "load_graph",
    "missing",
    "no_route",
    "print_json",
    "refuse_overwrite",
    "say",
    "wording",
    "write_output",
]

EXIT_OK = 0
EXIT_NO_RESULT = 1
EXIT_BAD_INPUT = 2

Command = Callable[[argparse.Namespace], int]
"""A command: reads its parsed arguments, prints, returns the exit code."""


class UsageError(SupportLadderError):
    """Bad command-line arguments (exit 2)."""


class OutputError(SupportLadderError):
    """An output (a file, or standard output) cannot be written (exit 2)."""

    def __init__(self, output: str, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        fix = "; free some space or write elsewhere" if exc.errno == errno.ENOSPC else ""
        super().__init__(f"cannot write {output}: {reason}{fix}")


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 2 and point at ``--help``."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def add_command(sub: Any, name: str, func: Command | None, *, help: str) -> argparse.ArgumentParser:
    """Add the command ``name`` to the subcommands ``sub``; return its parser.

    Its description and examples come from :data:`supportladder.cli._help.ABOUT`; ``func``
    runs it (None for a command made of subcommands, such as ``import``).
    """
    p: argparse.ArgumentParser = sub.add_parser(name, help=help, **about(name))
    if func is not None:
        p.set_defaults(func=func)
    return p


# ---------------------------------------------------------------------- output
def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON, non-ASCII characters as they are."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def say(text: str) -> None:
    """Print a line of text wrapped to the terminal (at most 100 columns)."""
    end = "\n" if text.endswith("\n") else ""
    print("\n".join(wrap(text.rstrip("\n"))) + end)


def refuse_overwrite(output: str, force: bool) -> Path:
    """Return the output path; refuse a folder, and an existing file unless ``--force``.

    A device or pipe (``/dev/stdout``, a named pipe) is written to, not replaced, and
    needs no ``--force``.
    """
    target = Path(output)
    if target.is_dir():
        raise UsageError(f"{output} is a folder; give the name of a file to write in it")
    try:
        regular = stat.S_ISREG(target.stat().st_mode)
    except OSError:
        return target  # not there yet (or unreadable: writing it will say why)
    if regular and not force:
        raise UsageError(f"{output} already exists; pass --force to overwrite it")
    return target


def write_output(text: str, output: str | None, force: bool) -> None:
    """Write ``text`` to the file ``output`` (at once, or not at all), or to stdout."""
    text = text if text.endswith("\n") else text + "\n"
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    target = refuse_overwrite(output, force)
    try:
        atomic.write_text(target, text)
    except OSError as exc:
        raise OutputError(output, exc) from None
    print(f"wrote {output}", file=sys.stderr)


# ---------------------------------------------------------------------- graphs
def load_graph(args: argparse.Namespace) -> CareerGraph:
    """Return the graph ``--graph`` names (a bundled name or a file)."""
    return load(args.graph)


def wording(g: CareerGraph, args: argparse.Namespace) -> Wording:
    """Return how to word ``g``: summarised, or in full with ``--all``."""
    return Wording(g, full=getattr(args, "all", False))


# ---------------------------------------------------------------------- messages
_QUERY_FLAGS = {
    "kinds": "--kinds",
    "max_step_cost": "--max-step-cost",
    "avoid": "--avoid",
    "budget": "--budget",
    "max_steps": "--max-steps",
    "k": "--alternatives",
    "top": "--top",
    "sample": "--sample",
    "seed": "--seed",
}


def flag(name: str) -> str:
    """Return the command-line flag of a query argument (``max_steps`` → ``--max-steps``)."""
    return _QUERY_FLAGS.get(name, name)


def error_text(exc: SupportLadderError) -> str:
    """Return the message of an error, every line of it under ``supportladder: error:``.

    A file's problems come one per line; a single problem is shown on one line.
    """
    message = exc.explain(flag) if isinstance(exc, QueryArgumentError) else str(exc)
    lines = message.splitlines() or [""]
    if len(lines) == 2 and lines[0].endswith(": 1 problem found"):
        lines = [lines[1].removeprefix("  - ")]
    return "\n".join([f"supportladder: error: {lines[0]}", *lines[1:]])


def no_route(exc: NoPathError) -> int:
    """Report that no route satisfies the query, naming flags; return the exit code."""
    message = exc.explain(flag)
    print(f"supportladder: {message}", file=sys.stderr)
    return EXIT_NO_RESULT


def missing(command: str, what: str) -> int:
    """Report a missing positional argument; return the exit code."""
    print(f"supportladder: {command} needs {what}", file=sys.stderr)
    return EXIT_BAD_INPUT

"""The arguments commands share: their types, the options that recur, and reading them back.

Each ``add_*`` function adds one option (or one group that always goes together) to a
command's parser, so an option recurring in several commands is written once.  The types
raise :class:`argparse.ArgumentTypeError`, which argparse turns into a usage error (exit 2).
"""

from __future__ import annotations

import argparse
import math
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from supportladder.cli._common import load_graph, wording
from supportladder.errors import QueryArgumentError
from supportladder.io import DEFAULT_GRAPH
from supportladder.queries._options import PROFILE

if TYPE_CHECKING:
    from supportladder.cli._wording import Wording
    from supportladder.graph import CareerGraph

__all__ = [
    "add_all_option",
    "add_filter_options",
    "add_graph_option",
    "add_json_option",
    "add_kinds_option",
    "add_limit_options",
    "add_output_options",
    "add_profile_option",
    "add_query_options",
    "add_route_ends",
    "avoid_arg",
    "cost_arg",
    "count_arg",
    "endpoints",
    "kinds_arg",
    "parsed",
    "positive_arg",
    "profile_of",
    "query_options",
    "route_query",
]

_T = TypeVar("_T")


# ---------------------------------------------------------------------- types
def parsed(text: str, convert: Callable[[str], _T], message: str) -> _T:
    """Return ``convert(text)``; a ``ValueError`` becomes a usage error saying ``message``."""
    try:
        return convert(text)
    except ValueError:
        raise argparse.ArgumentTypeError(message) from None


def count_arg(text: str) -> int:
    """Return a whole number of 0 or more."""
    value = parsed(text, int, f"expected a whole number, got {text!r}")
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


def positive_arg(text: str) -> int:
    """Return a whole number of 1 or more."""
    value = count_arg(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def cost_arg(text: str) -> float:
    """Return a finite number of 0 or more (a cost, a budget)."""
    value = parsed(text, float, f"expected a number, e.g. 2.5, got {text!r}")
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(
            f"expected a finite number of 0 or more (below 1e308), got {text!r}"
        )
    return value


def kinds_arg(text: str) -> list[str]:
    """Return kinds of move given separated by commas."""
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    if not kinds:
        raise argparse.ArgumentTypeError(
            f"expected kinds separated by commas, e.g. upward,lateral; got {text!r}"
        )
    return kinds


def avoid_arg(text: str) -> dict[str, object]:
    """Return requirements to avoid: ``name`` or ``name=value``, separated by commas."""
    out: dict[str, object] = {}
    for item in (i.strip() for i in text.split(",")):
        if not item:
            continue
        name, _, value = item.partition("=")
        value = value.strip()
        out[name.strip()] = (int(value) if value.isdigit() else value) if value else None
    if not out:
        raise argparse.ArgumentTypeError(
            f"expected requirement names, e.g. assessment,education=bachelor; got {text!r}"
        )
    return out


# ---------------------------------------------------------------------- options
def add_graph_option(p: argparse.ArgumentParser) -> None:
    """Add ``-g/--graph G``: the graph to read."""
    p.add_argument(
        "-g",
        "--graph",
        default=DEFAULT_GRAPH,
        metavar="G",
        help=f"a bundled graph name or a .toml file (default: {DEFAULT_GRAPH})",
    )


def add_json_option(p: argparse.ArgumentParser) -> None:
    """Add ``--json``."""
    p.add_argument("--json", action="store_true", help="print JSON")


def add_all_option(p: argparse.ArgumentParser) -> None:
    """Add ``--all``: list in full what text output summarises."""
    p.add_argument(
        "--all",
        action="store_true",
        help="list every skill gap and row; text output summarises long lists by default "
        "(JSON always has everything)",
    )


def add_kinds_option(
    p: argparse.ArgumentParser,
    help: str = "use only these kinds of move, comma-separated: upward,lateral,cross-industry",
) -> None:
    """Add ``--kinds KINDS``."""
    p.add_argument("--kinds", type=kinds_arg, metavar="KINDS", help=help)


def add_filter_options(p: argparse.ArgumentParser) -> None:
    """Add the move filters ``--max-step-cost X`` and ``--avoid REQS``."""
    p.add_argument(
        "--max-step-cost",
        type=cost_arg,
        metavar="X",
        help="leave out any single move costlier than X",
    )
    p.add_argument(
        "--avoid",
        type=avoid_arg,
        metavar="REQS",
        help="leave out moves with these requirements, e.g. assessment,education=bachelor",
    )


def add_query_options(p: argparse.ArgumentParser) -> None:
    """Add the options of a route query: graph, kinds, filters, ``--all`` and ``--json``."""
    add_graph_option(p)
    add_kinds_option(p)
    add_filter_options(p)
    add_all_option(p)
    add_json_option(p)


def add_output_options(
    p: argparse.ArgumentParser, help: str, *, required: bool, what: str = "output file"
) -> None:
    """Add ``-o/--output FILE`` and ``--force`` (to overwrite an existing ``what``)."""
    p.add_argument("-o", "--output", required=required, metavar="FILE", help=help)
    p.add_argument("--force", action="store_true", help=f"overwrite an existing {what}")


def add_limit_options(p: argparse.ArgumentParser) -> None:
    """Add ``--budget`` and ``--max-steps``, the limits of reach and feeder queries."""
    p.add_argument("--budget", type=cost_arg, metavar="X", help="largest total cost of a route")
    p.add_argument(
        "--max-steps", type=count_arg, metavar="N", help="largest number of moves of a route"
    )


def add_profile_option(p: argparse.ArgumentParser) -> None:
    """Add ``--from-profile FILE.toml``: start from a person's skills."""
    p.add_argument(
        "--from-profile",
        metavar="FILE.toml",
        help="start from a person's skills instead of a role: a TOML table of skill id to "
        "level name or number (then give only TO)",
    )


def add_route_ends(p: argparse.ArgumentParser) -> None:
    """Add ``FROM [TO]`` and ``--from-profile`` (then the one positional is TO)."""
    p.add_argument("source", metavar="FROM", help="start role (or TO, with --from-profile)")
    p.add_argument("target", metavar="TO", nargs="?", help="goal role: id, title or alias")
    add_profile_option(p)


# ---------------------------------------------------------------------- reading them
def query_options(args: argparse.Namespace) -> dict[str, Any]:
    """Return the keyword arguments of a query from ``--kinds``, the filters, ``--weight``."""
    weight = getattr(args, "weight", "cost")  # path --weight observed|months|cost
    return {
        "kinds": args.kinds,
        "max_step_cost": args.max_step_cost,
        "avoid": args.avoid,
        **({} if weight == "cost" else {"weight": weight}),
    }


def profile_of(path: str) -> dict[str, Any]:
    """Return a skill profile read from a TOML file: a table of skill id to level."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise QueryArgumentError(
            f"--from-profile {path!r}: cannot read it ({exc}); write a TOML table of skill id "
            'to level, e.g. communication = "good"'
        ) from None
    return data


def endpoints(g: CareerGraph, args: argparse.Namespace) -> tuple[Any, str, str | None]:
    """Return a query's source (role id or profile), its id, and the target as typed.

    With ``--from-profile`` the first positional is the target (``path --from-profile me.toml
    TO``); without it, the positionals are FROM and TO.
    """
    if args.from_profile is not None:
        return profile_of(args.from_profile), PROFILE, args.source
    if args.source is None:
        raise QueryArgumentError("give a start role FROM, or --from-profile FILE.toml")
    role = g.role(args.source).id
    return role, role, getattr(args, "target", None)


def route_query(args: argparse.Namespace) -> tuple[CareerGraph, Wording, Any, str, str | None]:
    """Return the graph, its wording, and the query's ends as :func:`endpoints` gives them."""
    g = load_graph(args)
    return g, wording(g, args), *endpoints(g, args)

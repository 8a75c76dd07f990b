"""The ``plot`` command: a graph drawn as a ladder diagram, written as .png, .svg or .pdf."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supportladder.cli import _options as opt
from supportladder.cli._common import (
    EXIT_NO_RESULT,
    EXIT_OK,
    OutputError,
    UsageError,
    add_command,
    load_graph,
    refuse_overwrite,
)
from supportladder.errors import NoPathError, QueryArgumentError
from supportladder.graph import CareerGraph
from supportladder.io import _atomic as atomic

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from supportladder.queries import Path as Route

__all__ = ["add_commands", "cmd_plot"]

_PLOT_SUFFIXES = (".png", ".svg", ".pdf")
_DPI = (10, 600)


def add_commands(sub: Any) -> None:
    """Add ``plot`` to the subcommands ``sub``."""
    p = add_command(sub, "plot", cmd_plot, help="draw a graph as a ladder diagram")
    opt.add_graph_option(p)
    p.add_argument(
        "--path",
        nargs=2,
        metavar=("FROM", "TO"),
        help="highlight the cheapest route between two roles",
    )
    opt.add_kinds_option(
        p,
        help="draw (and route through) only these kinds of move, separated by commas: "
        "upward, lateral, cross-industry",
    )
    p.add_argument(
        "--lang",
        default="en",
        help="language of the titles, e.g. zh (default: en); `supportladder graphs` lists "
        "the languages of each bundled graph, `roles --json` those of a file",
    )
    p.add_argument(
        "--dpi",
        type=_dpi_arg,
        default=150,
        help=f"resolution of a .png, {_DPI[0]} to {_DPI[1]} (default: 150)",
    )
    p.add_argument("--focus", metavar="ROLE", help="draw only ROLE and its neighbourhood")
    p.add_argument(
        "--radius",
        type=int,
        default=1,
        metavar="N",
        help="with --focus: roles within N moves (default: 1)",
    )
    p.add_argument(
        "--context",
        type=int,
        metavar="N",
        help="with --path: draw only the route and the roles within N moves of it",
    )
    p.add_argument(
        "--tracks",
        type=lambda text: [t.strip() for t in text.split(",") if t.strip()],
        metavar="TRACKS",
        help="draw only roles of these tracks, separated by commas",
    )
    opt.add_output_options(p, "image file: .png, .svg or .pdf", required=True)


def _dpi_arg(text: str) -> int:
    bad = f"{text[:20]!r} is not a resolution: use a whole number from {_DPI[0]} to {_DPI[1]}"
    value = opt.parsed(text, int, bad)
    if not _DPI[0] <= value <= _DPI[1]:
        raise argparse.ArgumentTypeError(bad)
    return value


def cmd_plot(args: argparse.Namespace) -> int:
    target = Path(args.output)
    suffix = target.suffix.lower()
    if suffix not in _PLOT_SUFFIXES:
        raise UsageError(
            f"cannot tell the image format from the suffix {target.suffix or '(none)'!r} of "
            f"{args.output}; use one of {', '.join(_PLOT_SUFFIXES)}"
        )
    refuse_overwrite(args.output, args.force)
    g = load_graph(args)
    path = None
    if args.path:
        from supportladder.queries import shortest_path

        try:
            path = shortest_path(g, args.path[0], args.path[1], kinds=args.kinds)
        except NoPathError as exc:
            print(f"supportladder: {exc}", file=sys.stderr)
            return EXIT_NO_RESULT
    import matplotlib

    matplotlib.use("Agg")
    fig = _draw(g, args, path)
    _save(fig, target, args)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _draw(g: CareerGraph, args: argparse.Namespace, path: Route | None) -> Figure:
    """Return the diagram, printing any font warning and how much of it is translated."""
    import warnings

    from supportladder.plot import DiagramTooLargeError, FontFallbackWarning, plot_graph

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontFallbackWarning)
        try:
            fig, _ = plot_graph(
                g,
                path=path,
                kinds=args.kinds,
                lang=args.lang,
                focus=args.focus,
                radius=args.radius,
                context=args.context,
                tracks=args.tracks,
            )
        except DiagramTooLargeError as exc:
            raise UsageError(exc.explain(_plot_flag)) from None
        except QueryArgumentError:
            raise  # worded with the flag typed, as for the query commands
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    for warning in caught:
        print(f"supportladder: warning: {warning.message}", file=sys.stderr)
    if args.lang != "en" and not caught:
        from supportladder.plot._words import partly_translated

        done, total = partly_translated(g, args.lang)
        if 0 < done < total:
            print(
                f"supportladder: note: {done} of {total} roles have a title in "
                f"{args.lang!r}; the others are drawn in English",
                file=sys.stderr,
            )
    return fig


def _save(fig: Figure, target: Path, args: argparse.Namespace) -> None:
    """Write the figure to ``target`` at once (or not at all), then close it."""
    import matplotlib
    import matplotlib.pyplot as plt

    suffix = target.suffix.lower()
    try:
        with (
            matplotlib.rc_context({"svg.hashsalt": "supportladder"}),  # stable SVG ids
            atomic.replacing(target) as tmp,
        ):
            fig.savefig(tmp, format=suffix[1:], dpi=args.dpi, metadata=_plot_metadata(suffix))
    except OSError as exc:
        raise OutputError(args.output, exc) from None
    finally:
        plt.close(fig)


def _plot_flag(option: str) -> str:
    if option == "path":
        return "--path FROM TO"
    if option == "figsize":
        return "figure (plot it from Python with figsize=) than"
    return f"--{option} "


def _plot_metadata(suffix: str) -> dict[str, Any]:
    # No timestamps: the same graph gives the same file.
    if suffix == ".svg":
        return {"Date": None}
    if suffix == ".pdf":
        return {"CreationDate": None, "ModDate": None}
    return {}

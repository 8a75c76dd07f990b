"""The ``supportladder`` command line.

Exit codes: 0 ok, 1 no result, 2 bad input (unknown role, bad file, bad arguments) or an
output that cannot be written, with a message starting ``supportladder: error:`` and no
traceback.  ``--json`` prints machine-readable output whose shapes are part of the public
contract.
"""

from __future__ import annotations

import argparse
import errno
import json
import math
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from supportladder.cli import _planning as cli_planning
from supportladder.cli._help import about
from supportladder.cli._table import render
from supportladder.cli._wording import Wording, wrap
from supportladder.errors import (
    GraphFileError,
    NoPathError,
    QueryArgumentError,
    SupportLadderError,
)
from supportladder.graph import CareerGraph
from supportladder.io import DEFAULT_GRAPH, bundled, load
from supportladder.io import _atomic as atomic

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


def _refuse_overwrite(output: str, force: bool) -> Path:
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


def _write_output(text: str, output: str | None, force: bool) -> None:
    text = text if text.endswith("\n") else text + "\n"
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    target = _refuse_overwrite(output, force)
    try:
        atomic.write_text(target, text)
    except OSError as exc:
        raise OutputError(output, exc) from None
    print(f"wrote {output}", file=sys.stderr)


class OutputError(SupportLadderError):
    """An output (a file, or standard output) cannot be written (exit 2)."""

    def __init__(self, output: str, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        fix = "; free some space or write elsewhere" if exc.errno == errno.ENOSPC else ""
        super().__init__(f"cannot write {output}: {reason}{fix}")


# ---------------------------------------------------------------------- commands
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
        _print_json(rows)
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
    g = _graph(args)
    w = _wording(g, args)
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
            print(_error_text(exc), file=sys.stderr)
            status = EXIT_BAD_INPUT
        else:
            print(f"{path}: ok")
    return status


def cmd_export(args: argparse.Namespace) -> int:
    from supportladder import export

    g = _graph(args)
    writers: dict[str, Callable[[CareerGraph], str]] = {
        "dot": export.to_dot,
        "mermaid": export.to_mermaid,
        "graphml": export.to_graphml,
        "json": export.to_json,
        "html": lambda graph: export.to_html(graph),
    }
    _write_output(writers[args.format](g), args.output, args.force)
    return EXIT_OK


_PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def cmd_plot(args: argparse.Namespace) -> int:
    target = Path(args.output)
    suffix = target.suffix.lower()
    if suffix not in _PLOT_SUFFIXES:
        raise UsageError(
            f"cannot tell the image format from the suffix {target.suffix or '(none)'!r} of "
            f"{args.output}; use one of {', '.join(_PLOT_SUFFIXES)}"
        )
    _refuse_overwrite(args.output, args.force)
    g = _graph(args)
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
    import warnings

    import matplotlib.pyplot as plt

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
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _plot_flag(option: str) -> str:
    if option == "path":
        return "--path FROM TO"
    if option == "figsize":
        return "figure (plot it from Python with figsize=) than"
    return f"--{option} "


_DPI = (10, 600)


def _dpi_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not _DPI[0] <= value <= _DPI[1]:
        raise argparse.ArgumentTypeError(
            f"{text[:20]!r} is not a resolution: use a whole number from {_DPI[0]} to {_DPI[1]}"
        )
    return value


def _plot_metadata(suffix: str) -> dict[str, Any]:
    # No timestamps: the same graph gives the same file.
    if suffix == ".svg":
        return {"Date": None}
    if suffix == ".pdf":
        return {"CreationDate": None, "ModDate": None}
    return {}


def cmd_import(args: argparse.Namespace) -> int:
    from supportladder.importers import esco, moves, onet
    from supportladder.importers._tables import ProgressBar
    from supportladder.io import save

    target = _refuse_overwrite(args.output, args.force)
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


# ---------------------------------------------------------------------- queries (issue 3)
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


def _flag(name: str) -> str:
    return _QUERY_FLAGS.get(name, name)


def _kinds_arg(text: str) -> list[str]:
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    if not kinds:
        raise argparse.ArgumentTypeError(
            f"expected kinds separated by commas, e.g. upward,lateral; got {text!r}"
        )
    return kinds


def _avoid_arg(text: str) -> dict[str, object]:
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


def _cost_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, e.g. 2.5, got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(
            f"expected a finite number of 0 or more (below 1e308), got {text!r}"
        )
    return value


def _positive_arg(text: str) -> int:
    value = _count_arg(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def _query_options(args: argparse.Namespace) -> dict[str, Any]:
    weight = getattr(args, "weight", "cost")  # path --weight observed|months|cost
    return {
        "kinds": args.kinds,
        "max_step_cost": args.max_step_cost,
        "avoid": args.avoid,
        **({} if weight == "cost" else {"weight": weight}),
    }


def _say(text: str) -> None:
    """Print a line of text wrapped to the terminal (at most 100 columns)."""
    end = "\n" if text.endswith("\n") else ""
    print("\n".join(wrap(text.rstrip("\n"))) + end)


def _wording(g: CareerGraph, args: argparse.Namespace) -> Wording:
    return Wording(g, full=getattr(args, "all", False))


def _role_label(g: CareerGraph, role_id: str) -> str:
    return Wording(g).label(role_id)


def _moves_text(
    g: CareerGraph, steps: Sequence[Any], *, numbered: bool = True, explain: bool = False
) -> str:
    """Return moves as blocks (title line, kind and cost, skills, requirements), wrapped."""
    return Wording(g).moves(steps, numbered=numbered, explain=explain)


def _no_route(exc: NoPathError) -> int:
    message = exc.explain(_flag)
    print(f"supportladder: {message}", file=sys.stderr)
    return EXIT_NO_RESULT


def cmd_path(args: argparse.Namespace) -> int:
    from supportladder import queries

    g = _graph(args)
    w = _wording(g, args)
    start, source, target_ref = cli_planning.endpoints(g, args)
    if target_ref is None:
        return cli_planning.missing("path", "TO")
    target = g.role(target_ref).id
    try:
        routes = queries.alternative_paths(
            g, start, target, args.alternatives, **_query_options(args)
        )
    except NoPathError as exc:
        return _no_route(exc)
    if args.json:
        _print_json(
            {
                "graph": g.name,
                "source": source,
                "target": target,
                "requested": args.alternatives,
                "found": len(routes),
                "paths": [w.path_json(p) for p in routes],
                **w.names_json([source, target], [s for p in routes for s in p.steps]),
            }
        )
        return EXIT_OK
    _say(f"{w.label(source)} → {w.label(target)}, graph {g.name}")
    if len(routes) < args.alternatives:
        print(
            f"only {len(routes)} loop-free route{'s' if len(routes) != 1 else ''} "
            f"under these filters (--alternatives asked for {args.alternatives})"
        )
    for n, p in enumerate(routes, 1):
        moves = len(p.steps)
        print(f"\nroute {n}: cost {p.cost:g}, {moves} move{'s' if moves != 1 else ''}")
        if p.steps:
            print(w.moves(p.steps, explain=args.explain))
    return EXIT_OK


def _reach_relax(g: CareerGraph, source: Any, options: dict[str, Any]) -> list[str]:
    from supportladder import queries

    return [
        name
        for name, value in options.items()
        if value is not None and queries.reachable_roles(g, source, **{**options, name: None})
    ]


def cmd_reachable(args: argparse.Namespace) -> int:
    from supportladder import queries

    g = _graph(args)
    start, source, _ = cli_planning.endpoints(g, args)
    options = {"budget": args.budget, "max_steps": args.max_steps, **_query_options(args)}
    reach = queries.reachable_roles(g, start, **options)
    if not reach:
        used = {k: v for k, v in options.items() if v is not None}
        where = f"no role is reachable from {_role_label(g, source)} in graph {g.name!r}"
        if not used:
            print(
                f"supportladder: {where}: it has no moves out, so there is nothing to relax",
                file=sys.stderr,
            )
        else:
            shown = ", ".join(f"{_flag(k)} {_shown(v)}" for k, v in used.items())
            relax = _reach_relax(g, start, options)
            advice = (
                "relax " + " or ".join(_flag(r) for r in relax)
                if relax
                else "relax several of " + ", ".join(_flag(k) for k in used)
            )
            print(f"supportladder: {where} with {shown}; {advice}", file=sys.stderr)
        return EXIT_NO_RESULT
    w = _wording(g, args)
    if args.json:
        ids = [source, *(role for r in reach for role in r.path.roles)]
        _print_json(
            {"graph": g.name, "source": source, "roles": reach.to_dict(), **w.names_json(ids)}
        )
        return EXIT_OK
    _say(f"reachable from {w.label(source)}, graph {g.name}: {len(reach)} roles, cheapest first")
    count = w.rows_shown(len(reach))
    rows = [[r.role, w.title(r.role), f"{r.cost:g}", r.steps] for r in reach[:count]]
    print(render(["role", "title", "cost", "moves"], rows, right=(2, 3), shrink=1))
    more = w.more_rows(count, len(reach), "roles")
    if more:
        print(more)
    print("(`supportladder path FROM ROLE` shows the route to one of them)")
    return EXIT_OK


def _shown(value: object) -> str:
    if isinstance(value, list):
        return ",".join(map(str, value))
    if isinstance(value, dict):
        return ",".join(k if v is None else f"{k}={v}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def cmd_bottlenecks(args: argparse.Namespace) -> int:
    from supportladder import queries

    g = _graph(args)
    w = _wording(g, args)
    source, target = g.role(args.source).id, g.role(args.target).id
    try:
        b = queries.bottlenecks(g, source, target, **_query_options(args))
    except NoPathError as exc:
        return _no_route(exc)
    hard, smooth = b.hardest_step, b.smoothest_path
    if args.json:
        data = b.to_dict()
        data["hardest_step"] = None if hard is None else w.step_json(hard)
        data["shortest_path"] = w.path_json(b.shortest_path)
        data["smoothest_path"] = {**data["smoothest_path"], **w.path_json(smooth)}
        steps = [*b.shortest_path.steps, *smooth.steps]
        _print_json({"graph": g.name, **data, **w.names_json([source, target], steps)})
        return EXIT_OK
    _say(f"{w.label(source)} → {w.label(target)}, graph {g.name}\n")
    gates = " → ".join(w.label(r) for r in b.gateways) or "none"
    _say(f"gateways (on every route): {gates}")
    critical = ", ".join(f"{w.title(u)} → {w.title(v)}" for u, v in b.critical_transitions)
    _say(f"critical moves (on every route): {critical or 'none'}")
    if hard is not None:
        print(f"\nhardest move of the cheapest route (cost {b.shortest_path.cost:g}):")
        print(w.moves([hard], numbered=False))
    print(f"\nsmoothest route: cost {smooth.cost:g}, costliest move {smooth.max_step_cost:g}")
    if smooth.steps:
        print(w.route(smooth.steps))
    return EXIT_OK


def cmd_chokepoints(args: argparse.Namespace) -> int:
    from supportladder import queries

    if args.seed is not None and args.sample is None:
        raise UsageError(f"--seed {args.seed} picks sampled roles; add --sample K, or drop it")
    g = _graph(args)
    seed = 0 if args.seed is None else args.seed
    ranked = queries.chokepoints(g, top=args.top, kinds=args.kinds, sample=args.sample, seed=seed)
    if args.json:
        roles = [role for role, _ in ranked]
        _print_json(
            {
                "graph": g.name,
                "sample": args.sample,
                "seed": seed if args.sample is not None else None,
                "roles": ranked.to_dict(),
                **Wording(g).names_json(roles),
            }
        )
        return EXIT_OK
    print(f"chokepoints of graph {g.name} (share of cheapest routes through each role)")
    if args.sample is not None:
        print(f"estimated from {args.sample} sampled start roles (seed {seed})")
    rows = [
        [n, role, g.role(role).title, f"{score:.4f}"] for n, (role, score) in enumerate(ranked, 1)
    ]
    print(render(["#", "role", "title", "score"], rows, right=(0, 3), shrink=2))
    return EXIT_OK


# ---------------------------------------------------------------------- parser
def _plot_args(p: argparse.ArgumentParser) -> None:
    """Add the options of ``supportladder plot``."""
    p.add_argument(
        "--path",
        nargs=2,
        metavar=("FROM", "TO"),
        help="highlight the cheapest route between two roles",
    )
    p.add_argument(
        "--kinds",
        type=_kinds_arg,
        metavar="KINDS",
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
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="image file: .png, .svg or .pdf"
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")


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
    all_opt = _Parser(add_help=False)
    all_opt.add_argument(
        "--all",
        action="store_true",
        help="list every skill gap and row; text output summarises long lists by default "
        "(JSON always has everything)",
    )

    p = sub.add_parser(
        "graphs", parents=[json_opt], help="list the bundled graphs", **about("graphs")
    )
    p.set_defaults(func=cmd_graphs)

    p = sub.add_parser(
        "roles",
        parents=[graph_opt, all_opt, json_opt],
        help="list the roles of a graph",
        **about("roles"),
    )
    p.set_defaults(func=cmd_roles)

    p = sub.add_parser(
        "validate", help="check graph files and list every problem", **about("validate")
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="graph files (.toml)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "export", parents=[graph_opt], help="write a graph in another format", **about("export")
    )
    p.add_argument(
        "--format",
        required=True,
        choices=["dot", "mermaid", "graphml", "json", "html"],
        help="output format: Graphviz DOT, Mermaid flowchart, GraphML, node-link JSON, or an "
        "interactive HTML map (one self-contained file)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "plot", parents=[graph_opt], help="draw a graph as a ladder diagram", **about("plot")
    )
    _plot_args(p)
    p.set_defaults(func=cmd_plot)

    p = sub.add_parser(
        "import", help="build a graph file from O*NET, ESCO or observed moves", **about("import")
    )
    isub = p.add_subparsers(dest="source", metavar="SOURCE", parser_class=_Parser)
    isub.required = True
    out_opt = _Parser(add_help=False)
    out_opt.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="graph file to write (.toml)"
    )
    out_opt.add_argument("--force", action="store_true", help="overwrite an existing file")
    near_opt = _Parser(add_help=False)
    near_opt.add_argument(
        "--neighbours",
        type=_count_arg,
        default=20,
        metavar="K",
        help="moves out of each occupation, to its K most similar ones (default: 20)",
    )
    q = isub.add_parser("onet", parents=[out_opt, near_opt], help="an O*NET release (text files)")
    q.add_argument("directory", metavar="DIR", help="folder of the O*NET text release")
    q.add_argument(
        "--no-ladder",
        action="store_true",
        help="bare similarity neighbours, without the career-ladder rules",
    )
    q.set_defaults(func=cmd_import)
    q = isub.add_parser("esco", parents=[out_opt, near_opt], help="an ESCO CSV download")
    q.add_argument("directory", metavar="DIR", help="folder of ESCO's CSV files (English)")
    q.add_argument(
        "--min-similarity",
        type=float,
        default=0.05,
        metavar="X",
        help="moves only between occupations at least this similar (default: 0.05)",
    )
    q.set_defaults(func=cmd_import)
    q = isub.add_parser("moves", parents=[out_opt], help="observed moves (a CSV file)")
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
    q.set_defaults(func=cmd_import)

    kinds_opt = _Parser(add_help=False)
    kinds_opt.add_argument(
        "--kinds",
        type=_kinds_arg,
        metavar="KINDS",
        help="use only these kinds of move, comma-separated: upward,lateral,cross-industry",
    )
    filter_opt = _Parser(add_help=False)
    filter_opt.add_argument(
        "--max-step-cost",
        type=_cost_arg,
        metavar="X",
        help="leave out any single move costlier than X",
    )
    filter_opt.add_argument(
        "--avoid",
        type=_avoid_arg,
        metavar="REQS",
        help="leave out moves with these requirements, e.g. assessment,education=bachelor",
    )
    query_parents = [graph_opt, kinds_opt, filter_opt, all_opt, json_opt]

    p = sub.add_parser(
        "path", parents=query_parents, help="the cheapest route between two roles", **about("path")
    )
    p.add_argument("source", metavar="FROM", help="start role (or TO, with --from-profile)")
    p.add_argument("target", metavar="TO", nargs="?", help="goal role: id, title or alias")
    cli_planning.add_profile_option(p)
    p.add_argument(
        "--alternatives",
        type=_positive_arg,
        default=1,
        metavar="K",
        help="show the K cheapest loop-free routes (default: 1)",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="show why each move costs what it does: the base, each skill gap's share, surplus",
    )
    p.add_argument(
        "--weight",
        choices=("cost", "observed", "months"),
        default="cost",
        help="cost: skill deltas (default); observed: the most likely route (-log probability); "
        "months: the quickest (median months in role); these two use observed moves only",
    )
    p.set_defaults(func=cmd_path)

    p = sub.add_parser(
        "reachable",
        parents=query_parents,
        help="roles reachable within a budget or moves",
        **about("reachable"),
    )
    p.add_argument("source", metavar="FROM", nargs="?", help="start role: id, title or alias")
    cli_planning.add_profile_option(p)
    p.add_argument("--budget", type=_cost_arg, metavar="X", help="largest total cost of a route")
    p.add_argument(
        "--max-steps", type=_count_arg, metavar="N", help="largest number of moves of a route"
    )
    p.set_defaults(func=cmd_reachable)

    p = sub.add_parser(
        "bottlenecks",
        parents=query_parents,
        help="gateways, critical and hardest moves",
        **about("bottlenecks"),
    )
    p.add_argument("source", metavar="FROM", help="start role: id, title or alias")
    p.add_argument("target", metavar="TO", help="goal role: id, title or alias")
    p.set_defaults(func=cmd_bottlenecks)

    p = sub.add_parser(
        "chokepoints",
        parents=[graph_opt, kinds_opt, json_opt],
        help="roles the most cheapest routes pass through",
        **about("chokepoints"),
    )
    p.add_argument(
        "--top",
        type=_positive_arg,
        metavar="N",
        help="show only the first N roles (default: every role)",
    )
    p.add_argument(
        "--sample",
        type=_positive_arg,
        metavar="K",
        help="estimate from K start roles, as networkx's k= does (for large graphs)",
    )
    p.add_argument(
        "--seed",
        type=_count_arg,
        metavar="S",
        help="which start roles --sample picks (default 0: the same roles every run)",
    )
    p.set_defaults(func=cmd_chokepoints)
    cli_planning.add_commands(sub, query_parents, _count_arg)
    return parser


def _count_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
        sys.stdout.flush()  # a full disk or closed pipe shows here, not at exit
    except SupportLadderError as exc:
        print(_error_text(exc), file=sys.stderr)
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


def _error_text(exc: SupportLadderError) -> str:
    """Return the message of an error, every line of it under ``supportladder: error:``.

    A file's problems come one per line; a single problem is shown on one line.
    """
    message = exc.explain(_flag) if isinstance(exc, QueryArgumentError) else str(exc)
    lines = message.splitlines() or [""]
    if len(lines) == 2 and lines[0].endswith(": 1 problem found"):
        lines = [lines[1].removeprefix("  - ")]
    return "\n".join([f"supportladder: error: {lines[0]}", *lines[1:]])


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

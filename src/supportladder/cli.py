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

from supportladder._private import atomic, cli_planning
from supportladder._private.table import render
from supportladder.errors import GraphFileError, NoPathError, SupportLadderError
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


def _refuse_overwrite(output: str, force: bool) -> Path:
    """Return the output path; refuse an existing file unless ``--force`` was given."""
    target = Path(output)
    if target.exists() and not force:
        raise UsageError(f"{output} already exists; pass --force to overwrite it")
    if target.is_dir():
        raise UsageError(f"{output} is a folder; give a file name")
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
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
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
    writers: dict[str, Callable[[CareerGraph], str]] = {
        "dot": export.to_dot,
        "mermaid": export.to_mermaid,
        "graphml": export.to_graphml,
        "json": export.to_json,
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

    from supportladder.plot import FontFallbackWarning, plot_graph

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontFallbackWarning)
        try:
            fig, _ = plot_graph(g, path=path, kinds=args.kinds, lang=args.lang)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    for warning in caught:
        print(f"supportladder: warning: {warning.message}", file=sys.stderr)
    try:
        with (
            matplotlib.rc_context({"svg.hashsalt": "supportladder"}),  # stable SVG ids
            atomic.replacing(target) as tmp,
        ):
            fig.savefig(tmp, format=suffix[1:], dpi=args.dpi, metadata=_plot_metadata(suffix))
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror}") from None
    finally:
        plt.close(fig)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _plot_metadata(suffix: str) -> dict[str, Any]:
    # No timestamps: the same graph gives the same file.
    if suffix == ".svg":
        return {"Date": None}
    if suffix == ".pdf":
        return {"CreationDate": None, "ModDate": None}
    return {}


def cmd_import(args: argparse.Namespace) -> int:
    from supportladder._private.importing import ProgressBar
    from supportladder.importers import esco, moves, onet
    from supportladder.io import save

    target = _refuse_overwrite(args.output, args.force)
    bar = ProgressBar()
    try:
        if args.source == "onet":
            result: Any = onet.read(args.directory, neighbours=args.neighbours, progress=bar)
        elif args.source == "esco":
            result = esco.read(args.directory, neighbours=args.neighbours, progress=bar)
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
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(result.report.summary(), file=sys.stderr)
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


def _role_label(g: CareerGraph, role_id: str) -> str:
    if role_id == cli_planning.PROFILE:
        return "your skill profile"
    return f"{g.role(role_id).title} ({role_id})"


def _level(g: CareerGraph, value: float) -> str:
    return g.scale.name_of(value) or f"{value:g}"


def _gap_label(g: CareerGraph, gap: Any) -> str:
    """Return one gap as ``Name from (imputed) → to``: the one wording of a skill gap."""
    mark = " (imputed)" if gap.imputed else ""
    return f"{g.skill(gap.skill).name} {_level(g, gap.from_)}{mark} → {_level(g, gap.to)}"


def _skills_to_build(g: CareerGraph, step: Any) -> str:
    return ", ".join(_gap_label(g, gap) for gap in step.gaps) or "-"


def _requires(step: Any) -> str:
    from supportladder.queries import requirement_text

    return requirement_text(step.requirements) or "-"


def _helps(step: Any) -> str:
    from supportladder.queries import requirement_text

    advantages = getattr(step, "advantages", None)
    return (requirement_text(advantages) if advantages else "") or "-"


def _explained(g: CareerGraph, step: Any) -> str:
    """Return a move's skill-delta breakdown: base, each gap's share, surplus."""
    parts = [f"base {step.base:g}"]
    parts.extend(f"{_gap_label(g, gap)} +{gap.cost:g}" for gap in step.gaps)
    if step.surplus:
        parts.append(f"surplus +{step.surplus:g}")
    return ", ".join(parts)


def _steps_table(g: CareerGraph, path: Any, *, explain: bool = False) -> str:
    """Return a route's moves as numbered blocks, wrapped to the terminal width."""
    return _moves_text(g, path.steps, explain=explain)


def _moves_text(
    g: CareerGraph, steps: Sequence[Any], *, numbered: bool = True, explain: bool = False
) -> str:
    """Return moves as blocks (title line, kind and cost, skills, requirements), wrapped."""
    import shutil
    import textwrap

    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
    lines = []
    for i, s in enumerate(steps, 1):
        mark = f"{i}. " if numbered else "- "
        lines.append(f"  {mark}{cli_planning.title(g, s.source)} → {g.role(s.target).title}")
        indent = " " * (len(mark) + 2)
        lines.append(f"{indent}{s.kind} move, cost {s.cost:g}")
        if getattr(s, "observed", None) is not None:
            lines.append(indent + cli_planning.observed_text(s))
        rows = [
            ("cost", _explained(g, s)) if explain else ("skills to build", _skills_to_build(g, s)),
            ("requires", _requires(s)),
            ("helps", _helps(s)),
        ]
        for label, text in rows:
            if text != "-":
                lines.extend(
                    textwrap.wrap(
                        f"{label}: {text}",
                        width=width,
                        initial_indent=indent,
                        subsequent_indent=indent + "  ",
                        break_on_hyphens=False,
                    )
                )
    return "\n".join(lines)


def _no_route(exc: NoPathError) -> int:
    message = exc.explain(_flag)
    print(f"supportladder: {message}", file=sys.stderr)
    return EXIT_NO_RESULT


def cmd_path(args: argparse.Namespace) -> int:
    from supportladder import queries

    g = _graph(args)
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
                "paths": [p.to_dict() for p in routes],
            }
        )
        return EXIT_OK
    print(f"{_role_label(g, source)} → {_role_label(g, target)}, graph {g.name}")
    for n, p in enumerate(routes, 1):
        moves = len(p.steps)
        print(f"\nroute {n}: cost {p.cost:g}, {moves} move{'s' if moves != 1 else ''}")
        if p.steps:
            print(_steps_table(g, p, explain=args.explain))
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
    if args.json:
        _print_json({"graph": g.name, "source": source, "roles": reach.to_dict()})
        return EXIT_OK
    print(f"reachable from {_role_label(g, source)}, graph {g.name}")
    rows = [
        [r.role, g.role(r.role).title, f"{r.cost:g}", r.steps, " → ".join(r.path.roles[1:])]
        for r in reach
    ]
    print(render(["role", "title", "cost", "moves", "via"], rows, right=(2, 3)))
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
    source, target = g.role(args.source).id, g.role(args.target).id
    try:
        b = queries.bottlenecks(g, source, target, **_query_options(args))
    except NoPathError as exc:
        return _no_route(exc)
    if args.json:
        _print_json({"graph": g.name, **b.to_dict()})
        return EXIT_OK
    print(f"{_role_label(g, source)} → {_role_label(g, target)}, graph {g.name}\n")
    gates = " → ".join(_role_label(g, r) for r in b.gateways) or "none"
    print(f"gateways (on every route): {gates}")
    critical = ", ".join(
        f"{g.role(u).title} → {g.role(v).title}" for u, v in b.critical_transitions
    )
    print(f"critical moves (on every route): {critical or 'none'}")
    hard = b.hardest_step
    if hard is not None:
        print(f"\nhardest move of the cheapest route (cost {b.shortest_path.cost:g}):")
        print(_moves_text(g, [hard], numbered=False))
    smooth = b.smoothest_path
    print(f"\nsmoothest route: cost {smooth.cost:g}, costliest move {smooth.max_step_cost:g}")
    if smooth.steps:
        print(_steps_table(g, smooth))
    return EXIT_OK


def cmd_chokepoints(args: argparse.Namespace) -> int:
    from supportladder import queries

    if args.seed is not None and args.sample is None:
        raise UsageError(f"--seed {args.seed} picks sampled roles; add --sample K, or drop it")
    g = _graph(args)
    seed = 0 if args.seed is None else args.seed
    ranked = queries.chokepoints(g, top=args.top, kinds=args.kinds, sample=args.sample, seed=seed)
    if args.json:
        _print_json({"graph": g.name, "roles": ranked.to_dict()})
        return EXIT_OK
    print(f"chokepoints of graph {g.name} (share of cheapest routes through each role)")
    if args.sample is not None:
        print(f"estimated from {args.sample} sampled start roles (seed {seed})")
    rows = [
        [n, role, g.role(role).title, f"{score:.4f}"] for n, (role, score) in enumerate(ranked, 1)
    ]
    print(render(["#", "role", "title", "score"], rows, right=(0, 3)))
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
    p.add_argument(
        "--format",
        required=True,
        choices=["dot", "mermaid", "graphml", "json"],
        help="output format: Graphviz DOT, Mermaid flowchart, GraphML or node-link JSON",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("plot", parents=[graph_opt], help="draw a graph as a ladder diagram")
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
    p.add_argument("--lang", default="en", help="language of the titles, e.g. zh (default: en)")
    p.add_argument("--dpi", type=int, default=150, help="resolution of a .png (default: 150)")
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="image file: .png, .svg or .pdf"
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.set_defaults(func=cmd_plot)

    p = sub.add_parser("import", help="build a graph file from O*NET, ESCO or observed moves")
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
    q.set_defaults(func=cmd_import)
    q = isub.add_parser("esco", parents=[out_opt, near_opt], help="an ESCO CSV download")
    q.add_argument("directory", metavar="DIR", help="folder of ESCO's CSV files (English)")
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
        type=float,
        metavar="X",
        help="leave out any single move costlier than X",
    )
    filter_opt.add_argument(
        "--avoid",
        type=_avoid_arg,
        metavar="REQS",
        help="leave out moves with these requirements, e.g. assessment,education=bachelor",
    )
    query_parents = [graph_opt, kinds_opt, filter_opt, json_opt]

    p = sub.add_parser("path", parents=query_parents, help="the cheapest route between two roles")
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
        "--weight",
        choices=("cost", "observed", "months"),
        default="cost",
        help="cost: skill deltas (default); observed: the most likely route (-log probability); "
        "months: the quickest (median months in role); these two use observed moves only",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="show why each move costs what it does: the base, each skill gap's share, surplus",
    )
    p.set_defaults(func=cmd_path)

    p = sub.add_parser(
        "reachable", parents=query_parents, help="roles reachable within a budget or moves"
    )
    p.add_argument("source", metavar="FROM", nargs="?", help="start role: id, title or alias")
    cli_planning.add_profile_option(p)
    p.add_argument("--budget", type=float, metavar="X", help="largest total cost of a route")
    p.add_argument(
        "--max-steps", type=_count_arg, metavar="N", help="largest number of moves of a route"
    )
    p.set_defaults(func=cmd_reachable)

    p = sub.add_parser(
        "bottlenecks", parents=query_parents, help="gateways, critical and hardest moves"
    )
    p.add_argument("source", metavar="FROM", help="start role: id, title or alias")
    p.add_argument("target", metavar="TO", help="goal role: id, title or alias")
    p.set_defaults(func=cmd_bottlenecks)

    p = sub.add_parser(
        "chokepoints",
        parents=[graph_opt, kinds_opt, json_opt],
        help="roles the most cheapest routes pass through",
    )
    p.add_argument("--top", type=_positive_arg, metavar="N", help="show only the first N roles")
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

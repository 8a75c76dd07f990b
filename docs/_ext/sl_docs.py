"""Sphinx helpers for the supportladder docs.

* ``supportladder-cli`` — a directive that writes the command-line reference from
  :func:`supportladder.cli.build_parser`, one section per command, so every command and
  option is documented and the page cannot fall behind the parser.
* At ``build-finished``, :func:`check_built_pages` fails the build when a notebook page
  that draws shows no image, a page with code shows no output at all (execution off), or
  a public name (``__all__`` of a public module) has no API entry.
* At ``builder-inited``, the diagrams of the queries guide are drawn with
  :mod:`supportladder.plot` into ``docs/_generated/`` — deterministically (fixed SVG hash
  salt, no date), and rewritten only when they change.  The example graph they show is
  :func:`example_graph`; :func:`check_example` checks every number the guide quotes, so
  the build fails rather than publish a false claim.
"""

from __future__ import annotations

import argparse
import io
import os
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

HERE = Path(__file__).resolve().parent.parent  # docs/
GENERATED = HERE / "_generated"


# ---------------------------------------------------------------------- CLI reference
def _commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], str, argparse.ArgumentParser]]:
    """Return ``(words, help, parser)`` of every (sub)command, depth first, in parser order."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                words = (*prefix, name)
                found.append((words, helps.get(name, ""), sub))
                found.extend(_commands(sub, words))
    return found


def _argument_items(parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    """Return ``(term, description)`` of every argument of a parser, help excluded."""
    items = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        if action.option_strings:
            term = ", ".join(action.option_strings)
            if action.nargs != 0:
                metavar = action.metavar or action.dest.upper()
                if isinstance(metavar, tuple):
                    metavar = " ".join(metavar)
                elif action.nargs in ("+", "*"):
                    metavar = f"{metavar} ..."
                term += f" {metavar}"
        else:
            term = str(action.metavar or action.dest)
            if action.nargs in ("+", "*"):
                term += " ..."
        text = action.help or ""
        if action.choices and not isinstance(action, argparse._VersionAction):
            text += " (one of: " + ", ".join(map(str, action.choices)) + ")"
        if action.required and action.option_strings:
            text += " (required)"
        items.append((term, text % {"prog": parser.prog} if "%(" in text else text))
    return items


class CliReference(SphinxDirective):
    """Write one section per command of the ``supportladder`` parser."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from supportladder.cli import build_parser

        old = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = "88"  # argparse wraps usage lines to the terminal width
        try:
            parser = build_parser()
            out: list[nodes.Node] = [self._block(parser, parser.description or "")]
            for words, help_text, sub in _commands(parser):
                title = "supportladder " + " ".join(words)
                section = nodes.section(
                    ids=[nodes.make_id(title)], names=[nodes.fully_normalize_name(title)]
                )
                section += nodes.title(text=title)
                section += self._block(sub, help_text)
                out.append(section)
        finally:
            if old is None:
                del os.environ["COLUMNS"]
            else:
                os.environ["COLUMNS"] = old
        return out

    def _block(self, parser: argparse.ArgumentParser, help_text: str) -> nodes.Element:
        box = nodes.container()
        if help_text:
            text = help_text[0].upper() + help_text[1:]
            box += nodes.paragraph(text=text if text.endswith((".", "!", "?")) else text + ".")
        usage = parser.format_usage().strip().removeprefix("usage: ")
        usage = "\n".join(line.removeprefix(" " * len("usage: ")) for line in usage.splitlines())
        box += nodes.literal_block(usage, usage, language="text")
        items = _argument_items(parser)
        if items:
            dl = nodes.definition_list()
            for term, text in items:
                item = nodes.definition_list_item()
                item += nodes.term("", "", nodes.literal(term, term))
                body = nodes.definition()
                body += nodes.paragraph(text=text)
                item += body
                dl += item
            box += dl
        if parser.epilog and parser.epilog.startswith("examples:"):
            box += nodes.rubric(text="Examples")
            lines = "\n".join(line.strip() for line in parser.epilog.splitlines()[1:])
            box += nodes.literal_block(lines, lines, language="bash")
        elif parser.epilog:
            box += nodes.paragraph(text=parser.epilog)
        return box


# ---------------------------------------------------------------------- guide diagrams
def example_graph() -> Any:
    """The small ladder the queries guide uses to define its terms."""
    from supportladder import CareerGraph, Role, Skill, Transition, Weighting

    # The linear model (gap_exponent 1), so that the cheapest and the smoothest routes differ
    # and the guide can show both; the default exponent 2 puts the senior rung on the
    # cheapest route too (docs/weights.md).
    return CareerGraph(
        "guide-example",
        title="Example ladder",
        weighting=Weighting(gap_exponent=1),
        skills=[
            Skill("communication", "Communication"),
            Skill("product", "Product knowledge"),
            Skill("leadership", "Leadership"),
            Skill("planning", "Planning"),
        ],
        roles=[
            Role("rep", "Representative", 1, skills={"communication": 2, "product": 1}),
            Role(
                "senior",
                "Senior Representative",
                2,
                skills={"communication": 3, "product": 2, "leadership": 1},
            ),
            Role(
                "specialist",
                "Product Specialist",
                2,
                track="product",
                skills={"communication": 2, "product": 3},
            ),
            Role(
                "csm",
                "Customer Success Manager",
                3,
                track="success",
                skills={"communication": 3, "product": 2, "planning": 1},
            ),
            Role(
                "lead",
                "Team Lead",
                3,
                skills={"communication": 3, "product": 2, "leadership": 3},
            ),
            Role(
                "product-manager",
                "Product Manager",
                3,
                track="product-management",
                industry="software",
                skills={"communication": 3, "product": 4, "planning": 2},
            ),
            Role(
                "manager",
                "Support Manager",
                4,
                inherits=["lead"],
                skills={"leadership": 4, "planning": 3},
            ),
            Role(
                "director",
                "Support Director",
                5,
                inherits=["manager"],
                skills={"communication": 4, "planning": 4},
            ),
        ],
        transitions=[
            Transition("rep", "senior", "upward"),
            Transition("rep", "specialist", "lateral"),
            Transition("rep", "lead", "upward"),
            Transition("senior", "lead", "upward"),
            Transition("senior", "csm", "lateral"),
            Transition("specialist", "lead", "upward"),
            Transition("specialist", "product-manager", "cross-industry"),
            Transition("lead", "manager", "upward"),
            Transition("manager", "director", "upward"),
        ],
    )


def check_example(g: Any) -> dict[str, Any]:
    """Compute what the guide says about the example graph, and check it."""
    from supportladder.queries import bottlenecks, chokepoints, reachable_roles, shortest_path

    b = bottlenecks(g, "rep", "director")
    facts = {
        "shortest": b.shortest_path,
        "smoothest": b.smoothest_path,
        "bottlenecks": b,
        "chokepoints": chokepoints(g),
        "reach": reachable_roles(g, "rep", budget=4),
        "profile": shortest_path(g, {"communication": 3, "product": 2}, "lead"),
    }
    expected = [
        (b.shortest_path.roles, ("rep", "lead", "manager", "director")),
        (b.shortest_path.cost, 14.0),
        ((b.hardest_step.source, b.hardest_step.target, b.hardest_step.cost), ("rep", "lead", 6.0)),
        (b.smoothest_path.roles, ("rep", "senior", "lead", "manager", "director")),
        (b.smoothest_path.cost, 15.0),
        (b.smoothest_path.max_step_cost, 5.0),
        (b.gateways, ("lead", "manager")),
        (b.critical_transitions, (("lead", "manager"), ("manager", "director"))),
        ([r for r, _ in facts["chokepoints"][:2]], ["lead", "manager"]),
        ([(r.role, r.cost) for r in facts["reach"]], [("specialist", 3.0), ("senior", 4.0)]),
        (facts["profile"].roles, ("<profile>", "lead")),
        (facts["profile"].cost, 4.0),
    ]
    from supportladder import Weighting

    default = g.evolve(weighting=Weighting())  # the default gap exponent, 2
    facts["default"] = bottlenecks(default, "rep", "director").shortest_path
    expected += [  # "with the default exponent, the senior rung is on the cheapest route too"
        (facts["default"].roles, ("rep", "senior", "lead", "manager", "director")),
    ]
    for got, want in expected:
        if got != want:
            raise ExtensionError(
                f"the queries guide's example no longer says what the text claims: got {got!r}, "
                f"expected {want!r}; update docs/queries.md and docs/_ext/sl_docs.py together"
            )
    return facts


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def draw_guide_figures(app: Sphinx | None = None) -> None:
    """Draw the queries guide's diagrams into docs/_generated/."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from supportladder.plot import plot_graph

    g = example_graph()
    facts = check_example(g)
    GENERATED.mkdir(exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": "supportladder-docs", "svg.fonttype": "path"}):
        for name, path in (("shortest", facts["shortest"]), ("smoothest", facts["smoothest"])):
            titled = g.evolve(title=f"Example ladder: the {name} route, rep → director")
            fig, _ = plot_graph(titled, path=path, show_costs=True)
            _write_if_changed(GENERATED / f"queries-{name}.svg", _svg(fig))
            plt.close(fig)


# ---------------------------------------------------------------------- docstrings
_FENCE_IN_LITERAL = re.compile(r"````\s*```(\w+)\s*````")


def fix_docstring(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Rewrite markdown-only markup that reStructuredText cannot parse.

    "```` ```mermaid ````" (a fenced block's opening, as markdown would quote it) has no
    reStructuredText form; it becomes "fenced ``mermaid``".
    """
    for i, line in enumerate(lines):
        if "````" in line:
            lines[i] = _FENCE_IN_LITERAL.sub(r"fenced ``\1``", line)


_KEPT: dict[str, list[str]] = {}


def _keep_data_docstring(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    # napoleon reads "The default scale: none 0, ..." on a constant as "type: description";
    # our constants' docstrings are plain prose, so they bypass napoleon (runs between).
    if what in ("data", "attribute"):
        _KEPT[name] = list(lines)


def _restore_data_docstring(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    kept = _KEPT.pop(name, None)
    if kept is not None and what in ("data", "attribute"):
        lines[:] = kept


# ---------------------------------------------------------------------- notebook pages
_DRAWS = re.compile(r"\bplot_\w+\(|\.savefig\(|\bplt\.")


def notebook_page_problems(html_dir: Path, notebooks: list[Path]) -> list[str]:
    """Return what is missing from the built pages of ``notebooks`` (empty when all is well)."""
    import json

    problems = []
    for notebook in notebooks:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = [("".join(c["source"])) for c in cells if c["cell_type"] == "code"]
        page = html_dir / "notebooks" / f"{notebook.stem}.html"
        if not code:
            continue
        if not page.exists():
            problems.append(f"{notebook.name}: no page {page.name} was built")
            continue
        html = page.read_text(encoding="utf-8")
        if "cell_output" not in html:
            problems.append(f"{notebook.name}: the page shows no cell output; is execution off?")
        elif any(_DRAWS.search(c) for c in code) and "<img" not in html:
            problems.append(f"{notebook.name}: the notebook draws but its page shows no image")
    return problems


PUBLIC_MODULES = (
    "supportladder",
    "supportladder.errors",
    "supportladder.export",
    "supportladder.graph",
    "supportladder.importers",
    "supportladder.io",
    "supportladder.model",
    "supportladder.plot",
    "supportladder.queries",
    "supportladder.strategies",
    "supportladder.weights",
)


def undocumented_names(documented: set[str]) -> list[str]:
    """Return every public name (``__all__`` of a public module) with no API entry."""
    import importlib
    import inspect

    modules = {name: importlib.import_module(name) for name in PUBLIC_MODULES}
    missing = []
    for module_name, module in modules.items():
        for name in module.__all__:
            obj = getattr(module, name)
            # documented where it is defined, or in any public module holding the same object
            homes = {
                f"{other}.{name}" for other, m in modules.items() if getattr(m, name, None) is obj
            }
            if inspect.ismodule(obj):
                homes.add(obj.__name__)
            elif isinstance(getattr(obj, "__module__", None), str):
                homes.add(f"{obj.__module__}.{name}")
            if not homes & documented:
                missing.append(f"{module_name}.{name}")
    return missing


def check_built_pages(app: Sphinx, exception: Exception | None) -> None:
    """Fail an HTML build whose notebook pages lack outputs or that misses a public name."""
    if exception is not None or app.builder.format != "html":
        return
    notebooks = sorted((HERE / "notebooks").glob("*.ipynb"))
    problems = notebook_page_problems(Path(app.outdir), notebooks)
    documented = set(app.env.get_domain("py").objects) | set(
        app.env.domaindata["py"].get("modules", {})
    )
    problems += [f"{name}: no API entry" for name in undocumented_names(documented)]
    if problems:
        raise ExtensionError("the built docs lack:\n  " + "\n  ".join(problems))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("supportladder-cli", CliReference)
    app.connect("autodoc-process-docstring", fix_docstring, priority=400)
    app.connect("autodoc-process-docstring", _keep_data_docstring, priority=450)
    app.connect("autodoc-process-docstring", _restore_data_docstring, priority=550)
    app.connect("builder-inited", draw_guide_figures)
    app.connect("build-finished", check_built_pages)
    from pygments.lexers.special import TextLexer

    app.add_lexer("mermaid", TextLexer)  # Mermaid source printed by the notebooks
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

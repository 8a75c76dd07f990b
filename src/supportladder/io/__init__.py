"""Read and write career graphs as TOML files, and find the bundled graphs.

Loading goes through a strict converter (unknown keys are errors) and then the checks that
span records.  Every problem in a file is collected and raised once, as one
:class:`~supportladder.errors.GraphFileError` whose lines each name the file, the record and
what to do; nothing is half-loaded.

Examples
--------
>>> import supportladder
>>> supportladder.bundled()[:3]
['csr-profile', 'customer-service-path', 'support-careers']
>>> g = supportladder.load("support-ladder")
>>> len(g.roles)
9
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import attrs

from supportladder._checks import (
    TOP_KEYS,
    check_records,
    file_order,
    role_label,
    skill_label,
    suggest,
    transition_label,
)
from supportladder._wording import show
from supportladder.errors import GraphFileError, Problem
from supportladder.graph import CareerGraph
from supportladder.io import _atomic as atomic
from supportladder.io import _toml_writer as toml_writer
from supportladder.io._converter import number_problem, structure, type_name
from supportladder.model import (
    DEFAULT_SCALE,
    Role,
    Scale,
    Skill,
    Transition,
    Weighting,
)
from supportladder.model._rules import id_problem

__all__ = ["DEFAULT_GRAPH", "MAX_FILE_BYTES", "bundled", "dumps", "load", "loads", "save"]

DEFAULT_GRAPH: Final = "support-careers"
"""The bundled graph used when none is named: the merge of all five sources."""

MAX_FILE_BYTES: Final = 64 * 1024 * 1024
"""Graph files larger than this (64 MiB) are refused before parsing."""


def _graphs_dir() -> Path | None:
    """Where the bundled TOML files are: inside the installed package, or the checkout."""
    packaged = importlib.resources.files("supportladder") / "graphs"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "graphs"
    return checkout if checkout.is_dir() else None


def bundled() -> list[str]:
    """Return the names of the bundled graphs, sorted.

    Examples
    --------
    >>> import supportladder
    >>> "support-careers" in supportladder.bundled()
    True
    """
    folder = _graphs_dir()
    return sorted(p.stem for p in folder.glob("*.toml")) if folder else []


def _resolve(name_or_path: str | os.PathLike[str]) -> Path:
    if isinstance(name_or_path, os.PathLike):
        return Path(name_or_path)
    text = str(name_or_path)
    if text.endswith(".toml") or os.sep in text or "/" in text or Path(text).is_file():
        return Path(text)
    folder = _graphs_dir()
    if folder is not None and (folder / f"{text}.toml").is_file():
        return folder / f"{text}.toml"
    if Path(text).exists():  # a folder: say so, rather than "no bundled graph"
        return Path(text)
    names = ", ".join(bundled()) or "none found"
    close = suggest(text, bundled()).removeprefix("; ").removesuffix("?")
    hint = f" ({close}?)" if close else ""
    raise GraphFileError(
        text,
        [
            Problem(
                "",
                f"no bundled graph named {text!r}{hint}; bundled graphs are: {names}; "
                "or pass the path of a .toml file",
            )
        ],
    )


def load(name_or_path: str | os.PathLike[str] = DEFAULT_GRAPH) -> CareerGraph:
    """Load a career graph: a bundled graph by name, or a TOML file by path.

    Parameters
    ----------
    name_or_path : str or path-like
        A name from :func:`bundled` (default ``"support-careers"``), or a path to a
        ``.toml`` graph file.

    Returns
    -------
    CareerGraph

    Raises
    ------
    GraphFileError
        If the file is missing, unreadable, not TOML, or its records are not valid; the
        message lists every problem with the record it is in.

    Examples
    --------
    >>> import supportladder
    >>> g = supportladder.load("support-center")
    >>> g.role("Customer Support Agent").level
    1
    """
    path = _resolve(name_or_path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise GraphFileError(str(path), [Problem("", "file not found; check the path")]) from None
    except OSError as exc:
        raise GraphFileError(
            str(path), [Problem("", f"cannot read the file: {exc.strerror}")]
        ) from None
    return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size, str(path))


@functools.lru_cache(maxsize=32)
def _load_cached(resolved: str, mtime_ns: int, size: int, shown: str) -> CareerGraph:
    # A CareerGraph is immutable, so the same file (same mtime and size) can share one.
    path = Path(resolved)
    if path.is_dir():
        inside = sorted(p.name for p in path.glob("*.toml"))[:3]
        hint = f" in it, e.g. {shown.rstrip('/')}/{inside[0]}" if inside else ""
        raise GraphFileError(
            shown,
            [Problem("", f"is a folder, not a graph file; give the path of a .toml file{hint}")],
        )
    if size > MAX_FILE_BYTES:
        raise GraphFileError(
            shown,
            [
                Problem(
                    "",
                    f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for "
                    "graph files; split it or check it is the right file",
                )
            ],
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GraphFileError(
            shown, [Problem("", f"cannot read the file: {exc.strerror}")]
        ) from None
    return _load_bytes(data, shown)


def _load_bytes(data: bytes, shown: str) -> CareerGraph:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GraphFileError(
            shown,
            [
                Problem(
                    "",
                    f"not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}); "
                    "save the file as UTF-8",
                )
            ],
        ) from None
    return loads(text, path=shown)


def loads(text: str, *, path: str = "<string>") -> CareerGraph:
    """Parse a graph from TOML text; ``path`` names it in error messages.

    Examples
    --------
    >>> import supportladder
    >>> g = supportladder.loads('''
    ... name = "tiny"
    ... [[roles]]
    ... id = "rep"
    ... title = "Representative"
    ... level = 1
    ... ''')
    >>> g.role("Representative").id
    'rep'
    """
    if len(text) > MAX_FILE_BYTES:
        raise GraphFileError(path, [Problem("", "text is over the size limit for graph files")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GraphFileError(
            path, [Problem("", f"TOML syntax error: {exc}; fix the syntax there")]
        ) from None
    except RecursionError:
        raise GraphFileError(path, [Problem("", "TOML nesting is too deep to parse")]) from None
    except ValueError:  # an integer too long for Python to convert (over 4,300 digits)
        raise GraphFileError(path, [Problem("", _long_number(text))]) from None
    return _from_data(data, path)


_LONG_NUMBER: Final = re.compile(r"[0-9][0-9_]{999,}")


def _long_number(text: str) -> str:
    match = _LONG_NUMBER.search(text)
    where = f" at line {text.count(chr(10), 0, match.start()) + 1}" if match else ""
    digits = f" has {len(match.group().replace('_', '')):,} digits," if match else " is"
    return f"the number{where}{digits} too long to read; use a number below 1e308"


def _from_data(data: dict[str, Any], path: str) -> CareerGraph:
    """Check every part of a parsed file that can be checked, then build the graph.

    A malformed part does not hide the others: records are read field by field, and the
    checks that span records run on what did read well.
    """
    problems: list[Problem] = []

    for unknown in [k for k in data if k not in TOP_KEYS]:
        problems.append(
            Problem(
                "",
                f"unknown top-level key {show(unknown)}; allowed keys are {', '.join(TOP_KEYS)}",
            )
        )
    name = data.get("name")
    problems.extend(_name_problems(name))
    texts: dict[str, str] = {}
    for key in ("title", "description"):
        raw = data.get(key, "")
        if isinstance(raw, str):
            texts[key] = raw
        else:
            problems.append(Problem(key, f"expected a string, got {type_name(raw)} {show(raw)}"))

    scale = _scale(data, problems)
    weighting: Weighting | None = Weighting()
    if "weighting" in data:
        outcome = structure(data["weighting"], Weighting)
        problems.extend(Problem("weighting", _join(p, m)) for p, m in outcome.problems)
        weighting = outcome.value

    skills, bad_skills = _records(data, "skills", Skill, problems, _skill_label)
    roles, bad_roles = _records(
        data,
        "roles",
        Role,
        problems,
        _role_label,
        prepare=lambda raw, label: _levels(raw, label, scale, problems),
    )
    transitions, _ = _records(data, "transitions", Transition, problems, _transition_label)
    if "roles" not in data:
        problems.append(Problem("roles", "required: a graph needs at least one [[roles]] record"))

    problems.extend(
        check_records(
            scale,
            weighting,
            skills,
            roles,
            transitions,
            unreadable_roles=bad_roles,
            unreadable_skills=bad_skills,
        )
    )
    if problems:
        raise GraphFileError(path, file_order(problems))
    assert isinstance(name, str)
    assert scale is not None
    assert weighting is not None
    return CareerGraph(
        name,
        title=texts.get("title", ""),
        description=texts.get("description", ""),
        scale=scale,
        weighting=weighting,
        skills=[s for _, s in skills],
        roles=[r for _, r in roles],
        transitions=[t for _, t in transitions],
    )


def _name_problems(name: object) -> list[Problem]:
    if name is None:
        return [
            Problem(
                "name", 'required: a short kebab-case name for the graph, e.g. name = "my-ladder"'
            )
        ]
    if not isinstance(name, str) or not name.strip():
        return [Problem("name", f"expected a non-empty string, got {type_name(name)} {show(name)}")]
    problem = id_problem("name", name)
    if problem is not None:
        return [Problem("name", f"{problem}; the name is what -g and messages use")]
    return []


def _scale(data: dict[str, Any], problems: list[Problem]) -> Scale | None:
    """Return the file's scale (the default if it has none), or ``None`` if malformed."""
    if "scale" not in data:
        return DEFAULT_SCALE
    raw = data["scale"]
    if not isinstance(raw, dict):
        problems.append(Problem("scale", f"expected a table of level = number, got {show(raw)}"))
        return None
    bad = [(k, m) for k, v in raw.items() if (m := number_problem(v)) is not None]
    for level, message in bad:
        problems.append(Problem("scale", f"{level}: {message}"))
    if bad:
        return None
    try:
        return Scale(raw)
    except (TypeError, ValueError) as exc:
        problems.append(Problem("scale", str(exc)))
        return None


def _join(path: str, message: str) -> str:
    return f"{path}: {message}" if path else message


def _raw_id(raw: Any, key: str = "id") -> Any:
    value = raw.get(key) if isinstance(raw, dict) else None
    return value if isinstance(value, str) else None


def _skill_label(i: int, raw: Any) -> str:
    return skill_label(i, _raw_id(raw))


def _role_label(i: int, raw: Any) -> str:
    return role_label(i, _raw_id(raw))


def _transition_label(i: int, raw: Any) -> str:
    return transition_label(i, _raw_id(raw, "source"), _raw_id(raw, "target"))


def _levels(raw: Any, label: str, scale: Scale | None, problems: list[Problem]) -> tuple[Any, bool]:
    """Replace level names in a raw role's skills by their numbers; report bad ones.

    Returns the role and whether every level read well.  A bad level is reported here and
    replaced by the scale's lowest, so that the rest of the role (and its skill ids) is still
    checked; with a malformed scale, names cannot be checked and every level stands at 0.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("skills"), dict):
        return raw, True
    floor = 0.0 if scale is None else scale.minimum
    levels: dict[str, Any] = {}
    ok = True
    for skill, level in raw["skills"].items():
        levels[skill] = floor
        if isinstance(level, bool) or not isinstance(level, str | int | float):
            problems.append(
                Problem(
                    label,
                    f"skills.{skill}: expected a level name or a number, got "
                    f"{type_name(level)} {show(level)}",
                )
            )
            ok = False
        elif scale is not None:
            try:
                levels[skill] = scale.value(level)
            except (TypeError, ValueError) as exc:
                problems.append(Problem(label, f"skills.{skill}: {exc}"))
                ok = False
    return {**raw, "skills": levels}, ok


def _records(
    data: dict[str, Any],
    section: str,
    cl: type[Any],
    problems: list[Problem],
    label_of: Any,
    prepare: Any = None,
) -> tuple[list[tuple[int, Any]], set[str]]:
    """Read the records of one section.

    Returns ``(index, record)`` pairs for the cross-record checks (whole records, and the
    partial ones whose identity did read well) and the raw ids of the malformed records.
    """
    raw_list = data.get(section, [])
    if not isinstance(raw_list, list):
        problems.append(
            Problem(
                section,
                f"expected an array of tables ([[{section}]]), got {type_name(raw_list)}",
            )
        )
        return [], set()
    found: list[tuple[int, Any]] = []
    bad: set[str] = set()
    for index, raw in enumerate(raw_list):
        label = label_of(index, raw)
        prepared, ok = prepare(raw, label) if prepare else (raw, True)
        outcome = structure(prepared, cl)
        problems.extend(Problem(label, _join(p, m)) for p, m in outcome.problems)
        record = outcome.value if outcome.value is not None else outcome.partial
        if (outcome.value is None or not ok) and (raw_id := _raw_id(raw)) is not None:
            bad.add(raw_id)
        if record is not None and _identified(record):
            found.append((index, record))
    return found, bad


def _identified(record: Any) -> bool:
    """Whether the fields that say which record this is (id; source and target) read well."""
    keys = ("source", "target") if isinstance(record, Transition) else ("id",)
    return all(isinstance(getattr(record, key, None), str) for key in keys)


# ---------------------------------------------------------------------- writing
def dumps(graph: CareerGraph) -> str:
    """Return the TOML text of a graph; :func:`loads` of it gives an equal graph.

    Skill levels are written by name where the scale has one for that value; fields at
    their defaults are left out.
    """
    return "\n".join(_lines(graph)) + "\n"


def _non_defaults(obj: Any) -> dict[str, Any]:
    """Return the fields of an attrs record that differ from their defaults, in order."""
    out: dict[str, Any] = {}
    for f in attrs.fields(type(obj)):
        if not f.init:
            continue
        current = getattr(obj, f.name)
        default = f.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        if f.default is not attrs.NOTHING and current == default:
            continue
        out[f.alias or f.name] = current
    return out


def _lines(graph: CareerGraph) -> Iterator[str]:
    w = toml_writer
    head: dict[str, Any] = {"name": graph.name}
    if graph.title:
        head["title"] = graph.title
    if graph.description:
        head["description"] = graph.description
    yield from w.assignments(head)
    if graph.scale != DEFAULT_SCALE:
        yield ""
        yield "[scale]"
        yield from w.assignments(dict(graph.scale.levels))
    if graph.weighting != Weighting():
        yield ""
        yield "[weighting]"
        yield from w.assignments(_non_defaults(graph.weighting))
    for skill in graph.skills:
        yield ""
        yield "[[skills]]"
        yield from w.assignments(_non_defaults(skill))
    for role in graph.roles:
        fields = _non_defaults(role)
        if "skills" in fields:
            fields["skills"] = {
                s: graph.scale.name_of(level) or level for s, level in role.skills.items()
            }
        yield ""
        yield "[[roles]]"
        yield from w.assignments(fields)
    for move in graph.transitions:
        fields = _non_defaults(move)
        for name in ("requirements", "advantages"):
            if name in fields:
                fields[name] = fields[name].to_dict()
        if "observed" in fields:
            fields["observed"] = _non_defaults(fields["observed"])
        yield ""
        yield "[[transitions]]"
        yield from w.assignments(fields)


def save(graph: CareerGraph, path: str | os.PathLike[str]) -> None:
    """Write a graph to a TOML file, atomically.

    The text is written to a temporary file in the same folder, flushed to disk, then
    moved over ``path``: a crash leaves either the old file or the new one, never half of
    one.  Comments of a hand-written file are not kept.

    Examples
    --------
    >>> import pathlib, tempfile, supportladder
    >>> g = supportladder.load("support-ladder")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     target = pathlib.Path(d) / "copy.toml"
    ...     supportladder.save(g, target)
    ...     supportladder.load(target) == g
    True
    """
    atomic.write_text(path, dumps(graph))  # serialised fully before the disk is touched

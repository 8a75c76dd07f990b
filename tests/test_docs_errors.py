"""The error catalogue lists every exception and warning the library defines."""

import inspect
import subprocess
import sys
from pathlib import Path

import supportladder
import supportladder.errors
import supportladder.importers
import supportladder.plot

CATALOGUE = (Path(__file__).parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")


def test_every_public_exception_is_catalogued() -> None:
    classes = set()
    for module in (supportladder.errors, supportladder.importers, supportladder.plot):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and issubclass(obj, Exception | Warning):
                classes.add(name)
    assert "GraphFileError" in classes
    assert "FontFallbackWarning" in classes
    missing = sorted(
        name for name in classes if f"`{name}`" not in CATALOGUE and name not in CATALOGUE
    )
    assert missing == []


def test_every_library_error_derives_from_the_root() -> None:
    for module in (supportladder.errors, supportladder.importers):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and issubclass(obj, Exception):
                assert issubclass(obj, supportladder.SupportLadderError), name


def message_of(call: object) -> str:
    try:
        call()  # type: ignore[operator]
    except supportladder.SupportLadderError as exc:
        return str(exc)
    raise AssertionError("no error raised")


def test_catalogue_examples_are_real_messages() -> None:
    g = supportladder.load()
    rep, cco = "Customer Support Representative", "Chief Customer Officer"
    for call in (
        lambda: g.role("Team Laed"),
        lambda: supportladder.shortest_path(g, rep, cco, kinds=["lateral"]),
        lambda: supportladder.shortest_path(g, rep, cco, kinds=["sideways"]),
        lambda: supportladder.shortest_path(g, rep, cco, kinds=5),
        lambda: supportladder.shortest_path(g, rep, cco, avoid=5),
        lambda: supportladder.shortest_path(g, rep, cco, max_step_cost=10**400),
    ):
        assert message_of(call) in CATALOGUE


def test_catalogue_command_line_examples_are_real_messages(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    runs = {
        "avoid": ["path", "customer-support-representative", "cco", "--avoid", "degree"],
        "folder": ["export", "--format", "json", "-o", "out"],
    }
    for argv in runs.values():
        with open("/dev/null", "w") as null:
            done = subprocess.run(
                [sys.executable, "-m", "supportladder", *argv],
                cwd=tmp_path,
                stdout=null,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert done.returncode == 2
        assert done.stderr.strip() in CATALOGUE, done.stderr
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "supportladder", "graphs"],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert done.returncode == 2
        assert done.stderr.strip() in CATALOGUE, done.stderr

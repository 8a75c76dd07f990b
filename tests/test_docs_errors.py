"""The error catalogue lists every exception and warning the library defines."""

import inspect
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
    ):
        assert message_of(call) in CATALOGUE

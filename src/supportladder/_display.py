"""Rich display in Jupyter: the one way a record finds its HTML renderer.

Graphs, routes and query results show as HTML in a notebook through ``_repr_html_``.  The
renderers (``_notebook.py``) draw with :mod:`supportladder.plot`, which sits above the
records, so the records cannot import them.  Instead the renderers register here when the
package is imported (``supportladder/__init__.py`` imports ``_notebook``), and a record asks
this registry by name: the imports stay one-way (records below, presentation above), and a
record whose renderer is not registered shows as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["register", "rich_html"]

_Render = TypeVar("_Render", bound=Callable[[Any], str])
_RENDERERS: dict[str, Callable[[Any], str]] = {}


def register(name: str) -> Callable[[_Render], _Render]:
    """Return a decorator that registers a renderer under ``name``."""

    def add(render: _Render) -> _Render:
        _RENDERERS[name] = render
        return render

    return add


def rich_html(name: str, value: object) -> str | None:
    """Return ``value`` rendered by the renderer registered as ``name``, or ``None``."""
    render = _RENDERERS.get(name)
    return None if render is None else render(value)

"""Rich display in Jupyter: the one way a record finds its HTML renderer.

Graphs, routes and query results show as HTML in a notebook through ``_repr_html_``.  The
renderers (``_private/html.py``) draw with :mod:`supportladder.plot`, which sits above the
records, so the records look their renderer up by name when a notebook asks, never at
import time: the layers stay one-way (records below, presentation above).
"""

from __future__ import annotations

import importlib

__all__ = ["rich_html"]


def rich_html(function: str, value: object) -> str | None:
    """Return ``supportladder._private.html.<function>(value)``, or ``None`` if unavailable."""
    try:
        module = importlib.import_module("supportladder._private.html")
    except ImportError:
        return None
    render = getattr(module, function, None)
    if render is None:
        return None
    result: str = render(value)
    return result

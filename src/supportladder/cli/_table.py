"""Plain-text tables for the command line, never wider than the terminal allows."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["MAX_WIDTH", "render", "shorten", "width"]

MAX_WIDTH = 100
"""No line of a table is wider than this many columns."""


def width(text: str) -> int:
    """Return how many terminal columns ``text`` takes (wide East Asian characters take 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def shorten(text: str, columns: int) -> str:
    """Return ``text`` cut to ``columns`` terminal columns, ending in "…" when cut."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for c in text:
        w = width(c)
        if used + w > columns - 1:
            break
        out.append(c)
        used += w
    return "".join(out).rstrip() + "…"


def _pad(text: str, columns: int, right: bool) -> str:
    fill = " " * (columns - width(text))
    return fill + text if right else text + fill


def render(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    right: Sequence[int] = (),
    shrink: int | Sequence[int] | None = None,
    max_width: int = MAX_WIDTH,
) -> str:
    """Return rows as aligned columns under a header and a rule.

    ``right`` lists numeric (right-aligned) columns. When the table would be wider than
    ``max_width``, column ``shrink`` (default: the last; a sequence: each in turn, as far as
    needed) is cut, its long cells ending in "…".
    """
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    order = [len(widths) - 1] if shrink is None else [shrink] if isinstance(shrink, int) else shrink
    for cut in order:
        total = sum(widths) + 2 * (len(widths) - 1)
        if total <= max_width:
            break
        widths[cut] = max(width(headers[cut]), 8, widths[cut] - (total - max_width))
        for row in cells[1:]:
            row[cut] = shorten(row[cut], widths[cut])
    lines = []
    for n, row in enumerate(cells):
        parts = [_pad(c, widths[i], i in right) for i, c in enumerate(row)]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)

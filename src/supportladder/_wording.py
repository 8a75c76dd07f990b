"""The house style shared by messages, the CLI, diagrams and exports.

* :func:`show`: how a value is quoted in a message — one shortener for every error the
  library raises and every line the CLI prints;
* the palette: :data:`KIND_COLORS` (one colour per kind of move), :data:`PATH_COLOR` (a
  highlighted route) and :data:`TRACK_COLORS` (the background bands of career tracks),
  used alike by the diagrams, the HTML map, DOT and Mermaid.
"""

from __future__ import annotations

import math
from typing import Final

__all__ = ["KIND_COLORS", "PATH_COLOR", "TRACK_COLORS", "WIDTH", "show"]

KIND_COLORS: Final = {"upward": "#0072B2", "lateral": "#009E73", "cross-industry": "#CC79A7"}
"""Colour of each kind of move (Okabe–Ito colours, safe for colour blindness)."""

PATH_COLOR: Final = "#D55E00"
"""Colour of a highlighted route (Okabe–Ito vermilion)."""

TRACK_COLORS: Final = (
    "#E8F1FA",
    "#FDF1E0",
    "#E6F5EF",
    "#F7EAF2",
    "#FBF7DC",
    "#EDEDED",
    "#E3F4FB",
    "#FBE9E1",
)
"""Background colours of career-track bands, in turn (pale, so text on them stays legible)."""

WIDTH: Final = 60
"""The longest a value is shown in a message, in characters."""

_DIGITS_SHOWN: Final = 12


def _long_int(value: int) -> str:
    """Show an integer of any size without converting all of it to text."""
    size = abs(value)
    digits = max(1, int(size.bit_length() * math.log10(2)) + 1)
    while digits > 1 and size < 10 ** (digits - 1):
        digits -= 1
    while size >= 10**digits:
        digits += 1
    head = str(size // 10 ** (digits - _DIGITS_SHOWN))
    sign = "-" if value < 0 else ""
    return f"{sign}{head}... (an integer of {digits:,} digits)"


def show(value: object, width: int = WIDTH) -> str:
    """Return ``repr(value)`` shortened to at most ``width`` characters: safe in a message.

    Integers too long to print (Python refuses to convert one of over 4,300 digits to text)
    are shown by their first digits and their length.

    Examples
    --------
    >>> show("team-lead")
    "'team-lead'"
    >>> show("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..."
    >>> show(10**5000)
    '100000000000... (an integer of 5,001 digits)'
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return _long_int(int(value))
    try:
        text = repr(value)
    except ValueError:  # a huge integer inside a container
        return f"<{type(value).__name__} too long to show>"
    return text if len(text) <= width else text[: width - 3] + "..."

"""Showing values in messages: one shortener for every error the library raises."""

from __future__ import annotations

import math
from typing import Final

__all__ = ["WIDTH", "show"]

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

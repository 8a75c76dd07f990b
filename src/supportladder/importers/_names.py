"""One occupation per code and per title: what the O*NET and ESCO occupation readers check.

A catalogue's occupations become roles, looked up by id or title, so a reader refuses a
code given twice and a title (any case) or code that already names an earlier row's
occupation.  Each reader keeps its own order of checks and words its duplicates; the
bookkeeping and the clash message are here.

Examples
--------
>>> names = OccupationNames("title", "titles")
>>> names.add("43-4051.00", "Customer Service Representatives", row=2)
>>> names.first("43-4051.00"), names.first("43-1011.00")
(2, None)
>>> print(names.clash("43-4051.01", "customer service representatives"))
occupation '43-4051.01': its title or code also names the occupation at row 2; titles must ...
>>> names.clash("43-1011.00", "First-Line Supervisors") is None
True
"""

from __future__ import annotations

from supportladder._wording import show

__all__ = ["OccupationNames"]


class OccupationNames:
    """The rows that first named each occupation code and title, as a reader goes.

    Parameters
    ----------
    column : str
        The title column, as the messages name it (``"title"``, ``"preferredLabel"``).
    plural : str
        What the titles are called in the fix (``"titles"``, ``"labels"``).
    """

    def __init__(self, column: str, plural: str) -> None:
        self.column = column
        self.plural = plural
        self._codes: dict[str, int] = {}
        self._names: dict[str, int] = {}  # casefolded title or code -> first row naming it

    def first(self, code: str) -> int | None:
        """Return the row that first gave ``code``, or ``None``."""
        return self._codes.get(code)

    def clash(self, code: str, title: str) -> str | None:
        """Return the problem if ``title`` or ``code`` names an earlier row's occupation."""
        other = self._names.get(title.casefold()) or self._names.get(code)
        if other is None:
            return None
        return (
            f"occupation {show(code)}: its {self.column} or code also names the occupation "
            f"at row {other}; {self.plural} must pick out one occupation, so fix one of the "
            "two rows"
        )

    def add(self, code: str, title: str, *, row: int) -> None:
        """Record an accepted occupation's code and title."""
        self._codes[code] = row
        self._names.setdefault(title.casefold(), row)
        self._names.setdefault(code, row)

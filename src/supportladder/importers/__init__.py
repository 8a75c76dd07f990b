"""Build career graphs from occupational catalogues and from what people actually did.

Three importers, each a module with a ``load`` function that returns a
:class:`~supportladder.CareerGraph` and a ``read`` function that also returns what the
import did (an :class:`ImportReport`):

- :mod:`supportladder.importers.onet` reads the O*NET database (tab-delimited text release);
- :mod:`supportladder.importers.esco` reads ESCO's CSV download;
- :mod:`supportladder.importers.moves` reads observed moves: career histories or counts.

Bad input raises :class:`ImportDataError`, whose message names the file, the row and the fix
of every problem found.

Examples
--------
>>> from supportladder.importers import ImportDataError, ImportReport
>>> report = ImportReport("onet", {"roles": 3, "skipped: no job zone": 1})
>>> print(report.summary())
onet: roles 3, skipped: no job zone 1
>>> err = ImportDataError("Skills.txt", [(12, "malformed number 'x' in column 'Data Value'")])
>>> print(err)
Skills.txt: 1 problem found
  - Skills.txt: row 12: malformed number 'x' in column 'Data Value'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from attrs import field, frozen

from supportladder._private.frozen import FrozenDict, freeze
from supportladder.errors import SupportLadderError

__all__ = ["MAX_SHOWN_PROBLEMS", "ImportDataError", "ImportReport"]

MAX_SHOWN_PROBLEMS = 30
"""At most this many problems are spelled out in an :class:`ImportDataError` message."""


class ImportDataError(SupportLadderError, ValueError):
    """An input file or table of an importer is not what the importer expects.

    Every problem found is collected and reported at once; each line names the file, the row
    (counting the header as row 1, as a spreadsheet does) and what to do about it.

    Attributes
    ----------
    path : str
        The file, or a name such as ``"<table>"`` for an in-memory table.
    problems : tuple of (int or None, str)
        Row number (``None`` for the file as a whole) and message, in row order.
    """

    def __init__(self, path: str, problems: Iterable[tuple[int | None, str]]) -> None:
        self.path = path
        self.problems: tuple[tuple[int | None, str], ...] = tuple(problems)
        super().__init__(self._format())

    def _format(self) -> str:
        count = len(self.problems)
        lines = [f"{self.path}: {count} problem{'s' if count != 1 else ''} found"]
        for row, message in self.problems[:MAX_SHOWN_PROBLEMS]:
            where = f"{self.path}: row {row}: " if row is not None else f"{self.path}: "
            lines.append(f"  - {where}{message}")
        if count > MAX_SHOWN_PROBLEMS:
            lines.append(f"  ... and {count - MAX_SHOWN_PROBLEMS} more problems like these")
        return "\n".join(lines)

    def __reduce__(
        self,
    ) -> tuple[type[ImportDataError], tuple[str, tuple[tuple[int | None, str], ...]]]:
        return (type(self), (self.path, self.problems))


def _counts(values: Mapping[str, int]) -> FrozenDict[str, int]:
    return freeze(dict(values))


def _notes(values: Iterable[str]) -> tuple[str, ...]:
    return (values,) if isinstance(values, str) else tuple(values)


@frozen
class ImportReport:
    """What an import did: counts of what was read, kept, skipped or dropped, and why.

    Nothing an importer leaves out is left out silently: every skipped occupation, dropped
    rating or ignored row is counted here.

    Parameters
    ----------
    source : str
        What was imported, e.g. ``"onet"`` or a file name.
    counts : mapping of str to int
        Named counts, in the order they were recorded.
    notes : tuple of str
        Short remarks, e.g. the first few skipped occupations.
    """

    source: str
    counts: FrozenDict[str, int] = field(converter=_counts)
    notes: tuple[str, ...] = field(default=(), converter=_notes)

    def summary(self) -> str:
        """Return the counts on one line, e.g. ``"onet: roles 879, moves 17580"``."""
        return f"{self.source}: " + ", ".join(f"{k} {v}" for k, v in self.counts.items())

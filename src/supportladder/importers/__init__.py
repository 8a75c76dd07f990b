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

from supportladder._frozen import FrozenDict, freeze
from supportladder.errors import SupportLadderError, _one_line

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_OCCUPATIONS",
    "MAX_ROWS",
    "MAX_SHOWN_PROBLEMS",
    "ImportDataError",
    "ImportReport",
]

MAX_SHOWN_PROBLEMS = 30
"""At most this many problems are spelled out in an :class:`ImportDataError` message."""

MAX_FILE_BYTES = 128 * 1024 * 1024
"""Largest input file an importer reads, in bytes (128 MiB).

A larger file is refused before it is read.  The largest file of O*NET 29.3 is 7.6 MB; pass
``max_file_bytes=`` to an importer's ``read`` or ``load`` to raise the limit for one import.
"""

MAX_ROWS = 1_000_000
"""Most data rows an importer accepts from one file or in-memory table.

Larger tables are refused before any row is interpreted.  O*NET 29.3's largest file has
61,530 rows; pass ``max_rows=`` to an importer's ``read`` or ``load`` to raise the limit.
"""

MAX_OCCUPATIONS = 10_000
"""Most occupations the O*NET and ESCO importers compare for similarity.

Similarity is a dense occupations × occupations matrix (0.8 GB at 10,000, growing with the
square), so more occupations are refused before it is built.  O*NET 29.3 has 923
occupations with a Job Zone, ESCO about 3,000.  Set this constant to raise the limit.
"""


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
        path = _one_line(self.path)
        lines = [f"{path}: {count} problem{'s' if count != 1 else ''} found"]
        for row, message in self.problems[:MAX_SHOWN_PROBLEMS]:
            where = f"{path}: row {row}: " if row is not None else f"{path}: "
            lines.append(f"  - {where}{_one_line(message)}")
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

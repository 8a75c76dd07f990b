"""Atomic file writes: a crash leaves the old file or the new one, never half of one.

The new content goes to a temporary file beside the target, named
``.NAME.supportladder-tmp-PID-XXXXXXXX`` (``PID`` the writing process), flushed to disk and
renamed over the target.  A crash (or ``kill -9``) can leave such a file behind; the next
write of the same target removes the ones whose process is gone (or that are over a day
old).  A target that is not a regular file (``/dev/stdout``, a named pipe) is written to
directly: it is never replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

__all__ = ["MARK", "replacing", "stale_temporaries", "write_text"]

MARK: Final = ".supportladder-tmp-"
"""What the name of every temporary file of an atomic write contains."""

_STALE_AFTER: Final = 24 * 3600  # seconds: a temporary file this old is stale whoever made it


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but is another user's
        return True
    return True


def stale_temporaries(target: str | os.PathLike[str]) -> list[Path]:
    """Return the temporary files left beside ``target`` by writes that did not finish.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     left = pathlib.Path(d) / ".out.toml.supportladder-tmp-999999999-abcd"
    ...     _ = left.write_text("half")
    ...     [p.name for p in stale_temporaries(pathlib.Path(d) / "out.toml")]
    ['.out.toml.supportladder-tmp-999999999-abcd']
    """
    final = Path(target)
    folder = final.parent if str(final.parent) else Path(".")
    prefix = f".{final.name}{MARK}"
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    now = time.time()
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        pid_text = entry.name[len(prefix) :].partition("-")[0]
        try:
            old = now - entry.lstat().st_mtime > _STALE_AFTER
        except OSError:
            continue
        gone = pid_text.isdigit() and not _alive(int(pid_text))
        if old or gone:
            found.append(entry)
    return sorted(found)


def _is_special(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success, move it over ``target``.

    Whatever is written to the yielded path is flushed to disk and then renamed over
    ``target`` in one step.  On any error the temporary file is removed and ``target`` is
    left as it was.  A new file gets mode 0644; an existing file keeps its mode.  Stale
    temporary files of earlier writes of ``target`` are removed first.  A device or pipe
    is yielded itself, to be written to directly.
    """
    final = Path(target)
    if _is_special(final):
        yield final
        return
    for stale in stale_temporaries(final):
        stale.unlink(missing_ok=True)
    folder = final.parent if str(final.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{final.name}{MARK}{os.getpid()}-", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            handle.flush()
            os.fsync(handle.fileno())
        mode = final.stat().st_mode & 0o7777 if final.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(target: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text to ``target`` atomically (Unix line endings)."""
    data = text.encode("utf-8")  # encode fully before touching the disk
    with replacing(target) as tmp:
        tmp.write_bytes(data)

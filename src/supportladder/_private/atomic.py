"""Atomic file writes: a crash leaves the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["replacing", "write_text"]


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success, move it over ``target``.

    Whatever is written to the yielded path is flushed to disk and then renamed over
    ``target`` in one step.  On any error the temporary file is removed and ``target`` is
    left as it was.  A new file gets mode 0644; an existing file keeps its mode.
    """
    final = Path(target)
    folder = final.parent if str(final.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=folder)
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

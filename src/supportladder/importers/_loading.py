"""An importer's ``load`` is its ``read`` returning only the graph: one list of parameters.

Each importer module has ``read`` (the graph and an :class:`~supportladder.importers.ImportReport`)
and ``load`` (the graph).  Their parameters are written once, on ``read``; ``load`` takes
them through :func:`parameters_of`, so a new option is added in one place and type
checkers, :func:`inspect.signature`, ``help`` and the API docs still show the full list.

Examples
--------
>>> import inspect
>>> from typing import Any
>>> def read(directory: str, *, neighbours: int = 20) -> tuple[str, int]:
...     return directory, neighbours
>>> @parameters_of(read)
... def load(*args: Any, **kwargs: Any) -> str:
...     return read(*args, **kwargs)[0]
>>> list(inspect.signature(load).parameters)
['directory', 'neighbours']
>>> load("db", neighbours=3)
'db'
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["parameters_of"]

P = ParamSpec("P")
R = TypeVar("R")


def parameters_of(read: Callable[P, object]) -> Callable[[Callable[..., R]], Callable[P, R]]:
    """Give the decorated function the parameters of ``read``: its signature and annotations.

    The decorated function keeps its own name, docstring, body and return annotation, and
    is typed as taking exactly what ``read`` takes.  Arguments are checked against that
    signature first, so a misused ``load`` is named in the ``TypeError``, not ``read``.
    """

    def decorate(load: Callable[..., R]) -> Callable[P, R]:
        returns = load.__annotations__.get("return", inspect.Signature.empty)
        signature = inspect.signature(read).replace(return_annotation=returns)

        @functools.wraps(load)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                signature.bind(*args, **kwargs)
            except TypeError as exc:
                raise TypeError(f"{load.__name__}(): {exc}") from None
            return load(*args, **kwargs)

        checked.__signature__ = signature  # type: ignore[attr-defined]
        checked.__annotations__ = {
            **{k: v for k, v in read.__annotations__.items() if k != "return"},
            "return": returns,
        }
        return checked

    return decorate

"""Private helpers: nothing here is public API."""

__all__: list[str] = []

"""The compiled core: SciPy and NumPy queries on a graph's CSR snapshot."""

__all__: list[str] = []

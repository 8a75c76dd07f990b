"""Allow ``python -m supportladder``."""

import sys

from supportladder.cli import main

__all__: list[str] = []

sys.exit(main())

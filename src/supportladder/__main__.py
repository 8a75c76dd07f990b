"""Allow ``python -m supportladder``."""

import sys

from supportladder.cli import main

sys.exit(main())

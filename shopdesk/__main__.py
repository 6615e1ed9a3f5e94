"""Entry point for ``python -m shopdesk``."""

import sys

from shopdesk.cli import main

sys.exit(main())

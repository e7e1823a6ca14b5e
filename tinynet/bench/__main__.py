"""``python -m tinynet.bench``: see tinynet/bench/__init__.py."""

import sys

from .cli import main

sys.exit(main())

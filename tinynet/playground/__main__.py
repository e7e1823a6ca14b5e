"""``python -m tinynet.playground``: serve the playground page on 127.0.0.1 (``serve.py``)."""

import sys

from .serve import main

if __name__ == "__main__":
    sys.exit(main())

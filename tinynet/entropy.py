"""A fresh seed from the operating system, for ``NeuralNetwork(..., seed=None)``.

Kept apart from the maths modules so that they import nothing but ``math``.
"""

import os

__all__ = ["os_seed"]


def os_seed() -> int:
    """Return a random int in [0, 2**32) from ``os.urandom``."""
    return int.from_bytes(os.urandom(4), "big")

"""Where it gives the same bits, a faster dot product for the fused kernel's rows form.

The core multiplies with ``kernel.dot``, a plain loop that a port copies. On
CPython before 3.12 and on PyPy, builtin ``sum()`` adds floats one by one,
left to right from its start, exactly as that loop does, and
``sum(map(mul, a, b), 0.0)`` runs the same loop inside the interpreter: two
to three times faster on CPython 3.11 for a 784-128-10 step. From 3.12,
CPython's ``sum()`` of floats is compensated (Neumaier), which gives other
bits, so there the plain loop stays. ``install`` decides, once, here; the core
never imports this module (it imports only ``math``).

The width from which the rows form beats the loops was measured with each dot
product (docs/performance.md): with ``summed_dot`` on CPython, 16 inputs; on
PyPy, whose JIT compiles the loops, 256; with the plain loop, 64 (the core's
``fused.ROWS_MIN_INPUTS``).
"""

import sys
from operator import mul

from .core import fused, kernel

__all__ = ["summed_dot", "sum_is_left_to_right", "install", "SUMMED_MIN_INPUTS", "PYPY_MIN_INPUTS"]

SUMMED_MIN_INPUTS = 16  # CPython with summed_dot: rows from here (4-8-3: tie; 16-16-4: 1.98 against 2.66 ms)
PYPY_MIN_INPUTS = 256  # PyPy: the loops up to here (64-32-10: 1.0 against 1.4 ms)


def summed_dot(a: "list[float]", b: "list[float]") -> float:
    """Return 0.0 + a[0]*b[0] + a[1]*b[1] + ... with builtin sum(): kernel.dot's bits where sum is left to right."""
    return sum(map(mul, a, b), 0.0)


def sum_is_left_to_right() -> bool:
    """Return True if builtin sum() adds floats left to right, as a plain loop does.

    Left to right, (0.0 + 1e16 + 1.0) - 1e16 is 0.0; compensated, it is 1.0.
    """
    return sum([1e16, 1.0, -1e16], 0.0) == 0.0


def install() -> str:
    """Tune the kernel for this interpreter; return which dot product the rows form now uses."""
    pypy = sys.implementation.name == "pypy"
    if not sum_is_left_to_right():
        fused.tune(kernel.dot, fused.ROWS_MIN_INPUTS)
        return "kernel.dot"
    fused.tune(summed_dot, PYPY_MIN_INPUTS if pypy else SUMMED_MIN_INPUTS)
    return "summed_dot"

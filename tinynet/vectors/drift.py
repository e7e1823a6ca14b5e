"""How far a trace moves when exp, log and log1p are one unit in the last place off.

A port's maths library may round ``exp`` or ``log`` differently from this
one's in the last bit. ``measure`` simulates that: it traces XOR training
twice, once as tinynet computes it and once with ``math.exp``, ``math.log``
and ``math.log1p`` each returning the next float up or down (one unit in the
last place, ULP) for half of their arguments, chosen by the argument's bits.
It reports, per quantity of the trace, the largest absolute and relative
difference over every epoch and entry, and the smallest ``--rtol`` that
``diff-trace`` needs at each of a few ``--atol`` values. docs/SPEC.md
("Porting checklist") quotes the figures and the tolerances they lead to.

Only this measurement replaces ``math``'s functions, inside ``one_ulp_off``,
and it puts them back when it ends.
"""

import math
import struct
from contextlib import contextmanager

from ..core import formulas
from ..core.network import NeuralNetwork
from ..data import XOR_X, XOR_Y
from ..trace import QUANTITIES, epoch_record, flatten

__all__ = ["ATOLS", "nudged", "one_ulp_off", "measure", "report"]

ATOLS = (0.0, 1e-15, 1e-14, 1e-13, 1e-12)


def _step(x: float, steps: int) -> float:
    bits = struct.unpack("<q", struct.pack("<d", x))[0]
    return struct.unpack("<d", struct.pack("<q", bits + (steps if x > 0.0 else -steps)))[0]


def nudged(f, always: bool = False):  # type: ignore[no-untyped-def]
    """Return f, but one ULP up for a quarter of the arguments and one ULP down for another quarter
    (or, with ``always``, one ULP away from zero for every argument)."""
    def g(x: float) -> float:
        value = f(x)
        if value == 0.0 or not math.isfinite(value):
            return value
        if always:
            return _step(value, 1)
        choice = (struct.unpack("<Q", struct.pack("<d", x))[0] * 0x9E3779B97F4A7C15 >> 62) & 3
        return value if choice < 2 else _step(value, 1 if choice == 2 else -1)
    return g


@contextmanager
def one_ulp_off(always: bool = False):  # type: ignore[no-untyped-def]
    """Within the block, math.exp, math.log and math.log1p (and ``formulas.log1p``) are ``nudged``."""
    saved = math.exp, math.log, math.log1p, formulas.log1p
    math.exp, math.log, math.log1p = (nudged(saved[0], always), nudged(saved[1], always),
                                      nudged(saved[2], always))
    formulas.log1p = math.log1p  # the cross-entropy's own name for log1p
    try:
        yield
    finally:
        math.exp, math.log, math.log1p, formulas.log1p = saved


def _fold(figures: dict, name: str, a, b) -> None:  # type: ignore[no-untyped-def]
    worst = figures.setdefault(name, {"abs": 0.0, "rel": 0.0, "rtol": [0.0] * len(ATOLS)})
    for (_, x), (_, z) in zip(flatten(a, name), flatten(b, name)):
        gap, size = abs(x - z), max(abs(x), abs(z))
        if gap == 0.0:
            continue
        worst["abs"] = max(worst["abs"], gap)
        worst["rel"] = max(worst["rel"], gap / size)
        for i, atol in enumerate(ATOLS):
            if gap > atol:
                worst["rtol"][i] = max(worst["rtol"][i], (gap - atol) / size)


def measure(epochs: int = 10000, seed: int = 0, hidden_size: int = 4, loss: str = "cross_entropy",
            always: bool = False, callback=None) -> dict:  # type: ignore[no-untyped-def]
    """Return {quantity: {"abs", "rel", "rtol"}}: the XOR trace with one-ULP-off maths against tinynet's own.

    "rtol" lists, for each atol in ATOLS, the smallest rtol at which diff-trace calls the two traces equal.
    ``callback(epoch, loss)``, if given, runs after each epoch with tinynet's own MSE of that epoch
    (a ``tinynet.progress.Progress`` fits).
    """
    reference = NeuralNetwork(2, hidden_size, 1, learning_rate=0.1, seed=seed, loss=loss)
    with one_ulp_off(always):
        port = NeuralNetwork(2, hidden_size, 1, learning_rate=0.1, seed=seed, loss=loss)  # its log draws W1, W2
    figures = {}  # type: dict
    for epoch in range(epochs):
        a = epoch_record(reference, XOR_X, XOR_Y, epoch)
        with one_ulp_off(always):
            b = epoch_record(port, XOR_X, XOR_Y, epoch)
        for name in QUANTITIES:
            _fold(figures, name, a[name], b[name])
        if callback is not None:
            callback(epoch, a["loss"])
    return figures


def report(figures: dict, out) -> None:  # type: ignore[no-untyped-def]
    """Print the figures as a table: the largest differences, then the rtol needed at each atol."""
    print("%-9s %10s %10s   rtol needed at atol = %s" % ("quantity", "max |a-b|", "max rel",
                                                         ", ".join("%g" % a for a in ATOLS)), file=out)
    for name in QUANTITIES:
        worst = figures.get(name, {"abs": 0.0, "rel": 0.0, "rtol": [0.0] * len(ATOLS)})
        print("%-9s %10.2g %10.2g   %s" % (name, worst["abs"], worst["rel"],
                                          "  ".join("%8.2g" % r for r in worst["rtol"])), file=out)
    needed = [max(figures[name]["rtol"][i] for name in figures) for i in range(len(ATOLS))]
    print("%-9s %10s %10s   %s" % ("all", "", "", "  ".join("%8.2g" % r for r in needed)), file=out)

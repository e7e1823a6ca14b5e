"""The cases of the groups losses (the two losses on their own) and text (the printed loss line)."""

import math
import struct

from .common import case, values
from .fma import fma, sum_of_squares_would_differ

__all__ = ["loss_cases", "text_cases", "LOSS_LINE_VALUES"]


def _mse_divided_twice_differs(a2: "list[list[float]]", y: "list[list[float]]") -> bool:
    acc = 0.0
    for arow, trow in zip(a2, y):
        for a, t in zip(arow, trow):
            acc += (a - t) * (a - t)
    m, n = len(a2), len(a2[0])
    return acc / (m * n) != (acc / m) / n


def _mse_inputs() -> "tuple[list[list[float]], list[list[float]]]":
    """a2, y (3 x 3) where fusing the sum of squares, or dividing by m and then by n, changes a bit."""
    seed = 1000
    while True:
        a2, y = values(seed, 3, 3, 1.0, low=0.0), values(seed + 1, 3, 3, 1.0, low=0.0)
        if sum_of_squares_would_differ(a2, y) and _mse_divided_twice_differs(a2, y):
            return a2, y
        seed += 2


def _next(x: float, steps: int) -> float:
    bits = struct.unpack("<q", struct.pack("<d", x))[0]
    return struct.unpack("<d", struct.pack("<q", bits + steps))[0]


def _cancelling_target(z: float) -> float:
    """A y with y * z rounding to softplus(z) exactly, though not equal to it: the term is 0.0, fused it is not.

    softplus(z) = z + log1p(exp(-z)) is the same double even if exp or log1p
    were 8 units in the last place off, so the expected 0.0 holds for every libm.
    """
    tail = math.log1p(math.exp(-z))
    softplus = z + tail
    assert all(z + _next(tail, k) == softplus for k in range(-8, 9))
    start = softplus / z
    for k in range(-4, 5):
        y = _next(start, k)
        if y * z == softplus and fma(-y, z, softplus) != 0.0:
            return y
    raise AssertionError("no cancelling target for z = %r" % z)


def loss_cases() -> "list[dict]":
    a2, y = _mse_inputs()
    out = [case("losses/mse/3x3", "(0.0 + d*d + ...) / (m * n), d = a2 - y, row-major: fusing acc + d*d, or "
                "dividing by m and then by n, changes a bit", "mse", "exact", {"a2": a2, "y": y}, ["fma-would-differ"]),
           case("losses/mse/2x2", "the mean of four squares", "mse", "exact",
                {"a2": values(1010, 2, 2, 1.0, low=0.0), "y": [[0.0, 1.0], [1.0, 0.0]]}),
           case("losses/mse/outside-0-1", "y may be any finite real", "mse", "exact",
                {"a2": [[0.25, 0.75]], "y": [[-3.0, 2.5]]}),
           case("losses/mse/zero", "a2 equal to y: 0.0", "mse", "exact", {"a2": [[0.5], [0.25]], "y": [[0.5], [0.25]]})]
    z21 = _cancelling_target(21.0)
    out += [case("losses/cross_entropy/3x2", "(1/m) * sum of softplus(z2) - y * z2, row-major", "cross_entropy",
                 "exp", {"z2": values(1020, 3, 2, 6.0), "y": values(1021, 3, 2, 1.0, low=0.0)}, ["exp", "log"]),
            case("losses/cross_entropy/saturated", "z2 = +-40 and +-800, where a2 rounds to 0.0 or 1.0: finite, "
                 "while -[y log a2 + (1 - y) log(1 - a2)] takes log(0.0)", "cross_entropy", "exp",
                 {"z2": [[40.0], [-40.0], [800.0], [-800.0]], "y": [[0.0], [1.0], [1.0], [0.0]]}, ["exp", "log"]),
            case("losses/cross_entropy/outside-0-1", "y may be any finite real: the formula is computed as written",
                 "cross_entropy", "exp", {"z2": [[1.5], [-0.5]], "y": [[-2.0], [3.0]]}, ["exp", "log"]),
            case("losses/cross_entropy/cancellation", "z2 = 21 and y * 21 rounds to softplus(21): the term is "
                 "exactly 0.0; fused as fma(-y, z, softplus) it is %r" % fma(-z21, 21.0, 21.0 + math.log1p(
                     math.exp(-21.0))), "cross_entropy", "exp", {"z2": [[21.0]], "y": [[z21]]},
                 ["exp", "log", "fma-would-differ"]),
            case("losses/mse/unequal-shapes", "a2 (1, 2) and y (1, 1)", "mse", "exact",
                 {"a2": [[0.5, 0.5]], "y": [[1.0]]}),
            case("losses/cross_entropy/unequal-shapes", "z2 (2, 1) and y (1, 1)", "cross_entropy", "exact",
                 {"z2": [[0.5], [0.5]], "y": [[1.0]]}),
            case("losses/mse/overflow", "a2 - y = 2e308 overflows", "mse", "exact",
                 {"a2": [[1e308]], "y": [[-1e308]]}),
            case("losses/mse/overflowing-sum", "each square is finite, their sum is not", "mse", "exact",
                 {"a2": [[1e154], [1e154]], "y": [[0.0], [0.0]]}),
            case("losses/cross_entropy/overflow", "each term is 1e308, their sum overflows", "cross_entropy",
                 "exact", {"z2": [[1e308], [1e308]], "y": [[0.0], [0.0]]}),
            case("losses/cross_entropy/zero-z", "z2 = 0: log(2) - 0 per entry", "cross_entropy", "exp",
                 {"z2": [[0.0, -0.0]], "y": [[0.5, 1.0]]}, ["exp", "log"])]
    return out


LOSS_LINE_VALUES = [
    0.25, 1e-05, 1.0, -0.0, 0.0, 0.1, 1e16, 1e15, 9999999999999998.0, 2.5e-05, 0.0001, 1e-07, 100.0,
    123456789.0, 1e22, 1e+100, 1.7976931348623157e308, 0.30000000000000004, 1 / 3,
    0.2566577676124016, 2.0 ** -1074, 2.0 ** -1022, 2.0 ** -1019, 2.0 ** -814, 2.0 ** -90, 2.0 ** -25, 2.0 ** -20,
    2.0 ** -10, 2.0 ** 52, 2.0 ** 53, 2.0 ** 54, 2.0 ** 64, 2.0 ** 66, 2.0 ** 1023,
]
# exact decimal values halfway between two shortest candidates: the even one is printed (section 21);
# a formatter that breaks ties upward (Rust's {}) prints the odd one for all but 0x1.58p-17
TIES = [float.fromhex(h) for h in ("0x1.68p-17", "0x1.88p-17", "0x1.2p-20", "0x1.58p-17", "0x1.0f3e4d84135f2p+49")]


def text_cases() -> "list[dict]":
    out = []
    for epoch, loss in [(0, v) for v in LOSS_LINE_VALUES + TIES] + [(100, 0.25), (9900, 0.00014), (2147483600, 0.5)]:
        digits = "shortest round-trip digits"
        if loss in TIES or loss == 2.0 ** -25:
            digits += "; two candidates of as many digits are equally near: the one ending in an even digit"
        if math.frexp(abs(loss))[0] == 0.5 and loss != 0.0:
            digits += "; a power of two: the gap below it is half the gap above"
        out.append(case("text/loss_line/epoch-%d/%r" % (epoch, loss),
                        "Epoch %d - Loss: repr(%r): %s" % (epoch, loss, digits), "loss_line", "exact",
                        {"epoch": epoch, "loss": loss}, ["beyond-core"] + (["signed-zero"] if str(loss) == "-0.0" else [])))
    return out


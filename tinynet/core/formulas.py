"""Each scalar formula of the network, written once: every path computes with these.

``NeuralNetwork`` applies ``sigmoid`` and ``sigmoid_slope`` entry by entry, the
losses (losses.py) sum ``squared_error`` and ``cross_entropy_term`` and take
their dZ2 from ``cross_entropy_delta`` and ``mse_delta``; ``matmul`` multiplies
with ``products`` and the fused kernel (kernel.py) with ``dot``, both
``plain_dot``'s loop, and adds columns with ``sum_left``, ``plain_sum``'s. A port
copies these lines; the order of operations in each is part of the spec
(docs/SPEC.md). ``DOT`` names the dot product in use, for the benchmark and a
reader.
"""

import math

__all__ = ["sigmoid", "sigmoid_slope", "sigmoid_derivative", "softplus", "log1p", "squared_error", "cross_entropy_term",
           "cross_entropy_delta", "mse_delta", "dot", "plain_dot", "products", "plain_products",
           "sum_left", "plain_sum", "DOT"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Callable, Iterable, Sequence


def sigmoid(z: float) -> float:
    """Return 1 / (1 + e^-z) for a float, without overflow for any finite z.

    Two branches, chosen by the sign of z (z = -0.0 takes the first):
    z >= 0: 1 / (1 + exp(-z)), the seed's formula; exp(-z) <= 1 cannot overflow.
    z < 0:  e / (1 + e) with e = exp(z), the same value rearranged; exp(-z)
            would overflow for z < -709.78, while exp(z) only underflows to 0.0.

    >>> sigmoid(0.0), sigmoid(-1000.0), sigmoid(1000.0)
    (0.5, 0.0, 1.0)
    """
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid_slope(s: float) -> float:
    """Return s * (1 - s): the sigmoid's derivative, from its value s = sigmoid(z)."""
    return s * (1.0 - s)


def sigmoid_derivative(z: float) -> float:
    """Return sigmoid_slope(sigmoid(z)) = s * (1 - s): s computed once, the same bits as the seed's two calls.

    >>> sigmoid_derivative(0.0)
    0.25
    """
    return sigmoid_slope(sigmoid(z))


def _log1p_from_log(x: float) -> float:
    # log(1 + x) without losing a small x (Goldberg 1991, theorem 4): within 2 ULP
    # of a correctly rounded log1p for the x in (0, 1] that softplus passes it
    u = 1.0 + x
    if u == 1.0:
        return x
    return math.log(u) * x / (u - 1.0)


# MicroPython's math has no log1p: there the form above stands in. Only the
# cross-entropy's value uses it, never a gradient, so the weights keep every bit.
log1p: "Callable[[float], float]" = getattr(math, "log1p", _log1p_from_log)


def softplus(z: float) -> float:
    """Return log(1 + e^z) as max(z, 0) + log1p(e^-|z|): finite for every finite z.

    >>> round(softplus(0.0), 12), softplus(-1000.0), softplus(1000.0)
    (0.69314718056, 0.0, 1000.0)
    """
    return (z if z > 0.0 else 0.0) + log1p(math.exp(-abs(z)))


def squared_error(a: float, t: float) -> float:
    """Return (a - t)^2, written d * d with d = a - t: one term of the MSE."""
    d = a - t
    return d * d


def cross_entropy_term(z: float, t: float) -> float:
    """Return softplus(z) - t * z: -[t log a + (1 - t) log(1 - a)] for a = sigmoid(z), one term of the cross-entropy.

    >>> round(cross_entropy_term(0.0, 1.0), 12)  # log 2
    0.69314718056
    """
    return softplus(z) - t * z


def cross_entropy_delta(a: float, t: float) -> float:
    """Return a - t: one entry of dZ2 = dL/dz2 for the cross-entropy (the sigmoid's derivative cancels)."""
    return a - t


def mse_delta(a: float, t: float, derivative: float, scale: float) -> float:
    """Return ((a - t) * derivative) * scale: one entry of dZ2 for the MSE, scale = 2 / output_size."""
    return ((a - t) * derivative) * scale


def plain_dot(a: "Sequence[float]", b: "Sequence[float]") -> float:
    """Return 0.0 + a[0]*b[0] + a[1]*b[1] + ..., left to right: the dot product a port copies.

    Never builtin sum(): from Python 3.12 it adds floats with compensated
    summation, which gives other bits.
    """
    acc = 0.0
    for x, w in zip(a, b):
        acc += x * w
    return acc


def plain_sum(values: "Iterable[float]", start: float = 0.0) -> float:
    """Return start + values[0] + values[1] + ..., left to right: the sum a port copies."""
    acc = start
    for v in values:
        acc += v
    return acc


def plain_products(rows: "Sequence[Sequence[float]]", columns: "Sequence[Sequence[float]]") -> "list[list[float]]":
    """Return [[plain_dot(row, column) for each column] for each row]: every entry of a matrix product."""
    return [[plain_dot(row, column) for column in columns] for row in rows]


def _summed_products(rows: "Sequence[Sequence[float]]", columns: "Sequence[Sequence[float]]") -> "list[list[float]]":
    # plain_products, each entry _summed_dot's sum(map(mul, row, column), 0.0) written in place of
    # the call: no call of a Python function per entry. This form runs 15% to 31% fewer instructions
    # than one with no Python loop at all, map(sum, map(map, ...)), on XOR's small products, and the
    # same on (64, 784) @ (784, 128).
    return [[sum(map(_mul, row, column), 0.0) for column in columns] for row in rows]


def _summed_dot(a: "Sequence[float]", b: "Sequence[float]") -> float:
    # sum(map(mul, a, b), 0.0) runs plain_dot's loop inside the interpreter: two to three
    # times faster on CPython 3.11, and the same bits wherever sum() adds left to right
    return sum(map(_mul, a, b), 0.0)


def _sum_is_left_to_right() -> bool:
    # left to right, (0.0 + 1e16 + 1.0) - 1e16 is 0.0; compensated (CPython 3.12 on), 1.0
    return sum([1e16, 1.0, -1e16], 0.0) == 0.0


try:  # MicroPython's unix port has no operator module: there plain_dot is the dot product
    from operator import mul as _mul
except ImportError:  # pragma: no cover - CPython and PyPy have operator
    _mul = None  # type: ignore[assignment]

# The dot product and the sum every path uses: plain_dot's and plain_sum's bits, by
# the fastest form that gives them on this interpreter. Chosen once, here, from what
# the interpreter does: the same under `import tinynet` and on a board that carries
# the core alone. Builtin sum(values, start) adds left to right from start wherever
# the probe passes (CPython before 3.12, PyPy), exactly as plain_sum does.
dot: "Callable[[Sequence[float], Sequence[float]], float]" = plain_dot
products: "Callable[[Sequence[Sequence[float]], Sequence[Sequence[float]]], list[list[float]]]" = plain_products
sum_left: "Callable[[Iterable[float], float], float]" = plain_sum
DOT = "plain_dot"
if _sum_is_left_to_right():
    sum_left = sum
    if _mul is not None:
        dot, products, DOT = _summed_dot, _summed_products, "summed_dot"

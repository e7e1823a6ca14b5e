"""The two losses a network can descend, each with its value and its output delta dZ2.

The seed prints the mean squared error but updates with dZ2 = a2 - y, which
is the gradient dL/dz2 of the mean binary cross-entropy, not of the MSE:

  CrossEntropy: L = (1/m) sum_i sum_k [y log a2 + (1 - y) log(1 - a2)] negated;
                dZ2 = a2 - y                                  (the seed's update)
  MSE:          L = mean over all m * output_size entries of (a2 - y)^2;
                dZ2 = ((a2 - y) * sigmoid'(z2)) * (2 / output_size)

With the division by m in dW2 and db2 (network.py) each dZ2 gives the true
gradient of its L. ``delta`` takes the network's activation derivative, so a
subclass that swaps sigmoid for tanh gets the MSE gradient of its own units.
"""

import math

from .errors import NonFiniteError, ShapeError
from .matrix import Matrix, mean

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Callable, Dict, Type, Union

    Derivative = Callable[[Matrix], Matrix]

__all__ = ["CrossEntropy", "MSE", "LOSSES", "mse", "cross_entropy", "log1p"]


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


def _same_shape(a: Matrix, y: Matrix, what: str) -> None:
    if not isinstance(a, Matrix) or not isinstance(y, Matrix):
        raise TypeError("%s takes two Matrix arguments, got %s and %s" % (what, type(a).__name__, type(y).__name__))
    if a.shape != y.shape:
        raise ShapeError("%s: the outputs are %r but y is %r; they must be the same shape" % (what, a.shape, y.shape))


def mse(a2: Matrix, y: Matrix) -> float:
    """Return the mean squared error the seed prints: mean over all entries of (a2 - y)^2.

    Summed from 0.0 in row-major order, then divided by m * output_size.

    >>> mse(Matrix([[0.5], [1.0]]), Matrix([[0.0], [1.0]]))
    0.125
    """
    _same_shape(a2, y, "mse")
    d = a2 - y
    return mean(d * d)


def cross_entropy(z2: Matrix, y: Matrix) -> float:
    """Return the mean binary cross-entropy, from the pre-activations z2 so it is finite for any z2.

    L = (1/m) * sum_i sum_k [softplus(z2) - y * z2], summed from 0.0 in row-major
    order, with softplus(z) = max(z, 0) + log1p(exp(-|z|)). This equals
    -(1/m) sum [y log a2 + (1 - y) log(1 - a2)] for a2 = sigmoid(z2), without
    log(0) when a2 rounds to 0 or 1.

    >>> round(cross_entropy(Matrix([[0.0]]), Matrix([[1.0]])), 12)  # log 2
    0.69314718056
    """
    _same_shape(z2, y, "cross_entropy")
    acc = 0.0
    for zrow, trow in zip(z2.tolist(), y.tolist()):
        for z, t in zip(zrow, trow):
            acc += ((z if z > 0.0 else 0.0) + log1p(math.exp(-abs(z)))) - t * z
    if not math.isfinite(acc):
        raise NonFiniteError("cross_entropy: the sum is %r (z2 or y is too large)" % acc)
    return acc / z2.shape[0]


class CrossEntropy:
    """The mean binary cross-entropy: its dL/dz2 is the seed's dZ2 = a2 - y."""

    name = "cross_entropy"

    @staticmethod
    def value(z2: Matrix, a2: Matrix, y: Matrix) -> float:
        """Return L from z2 (see ``cross_entropy``)."""
        return cross_entropy(z2, y)

    @staticmethod
    def delta(z2: Matrix, a2: Matrix, y: Matrix, derivative: "Derivative") -> Matrix:
        """Return dZ2 = a2 - y (the sigmoid's derivative cancels; ``derivative`` is unused)."""
        return a2 - y


class MSE:
    """The mean squared error over all m * output_size entries, the loss the seed prints."""

    name = "mse"

    @staticmethod
    def value(z2: Matrix, a2: Matrix, y: Matrix) -> float:
        """Return L (see ``mse``)."""
        return mse(a2, y)

    @staticmethod
    def delta(z2: Matrix, a2: Matrix, y: Matrix, derivative: "Derivative") -> Matrix:
        """Return dZ2 = ((a2 - y) * derivative(z2)) * (2 / output_size)."""
        return ((a2 - y) * derivative(z2)) * (2.0 / y.shape[1])


# a network's ``loss`` names one of these
LOSSES: "Dict[str, Union[Type[CrossEntropy], Type[MSE]]]" = {"cross_entropy": CrossEntropy, "mse": MSE}

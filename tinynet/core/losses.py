"""The two losses a network can descend, each with its value and its output delta dZ2.

The seed prints the mean squared error but updates with dZ2 = a2 - y, which
is the gradient dL/dz2 of the mean binary cross-entropy, not of the MSE:

  CrossEntropy: L = (1/m) sum_i sum_k [y log a2 + (1 - y) log(1 - a2)] negated;
                dZ2 = a2 - y                                  (the seed's update)
  MSE:          L = mean over all m * output_size entries of (a2 - y)^2;
                dZ2 = ((a2 - y) * sigmoid'(z2)) * (2 / output_size)

With the division by m in dW2 and db2 (network.py) each dZ2 gives the true
gradient of its L. Each entry's formula is in formulas.py, shared with the
fused kernel. ``delta`` takes the network's activation derivative, so a
subclass that swaps sigmoid for tanh gets the MSE gradient of its own units.
"""

from . import checks, formulas
from .errors import BadArgumentError, NonFiniteError, ShapeError
from .matrix import Matrix, entrywise, total

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Callable, Dict, Type, Union

    Derivative = Callable[[Matrix], Matrix]

__all__ = ["CrossEntropy", "MSE", "LOSSES", "BUILT_IN", "mse", "cross_entropy"]


def _pair(a: object, y: object, what: str, a_name: str) -> "tuple[Matrix, Matrix]":
    """Return both arguments as matrices of one shape; raise naming the one at fault."""
    for value, name in ((a, a_name), (y, "y")):
        if not isinstance(value, Matrix) and checks.is_number(value):
            raise BadArgumentError("%s: %s must be a Matrix or rows of numbers, got %s; a loss compares "
                                   "whole outputs, e.g. %s([[0.5]], [[1.0]])" % (what, name, checks.describe(value), what))
    A = a if isinstance(a, Matrix) else Matrix(a, a_name)
    Y = y if isinstance(y, Matrix) else Matrix(y, "y")
    if A.shape != Y.shape:
        raise ShapeError("%s: %s is %r but y is %r; they must be the same shape" % (what, a_name, A.shape, Y.shape))
    return A, Y


def _sum_of_terms(term: "Callable[[float, float], float]", A: Matrix, Y: Matrix, what: str, formula: str,
                  name: str) -> float:
    """Return total(entrywise(term, A, Y)); raise NonFiniteError naming the loss where it overflows."""
    try:
        return total(entrywise(term, A, Y))
    except NonFiniteError as exc:
        raise NonFiniteError("%s: the terms %s are not finite, %s or y is too large (%s)"
                             % (what, formula, name, exc)) from None


def mse(a2: object, y: object) -> float:
    """Return the mean squared error the seed prints: mean over all entries of (a2 - y)^2.

    Summed from 0.0 in row-major order (``total``), then divided by m * output_size.

    >>> mse(Matrix([[0.5], [1.0]]), Matrix([[0.0], [1.0]]))
    0.125
    """
    A, Y = _pair(a2, y, "mse", "a2")
    m, n = A.shape
    return _sum_of_terms(formulas.squared_error, A, Y, "mse", "(a2 - y)^2", "a2") / (m * n)


def cross_entropy(z2: object, y: object) -> float:
    """Return the mean binary cross-entropy, from the pre-activations z2 so it is finite for any z2.

    L = (1/m) * sum_i sum_k [softplus(z2) - y * z2] (``formulas.cross_entropy_term``),
    summed from 0.0 in row-major order. This equals -(1/m) sum [y log a2 +
    (1 - y) log(1 - a2)] for a2 = sigmoid(z2), without log(0) when a2 rounds to 0 or 1.

    >>> round(cross_entropy(Matrix([[0.0]]), Matrix([[1.0]])), 12)  # log 2
    0.69314718056
    """
    Z, Y = _pair(z2, y, "cross_entropy", "z2")
    return _sum_of_terms(formulas.cross_entropy_term, Z, Y, "cross_entropy", "softplus(z2) - y * z2", "z2") / Z.shape[0]


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
        return entrywise(formulas.cross_entropy_delta, a2, y)


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
        scale = 2.0 / y.shape[1]
        return entrywise(lambda a, t, d: formulas.mse_delta(a, t, d, scale), a2, y, derivative(z2))


# a network's ``loss`` names one of these; the fused kernel runs only the two built in (BUILT_IN)
LOSSES: "Dict[str, Union[Type[CrossEntropy], Type[MSE]]]" = {"cross_entropy": CrossEntropy, "mse": MSE}
BUILT_IN = (CrossEntropy, MSE)

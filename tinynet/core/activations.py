"""The logistic sigmoid and its derivative, for a float or a ``Matrix``.

sigmoid(z) = 1 / (1 + e^-z), sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z)),
exactly as the seed tutorial writes them, but with the overflow-free branch
for negative z (see ``sigmoid_scalar``).
"""

import math

from . import checks
from .matrix import Matrix, apply

__all__ = ["sigmoid", "sigmoid_derivative", "sigmoid_scalar", "sigmoid_derivative_scalar"]


def sigmoid_scalar(z: float) -> float:
    """Return 1 / (1 + e^-z) for a float, without overflow for any finite z.

    Two branches, chosen by the sign of z (z = -0.0 takes the first):
    z >= 0: 1 / (1 + exp(-z)), the seed's formula; exp(-z) <= 1 cannot overflow.
    z < 0:  e / (1 + e) with e = exp(z), the same value rearranged; exp(-z)
            would overflow for z < -709.78, while exp(z) only underflows to 0.0.

    >>> sigmoid_scalar(0.0), sigmoid_scalar(-1000.0), sigmoid_scalar(1000.0)
    (0.5, 0.0, 1.0)
    """
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid_derivative_scalar(z: float) -> float:
    """Return s * (1 - s) with s = sigmoid_scalar(z): computed once, the same bits as the seed's two calls.

    >>> sigmoid_derivative_scalar(0.0)
    0.25
    """
    s = sigmoid_scalar(z)
    return s * (1.0 - s)


def sigmoid(z: "float | Matrix") -> "float | Matrix":
    """Return sigmoid(z) for a number, or entry by entry for a ``Matrix``.

    >>> round(sigmoid(1.0), 9)
    0.731058579
    """
    if isinstance(z, Matrix):
        return apply(z, sigmoid_scalar)
    return sigmoid_scalar(checks.real(z, "z"))


def sigmoid_derivative(z: "float | Matrix") -> "float | Matrix":
    """Return sigmoid(z) * (1 - sigmoid(z)) for a number, or entry by entry for a ``Matrix``.

    >>> sigmoid_derivative(0.0)
    0.25
    """
    if isinstance(z, Matrix):
        return apply(z, sigmoid_derivative_scalar)
    return sigmoid_derivative_scalar(checks.real(z, "z"))

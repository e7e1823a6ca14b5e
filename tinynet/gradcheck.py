"""Central-difference gradients, to check the analytic ones of ``NeuralNetwork.gradients``.

The loss is the one the network descends (``nn.loss``): the mean binary
cross-entropy (``network.cross_entropy``, computed from z2 so it is finite for
every z2) for the seed's update, or the MSE (``network.mse``) for
``loss="mse"``. The numeric gradient of a parameter entry p is
(L(p + h) - L(p - h)) / (2h).
"""

import math

from .matrix import Matrix
from .network import cross_entropy, mse

__all__ = ["objective", "numeric_gradients", "max_error"]


def objective(nn, X, y) -> float:
    """Return the loss ``nn`` descends (``nn.loss``) on X, y."""
    X = nn._inputs(X)
    y = nn._targets(y, X)
    z1, a1, z2, a2 = nn._forward(X)
    if nn.loss == "mse":
        return mse(a2, y)
    return cross_entropy(z2, y)


def numeric_gradients(nn, X, y, h: float = 1e-6) -> tuple:
    """Return central-difference estimates of (dW1, db1, dW2, db2); ``nn`` ends unchanged."""
    original = nn._params
    estimates = []
    try:
        for index, P in enumerate(original):
            rows = P
            grad = []
            for i, row in enumerate(rows):
                grad_row = []
                for j, value in enumerate(row):
                    losses = []
                    for step in (h, -h):
                        perturbed = [list(r) for r in rows]
                        perturbed[i][j] = value + step
                        params = list(original)
                        params[index] = perturbed
                        nn._params = tuple(params)
                        losses.append(objective(nn, X, y))
                    grad_row.append((losses[0] - losses[1]) / (2.0 * h))
                grad.append(grad_row)
            estimates.append(Matrix._wrap(grad))
    finally:
        nn._params = original
    return tuple(estimates)


def max_error(analytic, numeric, atol: float, rtol: float) -> "tuple[float, str]":
    """Return (worst excess over atol + rtol * |numeric|, where), over all four gradients.

    A value <= 0 means every entry agrees within the tolerance.
    """
    worst, where = -math.inf, ""
    for name, A, N in zip(("dW1", "db1", "dW2", "db2"), analytic, numeric):
        for i, (arow, nrow) in enumerate(zip(A, N)):
            for j, (a, n) in enumerate(zip(arow, nrow)):
                excess = abs(a - n) - (atol + rtol * abs(n))
                if excess > worst:
                    worst, where = excess, "%s[%d][%d]: analytic %r, numeric %r" % (name, i, j, a, n)
    return worst, where

"""Central-difference gradients, to check the analytic ones of ``NeuralNetwork.gradients``.

The loss whose gradient the seed's update follows is the mean binary
cross-entropy, written here from z2 so that it is finite for every finite z2:

  L = (1/m) * sum_i sum_k [softplus(z2) - y * z2],
  softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^-|z|)

which equals -(1/m) sum [y log a2 + (1 - y) log(1 - a2)] with a2 = sigmoid(z2).
The numeric gradient of a parameter entry p is (L(p + h) - L(p - h)) / (2h).
"""

import math

from .matrix import Matrix

__all__ = ["cross_entropy", "numeric_gradients", "max_error"]


def _softplus(z: float) -> float:
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def cross_entropy(nn, X, y) -> float:
    """Return the mean binary cross-entropy of ``nn`` on X, y (summed over outputs)."""
    X = nn._inputs(X)
    y = nn._targets(y, X)
    z2 = nn._forward(X)[2]
    total = 0.0
    for zrow, trow in zip(z2, y):
        for z, t in zip(zrow, trow):
            total += _softplus(z) - t * z
    return total / X.shape[0]


def numeric_gradients(nn, X, y, h: float = 1e-6) -> "tuple[Matrix, Matrix, Matrix, Matrix]":
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
                        losses.append(cross_entropy(nn, X, y))
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

"""Central-difference gradients, to check the analytic ones of ``NeuralNetwork.gradients``.

The loss is the one the network descends (``nn.loss``): the mean binary
cross-entropy (``network.cross_entropy``, computed from z2 so it is finite for
every z2) for the seed's update, or the MSE (``network.mse``) for
``loss="mse"``. The numeric gradient of a parameter entry p is
(L(p + h) - L(p - h)) / (2h).
"""

import math

from .core import checks
from .core.errors import BadHyperparameterError, NonFiniteError
from .core.losses import LOSSES
from .core.matrix import Matrix

__all__ = ["objective", "analytic_gradients", "numeric_gradients", "max_error"]


def objective(nn, X, y) -> float:
    """Return the loss ``nn`` descends (``nn.loss``) on X, y; what ``forward`` stored is left alone."""
    y = y if isinstance(y, Matrix) else Matrix(y, "y")
    stored = (nn.z1, nn.a1, nn.z2, nn.a2)
    try:
        a2 = nn.forward(X)
        return LOSSES[nn.loss].value(nn.z2, a2, y)
    finally:
        nn.z1, nn.a1, nn.z2, nn.a2 = stored


def analytic_gradients(nn, X, y) -> tuple:
    """Return ``nn.gradients``' (dW1, db1, dW2, db2) at X, y, after a forward pass on X."""
    nn.forward(X)
    dZ2, dW2, db2, dZ1, dW1, db1 = nn.gradients(X, y)
    return dW1, db1, dW2, db2


def numeric_gradients(nn, X, y, h: float = 1e-6) -> tuple:
    """Return central-difference estimates of (dW1, db1, dW2, db2); ``nn`` ends unchanged."""
    h = _checked_step(h)
    original = nn.parameters
    estimates = []
    try:
        for index, P in enumerate(original):
            grad = []
            for i in range(P.shape[0]):
                grad.append([_central_difference(nn, X, y, original, (index, i, j), h) for j in range(P.shape[1])])
            estimates.append(Matrix(grad, "d" + P.name))
    finally:
        nn.set_parameters(*original)
    return tuple(estimates)


def _checked_step(h: object) -> float:
    """Return the step ``h`` as a float in (0, 1); raise naming ``h`` otherwise."""
    try:
        step = checks.real(h, "h")  # NotANumberError for a str, a bool, None...
    except NonFiniteError:
        step = math.inf
    if not 0.0 < step < 1.0:  # a step of 0 divides by zero; one of 1 or more measures no derivative
        raise BadHyperparameterError("h (the finite-difference step) must be a positive number below 1, got %s"
                                     % checks.describe(h))
    return step


def _central_difference(nn, X, y, original, where, h: float) -> float:
    """(L(p + h) - L(p - h)) / 2h for p = entry [i][j] of parameter ``index``, where = (index, i, j)."""
    index, i, j = where
    losses = []
    for step in (h, -h):
        params = [P.tolist() for P in original]
        params[index][i][j] = original[index][i, j] + step
        nn.set_parameters(*params)
        losses.append(objective(nn, X, y))
    return (losses[0] - losses[1]) / (2.0 * h)


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

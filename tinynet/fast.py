"""The fast path of ``NeuralNetwork.train``: one whole epoch over plain lists.

It computes exactly what ``network._forward``, ``mse``, ``network._gradients``
and ``network._updated`` compute through ``Matrix`` objects, with the same
operations in the same order, so every bit agrees (tests/test_fast.py checks
this over drawn shapes and values). It is faster because it makes no
intermediate ``Matrix``, walks each example once for the forward pass, the loss
and dZ2, dZ1, and checks for non-finite numbers once per epoch instead of once
per operation.

Measured against the plain path and the seed's NumPy code by
``python -m tinynet.bench`` (docs/performance.md).
"""

import math
import sys
from operator import mul

from .errors import NonFiniteError

__all__ = ["Kernel", "dot", "total"]

# Every sum here must be 0.0 + x0 + x1 + ... in index order (docs/SPEC.md).
# Before 3.12, CPython's builtin sum() of floats is exactly that loop, done in
# C, and much faster than a Python loop. From 3.12 on, sum() of floats uses
# compensated (Neumaier) summation, which gives other bits; PyPy's JIT makes
# the plain loop fast anyway. tests/test_fast.py checks both against Matrix.
if sys.implementation.name == "cpython" and sys.version_info < (3, 12):

    def dot(a, b) -> float:
        """Return 0.0 + a[0]*b[0] + a[1]*b[1] + ..., left to right."""
        return sum(map(mul, a, b), 0.0)

    def total(a) -> float:
        """Return 0.0 + a[0] + a[1] + ..., left to right."""
        return sum(a, 0.0)

else:

    def dot(a, b) -> float:
        """Return 0.0 + a[0]*b[0] + a[1]*b[1] + ..., left to right."""
        acc = 0.0
        for x, w in zip(a, b):
            acc += x * w
        return acc

    def total(a) -> float:
        """Return 0.0 + a[0] + a[1] + ..., left to right."""
        acc = 0.0
        for x in a:
            acc += x
        return acc


def _sigmoid(z: float) -> float:
    # the same two branches as activations.sigmoid_scalar
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class Kernel:
    """One training set (X, y as lists of float rows, already validated), ready for epochs."""

    def __init__(self, X: "list[list[float]]", Y: "list[list[float]]", loss: str = "cross_entropy") -> None:
        self.X = X
        self.Y = Y
        self.XT = [list(col) for col in zip(*X)]  # (input_size, m)
        self.m = float(len(X))
        self.count = float(len(X) * len(Y[0]))  # entries averaged by the MSE
        self.cross_entropy = loss == "cross_entropy"
        self.mse_scale = 2.0 / len(Y[0])  # dZ2's factor for loss="mse"

    def epoch(self, params, lr: float):
        """Return (new params, MSE, objective) for one epoch; change nothing.

        ``params`` and the new params are (W1, b1, W2, b2) as lists of rows.
        The MSE (printed by the seed) and the objective (the loss descended:
        the mean cross-entropy, or the MSE again) are those before the update.
        """
        W1, b1, W2, b2 = params
        X, Y, m = self.X, self.Y, self.m
        exp = math.exp
        W1T = list(zip(*W1))  # (hidden_size, input_size): the columns of W1
        W2T = list(zip(*W2))  # (output_size, hidden_size)
        b1r, b2r = b1[0], b2[0]
        Z, A1, D2, D1 = [], [], [], []  # rows of (z1 + z2), a1, dZ2, dZ1
        squares = 0.0  # the MSE's running sum, row-major as in mse()
        entropy = 0.0  # the cross-entropy's running sum, row-major as in cross_entropy()
        cross, scale, log1p = self.cross_entropy, self.mse_scale, math.log1p
        for x, t in zip(X, Y):
            z1 = [dot(x, w) + b for w, b in zip(W1T, b1r)]
            # sigmoid inline, both branches of activations.sigmoid_scalar: a
            # function call per entry costs more than the arithmetic (the
            # walrus names exp(z) once, as sigmoid_scalar's e does)
            a1 = [1.0 / (1.0 + exp(-z)) if z >= 0.0 else (e := exp(z)) / (1.0 + e) for z in z1]
            z2 = [dot(a1, w) + b for w, b in zip(W2T, b2r)]
            a2 = [1.0 / (1.0 + exp(-z)) if z >= 0.0 else (e := exp(z)) / (1.0 + e) for z in z2]
            d2 = [a - target for a, target in zip(a2, t)]  # a2 - y
            for d in d2:
                squares += d * d
            if cross:
                for z, target in zip(z2, t):
                    entropy += ((z if z > 0.0 else 0.0) + log1p(exp(-abs(z)))) - target * z
            else:
                # loss="mse": dZ2 = ((a2 - y) * sigmoid'(z2)) * (2 / output_size)
                d2 = [(d * (a * (1.0 - a))) * scale for d, a in zip(d2, a2)]
            # dZ1 row: (dZ2 row @ W2.T) * sigmoid'(z1), with sigmoid(z1) = a1
            d1 = [dot(d2, w) * (a * (1.0 - a)) for w, a in zip(W2, a1)]
            Z.append(z1 + z2)
            A1.append(a1)
            D2.append(d2)
            D1.append(d1)
        # The plain path raises on an infinite or nan z (a Matrix result); here
        # one sum finds it: it is finite whenever every z is (or, rarely, inf
        # from finite z that overflowed, which the exact scan then clears).
        # Any summation will do for this test, so builtin sum() is fine here.
        if not math.isfinite(sum(map(sum, Z))):
            _raise_first_nonfinite(Z, len(b1r))
        loss = squares / self.count
        objective = entropy / m if cross else loss
        if not (math.isfinite(loss) and math.isfinite(objective)):
            raise NonFiniteError("the loss is %r (the targets are too large)" % loss)
        A1T, D2T, D1T = list(zip(*A1)), list(zip(*D2)), list(zip(*D1))
        # P - lr * dP with dP = (product or column sum) / m, the plain path's order
        new = (
            [[p - lr * (dot(x, d) / m) for p, d in zip(prow, D1T)] for prow, x in zip(W1, self.XT)],
            [[p - lr * (total(d) / m) for p, d in zip(b1r, D1T)]],
            [[p - lr * (dot(a, d) / m) for p, d in zip(prow, D2T)] for prow, a in zip(W2, A1T)],
            [[p - lr * (total(d) / m) for p, d in zip(b2r, D2T)]],
        )
        if not math.isfinite(sum([sum(map(sum, P)) for P in new])):
            _raise_first_nonfinite_update(new, params, lr)
        return new, loss, objective


def _raise_first_nonfinite(Z, hidden_size: int) -> None:
    """Raise for the first z1 or z2 entry that is not finite; return if there is none."""
    for i, row in enumerate(Z):
        for j, z in enumerate(row):
            if not math.isfinite(z):
                name, col = ("z1", j) if j < hidden_size else ("z2", j - hidden_size)
                formula = "X @ W1 + b1" if name == "z1" else "a1 @ W2 + b2"
                raise NonFiniteError(
                    "%s = %s is not finite: entry [%d][%d] is %r (the inputs or weights are too large)"
                    % (name, formula, i, col, z)
                )


def _raise_first_nonfinite_update(new, old, lr: float) -> None:
    """Raise for the first new parameter entry that is not finite; return if there is none."""
    for name, P, Q in zip(("W1", "b1", "W2", "b2"), new, old):
        for i, row in enumerate(P):
            for j, v in enumerate(row):
                if not math.isfinite(v):
                    raise NonFiniteError(
                        "the update of %s[%d][%d] is %r (from %r with learning_rate %r)"
                        % (name, i, j, v, Q[i][j], lr)
                    )

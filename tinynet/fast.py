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
from .matrix import Matrix

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
    # the same two branches as activations.sigmoid_scalar, inlined to save a call
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class Kernel:
    """One training set (X, y as lists of float rows, already validated), ready for epochs."""

    def __init__(self, X: "list[list[float]]", Y: "list[list[float]]") -> None:
        self.X = X
        self.Y = Y
        self.XT = [list(col) for col in zip(*X)]  # (input_size, m)
        self.m = float(len(X))
        self.count = float(len(X) * len(Y[0]))  # entries averaged by the MSE

    def epoch(self, params, lr: float):
        """Return (new params, MSE before the update) for one epoch; change nothing."""
        W1, b1, W2, b2 = (p._rows for p in params)
        X, Y, m = self.X, self.Y, self.m
        W1T = list(zip(*W1))  # (hidden_size, input_size): the columns of W1
        W2T = list(zip(*W2))  # (output_size, hidden_size)
        b1r, b2r = b1[0], b2[0]
        sig = _sigmoid
        A1, D2, D1 = [], [], []  # rows of a1, dZ2, dZ1
        squares = 0.0  # the MSE's running sum, row-major as in mse()
        zcheck = 0.0  # inf or nan here iff some z was (or, rarely, an overflowing sum)
        for x, t in zip(X, Y):
            z1 = [dot(x, w) + b for w, b in zip(W1T, b1r)]
            a1 = [sig(z) for z in z1]
            z2 = [dot(a1, w) + b for w, b in zip(W2T, b2r)]
            d2 = [sig(z) - target for z, target in zip(z2, t)]
            for d in d2:
                squares += d * d
            # dZ1 row: (dZ2 row @ W2.T) * sigmoid'(z1), with sigmoid(z1) = a1
            d1 = [dot(d2, w) * (a * (1.0 - a)) for w, a in zip(W2, a1)]
            zcheck += sum(z1) + sum(z2)  # any float sum will do for a finiteness test
            A1.append(a1)
            D2.append(d2)
            D1.append(d1)
        if not math.isfinite(zcheck):
            _raise_first_nonfinite(X, params)
        loss = squares / self.count
        if not math.isfinite(loss):
            raise NonFiniteError("the loss is %r (the targets are too large)" % loss)
        A1T, D2T, D1T = list(zip(*A1)), list(zip(*D2)), list(zip(*D1))
        dW2 = [[dot(a, d) / m for d in D2T] for a in A1T]
        db2 = [total(d) / m for d in D2T]
        dW1 = [[dot(x, d) / m for d in D1T] for x in self.XT]
        db1 = [total(d) / m for d in D1T]
        new = (
            _step(W1, dW1, lr, "W1"),
            _step([b1r], [db1], lr, "b1"),
            _step(W2, dW2, lr, "W2"),
            _step([b2r], [db2], lr, "b2"),
        )
        return new, loss


def _step(P, dP, lr: float, name: str) -> Matrix:
    """Return P - lr * dP as a Matrix, raising if an entry (or a gradient) is not finite."""
    rows = [[p - lr * d for p, d in zip(prow, drow)] for prow, drow in zip(P, dP)]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if not math.isfinite(v):
                raise NonFiniteError(
                    "the update of %s[%d][%d] is %r (the gradient %r times learning_rate %r)"
                    % (name, i, j, v, dP[i][j], lr)
                )
    return Matrix._wrap(rows)


def _raise_first_nonfinite(X, params) -> None:
    """Name the pre-activation that overflowed and raise; return if none did."""
    W1, b1, W2, b2 = params
    # the Matrix operations check every result, so they find the entry for us
    try:
        z1 = Matrix._wrap(X) @ W1 + b1
    except NonFiniteError as exc:
        raise NonFiniteError("z1 = X @ W1 + b1 is not finite: %s" % exc) from None
    try:
        z1.map(_sigmoid) @ W2 + b2
    except NonFiniteError as exc:
        raise NonFiniteError("z2 = a1 @ W2 + b2 is not finite: %s" % exc) from None

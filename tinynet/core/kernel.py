"""The fused kernel: whole training epochs over plain lists, bit for bit the tutorial's.

``NeuralNetwork.train`` hands epochs to ``fused.train``, which runs them here
(fused.py also chooses the form and the dot product),
only where nothing can tell (``NeuralNetwork.fusable``). An epoch here computes exactly what
``forward``, ``mse``, the loss value, ``gradients`` and ``backward`` compute
through ``Matrix`` objects, with the same operations in the same order, so
every bit agrees (tests/test_kernel.py checks this over drawn shapes and both
losses). It is faster because it makes no intermediate ``Matrix`` and checks
for non-finite numbers once per epoch. When anything is not finite it stops,
and the tutorial's loop runs that epoch and raises its own error.

Two forms of the same epoch, chosen by ``form`` from the input width
(measured: docs/performance.md): ``loops``, the plain nested loops of
docs/SPEC.md, for narrow inputs; ``rows``, one dot product per entry over
rows and freshly laid-out columns, for wide ones.
"""

import math

from .losses import log1p  # math.log1p, or its stand-in where math lacks it (MicroPython)

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Callable, List, Optional, Tuple

    Rows = List[List[float]]
    Params = List[Rows]  # [W1, b1, W2, b2], each a list of rows
    Result = Optional[Tuple[Params, float, float]]  # (new params, MSE, objective), or None

__all__ = ["REPLACES", "epoch_rows", "epoch_loops", "dot", "columns"]

# The methods whose work an epoch here replaces: if a subclass or an instance
# overrides any of them, train must call them (NeuralNetwork.fusable).
REPLACES = ("forward", "backward", "gradients", "sigmoid", "sigmoid_derivative")


def dot(a: "list[float]", b: "list[float]") -> float:
    """Return 0.0 + a[0]*b[0] + a[1]*b[1] + ..., left to right.

    Never builtin sum(): from Python 3.12 it adds floats with compensated
    summation, which gives other bits. This loop over zip is also the fastest
    plain form measured on CPython 3.8 and 3.11 and a close second on PyPy.
    """
    acc = 0.0
    for x, w in zip(a, b):
        acc += x * w
    return acc


def _sigmoid(z: float) -> float:
    # activations.sigmoid_scalar, repeated so the kernel is one self-contained loop nest
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _loss_row(z2: "list[float]", a2: "list[float]", t: "list[float]", cross: bool,
              sums: "list[float]") -> "list[float]":
    """Return the dZ2 row of one example; add its squares and cross-entropy terms to ``sums``, in order."""
    squares, entropy = sums
    scale = 2.0 / len(t)
    d2 = [0.0] * len(t)
    for o in range(len(t)):
        d = a2[o] - t[o]
        squares += d * d
        if cross:
            z = z2[o]
            entropy += ((z if z > 0.0 else 0.0) + log1p(math.exp(-abs(z)))) - t[o] * z
        else:  # loss="mse": dZ2 = ((a2 - y) * sigmoid'(z2)) * (2 / output_size)
            d = (d * (a2[o] * (1.0 - a2[o]))) * scale
        d2[o] = d
    sums[0], sums[1] = squares, entropy
    return d2


def _step(P: "Rows", L: "Rows", R: "Rows", lr: float) -> "Rows":
    """Return P - lr * ((L.T @ R) / m): each entry summed over the examples i from 0.0."""
    n, m = len(L), float(len(L))
    new = []
    for r in range(len(P)):
        row = []
        for c in range(len(P[0])):
            acc = 0.0
            for i in range(n):
                acc += L[i][r] * R[i][c]
            row.append(P[r][c] - lr * (acc / m))
        new.append(row)
    return new


def columns(rows: "Rows") -> "Rows":
    """Return the columns of ``rows`` as new lists of new floats, laid out in order.

    ``x * 1.0`` is ``x`` exactly (-0.0 too) but a new object, and objects made
    one after another sit side by side in memory: a dot product along a
    column then walks memory in order instead of missing the cache at every
    step (twice as fast for a 784-128-10 step on CPython 3.11).
    """
    return [[row[j] * 1.0 for row in rows] for j in range(len(rows[0]))]


def _step_bias(b: "Rows", R: "Rows", lr: float) -> "Rows":
    """Return b - lr * (colsum(R) / m): each column summed over the examples from 0.0."""
    m = float(len(R))
    row = []
    for c in range(len(b[0])):
        acc = 0.0
        for i in range(len(R)):
            acc += R[i][c]
        row.append(b[0][c] - lr * (acc / m))
    return [row]


def _example_loops(x: "list[float]", t: "list[float]", params: "Params", cross: bool,
                   sums: "list[float]") -> "tuple[list[float], list[float], list[float], float]":
    """Return (a1, dZ1 row, dZ2 row, sum of z squares) of one example, in plain loops.

    The sigmoid is written out (both branches of activations.sigmoid_scalar):
    on CPython a call per entry costs more than the arithmetic.
    """
    W1, b1, W2, b2 = params
    exp = math.exp
    n_in, n_hid, n_out = len(x), len(b1[0]), len(b2[0])
    a1, d1, check = [0.0] * n_hid, [0.0] * n_hid, 0.0
    for h in range(n_hid):
        acc = 0.0
        for k in range(n_in):
            acc += x[k] * W1[k][h]
        z = acc + b1[0][h]
        check += z * z
        if z >= 0.0:
            a1[h] = 1.0 / (1.0 + exp(-z))
        else:
            e = exp(z)
            a1[h] = e / (1.0 + e)
    z2, a2 = [0.0] * n_out, [0.0] * n_out
    for o in range(n_out):
        acc = 0.0
        for h in range(n_hid):
            acc += a1[h] * W2[h][o]
        z = acc + b2[0][o]
        check += z * z
        z2[o] = z
        if z >= 0.0:
            a2[o] = 1.0 / (1.0 + exp(-z))
        else:
            e = exp(z)
            a2[o] = e / (1.0 + e)
    d2 = _loss_row(z2, a2, t, cross, sums)
    for h in range(n_hid):
        acc = 0.0
        for o in range(n_out):
            acc += d2[o] * W2[h][o]
        d1[h] = acc * (a1[h] * (1.0 - a1[h]))
    return a1, d1, d2, check


def epoch_loops(X: "Rows", Y: "Rows", params: "Params", lr: float, cross: bool) -> "Result":
    """Return (new params, MSE, objective) of one epoch with plain loops, or None if anything is not finite."""
    W1, b1, W2, b2 = params
    A1, D1, D2 = [], [], []  # rows of a1, dZ1, dZ2
    sums, check = [0.0, 0.0], 0.0  # the running sums of the MSE and the cross-entropy, row-major
    for i in range(len(X)):
        a1, d1, d2, z_squares = _example_loops(X[i], Y[i], params, cross, sums)
        check += z_squares
        A1.append(a1)
        D1.append(d1)
        D2.append(d2)
    new = [_step(W1, X, D1, lr), _step_bias(b1, D1, lr), _step(W2, A1, D2, lr), _step_bias(b2, D2, lr)]
    return _finish(new, sums, check, len(X) * len(b2[0]), len(X), cross)


def epoch_rows(X: "Rows", XT: "Rows", Y: "Rows", params: "Params", lr: float, cross: bool,
               dot: "Callable[[list[float], list[float]], float]" = dot) -> "Result":
    """Return what ``epoch_loops`` returns, with one ``dot`` per entry over rows and columns.

    ``dot`` is ``kernel.dot`` unless ``fused.tune`` set one that gives its bits faster.
    """
    W1, b1, W2, b2 = params
    W1T, W2T = columns(W1), columns(W2)  # (hidden_size, input_size), (output_size, hidden_size)
    A1, D1, D2 = [], [], []
    sums, check = [0.0, 0.0], 0.0
    for x, t in zip(X, Y):
        z1 = [dot(x, w) + b for w, b in zip(W1T, b1[0])]
        a1 = [_sigmoid(z) for z in z1]
        z2 = [dot(a1, w) + b for w, b in zip(W2T, b2[0])]
        d2 = _loss_row(z2, [_sigmoid(z) for z in z2], t, cross, sums)
        A1.append(a1)
        D1.append([dot(d2, w) * (a * (1.0 - a)) for w, a in zip(W2, a1)])
        D2.append(d2)
        check += dot(z1, z1) + dot(z2, z2)
    m, ones = float(len(X)), [1.0] * len(X)  # colsum(R) = 0.0 + 1.0*R[0] + ...: 1.0 * x is x exactly
    A1T, D1T, D2T = columns(A1), columns(D1), columns(D2)
    new = [[[p - lr * (dot(xk, d) / m) for p, d in zip(row, D1T)] for row, xk in zip(W1, XT)],
           [[p - lr * (dot(ones, d) / m) for p, d in zip(b1[0], D1T)]],
           [[p - lr * (dot(ah, d) / m) for p, d in zip(row, D2T)] for row, ah in zip(W2, A1T)],
           [[p - lr * (dot(ones, d) / m) for p, d in zip(b2[0], D2T)]]]
    return _finish(new, sums, check, len(X) * len(b2[0]), len(X), cross)


def _finish(new: "Params", sums: "list[float]", check: float, count: int, m: int, cross: bool) -> "Result":
    """Return (new, MSE, objective), or None if a z, a loss or a new parameter is not finite.

    ``check`` sums the squares of every z: finite whenever every z is (and,
    rarely, inf for huge finite z: then the tutorial's loop runs the epoch).
    """
    loss = sums[0] / count
    objective = sums[1] / m if cross else loss
    for P in new:
        for row in P:
            for v in row:
                check += v * v
    if not (math.isfinite(check) and math.isfinite(loss) and math.isfinite(objective)):
        return None
    return new, loss, objective

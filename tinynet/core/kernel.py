"""The fast path of ``NeuralNetwork.train``: one whole epoch over plain lists.

It computes exactly what ``network._forward``, ``mse``, ``network._gradients``
and ``network._updated`` compute through ``Matrix`` objects, with the same
operations in the same order, so every bit agrees (tests/test_fast.py checks
this over drawn shapes and values). It is faster because it makes no
intermediate ``Matrix``, checks for non-finite numbers once per epoch instead
of once per operation, and runs the epoch in whichever of three forms
(``Kernel``) was measured fastest for the interpreter and the shape.

Measured against the plain path and the seed's NumPy code by
``python -m tinynet.bench`` (docs/performance.md).
"""

import math
import sys
from itertools import repeat
from operator import mul

from .errors import NonFiniteError

__all__ = ["Kernel", "choose_strategy", "dot", "total"]

# Every sum here must be 0.0 + x0 + x1 + ... in index order (docs/SPEC.md).
# Before Python 3.12, builtin sum() of floats is exactly that loop, run
# inside the interpreter: on CPython much faster than a Python loop, and on
# PyPy 3.9 sum(map(mul, a, b)) is its fastest dot product too (about 700 M
# multiply-adds a second against 450 for a for-loop; "ceiling" in python -m
# tinynet.bench). From 3.12 on, CPython's sum() of floats uses compensated
# (Neumaier) summation, which gives other bits, so there the kernels use the
# plain loop. tests/test_fast.py checks each against the Matrix path.
if sys.version_info < (3, 12):
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


def _columns(rows) -> "list[list[float]]":
    """Return the columns of ``rows`` as lists of fresh floats, laid out in order.

    A column of a list of rows points at float objects scattered through
    memory (one per row, far apart), so a dot product along it misses the
    cache at every step. ``x * 1.0`` is ``x`` exactly (-0.0 and all) but a new
    object, and new objects made one after another sit side by side: on
    CPython 3.11 this makes the dot products of a 784-128-10 step twice as
    fast (9.9 against 22.4 M multiply-adds a second) for the cost of the copy.
    As lists, not zip's tuples, PyPy also stores them unboxed.
    """
    return [list(map(mul, column, repeat(1.0))) for column in zip(*rows)]


# Which epoch is fastest where, measured on CPython 3.8, 3.11, 3.13 and PyPy
# 3.9 (medians of 7 alternating runs, 2 cores; docs/performance.md):
# - PyPy: the plain loops (XOR: 3 us against 15 for the others), but for
#   inputs wider than PYPY_ROWS_MIN_INPUTS, rows, whose long dot products
#   PyPy runs at several hundred M multiply-adds a second (784-128-10:
#   66 ms, loops 80 to 120);
# - CPython 3.11 and later, tiny networks (at most LOOPS_MAX_MADDS
#   multiply-adds an epoch; XOR has 112): the plain loops (XOR: 35 us, flat 40);
# - up to FLAT_MAX_INPUTS inputs and FLAT_MAX_OUTPUTS outputs: flat, which adds
#   one input's contribution to every (example, unit) pair in one list
#   comprehension (4-8-3, 120 examples: 1.7 ms, rows and loops 2.4);
# - wider layers: rows, one builtin dot product per entry (64-32-10: 17 ms,
#   flat 21, loops 28).
LOOPS_MAX_MADDS = 256
PYPY_ROWS_MIN_INPUTS = 256
FLAT_MAX_INPUTS = 6
FLAT_MAX_OUTPUTS = 6


def choose_strategy(n: int, n_in: int, n_hid: int, n_out: int,
                    implementation: str = sys.implementation.name, version=sys.version_info) -> str:
    """Return "loops", "flat" or "rows": the fastest epoch for this shape and interpreter."""
    if implementation != "cpython":
        return "rows" if n_in >= PYPY_ROWS_MIN_INPUTS else "loops"
    if version >= (3, 11) and n * (2 * n_in * n_hid + 3 * n_hid * n_out) <= LOOPS_MAX_MADDS:
        return "loops"
    if n_in <= FLAT_MAX_INPUTS and n_out <= FLAT_MAX_OUTPUTS:
        return "flat"
    return "rows"


class Kernel:
    """One training set (X, y as lists of float rows, already validated), ready for epochs.

    Three ways to compute the same epoch, with the same operations in the
    same order, each fastest somewhere: ``_epoch_rows`` walks the examples one
    by one with a dot product per entry, for wide layers on CPython;
    ``_epoch_flat`` works on whole (example, unit) grids at once, for the
    narrow layers of XOR-sized networks on CPython, where calls and loops cost
    more than the arithmetic; ``_epoch_loops`` is the plain nested loops of
    docs/SPEC.md, which PyPy's JIT turns into machine code.
    """

    def __init__(self, X: "list[list[float]]", Y: "list[list[float]]", loss: str = "cross_entropy") -> None:
        self.X = X
        self.Y = Y
        self.n = len(X)
        self.XT = _columns(X)  # (input_size, m)
        self.y_flat = [t for row in Y for t in row]  # row-major
        self.m = float(len(X))
        self.count = float(len(X) * len(Y[0]))  # entries averaged by the MSE
        self.cross_entropy = loss == "cross_entropy"
        self.mse_scale = 2.0 / len(Y[0])  # dZ2's factor for loss="mse"
        self.strategy = None  # chosen at the first epoch, when the hidden size is known
        self._x_tiled = None  # for the flat epoch: each X[i][k] repeated hidden_size times

    def epoch(self, params, lr: float):
        """Return (new params, MSE, objective) for one epoch; change nothing.

        ``params`` and the new params are (W1, b1, W2, b2) as lists of rows.
        The MSE (printed by the seed) and the objective (the loss descended:
        the mean cross-entropy, or the MSE again) are those before the update.
        """
        if self.strategy is None:
            self.strategy = choose_strategy(self.n, len(self.XT), len(params[1][0]), len(self.Y[0]))
        if self.strategy == "flat":
            return self._epoch_flat(params, lr)
        if self.strategy == "rows":
            return self._epoch_rows(params, lr)
        return self._epoch_loops(params, lr)

    def _epoch_rows(self, params, lr: float):
        W1, b1, W2, b2 = params
        X, Y, m = self.X, self.Y, self.m
        exp = math.exp
        W1T = _columns(W1)  # (hidden_size, input_size)
        W2T = _columns(W2)  # (output_size, hidden_size)
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
        loss, objective = self._losses(squares, entropy)
        return _update(params, self.XT, _columns(A1), _columns(D2), _columns(D1), m, lr), loss, objective

    def _epoch_flat(self, params, lr: float):
        W1, b1, W2, b2 = params
        b1r, b2r = b1[0], b2[0]
        n, m = self.n, self.m
        H, O = len(b1r), len(b2r)
        exp, log1p = math.exp, math.log1p
        if self._x_tiled is None or len(self._x_tiled[0]) != n * H:
            self._x_tiled = [[x for x in col for _ in range(H)] for col in self.XT]
        # z1 as one row-major list over (example i, hidden unit h): add input
        # k's x[i][k] * W1[k][h] to every pair at once (W1 row k is tiled once
        # per example), inputs in order from 0.0, then the bias, fused into
        # the last step: (s + x * w) + b
        acc = [0.0] * (n * H)
        last = len(W1) - 1
        for k in range(last):
            acc = [s + x * w for s, x, w in zip(acc, self._x_tiled[k], W1[k] * n)]
        z1 = [s + x * w + b for s, x, w, b in zip(acc, self._x_tiled[last], W1[last] * n, b1r * n)]
        a1 = [1.0 / (1.0 + exp(-z)) if z >= 0.0 else (e := exp(z)) / (1.0 + e) for z in z1]
        A1rows = [a1[i * H:(i + 1) * H] for i in range(n)]
        W2T = list(zip(*W2))
        z2 = [dot(row, w) + b for row in A1rows for w, b in zip(W2T, b2r)]  # (i, o)
        a2 = [1.0 / (1.0 + exp(-z)) if z >= 0.0 else (e := exp(z)) / (1.0 + e) for z in z2]
        d2 = [a - t for a, t in zip(a2, self.y_flat)]  # a2 - y, row-major
        squares = 0.0
        for d in d2:
            squares += d * d
        entropy = 0.0
        if self.cross_entropy:
            for z, t in zip(z2, self.y_flat):
                entropy += ((z if z > 0.0 else 0.0) + log1p(exp(-abs(z)))) - t * z
        else:
            scale = self.mse_scale
            d2 = [(d * (a * (1.0 - a))) * scale for d, a in zip(d2, a2)]
        if not math.isfinite(sum(z1) + sum(z2)):  # see _epoch_rows
            _raise_first_nonfinite([z1[i * H:(i + 1) * H] + z2[i * O:(i + 1) * O] for i in range(n)], H)
        loss, objective = self._losses(squares, entropy)
        # dZ1 over (i, h): sum over outputs o of dZ2[i][o] * W2[h][o], one
        # output at a time from 0.0, times sigmoid'(z1) = a1 * (1 - a1) last
        acc = [0.0] * (n * H)
        for o in range(O):
            d_tiled = [d for d in d2[o::O] for _ in range(H)]
            if o < O - 1:
                acc = [s + d * w for s, d, w in zip(acc, d_tiled, W2T[o] * n)]
            else:
                acc = [(s + d * w) * (a * (1.0 - a)) for s, d, w, a in zip(acc, d_tiled, W2T[o] * n, a1)]
        columns = [a1[h::H] for h in range(H)], [d2[o::O] for o in range(O)], [acc[h::H] for h in range(H)]
        return _update(params, self.XT, columns[0], columns[1], columns[2], m, lr), loss, objective

    def _epoch_loops(self, params, lr: float):
        W1, b1, W2, b2 = params
        b1r, b2r = b1[0], b2[0]
        X, Y, n, m = self.X, self.Y, self.n, self.m
        I, H, O = len(W1), len(b1r), len(b2r)
        exp, log1p = math.exp, math.log1p
        cross, scale = self.cross_entropy, self.mse_scale
        Z, A1, D2, D1 = [], [], [], []  # rows of (z1 + z2), a1, dZ2, dZ1
        squares = entropy = zcheck = 0.0
        for i in range(n):
            x, t = X[i], Y[i]
            z = [0.0] * (H + O)
            a1 = [0.0] * H
            for h in range(H):
                acc = 0.0
                for k in range(I):
                    acc += x[k] * W1[k][h]
                zh = acc + b1r[h]
                z[h] = zh
                if zh >= 0.0:
                    a1[h] = 1.0 / (1.0 + exp(-zh))
                else:
                    e = exp(zh)
                    a1[h] = e / (1.0 + e)
            d2 = [0.0] * O
            for o in range(O):
                acc = 0.0
                for h in range(H):
                    acc += a1[h] * W2[h][o]
                zo = acc + b2r[o]
                z[H + o] = zo
                if zo >= 0.0:
                    a = 1.0 / (1.0 + exp(-zo))
                else:
                    e = exp(zo)
                    a = e / (1.0 + e)
                d = a - t[o]
                squares += d * d
                if cross:
                    entropy += ((zo if zo > 0.0 else 0.0) + log1p(exp(-abs(zo)))) - t[o] * zo
                else:
                    d = (d * (a * (1.0 - a))) * scale
                d2[o] = d
            d1 = [0.0] * H
            for h in range(H):
                acc = 0.0
                for o in range(O):
                    acc += d2[o] * W2[h][o]
                d1[h] = acc * (a1[h] * (1.0 - a1[h]))
            for v in z:
                zcheck += v
            Z.append(z)
            A1.append(a1)
            D2.append(d2)
            D1.append(d1)
        if not math.isfinite(zcheck):  # see _epoch_rows
            _raise_first_nonfinite(Z, H)
        loss, objective = self._losses(squares, entropy)
        new = (
            _step_loops(W1, X, D1, n, m, lr),
            [_step_bias_loops(b1r, D1, n, m, lr)],
            _step_loops(W2, A1, D2, n, m, lr),
            [_step_bias_loops(b2r, D2, n, m, lr)],
        )
        _check_update(new, params, lr)
        return new, loss, objective

    def _losses(self, squares: float, entropy: float):
        """Return (MSE, objective) from their running sums; raise if either is not finite."""
        loss = squares / self.count
        objective = entropy / self.m if self.cross_entropy else loss
        if not (math.isfinite(loss) and math.isfinite(objective)):
            raise NonFiniteError("the loss is %r (the targets are too large)" % loss)
        return loss, objective


def _step_loops(P, L, R, n: int, m: float, lr: float):
    """Return P - lr * ((L.T @ R) / m) with plain loops: the examples i summed from 0.0.

    For W1, L is X and R is dZ1; for W2, L is a1 and R is dZ2 (all as rows).
    """
    rows, cols = len(P), len(P[0])
    new = [[0.0] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            acc = 0.0
            for i in range(n):
                acc += L[i][r] * R[i][c]
            new[r][c] = P[r][c] - lr * (acc / m)
    return new


def _step_bias_loops(b, R, n: int, m: float, lr: float):
    """Return b - lr * (colsum(R) / m) with plain loops."""
    new = [0.0] * len(b)
    for c in range(len(b)):
        acc = 0.0
        for i in range(n):
            acc += R[i][c]
        new[c] = b[c] - lr * (acc / m)
    return new


def _update(params, XT, A1T, D2T, D1T, m: float, lr: float):
    """Return P - lr * dP for the four parameters, from the columns of X, a1, dZ2 and dZ1.

    dW1[k][h] = dot(X column k, dZ1 column h) / m, db1[h] = sum(dZ1 column h) / m,
    and likewise dW2, db2 from a1 and dZ2: the plain path's products and
    column sums, entry by entry; then the step, lr * dP first.
    """
    W1, b1, W2, b2 = params
    # W2 is often tall and thin (hidden_size x 1): step it column by column,
    # one list comprehension per output instead of one per hidden unit
    W2_columns = [
        [p - lr * (dot(a, d) / m) for p, a in zip(column, A1T)]
        for column, d in zip(zip(*W2), D2T)
    ]
    new = (
        [[p - lr * (dot(x, d) / m) for p, d in zip(prow, D1T)] for prow, x in zip(W1, XT)],
        [[p - lr * (total(d) / m) for p, d in zip(b1[0], D1T)]],
        [list(row) for row in zip(*W2_columns)],
        [[p - lr * (total(d) / m) for p, d in zip(b2[0], D2T)]],
    )
    _check_update(new, params, lr)
    return new


def _check_update(new, old, lr: float) -> None:
    """Raise NonFiniteError, naming the entry, if a new parameter is not finite."""
    # one sum is finite iff every entry is (or, rarely, finite entries overflowed
    # it, which the exact scan then clears); any summation will do for this test
    W1, b1, W2, b2 = new
    if not math.isfinite(sum(map(sum, W1)) + sum(b1[0]) + sum(map(sum, W2)) + sum(b2[0])):
        _raise_first_nonfinite_update(new, old, lr)


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

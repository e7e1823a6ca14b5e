"""The fused kernel: a whole training epoch on plain lists, bit for bit the tutorial's, and when it may run.

``NeuralNetwork.train`` hands an epoch to ``epoch`` here only where nothing
can tell the difference (``unchanged``): the network's class and the network
itself redefine no public name of ``NeuralNetwork``, and its loss is one of
the two built in. An epoch here computes what ``forward``, ``mse``, the loss
value, ``gradients`` and ``backward`` compute through ``Matrix`` objects, with
the same formulas (formulas.py) in the same order, so every bit agrees
(tests/test_kernel.py). It is faster because it makes no intermediate
``Matrix`` and checks for numbers that are not finite once per epoch. When
one is not finite it returns None, and ``train`` runs the tutorial's epoch,
which raises its own error.

Two forms of the same epoch, chosen by ``prepare`` from the input width
(measured: docs/performance.md): "loops", plain loops over one example at a
time, for narrow inputs; "rows", one ``formulas.dot`` per entry over rows and
freshly laid-out columns, for wide ones.
"""

from . import formulas

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Dict, List, Optional, Tuple

    Rows = List[List[float]]
    Params = List[Rows]  # [W1, b1, W2, b2], each a list of rows
    Stored = Optional[Tuple[Rows, Rows, Rows, Rows]]  # z1, a1, z2, a2
    Step = Tuple[Params, float, float, Stored]  # (new params, MSE, objective, stored)

__all__ = ["Fused", "public_names", "unchanged", "prepare", "epoch", "columns", "ROWS_MIN_INPUTS"]

# Inputs from which the rows form is faster (docs/performance.md): 64 with the
# plain dot product (CPython 3.12 on, MicroPython), 16 with the summed one
# (CPython before 3.12, PyPy).
ROWS_MIN_INPUTS = {"plain_dot": 64, "summed_dot": 16}


def public_names(cls: type) -> "Dict[str, object]":
    """Return every public name of ``cls`` with what it is bound to there (methods, properties)."""
    return {name: getattr(cls, name) for name in dir(cls) if not name.startswith("_")}


def unchanged(network: object, public: "Dict[str, object]") -> bool:
    """Return True if neither ``network``'s class nor ``network`` itself rebinds a name of ``public``.

    The one test of when the fused kernel may run: an override of any public
    method or property, on a subclass or on the instance, sends every epoch
    through the tutorial's loop, which calls it.
    """
    cls = type(network)
    for name, value in public.items():
        if getattr(cls, name, None) is not value:
            return False
    for name in network.__dict__:
        if name in public:
            return False
    return True


class Fused:
    """What every fused epoch on one X and y shares, and the weights it has reached."""

    __slots__ = ("X", "XT", "Y", "params", "cross", "form")

    def __init__(self, X: "Rows", Y: "Rows", params: "Params", loss: str) -> None:
        self.X, self.Y, self.params = X, Y, params
        self.cross = loss == "cross_entropy"  # else "mse": the two built-in losses
        self.form = "rows" if len(X[0]) >= ROWS_MIN_INPUTS[formulas.DOT] else "loops"
        self.XT = columns(X)  # X's columns, for the rows form's dW1


def prepare(X: "Rows", Y: "Rows", params: "Params", loss: str) -> Fused:
    """Return the fused kernel's data for checked rows X, Y, the weights [W1, b1, W2, b2] and the loss name."""
    return Fused(X, Y, params, loss)


def epoch(fused: "Fused | None", lr: float, keep: bool) -> "Step | None":
    """Run one epoch; return (new params, MSE, objective, z1 a1 z2 a2 if ``keep``), or None.

    None where ``fused`` is None, or where a number is not finite (then the
    tutorial's epoch runs instead). The new params become ``fused.params``.
    """
    if fused is None:
        return None
    sums = [0.0, 0.0]  # the running sums of the MSE and the cross-entropy, row-major over all examples
    if fused.form == "loops":
        outputs = [_example_loops(x, t, fused.params, fused.cross, sums) for x, t in zip(fused.X, fused.Y)]
    else:
        outputs = _examples_rows(fused.X, fused.Y, fused.params, fused.cross, sums)
    z1s, a1s, z2s, a2s, d1s, d2s = [list(rows) for rows in zip(*outputs)]  # one list of rows per quantity
    update = _update_loops if fused.form == "loops" else _update_rows
    new = update(fused, a1s, d1s, d2s, lr)
    m, count = len(fused.X), len(fused.X) * len(fused.Y[0])
    loss = sums[0] / count
    objective = sums[1] / m if fused.cross else loss
    if not _all_finite(z1s, z2s, new, loss + objective):
        return None
    fused.params = new
    return new, loss, objective, ((z1s, a1s, z2s, a2s) if keep else None)


def _loss_row(z2: "list[float]", a2: "list[float]", t: "list[float]", cross: bool,
              sums: "list[float]") -> "list[float]":
    """Return one example's dZ2 row; add its squared errors and cross-entropy terms to ``sums``, in order."""
    outputs = range(len(t))
    d2, squares, entropy = [0.0] * len(t), sums[0], sums[1]
    if cross:
        term, delta = formulas.cross_entropy_term, formulas.cross_entropy_delta
        for o in outputs:
            squares += formulas.squared_error(a2[o], t[o])
            entropy += term(z2[o], t[o])
            d2[o] = delta(a2[o], t[o])
    else:
        scale, slope = 2.0 / len(t), formulas.sigmoid_slope
        for o in outputs:
            squares += formulas.squared_error(a2[o], t[o])
            d2[o] = formulas.mse_delta(a2[o], t[o], slope(a2[o]), scale)
    sums[0], sums[1] = squares, entropy
    return d2


def _example_loops(x: "list[float]", t: "list[float]", params: "Params", cross: bool,
                   sums: "list[float]") -> "Tuple[list[float], ...]":
    """Return (z1, a1, z2, a2, dZ1 row, dZ2 row) of one example, in plain loops; add its loss terms to ``sums``."""
    W1, b1, W2, b2 = params
    sigmoid, slope = formulas.sigmoid, formulas.sigmoid_slope
    inputs, hidden, outputs = range(len(x)), range(len(b1[0])), range(len(b2[0]))  # made once, not per unit
    z1, a1, z2, a2 = [0.0] * len(hidden), [0.0] * len(hidden), [0.0] * len(outputs), [0.0] * len(outputs)
    bias = b1[0]
    for h in hidden:
        acc = 0.0
        for k in inputs:
            acc += x[k] * W1[k][h]
        z = acc + bias[h]
        z1[h] = z
        a1[h] = sigmoid(z)
    bias = b2[0]
    for o in outputs:
        acc = 0.0
        for h in hidden:
            acc += a1[h] * W2[h][o]
        z = acc + bias[o]
        z2[o] = z
        a2[o] = sigmoid(z)
    d2 = _loss_row(z2, a2, t, cross, sums)
    d1 = [0.0] * len(hidden)
    for h in hidden:
        acc = 0.0
        w = W2[h]
        for o in outputs:
            acc += d2[o] * w[o]
        d1[h] = acc * slope(a1[h])  # (dZ2 @ W2.T) * sigmoid'(z1), sigmoid'(z1) = slope(a1)
    return z1, a1, z2, a2, d1, d2


def _examples_rows(X: "Rows", Y: "Rows", params: "Params", cross: bool,
                   sums: "list[float]") -> "List[Tuple[list[float], ...]]":
    """Return what ``_example_loops`` returns for every example, with one ``formulas.dot`` per entry."""
    W1, b1, W2, b2 = params
    dot, sigmoid, slope = formulas.dot, formulas.sigmoid, formulas.sigmoid_slope
    W1T, W2T = columns(W1), columns(W2)  # (hidden_size, input_size), (output_size, hidden_size)
    outputs = []  # type: List[Tuple[list[float], ...]]
    for x, t in zip(X, Y):
        z1 = [dot(x, w) + b for w, b in zip(W1T, b1[0])]
        a1 = [sigmoid(z) for z in z1]
        z2 = [dot(a1, w) + b for w, b in zip(W2T, b2[0])]
        a2 = [sigmoid(z) for z in z2]
        d2 = _loss_row(z2, a2, t, cross, sums)
        d1 = [dot(d2, w) * slope(a) for w, a in zip(W2, a1)]
        outputs.append((z1, a1, z2, a2, d1, d2))
    return outputs


def _update_rows(fused: Fused, A1: "Rows", D1: "Rows", D2: "Rows", lr: float) -> "Params":
    """Return [W1, b1, W2, b2] - lr * [dW1, db1, dW2, db2] with one dot product per entry (the rows form).

    Each gradient entry is (L.T @ R)[r][c] / m: a dot product of column r of L
    and column c of R, over the examples i from 0.0, as ``matmul`` adds it.
    """
    W1, b1, W2, b2 = fused.params
    m, dot = float(len(A1)), formulas.dot
    D1T, D2T, A1T = columns(D1), columns(D2), columns(A1)  # (hidden_size, m), (output_size, m), (hidden_size, m)
    ones = [1.0] * len(A1)  # colsum(R) = 0.0 + 1.0*R[0][c] + ...: 1.0 * r is r exactly
    return [[[p - lr * (dot(xk, d) / m) for p, d in zip(row, D1T)] for row, xk in zip(W1, fused.XT)],
            [[p - lr * (dot(ones, d) / m) for p, d in zip(b1[0], D1T)]],
            [[p - lr * (dot(ah, d) / m) for p, d in zip(row, D2T)] for row, ah in zip(W2, A1T)],
            [[p - lr * (dot(ones, d) / m) for p, d in zip(b2[0], D2T)]]]


def _update_loops(fused: Fused, A1: "Rows", D1: "Rows", D2: "Rows", lr: float) -> "Params":
    """Return what ``_update_rows`` returns, with plain loops (the loops form)."""
    W1, b1, W2, b2 = fused.params
    return [_step(W1, fused.X, D1, lr), _step_bias(b1, D1, lr), _step(W2, A1, D2, lr), _step_bias(b2, D2, lr)]


def _step(P: "Rows", L: "Rows", R: "Rows", lr: float) -> "Rows":
    """Return P - lr * ((L.T @ R) / m): each entry summed over the examples i from 0.0."""
    m = float(len(L))
    new = []
    for r, old in enumerate(P):
        row = []
        for c in range(len(old)):
            acc = 0.0
            for left, right in zip(L, R):  # example i: L[i][r] * R[i][c], i ascending
                acc += left[r] * right[c]
            row.append(old[c] - lr * (acc / m))
        new.append(row)
    return new


def _step_bias(b: "Rows", R: "Rows", lr: float) -> "Rows":
    """Return b - lr * (colsum(R) / m): each column summed over the examples from 0.0."""
    m = float(len(R))
    row = []
    for c, old in enumerate(b[0]):
        acc = 0.0
        for right in R:
            acc += right[c]
        row.append(old - lr * (acc / m))
    return [row]


def columns(rows: "Rows") -> "Rows":
    """Return the columns of ``rows`` as new lists of new floats, laid out in order.

    ``x * 1.0`` is ``x`` exactly (-0.0 too) but a new object, and objects made
    one after another sit side by side in memory: a dot product along a
    column then walks memory in order instead of missing the cache at every
    step (twice as fast for a 784-128-10 step on CPython 3.11).
    """
    return [[row[j] * 1.0 for row in rows] for j in range(len(rows[0]))]


def _all_finite(z1s: "Rows", z2s: "Rows", new: "Params", losses: float) -> bool:
    """Return True if every z, every new parameter and both losses are finite.

    Builtin sum() only tests finiteness here (its value is not used): inf and
    nan survive any order of addition, and x - x is 0.0 exactly for finite x.
    A sum that overflows on finite entries sends the epoch to the tutorial's
    loop, which finds nothing wrong and goes on: rare, slower, never wrong.
    """
    check = losses + sum(map(sum, z1s)) + sum(map(sum, z2s))
    for P in new:
        check += sum(map(sum, P))
    return check - check == 0.0

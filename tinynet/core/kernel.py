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

One example at a time, as the tutorial's matrices hold them, row by row:
every entry of z1, z2 and dZ1 is one ``formulas.dot`` of a row and a column,
every entry of dW1 and dW2 one ``formulas.dot`` of two columns over the
examples, as ``matmul`` computes them, and every entry of db1 and db2 one
``formulas.sum_left`` of a column, as ``column_sum`` does.
"""

from . import checks, formulas
from .errors import BadArgumentError
from .losses import BUILT_IN, CrossEntropy

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Dict, List, Optional, Sequence, Tuple

    Rows = List[List[float]]
    Params = List[Rows]  # [W1, b1, W2, b2], each a list of rows
    Stored = Optional[Tuple[Rows, Rows, Rows, Rows]]  # z1, a1, z2, a2
    Step = Tuple[Params, float, float, Stored]  # (new params, MSE, objective, stored)

__all__ = ["Fused", "public_names", "unchanged", "prepare", "epoch", "columns", "FRESH_COLUMNS"]

# From this many entries on, ``columns`` lays a column's floats out afresh (see there)
FRESH_COLUMNS = 4096


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

    __slots__ = ("X", "XT", "Y", "params", "cross")

    def __init__(self, X: "Rows", Y: "Rows", params: "Params", loss: type) -> None:
        self.X, self.XT, self.Y, self.params = X, columns(X), Y, params
        self.cross = loss is CrossEntropy  # else MSE: the two built-in losses, told apart by class


def prepare(X: "Rows", Y: "Rows", params: "Params", loss: type) -> Fused:
    """Return the fused kernel's data for checked rows X, Y, the weights [W1, b1, W2, b2] and the loss class.

    ``loss`` must be one of losses.BUILT_IN (``CrossEntropy`` or ``MSE``): the kernel
    knows their formulas, by class, whatever name ``LOSSES`` files them under.
    """
    if loss not in BUILT_IN:
        raise BadArgumentError("prepare: loss must be CrossEntropy or MSE, got %s"
                               % getattr(loss, "__name__", checks.describe(loss)))
    return Fused(X, Y, params, loss)


def epoch(fused: "Fused | None", lr: float, keep: bool) -> "Step | None":
    """Run one epoch; return (new params, MSE, objective, z1 a1 z2 a2 if ``keep``), or None.

    None where ``fused`` is None, or where a number is not finite (then the
    tutorial's epoch runs instead). The new params become ``fused.params``.
    """
    if fused is None:
        return None
    W1, b1, W2, b2 = fused.params
    weights = (columns(W1), b1[0], W2, columns(W2), b2[0])  # W1's columns, b1, W2, W2's columns, b2
    sums = [0.0, 0.0]  # the running sums of the MSE and the cross-entropy, row-major over all examples
    Z1, A1, Z2, A2, D1, D2 = [], [], [], [], [], []  # z1 a1 z2 a2 dZ1 dZ2, row by row
    # One example at a time, each row stored as it comes. (Collecting each example's six rows
    # and transposing them with zip(*rows) made a trace PyPy's JIT gave up on as too long, and
    # ran slower there: docs/performance.md.)
    for x, t in zip(fused.X, fused.Y):
        z1, a1, z2, a2, d1, d2 = _example(x, t, weights, fused.cross, sums)
        Z1.append(z1)
        A1.append(a1)
        Z2.append(z2)
        A2.append(a2)
        D1.append(d1)
        D2.append(d2)
    new = _update(fused, A1, D1, D2, lr)
    m, count = len(fused.X), len(fused.X) * len(fused.Y[0])
    loss = sums[0] / count
    objective = sums[1] / m if fused.cross else loss
    if not _all_finite(Z1, Z2, new, loss + objective):
        return None
    fused.params = new
    return new, loss, objective, ((Z1, A1, Z2, A2) if keep else None)


def _example(x: "list[float]", t: "list[float]", weights: "tuple", cross: bool,  # type: ignore[type-arg]
             sums: "list[float]") -> "Tuple[list[float], ...]":
    """Return one example's rows of z1, a1, z2, a2, dZ1 and dZ2; add its loss terms to ``sums``.

    z1 = x @ W1 + b1 and z2 = a1 @ W2 + b2 take one ``formulas.dot`` per unit, and
    dZ1 = (dZ2 @ W2.T) * sigmoid'(z1) one per hidden unit, with sigmoid'(z1) = sigmoid_slope(a1).
    """
    W1T, b1, W2, W2T, b2 = weights
    dot, sigmoid, slope = formulas.dot, formulas.sigmoid, formulas.sigmoid_slope
    hidden, outputs = range(len(b1)), range(len(b2))  # made once, not for every unit
    z1, a1, z2, a2 = [0.0] * len(b1), [0.0] * len(b1), [0.0] * len(b2), [0.0] * len(b2)
    for h in hidden:
        z = dot(x, W1T[h]) + b1[h]
        z1[h] = z
        a1[h] = sigmoid(z)
    for o in outputs:
        z = dot(a1, W2T[o]) + b2[o]
        z2[o] = z
        a2[o] = sigmoid(z)
    d2 = _loss_row(z2, a2, t, cross, sums)
    d1 = [0.0] * len(b1)
    for h in hidden:
        d1[h] = dot(d2, W2[h]) * slope(a1[h])
    return z1, a1, z2, a2, d1, d2


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


def _update(fused: Fused, A1: "Rows", D1: "Rows", D2: "Rows", lr: float) -> "Params":
    """Return [W1, b1, W2, b2] - lr * [dW1, db1, dW2, db2].

    Each gradient entry is (L.T @ R)[r][c] / m, a dot product of column r of L
    and column c of R over the examples i, from 0.0, as ``matmul`` adds it; db
    is colsum(R) / m, 0.0 + R[0][c] + R[1][c] + ..., as ``column_sum`` adds it.
    """
    W1, b1, W2, b2 = fused.params
    D1T, D2T = columns(D1), columns(D2)  # (hidden_size, m), (output_size, m)
    return [_step(W1, fused.XT, D1T, lr, len(A1)), _step_bias(b1, D1T, lr),
            _step(W2, columns(A1), D2T, lr, len(A1)), _step_bias(b2, D2T, lr)]


def _step(P: "Rows", LT: "Sequence[Sequence[float]]", RT: "Sequence[Sequence[float]]", lr: float,
          examples: int) -> "Rows":
    """Return P - lr * ((L.T @ R) / m), from the columns of L and R: P[r][c] - lr * (dot(LT[r], RT[c]) / m)."""
    dot, m = formulas.dot, float(examples)
    new = []
    for old, left in zip(P, LT):
        row = [0.0] * len(old)
        for c in range(len(old)):
            row[c] = old[c] - lr * (dot(left, RT[c]) / m)
        new.append(row)
    return new


def _step_bias(b: "Rows", RT: "Sequence[Sequence[float]]", lr: float) -> "Rows":
    """Return b - lr * (colsum(R) / m), from the columns of R."""
    add_up, old, m = formulas.sum_left, b[0], float(len(RT[0]))
    row = [0.0] * len(old)
    for c in range(len(old)):
        row[c] = old[c] - lr * (add_up(RT[c], 0.0) / m)
    return [row]


def columns(rows: "Rows") -> "Sequence[Sequence[float]]":
    """Return the columns of ``rows``, each a sequence of its entries in row order.

    A large matrix's columns are new lists of new floats: ``x * 1.0`` is ``x``
    exactly (-0.0 too) but a new object, and objects made one after another sit
    side by side in memory, so a dot product along a column walks memory in
    order instead of missing the cache at every step (twice as fast for a
    784-128-10 step on CPython 3.11). A small one's are tuples of the same
    floats, made in one call: there the copying would cost more than it saves.
    """
    if len(rows) * len(rows[0]) < FRESH_COLUMNS:
        return list(zip(*rows))
    return [[row[j] * 1.0 for row in rows] for j in range(len(rows[0]))]


def _all_finite(z1s: "Rows", z2s: "Rows", new: "Params", losses: float) -> bool:
    """Return True if every z, every new parameter and both losses are finite (``checks.sums_finite``).

    A sum that overflows on finite entries sends the epoch to the tutorial's
    loop, which finds nothing wrong and goes on: rare, slower, never wrong.
    """
    if losses - losses != 0.0 or not (checks.sums_finite(z1s) and checks.sums_finite(z2s)):
        return False
    for P in new:
        if not checks.sums_finite(P):
            return False
    return True

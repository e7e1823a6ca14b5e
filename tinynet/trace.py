"""Every intermediate of every epoch, as JSON lines, and the tool that diffs two traces.

A trace line is one epoch, its keys in the order they are computed:

  {"epoch": e, "W1": ..., "b1": ..., "W2": ..., "b2": ...,     (the weights before the update)
   "z1": ..., "a1": ..., "z2": ..., "a2": ..., "loss": MSE, "objective": the loss descended,
   "dZ2": ..., "dW2": ..., "db2": ..., "dZ1": ..., "dW1": ..., "db1": ...}

Matrices are lists of rows; floats are in shortest round-trip form, so a line
holds the exact bits. The numbers come from the readable Matrix path, which
gives the same bits as ``train`` (tests/test_fast.py).
"""

import json
import math

from .network import NeuralNetwork, cross_entropy, mse

__all__ = ["QUANTITIES", "trace_epochs", "first_difference", "flatten"]

QUANTITIES = ("W1", "b1", "W2", "b2", "z1", "a1", "z2", "a2", "loss", "objective",
              "dZ2", "dW2", "db2", "dZ1", "dW1", "db1")


def epoch_record(nn: NeuralNetwork, X, y, epoch: int) -> dict:
    """Return one epoch's intermediates as a dict; update ``nn`` by that epoch's step."""
    Xm = nn._inputs(X)
    ym = nn._targets(y, Xm)
    weights = {"W1": nn.W1.tolist(), "b1": nn.b1.tolist(), "W2": nn.W2.tolist(), "b2": nn.b2.tolist()}
    z1, a1, z2, a2 = cache = nn._forward(Xm)
    dZ2, dW2, db2, dZ1, dW1, db1 = nn._backward_terms(Xm, ym, cache)
    record = {"epoch": epoch}
    record.update(weights)
    record.update({"z1": z1.tolist(), "a1": a1.tolist(), "z2": z2.tolist(), "a2": a2.tolist(),
                   "loss": mse(a2, ym),
                   "objective": cross_entropy(z2, ym) if nn.loss == "cross_entropy" else mse(a2, ym),
                   "dZ2": dZ2.tolist(), "dW2": dW2.tolist(), "db2": db2.tolist(),
                   "dZ1": dZ1.tolist(), "dW1": dW1.tolist(), "db1": db1.tolist()})
    nn._params = nn._updated((dW1, db1, dW2, db2))
    return record


def trace_epochs(nn: NeuralNetwork, X, y, epochs: int, out, first_epoch: int = 0) -> "list[float]":
    """Train ``nn`` for ``epochs`` epochs, writing one JSON line per epoch to the text file ``out``.

    Returns the per-epoch MSE and sets ``loss_history`` and ``objective_history``, as ``train`` does.
    """
    losses, objectives = [], []
    nn.loss_history, nn.objective_history = losses, objectives
    for epoch in range(first_epoch, first_epoch + epochs):
        record = epoch_record(nn, X, y, epoch)
        out.write(json.dumps(record) + "\n")
        losses.append(record["loss"])
        objectives.append(record["objective"])
    return list(losses)


def flatten(value, path: str):
    """Yield (path, number) for a number or a nested list of numbers, row-major."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            for pair in flatten(item, "%s[%d]" % (path, i)):
                yield pair
    else:
        yield path, value


def _differs(a, b, rtol: float) -> bool:
    if rtol == 0.0:
        return not (a == b and math.copysign(1.0, a) == math.copysign(1.0, b))
    return abs(a - b) > rtol * max(abs(a), abs(b))


def first_difference(lines_a, lines_b, rtol: float = 0.0) -> "tuple[int, str, str] | None":
    """Return (epoch, where, what) for the first difference of two traces, or None if they agree.

    Epochs are compared in order, quantities in the order they are computed,
    entries row by row. ``rtol`` 0 compares bits (and the sign of zero).
    """
    lines_a, lines_b = list(lines_a), list(lines_b)
    for number, (line_a, line_b) in enumerate(zip(lines_a, lines_b), start=1):
        a, b = json.loads(line_a), json.loads(line_b)
        epoch = a.get("epoch")
        if epoch != b.get("epoch"):
            return epoch, "epoch", "line %d is epoch %r in A but %r in B" % (number, epoch, b.get("epoch"))
        for name in QUANTITIES:
            if name not in a or name not in b:
                return epoch, name, "%s is missing from %s" % (name, "A" if name not in a else "B")
            flat_a, flat_b = list(flatten(a[name], name)), list(flatten(b[name], name))
            if [p for p, _ in flat_a] != [p for p, _ in flat_b]:
                return epoch, name, "%s has different shapes in A and B" % name
            for (where, x), (_, z) in zip(flat_a, flat_b):
                if _differs(x, z, rtol):
                    return epoch, where, "A %r, B %r" % (x, z)
    if len(lines_a) != len(lines_b):
        shorter = min(len(lines_a), len(lines_b))
        epoch = json.loads((lines_a if len(lines_a) > shorter else lines_b)[shorter]).get("epoch")
        return epoch, "end", "A has %d epochs, B has %d" % (len(lines_a), len(lines_b))
    return None

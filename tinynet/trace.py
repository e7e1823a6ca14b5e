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

from .core.losses import LOSSES, mse
from .core.network import NeuralNetwork

__all__ = ["QUANTITIES", "trace_epochs", "first_difference", "flatten"]

QUANTITIES = ("W1", "b1", "W2", "b2", "z1", "a1", "z2", "a2", "loss", "objective",
              "dZ2", "dW2", "db2", "dZ1", "dW1", "db1")


def epoch_record(nn: NeuralNetwork, X, y, epoch: int) -> dict:
    """Return one epoch's intermediates as a dict; update ``nn`` by that epoch's step (``backward``)."""
    X = nn.inputs(X)
    y = nn.targets(y, X)
    record = {"epoch": epoch, "W1": nn.W1.tolist(), "b1": nn.b1.tolist(), "W2": nn.W2.tolist(), "b2": nn.b2.tolist()}
    a2 = nn.forward(X)
    z1, a1, z2 = nn.z1, nn.a1, nn.z2
    record.update({"z1": z1.tolist(), "a1": a1.tolist(), "z2": z2.tolist(), "a2": a2.tolist(),
                   "loss": mse(a2, y), "objective": LOSSES[nn.loss].value(z2, a2, y)})
    names = ("dZ2", "dW2", "db2", "dZ1", "dW1", "db1")
    for name, value in zip(names, nn.gradients(X, y)):
        record[name] = value.tolist()
    nn.backward(X, y)
    return record


def trace_epochs(nn: NeuralNetwork, X, y, epochs: int, out, first_epoch: int = 0) -> "list[float]":
    """Train ``nn`` for ``epochs`` epochs, writing one JSON line per epoch to the text file ``out``.

    Returns the per-epoch MSE and sets ``loss_history`` and ``objective_history``, as ``train`` does.
    """
    nn.loss_history, nn.objective_history = [], []
    for epoch in range(first_epoch, first_epoch + epochs):
        record = epoch_record(nn, X, y, epoch)
        out.write(json.dumps(record) + "\n")
        nn.record(record["loss"], record["objective"])
    return list(nn.loss_history)


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

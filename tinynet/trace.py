"""Every intermediate of every epoch, as JSON lines, and the tool that diffs two traces.

A trace line is one epoch, its keys in the order they are computed:

  {"epoch": e, "W1": ..., "b1": ..., "W2": ..., "b2": ...,     (the weights before the update)
   "z1": ..., "a1": ..., "z2": ..., "a2": ..., "loss": MSE, "objective": the loss descended,
   "dZ2": ..., "dW2": ..., "db2": ..., "dZ1": ..., "dW1": ..., "db1": ...}

Matrices are lists of rows; floats are in shortest round-trip form, so a line
holds the exact bits. Each epoch is ``train(X, y, 1)``; the weights, z1 a1 z2 a2
and the gradients are read before it with ``forward`` and ``gradients``.

An epoch whose numbers stop being finite writes no line: the trace ends with
the last whole epoch, ``NonFiniteError`` names the epoch and the first
quantity that is not finite, and the network keeps the weights and histories
of the whole epochs, as ``train`` does (docs/SPEC.md, "Traces").
"""

import json
import math
from itertools import zip_longest

from .core.errors import NonFiniteError
from .core.matrix import Matrix
from .core.network import NeuralNetwork
from .core.overflow import explain

__all__ = ["QUANTITIES", "epoch_record", "trace_epochs", "first_difference", "flatten"]

QUANTITIES = ("W1", "b1", "W2", "b2", "z1", "a1", "z2", "a2", "loss", "objective",
              "dZ2", "dW2", "db2", "dZ1", "dW1", "db1")


def epoch_record(nn: NeuralNetwork, X, y, epoch: int) -> dict:  # type: ignore[no-untyped-def]
    """Return one epoch's intermediates as a dict; update ``nn`` by that epoch, through ``nn.train``.

    The weights, z1 a1 z2 a2 and the gradients are read before the update
    (``forward`` and ``gradients``); the epoch itself, its losses and its
    update, is ``nn.train(X, y, 1)``: the trace shows what train does.
    """
    record = {"epoch": epoch, "W1": nn.W1.tolist(), "b1": nn.b1.tolist(), "W2": nn.W2.tolist(), "b2": nn.b2.tolist()}
    a2 = nn.forward(X)
    z1, a1, z2 = nn.z1, nn.a1, nn.z2
    assert z1 is not None and a1 is not None and z2 is not None  # forward stored them
    record.update({"z1": z1.tolist(), "a1": a1.tolist(), "z2": z2.tolist(), "a2": a2.tolist()})
    gradients = nn.gradients(X, y)
    nn.train(X, y, 1, verbose=False)
    record.update({"loss": nn.loss_history[0], "objective": nn.objective_history[0]})
    names = ("dZ2", "dW2", "db2", "dZ1", "dW1", "db1")
    for name, value in zip(names, gradients):
        record[name] = value.tolist()
    return record


def trace_epochs(nn: NeuralNetwork, X, y, epochs: int, out, first_epoch: int = 0) -> "list[float]":  # type: ignore[no-untyped-def]
    """Train ``nn`` for ``epochs`` epochs, writing one JSON line per whole epoch to the text file ``out``.

    Returns the per-epoch MSE and sets ``loss_history`` and ``objective_history``, as ``train`` does.
    If an epoch's numbers stop being finite, that epoch writes nothing and
    changes no weight, and ``NonFiniteError`` names it.
    """
    losses, objectives = [], []  # type: list[float], list[float]
    try:
        for epoch in range(first_epoch, first_epoch + epochs):
            try:
                record = epoch_record(nn, X, y, epoch)
            except NonFiniteError:
                X, y = Matrix(X, "X"), Matrix(y, "y")
                message = explain(nn, X, y, epoch)
                raise NonFiniteError("%s; the weights are those before epoch %d" % (message, epoch)) from None
            out.write(json.dumps(record) + "\n")
            losses.append(record["loss"])
            objectives.append(record["objective"])
    finally:
        nn.loss_history, nn.objective_history = losses, objectives
    return list(losses)


def flatten(value, path: str):  # type: ignore[no-untyped-def]
    """Yield (path, item) for a value or a nested list of values, row-major (no recursion: any depth)."""
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, list):
            stack.extend(("%s[%d]" % (where, i), v) for i, v in reversed(list(enumerate(item))))
        else:
            yield where, item


def _is_number(value) -> bool:  # type: ignore[no-untyped-def]
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _differs(a, b, rtol: float, atol: float) -> bool:  # type: ignore[no-untyped-def]
    """True unless a and b agree: bit for bit (zero's sign too) when rtol = atol = 0, else within tolerance."""
    if not (_is_number(a) and _is_number(b)):
        return type(a) is not type(b) or a != b
    try:
        a, b = float(a), float(b)
    except OverflowError:
        return a != b
    if not (math.isfinite(a) and math.isfinite(b)):
        return a != b  # nan agrees with nothing, not even nan
    if rtol == 0.0 and atol == 0.0:
        return not (a == b and math.copysign(1.0, a) == math.copysign(1.0, b))
    return abs(a - b) > atol + rtol * max(abs(a), abs(b))


def _record(line: str, number: int, name: str) -> dict:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise ValueError("line %d of %s is not JSON: %s" % (number, name, exc)) from None
    if not isinstance(record, dict):
        raise ValueError("line %d of %s is not a JSON object: a trace line holds one epoch" % (number, name))
    return record


def _compare_epoch(a: dict, b: dict, rtol: float, atol: float) -> "tuple[str, str] | None":
    for name in QUANTITIES:
        if name not in a or name not in b:
            return name, "%s is missing from %s" % (name, "A" if name not in a else "B")
        flat_a, flat_b = list(flatten(a[name], name)), list(flatten(b[name], name))
        if [p for p, _ in flat_a] != [p for p, _ in flat_b]:
            return name, "%s has different shapes in A and B" % name
        for (where, x), (_, z) in zip(flat_a, flat_b):
            if _differs(x, z, rtol, atol):
                return where, "A %r, B %r" % (x, z)
    return None


def first_difference(lines_a, lines_b, rtol: float = 0.0, atol: float = 0.0,  # type: ignore[no-untyped-def]
                     names: "tuple[str, str]" = ("A", "B")) -> "tuple[object, str, str] | None":
    """Return (epoch, where, what) for the first difference of two traces, or None if they agree.

    Epochs are compared in order, quantities in the order they are computed,
    entries row by row. Two numbers agree when |a - b| <= atol + rtol * max(|a|, |b|);
    with both 0 (the default) their bits must agree, the sign of zero too.
    Raises ValueError naming the line if a line is not a JSON object.
    """
    lines_a, lines_b = iter(lines_a), iter(lines_b)
    count = 0
    for count, (line_a, line_b) in enumerate(zip_longest(lines_a, lines_b), start=1):
        if line_a is None or line_b is None:
            epoch = _record(line_b if line_a is None else line_a, count, names[line_a is None]).get("epoch")
            more = count + sum(1 for _ in (lines_b if line_a is None else lines_a))
            sizes = (count - 1, more) if line_a is None else (more, count - 1)
            return epoch, "end", "%s has %d epochs, %s has %d" % (names[0], sizes[0], names[1], sizes[1])
        a, b = _record(line_a, count, names[0]), _record(line_b, count, names[1])
        epoch = a.get("epoch")
        if epoch != b.get("epoch"):
            return epoch, "epoch", "line %d is epoch %r in %s but %r in %s" % (count, epoch, names[0],
                                                                               b.get("epoch"), names[1])
        found = _compare_epoch(a, b, rtol, atol)
        if found is not None:
            return epoch, found[0], found[1]
    return None

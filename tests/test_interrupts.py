"""Whatever stops train, at whatever line, the weights and both histories describe the same whole epochs.

For each path through ``train`` (the fused kernel, on narrow and wide data, the tutorial's
loop, with a callback, with history=False, both losses) the test first records
every line of tinynet's own code that a 3-epoch ``train`` runs. Then, for each
distinct line, it trains a fresh network again and raises KeyboardInterrupt
(as Ctrl-C would) at that line's middle occurrence, with ``sys.settrace``, and
checks the invariant: the weights are those after some number e of whole
epochs, and the histories hold exactly those e epochs' losses.
"""

import linecache
import os
import sys

import pytest

import tinynet
from tinynet import NeuralNetwork
from tinynet.core import kernel, losses

pytestmark = pytest.mark.skipif(not hasattr(sys, "settrace"), reason="needs sys.settrace")

PACKAGE = os.path.dirname(os.path.abspath(tinynet.__file__))
EPOCHS = 3


class Tutorial(NeuralNetwork):
    """An override that changes nothing: every epoch runs the tutorial's loop."""

    def sigmoid(self, z):
        return super().sigmoid(z)


def xor():
    return [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [[0.0], [1.0], [1.0], [0.0]]


def wide():
    X = [[((i * 7 + j * 3) % 11 - 5) / 5.0 for j in range(6)] for i in range(3)]
    return X, [[1.0], [0.0], [1.0]]


PATHS = {
    "fused kernel": (NeuralNetwork, xor, {}),
    "fused, fresh columns": (NeuralNetwork, wide, {}),  # with FRESH_COLUMNS at 1: the large matrices' path
    "fused, callback": (NeuralNetwork, xor, {"callback": lambda epoch, loss: None}),
    "fused, history=False": (NeuralNetwork, xor, {"history": False}),
    "tutorial loop": (Tutorial, xor, {}),
    "tutorial loop, history=False": (Tutorial, xor, {"history": False}),
}


def make(cls, data, loss):
    X, y = data()
    return cls(len(X[0]), 2, 1, seed=1, loss=loss), X, y


def state(nn):
    return [P.tolist() for P in nn.parameters]


def references(cls, data, loss):
    """Return the weights after 0, 1, ..., EPOCHS epochs, and the two histories of EPOCHS epochs."""
    nn, X, y = make(cls, data, loss)
    weights = [state(nn)]
    for _ in range(EPOCHS):
        nn.train(X, y, 1, verbose=False)
        weights.append(state(nn))
    whole, X, y = make(cls, data, loss)
    whole.train(X, y, EPOCHS, verbose=False)
    assert state(whole) == weights[-1]
    return weights, whole.loss_history, whole.objective_history


def traced(run, on_line):
    """Run ``run()`` with ``on_line(code, lineno)`` called at every line of tinynet's own code."""
    def tracer(frame, event, arg):
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            on_line(frame.f_code, frame.f_lineno)
        return tracer

    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(None)


def lines_of_train(cls, data, loss, options):
    """Return {line: how many times a whole train runs it}, lines as (code, number), in first-run order."""
    nn, X, y = make(cls, data, loss)
    counts = {}

    def count(code, lineno):
        counts[(code, lineno)] = counts.get((code, lineno), 0) + 1

    traced(lambda: nn.train(X, y, EPOCHS, verbose=False, **options), count)
    return counts


def interrupted_at(cls, data, loss, options, line, occurrence):
    """Train a fresh network, raising KeyboardInterrupt at the ``occurrence``-th run of ``line``; return it."""
    nn, X, y = make(cls, data, loss)
    seen = [0]

    def stop(code, lineno):
        if (code, lineno) == line:
            seen[0] += 1
            if seen[0] == occurrence:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        traced(lambda: nn.train(X, y, EPOCHS, verbose=False, **options), stop)
    return nn


def is_try_line(line):
    """Return True for a ``try:`` line.

    On CPython 3.11 and 3.12, an exception that a trace function raises at a
    ``try:`` line's event skips the ``finally`` blocks around it (3.8 and PyPy
    run them). No real signal is delivered there, so only the weights and
    histories are checked after such an interrupt, not that train runs again.
    """
    code, number = line
    return linecache.getline(code.co_filename, number).strip() == "try:"


def holds(nn, weights, losses, objectives, history):
    """Return the whole epochs e the network is at, asserting the invariant."""
    assert state(nn) in weights, "the weights are not those of a whole epoch"
    e = weights.index(state(nn))
    if history:
        assert nn.loss_history == losses[:e] and nn.objective_history == objectives[:e]
    else:
        expected = ([losses[e - 1]], [objectives[e - 1]]) if e else ([], [])
        assert (nn.loss_history, nn.objective_history) == expected
    return e


@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
@pytest.mark.parametrize("path", sorted(PATHS))
def test_an_interrupt_at_any_line_of_train_leaves_whole_epochs(path, loss, monkeypatch):
    cls, data, options = PATHS[path]
    if path == "fused, fresh columns":
        monkeypatch.setattr(kernel, "FRESH_COLUMNS", 1)
    weights, losses, objectives = references(cls, data, loss)
    counts = lines_of_train(cls, data, loss, options)
    assert len(counts) >= 25  # the tracer saw train's code: a test that can fail
    reached = set()
    for line, count in counts.items():
        nn = interrupted_at(cls, data, loss, options, line, (count + 1) // 2)
        reached.add(holds(nn, weights, losses, objectives, options.get("history", True)))
        if not is_try_line(line):
            X, y = data()
            nn.train(X, y, 1, verbose=False)  # and the network trains again: nothing was left half set
    assert reached >= {1, 2}  # interrupts landed in the middle of training, not only at its ends


def test_the_paths_run_where_they_say(monkeypatch):
    nn, X, y = make(NeuralNetwork, wide, "mse")
    public = kernel.public_names(NeuralNetwork)
    assert kernel.unchanged(nn, public)
    monkeypatch.setattr(kernel, "FRESH_COLUMNS", 1)
    assert isinstance(kernel.prepare(X, y, state(nn), losses.MSE).XT[0], list)  # fresh columns
    monkeypatch.undo()
    assert isinstance(kernel.prepare(*xor(), state(make(NeuralNetwork, xor, "mse")[0]), losses.MSE).XT[0], tuple)
    assert not kernel.unchanged(make(Tutorial, xor, "mse")[0], public)


def test_the_checker_fails_when_an_epoch_is_half_kept(monkeypatch):
    # the companion: a train that stores the weights but loses the losses is caught
    nn, X, y = make(NeuralNetwork, xor, "mse")
    weights, losses, objectives = references(NeuralNetwork, xor, "mse")
    nn.train(X, y, 2, verbose=False)
    nn.loss_history.pop()
    with pytest.raises(AssertionError):
        holds(nn, weights, losses, objectives, True)

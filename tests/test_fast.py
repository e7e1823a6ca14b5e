"""The fast training kernel gives the same bits as the plain Matrix path."""

import math
import sys

import pytest

from hypothesis import given
from hypothesis import strategies as st

from strategies import networks
from tinynet import NeuralNetwork, mse
from tinynet.network import LOSSES, cross_entropy
from tinynet.fast import Kernel, dot, total

# wide, signed, with zeros of both signs and subnormals: where summation order shows
wide = st.floats(-1e3, 1e3, allow_subnormal=True) | st.sampled_from([0.0, -0.0, 5e-324, -1e-310])


def plain_epoch(nn, X, y):
    """One epoch through the readable path: forward, MSE, objective, gradients, update."""
    Xm = nn._inputs(X)
    ym = nn._targets(y, Xm)
    cache = nn._forward(Xm)
    loss = mse(cache[3], ym)
    objective = cross_entropy(cache[2], ym) if nn.loss == "cross_entropy" else loss
    return nn._updated(nn._gradients(Xm, ym, cache)), loss, objective


def bits(params):
    return [[[v.hex() for v in row] for row in P] for P in params]


@given(networks(weights=wide, data=wide), st.floats(1e-4, 10.0), st.sampled_from(LOSSES))
def test_kernel_epoch_equals_plain_path_bit_for_bit(case, lr, loss):
    nn, X, y = case
    nn.learning_rate, nn.loss = lr, loss
    expected_params, expected_loss, expected_objective = plain_epoch(nn, X, y)
    kernel = Kernel(nn._inputs(X)._rows, nn._targets(y, nn._inputs(X))._rows, loss)
    # both strategies, whichever epoch() would pick for this shape
    for epoch in (kernel._epoch_rows, kernel._epoch_flat, kernel._epoch_loops):
        params, mse_value, objective = epoch(nn._params, lr)
        assert bits(params) == bits(expected_params)
        assert mse_value.hex() == expected_loss.hex()
        assert objective.hex() == expected_objective.hex()


def test_each_strategy_is_chosen_where_it_was_measured_fastest():
    from tinynet.fast import FLAT_MAX_INPUTS, choose_strategy

    assert choose_strategy(4, 2, 4, 1, "pypy", (3, 9)) == "loops"
    assert choose_strategy(64, 784, 128, 10, "pypy", (3, 9)) == "rows"
    assert choose_strategy(4, 2, 4, 1, "cpython", (3, 11)) == "loops"
    assert choose_strategy(4, 2, 4, 1, "cpython", (3, 8)) == "flat"
    assert choose_strategy(120, 4, 8, 3, "cpython", (3, 11)) == "flat"
    assert choose_strategy(64, FLAT_MAX_INPUTS + 1, 32, 10, "cpython", (3, 13)) == "rows"
    kernel = Kernel([[0.0, 1.0]], [[1.0]])
    kernel.epoch(NeuralNetwork(2, 3, 1, seed=0)._params, 0.1)
    assert kernel.strategy == choose_strategy(1, 2, 3, 1)


@given(networks(max_m=4), st.integers(1, 20), st.sampled_from(LOSSES))
def test_train_equals_repeated_plain_epochs(case, epochs, loss):
    nn, X, y = case
    nn.loss = loss
    twin = NeuralNetwork(nn.input_size, nn.hidden_size, nn.output_size, seed=nn.seed, loss=loss)
    twin._params = nn._params
    losses, objectives = [], []
    for _ in range(epochs):
        twin._params, mse_value, objective = plain_epoch(twin, X, y)
        losses.append(mse_value)
        objectives.append(objective)
    assert [v.hex() for v in nn.train(X, y, epochs, verbose=False)] == [v.hex() for v in losses]
    assert [v.hex() for v in nn.objective_history] == [v.hex() for v in objectives]
    assert bits(nn._params) == bits(twin._params)


@given(st.data())
def test_dot_and_total_are_left_to_right_loops(data):
    n = data.draw(st.integers(0, 12))
    a = data.draw(st.lists(st.floats(allow_nan=False), min_size=n, max_size=n))
    b = data.draw(st.lists(st.floats(allow_nan=False), min_size=n, max_size=n))
    acc = 0.0
    for x, w in zip(a, b):
        acc += x * w
    assert repr(dot(a, b)) == repr(acc)
    acc = 0.0
    for x in a:
        acc += x
    assert repr(total(a)) == repr(acc)


def test_left_to_right_differs_from_compensated_summation():
    # the case that makes builtin sum() unusable from 3.12 on: a loop gives 0.0 here
    values = [1e100, 1.0, -1e100]
    assert total(values) == 0.0
    assert math.fsum(values) == 1.0


def test_training_memory_grows_only_by_the_loss_histories():
    tracemalloc = pytest.importorskip("tracemalloc")  # PyPy has none
    if not hasattr(tracemalloc, "start"):
        pytest.skip("no tracemalloc here")
    X, y = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [[0.0], [1.0], [1.0], [0.0]]
    peaks = []
    for epochs in (200, 600):
        nn = NeuralNetwork(2, 4, 1, seed=0)
        tracemalloc.start()
        nn.train(X, y, epochs, verbose=False)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # two histories, each a float (24 bytes) in a list slot (8, plus over-allocation)
    assert (peaks[1] - peaks[0]) / 400 <= 100

"""The fused kernel gives the tutorial's bits, and train uses it only where nothing can tell."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import networks
from tinynet import NeuralNetwork
from tinynet.core import fused, kernel
from tinynet.core.losses import LOSSES

# wide, signed, with zeros of both signs and subnormals: where summation order shows
wide = st.floats(-1e3, 1e3, allow_subnormal=True) | st.sampled_from([0.0, -0.0, 5e-324, -1e-310])


class Tutorial(NeuralNetwork):
    """The same network with the fused kernel switched off: an override that changes nothing."""

    def forward(self, X):
        return super().forward(X)


def twin_of(nn, cls=Tutorial):
    twin = cls(nn.input_size, nn.hidden_size, nn.output_size, seed=nn.seed,
               learning_rate=nn.learning_rate, loss=nn.loss)
    twin.set_parameters(*nn.parameters)
    return twin


def bits(nn):
    values = [v for P in nn.parameters for row in P.tolist() for v in row]
    values += [v for M in (nn.z1, nn.a1, nn.z2, nn.a2) for row in M.tolist() for v in row]
    return [v.hex() for v in values]


@given(networks(weights=wide, data=wide), st.floats(1e-4, 10.0), st.sampled_from(sorted(LOSSES)),
       st.integers(1, 4))
def test_train_with_the_kernel_equals_the_tutorial_loop_bit_for_bit(case, lr, loss, epochs):
    nn, X, y = case
    nn.learning_rate, nn.loss = lr, loss
    tutorial = twin_of(nn)
    try:
        expected = tutorial.train(X, y, epochs, verbose=False)
    except ValueError:  # the drawn numbers overflow: then both paths must raise the same error
        with pytest.raises(ValueError) as raised:
            nn.train(X, y, epochs, verbose=False)
        assert "epoch" in str(raised.value)
        return
    assert nn.fusable() and not tutorial.fusable()
    losses = nn.train(X, y, epochs, verbose=False)
    assert [v.hex() for v in losses] == [v.hex() for v in expected]
    assert [v.hex() for v in nn.objective_history] == [v.hex() for v in tutorial.objective_history]
    assert bits(nn) == bits(tutorial)


@given(networks(weights=wide, data=wide), st.sampled_from(sorted(LOSSES)), st.sampled_from(["loops", "rows"]))
def test_both_epoch_forms_give_the_same_bits(case, loss, how):
    nn, X, y = case
    tutorial = twin_of(nn)
    tutorial.loss = loss
    try:
        output = tutorial.forward(X)
        mse_value = LOSSES["mse"].value(tutorial.z2, output, tutorial.targets(y, tutorial.inputs(X)))
        tutorial.backward(X, y)
    except ValueError:
        return
    data = fused.prepare(tutorial.inputs(X).tolist(), tutorial.targets(y, tutorial.inputs(X)).tolist())
    data = data[:3] + (how,)
    result = fused.epoch(data, [P.tolist() for P in nn.parameters], nn.learning_rate, loss == "cross_entropy")
    assert result is not None
    new, loss_value, _ = result
    assert loss_value.hex() == mse_value.hex()
    assert [[[v.hex() for v in row] for row in P] for P in new] == \
        [[[v.hex() for v in row] for row in P.tolist()] for P in tutorial.parameters]


def test_an_epoch_that_overflows_returns_none_and_the_tutorial_loop_names_it():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    data = fused.prepare([[1e308, 1e308]], [[1.0]])
    assert fused.epoch(data, [P.tolist() for P in nn.parameters], 0.1, True) is None


@pytest.mark.parametrize("name", kernel.REPLACES)
def test_any_override_of_a_replaced_method_turns_the_kernel_off(name):
    assert NeuralNetwork(2, 2, 1, seed=0).fusable()
    Sub = type("Sub", (NeuralNetwork,), {})  # a subclass that merely inherits keeps the kernel
    assert Sub(2, 2, 1, seed=0).fusable()

    def wrapper(self, *args):
        return getattr(NeuralNetwork, name)(self, *args)

    Overriding = type("Overriding", (NeuralNetwork,), {name: wrapper})
    assert not Overriding(2, 2, 1, seed=0).fusable()
    instance = NeuralNetwork(2, 2, 1, seed=0)
    setattr(instance, name, lambda *args: getattr(NeuralNetwork, name)(instance, *args))
    assert not instance.fusable()


def test_a_subclass_that_overrides_nothing_the_kernel_replaces_keeps_it():
    class Quiet(NeuralNetwork):
        def report(self, epoch, loss, verbose, callback):
            super().report(epoch, loss, False, callback)

    assert Quiet(2, 2, 1, seed=0).fusable()


def test_the_form_follows_the_threshold_of_the_dot_product_in_use():
    from tinynet import speed

    assert fused.form(2) == "loops"  # XOR
    assert fused.form(784) == "rows"
    try:
        fused.tune(kernel.dot, fused.ROWS_MIN_INPUTS)  # the core's own: the plain loop
        assert fused.form(fused.ROWS_MIN_INPUTS - 1) == "loops"
        assert fused.form(fused.ROWS_MIN_INPUTS) == "rows"
    finally:
        speed.install()
    assert fused.form(fused.rows_min_inputs - 1) == "loops" and fused.form(fused.rows_min_inputs) == "rows"


def test_dot_sums_from_zero_left_to_right_whichever_way_it_runs():
    assert kernel.dot([1e16, 1.0, -1e16], [1.0, 1.0, 1.0]) == 0.0  # compensated sums give 1.0
    assert math.copysign(1.0, kernel.dot([-0.0], [1.0])) == 1.0  # 0.0 + (-0.0) is +0.0

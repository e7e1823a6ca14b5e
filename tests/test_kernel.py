"""The fused kernel gives the tutorial's bits, and train uses it only where nothing can tell."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import networks
from tinynet import BadArgumentError, NeuralNetwork
from tinynet.core import formulas, kernel, losses
from tinynet.core.losses import LOSSES

# wide, signed, with zeros of both signs and subnormals: where summation order shows
wide = st.floats(-1e3, 1e3, allow_subnormal=True) | st.sampled_from([0.0, -0.0, 5e-324, -1e-310])
# for products: large terms that cancel, so a sum in another order or from another start shows
cancelling = st.sampled_from([1e16, -1e16, 1.0, 3.0, 0.5, -0.0, 1e308]) | wide

XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]


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


def fused(nn):
    return kernel.unchanged(nn, kernel.public_names(NeuralNetwork))


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
    assert fused(nn) and not fused(tutorial)
    losses_ = nn.train(X, y, epochs, verbose=False)
    assert [v.hex() for v in losses_] == [v.hex() for v in expected]
    assert [v.hex() for v in nn.objective_history] == [v.hex() for v in tutorial.objective_history]
    assert bits(nn) == bits(tutorial)  # the weights, and z1 a1 z2 a2 of the last epoch


@given(networks(weights=wide, data=wide), st.sampled_from(sorted(LOSSES)))
def test_an_epoch_gives_the_tutorials_bits(case, loss):
    nn, X, y = case
    tutorial = twin_of(nn)
    tutorial.loss = loss
    try:
        output = tutorial.forward(X)
        mse_value = losses.mse(output, y)
        tutorial.backward(X, y)
    except ValueError:
        return
    data = kernel.prepare([list(map(float, row)) for row in X], [list(map(float, row)) for row in y],
                          [P.tolist() for P in nn.parameters], LOSSES[loss])
    step = kernel.epoch(data, nn.learning_rate, True)
    assert step is not None
    new, loss_value, _, stored = step
    assert loss_value.hex() == mse_value.hex()
    assert [[[v.hex() for v in row] for row in P] for P in new] == \
        [[[v.hex() for v in row] for row in P.tolist()] for P in tutorial.parameters]
    assert stored is not None and stored[3] == output.tolist()


def test_an_epoch_that_overflows_returns_none():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    data = kernel.prepare([[1e308, 1e308]], [[1.0]], [P.tolist() for P in nn.parameters], losses.CrossEntropy)
    assert kernel.epoch(data, 0.1, False) is None
    assert kernel.epoch(None, 0.1, False) is None


PUBLIC = sorted(kernel.public_names(NeuralNetwork))


def test_the_public_names_are_computed_from_the_class():
    methods = {"sigmoid", "sigmoid_derivative", "forward", "gradients", "backward", "train", "predict",
               "set_parameters"}
    assert methods <= set(PUBLIC)
    assert not any(name.startswith("_") for name in PUBLIC)


@pytest.mark.parametrize("name", PUBLIC)
def test_any_override_of_a_public_name_turns_the_kernel_off(name):
    assert fused(NeuralNetwork(2, 2, 1, seed=0))
    Sub = type("Sub", (NeuralNetwork,), {})  # a subclass that merely inherits keeps the kernel
    assert fused(Sub(2, 2, 1, seed=0))
    original = getattr(NeuralNetwork, name)
    if isinstance(original, property):  # the same getter and setter, but the subclass's own property
        Overriding = type("Overriding", (NeuralNetwork,), {name: property(original.fget, original.fset)})
    else:
        Overriding = type("Overriding", (NeuralNetwork,), {name: lambda self, *args, **kwargs: None})
    assert not fused(Overriding(2, 2, 1, seed=0))
    if not isinstance(original, property):
        instance = NeuralNetwork(2, 2, 1, seed=0)
        instance.__dict__[name] = lambda *args: None  # an override on the instance
        assert not fused(instance)


def test_a_private_helper_overridden_keeps_the_kernel():
    class Quiet(NeuralNetwork):
        def _report(self, epoch, loss, verbose, callback):
            super()._report(epoch, loss, False, callback)

    assert fused(Quiet(2, 2, 1, seed=0))


def test_a_loss_added_to_losses_trains_through_its_own_formulas(monkeypatch):
    class Odd(losses.MSE):
        @staticmethod
        def value(z2, a2, y):
            return 42.0

    monkeypatch.setitem(LOSSES, "odd", Odd)
    nn = NeuralNetwork(2, 4, 1, seed=0, loss="odd")
    nn.train(XOR_X, XOR_Y, 4, verbose=False)
    assert nn.objective_history == [42.0] * 4  # every epoch, not only the last


def test_a_built_in_loss_replaced_in_losses_is_used_in_every_epoch(monkeypatch):
    class Odd(losses.CrossEntropy):
        @staticmethod
        def value(z2, a2, y):
            return 7.0

    monkeypatch.setitem(LOSSES, "cross_entropy", Odd)
    nn = NeuralNetwork(2, 4, 1, seed=0)
    nn.train(XOR_X, XOR_Y, 3, verbose=False)
    assert nn.objective_history == [7.0] * 3


@given(st.integers(1, 70), st.integers(1, 70))
def test_columns_are_the_columns_fresh_when_large(m, n):
    rows = [[float(i * n + j) for j in range(n)] for i in range(m)]
    cols = kernel.columns(rows)
    assert [list(col) for col in cols] == [[row[j] for row in rows] for j in range(n)]
    assert isinstance(cols[0], list) == (m * n >= kernel.FRESH_COLUMNS)


def test_dot_sums_from_zero_left_to_right_whichever_way_it_runs():
    for dot in (formulas.dot, formulas.plain_dot):
        assert dot([1e16, 1.0, -1e16], [1.0, 1.0, 1.0]) == 0.0  # compensated sums give 1.0
        assert math.copysign(1.0, dot([-0.0], [1.0])) == 1.0  # 0.0 + (-0.0) is +0.0


def test_products_add_each_entry_from_zero_left_to_right():
    # left to right 1.0; last to first 0.0; compensated (fsum, or sum() from CPython 3.12) 2.0
    assert formulas.products([[1e16, 1.0, -1e16, 1.0]], [[1.0, 1.0, 1.0, 1.0]]) == [[1.0]]
    assert math.copysign(1.0, formulas.products([[-0.0]], [[1.0]])[0][0]) == 1.0  # 0.0 + (-0.0) is +0.0


@given(st.integers(1, 4), st.integers(1, 6), st.integers(1, 4), st.data())
def test_products_give_plain_products_bits_whichever_form_runs(m, k, n, data):
    rows = data.draw(st.lists(st.lists(cancelling, min_size=k, max_size=k), min_size=m, max_size=m))
    columns = data.draw(st.lists(st.lists(cancelling, min_size=k, max_size=k), min_size=n, max_size=n))
    fast = formulas.products(rows, columns)
    plain = formulas.plain_products(rows, columns)
    assert [[v.hex() for v in row] for row in fast] == [[v.hex() for v in row] for row in plain]  # -0.0 too


METHODS = [name for name in PUBLIC if callable(getattr(NeuralNetwork, name))]
# the methods the tutorial's loop calls (through train), each at least once an epoch
LOOP_METHODS = {"forward", "backward", "gradients", "sigmoid", "sigmoid_derivative", "set_parameters"}
EXPECTED_CALLS = {"train": 1, "predict": 0}  # the loop itself, called once; a method it never calls


def pass_through(name):
    """Return a subclass whose method ``name`` counts its calls and defers to NeuralNetwork's, and the count."""
    calls = []

    def method(self, *args, **kwargs):
        calls.append(name)
        return getattr(NeuralNetwork, name)(self, *args, **kwargs)

    return type("PassThrough", (NeuralNetwork,), {name: method}), calls


def run(cls, loss):
    nn = cls(2, 3, 2, seed=4, loss=loss)
    X, y = [[0.5, -1.0], [1.5, 0.25], [-2.0, 1.0]], [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    seen = []
    losses_ = nn.train(X, y, 5, verbose=False, callback=lambda epoch, value: seen.append(epoch))
    return [v.hex() for v in losses_ + nn.objective_history], bits(nn), seen


@pytest.mark.parametrize("loss", sorted(LOSSES))
@pytest.mark.parametrize("name", METHODS)
def test_a_pass_through_override_of_any_public_method_sees_the_tutorial_loops_calls(name, loss, monkeypatch):
    fast = run(NeuralNetwork, loss)  # the fused kernel runs every epoch here
    Sub, calls = pass_through(name)
    overridden = run(Sub, loss)
    count = len(calls)
    monkeypatch.setattr(kernel, "unchanged", lambda network, public: False)  # the fast path ruled out
    calls.clear()
    ruled_out = run(Sub, loss)
    assert overridden == fast == ruled_out == run(NeuralNetwork, loss)  # the same bits on every path
    assert count == len(calls)  # the override saw every call the tutorial's loop makes
    assert count >= 5 if name in LOOP_METHODS else count == EXPECTED_CALLS[name]


def test_after_an_epoch_the_kernel_handed_back_it_goes_on_from_that_epochs_weights(monkeypatch):
    # the kernel hands an epoch back (returns None) where its finiteness test fails, which a sum of
    # finite but huge numbers can do: the tutorial's loop runs that epoch, and the next epochs must
    # start from the weights it made, not from the kernel's last ones
    real, calls = kernel.epoch, []

    def hands_back_the_second(fused, lr, keep):
        calls.append(1)
        return None if len(calls) == 2 else real(fused, lr, keep)

    nn = NeuralNetwork(2, 4, 1, seed=0)
    tutorial = twin_of(nn)
    monkeypatch.setattr(kernel, "epoch", hands_back_the_second)
    losses_ = nn.train(XOR_X, XOR_Y, 4, verbose=False)
    assert len(calls) == 4
    monkeypatch.undo()
    assert losses_ == tutorial.train(XOR_X, XOR_Y, 4, verbose=False)
    assert bits(nn) == bits(tutorial)


def test_the_kernel_tells_the_losses_apart_by_class_not_by_name(monkeypatch):
    # a built-in loss filed under another name trains as itself, in the kernel too
    monkeypatch.setitem(LOSSES, "bce", losses.CrossEntropy)
    renamed = NeuralNetwork(2, 4, 1, seed=0, loss="bce")
    plain = NeuralNetwork(2, 4, 1, seed=0)
    assert renamed.train(XOR_X, XOR_Y, 5, verbose=False) == plain.train(XOR_X, XOR_Y, 5, verbose=False)
    assert renamed.objective_history == plain.objective_history


def test_prepare_refuses_a_loss_it_does_not_know():
    with pytest.raises(BadArgumentError, match="prepare: loss must be CrossEntropy or MSE, got str"):
        kernel.prepare([[0.0]], [[0.0]], [[[0.0]], [[0.0]], [[0.0]], [[0.0]]], "cross_entropy")

"""NeuralNetwork: the seed's API and semantics, validation, and all-or-nothing updates."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import networks
from tinynet import (
    BadHyperparameterError,
    BadSizeError,
    Matrix,
    NeuralNetwork,
    NonFiniteError,
    NotANumberError,
    ShapeError,
    mse,
    sigmoid,
    sigmoid_derivative,
)
from tinynet.core.rng import RandomState

XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]]
XOR_Y = [[0], [1], [1], [0]]


def snapshot(nn):
    return [P.tolist() for P in (nn.W1, nn.b1, nn.W2, nn.b2)]


@given(st.integers(1, 6), st.integers(1, 8), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_init_draws_W1_then_W2_and_zero_biases(n_in, n_hid, n_out, seed):
    nn = NeuralNetwork(n_in, n_hid, n_out, seed=seed)
    rs = RandomState(seed)
    assert nn.W1.tolist() == rs.randn(n_in, n_hid)
    assert nn.W2.tolist() == rs.randn(n_hid, n_out)
    assert nn.b1 == Matrix.zeros(1, n_hid) and nn.b2 == Matrix.zeros(1, n_out)
    assert (nn.input_size, nn.hidden_size, nn.output_size, nn.seed) == (n_in, n_hid, n_out, seed)
    assert nn.learning_rate == 0.1


def test_seed_none_picks_and_records_a_seed():
    nn = NeuralNetwork(2, 3, 1)
    assert 0 <= nn.seed < 2**32
    assert NeuralNetwork(2, 3, 1, seed=nn.seed).W1 == nn.W1


@given(networks())
def test_forward_stores_the_seed_intermediates(case):
    nn, X, _ = case
    a2 = nn.forward(X)
    Xm = Matrix(X)
    assert nn.z1 == Xm @ nn.W1 + nn.b1
    assert nn.a1 == sigmoid(nn.z1)
    assert nn.z2 == nn.a1 @ nn.W2 + nn.b2
    assert nn.a2 == sigmoid(nn.z2) == a2
    assert nn.predict(X) == a2


@given(networks())
def test_gradients_are_the_seed_formulas(case):
    nn, X, y = case
    nn.forward(X)
    Xm, ym, m = Matrix(X), Matrix(y), len(X)
    dZ2 = nn.a2 - ym
    dW2 = (nn.a1.T @ dZ2) / m
    db2 = dZ2.sum(axis=0) / m
    dZ1 = (dZ2 @ nn.W2.T) * sigmoid_derivative(nn.z1)
    dW1 = (Xm.T @ dZ1) / m
    db1 = dZ1.sum(axis=0) / m
    assert nn.gradients(X, y) == (dZ2, dW2, db2, dZ1, dW1, db1)


@given(networks(), st.floats(1e-3, 2.0))
def test_backward_applies_one_step_in_the_seed_order(case, lr):
    nn, X, y = case
    nn.learning_rate = lr
    nn.forward(X)
    dZ2, dW2, db2, dZ1, dW1, db1 = nn.gradients(X, y)
    expected = [P - lr * dP for P, dP in zip((nn.W1, nn.b1, nn.W2, nn.b2), (dW1, db1, dW2, db2))]
    nn.backward(X, y)
    assert [nn.W1, nn.b1, nn.W2, nn.b2] == expected


def test_backward_uses_what_forward_stored_as_the_seed_does():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    nn.forward([[1.0, 1.0]] * 4)  # stored for other inputs than the X backward gets
    twin = NeuralNetwork(2, 4, 1, seed=0)
    twin.a1, twin.a2, twin.z1, twin.z2 = nn.a1, nn.a2, nn.z1, nn.z2
    nn.backward(XOR_X, XOR_Y)
    twin.backward(XOR_X, XOR_Y)
    assert snapshot(nn) == snapshot(twin)
    fresh = NeuralNetwork(2, 4, 1, seed=0)
    fresh.forward(XOR_X)
    fresh.backward(XOR_X, XOR_Y)
    assert snapshot(fresh) != snapshot(nn)


def test_backward_without_forward_says_so_and_changes_nothing():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    before = snapshot(nn)
    with pytest.raises(ShapeError, match=r"call forward\(X\) before backward"):
        nn.backward(XOR_X, XOR_Y)
    nn.forward(XOR_X[:2])
    with pytest.raises(ShapeError, match="forward ran on 2 rows but X has 4"):
        nn.backward(XOR_X, XOR_Y)
    assert snapshot(nn) == before


def test_a_failing_update_leaves_every_parameter_as_it_was(monkeypatch):
    nn = NeuralNetwork(2, 4, 1, seed=0)
    nn.forward(XOR_X)
    before = snapshot(nn)
    real = NeuralNetwork.gradients

    def gradients_with_a_huge_db2(self, X, y):
        terms = list(real(self, X, y))
        terms[2] = terms[2] * 1e300  # db2: the last parameter updated
        return tuple(terms)

    monkeypatch.setattr(NeuralNetwork, "gradients", gradients_with_a_huge_db2)
    nn.learning_rate = 1e10
    with pytest.raises(NonFiniteError):
        nn.backward(XOR_X, XOR_Y)
    assert snapshot(nn) == before


@given(networks(), st.integers(0, 5))
def test_train_is_forward_then_backward_each_epoch(case, epochs):
    nn, X, y = case
    twin = NeuralNetwork(nn.input_size, nn.hidden_size, nn.output_size, seed=nn.seed)
    for name in ("W1", "b1", "W2", "b2"):
        setattr(twin, name, getattr(nn, name))
    expected_losses = []
    for _ in range(epochs):
        expected_losses.append(mse(twin.forward(X), Matrix(y)))
        twin.backward(X, y)
    assert nn.train(X, y, epochs, verbose=False) == expected_losses
    assert snapshot(nn) == snapshot(twin)
    assert nn.loss_history == expected_losses


def test_train_prints_every_100th_epoch_as_the_seed(capsys):
    nn = NeuralNetwork(2, 4, 1, seed=0)
    losses = nn.train(XOR_X, XOR_Y, 201)
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["Epoch %d - Loss: %s" % (e, losses[e]) for e in (0, 100, 200)]
    nn.train(XOR_X, XOR_Y, 5, verbose=False)
    assert capsys.readouterr().out == ""


def test_mse_is_the_mean_of_squares():
    assert mse(Matrix([[1.0], [0.5]]), Matrix([[0.0], [0.0]])) == (1.0 + 0.25) / 2


# -- validation -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args, kwargs, error, message",
    [
        ((0, 4, 1), {}, BadSizeError, "input_size must be a positive int, got 0"),
        ((2, -1, 1), {}, BadSizeError, "hidden_size must be a positive int, got -1"),
        ((2, 4, 2.0), {}, NotANumberError, "output_size must be an int, got float"),
        ((True, 4, 1), {}, NotANumberError, "input_size must be an int, got bool"),
        ((2, 4, 1), {"learning_rate": 0}, BadHyperparameterError, "positive finite number, got 0"),
        ((2, 4, 1), {"learning_rate": float("inf")}, NonFiniteError, "learning_rate must be finite"),
        ((2, 4, 1), {"learning_rate": "0.1"}, NotANumberError, "learning_rate must be a real number"),
        ((2, 4, 1), {"seed": -5}, BadHyperparameterError, "seed must be between"),
        ((2, 4, 1), {"seed": 1.5}, NotANumberError, "seed must be an int"),
        ((2, 4, 1), {"loss": "hinge"}, BadHyperparameterError,
         "loss must be one of 'cross_entropy', 'mse', got str 'hinge'"),
        ((2, 4, 1), {"loss": 10**5000}, BadHyperparameterError, "got int beyond 2\\*\\*64"),
        ((10**5000, 4, 1), {}, BadSizeError, r"input_size must be at most 10000000, got an int beyond 2\*\*64$"),
    ],
)
def test_constructor_rejects_bad_arguments(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        NeuralNetwork(*args, **kwargs)


def bad_calls():
    """(description, call(nn), error, message) for every rejected input of the methods."""
    return [
        ("wide X", lambda nn: nn.forward([[0, 0, 0]]), ShapeError,
         r"X has 3 columns but the network expects 2 \(input_size\)"),
        ("wide y", lambda nn: nn.backward(XOR_X, [[0, 1]] * 4), ShapeError,
         r"y has 2 columns but the network expects 1 \(output_size\)"),
        ("short y", lambda nn: nn.train(XOR_X, XOR_Y[:3], 1), ShapeError, "y has 3 rows but X has 4"),
        ("ragged X", lambda nn: nn.train([[0, 0], [1]], XOR_Y[:2], 1), ShapeError, "X row 1 has 1"),
        ("nan y", lambda nn: nn.backward(XOR_X, [[0], [1], [float("nan")], [0]]), NonFiniteError,
         r"y\[2\]\[0\] must be finite"),
        ("bool X", lambda nn: nn.forward([[True, 0]]), NotANumberError, r"X\[0\]\[0\].*bool"),
        ("str y", lambda nn: nn.train(XOR_X, [["1"]] * 4, 1), NotANumberError, r"y\[0\]\[0\].*str"),
        ("None X", lambda nn: nn.predict(None), NotANumberError, "X must be a list of rows"),
        ("negative epochs", lambda nn: nn.train(XOR_X, XOR_Y, -1), BadHyperparameterError,
         "epochs must be 0 or more, got -1"),
        ("float epochs", lambda nn: nn.train(XOR_X, XOR_Y, 10.0), NotANumberError,
         "epochs must be an int, got float"),
        ("bad W1", lambda nn: setattr(nn, "W1", [[1.0] * 4]), ShapeError, r"W1 must be \(2, 4\), got \(1, 4\)"),
        ("nan b2", lambda nn: setattr(nn, "b2", [[float("nan")]]), NonFiniteError, r"b2\[0\]\[0\]"),
        ("bad lr", lambda nn: setattr(nn, "learning_rate", -0.5), BadHyperparameterError,
         "learning_rate must be a positive finite number, got -0.5"),
    ]


@pytest.mark.parametrize("description, call, error, message", bad_calls(), ids=[c[0] for c in bad_calls()])
def test_bad_input_raises_and_changes_nothing(description, call, error, message):
    nn = NeuralNetwork(2, 4, 1, seed=0)
    before, lr = snapshot(nn), nn.learning_rate
    with pytest.raises(error, match=message):
        call(nn)
    assert snapshot(nn) == before and nn.learning_rate == lr


def test_training_that_overflows_names_the_epoch_and_keeps_finite_weights():
    nn = NeuralNetwork(2, 4, 1, seed=0, learning_rate=1e308)
    before = snapshot(nn)
    with pytest.raises(NonFiniteError, match=r"epoch 0: the update W1 - learning_rate \* dW1 is not finite; learning_rate 1e\+308 is too large for these gradients"):
        nn.train([[1.0, 1.0]], [[-100.0]], 10, verbose=False)
    assert snapshot(nn) == before
    assert nn.loss_history == []


def test_training_on_huge_inputs_names_z1():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    before = snapshot(nn)
    with pytest.raises(NonFiniteError, match=r"epoch 0: forward\(X\) is not finite \(X @ W1 is not finite: entry \[0\]\[0\] is inf.*; the inputs are too large: scale X"):
        nn.train([[1e308, 1e308]], [[1.0]], 3, verbose=False)
    assert snapshot(nn) == before


def test_training_on_huge_targets_names_the_loss():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    with pytest.raises(NonFiniteError, match=r"epoch 0: the loss mean\(\(a2 - y\)\^2\) is not finite; the targets are too large: look at the scale of y"):
        nn.train([[1.0, 1.0]], [[1e200]], 3, verbose=False)


@pytest.mark.parametrize("seed", [1, 2, 4, 7, 9])
def test_a_learning_rate_that_makes_the_weights_explode_is_named_as_the_cause(seed):
    nn = NeuralNetwork(2, 4, 1, seed=seed, learning_rate=1e308)
    with pytest.raises(NonFiniteError, match=r"the weights have grown to .*e\+30\d: learning_rate 1e\+308 is too large"):
        nn.train(XOR_X, XOR_Y, 300, verbose=False)
    assert len(nn.loss_history) == len(nn.objective_history) >= 1


def test_interrupted_training_stops_at_a_whole_epoch():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    twin = NeuralNetwork(2, 4, 1, seed=0)
    expected = twin.train(XOR_X, XOR_Y, 7, verbose=False)

    def stop_after_seven(epoch, loss):
        if epoch == 6:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        nn.train(XOR_X, XOR_Y, 100, verbose=False, callback=stop_after_seven)
    assert snapshot(nn) == snapshot(twin)
    assert nn.loss_history == expected


def test_interrupt_inside_a_tutorial_epoch_keeps_the_previous_epoch():
    class Stopping(NeuralNetwork):
        calls = 0

        def backward(self, X, y):
            Stopping.calls += 1
            if Stopping.calls == 3:
                raise KeyboardInterrupt
            super().backward(X, y)

    nn = Stopping(2, 4, 1, seed=0)
    twin = NeuralNetwork(2, 4, 1, seed=0)
    expected = twin.train(XOR_X, XOR_Y, 2, verbose=False)
    with pytest.raises(KeyboardInterrupt):
        nn.train(XOR_X, XOR_Y, 10, verbose=False)
    assert snapshot(nn) == snapshot(twin)
    assert nn.loss_history == expected
# -- overrides are honoured -------------------------------------------------------


class Tanh(NeuralNetwork):
    """The classic exercise: swap the sigmoid for tanh."""

    def sigmoid(self, z):
        return z.map(math.tanh)

    def sigmoid_derivative(self, z):
        t = self.sigmoid(z)
        return 1.0 - t * t


def tanh_loop(W1, b1, W2, b2, X, y, epochs, lr):
    """The tutorial's loop for tanh units, written out by hand on plain lists."""
    def matmul(A, B):
        return [[sum_left([A[i][k] * B[k][j] for k in range(len(B))]) for j in range(len(B[0]))]
                for i in range(len(A))]

    def sum_left(values):
        acc = 0.0
        for v in values:
            acc += v
        return acc

    m = len(X)
    for _ in range(epochs):
        z1 = [[v + b for v, b in zip(row, b1[0])] for row in matmul(X, W1)]
        a1 = [[math.tanh(v) for v in row] for row in z1]
        z2 = [[v + b for v, b in zip(row, b2[0])] for row in matmul(a1, W2)]
        a2 = [[math.tanh(v) for v in row] for row in z2]
        dZ2 = [[a - t for a, t in zip(ra, rt)] for ra, rt in zip(a2, y)]
        dW2 = [[v / m for v in row] for row in matmul(list(map(list, zip(*a1))), dZ2)]
        db2 = [[sum_left([row[j] for row in dZ2]) / m for j in range(len(dZ2[0]))]]
        back = matmul(dZ2, list(map(list, zip(*W2))))
        dZ1 = [[g * (1.0 - math.tanh(z) * math.tanh(z)) for g, z in zip(rg, rz)] for rg, rz in zip(back, z1)]
        dW1 = [[v / m for v in row] for row in matmul(list(map(list, zip(*X))), dZ1)]
        db1 = [[sum_left([row[j] for row in dZ1]) / m for j in range(len(dZ1[0]))]]
        W1 = [[p - lr * d for p, d in zip(rp, rd)] for rp, rd in zip(W1, dW1)]
        b1 = [[p - lr * d for p, d in zip(b1[0], db1[0])]]
        W2 = [[p - lr * d for p, d in zip(rp, rd)] for rp, rd in zip(W2, dW2)]
        b2 = [[p - lr * d for p, d in zip(b2[0], db2[0])]]
    return W1, b1, W2, b2, a2


def test_a_tanh_subclass_trains_with_tanh_exactly_as_a_hand_written_loop():
    nn = Tanh(2, 4, 1, seed=0)
    X = [[float(v) for v in row] for row in XOR_X]
    y = [[float(v) for v in row] for row in XOR_Y]
    start = [P.tolist() for P in nn.parameters]
    nn.train(X, y, 50, verbose=False)
    W1, b1, W2, b2, a2 = tanh_loop(*start, X, y, 50, 0.1)
    assert snapshot(nn) == [W1, b1, W2, b2]
    assert nn.a2.tolist() == a2
    sigmoid_net = NeuralNetwork(2, 4, 1, seed=0)
    sigmoid_net.train(X, y, 50, verbose=False)
    assert snapshot(nn) != snapshot(sigmoid_net)


def test_a_backward_that_raises_makes_train_raise():
    class Broken(NeuralNetwork):
        def backward(self, X, y):
            raise RuntimeError("backward called")

    with pytest.raises(RuntimeError, match="backward called"):
        Broken(2, 4, 1, seed=0).train(XOR_X, XOR_Y, 10, verbose=False)


def test_an_instance_attribute_that_replaces_sigmoid_is_used():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    calls = []

    def counting_sigmoid(z):
        calls.append(z.shape)
        return sigmoid(z)

    nn.sigmoid = counting_sigmoid
    nn.train(XOR_X, XOR_Y, 3, verbose=False)
    # forward: sigmoid(z1), sigmoid(z2); backward: sigmoid_derivative(z1) calls self.sigmoid(z1), as the tutorial's does
    assert calls == [(4, 4), (4, 1), (4, 4)] * 3
    plain = NeuralNetwork(2, 4, 1, seed=0)
    plain.train(XOR_X, XOR_Y, 3, verbose=False)
    assert snapshot(nn) == snapshot(plain)


def test_after_train_the_stored_values_are_the_last_epochs_as_in_the_tutorial():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    nn.train(XOR_X, XOR_Y, 300, verbose=False)
    tutorial = NeuralNetwork(2, 4, 1, seed=0)
    for _ in range(300):  # the seed's train, written out
        tutorial.forward(XOR_X)
        tutorial.backward(XOR_X, XOR_Y)
    assert (nn.z1, nn.a1, nn.z2, nn.a2) == (tutorial.z1, tutorial.a1, tutorial.z2, tutorial.a2)
    assert snapshot(nn) == snapshot(tutorial)


# -- the parameters behave as a NumPy user expects ------------------------------------


def test_writing_one_weight_changes_it_and_is_checked():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    nn.W1[0][0] = 0.5
    nn.b2[0, 0] = -1
    assert nn.W1[0][0] == 0.5 and nn.W1[0, 0] == 0.5 and nn.b2.tolist() == [[-1.0]]
    with pytest.raises(NotANumberError, match=r"W1\[0\]\[1\] must be a real number, got str 'x'"):
        nn.W1[0][1] = "x"
    with pytest.raises(NonFiniteError, match=r"W2\[3\]\[0\] must be finite, got nan"):
        nn.W2[3][0] = float("nan")
    assert nn.W1[0][0] == 0.5 and math.isfinite(nn.W2[3][0])


def test_no_read_hands_out_the_models_own_lists():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    before = snapshot(nn)
    nn.W1[0:1][0][0] = 123.0  # a slice is a new Matrix
    nn.W1.tolist()[0][0] = 123.0
    for row in nn.W1.tolist():
        row[0] = 123.0
    nn.W1[0].tolist()[0] = 123.0
    assert snapshot(nn) == before


def test_a_subclass_sigmoid_is_used_by_sigmoid_derivative_as_in_the_tutorial():
    # the tutorial's derivative is self.sigmoid(z) * (1 - self.sigmoid(z)): overriding sigmoid alone changes it
    class Halved(NeuralNetwork):
        def sigmoid(self, z):
            return super().sigmoid(z) * 0.5

    nn = Halved(2, 4, 1, seed=0)
    z = Matrix([[0.0, 2.0]])
    s = [v * 0.5 for v in NeuralNetwork(2, 4, 1, seed=0).sigmoid(z).tolist()[0]]
    assert nn.sigmoid_derivative(z).tolist() == [[v * (1.0 - v) for v in s]]
    assert nn.sigmoid_derivative(0.0) == 0.25 * 0.75


def test_an_error_from_an_override_reaches_the_caller_as_it_was_raised():
    class Failing(NeuralNetwork):
        def forward(self, X):
            raise ValueError("mine") from KeyError("cause")

    nn = Failing(2, 4, 1, seed=0)
    with pytest.raises(ValueError, match="mine") as raised:
        nn.train(XOR_X, XOR_Y, 3, verbose=False)
    assert isinstance(raised.value.__cause__, KeyError)
    assert nn.loss_history == []

"""Every public entry point of the core checks what it is given, as a NumPy user would pass it.

Issue 11's findings, one test each: natural input (flat rows, tuples, arrays,
NumPy scalars, Fraction, generators), objects that lie, huge ints, sizes
beyond the documented limits, callbacks, and settings that save could not write.
"""

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runtimes import needs_processes
from tinynet import (
    BadArgumentError,
    BadHyperparameterError,
    BadSizeError,
    Matrix,
    NeuralNetwork,
    NonFiniteError,
    NotANumberError,
    ShapeError,
    cross_entropy,
    mse,
)
from tinynet import serialize
from tinynet.core.rng import RandomState
from tinynet.data import XOR_X, XOR_Y


class ArrayLike:
    """What a NumPy array offers tinynet: ``tolist()``; tinynet never imports NumPy."""

    def __init__(self, rows):
        self.rows = rows

    def tolist(self):
        return [list(row) for row in self.rows]


class LyingList(list):
    """A list whose iteration disagrees with its length."""

    def __iter__(self):
        return iter([1.0, 2.0, 3.0])


class LyingInt(int):
    """An int that says it is greater than everything and equal to nothing."""

    def __lt__(self, other):
        return False

    def __gt__(self, other):
        return True

    def __eq__(self, other):
        return False

    __hash__ = int.__hash__


# -- natural input -------------------------------------------------------------------


def test_a_flat_row_says_what_to_write_instead():
    with pytest.raises(NotANumberError, match=r"X row 0 is a number, not a row: .*write \[\[0, 1\]\]"):
        NeuralNetwork(2, 2, 1, seed=0).predict([0, 1])


def test_tuples_and_array_likes_are_accepted():
    nn = NeuralNetwork(2, 2, 1, seed=0)
    expected = nn.predict([[0.0, 1.0], [1.0, 0.0]])
    assert nn.predict(((0, 1), (1, 0))) == expected
    assert nn.predict(ArrayLike([[0, 1], [1, 0]])) == expected
    assert Matrix(ArrayLike([[1, 2]])) == Matrix([[1.0, 2.0]])


def test_every_real_number_type_but_bool_is_a_number():
    assert Matrix([[Fraction(1, 4), Decimal("0.5"), 3]]).tolist() == [[0.25, 0.5, 3.0]]
    nn = NeuralNetwork(2, 2, 1, seed=3)
    nn.learning_rate = Fraction(1, 10)
    assert nn.learning_rate == 0.1 and type(nn.learning_rate) is float
    with pytest.raises(NotANumberError, match=r"Matrix\[0\]\[0\] must be a real number, got bool True"):
        Matrix([[True]])
    with pytest.raises(NotANumberError, match=r"Matrix\[0\]\[0\] must be a real number, got complex"):
        Matrix([[1j]])


def test_numpy_scalars_and_arrays_are_accepted_where_numpy_is_installed():
    np = pytest.importorskip("numpy")
    nn = NeuralNetwork(np.int64(2), np.int64(2), 1, seed=np.int64(0), learning_rate=np.float32(0.5))
    assert (nn.input_size, nn.seed) == (2, 0)
    assert nn.predict(np.array([[0, 1]])) == nn.predict([[0.0, 1.0]])
    with pytest.raises(NotANumberError, match="bool"):
        Matrix([[np.bool_(True)]])


def test_a_generator_gets_a_hint():
    with pytest.raises(NotANumberError, match=r"X is an iterator \(generator\); pass a list instead"):
        NeuralNetwork(2, 2, 1, seed=0).predict(row for row in [[0, 1]])


# -- objects that lie, and huge ints ---------------------------------------------------


def test_a_list_whose_iteration_lies_cannot_make_a_ragged_matrix():
    rows = [LyingList([1.0]), [4.0, 5.0, 6.0]]
    assert Matrix(rows).shape == (2, 3)  # checked on the copy that is kept
    with pytest.raises(ShapeError, match="ragged"):
        Matrix([[1.0, 2.0], LyingList([1.0, 2.0])])


def test_an_int_whose_comparisons_lie_is_checked_as_the_int_it_is():
    with pytest.raises(BadSizeError, match="hidden_size must be a positive int, got 0"):
        NeuralNetwork(2, LyingInt(0), 1, seed=0)
    with pytest.raises(BadHyperparameterError, match="seed must be between 0 and 2\\*\\*32 - 1, got -1"):
        NeuralNetwork(2, 2, 1, seed=LyingInt(-1))


@pytest.mark.parametrize("call", [
    lambda: NeuralNetwork(10**5000, 1, 1),
    lambda: NeuralNetwork(1, 1, 1, seed=10**5000),
    lambda: NeuralNetwork(1, 1, 1, seed=0).train([[0.0]], [[0.0]], -10**5000),
    lambda: Matrix.zeros(1, 10**30),
    lambda: Matrix([[10**5000]]),
])
def test_huge_ints_give_short_messages(call):
    with pytest.raises((ValueError, TypeError)) as raised:
        call()
    assert len(str(raised.value)) < 200
    assert "digits" not in str(raised.value)  # not Python's own "Exceeds the limit (4300 digits)"


# -- sizes beyond the limits are refused before anything is allocated -----------------


@pytest.mark.parametrize("call, message", [
    (lambda: Matrix.zeros(10**5, 10**5), r"zeros would be \(100000, 100000\)"),
    (lambda: Matrix([[1.0]] * 20000) @ Matrix([[1.0] * 20000]), r"matmul's result would be \(20000, 20000\)"),
    (lambda: RandomState(0).randn(10**4, 10**4), r"randn\(10000, 10000\) would draw 100000000"),
    (lambda: NeuralNetwork(10000, 10000, 1), "make 100020001 parameters; the limit is 10000000"),
])
def test_sizes_over_the_limits_are_refused_at_once(call, message):
    with pytest.raises(BadSizeError, match=message):
        call()


# -- the losses and matrix operations check their arguments -----------------------------


def test_the_losses_check_their_arguments():
    with pytest.raises(BadArgumentError, match="mse: a2 must be a Matrix or rows of numbers, got float 3.0"):
        mse(3.0, 4.0)
    with pytest.raises(ShapeError, match=r"mse: a2 is \(1, 1\) but y is \(4, 1\)"):
        mse(Matrix([[0.5]]), Matrix(XOR_Y))
    with pytest.raises(ShapeError, match=r"cross_entropy: z2 is \(1, 2\) but y is \(1, 1\)"):
        cross_entropy(Matrix([[0.5, 0.5]]), Matrix([[1.0]]))
    with pytest.raises(NonFiniteError, match=r"cross_entropy: the terms softplus\(z2\) - y \* z2 are not finite"):
        cross_entropy(Matrix([[1e308], [1e308]]), Matrix([[-1e308], [-1e308]]))
    with pytest.raises(NonFiniteError, match=r"the sum of Matrix's entries is inf"):
        mse([[1e154], [1e154], [1e154]], [[0.0], [0.0], [0.0]])


def test_matrix_operations_refuse_what_numpy_would_refuse():
    with pytest.raises(BadArgumentError, match="axis must be None, 0 or 1, got bool True"):
        Matrix([[1.0]]).sum(axis=True)
    with pytest.raises(NonFiniteError, match=r"divide: Matrix / 0 would make every entry infinite or nan"):
        Matrix([[1.0]]) / 0
    with pytest.raises(NonFiniteError, match=r"X @ W1 is not finite: entry \[0\]\[0\] is inf"):
        NeuralNetwork(2, 2, 1, seed=0).predict([[1e308, 1e308]])


# -- callbacks ---------------------------------------------------------------------------


def test_a_callback_that_is_not_callable_is_refused_before_any_epoch():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    before = [P.tolist() for P in nn.parameters]
    with pytest.raises(BadArgumentError, match="callback must be callable as callback\\(epoch, loss\\), got int 5"):
        nn.train(XOR_X, XOR_Y, 100, callback=5)
    assert [P.tolist() for P in nn.parameters] == before and nn.loss_history == []


@pytest.mark.parametrize("tutorial", [False, True])
def test_what_a_callback_writes_is_kept_and_trained_from(tutorial):
    nn = NeuralNetwork(2, 4, 1, seed=0)
    if tutorial:
        nn.sigmoid = nn.sigmoid  # an instance attribute: the tutorial's loop runs

    def set_b2(epoch, loss):
        if epoch in (0, 2):
            nn.b2[0][0] = 42.0

    nn.train(XOR_X, XOR_Y, 3, verbose=False, callback=set_b2)
    by_hand = NeuralNetwork(2, 4, 1, seed=0)
    by_hand.train(XOR_X, XOR_Y, 1, verbose=False)
    by_hand.b2[0][0] = 42.0  # what the callback wrote after epoch 0: epochs 1 and 2 start from it
    by_hand.train(XOR_X, XOR_Y, 2, verbose=False)
    by_hand.b2[0][0] = 42.0  # and after epoch 2, the last: kept
    assert [P.tolist() for P in nn.parameters] == [P.tolist() for P in by_hand.parameters]
    assert nn.b2[0][0] == 42.0


@pytest.mark.parametrize("tutorial", [False, True])
def test_a_callback_that_raises_keeps_the_epoch_it_was_called_for(tutorial):
    nn = NeuralNetwork(2, 4, 1, seed=0)
    if tutorial:
        nn.forward = nn.forward

    def stop_at_2(epoch, loss):
        if epoch == 2:
            nn.b2[0][0] = 7.0
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        nn.train(XOR_X, XOR_Y, 10, verbose=False, callback=stop_at_2)
    assert len(nn.loss_history) == 3 and len(nn.objective_history) == 3
    assert nn.b2[0][0] == 7.0


def test_train_cannot_be_reentered_from_a_callback():
    nn = NeuralNetwork(2, 4, 1, seed=0)

    def again(epoch, loss):
        nn.train(XOR_X, XOR_Y, 1, verbose=False)

    with pytest.raises(RuntimeError, match="train is already running on this network"):
        nn.train(XOR_X, XOR_Y, 5, verbose=False, callback=again)
    assert len(nn.loss_history) == 1
    nn.train(XOR_X, XOR_Y, 1, verbose=False)  # and it is not left marked as running


def test_a_callback_may_change_the_learning_rate_and_the_loss():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    tutorial = NeuralNetwork(2, 4, 1, seed=0)
    tutorial.forward = tutorial.forward

    def change(net):
        def callback(epoch, loss):
            if epoch == 1:
                net.learning_rate, net.loss = 0.5, "mse"
        return callback

    nn.train(XOR_X, XOR_Y, 4, verbose=False, callback=change(nn))
    tutorial.train(XOR_X, XOR_Y, 4, verbose=False, callback=change(tutorial))
    assert [P.tolist() for P in nn.parameters] == [P.tolist() for P in tutorial.parameters]
    assert nn.objective_history == tutorial.objective_history


def test_history_false_keeps_only_the_last_epoch():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    full = NeuralNetwork(2, 4, 1, seed=0)
    losses = full.train(XOR_X, XOR_Y, 300, verbose=False)
    assert nn.train(XOR_X, XOR_Y, 300, verbose=False, history=False) == losses[-1:]
    assert nn.objective_history == full.objective_history[-1:]
    assert [P.tolist() for P in nn.parameters] == [P.tolist() for P in full.parameters]
    with pytest.raises(TypeError, match="history must be True or False"):
        nn.train(XOR_X, XOR_Y, 1, history="no")


# -- settings that save could not write are refused when set ----------------------------


@pytest.mark.parametrize("value, error", [(-1, BadHyperparameterError), (None, NotANumberError),
                                          (2**40, BadHyperparameterError), ("x", NotANumberError),
                                          (1.5, NotANumberError)])
def test_no_seed_that_load_would_reject_can_be_set(value, error):
    nn = NeuralNetwork(2, 2, 1, seed=0)
    with pytest.raises(error, match="seed"):
        nn.seed = value
    assert serialize.loads(serialize.dumps(nn)).seed == 0


@given(st.sampled_from(["learning_rate", "loss", "seed", "W1", "b2"]),
       st.one_of(st.none(), st.booleans(), st.text(max_size=3), st.floats(), st.integers(),
                 st.lists(st.lists(st.floats(), max_size=3), max_size=3)))
def test_whatever_a_user_sets_save_writes_a_loadable_file(name, value):
    nn = NeuralNetwork(2, 2, 1, seed=0)
    try:
        setattr(nn, name, value)
    except (TypeError, ValueError):
        pass
    back = serialize.loads(serialize.dumps(nn))
    assert serialize.to_dict(back) == serialize.to_dict(nn)


# -- a training epoch that overflows names what overflowed --------------------------------


@given(st.floats(1e100, 1e308), st.floats(1e-3, 1e308), st.sampled_from(["cross_entropy", "mse"]))
def test_an_overflow_in_training_names_a_quantity_that_is_not_finite(scale, lr, loss):
    nn = NeuralNetwork(2, 3, 1, seed=1, learning_rate=lr, loss=loss)
    X = [[scale, -scale], [1.0, 2.0]]
    y = [[0.0], [scale]]
    try:
        nn.train(X, y, 3, verbose=False)
    except NonFiniteError as exc:
        text = str(exc)
        assert text.startswith("epoch ")
        assert "a number stopped being finite" not in text
        named = text.split(": ", 1)[1]
        assert named.startswith(("forward(X) is not finite", "the loss mean((a2 - y)^2) is not finite",
                                 "the descended loss (%s) is not finite" % loss, "the gradients",
                                 "the update W1", "the update b1", "the update W2", "the update b2"))
    assert all(math.isfinite(v) for P in nn.parameters for row in P.tolist() for v in row)


@needs_processes
def test_the_tools_are_attributes_of_the_package_after_import_tinynet():
    import subprocess
    import sys

    code = "import tinynet; print(tinynet.data.read_csv.__name__, tinynet.serialize.load.__name__)"
    out = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, universal_newlines=True, check=True)
    assert out.stdout.split() == ["read_csv", "load"]

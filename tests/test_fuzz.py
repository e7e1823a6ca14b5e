"""Arbitrary values at every public entry point: a result, or a documented error.

Each property draws values of every kind (None, bools, ints of any size, any
float including nan and inf, strings, bytes, complex numbers, nested lists,
tuples and dicts) and asserts that the call either succeeds or raises a
``TypeError``/``ValueError`` (tinynet's errors all derive from these two) with a
message, and that an existing model is left exactly as it was.
"""

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinynet import DataFormatError, ModelFormatError, NeuralNetwork, NonFiniteError, sigmoid, sigmoid_derivative
from tinynet import Matrix
from tinynet import serialize
from tinynet.data import parse_csv

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3)
    | st.binary(max_size=3) | st.complex_numbers()
)
anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=2), inner, max_size=3),
    max_leaves=16,
)
# matrix-shaped values whose entries may be anything: they get past the first checks
numbers = st.floats(-1e308, 1e308) | st.integers(-5, 5)
entries = numbers | scalars
grids = st.lists(st.lists(entries, min_size=1, max_size=3), min_size=1, max_size=3)
values = anything | grids | st.lists(st.lists(numbers, min_size=2, max_size=2), min_size=1, max_size=4)
# sizes: small, absurdly large, or anything else (never big enough to take minutes)
size_like = st.integers(-3, 12) | st.integers(10**7, 10**30) | anything.filter(lambda v: not isinstance(v, int))

XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]]
XOR_Y = [[0], [1], [1], [0]]


def documented(call):
    """Run call(); return its result, or None if it raised a documented error with a message."""
    try:
        return call()
    except (TypeError, ValueError) as exc:
        assert str(exc), "%s raised without a message" % type(exc).__name__
        return None


def state(nn):
    return ([P.tolist() for P in nn.parameters], nn.learning_rate, nn.seed)


def model():
    return NeuralNetwork(2, 3, 1, seed=11)


@given(values)
def test_matrix_constructor(value):
    M = documented(lambda: Matrix(value))
    if M is not None:
        assert all(math.isfinite(v) and type(v) is float for row in M for v in row)


@given(st.sampled_from(["+", "-", "*", "/", "@", "r+", "r-", "r*"]), values | numbers)
def test_every_operator(op, other):
    A = Matrix([[1.0, -2.0], [3e300, 0.5]])
    before = A.tolist()
    operations = {
        "+": lambda: A + other, "-": lambda: A - other, "*": lambda: A * other, "/": lambda: A / other,
        "@": lambda: A @ other, "r+": lambda: other + A, "r-": lambda: other - A, "r*": lambda: other * A,
    }
    result = documented(operations[op])
    if isinstance(result, Matrix):
        assert all(math.isfinite(v) for row in result for v in row)
    assert A.tolist() == before


@given(values | numbers)
def test_sigmoid_and_derivative(z):
    for f in (sigmoid, sigmoid_derivative):
        result = documented(lambda f=f: f(z))
        if isinstance(result, float):
            assert 0.0 <= result <= 1.0


@given(size_like, size_like, size_like, anything | numbers, anything | st.integers(-2, 2**33))
def test_network_constructor(n_in, n_hid, n_out, learning_rate, seed):
    nn = documented(lambda: NeuralNetwork(n_in, n_hid, n_out, learning_rate=learning_rate, seed=seed))
    if nn is not None:
        assert all(math.isfinite(v) for P in nn.parameters for row in P.tolist() for v in row)


@given(st.sampled_from(["forward", "predict", "gradients", "backward", "train"]), values, values,
       anything | st.integers(0, 3))
def test_network_methods_leave_the_model_unchanged_on_error(method, X, y, epochs):
    nn = model()
    before = state(nn)
    calls = {
        "forward": lambda: nn.forward(X),
        "predict": lambda: nn.predict(X),
        "gradients": lambda: nn.gradients(X, y),
        "backward": lambda: nn.backward(X, y),
        "train": lambda: nn.train(X, y, epochs, verbose=False),
    }
    try:
        calls[method]()
    except (TypeError, ValueError) as exc:
        assert str(exc)
        assert state(nn) == before
    assert all(math.isfinite(v) for P in nn.parameters for row in P.tolist() for v in row)


@given(st.sampled_from(["W1", "b1", "W2", "b2", "learning_rate"]), values | numbers)
def test_setters_leave_the_model_unchanged_on_error(name, value):
    nn = model()
    before = state(nn)
    try:
        setattr(nn, name, value)
    except (TypeError, ValueError) as exc:
        assert str(exc)
        assert state(nn) == before
    else:
        assert all(math.isfinite(v) for P in nn.parameters for row in P.tolist() for v in row)
        assert nn.learning_rate > 0


huge = st.floats(-1e308, 1e308, allow_nan=False)


@given(st.lists(st.lists(huge, min_size=2, max_size=2), min_size=1, max_size=4),
       st.floats(1e-300, 1e308), st.integers(1, 3))
def test_large_finite_inputs_give_finite_results_or_a_clear_error(X, learning_rate, epochs):
    nn = NeuralNetwork(2, 3, 1, seed=5, learning_rate=learning_rate)
    y = [[1.0] for _ in X]
    out = documented(lambda: nn.forward(X))
    if out is not None:
        assert all(math.isfinite(v) for row in out for v in row)
    before = nn.parameters
    try:
        nn.train(X, y, epochs, verbose=False)
    except NonFiniteError as exc:
        assert "epoch" in str(exc)
        assert len(nn.loss_history) < epochs
    else:
        assert nn.parameters is not before
    assert all(math.isfinite(v) for P in nn.parameters for row in P.tolist() for v in row)
    assert all(math.isfinite(v) for v in nn.loss_history)


# -- loading mutated documents ------------------------------------------------------

KEYS = list(serialize.KEYS)
replacements = (
    st.sampled_from([float("nan"), float("inf"), 1e400, True, False, "1", None, [], {}, [[]], -1, 0, 2**70])
    | anything
)


@st.composite
def mutated_documents(draw):
    doc = serialize.to_dict(NeuralNetwork(draw(st.integers(1, 3)), draw(st.integers(1, 3)),
                                          draw(st.integers(1, 2)), seed=draw(st.integers(0, 99))))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["drop", "replace", "entry", "row", "add", "nest"]))
        key = draw(st.sampled_from(KEYS))
        if kind == "drop":
            doc.pop(key, None)
        elif kind == "replace":
            doc[key] = draw(replacements)
        elif kind == "add":
            doc[draw(st.text(max_size=5))] = draw(replacements)
        elif kind == "nest":
            value = doc.get(key)
            for _ in range(draw(st.integers(1, 3000))):
                value = [value]
            doc[key] = value
        elif key in ("W1", "b1", "W2", "b2") and isinstance(doc.get(key), list) and doc[key]:
            rows = doc[key]
            i = draw(st.integers(0, len(rows) - 1))
            if kind == "entry" and isinstance(rows[i], list) and rows[i]:
                rows[i][draw(st.integers(0, len(rows[i]) - 1))] = draw(replacements)
            elif isinstance(rows[i], list):  # an extra row: a copy, or one entry short (ragged)
                rows.append(list(rows[i]) if draw(st.booleans()) else rows[i][:-1])
            else:  # an earlier mutation replaced this row by a non-list: add one anyway
                rows.append(draw(replacements))
    return doc


@given(mutated_documents())
def test_from_dict_raises_only_model_format_error(doc):
    try:
        nn = serialize.from_dict(doc)
    except ModelFormatError as exc:
        assert str(exc)
    else:
        assert all(math.isfinite(v) for P in nn.parameters for row in P.tolist() for v in row)


@given(mutated_documents())
def test_loads_raises_only_model_format_error(doc):
    try:
        text = json.dumps(doc)
    except (TypeError, ValueError, RecursionError):
        return  # json cannot write this document (bytes, complex, nan...): nothing to load
    try:
        serialize.loads(text)
    except ModelFormatError as exc:
        assert str(exc)


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_load_of_arbitrary_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "model.json"
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    with pytest.raises(ModelFormatError):
        serialize.load(path)


# -- CSV lines: a table of floats, or DataFormatError naming a line -----------------------------

csv_lines = st.lists(
    st.text(alphabet=st.sampled_from('0123456789.,+-eE #"\t\r\n\ufeffaxn_\uff11\u0661'), max_size=12)
    | st.binary(max_size=12),
    max_size=6,
)


@given(csv_lines)
def test_parse_csv_raises_only_data_format_error(lines):
    try:
        names, rows = parse_csv(lines)
    except DataFormatError as exc:
        assert str(exc).startswith("data ")
    else:
        assert names and all(len(row) == len(names) for row in rows)
        assert all(type(v) is float and math.isfinite(v) for row in rows for v in row)

"""Traces: one line per whole epoch, the same numbers as train, nothing written for an epoch that fails;
diff-trace names the first difference, bit for bit or within --rtol and --atol."""

import io
import json
import struct

import pytest

from tinynet import NeuralNetwork, vectors
from tinynet.core.errors import NonFiniteError
from tinynet.data import XOR_X as X
from tinynet.data import XOR_Y as y
from tinynet.trace import QUANTITIES, first_difference, flatten, trace_epochs
from tinynet.vectors import __main__ as cli
from tinynet.vectors import answer


def next_up(x: float) -> float:
    bits = struct.unpack("<q", struct.pack("<d", x))[0]
    return struct.unpack("<d", struct.pack("<q", bits + 1 if x >= 0.0 else bits - 1))[0]


def write_trace(path, nudge_at=None, epochs=60):
    nn = NeuralNetwork(2, 4, 1, seed=0)
    with open(str(path), "w") as out:
        if nudge_at is None:
            trace_epochs(nn, X, y, epochs, out)
        else:
            trace_epochs(nn, X, y, nudge_at, out)
            W1 = nn.W1.tolist()
            W1[1][2] = next_up(W1[1][2])
            nn.W1 = W1
            trace_epochs(nn, X, y, epochs - nudge_at, out, first_epoch=nudge_at)


def test_trace_lines_hold_every_quantity_and_match_train(tmp_path):
    path = tmp_path / "t.jsonl"
    write_trace(path, epochs=5)
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert [r["epoch"] for r in records] == list(range(5))
    assert all(list(r)[1:] == list(QUANTITIES) for r in records)
    nn = NeuralNetwork(2, 4, 1, seed=0)
    assert [r["loss"] for r in records] == nn.train(X, y, 5, verbose=False)
    assert [r["objective"] for r in records] == nn.objective_history
    twin = NeuralNetwork(2, 4, 1, seed=0)
    twin.train(X, y, 4, verbose=False)
    assert records[4]["W1"] == twin.W1.tolist()


def test_an_epoch_that_fails_writes_no_line_and_keeps_the_whole_epochs_before_it():
    case = next(c for doc in vectors.load_groups() for c in doc["cases"] if c["id"] == "training/fails-at-epoch-1")
    inputs = case["inputs"]
    nn, twin = answer.network(inputs), answer.network(inputs)
    out = io.StringIO()
    with pytest.raises(NonFiniteError, match=r"^epoch 1: .* is not finite .*; the weights are those before epoch 1$"):
        trace_epochs(nn, inputs["X"], inputs["y"], inputs["epochs"], out)
    assert len(out.getvalue().splitlines()) == len(nn.loss_history) == len(nn.objective_history) == 1
    with pytest.raises(NonFiniteError, match="the weights are those before epoch 1"):
        twin.train(inputs["X"], inputs["y"], inputs["epochs"], verbose=False)
    assert nn.parameters == twin.parameters and nn.loss_history == twin.loss_history
    assert {name: getattr(nn, name).tolist() for name in answer.WEIGHTS} == {
        name: case["expected"][name] for name in answer.WEIGHTS}


def test_diff_trace_names_the_first_epoch_and_quantity(tmp_path, capsys):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_trace(a)
    write_trace(b, nudge_at=37)
    assert cli.main(["diff-trace", str(a), str(b)]) == 1
    assert capsys.readouterr().out.startswith("first difference: epoch 37, W1[1][2]: A ")
    assert cli.main(["diff-trace", str(a), str(a)]) == 0
    assert cli.main(["diff-trace", str(a), str(b), "--rtol", "1e-6"]) == 0
    assert cli.main(["diff-trace", str(a), str(b), "--atol", "1e-12"]) == 0


def line(**values) -> str:
    record = {"epoch": 0}
    record.update({name: 0.0 for name in QUANTITIES})
    record.update(values)
    return json.dumps(record)


def test_atol_lets_a_value_cross_zero_and_rtol_alone_does_not():
    a, b = [line(dW1=[[1e-17]])], [line(dW1=[[-1e-17]])]
    assert first_difference(a, b, rtol=0.5) == (0, "dW1[0][0]", "A 1e-17, B -1e-17")
    assert first_difference(a, b, rtol=0.5, atol=1e-16) is None
    assert first_difference([line(loss=-0.0)], [line(loss=0.0)]) == (0, "loss", "A -0.0, B 0.0")
    assert first_difference([line(loss=-0.0)], [line(loss=0.0)], atol=1e-300) is None


def test_nan_and_non_numbers_never_agree():
    assert first_difference([line(loss=float("nan"))], [line(loss=float("nan"))], rtol=1.0, atol=1.0) is not None
    assert first_difference([line(loss=0.25)], [line(loss="0.25")], rtol=1.0) == (0, "loss", "A 0.25, B '0.25'")
    assert first_difference([line(loss=True)], [line(loss=1)], rtol=1.0) is not None


def test_diff_trace_reports_a_shorter_trace(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_trace(a, epochs=6)
    write_trace(b, epochs=4)
    assert first_difference(a.read_text().splitlines(), b.read_text().splitlines()) == (
        4, "end", "A has 6 epochs, B has 4")
    assert first_difference(b.read_text().splitlines(), a.read_text().splitlines()) == (
        4, "end", "A has 4 epochs, B has 6")


def test_a_line_that_is_not_an_object_is_an_error_naming_it():
    with pytest.raises(ValueError, match="line 2 of B is not a JSON object"):
        first_difference([line(), line()], [line(), "[1]"])
    with pytest.raises(ValueError, match="line 1 of A is not JSON"):
        first_difference(["{"], [line()])


def test_flatten_reaches_any_depth_without_recursion():
    value = 1.0
    for _ in range(5000):
        value = [value]
    pairs = list(flatten(value, "x"))
    assert len(pairs) == 1 and pairs[0][1] == 1.0 and pairs[0][0].count("[0]") == 5000
    assert list(flatten([[1, 2], [3]], "M")) == [("M[0][0]", 1), ("M[0][1]", 2), ("M[1][0]", 3)]

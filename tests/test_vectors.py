"""The porter's kit: shipped vectors equal what the code generates, the checker
catches a one-ULP slip where bits must agree, and diff-trace finds the first difference."""

import copy
import io
import json
import os
import struct

import pytest

from tinynet import NeuralNetwork
from tinynet.core import errors
from tinynet import vectors
from tinynet.trace import QUANTITIES, first_difference, trace_epochs
from tinynet.vectors import __main__ as cli
from tinynet.vectors.cases import GROUPS
from tinynet.xor import X, y


def next_up(x: float) -> float:
    """The next float after x toward +inf (math.nextafter needs Python 3.9)."""
    bits = struct.unpack("<q", struct.pack("<d", x))[0]
    bits = bits + 1 if x >= 0.0 else bits - 1
    return struct.unpack("<d", struct.pack("<q", bits))[0]


@pytest.fixture(scope="module")
def own_answers():
    return vectors.answers()


def test_shipped_vectors_equal_what_the_code_generates(tmp_path):
    vectors.generate(str(tmp_path))
    for name, _, _ in GROUPS:
        with open(os.path.join(vectors.VECTORS_DIR, name + ".json"), "rb") as f:
            shipped = f.read()
        assert (tmp_path / (name + ".json")).read_bytes() == shipped, name


def test_every_group_has_cases_and_a_complete_envelope():
    for doc in vectors.load_groups():
        assert doc["count"] == len(doc["cases"]) > 0
        assert set(doc["tiers"]) == set(vectors.TIERS)
        for c in doc["cases"]:
            assert set(c) == {"id", "comment", "flags", "op", "tier", "inputs", "expected"}
            assert c["tier"] in vectors.TIERS and c["comment"]
    ids = [c["id"] for doc in vectors.load_groups() for c in doc["cases"]]
    assert len(ids) == len(set(ids))


def test_error_vectors_cover_every_error_kind():
    kinds = {c["expected"]["error"] for doc in vectors.load_groups() if doc["group"] == "errors"
             for c in doc["cases"]}
    classes = [getattr(errors, name) for name in errors.__all__]
    assert kinds == {cls.kind for cls in classes}


def test_tinynets_own_answers_all_pass(own_answers):
    out = io.StringIO()
    passed, failed = vectors.check(own_answers, out=out)
    assert failed == 0 and passed == sum(len(d["cases"]) for d in vectors.load_groups())
    assert out.getvalue().splitlines()[-1] == "vectors: %d passed, 0 failed" % passed


def nudged(answers, case_id, name):
    doc = copy.deepcopy(answers)
    value = doc["answers"][case_id][name]
    path = []
    while isinstance(value, list):
        path.append(0)
        value = value[0]
    target = doc["answers"][case_id]
    key = name
    for index in path:
        target, key = target[key], index
    target[key] = next_up(target[key])
    return doc


def test_one_ulp_in_an_exact_case_fails_and_is_named(own_answers, tmp_path, capsys):
    doc = nudged(own_answers, "matrix/matmul/2x3-3x2", "C")
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(doc))
    assert cli.main(["check", str(path), "--quiet"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("FAIL  matrix/matmul/2x3-3x2 [exact]: C[0][0]: expected ")
    assert out[-1] == "vectors: %d passed, 1 failed" % (len(own_answers["answers"]) - 1)


def test_one_ulp_in_an_exp_case_passes(own_answers):
    doc = nudged(own_answers, "sigmoid/1.0", "sigmoid")
    assert vectors.check(doc, out=io.StringIO())[1] == 0
    doc = nudged(own_answers, "init/2-4-1/seed-0", "W1")
    assert vectors.check(doc, out=io.StringIO())[1] == 0


def test_missing_and_wrong_answers_fail(own_answers):
    doc = copy.deepcopy(own_answers)
    del doc["answers"]["generator/uint32/seed-0"]
    doc["answers"]["errors/init/zero-size"] = {"error": "ShapeMismatch"}
    doc["answers"]["training/xor/seed-0/epochs-10000"]["rounded"][0][0] = 1
    out = io.StringIO()
    assert vectors.check(doc, out=out, quiet=True) == (len(own_answers["answers"]) - 3, 3)
    text = out.getvalue()
    assert "generator/uint32/seed-0 [exact]: no answer" in text
    assert "errors/init/zero-size [exact]: error: expected 'BadSize', got 'ShapeMismatch'" in text
    assert "rounded[0][0]: expected 0, got 1" in text


def test_check_rejects_a_file_that_is_not_answers(tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text('{"answers": {}}')
    assert cli.main(["check", str(path)]) == 2
    assert "tinynet-answers" in capsys.readouterr().err


# -- traces -----------------------------------------------------------------------


def write_trace(path, nudge_at=None, epochs=60):
    nn = NeuralNetwork(2, 4, 1, seed=0)
    with open(path, "w") as out:
        if nudge_at is None:
            trace_epochs(nn, X, y, epochs, out)
        else:
            trace_epochs(nn, X, y, nudge_at, out)
            W1 = nn.W1.tolist()
            W1[1][2] = next_up(W1[1][2])
            nn.W1 = W1
            trace_epochs(nn, X, y, epochs - nudge_at, out, first_epoch=nudge_at)


def test_diff_trace_names_the_first_epoch_and_quantity(tmp_path, capsys):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_trace(a)
    write_trace(b, nudge_at=37)
    assert cli.main(["diff-trace", str(a), str(b)]) == 1
    assert capsys.readouterr().out.startswith("first difference: epoch 37, W1[1][2]: A ")
    assert cli.main(["diff-trace", str(a), str(a)]) == 0
    assert cli.main(["diff-trace", str(a), str(b), "--rtol", "1e-6"]) == 0


def test_trace_lines_hold_every_quantity_and_match_train(tmp_path):
    path = tmp_path / "t.jsonl"
    write_trace(path, epochs=5)
    lines = path.read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["epoch"] for r in records] == list(range(5))
    assert all(list(r)[1:] == list(QUANTITIES) for r in records)
    nn = NeuralNetwork(2, 4, 1, seed=0)
    assert [r["loss"] for r in records] == nn.train(X, y, 5, verbose=False)
    nn.train(X, y, 0, verbose=False)
    twin = NeuralNetwork(2, 4, 1, seed=0)
    twin.train(X, y, 4, verbose=False)
    assert records[4]["W1"] == twin.W1.tolist()


def test_diff_trace_reports_a_shorter_trace(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_trace(a, epochs=6)
    write_trace(b, epochs=4)
    assert first_difference(a.read_text().splitlines(), b.read_text().splitlines()) == (
        4, "end", "A has 6 epochs, B has 4")


def test_xor_writes_a_trace(tmp_path, capsys):
    from tinynet import xor

    path = tmp_path / "trace.jsonl"
    assert xor.main(["--trace", str(path), "--epochs", "150"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [line for line in out if line.startswith("Epoch ")] and len(out[:2]) == 2
    assert len(path.read_text().splitlines()) == 150


def test_every_command_has_help(capsys):
    for command in ([], ["generate"], ["list"], ["answer"], ["check"], ["diff-trace"]):
        with pytest.raises(SystemExit) as exit_:
            cli.main(command + ["--help"])
        assert exit_.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_spec_counts_match_the_shipped_vectors():
    import re

    with open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "SPEC.md")) as f:
        spec = f.read()
    for doc in vectors.load_groups():
        assert re.search(r"^\| %s \| %d \|" % (doc["group"], doc["count"]), spec, re.M), doc["group"]

"""The porter's kit: the shipped vectors equal what the code generates, the checker catches a one-ULP
slip where bits must agree and accepts only the skips the spec allows, every case tests what it was
written to test, and every command takes relative paths and reports a user error in one line."""

import copy
import io
import json
import math
import os
import re
import struct
import subprocess
import sys

import pytest

from fakes import SharedTerminal, screen
from runtimes import needs_glibc_libm, needs_processes, needs_recursion_limit
from tinynet import NeuralNetwork, vectors
from tinynet.data import XOR_X, XOR_Y
from tinynet.core import errors
from tinynet.core.rng import RandomState
from tinynet.vectors import __main__ as cli
from tinynet.vectors import answer, demo_cases, drift, error_cases, file_cases
from tinynet.vectors.cases import GROUPS
from tinynet.vectors.fma import fma

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def next_up(x: float) -> float:
    """The next float after x toward +inf (math.nextafter needs Python 3.9)."""
    bits = struct.unpack("<q", struct.pack("<d", x))[0]
    bits = bits + 1 if x >= 0.0 else bits - 1
    return struct.unpack("<d", struct.pack("<q", bits))[0]


@pytest.fixture(scope="module")
def own_answers():
    return vectors.answers()


def all_cases():
    return [c for doc in vectors.load_groups() for c in doc["cases"]]


@needs_glibc_libm
def test_shipped_vectors_equal_what_the_code_generates(tmp_path):
    vectors.generate(str(tmp_path))
    for name, _, _ in GROUPS:
        with open(os.path.join(vectors.VECTORS_DIR, name + ".json"), "rb") as f:
            shipped = f.read()
        assert (tmp_path / (name + ".json")).read_bytes() == shipped, name


def test_every_group_has_cases_and_a_complete_envelope():
    for doc in vectors.load_groups():
        assert doc["count"] == len(doc["cases"]) > 0
        assert set(doc["tiers"]) == set(vectors.TIERS) and doc["skippable"] == vectors.SKIPPABLE
        for c in doc["cases"]:
            assert set(c) == {"id", "comment", "flags", "op", "tier", "inputs", "expected"}
            assert c["tier"] in vectors.TIERS and c["comment"] and set(c["flags"]) <= set(vectors.FLAGS)
    ids = [c["id"] for c in all_cases()]
    assert len(ids) == len(set(ids))


def test_error_vectors_cover_every_error_kind():
    kinds = {c["expected"]["error"] for c in all_cases() if "error" in c["expected"]}
    classes = [getattr(errors, name) for name in errors.__all__]
    # no op indexes a matrix, so none can raise BadIndex (Matrix indexing: docs/SPEC.md, "Errors")
    assert kinds == {cls.kind for cls in classes} - {"BadIndex"} | {"none"}


@pytest.mark.parametrize("intended", [error_cases.INTENDED, file_cases.INTENDED], ids=["errors", "files"])
def test_every_error_model_and_csv_case_gives_the_outcome_it_was_written_for(intended):
    got = {c["id"]: c["expected"].get("error", "ok") for c in all_cases() if c["id"] in intended}
    assert got == intended


def test_tinynets_own_answers_all_pass(own_answers):
    out = io.StringIO()
    passed, failed, skipped = vectors.check(own_answers, out=out)
    assert (failed, skipped) == (0, 0) and passed == len(all_cases())
    assert out.getvalue().splitlines()[-1] == "vectors: %d passed, 0 failed, 0 skipped" % passed


def nudged(answers, case_id, name):
    doc = copy.deepcopy(answers)
    target, key = doc["answers"][case_id], name
    while isinstance(target[key], list):
        target, key = target[key], 0
    target[key] = next_up(target[key])
    return doc


def test_one_ulp_in_an_exact_case_fails_and_is_named(own_answers, tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(nudged(own_answers, "matrix/matmul/2x3-3x2", "C")))
    assert cli.main(["check", str(path), "--quiet"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("FAIL  matrix/matmul/2x3-3x2 [exact]: C[0][0]: expected ")
    assert out[-1] == "vectors: %d passed, 1 failed, 0 skipped" % (len(own_answers["answers"]) - 1)


def test_one_ulp_in_an_exp_case_passes_but_a_lost_subnormal_fails(own_answers):
    assert vectors.check(nudged(own_answers, "sigmoid/1.0", "sigmoid"), out=io.StringIO())[1] == 0
    assert vectors.check(nudged(own_answers, "init/2-4-1/seed-0", "W1"), out=io.StringIO())[1] == 0
    doc = copy.deepcopy(own_answers)
    doc["answers"]["sigmoid/-745.0"]["sigmoid"] = 0.0  # 1 / (1 + exp(745)): exp overflows
    assert vectors.check(doc, out=io.StringIO(), quiet=True)[1] == 1


def test_a_dropped_sign_of_zero_fails(own_answers):
    negative = [c["id"] for c in all_cases() if c["tier"] == "exact" and "signed-zero" in c["flags"]
                and any(isinstance(v, float) and v == 0.0 and math.copysign(1.0, v) < 0
                        for name in c["expected"] for _, v in vectors.checker.flatten(c["expected"][name], name))]
    assert len(negative) >= 6
    doc = json.loads(json.dumps(own_answers).replace("-0.0", "0.0"))  # a writer that drops the sign
    failed = vectors.check(doc, out=io.StringIO(), quiet=True)[1]
    assert failed >= len(negative)


def test_missing_and_wrong_answers_fail(own_answers):
    doc = copy.deepcopy(own_answers)
    del doc["answers"]["generator/uint32/seed-0"]
    doc["answers"]["errors/init/zero-size"] = {"error": "ShapeMismatch"}
    doc["answers"]["training/xor/seed-0/epochs-10000"]["rounded"][0][0] = 1
    out = io.StringIO()
    assert vectors.check(doc, out=out, quiet=True) == (len(own_answers["answers"]) - 3, 3, 0)
    text = out.getvalue()
    assert "generator/uint32/seed-0 [exact]: no answer" in text
    assert "errors/init/zero-size [exact]: error: expected 'BadSize', got 'ShapeMismatch'" in text
    assert "rounded[0][0]: expected 0, got 1" in text


def test_only_flagged_cases_may_be_skipped(own_answers):
    doc = copy.deepcopy(own_answers)
    doc["answers"]["errors/init/float-size"] = {"skip": "static types"}
    doc["answers"]["errors/init/seed-negative"] = {"skip": "uint32 seeds"}
    doc["answers"]["model/valid"] = {"skip": "no files on this board"}
    doc["answers"]["matrix/matmul/1x1-1x1"] = {"skip": "too hard"}
    out = io.StringIO()
    assert vectors.check(doc, out=out, quiet=True) == (len(own_answers["answers"]) - 4, 1, 3)
    lines = out.getvalue().splitlines()
    assert "skip  errors/init/float-size: static types" in lines
    assert any(line.startswith("FAIL  matrix/matmul/1x1-1x1 [exact]: skipped (too hard), but only") for line in lines)
    assert lines[-1] == "vectors: %d passed, 1 failed, 3 skipped" % (len(own_answers["answers"]) - 4)


def test_a_typed_port_passes_with_skips_and_exit_0(tmp_path, capsys):
    path = str(tmp_path / "typed.json")
    assert cli.main(["answer", path, "--skip", "dynamic-types", "--skip", "beyond-uint32"]) == 0
    assert cli.main(["check", path, "--quiet"]) == 0
    summary = capsys.readouterr().out.splitlines()[-1]
    skipped = sum(1 for c in all_cases() if {"dynamic-types", "beyond-uint32"} & set(c["flags"]))
    assert summary == "vectors: %d passed, 0 failed, %d skipped" % (len(all_cases()) - skipped, skipped)


def test_unflagged_cases_hold_only_uint32_integers_and_well_typed_values():
    def integers(value):
        if isinstance(value, list):
            return [i for v in value for i in integers(v)]
        return [value] if isinstance(value, int) and not isinstance(value, bool) else []

    for c in all_cases():
        inputs, flags = c["inputs"], set(c["flags"])
        if "beyond-uint32" not in flags:
            for key in ("sizes", "seed", "epochs", "count", "skip", "epoch"):
                assert all(0 <= i < 2**32 for i in integers(inputs.get(key, []))), c["id"]
        if "dynamic-types" not in flags:
            for key in ("sizes", "seed", "epochs"):
                if key in inputs:
                    assert integers(inputs[key]) == (inputs[key] if key == "sizes" else [inputs[key]]), c["id"]
            if c["op"] != "loss_line":
                assert isinstance(inputs.get("loss", ""), str), c["id"]


def test_the_printed_loss_lines_are_pythons_repr():
    for c in all_cases():
        if c["op"] == "loss_line":
            assert c["expected"]["line"] == "Epoch %d - Loss: %r" % (c["inputs"]["epoch"], c["inputs"]["loss"])
    texts = [c["expected"]["line"].split(": ")[1] for c in all_cases() if c["op"] == "loss_line"]
    assert {"1e-05", "1.0", "-0.0", "5e-324", "1e+16", "4503599627370496.0"} <= set(texts)


def test_polar_pairs_are_the_generators_draws():
    pairs = answer.polar_pairs(0, 40)
    accepted = [(x1, x2, r2) for x1, x2, r2 in pairs if 0.0 < r2 < 1.0]
    normals = RandomState(0)
    for x1, x2, r2 in accepted[:10]:
        f = math.sqrt(-2.0 * math.log(r2) / r2)
        assert (normals.standard_normal(), normals.standard_normal()) == (f * x2, f * x1)


def test_fma_is_one_rounding_with_ieee_signed_zeros():
    assert fma(0.1, 10.0, -1.0) == 5.551115123125783e-17 and 0.1 * 10.0 - 1.0 == 0.0
    assert math.copysign(1.0, fma(-1e-200, 1e-200, 0.0)) == -1.0  # the exact product underflows: its sign stays
    assert math.copysign(1.0, fma(-0.0, 1.0, -0.0)) == -1.0 and math.copysign(1.0, fma(-0.0, 1.0, 0.0)) == 1.0
    assert math.copysign(1.0, fma(2.0, 3.0, -6.0)) == 1.0
    assert fma(1e308, 10.0, -1e308) == math.inf  # 9e308 is beyond the largest double, as 1e308 * 10.0 is
    if hasattr(math, "fma"):  # Python 3.13
        import random

        draw = random.Random(5)
        for _ in range(2000):
            a, b, c = (draw.uniform(-3, 3) * 10.0 ** draw.randint(-150, 150) for _ in range(3))
            assert fma(a, b, c).hex() == math.fma(a, b, c).hex()


# -- the commands ------------------------------------------------------------------


def test_every_command_has_help_and_a_bad_option_is_one_line(capsys):
    for command in ([], ["generate"], ["list"], ["answer"], ["check"], ["diff-trace"], ["drift"]):
        assert cli.main(command + ["--help"]) == 0
        assert capsys.readouterr().out.startswith("usage: python -m tinynet.vectors")
    assert cli.main(["check", "a.json", "--bogus"]) == 2
    assert cli.main(["diff-trace", "a", "b", "--atol", "-1"]) == 2
    assert cli.main(["answer", "a.json", "--skip", "exp"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(line.startswith("error: ") for line in err)


def test_the_commands_take_relative_paths(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["generate", "vec"]) == 0
    assert cli.main(["list", "--vectors", "vec"]) == 0
    assert cli.main(["answer", "ours.json", "--vectors", "./vec"]) == 0
    assert cli.main(["check", "ours.json", "--vectors", "vec", "--quiet"]) == 0
    (tmp_path / "t.jsonl").write_text('{"epoch": 0}\n')
    assert cli.main(["diff-trace", "t.jsonl", "missing.jsonl"]) == 2
    out, err = capsys.readouterr()
    assert "%-10s %4d" % ("total", len(all_cases())) in out and err.count("\n") == 1


def deep(depth: int) -> str:
    return '{"schema": "tinynet-answers", "answers": {"matrix/matmul/1x1-1x1": {"C": %s}}}' % (
        "[" * depth + "]" * depth)


USER_ERRORS = [
    (["check", "{tmp}/missing.json"], "cannot read the answers file {tmp}/missing.json: No such file or directory\n"),
    (["check", "{tmp}"], "cannot read the answers file {tmp}: Is a directory\n"),
    (["check", "{tmp}/text.json"], "is not valid JSON"),
    (["check", "{tmp}/array.json"], "must be a JSON object"),
    (["check", "{tmp}/binary.json"], "is not UTF-8"),
    pytest.param(["check", "{tmp}/deep.json"], "nested too deeply", marks=needs_recursion_limit),
    (["check", "{tmp}/future.json"], "schema_version 3"),
    (["check", "{tmp}/bad-answers.json", "--vectors", "{tmp}"], "not a vectors file"),
    (["list", "--vectors", "{tmp}/cases"], "case 0 lacks"),
    (["generate", "/dev/null"], "exists"),
    (["list", "--vectors", "/nonexistent"], "No such file"),
    (["answer", "/nonexistent/a.json"], "No such file"),
    (["generate", "{tmp}/text.json"], "exists"),
    (["diff-trace", "{tmp}/missing.jsonl", "{tmp}/text.json"], "No such file"),
    (["diff-trace", "{tmp}/text.json", "{tmp}/text.json"], "line 1 of"),
    (["diff-trace", "{tmp}/array.json", "{tmp}/array.json"], "is not a JSON object"),
    (["diff-trace", "{tmp}/binary.json", "{tmp}/binary.json"], "utf-8"),
]


@pytest.mark.parametrize("argv, says", USER_ERRORS, ids=[" ".join(a[:1] + [os.path.basename(a[1])]) for a, _ in (getattr(e, "values", e) for e in USER_ERRORS)])
def test_a_user_error_is_one_line_and_exit_2(argv, says, tmp_path, capsys):
    (tmp_path / "text.json").write_text("not json\n")
    (tmp_path / "array.json").write_text("[1, 2]\n")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00\x01" * 10)
    (tmp_path / "deep.json").write_text("[" * 100000 + "]" * 100000)
    (tmp_path / "future.json").write_text('{"schema": "tinynet-answers", "schema_version": 3, "answers": {}}')
    (tmp_path / "bad-answers.json").write_text('{"schema": "tinynet-answers", "answers": {}}')
    (tmp_path / "generator.json").write_text("{")
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "generator.json").write_text(
        '{"schema": "tinynet-vectors", "schema_version": 3, "cases": [{"id": "x"}]}')
    assert cli.main([part.format(tmp=tmp_path) for part in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and says.format(tmp=tmp_path) in err, err
    assert "[Errno" not in err or argv[0] != "check", err


def test_a_deeply_nested_answer_fails_its_case_without_a_traceback(tmp_path, capsys):
    path = tmp_path / "deep.json"
    path.write_text(deep(500))
    assert cli.main(["check", str(path), "--quiet"]) == 1
    assert "FAIL  matrix/matmul/1x1-1x1 [exact]: C: shape differs" in capsys.readouterr().out


@needs_processes
def test_the_command_line_shows_no_traceback_for_a_missing_file(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tinynet.vectors", "check", "missing.json"], cwd=str(tmp_path),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                          env=dict(os.environ, PYTHONPATH=ROOT))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1


def test_drift_measures_and_puts_maths_back(capsys):
    before = math.exp, math.log, math.log1p
    assert cli.main(["drift", "--epochs", "3"]) == 0
    assert (math.exp, math.log, math.log1p) == before
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("quantity") and lines[1].startswith("W1") and lines[-1].startswith("all")


def test_drift_calls_back_after_each_epoch_with_its_loss():
    seen = []
    drift.measure(3, callback=lambda epoch, loss: seen.append((epoch, loss)))
    reference = NeuralNetwork(2, 4, 1, seed=0)
    reference.train(XOR_X, XOR_Y, 3, verbose=False)
    assert seen == list(enumerate(reference.loss_history))


def test_drift_shows_progress_on_a_terminal_and_erases_it(capsys, monkeypatch):
    log = []
    monkeypatch.setattr(sys, "stderr", SharedTerminal(log))
    monkeypatch.setattr(cli, "PROGRESS_DELAY", 0.0)
    assert cli.main(["drift", "--epochs", "64"]) == 0
    assert log[0].startswith("\repoch 64/64  ") and screen(log) == ([], "")
    assert capsys.readouterr().out.startswith("quantity")


def test_drift_draws_no_progress_off_a_terminal(capsys, monkeypatch):
    log = []
    monkeypatch.setattr(sys, "stderr", SharedTerminal(log, tty=False))
    monkeypatch.setattr(cli, "PROGRESS_DELAY", 0.0)
    assert cli.main(["drift", "--epochs", "64"]) == 0
    assert log == []


def test_spec_counts_and_flags_match_the_shipped_vectors():
    with open(os.path.join(ROOT, "docs", "SPEC.md"), encoding="utf-8") as f:
        spec = f.read()
    for doc in vectors.load_groups():
        assert re.search(r"^\| `?%s`? \| %d \|" % (doc["group"], doc["count"]), spec, re.M), doc["group"]
    for flag in vectors.FLAGS:
        assert "`%s`" % flag in spec, flag
    for op in answer.OPS:
        assert "| `%s` |" % op in spec, op


# -- the demo group: its expected lines are what python -m tinynet.xor prints ------------------------


def xor_output(argv, capsys) -> "tuple[int, list[str]]":
    from tinynet import xor

    status = xor.main(argv)
    return status, capsys.readouterr().out.split("\n")[:-1]


def test_the_demo_prints_the_table_and_last_line_that_xor_report_gives(capsys):
    from tinynet import NeuralNetwork
    from tinynet.data import XOR_X, XOR_Y
    from tinynet.vectors import demo

    for epochs, seed in ((0, 3), (150, 1), (10000, 0)):
        nn = NeuralNetwork(2, 4, 1, seed=seed)
        nn.train(XOR_X, XOR_Y, epochs, verbose=False)
        expected = demo.report(nn.predict(XOR_X).tolist(), seed)
        status, lines = xor_output(["--epochs", str(epochs), "--seed", str(seed)], capsys)
        start = lines.index(demo.TABLE_HEADER)
        assert lines[start:start + 5] == expected["table"] and lines[-1] == expected["last_line"]
        assert lines[start - 1] == "" and status == (0 if "learned XOR: yes" in lines[-1] else 1)
        if epochs == 10000 and sys.platform != "emscripten":  # see runtimes.needs_glibc_libm: exp's last bit
            assert nn.predict(XOR_X).tolist() == demo_cases.TRAINED  # the demo group's "trained" case


def test_the_demo_accepts_and_refuses_each_option_text_as_demo_option_says(capsys):
    for flag, text, _ in demo_cases.OPTION_TEXTS:
        if (flag, text) == ("--hidden", "2499999"):
            continue  # accepted; drawing its 10,000,000 weights takes seconds
        status, _ = xor_output(["--quiet", "--epochs", "0", flag, text], capsys)
        said = answer.run("demo_option", {"option": flag, "text": text})
        assert (status != 2) == said["accepted"], (flag, text, said)
        capsys.readouterr()


def test_diff_demo_passes_over_the_sparkline_only(tmp_path, capsys):
    _, lines = xor_output(["--epochs", "200"], capsys)
    ours = tmp_path / "ours.txt"
    ours.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spark = lines.index("") + 7  # the loss lines, "", the table, "", the sparkline
    assert lines[spark].startswith("loss ")
    for index, text, differs in ((spark, "my own sparkline", False), (spark - 2, "[1, 1]      0       0.5  0", True),
                                 (len(lines) - 1, lines[-1].replace("seed 0", "seed 1"), True), (0, "Epoch 0", True)):
        theirs = list(lines)
        theirs[index] = text
        (tmp_path / "theirs.txt").write_text("\n".join(theirs) + "\n", encoding="utf-8")
        status = cli.main(["diff-demo", str(ours), str(tmp_path / "theirs.txt")])
        out = capsys.readouterr().out
        assert status == (1 if differs else 0), out
        assert ("first difference: line %d" % (index + 1)) in out if differs else "agree" in out

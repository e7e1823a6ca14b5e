"""The MicroPython harness (tests/micropython/), checked on CPython: its exact JSON and its answers.

.ci/run runs the harness under MicroPython (tests/micropython/prove.py). Here
the same code runs on CPython, so a fault in the harness shows in every run,
not only where MicroPython is installed: its float text must be exact both
ways, and its answers must pass the checker for every case it does not skip.
"""

import json
import math
import os
import random
import struct
import sys

import pytest

from tinynet import vectors

HARNESS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "micropython")
sys.path.insert(0, HARNESS)

import answer_vectors  # noqa: E402  (the harness's folder is on the path only now)
import exact  # noqa: E402

EDGES = [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
         0.1, 1.0, 1e-7, 1e16, 1e22, 2.0 ** 53, 2.0 ** 53 + 2.0, 123456789012345680.0, 4.4513578998474014e+22]


def random_doubles(count: int, seed: int) -> "list[float]":
    """Finite doubles of every exponent: half from random bits, half from random decimal magnitudes."""
    draw = random.Random(seed)
    found = []
    while len(found) < count:
        if len(found) % 2:
            x = struct.unpack("<d", struct.pack("<Q", draw.getrandbits(64)))[0]
        else:
            x = draw.uniform(-1.0, 1.0) * 10.0 ** draw.randint(-320, 307)
        if math.isfinite(x):
            found.append(x)
    return found


def same(a: float, b: float) -> bool:
    return a.hex() == b.hex()  # every bit, and the sign of zero


def test_to_text_reads_back_as_the_same_double():
    for x in EDGES + random_doubles(20000, 1):
        assert same(float(exact.to_text(x)), x), x


def test_to_float_reads_reprs_and_its_own_text_exactly():
    for x in EDGES + random_doubles(20000, 2):
        assert same(exact.to_float(repr(x)), x), repr(x)
        assert same(exact.to_float(exact.to_text(x)), x), exact.to_text(x)


def test_to_float_rounds_long_decimals_as_a_correct_strtod_does():
    draw = random.Random(3)
    for _ in range(20000):
        digits = str(draw.getrandbits(draw.randint(1, 200)))
        text = "%s%s.%se%d" % (draw.choice("-+") if draw.random() < 0.5 else "", digits[0], digits[1:] or "0",
                               draw.randint(-360, 300))
        expected = float(text)
        if math.isfinite(expected):
            assert same(exact.to_float(text), expected), text


@pytest.mark.parametrize("text, expected", [
    ("9007199254740993.0", 9007199254740992.0),  # halfway between two doubles: ties to the even one
    ("9007199254740995.0", 9007199254740996.0),
    ("2.4703282292062327e-324", 0.0),  # half the smallest subnormal: ties to even, which is zero
    ("2.4703282292062328e-324", 5e-324),
    ("-0.0e5", -0.0),
    ("1e0", 1.0),
])
def test_to_float_rounds_to_nearest_and_ties_to_even(text, expected):
    assert same(exact.to_float(text), expected)


def test_loads_reads_every_vector_file_as_json_does_and_dumps_writes_it_back():
    for name in sorted(os.listdir(vectors.VECTORS_DIR)):
        if name.endswith(".json"):
            with open(os.path.join(vectors.VECTORS_DIR, name), encoding="utf-8") as f:
                text = f.read()
            ours, theirs = exact.loads(text), json.loads(text)
            assert ours == theirs, name
            assert json.loads(exact.dumps(ours)) == theirs, name
            assert exact.loads(exact.dumps(ours)) == theirs, name


def all_cases() -> "list[dict]":
    return [c for doc in vectors.load_groups() for c in doc["cases"]]


def test_the_harness_answers_every_case_it_does_not_skip_as_the_checker_expects():
    failures, unknown, skipped = [], set(), []
    for case in all_cases():
        got = answer_vectors.answer(case)
        if got is None:
            unknown.add(case["op"])
        elif "skip" in got:
            skipped.append(case)
        else:
            got = json.loads(json.dumps(got))  # as the checker reads the answers file
            problem = vectors.compare(case, got)
            if problem is not None:
                failures.append("%s: %s" % (case["id"], problem))
    assert not unknown, "ops the harness does not know: %s" % sorted(unknown)
    assert failures == []
    for case in skipped:
        assert (case["inputs"].get("call") if case["op"] == "error" else case["op"]) in answer_vectors.SKIPPED
        assert "beyond-core" in case["flags"], case["id"]  # the only cases a port of the core may skip


def test_the_harness_skips_only_the_tools_and_the_printed_text_each_with_a_reason():
    assert sorted(answer_vectors.SKIPPED) == ["demo_option", "load", "loss_line", "read_csv", "train_lines",
                                              "xor_report"]
    for op, reason in answer_vectors.SKIPPED.items():
        assert len(reason) > 20, op
        assert op not in answer_vectors.OPS or op == "loss_line"


def test_the_harness_writes_an_answers_file_the_checker_reads(tmp_path):
    path = str(tmp_path / "answers.json")
    assert answer_vectors.main(vectors.VECTORS_DIR, path) == 0
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    assert doc["schema"] == "tinynet-answers" and doc["implementation"].startswith("tinynet core on ")
    ids = [c["id"] for c in all_cases()]
    assert set(doc["answers"]) == set(ids)

"""The same seed and data give bit-identical weights on every interpreter.

The other interpreters come from TINYNET_INTERPRETERS (paths separated by
os.pathsep), which .ci/run sets to every CPython 3.8-3.13 and PyPy it found;
the test is skipped when it is unset, and fails when TINYNET_REQUIRE_INTERPRETERS=1
and no interpreter is given.
"""

import json
import os
import subprocess
import sys

import pytest

from runtimes import needs_processes

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPOCHS = 1000

# trains XOR from seed 0 and prints the final weights as float.hex, plus the version
SCRIPT = """
import json, sys
from tinynet import NeuralNetwork
from tinynet.xor import X, y
nn = NeuralNetwork(2, 4, 1, seed=0)
losses = nn.train(X, y, %d, verbose=False)
print(json.dumps({"python": sys.version.split()[0], "implementation": sys.implementation.name,
                  "loss": losses[-1].hex(),
                  "weights": [[[v.hex() for v in row] for row in P] for P in (nn.W1, nn.b1, nn.W2, nn.b2)]}))
""" % EPOCHS


def run(python):
    out = subprocess.run([python, "-c", SCRIPT], stdout=subprocess.PIPE, universal_newlines=True, cwd=ROOT,
                         env=dict(os.environ, PYTHONPATH=ROOT), check=True).stdout
    return json.loads(out)


def interpreters():
    listed = os.environ.get("TINYNET_INTERPRETERS", "")
    return [p for p in listed.split(os.pathsep) if p]


def others_or_skip():
    """The other interpreters; skip (or, in CI, fail) when there are none."""
    others = interpreters()
    if not others:
        if os.environ.get("TINYNET_REQUIRE_INTERPRETERS") == "1":
            pytest.fail("TINYNET_REQUIRE_INTERPRETERS=1 but TINYNET_INTERPRETERS lists none")
        pytest.skip("set TINYNET_INTERPRETERS to compare interpreters (.ci/run does)")
    return others


@needs_processes
def test_1000_epoch_weights_are_bit_identical_across_interpreters():
    others = others_or_skip()
    here = run(sys.executable)
    for python in others:
        there = run(python)
        assert there["weights"] == here["weights"], "%s %s differs from %s" % (
            there["implementation"], there["python"], sys.version.split()[0])
        assert there["loss"] == here["loss"]


@needs_processes
def test_generated_vectors_are_byte_identical_across_interpreters(tmp_path):
    others = others_or_skip()
    shipped = os.path.join(ROOT, "tinynet", "vectors")
    names = sorted(n for n in os.listdir(shipped) if n.endswith(".json"))
    for n, python in enumerate(others):
        out = tmp_path / str(n)
        subprocess.run([python, "-m", "tinynet.vectors", "generate", str(out)], cwd=ROOT, check=True,
                       env=dict(os.environ, PYTHONPATH=ROOT), stdout=subprocess.PIPE)
        for name in names:
            with open(os.path.join(shipped, name), "rb") as f:
                assert (out / name).read_bytes() == f.read(), "%s from %s" % (name, python)

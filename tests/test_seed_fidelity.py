"""tinynet reproduces the seed tutorial's NumPy run, without NumPy.

tests/data/seed_reference.json was written once by tests/make_seed_reference.py
from the tutorial's own code: the initial weights must match exactly; the loss
lines and the weights after 10000 XOR epochs to 1e-9 relative (NumPy's BLAS
may round a dot product differently, by an ulp or so, as its own reductions do).
"""

import contextlib
import io
import json
import os

import pytest

from tinynet import NeuralNetwork
from tinynet.xor import X, y

FIDELITY_RTOL = 1e-9

with open(os.path.join(os.path.dirname(__file__), "data", "seed_reference.json")) as _f:
    REFERENCE = json.load(_f)


def rel_close(a, b, rtol=FIDELITY_RTOL):
    return abs(a - b) <= rtol * max(abs(a), abs(b), 1e-300)


@pytest.mark.parametrize("case", REFERENCE["init"], ids=lambda c: "%s-seed%d" % (c["sizes"], c["seed"]))
def test_initial_weights_equal_numpy_seed_exactly(case):
    nn = NeuralNetwork(*case["sizes"], seed=case["seed"])
    for name in ("W1", "b1", "W2", "b2"):
        assert getattr(nn, name).tolist() == case[name], name


@pytest.mark.parametrize("case", REFERENCE["xor"], ids=lambda c: "seed%d" % c["seed"])
def test_xor_training_matches_the_seed_run(case):
    nn = NeuralNetwork(2, 4, 1, seed=case["seed"])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        nn.train(X, y, case["epochs"])
    ours = out.getvalue().splitlines()
    assert len(ours) == len(case["lines"]) == 100
    for mine, theirs in zip(ours, case["lines"]):
        head_mine, loss_mine = mine.rsplit(" ", 1)
        head_theirs, loss_theirs = theirs.rsplit(" ", 1)
        assert head_mine == head_theirs  # "Epoch N - Loss:"
        assert rel_close(float(loss_mine), float(loss_theirs)), (mine, theirs)
    for name in ("W1", "b1", "W2", "b2"):
        for mine_row, ref_row in zip(getattr(nn, name).tolist(), case[name]):
            for mine, ref in zip(mine_row, ref_row):
                assert rel_close(mine, ref), (name, mine, ref)


def test_fidelity_check_would_catch_a_different_learning_rate():
    case = REFERENCE["xor"][0]
    nn = NeuralNetwork(2, 4, 1, seed=case["seed"], learning_rate=0.1000001)
    nn.train(X, y, 200, verbose=False)
    ref = NeuralNetwork(2, 4, 1, seed=case["seed"])
    ref.train(X, y, 200, verbose=False)
    assert not rel_close(nn.W1[0][0], ref.W1[0][0])

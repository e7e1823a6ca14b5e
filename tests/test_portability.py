"""The core's portable forms, for runtimes that lack part of the standard library (MicroPython).

On CPython these paths are not taken, so they are forced here: MicroPython's
``math`` has no ``log1p``, and its WebAssembly port's ``os`` has no ``urandom``.
"""

import math
import os
import random
import struct

import pytest

from tinynet import BadHyperparameterError, NeuralNetwork
from tinynet.core import formulas

LOG1P_MAX_ULP = 2  # Goldberg (1991), theorem 4: a few ULP; 2 measured over the x that softplus passes


def ulps(a: float, b: float) -> int:
    ia, ib = (struct.unpack("<q", struct.pack("<d", v))[0] for v in (a, b))
    return abs(ia - ib)


def test_the_log1p_stand_in_is_within_2_ulp_of_math_log1p_where_softplus_uses_it():
    draw = random.Random(5)
    xs = [math.exp(-draw.uniform(0.0, 40.0)) for _ in range(20000)] + [1.0, 5e-324, 1e-17, 2.0 ** -52, 0.5]
    worst = max(ulps(formulas._log1p_from_log(x), math.log1p(x)) for x in xs)
    assert worst <= LOG1P_MAX_ULP


def test_the_log1p_stand_in_fails_where_a_plain_log_would():
    x = 1e-17  # 1.0 + x rounds to 1.0: log(1.0 + x) is 0.0, log1p(x) is x
    assert math.log(1.0 + x) == 0.0 and formulas._log1p_from_log(x) == x


def test_the_core_uses_math_log1p_where_math_has_it():
    assert formulas.log1p is math.log1p


def test_seed_none_without_os_urandom_says_to_pass_a_seed(monkeypatch):
    monkeypatch.delattr(os, "urandom")
    with pytest.raises(BadHyperparameterError, match=r"os\.urandom, which this Python lacks; pass seed="):
        NeuralNetwork(2, 4, 1)
    assert NeuralNetwork(2, 4, 1, seed=0).seed == 0

"""tinynet.speed: the faster dot product is used only where it gives kernel.dot's bits."""

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import networks
from tinynet import speed
from tinynet.core import fused, kernel

# signed, wide, with zeros of both signs and subnormals: where summation order shows
wide = st.floats(-1e300, 1e300) | st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e16, -1e16, 1.0])
pairs = st.integers(0, 40).flatmap(lambda n: st.tuples(st.lists(wide, min_size=n, max_size=n),
                                                         st.lists(wide, min_size=n, max_size=n)))


@pytest.fixture
def restore_tuning():
    yield
    speed.install()


@pytest.mark.skipif(not speed.sum_is_left_to_right(), reason="builtin sum() is compensated here (CPython 3.12+)")
@given(pairs)
def test_summed_dot_gives_the_plain_loops_bits_where_sum_is_left_to_right(pair):
    a, b = pair
    plain, summed = kernel.dot(a, b), speed.summed_dot(a, b)
    assert repr(plain) == repr(summed)  # repr tells -0.0 from 0.0, and nan from a number


def test_the_probe_tells_a_compensated_sum_from_a_plain_one():
    compensated = sys.implementation.name == "cpython" and sys.version_info >= (3, 12)
    assert speed.sum_is_left_to_right() is not compensated


def test_install_uses_the_summed_dot_only_where_sum_is_left_to_right(restore_tuning, monkeypatch):
    assert speed.install() == ("summed_dot" if speed.sum_is_left_to_right() else "kernel.dot")
    monkeypatch.setattr(speed, "sum_is_left_to_right", lambda: False)
    assert speed.install() == "kernel.dot"
    assert fused.rows_dot is kernel.dot and fused.rows_min_inputs == fused.ROWS_MIN_INPUTS


@given(networks(max_in=20))
def test_the_rows_form_gives_the_same_bits_with_either_dot(case):
    nn, X, y = case
    data = fused.prepare(nn.inputs(X).tolist(), nn.targets(y, nn.inputs(X)).tolist())
    data = data[:3] + ("rows",)
    params = [P.tolist() for P in nn.parameters]
    results = []
    for dot in (kernel.dot, speed.summed_dot):
        fused.tune(dot, 1)
        try:
            results.append(repr(fused.epoch(data, params, 0.1, True)))
        finally:
            speed.install()
    if speed.sum_is_left_to_right():
        assert results[0] == results[1]

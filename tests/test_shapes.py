"""tinynet.data.moons and circles: points on their curves, noise from tinynet's generator, bad arguments named."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinynet import BadHyperparameterError, BadSizeError, NotANumberError
from tinynet.core.rng import RandomState
from tinynet.data import circles, moons

NOISELESS_TOLERANCE = 1e-12  # cos and sin of one angle: a few ULP from the unit circle


@given(st.integers(2, 60), st.integers(0, 2**32 - 1))
def test_moons_lie_on_their_half_circles_without_noise(n, seed):
    X, labels = moons(n, noise=0.0, seed=seed)
    assert len(X) == n and labels == [0] * (n // 2) + [1] * (n - n // 2)
    for (x1, x2), label in zip(X, labels):
        cx, cy = (0.0, 0.0) if label == 0 else (1.0, 0.5)
        assert abs((x1 - cx) ** 2 + (x2 - cy) ** 2 - 1.0) < NOISELESS_TOLERANCE
        assert (x2 - cy >= -NOISELESS_TOLERANCE) if label == 0 else (x2 - cy <= NOISELESS_TOLERANCE)


@given(st.integers(2, 60), st.floats(0.1, 0.9))
def test_circles_lie_on_their_circles_without_noise(n, factor):
    X, labels = circles(n, noise=0.0, factor=factor)
    assert len(X) == n and labels == [0] * (n // 2) + [1] * (n - n // 2)
    for (x1, x2), label in zip(X, labels):
        radius = 1.0 if label == 0 else factor
        assert abs(math.sqrt(x1 * x1 + x2 * x2) - radius) < NOISELESS_TOLERANCE


@pytest.mark.parametrize("make", [moons, circles])
def test_the_noise_is_tinynets_generator_two_draws_a_point_x1_first(make):
    clean, _ = make(7, noise=0.0, seed=3)
    noisy, _ = make(7, noise=0.25, seed=3)
    rng = RandomState(3)  # np.random.seed(3); then randn, point by point
    for c, v in zip(clean, noisy):
        assert v[0] == c[0] + 0.25 * rng.standard_normal()
        assert v[1] == c[1] + 0.25 * rng.standard_normal()


@pytest.mark.parametrize("make", [moons, circles])
def test_the_same_seed_gives_the_same_points_and_another_seed_others(make):
    assert make(20, 0.1, seed=5) == make(20, 0.1, seed=5)
    assert make(20, 0.1, seed=5)[0] != make(20, 0.1, seed=6)[0]


def test_the_defaults_are_a_hundred_points_that_a_network_can_tell_apart():
    assert len(moons()[0]) == len(circles()[0]) == 100


@pytest.mark.parametrize("call, error, message", [
    (lambda: moons(1), BadSizeError, "n must be at least 2 \\(a point of each class\\), got 1"),
    (lambda: moons(0), BadSizeError, "n must be a positive int, got 0"),
    (lambda: circles(10**6), BadSizeError, "n must be at most 100000, got 1000000"),
    (lambda: moons(2.5), NotANumberError, "n must be an int, got float"),
    (lambda: moons(10, -0.1), BadHyperparameterError, "noise must be between 0 and 1000 \\(MAX_NOISE\\), got -0.1"),
    (lambda: circles(10, 1e308), BadHyperparameterError, "noise must be between 0 and 1000"),
    (lambda: moons(10, "0.1"), NotANumberError, "noise must be a real number, got str '0.1'"),
    (lambda: circles(10, 0.1, factor=1.0), BadHyperparameterError,
     "factor must be between 0 and 1 \\(the inner radius over the outer\\), got 1.0"),
    (lambda: circles(10, 0.1, factor=0), BadHyperparameterError, "factor must be between 0 and 1"),
    (lambda: moons(10, 0.1, seed=-1), BadHyperparameterError, "seed must be between 0 and 2\\*\\*32 - 1, got -1"),
])
def test_bad_shape_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()

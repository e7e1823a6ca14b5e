"""sigmoid and sigmoid_derivative: stable for every finite float, derivative matches."""

import math
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import matrices
from tinynet import Matrix, NonFiniteError, NotANumberError, sigmoid, sigmoid_derivative

any_finite = st.floats(allow_nan=False, allow_infinity=False)

# central difference with h = 1e-6 on |z| <= 30: truncation h^2/6 * |s'''| <= 2e-13,
# rounding 2**-53 / h ~ 1e-10; 1e-8 leaves a wide margin and still fails a wrong formula
DERIV_ATOL = 1e-8
H = 1e-6


@given(any_finite)
def test_sigmoid_is_finite_in_0_1_for_every_finite_float(z):
    s = sigmoid(z)
    assert 0.0 <= s <= 1.0
    d = sigmoid_derivative(z)
    assert 0.0 <= d <= 0.25


@given(any_finite)
def test_sigmoid_is_symmetric(z):
    # s(z) + s(-z) = 1, up to the rounding of each (|s| <= 1, so 2 ulp of 1.0)
    assert abs(sigmoid(z) + sigmoid(-z) - 1.0) <= 2 * sys.float_info.epsilon


@pytest.mark.parametrize(
    "z, expected",
    [(0.0, 0.5), (-0.0, 0.5), (1000.0, 1.0), (-1000.0, 0.0), (1e308, 1.0), (-1e308, 0.0)],
)
def test_sigmoid_at_the_edges(z, expected):
    assert sigmoid(z) == expected


def test_negative_branch_avoids_overflow():
    # the seed's formula 1 / (1 + exp(-z)) raises OverflowError in Python here
    with pytest.raises(OverflowError):
        1.0 / (1.0 + math.exp(710.0))
    assert sigmoid(-710.0) == math.exp(-710.0) / (1.0 + math.exp(-710.0))
    assert 0.0 < sigmoid(-710.0) < 1e-300


@settings(max_examples=max(200, settings.default.max_examples))
@given(st.floats(-30, 30))
def test_derivative_matches_central_difference(z):
    numeric = (sigmoid(z + H) - sigmoid(z - H)) / (2 * H)
    assert abs(sigmoid_derivative(z) - numeric) <= DERIV_ATOL


def test_derivative_check_catches_a_wrong_derivative():
    wrong = lambda z: sigmoid(z) * sigmoid(z)  # noqa: E731  (a plausible mistake)
    z = 0.3
    numeric = (sigmoid(z + H) - sigmoid(z - H)) / (2 * H)
    assert abs(wrong(z) - numeric) > DERIV_ATOL


@given(matrices())
def test_matrix_input_applies_entry_by_entry(Z):
    assert sigmoid(Z).tolist() == [[sigmoid(v) for v in row] for row in Z]
    assert sigmoid_derivative(Z).tolist() == [[sigmoid_derivative(v) for v in row] for row in Z]


@pytest.mark.parametrize(
    "z, error", [(True, NotANumberError), ("1", NotANumberError), (None, NotANumberError),
                 (float("nan"), NonFiniteError), (float("inf"), NonFiniteError)]
)
def test_bad_input_is_rejected(z, error):
    with pytest.raises(error, match="z must be"):
        sigmoid(z)
    with pytest.raises(error, match="z must be"):
        sigmoid_derivative(z)


def test_matrix_and_float_agree_on_types():
    assert isinstance(sigmoid(Matrix([[0.0]])), Matrix)
    assert sigmoid(1) == sigmoid(1.0)

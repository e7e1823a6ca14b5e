"""Every analytic gradient matches central differences of the loss it is the gradient of.

The seed's update (dZ2 = a2 - y) is the gradient of the mean binary
cross-entropy, summed over outputs and averaged over examples
(tinynet.cross_entropy), not of the MSE that the seed prints; with
loss="mse" the gradient is the MSE's (tinynet.mse). Both are checked.
"""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import networks
from tinynet import gradcheck
from tinynet import BadHyperparameterError, NeuralNetwork, NotANumberError
from tinynet.core import formulas
from tinynet.core.losses import LOSSES

H = 1e-6
# Central differences with h = 1e-6 in float64: the rounding error of
# (L(p+h) - L(p-h)) / 2h is about eps * |L| / h <= 2.2e-16 * 400 / 1e-6 ~ 1e-7
# for the largest losses these strategies reach (|z2| <= 90, m <= 8, 4 outputs),
# and the truncation error h^2/6 * |L'''| stays below 1e-9. So:
GRAD_ATOL = 1e-6
GRAD_RTOL = 1e-6
# the gradient checks are the heart of the suite: at least 200 examples each,
# more in the thorough profile
GRADIENT_EXAMPLES = max(200, settings.default.max_examples)


@settings(max_examples=GRADIENT_EXAMPLES)
@given(networks(), st.sampled_from(sorted(LOSSES)))
def test_analytic_gradients_match_central_differences(case, loss):
    nn, X, y = case
    nn.loss = loss
    before = [P.tolist() for P in nn.parameters]
    analytic = gradcheck.analytic_gradients(nn, X, y)
    numeric = gradcheck.numeric_gradients(nn, X, y, h=H)
    worst, where = gradcheck.max_error(analytic, numeric, GRAD_ATOL, GRAD_RTOL)
    assert worst <= 0, where
    assert [P.tolist() for P in nn.parameters] == before  # neither call changed the network


@settings(max_examples=GRADIENT_EXAMPLES)
@given(networks())
def test_gradient_shapes_match_their_parameters(case):
    nn, X, y = case
    dW1, db1, dW2, db2 = gradcheck.analytic_gradients(nn, X, y)
    assert (dW1.shape, db1.shape, dW2.shape, db2.shape) == tuple(
        P.shape for P in (nn.W1, nn.b1, nn.W2, nn.b2)
    )


def test_check_catches_a_broken_sigmoid_derivative(monkeypatch):
    # the companion of the property above: a wrong derivative must be reported
    monkeypatch.setattr(formulas, "sigmoid_slope", lambda s: 1.0)
    nn = NeuralNetwork(2, 3, 1, seed=1)
    X, y = [[0.5, -1.0], [1.0, 2.0]], [[1.0], [0.0]]
    worst, where = gradcheck.max_error(
        gradcheck.analytic_gradients(nn, X, y), gradcheck.numeric_gradients(nn, X, y, h=H), GRAD_ATOL, GRAD_RTOL
    )
    assert worst > 0 and where.startswith(("dW1", "db1"))


def test_check_catches_a_gradient_off_by_a_factor(monkeypatch):
    # a plausible slip: dividing by m twice, or not at all, scales every gradient
    nn = NeuralNetwork(2, 3, 1, seed=2)
    X, y = [[0.5, -1.0], [1.0, 2.0]], [[1.0], [0.0]]
    real = nn.gradients
    monkeypatch.setattr(nn, "gradients", lambda X, y: tuple(2 * g for g in real(X, y)))
    worst, _ = gradcheck.max_error(
        gradcheck.analytic_gradients(nn, X, y), gradcheck.numeric_gradients(nn, X, y, h=H), GRAD_ATOL, GRAD_RTOL
    )
    assert worst > 0


@pytest.mark.parametrize("h", [1e-4, 1e-6])
def test_numeric_gradients_leave_the_network_unchanged(h):
    nn = NeuralNetwork(3, 2, 2, seed=5)
    before = [P.tolist() for P in (nn.W1, nn.b1, nn.W2, nn.b2)]
    gradcheck.numeric_gradients(nn, [[1.0, 2.0, 3.0]], [[0.0, 1.0]], h=h)
    assert [P.tolist() for P in (nn.W1, nn.b1, nn.W2, nn.b2)] == before


@pytest.mark.parametrize("h, error, message", [
    (0, BadHyperparameterError, r"^h \(the finite-difference step\) must be a positive number below 1, got int 0$"),
    (0.0, BadHyperparameterError, "below 1, got float 0.0$"),
    (-1e-6, BadHyperparameterError, "below 1, got float -1e-06$"),
    (1.0, BadHyperparameterError, "below 1, got float 1.0$"),
    (float("nan"), BadHyperparameterError, "below 1, got float nan$"),
    (float("inf"), BadHyperparameterError, "below 1, got float inf$"),
    (10**400, BadHyperparameterError, r"below 1, got int beyond 2\*\*64$"),
    ("1e-6", NotANumberError, "^h must be a real number, got str '1e-6'$"),
    (True, NotANumberError, "^h must be a real number, got bool True$"),
    (None, NotANumberError, "^h must be a real number, got NoneType None$"),
], ids=lambda value: repr(value)[:20] if not isinstance(value, type) else value.__name__)
def test_a_step_that_is_not_a_small_positive_number_is_refused_by_name(h, error, message):
    nn = NeuralNetwork(3, 2, 2, seed=5)
    before = [P.tolist() for P in (nn.W1, nn.b1, nn.W2, nn.b2)]
    with pytest.raises(error, match=message):
        gradcheck.numeric_gradients(nn, [[1.0, 2.0, 3.0]], [[0.0, 1.0]], h=h)
    assert [P.tolist() for P in (nn.W1, nn.b1, nn.W2, nn.b2)] == before


def test_any_real_step_below_1_is_taken_as_a_float():
    nn = NeuralNetwork(3, 2, 2, seed=5)
    X, y = [[1.0, 2.0, 3.0]], [[0.0, 1.0]]
    exact = [G.tolist() for G in gradcheck.numeric_gradients(nn, X, y, h=Fraction(1, 10**6))]
    assert exact == [G.tolist() for G in gradcheck.numeric_gradients(nn, X, y, h=1e-6)]

"""Forbidden variants: tinynet with one rule of docs/SPEC.md broken must fail a named vector.

Each variant patches tinynet (a function of the core, a method of
NeuralNetwork, or the function the vectors answer with) so that exactly one
rule is broken, the way a port might break it, and lists the vectors that must
catch it. The fused kernel computes with the same formulas in its own loops,
so each variant also switches it off (``kernel.unchanged`` returns False): the tutorial path,
where the patch sits, then computes every case. The 10000-epoch case
(tier ``long``) is left out to keep the suite fast; nothing here needs it.

Two variants are not forbidden but equal: W + (-lr) * dW is W - lr * dW bit
for bit (negation is exact and x - y is x + (-y) in IEEE 754), and a fused
2.0 * u - 1.0 or a * 2**26 + b is the unfused value (the product is exact).
They must pass every vector.

``python tests/test_forbidden_variants.py`` prints the table: each variant and
every vector that catches it.
"""

import math
import sys

import pytest

from tinynet.core import formulas, kernel, losses, matrix
from tinynet.core.errors import NonFiniteError
from tinynet.core.losses import LOSSES
from tinynet.core.matrix import Matrix
from tinynet.core.network import NeuralNetwork
from tinynet.core.rng import MT19937, RandomState
from tinynet.vectors import answer, compare, load_groups
from tinynet.vectors.fma import fma, fused_dot

CASES = {c["id"]: c for doc in load_groups() for c in doc["cases"] if c["tier"] != "long"}


def patch_everywhere(mp, module, name: str, new) -> None:
    """Replace ``module.name``, and every tinynet module's binding of the same object (from-imports)."""
    old = getattr(module, name)
    for mod in list(sys.modules.values()):
        if getattr(mod, "__name__", "").startswith("tinynet") and getattr(mod, name, None) is old:
            mp.setattr(mod, name, new)


def failures(ids=None) -> "dict[str, str]":
    """Return {case id: how it fails} for the cases ``ids`` (all but the long one if None)."""
    found = {}
    for case_id in (sorted(CASES) if ids is None else ids):
        c = CASES[case_id]
        try:
            problem = compare(c, answer.run(c["op"], c["inputs"]))
        except Exception as exc:  # a variant that crashes fails too; named so a broken variant shows
            problem = "raised %s: %s" % (type(exc).__name__, exc)
        if problem is not None:
            found[case_id] = problem
    return found


# -- the broken rules ----------------------------------------------------------------


def _rows(M) -> "list[list[float]]":
    return M.tolist() if isinstance(M, Matrix) else Matrix(M).tolist()


def _matmul_with(dot):
    original = matrix.matmul

    def matmul(A, B):
        original(A, B)  # the same checks and errors first
        a, b = _rows(A), _rows(B)
        columns = [list(col) for col in zip(*b)]
        return Matrix([[dot(row, col) for col in columns] for row in a])
    return matmul


def _first_term_dot(a, b) -> float:
    acc = a[0] * b[0]  # forbidden: the sum starts from its first term, not from 0.0
    for x, w in zip(a[1:], b[1:]):
        acc = acc + x * w
    return acc


def _first_term_column_sum(A) -> Matrix:
    rows = _rows(A)
    return Matrix([[_first_term_dot([r[j] for r in rows], [1.0] * len(rows)) for j in range(len(rows[0]))]])


def _first_term_total(A) -> float:
    flat = [v for row in _rows(A) for v in row]
    return _first_term_dot(flat, [1.0] * len(flat))


def sums_from_first_term(mp) -> None:
    patch_everywhere(mp, matrix, "matmul", _matmul_with(_first_term_dot))
    patch_everywhere(mp, matrix, "column_sum", _first_term_column_sum)
    patch_everywhere(mp, matrix, "total", _first_term_total)


def _reversed_dot(a, b) -> float:
    acc = 0.0
    for k in range(len(a) - 1, -1, -1):  # forbidden: the terms added from the last to the first
        acc = acc + a[k] * b[k]
    return acc


def dots_last_to_first(mp) -> None:
    patch_everywhere(mp, matrix, "matmul", _matmul_with(_reversed_dot))


def fma_in_products(mp) -> None:
    patch_everywhere(mp, matrix, "matmul", _matmul_with(fused_dot))


def _one_formula(z: float) -> float:
    try:
        e = math.exp(-z)
    except OverflowError:
        e = math.inf  # what C's exp returns
    return 1.0 / (1.0 + e)


def one_formula_sigmoid(mp) -> None:
    patch_everywhere(mp, formulas, "sigmoid", _one_formula)


def _c_log(x: float) -> float:
    return math.log(x) if x > 0.0 else -math.inf


def _naive_cross_entropy(z2, y) -> float:
    acc = 0.0
    for zrow, trow in zip(z2.tolist(), y.tolist()):
        for z, t in zip(zrow, trow):
            a = formulas.sigmoid(z)
            acc += -(t * _c_log(a) + (1.0 - t) * _c_log(1.0 - a))
    return acc / z2.shape[0]


def naive_cross_entropy(mp) -> None:
    patch_everywhere(mp, losses, "cross_entropy", _naive_cross_entropy)


def _fused_cross_entropy(z2, y) -> float:
    acc = 0.0
    for zrow, trow in zip(z2.tolist(), y.tolist()):
        for z, t in zip(zrow, trow):
            acc += fma(-t, z, (z if z > 0.0 else 0.0) + math.log1p(math.exp(-abs(z))))
    if not math.isfinite(acc):
        raise NonFiniteError("cross_entropy is not finite")
    return acc / z2.shape[0]


def fma_in_cross_entropy(mp) -> None:
    patch_everywhere(mp, losses, "cross_entropy", _fused_cross_entropy)


def _mse_divided_twice(a2, y) -> float:
    d = a2 - y
    return matrix.total(d * d) / a2.shape[0] / a2.shape[1]


def mse_divided_twice(mp) -> None:
    patch_everywhere(mp, losses, "mse", _mse_divided_twice)


def _fused_mse(a2, y) -> float:
    acc = 0.0
    for arow, trow in zip(a2.tolist(), y.tolist()):
        for a, t in zip(arow, trow):
            acc = fma(a - t, a - t, acc)
    return acc / (a2.shape[0] * a2.shape[1])


def fma_in_mse(mp) -> None:
    patch_everywhere(mp, losses, "mse", _fused_mse)


def mse_scaled_before_the_product(mp) -> None:
    mp.setattr(losses.MSE, "delta", staticmethod(
        lambda z2, a2, y, derivative: ((a2 - y) * (2.0 / y.shape[1])) * derivative(z2)))


def _gradients_divided_first(self, X, y):
    X = self._inputs(X)
    y = self._targets(y, X)
    m = X.shape[0]
    dZ2 = LOSSES[self.loss].delta(self.z2, self.a2, y, self.sigmoid_derivative)
    dZ1 = (dZ2 @ self.W2.T) * self.sigmoid_derivative(self.z1)
    dW2, db2 = self.a1.T @ (dZ2 / m), (dZ2 / m).sum(axis=0)  # forbidden: / m before the product and sum
    dW1, db1 = X.T @ (dZ1 / m), (dZ1 / m).sum(axis=0)
    return dZ2, dW2, db2, dZ1, dW1, db1


def _gradients_times_reciprocal(self, X, y):
    X = self._inputs(X)
    y = self._targets(y, X)
    z1, a1, z2, a2 = self._stored(X)
    scale = 1.0 / X.shape[0]  # forbidden: multiply by 1/m instead of dividing by m
    dZ2 = LOSSES[self.loss].delta(z2, a2, y, self.sigmoid_derivative)
    dZ1 = (dZ2 @ self.W2.T) * self.sigmoid_derivative(z1)
    dW2, db2 = (a1.T @ dZ2) * scale, dZ2.sum(axis=0) * scale
    dW1, db1 = (X.T @ dZ1) * scale, dZ1.sum(axis=0) * scale
    return dZ2, dW2, db2, dZ1, dW1, db1


def times_reciprocal_of_m(mp) -> None:
    mp.setattr(NeuralNetwork, "gradients", _gradients_times_reciprocal)


def divide_by_m_first(mp) -> None:
    mp.setattr(NeuralNetwork, "gradients", _gradients_divided_first)


_GRADIENTS = NeuralNetwork.gradients  # the rule-abiding method, before any patch


def _gradients_dW2_divided_first(self, X, y):
    dZ2, _, _, dZ1, dW1, db1 = _GRADIENTS(self, X, y)
    m = len(dZ2.tolist())
    return dZ2, self.a1.T @ (dZ2 / m), (dZ2 / m).sum(axis=0), dZ1, dW1, db1  # forbidden for dW2 and db2 only


def divide_by_m_first_for_dW2(mp) -> None:
    mp.setattr(NeuralNetwork, "gradients", _gradients_dW2_divided_first)


def _bias_first(A, W, b) -> Matrix:
    a, w, bias = _rows(A), _rows(W), _rows(b)[0]
    out = []
    for row in a:
        out.append([])
        for j in range(len(bias)):
            acc = bias[j]  # forbidden: the bias starts the sum instead of being added to it
            for k in range(len(row)):
                acc = acc + row[k] * w[k][j]
            out[-1].append(acc)
    return Matrix(out)


def _forward_bias_first(self, X):
    X = self._inputs(X)
    z1 = _bias_first(X, self.W1, self.b1)
    a1 = self.sigmoid(z1)
    z2 = _bias_first(a1, self.W2, self.b2)
    a2 = self.sigmoid(z2)
    self.z1, self.a1, self.z2, self.a2 = z1, a1, z2, a2
    return a2


def bias_first(mp) -> None:
    mp.setattr(NeuralNetwork, "forward", _forward_bias_first)


def _backward_with(update):
    def backward(self, X, y):
        _, dW2, db2, _, dW1, db1 = self.gradients(X, y)
        lr = self.learning_rate
        new = [Matrix([[update(p, d, lr) for p, d in zip(prow, drow)] for prow, drow in zip(P.tolist(), dP.tolist())])
               for P, dP in zip(self.parameters, (dW1, db1, dW2, db2))]
        self.set_parameters(*new)
    return backward


def fma_in_update(mp) -> None:
    mp.setattr(NeuralNetwork, "backward", _backward_with(lambda p, d, lr: fma(-lr, d, p)))


def update_with_negated_rate(mp) -> None:
    mp.setattr(NeuralNetwork, "backward", _backward_with(lambda p, d, lr: p + (-lr) * d))


def _backward_rate_first(self, X, y):
    X = self._inputs(X)
    y = self._targets(y, X)
    dZ2, _, _, dZ1, _, _ = self.gradients(X, y)
    m, lr = X.shape[0], self.learning_rate
    # forbidden: lr times the sum, then / m, instead of lr times the mean
    self.set_parameters(self.W1 - (lr * (X.T @ dZ1)) / m, self.b1 - (lr * dZ1.sum(axis=0)) / m,
                        self.W2 - (lr * (self.a1.T @ dZ2)) / m, self.b2 - (lr * dZ2.sum(axis=0)) / m)


def rate_before_the_mean(mp) -> None:
    mp.setattr(NeuralNetwork, "backward", _backward_rate_first)


def _polar_with(r2, x):
    def pairs(seed, count):
        bits, out = MT19937(seed), []
        for _ in range(count):
            x1, x2 = x(bits.next_double()), x(bits.next_double())
            out.append((x1, x2, r2(x1, x2)))
        return out

    def standard_normal(self):
        cached = self.__dict__.pop("variant_cache", None)
        if cached is not None:
            return cached
        while True:
            x1, x2 = x(self.bits.next_double()), x(self.bits.next_double())
            s = r2(x1, x2)
            if 0.0 < s < 1.0:
                break
        f = math.sqrt(-2.0 * math.log(s) / s)
        self.variant_cache = f * x1
        return f * x2
    return pairs, standard_normal


def _patch_polar(mp, r2, x=lambda u: 2.0 * u - 1.0) -> None:
    pairs, normal = _polar_with(r2, x)
    mp.setattr(answer, "polar_pairs", pairs)
    mp.setattr(RandomState, "standard_normal", normal)


def fma_in_normals(mp) -> None:
    _patch_polar(mp, lambda x1, x2: fma(x1, x1, x2 * x2))


def fma_in_normals_other_way(mp) -> None:
    _patch_polar(mp, lambda x1, x2: fma(x2, x2, x1 * x1))


def fma_in_two_u_minus_one(mp) -> None:
    _patch_polar(mp, lambda x1, x2: x1 * x1 + x2 * x2, lambda u: fma(2.0, u, -1.0))


def fma_in_next_double(mp) -> None:
    mp.setattr(MT19937, "next_double",
               lambda self: fma(self.next_uint32() >> 5, 67108864.0, self.next_uint32() >> 6) / 9007199254740992.0)


# variant -> (the rule it breaks, what it does to tinynet, the vectors that must catch it)
FORBIDDEN = {
    "one-formula sigmoid": ("sigmoid(z) = 1 / (1 + exp(-z)) for every z", one_formula_sigmoid,
                            ["sigmoid/-710.0", "sigmoid/-745.0"]),
    "naive log-form cross-entropy": ("-[y log a2 + (1 - y) log(1 - a2)]", naive_cross_entropy,
                                     ["losses/cross_entropy/saturated", "losses/cross_entropy/cancellation"]),
    "divide by m before the product": ("a1.T @ (dZ2 / m), colsum(dZ2 / m), ...", divide_by_m_first,
                                       ["network/backward/2-3-2/m3", "network/step-exact/2-3-3/m3"]),
    "divide by m before the product, dW2 and db2 only": ("a1.T @ (dZ2 / m), colsum(dZ2 / m); dW1, db1 right",
                                                         divide_by_m_first_for_dW2,
                                                         ["network/backward/2-3-2/m3",
                                                          "network/backward-mse/3-4-3/m5"]),
    "dot products last to first": ("acc = 0.0; for k = n-1 down to 0: acc + A[i][k] * B[k][j]", dots_last_to_first,
                                   ["matrix/matmul/2x3-3x2", "matrix/matmul/fma-every-step",
                                    "network/backward/2-3-2/m3", "network/step-exact/2-3-3/m3"]),
    "multiply by 1/m": ("(a1.T @ dZ2) * (1.0 / m), ... instead of / m", times_reciprocal_of_m,
                        ["network/backward/2-3-2/m3", "network/backward-mse/3-4-3/m5",
                         "network/step-exact/2-3-3/m3", "network/step-exact/3-4-2/m5"]),
    "sums from the first term": ("acc = first term, not 0.0 (products, column sums, totals)",
                                 sums_from_first_term, ["matrix/matmul/negative-zero-products",
                                                        "matrix/column_sum/negative-zeros",
                                                        "network/backward-saturated/2-3-2/m3",
                                                        "network/step-exact/2-3-3/m3"]),
    "bias starts the sum": ("z = b + x[0]*w[0] + ... instead of (0.0 + x[0]*w[0] + ...) + b", bias_first,
                            ["network/step-exact/2-3-3/m3"]),
    "MSE gradient scaled before the product": ("((a2 - y) * (2 / n)) * sigmoid'(z2)",
                                               mse_scaled_before_the_product, ["network/backward-mse/3-4-3/m5"]),
    "learning rate before the mean": ("W - (lr * (A.T @ D)) / m", rate_before_the_mean,
                                      ["network/step-exact/2-3-3/m3"]),
    "MSE divided twice": ("(sum / m) / n instead of sum / (m * n)", mse_divided_twice, ["losses/mse/3x3"]),
    "fma in products": ("acc = fma(a, b, acc)", fma_in_products,
                        ["matrix/matmul/fma-every-step", "matrix/matmul/underflowing-product"]),
    "fma in the update": ("fma(-lr, dW, W)", fma_in_update, ["network/step-exact/2-3-3/m3",
                                                            "network/step-exact/3-4-2/m5"]),
    "fma in the normals (x1 first)": ("r2 = fma(x1, x1, x2 * x2)", fma_in_normals,
                                      ["generator/polar/seed-0", "generator/polar/seed-42"]),
    "fma in the normals (x2 first)": ("r2 = fma(x2, x2, x1 * x1)", fma_in_normals_other_way,
                                      ["generator/polar/seed-0", "generator/polar/seed-42"]),
    "fma in the MSE": ("acc = fma(d, d, acc)", fma_in_mse, ["losses/mse/3x3", "network/step-exact/2-3-3/m3"]),
    "fma in the cross-entropy": ("softplus(z) - y * z as fma(-y, z, softplus(z))", fma_in_cross_entropy,
                                 ["losses/cross_entropy/cancellation"]),
}
EQUIVALENT = {
    "W + (-lr) * dW": ("the same bits as W - lr * dW", update_with_negated_rate),
    "fma in 2.0 * u - 1.0": ("2.0 * u is exact, so one rounding either way", fma_in_two_u_minus_one),
    "fma in a * 2**26 + b": ("every step is exact", fma_in_next_double),
}
EXP_ONLY = {"one-formula sigmoid", "naive log-form cross-entropy", "fma in the cross-entropy"}


def broken(mp, apply) -> None:  # type: ignore[no-untyped-def]
    mp.setattr(kernel, "unchanged", lambda network, public: False)
    apply(mp)


def test_tinynet_on_the_tutorial_path_passes_every_vector(monkeypatch):
    broken(monkeypatch, lambda mp: None)
    assert failures() == {}


@pytest.mark.parametrize("name", sorted(FORBIDDEN))
def test_a_forbidden_variant_fails_its_named_vectors(name, monkeypatch):
    rule, apply, named = FORBIDDEN[name]
    broken(monkeypatch, apply)
    found = failures(named)
    assert sorted(found) == sorted(named), rule
    assert not any(problem.startswith("raised") for problem in found.values()), found


@pytest.mark.parametrize("name", sorted(FORBIDDEN))
def test_a_forbidden_variant_is_caught_in_the_exact_tier_unless_it_needs_exp(name):
    tiers = {CASES[case_id]["tier"] for case_id in FORBIDDEN[name][2]}
    assert ("exact" in tiers) != (name in EXP_ONLY), tiers


def test_every_fma_site_is_caught_by_a_vector_flagged_fma_would_differ():
    for name in FORBIDDEN:
        if name.startswith("fma"):
            assert any("fma-would-differ" in CASES[case_id]["flags"] for case_id in FORBIDDEN[name][2]), name


@pytest.mark.parametrize("name", sorted(EQUIVALENT))
def test_an_equivalent_variant_passes_every_vector(name, monkeypatch):
    broken(monkeypatch, EQUIVALENT[name][1])
    assert failures() == {}


def test_the_equivalent_forms_agree_bit_for_bit():
    import random

    draw = random.Random(12)
    specials = [0.0, -0.0, 5e-324, -5e-324, 1e-310, 1.0, -1.0]
    for _ in range(20000):
        w, d = (draw.choice(specials) if draw.random() < 0.2 else draw.uniform(-4, 4) for _ in range(2))
        lr = draw.choice([0.1, 0.5, 3.0, 1e-300])
        assert (w - lr * d).hex() == (w + (-lr) * d).hex()
        u = draw.random()
        assert fma(2.0, u, -1.0).hex() == (2.0 * u - 1.0).hex()


def variant_table() -> "list[tuple[str, str, list[str]]]":
    """Return (variant, rule, every vector that catches it) for each variant, forbidden or equivalent."""
    rows = []
    for name, (rule, apply) in [(n, v[:2]) for n, v in FORBIDDEN.items()] + list(EQUIVALENT.items()):
        with pytest.MonkeyPatch.context() as mp:
            broken(mp, apply)
            rows.append((name, rule, sorted(failures())))
    return rows


if __name__ == "__main__":
    for name, rule, caught in variant_table():
        print("%s (%s): %d vectors" % (name, rule, len(caught)))
        for case_id in caught:
            print("    " + case_id)

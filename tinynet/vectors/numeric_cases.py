"""The cases of the groups generator, init, sigmoid and matrix: the building blocks."""

from .answer import polar_pairs
from .common import case, values
from .fma import matmul_would_differ, polar_would_differ, product_steps_caught

__all__ = ["generator_cases", "init_cases", "sigmoid_cases", "matrix_cases", "SIGMOID_POINTS"]


def generator_cases() -> "list[dict]":
    out = []
    for seed in (0, 1, 42, 5489, 4294967295):
        out.append(case("generator/uint32/seed-%d" % seed,
                        "the first 8 tempered 32-bit outputs of MT19937 seeded by init_genrand(%d)" % seed,
                        "mt19937", "exact", {"seed": seed, "count": 8}))
    out.append(case("generator/uint32/seed-5489-past-first-twist",
                    "outputs 620 to 629: the second block starts at output 624",
                    "mt19937", "exact", {"seed": 5489, "count": 630, "skip": 620}))
    for seed in (0, 42):
        out.append(case("generator/double/seed-%d" % seed,
                        "the first 6 doubles ((a >> 5) * 2**26 + (b >> 6)) / 2**53 after seed(%d)" % seed,
                        "next_double", "exact", {"seed": seed, "count": 6}))
        out.append(case("generator/normal/seed-%d" % seed,
                        "the first 7 polar-method normals after seed(%d): f*x2 first, f*x1 cached" % seed,
                        "standard_normal", "exp", {"seed": seed, "count": 7}, ["log"]))
    for seed, count in ((0, 16), (42, 12), (5489, 12)):
        pairs = [(x1, x2) for x1, x2, _ in polar_pairs(seed, count)]
        flags = ["fma-would-differ"] if polar_would_differ(pairs) else []
        out.append(case("generator/polar/seed-%d" % seed,
                        "x1 = 2.0*u - 1.0, x2 = 2.0*u - 1.0, r2 = x1*x1 + x2*x2 of the first %d candidate "
                        "pairs, accepted or not: exact; r2 fused either way, fma(x1, x1, x2*x2) or "
                        "fma(x2, x2, x1*x1), changes a bit" % count,
                        "polar", "exact", {"seed": seed, "count": count}, flags))
    return out


def init_cases() -> "list[dict]":
    out = []
    for sizes, seed in (([2, 4, 1], 0), ([2, 4, 1], 3), ([2, 2, 1], 1), ([3, 5, 2], 42), ([1, 1, 1], 7),
                        ([6, 8, 4], 12345), ([4, 8, 3], 4294967295)):
        out.append(case("init/%d-%d-%d/seed-%d" % (tuple(sizes) + (seed,)),
                        "np.random.seed(%d), then W1 = randn(%d, %d), W2 = randn(%d, %d), zero biases"
                        % (seed, sizes[0], sizes[1], sizes[1], sizes[2]),
                        "init", "exp", {"sizes": sizes, "seed": seed}, ["log"]))
    return out


SIGMOID_POINTS = [0.0, -0.0, 1e-300, -1e-300, 1.0, -1.0, 36.0, -36.0, 709.0, -709.0,
                  710.0, -710.0, 745.0, -745.0, 1000.0, -1000.0, 1e308, -1e308]


def sigmoid_cases() -> "list[dict]":
    out = []
    for z in SIGMOID_POINTS:
        branch = "z >= 0: 1 / (1 + exp(-z))" if z >= 0.0 else "z < 0: e / (1 + e), e = exp(z)"
        comment = "sigmoid and sigmoid_derivative at %r; branch %s" % (z, branch)
        if z in (-710.0, -745.0):
            comment += "; the result is subnormal, and 1 / (1 + exp(-z)) gives 0.0 (exp(-z) overflows)"
        out.append(case("sigmoid/%r" % z, comment, "sigmoid", "exp", {"z": z}, ["exp"]))
    return out


def _fma_every_step():
    """A and B such that fusing any one step k >= 1 of the product loop changes a bit."""
    seed = 800
    while True:
        A, B = values(seed, 2, 4), values(seed + 1, 4, 3)
        if product_steps_caught(A, B) == {1, 2, 3}:
            return A, B
        seed += 2


def _matmul_cases() -> "list[dict]":
    out = []
    for n, (m, k, p) in enumerate([(1, 1, 1), (2, 3, 2), (4, 2, 4), (3, 5, 1), (5, 4, 3)]):
        A, B = values(100 + n, m, k), values(200 + n, k, p)
        flags = ["fma-would-differ"] if matmul_would_differ(A, B) else []
        out.append(case("matrix/matmul/%dx%d-%dx%d" % (m, k, k, p),
                        "C[i][j] = 0.0 + A[i][0]*B[0][j] + A[i][1]*B[1][j] + ..., k ascending",
                        "matmul", "exact", {"A": A, "B": B}, flags))
    A, B = _fma_every_step()
    out.append(case("matrix/matmul/fma-every-step", "fusing any one step acc + A[i][k]*B[k][j] (k >= 1) "
                    "of the loop, alone, changes a bit", "matmul", "exact", {"A": A, "B": B}, ["fma-would-differ"]))
    out.append(case("matrix/matmul/underflowing-product",
                    "(-1e-200)*1e-200 rounds to -0.0 and 0.0 + -0.0 is +0.0; fused, the first step "
                    "fma(a, b, 0.0) keeps the sign of the exact product: -0.0", "matmul", "exact",
                    {"A": [[-1e-200]], "B": [[1e-200]]}, ["fma-would-differ", "signed-zero"]))
    out.append(case("matrix/matmul/signed-zeros-and-subnormals",
                    "products of subnormals underflow to zero; subnormal sums are exact",
                    "matmul", "exact",
                    {"A": [[-0.0, 5e-324], [1e-300, -2.5]], "B": [[0.0, -1e-10], [1e-20, 4e-320]]}))
    out.append(case("matrix/matmul/negative-zero-products",
                    "every product is -0.0: 0.0 + (-0.0) + (-0.0) is +0.0, but a sum started from its "
                    "first term instead of 0.0 stays -0.0", "matmul", "exact",
                    {"A": [[-0.0, 2.0], [3.0, -1e-200]], "B": [[1.0, -1.0], [-0.0, 1e-200]]}, ["signed-zero"]))
    out.append(case("matrix/matmul/order-matters",
                    "(0.0 + 1e16*1.0) + 1.0*1.0 + (-1e16)*1.0 is 0.0 left to right (compensated sums give 1.0)",
                    "matmul", "exact", {"A": [[1e16, 1.0, -1e16]], "B": [[1.0], [1.0], [1.0]]}))
    return out


def matrix_cases() -> "list[dict]":
    out = _matmul_cases()
    for n, (m, k) in enumerate([(1, 1), (2, 3), (4, 2)]):
        out.append(case("matrix/transpose/%dx%d" % (m, k), "T[j][i] = A[i][j]", "transpose", "exact",
                        {"A": values(300 + n, m, k)}))
        out.append(case("matrix/add_row/%dx%d" % (m, k), "C[i][j] = A[i][j] + b[0][j] (the bias add)",
                        "add_row", "exact", {"A": values(400 + n, m, k), "b": values(500 + n, 1, k)}))
        out.append(case("matrix/column_sum/%dx%d" % (m, k), "s[0][j] = 0.0 + A[0][j] + A[1][j] + ...",
                        "column_sum", "exact", {"A": values(600 + n, m, k, 1e3)}))
    out.append(case("matrix/transpose/negative-zeros", "-0.0 moves with its sign", "transpose", "exact",
                    {"A": [[-0.0, 1.0, 0.0], [2.0, -0.0, -5e-324]]}, ["signed-zero"]))
    out.append(case("matrix/add_row/negative-zeros", "-0.0 + -0.0 is -0.0; -0.0 + 0.0 is +0.0", "add_row", "exact",
                    {"A": [[-0.0, -0.0], [0.0, 1.0]], "b": [[-0.0, 0.0]]}, ["signed-zero"]))
    out.append(case("matrix/column_sum/negative-zeros",
                    "0.0 + (-0.0) + (-0.0) is +0.0; a sum started from A[0][j] stays -0.0", "column_sum", "exact",
                    {"A": [[-0.0, -1.0, -0.0], [-0.0, 1.0, -5e-324]]}, ["signed-zero"]))
    return out

"""What a fused multiply-add would change: exact fma in pure Python, and the checks that flag cases.

A fused multiply-add ``fma(a, b, c)`` rounds ``a * b + c`` once; the spec
(docs/SPEC.md, "No fused multiply-add") rounds the product and then the sum.
``fma`` here computes the exact value with ``fractions.Fraction`` and rounds
it once (``float`` of a Fraction is correctly rounded), with IEEE 754's rule
for the sign of a zero result, so it equals C's ``fma`` and Python 3.13's
``math.fma`` bit for bit (tests/test_vectors.py checks this where 3.13 runs).

The ``*_would_differ`` functions say whether fusing one kind of multiply-add
changes an exact answer; the case builders use them to pick inputs and to set
the ``fma-would-differ`` flag.
"""

import math
from fractions import Fraction

__all__ = ["fma", "fused_dot", "product_steps_caught", "matmul_would_differ", "update_would_differ",
           "sum_of_squares_would_differ", "polar_would_differ"]


def fma(a: float, b: float, c: float) -> float:
    """Return a * b + c with one rounding (IEEE 754 fusedMultiplyAdd, round to nearest even).

    >>> fma(0.1, 10.0, -1.0)  # 0.1 * 10.0 rounds to 1.0; fused, the error of 0.1 survives
    5.551115123125783e-17
    """
    exact = Fraction(a) * Fraction(b) + Fraction(c)
    if exact != 0:
        try:
            return float(exact)  # a result that underflows keeps its sign: -tiny rounds to -0.0
        except OverflowError:  # beyond the largest double: IEEE 754 rounds it to infinity
            return math.inf if exact > 0 else -math.inf
    product_negative_zero = (a == 0.0 or b == 0.0) and math.copysign(1.0, a) * math.copysign(1.0, b) < 0
    if product_negative_zero and c == 0.0 and math.copysign(1.0, c) < 0:
        return -0.0  # (-0) + (-0) is the only exact zero sum that is negative
    return 0.0


def fused_dot(a: "list[float]", b: "list[float]", fused_steps=None) -> float:  # type: ignore[no-untyped-def]
    """Return 0.0 + a[0]*b[0] + a[1]*b[1] + ..., fusing the steps in ``fused_steps`` (all if None)."""
    acc = 0.0
    for k, (x, w) in enumerate(zip(a, b)):
        if fused_steps is None or k in fused_steps:
            acc = fma(x, w, acc)
        else:
            acc = acc + x * w
    return acc


def _plain_dot(a: "list[float]", b: "list[float]") -> float:
    acc = 0.0
    for x, w in zip(a, b):
        acc = acc + x * w
    return acc


def _same(x: float, y: float) -> bool:
    return x == y and math.copysign(1.0, x) == math.copysign(1.0, y)


def product_steps_caught(A: "list[list[float]]", B: "list[list[float]]") -> "set[int]":
    """Return the steps k such that fusing only step k of every entry of A @ B changes some bit."""
    caught = set()
    for row in A:
        for j in range(len(B[0])):
            column = [B[k][j] for k in range(len(B))]
            plain = _plain_dot(row, column)
            for k in range(len(row)):
                if k not in caught and not _same(plain, fused_dot(row, column, {k})):
                    caught.add(k)
    return caught


def matmul_would_differ(A: "list[list[float]]", B: "list[list[float]]") -> bool:
    """True if accumulating A @ B with fused multiply-adds (every step) would change a bit."""
    for row in A:
        for j in range(len(B[0])):
            column = [B[k][j] for k in range(len(B))]
            if not _same(_plain_dot(row, column), fused_dot(row, column)):
                return True
    return False


def update_would_differ(P: "list[list[float]]", dP: "list[list[float]]", lr: float) -> bool:
    """True if some P - lr * dP, fused as fma(-lr, dP, P), would change a bit."""
    return any(not _same(p - lr * d, fma(-lr, d, p))
               for prow, drow in zip(P, dP) for p, d in zip(prow, drow))


def sum_of_squares_would_differ(a2: "list[list[float]]", y: "list[list[float]]") -> bool:
    """True if the MSE's sum 0.0 + d*d + ..., d = a2 - y, fused as acc = fma(d, d, acc), would change a bit."""
    plain, fused = 0.0, 0.0
    for arow, trow in zip(a2, y):
        for a, t in zip(arow, trow):
            d = a - t
            plain, fused = plain + d * d, fma(d, d, fused)
    return not _same(plain, fused)


def polar_would_differ(pairs: "list[tuple[float, float]]") -> bool:
    """True if fusing r2 = x1*x1 + x2*x2 either way, fma(x1, x1, x2*x2) or fma(x2, x2, x1*x1), changes some r2."""
    first = any(not _same(x1 * x1 + x2 * x2, fma(x1, x1, x2 * x2)) for x1, x2 in pairs)
    second = any(not _same(x1 * x1 + x2 * x2, fma(x2, x2, x1 * x1)) for x1, x2 in pairs)
    return first and second

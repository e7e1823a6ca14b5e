"""Two-dimensional data sets made from a seed: two moons and two circles.

Both are drawn as scikit-learn's ``make_moons`` and ``make_circles`` draw
them (without their shuffle), with tinynet's own generator
(``tinynet.core.rng.RandomState``), so the same seed gives the same points
on every interpreter, and a port can make them too:

- the first ``n // 2`` points are class 0, the other ``n - n // 2`` class 1;
- each class lies on its curve at evenly spaced angles (below);
- then, point by point in order, ``x1 += noise * randn()`` and
  ``x2 += noise * randn()`` (two draws per point, x1 first).

moons: class 0 is the upper half circle ``(cos t, sin t)`` for ``t`` from 0
to pi, both ends included; class 1 is the lower one, moved right and up,
``(1 - cos t, 0.5 - sin t)``.

circles: class 0 is the circle ``(cos t, sin t)``, class 1 the smaller
``(factor cos t, factor sin t)``; ``t = 2 pi k / count`` for k = 0 ... count - 1.
"""

import math

from ..core import checks
from ..core.errors import BadHyperparameterError, BadSizeError
from ..core.rng import RandomState

__all__ = ["moons", "circles", "MAX_POINTS", "MAX_NOISE"]

MAX_POINTS = 100000  # a data set a pure-Python network can train on in minutes, not days
MAX_NOISE = 1000.0  # far beyond any useful spread; keeps noise * randn() finite


def moons(n: int = 100, noise: float = 0.1, seed: int = 0) -> "tuple[list[list[float]], list[int]]":
    """Return (X, labels): ``n`` points on two interleaving half circles, labels 0 and 1 (module docstring).

    >>> X, labels = moons(4, noise=0.0)
    >>> [[round(v, 9) for v in row] for row in X], labels
    ([[1.0, 0.0], [-1.0, 0.0], [0.0, 0.5], [2.0, 0.5]], [0, 0, 1, 1])
    """
    n, noise, rng = _checked(n, noise, seed)
    outer, inner = n // 2, n - n // 2
    X = []
    for k in range(outer):
        t = _angle(k, outer, math.pi)
        X.append([math.cos(t), math.sin(t)])
    for k in range(inner):
        t = _angle(k, inner, math.pi)
        X.append([1.0 - math.cos(t), 0.5 - math.sin(t)])
    return _noisy(X, noise, rng), [0] * outer + [1] * inner


def circles(n: int = 100, noise: float = 0.05, factor: float = 0.5,
            seed: int = 0) -> "tuple[list[list[float]], list[int]]":
    """Return (X, labels): ``n`` points on a circle (label 0) around a smaller one (label 1) (module docstring).

    ``factor``, between 0 and 1 (both excluded), is the inner radius over the outer.

    >>> X, labels = circles(4, noise=0.0)
    >>> [[round(v, 9) + 0.0 for v in row] for row in X], labels
    ([[1.0, 0.0], [-1.0, 0.0], [0.5, 0.0], [-0.5, 0.0]], [0, 0, 1, 1])
    """
    n, noise, rng = _checked(n, noise, seed)
    factor = checks.real(factor, "factor")
    if not 0.0 < factor < 1.0:
        raise BadHyperparameterError("factor must be between 0 and 1 (the inner radius over the outer), got %r"
                                     % factor)
    outer, inner = n // 2, n - n // 2
    X = []
    for count, radius in ((outer, 1.0), (inner, factor)):
        for k in range(count):
            t = 2.0 * math.pi * k / count  # the circle's start is not repeated at its end
            X.append([radius * math.cos(t), radius * math.sin(t)])
    return _noisy(X, noise, rng), [0] * outer + [1] * inner


def _checked(n: object, noise: object, seed: int) -> "tuple[int, float, RandomState]":
    """Check n, noise and seed; return them, the seed as a generator."""
    n = checks.size(n, "n", MAX_POINTS)
    if n < 2:
        raise BadSizeError("n must be at least 2 (a point of each class), got %d" % n)
    noise = checks.real(noise, "noise")
    if not 0.0 <= noise <= MAX_NOISE:
        raise BadHyperparameterError("noise must be between 0 and %g (MAX_NOISE), got %r" % (MAX_NOISE, noise))
    return n, noise, RandomState(seed)


def _angle(k: int, count: int, end: float) -> float:
    """The k-th of ``count`` evenly spaced angles from 0 to ``end``, both included (one point: 0)."""
    return end * k / (count - 1) if count > 1 else 0.0


def _noisy(X: "list[list[float]]", noise: float, rng: RandomState) -> "list[list[float]]":
    """Add noise * randn() to each coordinate, point by point, x1 then x2."""
    for row in X:
        row[0] += noise * rng.standard_normal()
        row[1] += noise * rng.standard_normal()
    return X

"""Products alone: the interpreter's multiply-add ceiling, matrix products, and how step time scales.

The ceiling is the rate of the fastest plain pure-Python dot product on fresh
lists: no Python matmul, tinynet's included, can beat it by much, so a step's
rate over the ceiling's says how much of the interpreter's speed it uses.
"""

from operator import mul
from typing import Callable, Sequence

from ..core import formulas, kernel
from ..core.losses import CrossEntropy
from ..core.matrix import Matrix
from ..core.network import NeuralNetwork
from .plans import Plan
from .timing import Results, binary_rows, growth_exponent, madds_per_epoch, random_rows, turns

__all__ = ["ceiling_candidates", "ceiling_runners", "bench_matmul", "bench_scaling", "CEILING_PREFIX"]

CEILING_PREFIX = "ceiling: "


def _with_sum(a: "list[float]", b: "list[float]") -> float:
    return sum(map(mul, a, b))


def _with_loop(a: "list[float]", b: "list[float]") -> float:
    acc = 0.0
    for x, w in zip(a, b):
        acc += x * w
    return acc


def _with_generator(a: "list[float]", b: "list[float]") -> float:
    return sum(x * w for x, w in zip(a, b))


def ceiling_candidates() -> "list[tuple[str, object]]":
    """Return (label, dot) for the plain pure-Python dot products whose speed bounds any Python matmul."""
    return [("sum(map(mul, a, b))", _with_sum), ("for-loop +=", _with_loop), ("sum(generator)", _with_generator)]


def _repeated(dot, a: "list[float]", b: "list[float]", count: int):  # type: ignore[no-untyped-def]
    """Return a runner computing ``dot(a, b)`` ``count`` times."""
    def run() -> None:
        for _ in range(count):
            dot(a, b)
    return run


def ceiling_runners(n: int, count: int) -> "list[tuple[str, object]]":
    """Return runners doing ``count`` dot products of two fresh n-long lists, one per candidate."""
    a, b = random_rows(2, n, 7)
    return [(CEILING_PREFIX + label, _repeated(dot, a, b, count)) for label, dot in ceiling_candidates()]


def _all_products(dot, A: "list[list[float]]", BT: "Sequence[Sequence[float]]"):  # type: ignore[no-untyped-def]
    """Return a runner building the rows of ``dot`` of every row of A with every column (row of BT)."""
    def run() -> "list[list[float]]":
        out = []
        for row in A:
            out.append([dot(row, col) for col in BT])
        return out
    return run


def bench_matmul(results: Results, plan: Plan, np, tick=None) -> None:  # type: ignore[no-untyped-def]
    """Time (m, n) @ (n, p) for each planned shape: ``formulas.dot``, ``Matrix @``, the ceiling, NumPy."""
    for m, n, p in plan.matmuls:
        name = "matmul (%d, %d) @ (%d, %d)" % (m, n, n, p)
        A, B = random_rows(m, n, 3), random_rows(n, p, 4)
        BT = kernel.columns(B)
        Am, Bm = Matrix(A), Matrix(B)
        runners = [("formulas.dot, rows x columns", "fast", _all_products(formulas.dot, A, BT)),
                   ("Matrix @", "tutorial", _matmul(Am, Bm))]
        for label, dot in ceiling_candidates():
            runners.append((CEILING_PREFIX + label, "ceiling", _all_products(dot, A, BT)))
        if np is not None:
            An, Bn = np.array(A), np.array(B)
            runners.append(("NumPy A @ B", "numpy", _matmul(An, Bn)))
        times = turns([(label, run) for label, _, run in runners], plan.matmul_repeats, tick=tick)
        for label, role, _ in runners:
            results.add(name, label, role, times[label], 1, m * n * p, "product")


def _matmul(A: object, B: object) -> "Callable[[], object]":
    """Return a runner of A @ B, binding these two operands now (not the loop's last ones)."""
    return lambda: A @ B  # type: ignore[operator]


def scaling_name(plan: Plan) -> str:
    """Return the workload name of the scaling rows, e.g. "scaling 64-h-10 batch 32"."""
    return "scaling %d-h-%d batch %d" % plan.scaling


def bench_scaling(results: Results, plan: Plan, tick=None) -> dict:  # type: ignore[no-untyped-def]
    """Time a kernel step for each planned hidden size; return the madds, medians and fitted exponents."""
    n_in, n_out, m = plan.scaling
    X, Y = random_rows(m, n_in, 5), binary_rows(m, n_out, 6)
    madds, medians, minima = [], [], []
    for h in plan.scaling_hidden:
        data = kernel.prepare(X, Y, [P.tolist() for P in NeuralNetwork(n_in, h, n_out, seed=0).parameters],
                              CrossEntropy)
        label = "hidden %d" % h
        run = (lambda d: lambda: kernel.epoch(d, 0.1, False))(data)
        times = turns([(label, run)], plan.scaling_repeats, tick=tick)[label]
        count = madds_per_epoch(n_in, h, n_out, m)
        row = results.add(scaling_name(plan), label, "scaling", times, 1, count, "step")
        madds.append(count)
        medians.append(row["median_us"])
        minima.append(row["min_us"])
    return {"madds": madds, "median_us": medians, "exponent": growth_exponent(madds, medians),
            "exponent_of_minima": growth_exponent(madds, minima)}

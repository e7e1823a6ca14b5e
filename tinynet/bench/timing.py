"""Clocks and arithmetic of the benchmark: turns, medians, a table of rows, fitted exponents.

Nothing here knows what is measured: a runner is a name and a function of no
arguments; ``turns`` times every runner once per repetition, so a burst of
load on a shared machine hits the competitors alike.
"""

import math
import time
from typing import Callable, Sequence

from ..core.rng import MT19937

__all__ = ["Results", "turns", "median", "madds_per_epoch", "growth_exponent", "random_rows", "binary_rows"]


def madds_per_epoch(n_in: int, n_hid: int, n_out: int, m: int) -> int:
    """Return the multiply-adds of one epoch of m examples through n_in-n_hid-n_out.

    Forward X@W1 (m*n_in*n_hid) and a1@W2 (m*n_hid*n_out); backward
    a1.T@dZ2 and dZ2@W2.T (m*n_hid*n_out each) and X.T@dZ1 (m*n_in*n_hid).
    """
    return m * (2 * n_in * n_hid + 3 * n_hid * n_out)


def growth_exponent(xs: "Sequence[float]", ys: "Sequence[float]") -> float:
    """Return the least-squares slope of log(y) against log(x): 1 means y grows linearly with x."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx = sum(lx) / len(lx)
    my = sum(ly) / len(ly)
    num = 0.0
    den = 0.0
    for a, b in zip(lx, ly):
        num += (a - mx) * (b - my)
        den += (a - mx) * (a - mx)
    return num / den


def median(values: "list[float]") -> float:
    """Return the median of a non-empty list (the mean of the middle two for an even count)."""
    ordered = sorted(values)
    n = len(ordered)
    if n % 2:
        return ordered[n // 2]
    return (ordered[n // 2 - 1] + ordered[n // 2]) / 2.0


def turns(runners: "list[tuple[str, object]]", repeats: int, warmup: int = 1,
          tick: "Callable[[str], None] | None" = None) -> "dict[str, list[float]]":
    """Run every runner ``warmup`` times untimed, then time each ``repeats`` times, taking turns.

    Returns {name: [seconds of each repetition]}, in the runners' order.
    ``tick``, if given, is called before each run, outside the clock, with
    what runs next ("run 3/8: name").
    """
    times = {}  # type: dict[str, list[float]]
    for name, _ in runners:
        times[name] = []
    count, total = 0, (warmup + repeats) * len(runners)
    for repetition in range(warmup + repeats):
        for name, run in runners:
            count += 1
            if tick is not None:
                tick("run %d/%d: %s" % (count, total, name))
            start = time.perf_counter()
            run()  # type: ignore[operator]
            if repetition >= warmup:
                times[name].append(time.perf_counter() - start)
    return times


def random_rows(rows: int, cols: int, seed: int) -> "list[list[float]]":
    """Return a rows x cols list of floats drawn uniformly from [-1, 1) by MT19937(seed)."""
    g = MT19937(seed)
    out = []
    for _ in range(rows):
        out.append([2.0 * g.next_double() - 1.0 for _ in range(cols)])
    return out


def binary_rows(rows: int, cols: int, seed: int) -> "list[list[float]]":
    """Return a rows x cols list of 0.0 and 1.0 targets (1.0 where ``random_rows`` drew a positive value)."""
    return [[1.0 if v > 0.0 else 0.0 for v in row] for row in random_rows(rows, cols, seed)]


class Results:
    """Measured rows, in the order measured: printed as a table and written by ``--json``.

    A row's ``role`` says what it is, so ratios need not parse labels:
    "fast" (tinynet's kernel or ``train``), "tutorial" (the readable Matrix
    path), "numpy" (the seed's code), "ceiling" (a plain dot product),
    "product" or "scaling".
    """

    def __init__(self) -> None:
        self.rows = []  # type: list[dict]

    def add(self, workload: str, impl: str, role: str, seconds: "list[float]", units: int, madds: int,
            unit: str) -> dict:
        """Add a row of ``seconds`` per run of ``units`` epochs (or steps, or products) of ``madds`` each."""
        per = [s / units * 1e6 for s in seconds]
        mid = median(per)
        row = {"workload": workload, "impl": impl, "role": role, "unit": unit, "median_us": mid,
               "min_us": min(per), "max_us": max(per), "runs": len(per),
               "madds_per_s": madds / (mid * 1e-6) if madds and mid > 0.0 else None}
        self.rows.append(row)
        return row

    def get(self, workload: str, role: str) -> "dict | None":
        """Return the first row of ``workload`` with ``role``, or None."""
        for row in self.rows:
            if row["workload"] == workload and row["role"] == role:
                return row
        return None

    def all(self, workload: str, role: str) -> "list[dict]":
        """Return every row of ``workload`` with ``role``, in order."""
        return [row for row in self.rows if row["workload"] == workload and row["role"] == role]

    def workloads(self) -> "list[str]":
        """Return the workload names, each once, in the order first measured."""
        names = []  # type: list[str]
        for row in self.rows:
            if row["workload"] not in names:
                names.append(row["workload"])
        return names

"""``python -m tinynet.bench``: how fast tinynet trains, against NumPy and its own plain path.

Every workload is measured in this process, after a warm-up, several times;
competitors take turns within each repetition, so a burst of noise on a shared
machine hits them alike. Figures are medians (with min and max) per epoch or
per step, and multiply-adds per second. Ratios compare medians from this run:

- fast/plain: ``NeuralNetwork.train``'s kernel (tinynet.fast) against the
  readable Matrix path (network._forward, _gradients, _updated);
- fast/numpy: against the seed tutorial's NumPy code, run verbatim
  (tinynet.seed_numpy), where NumPy is importable; skipped with a note if not;
- the 784-128-10 step against the fastest plain pure-Python dot product
  measured in the same run (the interpreter's ceiling);
- ``--compare FILE``: this run against another interpreter's ``--json`` file.

docs/performance.md holds results and the commands that produced them.
"""

import argparse
import contextlib
import io
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from operator import mul

from . import __version__, fast
from .matrix import Matrix
from .network import NeuralNetwork, mse
from .rng import MT19937
from .seed_numpy import seed_class, seed_script
from .xor import X as XOR_X
from .xor import y as XOR_Y

__all__ = ["main", "madds_per_epoch", "growth_exponent"]


def madds_per_epoch(n_in: int, n_hid: int, n_out: int, m: int) -> int:
    """Multiply-adds in one epoch: forward X@W1, a1@W2; backward a1.T@dZ2, dZ2@W2.T, X.T@dZ1."""
    return m * (2 * n_in * n_hid + 3 * n_hid * n_out)


def growth_exponent(xs, ys) -> float:
    """Return the least-squares slope of log(y) against log(x)."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx = sum(lx) / len(lx)
    my = sum(ly) / len(ly)
    num = sum((a - mx) * (b - my) for a, b in zip(lx, ly))
    den = sum((a - mx) * (a - mx) for a in lx)
    return num / den


def _numpy():
    try:
        import numpy
    except ImportError:
        return None
    return numpy


def _data(rows: int, cols: int, seed: int) -> "list[list[float]]":
    g = MT19937(seed)
    return [[2.0 * g.next_double() - 1.0 for _ in range(cols)] for _ in range(rows)]


def _turns(runners, repeats: int, warmup: int = 1):
    """Time each runner ``repeats`` times, taking turns; return {name: [seconds, ...]}."""
    for _ in range(warmup):
        for _, run in runners:
            run()
    times = {name: [] for name, _ in runners}
    for _ in range(repeats):
        for name, run in runners:
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return times


def _median(values):
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2.0


class Results:
    """Rows of measurements, printed as a table and kept for --json."""

    def __init__(self):
        self.rows = []
        self.notes = []

    def add(self, workload: str, impl: str, seconds, units: int, madds: int, unit: str) -> dict:
        per = [s / units * 1e6 for s in seconds]
        row = {"workload": workload, "impl": impl, "unit": unit, "median_us": _median(per),
               "min_us": min(per), "max_us": max(per), "runs": len(per),
               "madds_per_s": madds / (_median(per) * 1e-6) if madds else None}
        self.rows.append(row)
        return row

    def get(self, workload: str, impl: str):
        for row in self.rows:
            if row["workload"] == workload and row["impl"] == impl:
                return row
        return None


def _seed_network(np, n_in, n_hid, n_out, seed=0):
    NeuralNetwork_ = seed_class()
    np.random.seed(seed)
    return NeuralNetwork_(n_in, n_hid, n_out)


def bench_xor(results: Results, quick: bool, np) -> None:
    epochs = 500 if quick else 10000  # the seed's own run: 10000 epochs
    repeats = 5 if quick else 9
    runs = repeats + 2  # the warm-up takes one of each, and one spare
    # every run trains a fresh network from the same seed, made before the
    # clock starts: the figures are per epoch of training, not construction
    fresh = [NeuralNetwork(2, 4, 1, seed=0) for _ in range(runs)]

    def fast_run():
        fresh.pop().train(XOR_X, XOR_Y, epochs, verbose=False)

    plain_epochs = max(epochs // 10, 50)
    plain_fresh = [NeuralNetwork(2, 4, 1, seed=0) for _ in range(runs)]
    X, y = Matrix(XOR_X), Matrix(XOR_Y)

    def plain_run():
        nn = plain_fresh.pop()
        for _ in range(plain_epochs):
            cache = nn._forward(X)
            mse(cache[3], y)
            nn._params = nn._updated(nn._gradients(X, y, cache))

    runners = [("tinynet train (fast)", fast_run), ("tinynet plain path", plain_run)]
    if np is not None:
        Xn, yn = np.array(XOR_X), np.array(XOR_Y)
        seed_fresh = [_seed_network(np, 2, 4, 1) for _ in range(runs)]

        def numpy_run():
            nn = seed_fresh.pop()
            with contextlib.redirect_stdout(io.StringIO()):
                nn.train(Xn, yn, epochs)

        runners.append(("seed NumPy code", numpy_run))
    times = _turns(runners, repeats)
    madds = madds_per_epoch(2, 4, 1, 4)
    results.add("xor 2-4-1 train", "tinynet train (fast)", times["tinynet train (fast)"], epochs, madds, "epoch")
    results.add("xor 2-4-1 train", "tinynet plain path", times["tinynet plain path"], plain_epochs, madds, "epoch")
    if np is not None:
        results.add("xor 2-4-1 train", "seed NumPy code", times["seed NumPy code"], epochs, madds, "epoch")


def bench_step(results: Results, quick: bool, np, sizes, m: int, repeats: int, plain: bool = True,
               ceiling: bool = False) -> None:
    n_in, n_hid, n_out = sizes
    name = "step %d-%d-%d batch %d" % (n_in, n_hid, n_out, m)
    X = _data(m, n_in, 1)
    Y = [[1.0 if v > 0.0 else 0.0 for v in row] for row in _data(m, n_out, 2)]
    nn = NeuralNetwork(n_in, n_hid, n_out, seed=0)
    kernel = fast.Kernel(X, Y)
    Xm, Ym = Matrix(X), Matrix(Y)
    runners = [("tinynet kernel (fast)", lambda: kernel.epoch(nn._params, 0.1))]
    if plain:
        def plain_run():
            cache = nn._forward(Xm)
            mse(cache[3], Ym)
            nn._updated(nn._gradients(Xm, Ym, cache))

        runners.append(("tinynet plain path", plain_run))
    if ceiling:
        # The interpreter's multiply-add rate: each plain pure-Python dot
        # product on one pair of fresh n_in-long lists, as many times as X @ W1
        # has entries. Taking turns with the step, the ratio sees the same noise.
        a, b = _data(2, n_in, 7)
        count = m * n_hid
        for label, dot in _ceiling_candidates():
            runners.append(("ceiling: " + label, (lambda d: lambda: [d(a, b) for _ in range(count)])(dot)))
    if np is not None:
        seed_nn = _seed_network(np, n_in, n_hid, n_out)
        Xn, Yn = np.array(X), np.array(Y)

        def numpy_run():
            seed_nn.forward(Xn)
            seed_nn.backward(Xn, Yn)

        runners.append(("seed NumPy code", numpy_run))
    times = _turns(runners, repeats)
    madds = madds_per_epoch(n_in, n_hid, n_out, m)
    for impl, _ in runners:
        if impl.startswith("ceiling: "):
            results.add(name, impl, times[impl], 1, m * n_in * n_hid, "product")
        else:
            results.add(name, impl, times[impl], 1, madds, "step")


def _ceiling_candidates():
    """The plain pure-Python dot products whose speed bounds any Python matmul."""

    def with_sum(a, b):
        return sum(map(mul, a, b))

    def with_loop(a, b):
        acc = 0.0
        for x, w in zip(a, b):
            acc += x * w
        return acc

    def with_generator(a, b):
        return sum(x * w for x, w in zip(a, b))

    return [("sum(map(mul, a, b))", with_sum), ("for-loop +=", with_loop), ("sum(generator)", with_generator)]


def bench_matmul(results: Results, quick: bool, np) -> None:
    shapes = [(16, 16, 16), (64, 64, 64), (64, 784, 128)]
    for m, n, p in shapes:
        name = "matmul (%d, %d) @ (%d, %d)" % (m, n, n, p)
        A, B = _data(m, n, 3), _data(n, p, 4)
        BT = [list(col) for col in zip(*B)]
        Am, Bm = Matrix(A), Matrix(B)
        runners = [("tinynet fast (rows x columns)", lambda: [[fast.dot(r, c) for c in BT] for r in A])]
        if m * n * p <= 64 ** 3 or not quick:
            runners.append(("tinynet Matrix @ (plain)", lambda: Am @ Bm))
        for label, dot in _ceiling_candidates():
            runners.append(("ceiling: " + label, (lambda d: lambda: [[d(r, c) for c in BT] for r in A])(dot)))
        if np is not None:
            An, Bn = np.array(A), np.array(B)
            runners.append(("NumPy A @ B", lambda: An @ Bn))
        repeats = 3 if (quick or m * n * p > 64 ** 3) else 7
        times = _turns(runners, repeats)
        for impl, _ in runners:
            results.add(name, impl, times[impl], 1, m * n * p, "product")


def bench_scaling(results: Results, quick: bool) -> "tuple[list[int], list[float], float, float]":
    hidden = [8, 16, 32, 64, 128] if quick else [8, 16, 32, 64, 128, 256]
    m, n_in, n_out = 32, 64, 10
    X = _data(m, n_in, 5)
    Y = [[1.0 if v > 0.0 else 0.0 for v in row] for row in _data(m, n_out, 6)]
    kernel = fast.Kernel(X, Y)
    madds, medians, minima = [], [], []
    for h in hidden:
        nn = NeuralNetwork(n_in, h, n_out, seed=0)
        times = _turns([("k", lambda: kernel.epoch(nn._params, 0.1))], 5 if quick else 9)["k"]
        row = results.add("scaling %d-h-%d batch %d" % (n_in, n_out, m), "hidden %d" % h, times, 1,
                          madds_per_epoch(n_in, h, n_out, m), "step")
        madds.append(madds_per_epoch(n_in, h, n_out, m))
        medians.append(row["median_us"])
        minima.append(row["min_us"])
    return madds, medians, growth_exponent(madds, medians), growth_exponent(madds, minima)


# The peak resident size of this process, in KiB: VmHWM where Linux has it
# (getrusage's ru_maxrss survives exec, so a child started by a big parent
# reports the parent's peak), else ru_maxrss.
MEMORY_SCRIPT = """
import resource, sys
def peak():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from tinynet import NeuralNetwork
from tinynet.xor import X, y
before = peak()
nn = NeuralNetwork(2, 4, 1, seed=0)
nn.train(X, y, int(sys.argv[1]), verbose=False)
print(before, peak())
"""


def bench_memory(quick: bool) -> "dict | None":
    """Peak resident memory (KiB) of a fresh process training XOR for a short and a long run."""
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:
        return None
    counts = (1000, 10000) if quick else (1000, 100000)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    peaks = []
    for epochs in counts:
        out = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(epochs)], env=env, check=True,
                             stdout=subprocess.PIPE, universal_newlines=True).stdout.split()
        peaks.append((int(out[0]), int(out[1])))
    growth = (peaks[1][1] - peaks[0][1]) * 1024.0 / (counts[1] - counts[0])
    return {"epochs": list(counts), "peak_kib": [p[1] for p in peaks], "before_training_kib": [p[0] for p in peaks],
            "growth_bytes_per_epoch": growth}


def bench_process(quick: bool, np) -> dict:
    """Whole-process times: python -m tinynet.xor --quiet against python seed.py."""
    repeats = 3 if quick else 5
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    commands = [("python -m tinynet.xor --quiet", [sys.executable, "-m", "tinynet.xor", "--quiet"])]
    script = None
    if np is not None:
        fd, script = tempfile.mkstemp(suffix="_seed.py")
        with os.fdopen(fd, "w") as f:
            f.write(seed_script(seed=0))
        commands.append(("python seed.py", [sys.executable, script]))
    try:
        runners = [(label, (lambda c: lambda: subprocess.run(c, env=env, stdout=subprocess.DEVNULL,
                                                               check=True))(cmd)) for label, cmd in commands]
        times = _turns(runners, repeats, warmup=1)
    finally:
        if script:
            os.unlink(script)
    return {label: {"median_s": _median(t), "min_s": min(t), "max_s": max(t)} for label, t in times.items()}


def _machine() -> dict:
    return {"python": sys.version.split()[0], "implementation": sys.implementation.name,
            "executable": sys.executable, "machine": platform.machine(), "system": platform.system(),
            "processor": platform.processor() or "unknown", "cpus": os.cpu_count(),
            "tinynet": __version__, "date": time.strftime("%Y-%m-%d %H:%M:%S")}


def _print_table(results: Results, out) -> None:
    print("%-34s %-32s %12s %12s %12s %10s" % ("workload", "implementation", "median us", "min us", "max us",
                                               "M madd/s"), file=out)
    last = None
    for row in results.rows:
        workload = row["workload"] if row["workload"] != last else ""
        last = row["workload"]
        rate = "%10.1f" % (row["madds_per_s"] / 1e6) if row["madds_per_s"] else "%10s" % "-"
        print("%-34s %-32s %12.1f %12.1f %12.1f %s" % (workload, row["impl"], row["median_us"], row["min_us"],
                                                      row["max_us"], rate), file=out)


def _ratio(a, b):
    return a / b if (a is not None and b) else None


def _targets(results: Results, process: dict, np) -> "list[tuple[str, str, float | None, str]]":
    """Return (target, measured, ratio, verdict) for the targets this interpreter can check alone."""
    out = []
    cpython = sys.implementation.name == "cpython"
    fast_xor = results.get("xor 2-4-1 train", "tinynet train (fast)")
    plain_xor = results.get("xor 2-4-1 train", "tinynet plain path")
    numpy_xor = results.get("xor 2-4-1 train", "seed NumPy code")
    out.append(("XOR epoch, fast / plain path", "%.1f / %.1f us" % (fast_xor["median_us"], plain_xor["median_us"]),
                _ratio(fast_xor["median_us"], plain_xor["median_us"]), "(information)"))
    if numpy_xor and cpython:
        r = fast_xor["median_us"] / numpy_xor["median_us"]
        out.append(("XOR epoch via train <= 0.5x seed NumPy (CPython)",
                    "%.1f / %.1f us" % (fast_xor["median_us"], numpy_xor["median_us"]), r,
                    "met" if r <= 0.5 else "GAP"))
    if len(process) == 2:
        a = process["python -m tinynet.xor --quiet"]["median_s"]
        b = process["python seed.py"]["median_s"]
        out.append(("whole process <= 0.6x python seed.py", "%.3f / %.3f s" % (a, b), a / b,
                    "met" if a / b <= 0.6 else "GAP"))
    step = results.get("step 784-128-10 batch 64", "tinynet kernel (fast)")
    ceiling_rows = [r for r in results.rows if r["workload"] == "step 784-128-10 batch 64"
                    and r["impl"].startswith("ceiling:")]
    if step and ceiling_rows:
        best = max(ceiling_rows, key=lambda r: r["madds_per_s"])
        r = step["madds_per_s"] / best["madds_per_s"]
        if cpython:
            out.append(("784-128-10 step >= 85%% of the ceiling (%s)" % best["impl"][9:],
                        "%.1f / %.1f M madd/s" % (step["madds_per_s"] / 1e6, best["madds_per_s"] / 1e6), r,
                        "met" if r >= 0.85 else "GAP"))
        else:
            rate = step["madds_per_s"] / 1e6
            out.append(("784-128-10 step >= 500 M madd/s (PyPy)", "%.1f M madd/s" % rate, rate / 500.0,
                        "met" if rate >= 500.0 else "GAP"))
    return out


def _compare(doc: dict, other: dict, out) -> None:
    """Print this run against another interpreter's JSON (typically CPython with NumPy)."""
    def find(d, workload, impl):
        for row in d["rows"]:
            if row["workload"] == workload and row["impl"] == impl:
                return row
        return None

    print("\ncompared with %s %s (%s)" % (other["machine"]["implementation"], other["machine"]["python"],
                                          other["machine"]["date"]), file=out)
    here = find(doc, "xor 2-4-1 train", "tinynet train (fast)")
    ref_numpy = find(other, "xor 2-4-1 train", "seed NumPy code")
    ref_fast = find(other, "xor 2-4-1 train", "tinynet train (fast)")
    if ref_fast:
        print("  XOR epoch: %.2f us here, %.2f us there: %.3fx" % (here["median_us"], ref_fast["median_us"],
                                                                  here["median_us"] / ref_fast["median_us"]), file=out)
    if ref_numpy:
        r = here["median_us"] / ref_numpy["median_us"]
        print("  target: XOR epoch here <= 0.1x the seed NumPy code there: %.2f / %.2f us = %.3f: %s"
              % (here["median_us"], ref_numpy["median_us"], r, "met" if r <= 0.1 else "GAP"), file=out)
    else:
        print("  (the other run has no NumPy figures)", file=out)
    for workload in ("step 784-128-10 batch 64", "step 64-32-10 batch 256"):
        a, b = find(doc, workload, "tinynet kernel (fast)"), find(other, workload, "tinynet kernel (fast)")
        if a and b:
            print("  %s: %.0f M madd/s here, %.0f there" % (workload, a["madds_per_s"] / 1e6,
                                                             b["madds_per_s"] / 1e6), file=out)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tinynet.bench",
                                     description="Measure tinynet's speed against NumPy and its own plain path.")
    parser.add_argument("--quick", action="store_true", help="fewer and shorter runs (about a minute)")
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    parser.add_argument("--compare", metavar="FILE",
                        help="compare with another interpreter's --json FILE (e.g. PyPy against CPython)")
    parser.add_argument("--no-numpy", action="store_true", help="skip the NumPy comparison even if NumPy is here")
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process timing")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory measurement")
    return parser


def main(argv: "list[str] | None" = None) -> int:
    """Run the benchmark with command-line arguments ``argv``; return the exit status."""
    args = _parser().parse_args(argv)
    out = sys.stdout
    np = None if args.no_numpy else _numpy()
    machine = _machine()
    print("tinynet %s benchmark: %s %s on %s %s (%s), %s CPUs, %s" % (
        __version__, machine["implementation"], machine["python"], machine["system"], machine["machine"],
        machine["processor"], machine["cpus"], machine["date"]), file=out)
    if np is not None:
        numpy_note = "%s (the seed's code, verbatim)" % np.__version__
    elif args.no_numpy:
        numpy_note = "skipped (--no-numpy): no NumPy comparisons"
    else:
        numpy_note = "not importable here: NumPy comparisons skipped"
    print("NumPy: %s" % numpy_note, file=out)
    print("%s\n" % ("quick run" if args.quick else "full run"), file=out)
    results = Results()
    bench_xor(results, args.quick, np)
    bench_step(results, args.quick, np, (64, 32, 10), 256, 3 if args.quick else 7)
    bench_step(results, args.quick, np, (784, 128, 10), 64, 3 if args.quick else 5, plain=not args.quick,
               ceiling=True)
    bench_matmul(results, args.quick, np)
    madds, medians, exponent, exponent_min = bench_scaling(results, args.quick)
    _print_table(results, out)
    print("\nscaling: step time against multiply-adds over hidden sizes, fitted exponent %.3f on the medians, "
          "%.3f on the minima (1 = linear)" % (exponent, exponent_min), file=out)
    memory = None if args.no_memory else bench_memory(args.quick)
    if memory is None and not args.no_memory:
        print("memory: not measured (no resource module on this system)", file=out)
    if memory:
        print("memory: peak resident size of a process training XOR: %d KiB at %d epochs, %d KiB at %d; "
              "%.1f bytes per extra epoch (the two loss histories, a float and a list slot each, "
              "are about 64)" % (memory["peak_kib"][0], memory["epochs"][0], memory["peak_kib"][1],
                                 memory["epochs"][1], memory["growth_bytes_per_epoch"]), file=out)
    process = {} if args.no_process else bench_process(args.quick, np)
    for label, t in process.items():
        print("process: %-32s median %.3f s (min %.3f, max %.3f)" % (label, t["median_s"], t["min_s"], t["max_s"]),
              file=out)
    print("\ntargets (ratios of medians from this run):", file=out)
    for target, measured, ratio, verdict in _targets(results, process, np):
        print("  %-52s %-28s %8s  %s" % (target, measured, "%.3f" % ratio if ratio is not None else "-", verdict),
              file=out)
    doc = {"machine": machine, "quick": args.quick, "numpy": np.__version__ if np is not None else None,
           "rows": results.rows, "scaling": {"madds": madds, "median_us": medians, "exponent": exponent,
                       "exponent_of_minima": exponent_min},
           "memory": memory, "process": process}
    if args.compare:
        with open(args.compare) as f:
            _compare(doc, json.load(f), out)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=1)
        print("\nwrote %s" % args.json, file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

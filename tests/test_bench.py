"""python -m tinynet.bench: its arithmetic, its ratios, its paths, its shape, and a tiny run of every part."""

import ast
import contextlib
import json
import math
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runtimes import needs_processes
from tinynet import bench

from fakes import SharedTerminal, screen, stop
from tinynet.bench import cli, epochs, measure, plans, report

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "tinynet", "bench")
MODULES = sorted(name for name in os.listdir(PACKAGE) if name.endswith(".py"))

# Every part of a run, at sizes that take milliseconds: two steps (one of
# each kernel form, the second with the ceiling), one product, two hidden sizes,
# and the 784-128-10 epochs at 20-5-3 (``small_shape``); whole processes only where a test needs them.
WIDE = 64  # a step as wide as a small image: 64 inputs
TINY = bench.Plan(
    xor_epochs=5, xor_subclass_epochs=2, xor_repeats=1,
    shape_batch=3, shape_epochs=2, shape_repeats=1,
    steps=[bench.Step((3, 4, 2), 5, 1, False), bench.Step((WIDE, 5, 3), 4, 1, True)],
    matmuls=[(2, 3, 4)], matmul_repeats=1,
    scaling=(3, 2, 4), scaling_hidden=[2, 4], scaling_repeats=1,
    memory_epochs=(10, 20), process_repeats=1,
)
TINY_WORKLOADS = ["xor 2-4-1 train", "784-128-10 train, 64 examples", "step 3-4-2 batch 5",
                  "step %d-5-3 batch 4" % WIDE, "matmul (2, 3) @ (3, 4)", "scaling 3-h-2 batch 4"]
WIDTH = 100  # the widest line the benchmark may print
# a benchmark in a child process, its QUICK plan changed by keyword (to make it run long enough to stop)
LAUNCH = ("import sys; from tinynet.bench import cli, plans; plans.QUICK = plans.QUICK._replace(%s); "
          "sys.exit(cli.main(sys.argv[1:]))")
ENV = dict(os.environ, PYTHONPATH=ROOT)
needs_signals = pytest.mark.skipif(not hasattr(os, "killpg"), reason="sends SIGINT to a process group (POSIX)")


@pytest.fixture
def small_shape(monkeypatch):
    """The 784-128-10 workload at 20-5-3, so that a test times it in milliseconds."""
    monkeypatch.setattr(epochs, "SHAPE", (20, 5, 3))


def tiny_run(monkeypatch, args, np=None):
    """Return bench.main(["--quick"] + args)'s status, with the TINY plan and ``np`` as NumPy."""
    monkeypatch.setattr(plans, "plan_for", lambda quick: TINY)
    monkeypatch.setattr(cli, "load_numpy", lambda skip: None if skip else np)
    return bench.main(["--quick"] + args)


# -- arithmetic -------------------------------------------------------------------------

def test_madds_per_epoch_counts_the_five_products():
    # X@W1 and X.T@dZ1: m*I*H each; a1@W2, a1.T@dZ2, dZ2@W2.T: m*H*O each
    assert bench.madds_per_epoch(2, 4, 1, 4) == 112
    assert bench.madds_per_epoch(784, 128, 10, 64) == 64 * (2 * 784 * 128 + 3 * 128 * 10)


@given(st.integers(1, 50), st.integers(1, 50), st.integers(1, 50), st.integers(1, 50))
def test_madds_count_the_five_products(n_in, n_hid, n_out, m):
    madds = bench.madds_per_epoch(n_in, n_hid, n_out, m)
    assert madds == m * n_in * n_hid + m * n_hid * n_out + n_hid * m * n_out + m * n_out * n_hid + n_in * m * n_hid


@given(st.floats(0.5, 3.0), st.floats(1e-3, 1e3))
def test_growth_exponent_recovers_a_power_law(power, scale):
    xs = [10.0, 100.0, 1000.0, 10000.0]
    assert abs(bench.growth_exponent(xs, [scale * x ** power for x in xs]) - power) < 1e-9


def test_growth_exponent_of_a_noisy_line_is_near_one():
    xs = [1.0, 2.0, 4.0, 8.0]
    assert abs(bench.growth_exponent(xs, [1.1, 1.9, 4.2, 7.8]) - 1.0) < 0.05


def test_median_takes_the_middle_or_the_mean_of_the_middle_two():
    assert bench.median([3.0, 1.0, 2.0]) == 2.0
    assert bench.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert bench.median([7.0]) == 7.0


def test_results_turn_seconds_per_run_into_microseconds_per_unit():
    results = bench.Results()
    row = results.add("w", "impl", "fast", [0.003, 0.001, 0.002], 10, 500, "epoch")
    assert row["median_us"] == pytest.approx(200.0) and row["min_us"] == pytest.approx(100.0)
    assert row["max_us"] == pytest.approx(300.0) and row["runs"] == 3
    assert row["madds_per_s"] == pytest.approx(500 / 200e-6)
    assert results.get("w", "fast") is row and results.get("w", "numpy") is None


def test_turns_runs_the_warmup_then_alternates_and_ticks_before_each_run():
    calls, ticks = [], []
    times = bench.turns([("a", lambda: calls.append("a")), ("b", lambda: calls.append("b"))], 2, warmup=1,
                        tick=ticks.append)
    assert calls == ["a", "b"] * 3
    assert list(times) == ["a", "b"] and len(times["a"]) == len(times["b"]) == 2
    assert ticks == ["run 1/6: a", "run 2/6: b", "run 3/6: a", "run 4/6: b", "run 5/6: a", "run 6/6: b"]


# -- ratios, not verdicts -----------------------------------------------------------------

def test_ratios_compare_each_pair_of_roles_the_best_ceiling_and_processes():
    results = bench.Results()
    results.add("w", "kernel", "fast", [0.002], 1, 1000, "step")
    results.add("w", "sub", "subclass", [0.006], 1, 1000, "step")
    results.add("w", "once", "calls", [0.003], 1, 1000, "step")
    results.add("w", "plain", "tutorial", [0.008], 1, 1000, "step")
    results.add("w", "np", "numpy", [0.001], 1, 1000, "step")
    results.add("w", "ceiling: slow", "ceiling", [0.004], 1, 1000, "X @ W1")
    results.add("w", "ceiling: quick", "ceiling", [0.001], 1, 1000, "X @ W1")
    process = {"python -m tinynet.xor --quiet": {"median_s": 0.3}, "python seed.py": {"median_s": 0.6}}
    lines = bench.ratios(results, process)
    assert [line["what"].split("  ")[1] for line in lines[:4]] == [
        "subclass / fast", "calls / fast", "fast / tutorial", "fast / NumPy"]
    assert [line["ratio"] for line in lines] == pytest.approx([3.0, 1.5, 0.25, 2.0, 0.5, 0.5])
    assert "ceiling (quick)" in lines[4]["what"] and lines[5]["workload"] == "process"


def test_compare_sets_each_row_against_the_same_role_there_and_fast_against_numpy():
    here = {"quick": True, "rows": [{"workload": "w", "role": "fast", "median_us": 30.0},
                                    {"workload": "w", "role": "subclass", "median_us": 90.0}]}
    there = {"quick": True, "machine": {"implementation": "cpython"},
             "rows": [{"workload": "w", "role": "fast", "median_us": 60.0},
                      {"workload": "w", "role": "subclass", "median_us": 45.0},
                      {"workload": "w", "role": "numpy", "median_us": 300.0}]}
    lines = report.compare_lines(here, there)
    assert [line.split()[-1] for line in lines[3:]] == ["0.500", "0.100", "2.000"]
    assert "subclass here / subclass there" in lines[5]


# -- the command line ---------------------------------------------------------------------

@needs_processes
def test_a_tiny_run_without_numpy_reports_every_workload_and_writes_json(tmp_path, capsys, monkeypatch,
                                                                         small_shape):
    had_numpy = "numpy" in sys.modules
    path = tmp_path / "b.json"
    monkeypatch.setattr(plans, "plan_for", lambda quick: TINY)
    assert bench.main(["--quick", "--no-numpy", "--no-process", "--json", str(path)]) == 0
    out = capsys.readouterr().out
    assert had_numpy or "numpy" not in sys.modules
    assert "NumPy: skipped (--no-numpy)" in out and "NumPy A @ B" not in out
    for workload in TINY_WORKLOADS:
        assert re.search("^" + re.escape(workload) + "$", out, re.M), workload
    for label in ("kernel.epoch (the fused kernel)", "tutorial path", "ceiling: sum(map(mul, a, b))", "Matrix @",
                  "train, subclass: sigmoid calls super()", "train(X, y, 1), a call an epoch", "train(X, y, 2)",
                  "fitted exponent", "bytes per extra epoch", "process: skipped (--no-process)",
                  "time  fast / tutorial", "time  subclass / fast", "time  calls / fast"):
        assert label in out, label
    assert not re.search(r"\b(GAP|met|targets?)\b", out)
    doc = json.loads(path.read_text())
    assert [row["workload"] for row in doc["rows"] if row["role"] == "fast"] == TINY_WORKLOADS[:5]
    assert doc["numpy"] is None and doc["process"] == {} and doc["memory"]["epochs"] == [10, 20]
    assert math.isfinite(doc["scaling"]["exponent"]) and doc["ratios"] and doc["only"] == list(plans.WORKLOADS)
    # fast and subclass (xor), calls and fast (784-128-10), fast and tutorial (2 steps, 1 product)
    assert sum(line.endswith(" 1.000") for line in report.compare_lines(doc, doc)) == 10


@needs_processes
def test_every_line_of_a_run_and_its_comparison_is_at_most_100_columns(tmp_path, capsys, monkeypatch,
                                                                       small_shape):
    try:
        import numpy as np  # the NumPy rows and ratios too, where NumPy is here
    except ImportError:
        np = None
    path = tmp_path / "b.json"
    assert tiny_run(monkeypatch, ["--no-process", "--json", str(path)], np) == 0
    assert tiny_run(monkeypatch, ["--no-process", "--compare", str(path)], np) == 0
    out = capsys.readouterr().out
    process = {"python -m tinynet.xor --quiet": {"median_s": 0.3, "min_s": 0.2, "max_s": 0.4},
               "python seed.py": {"median_s": 0.6, "min_s": 0.5, "max_s": 0.7}}
    timed = dict(json.loads(path.read_text()), process=process, skipped={})
    lines = out.splitlines() + report.extras_lines(timed) + report.ratio_lines(report.ratios(bench.Results(), process))
    assert "compared with" in out and any("process: python seed.py" in line for line in lines)
    widest = max(lines, key=len)
    assert len(widest) <= WIDTH, widest


def test_quick_skips_the_784_epochs_and_the_processes_and_says_so(capsys, monkeypatch):
    assert plans.QUICK.shape_repeats == 0 and plans.QUICK.process_repeats == 0
    monkeypatch.setattr(plans, "plan_for", lambda quick: TINY._replace(shape_repeats=0, process_repeats=0))
    assert bench.main(["--quick", "--no-numpy", "--only", "mnist,process"]) == 0
    out = capsys.readouterr().out
    assert "784-128-10 train, 64 examples: skipped in --quick" in out and "process: skipped in --quick" in out
    assert "median us" in out and "  train(X, y" not in out


def test_only_measures_the_workloads_it_names(capsys, monkeypatch, tmp_path):
    path = tmp_path / "b.json"
    assert tiny_run(monkeypatch, ["--only", "xor", "--json", str(path)]) == 0
    out = capsys.readouterr().out
    doc = json.loads(path.read_text())
    assert doc["only"] == ["xor"] and {row["workload"] for row in doc["rows"]} == {"xor 2-4-1 train"}
    assert doc["memory"] is None and doc["process"] == {} and doc["skipped"] == {}
    assert "step " not in out and "memory" not in out and "process" not in out


@pytest.mark.parametrize("args, message", [
    (["--bogus"], "unrecognized arguments: --bogus"),
    (["extra"], "unrecognized arguments: extra"),
    (["--only", "xor,nothing"], "no workload 'nothing'; the workloads are xor, mnist, steps"),
    (["--only", ""], "no workload ''"),
    (["--json"], "--json: expected one argument"),
])
def test_a_bad_argument_exits_2_with_one_error_line(args, message, capsys, monkeypatch):
    assert tiny_run(monkeypatch, args) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("error: ") and message in captured.err
    assert captured.err.endswith("(see python -m tinynet.bench --help)\n")


@pytest.mark.parametrize("args, message", [
    (["--compare", "{tmp}/missing.json"], "missing.json"),
    (["--compare", "{tmp}/not.json"], "not JSON"),
    (["--compare", "{tmp}/list.json"], "not the JSON of"),
    (["--json", "{tmp}/no/such/folder/b.json"], "its folder does not exist"),
    (["--json", "{tmp}"], "is a folder, not a file"),
])
def test_a_bad_path_exits_2_with_one_line_before_any_timing(args, message, tmp_path, capsys, monkeypatch):
    (tmp_path / "not.json").write_text("{")
    (tmp_path / "list.json").write_text("[1, 2]")

    def no_run(*_):  # type: ignore[no-untyped-def]
        raise AssertionError("the benchmark ran before the paths were checked")

    monkeypatch.setattr(cli, "run", no_run)
    monkeypatch.setattr(plans, "plan_for", no_run)
    assert bench.main(["--quick", "--no-numpy"] + [a.format(tmp=tmp_path) for a in args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1 and message in captured.err


@needs_processes
def test_a_failing_child_process_ends_the_run_with_one_error_line(capsys, monkeypatch):
    monkeypatch.setattr(bench.system, "MEMORY_SCRIPT", "import sys; sys.exit('the child broke')")
    assert tiny_run(monkeypatch, ["--only", "memory"]) == 2
    err = capsys.readouterr().err
    assert err == "error: memory: the child process exited with status 1: the child broke\n"


# -- on a terminal, Ctrl-C, a closed pipe ---------------------------------------------------

def run_on(tty, monkeypatch):
    """Return what a tiny run writes to a fake terminal (or, if not ``tty``, a fake pipe) as its stdout."""
    log = []
    monkeypatch.setattr(sys, "stdout", SharedTerminal(log, tty=tty))
    monkeypatch.setattr(measure, "PROGRESS_DELAY", 0.0)
    assert tiny_run(monkeypatch, ["--only", "xor,steps"]) == 0
    return log


def test_a_progress_line_shows_on_a_terminal_and_is_gone_at_the_end(monkeypatch):
    log = run_on(True, monkeypatch)
    drawn = [text for text in log if text.startswith("\rpython -m tinynet.bench --quick: ")]
    assert drawn and all(len(text) <= 1 + measure.PROGRESS_WIDTH for text in drawn)
    assert "xor, run 1/" in drawn[0]
    lines, current = screen(log)
    assert current == "" and "xor 2-4-1 train" in lines and not any("run 1/" in line for line in lines)


def test_no_progress_line_off_a_terminal(monkeypatch):
    log = run_on(False, monkeypatch)
    assert not any("\r" in text for text in log) and "xor 2-4-1 train\n" in log


@contextlib.contextmanager
def started(plan_changes, args):
    """Yield a benchmark process in its own process group, with its plan changed, once it printed a line.

    Whatever the test does, the process is not left running after it.
    """
    process = subprocess.Popen([sys.executable, "-c", LAUNCH % plan_changes, "--quick", "--no-numpy"] + args,
                               env=ENV, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               universal_newlines=True, start_new_session=True)
    try:
        assert process.stdout.readline().startswith("tinynet ")
        yield process
    finally:
        stop(process)


@needs_processes
@needs_signals
@pytest.mark.parametrize("plan_changes, args", [
    ("xor_epochs=10**7", ["--only", "xor"]),  # stopped in this process's own timing
    ("memory_epochs=(10**7 + 17, 10**8)", ["--only", "memory"]),  # stopped while a child trains
])
def test_ctrl_c_prints_one_line_and_exits_130(plan_changes, args):
    with started(plan_changes, args) as process:
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole foreground group
        out, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (130, "interrupted\n")
    deadline = time.monotonic() + 10  # a child started as the signal came ends itself within 0.1 s of its parent
    while processes_with(str(10**7 + 17)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not processes_with(str(10**7 + 17)), "the child process outlived the benchmark"


def processes_with(marker):
    """Return the ids of the processes whose command line holds ``marker`` (none known without /proc)."""
    found = []
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else []:
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if marker.encode() in f.read():
                    found.append(pid)
        except OSError:  # gone meanwhile, or not a process
            pass
    return found


@needs_processes
@needs_signals
def test_a_closed_pipe_ends_the_run_silently_with_141():
    # a million tiny steps: the pipe is found closed before one of them, not at a write
    with started("steps=[plans.Step((2, 2, 1), 1, 10**6, False)]", ["--only", "steps"]) as process:
        process.stdout.close()  # as head -1 does after its line
        assert process.wait(timeout=60) == 141
        assert process.stderr.read() == ""


@needs_processes
def test_help_works_in_process_and_as_python_m(capsys):
    assert bench.main(["--help"]) == 0 and "--no-numpy" in capsys.readouterr().out
    done = subprocess.run([sys.executable, "-m", "tinynet.bench", "--help"], cwd=ROOT, stdout=subprocess.PIPE,
                          universal_newlines=True, env=ENV)
    assert done.returncode == 0 and "--compare FILE" in done.stdout and "--only NAMES" in done.stdout
    assert "xor, mnist, steps, matmul, scaling, memory, process" in " ".join(done.stdout.split())
    assert "--only xor,mnist --json FILE" in " ".join(done.stdout.split())


# -- its shape ----------------------------------------------------------------------------

@pytest.mark.parametrize("module", MODULES)
def test_each_module_is_short_documented_and_imports_nothing_foreign_at_the_top(module):
    with open(os.path.join(PACKAGE, module), encoding="utf-8") as f:
        text = f.read()
    tree = ast.parse(text)
    assert len(text.splitlines()) <= 200 and ast.get_docstring(tree)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno - node.lineno + 1 <= 40, node.name
    top = list(tree.body) + [n for c in tree.body if isinstance(c, ast.ClassDef) for n in [c] + c.body]
    for node in top:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            assert ast.get_docstring(node), (module, node.name)
    stdlib = getattr(sys, "stdlib_module_names", None)
    for node in tree.body:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            assert name.split(".")[0] != "numpy", module
            assert stdlib is None or name.split(".")[0] in stdlib, (module, name)

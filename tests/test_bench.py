"""python -m tinynet.bench: its arithmetic, its ratios, its paths, its shape, and a tiny run of every part."""

import ast
import io
import json
import math
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runtimes import needs_processes
from tinynet import bench
from tinynet.core import fused
from tinynet.bench import cli, plans, report

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "tinynet", "bench")
MODULES = sorted(name for name in os.listdir(PACKAGE) if name.endswith(".py"))

# Every part of a run, at sizes that take milliseconds: two steps (one of
# each kernel form, the second with the ceiling), one product, two hidden sizes.
WIDE = fused.rows_min_inputs  # the narrowest step that runs the rows form here (256 on PyPy)
TINY = bench.Plan(
    xor_epochs=5, xor_tutorial_epochs=2, xor_repeats=1,
    steps=[bench.Step((3, 4, 2), 5, 1, False), bench.Step((WIDE, 5, 3), 4, 1, True)],
    matmuls=[(2, 3, 4)], matmul_repeats=1,
    scaling=(3, 2, 4), scaling_hidden=[2, 4], scaling_repeats=1,
    memory_epochs=(10, 20), process_repeats=1,
)
TINY_WORKLOADS = ["xor 2-4-1 train", "step 3-4-2 batch 5", "step %d-5-3 batch 4" % WIDE, "matmul (2, 3) @ (3, 4)",
                  "scaling 3-h-2 batch 4"]


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


def test_turns_runs_the_warmup_then_alternates():
    calls = []
    times = bench.turns([("a", lambda: calls.append("a")), ("b", lambda: calls.append("b"))], 2, warmup=1)
    assert calls == ["a", "b"] * 3
    assert list(times) == ["a", "b"] and len(times["a"]) == len(times["b"]) == 2


# -- ratios, not verdicts -----------------------------------------------------------------

def test_ratios_compare_fast_with_each_other_path_and_the_best_ceiling():
    results = bench.Results()
    results.add("w", "kernel", "fast", [0.002], 1, 1000, "step")
    results.add("w", "plain", "tutorial", [0.008], 1, 1000, "step")
    results.add("w", "np", "numpy", [0.001], 1, 1000, "step")
    results.add("w", "ceiling: slow", "ceiling", [0.004], 1, 1000, "X @ W1")
    results.add("w", "ceiling: quick", "ceiling", [0.001], 1, 1000, "X @ W1")
    process = {"python -m tinynet.xor --quiet": {"median_s": 0.3}, "python seed.py": {"median_s": 0.6}}
    lines = bench.ratios(results, process)
    assert [line["ratio"] for line in lines] == pytest.approx([0.25, 2.0, 0.5, 0.5])
    assert "ceiling (quick)" in lines[2]["what"] and lines[3]["workload"] == "process"


def test_compare_prints_each_fast_figure_against_both_of_the_other_run():
    here = {"quick": True, "rows": [{"workload": "w", "role": "fast", "median_us": 30.0}]}
    there = {"quick": True, "machine": {"implementation": "cpython"},
             "rows": [{"workload": "w", "role": "fast", "median_us": 60.0},
                      {"workload": "w", "role": "numpy", "median_us": 300.0}]}
    out = io.StringIO()
    report.print_compare(here, there, out)
    assert re.findall(r"(\d\.\d{3})\n", out.getvalue()) == ["0.500", "0.100"]


# -- the command line ---------------------------------------------------------------------

@needs_processes
def test_a_tiny_run_without_numpy_reports_every_workload_and_writes_json(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(plans, "plan_for", lambda quick: TINY)
    had_numpy = "numpy" in sys.modules
    path = tmp_path / "b.json"
    assert bench.main(["--quick", "--no-numpy", "--no-process", "--json", str(path)]) == 0
    out = capsys.readouterr().out
    assert had_numpy or "numpy" not in sys.modules
    assert "NumPy: skipped (--no-numpy)" in out and "NumPy A @ B" not in out
    for workload in TINY_WORKLOADS:
        assert re.search("^" + re.escape(workload) + " ", out, re.M), workload
    for label in ("(loops form)", "(rows form)", "tutorial path", "ceiling: sum(map(mul, a, b))", "Matrix @",
                  "fitted exponent", "bytes per extra epoch", "process: skipped", "time  fast / tutorial"):
        assert label in out, label
    assert not re.search(r"\b(GAP|met|targets?)\b", out)
    doc = json.loads(path.read_text())
    assert [row["workload"] for row in doc["rows"] if row["role"] == "fast"] == TINY_WORKLOADS[:4]
    assert doc["numpy"] is None and doc["process"] == {} and doc["memory"]["epochs"] == [10, 20]
    assert math.isfinite(doc["scaling"]["exponent"]) and doc["ratios"]
    again = io.StringIO()
    report.print_compare(doc, doc, again)
    assert again.getvalue().count("1.000") == 4


@pytest.mark.parametrize("args, message", [
    (["--compare", "{tmp}/missing.json"], "missing.json"),
    (["--compare", "{tmp}/not.json"], "not JSON"),
    (["--compare", "{tmp}/list.json"], "not the JSON of"),
    (["--json", "{tmp}/no/such/folder/b.json"], "no such folder"),
    (["--json", "{tmp}"], "is a folder"),
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
def test_help_works_in_process_and_as_python_m(capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench.main(["--help"])
    assert exit_info.value.code == 0 and "--no-numpy" in capsys.readouterr().out
    done = subprocess.run([sys.executable, "-m", "tinynet.bench", "--help"], cwd=ROOT, stdout=subprocess.PIPE,
                          universal_newlines=True, env=dict(os.environ, PYTHONPATH=ROOT))
    assert done.returncode == 0 and "--compare FILE" in done.stdout


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

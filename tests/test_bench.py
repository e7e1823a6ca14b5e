"""python -m tinynet.bench: its arithmetic, and a quick run that reports every part without NumPy."""

import json

from hypothesis import given
from hypothesis import strategies as st

from tinynet import bench


def test_madds_per_epoch_counts_the_five_products():
    # X@W1 and X.T@dZ1: m*I*H each; a1@W2, a1.T@dZ2, dZ2@W2.T: m*H*O each
    assert bench.madds_per_epoch(2, 4, 1, 4) == 4 * (2 * 2 * 4 + 3 * 4 * 1)


@given(st.floats(0.5, 3.0), st.floats(1e-3, 1e3))
def test_growth_exponent_recovers_a_power_law(power, scale):
    xs = [10.0, 100.0, 1000.0, 10000.0]
    assert abs(bench.growth_exponent(xs, [scale * x ** power for x in xs]) - power) < 1e-9


def test_a_quick_run_without_numpy_reports_every_workload(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(bench, "bench_step", lambda results, quick, np, sizes, m, repeats, **kw:
                        bench.Results.add(results, "step %d-%d-%d batch %d" % (sizes + (m,)),
                                          "tinynet kernel (fast)", [0.001], 1, 1000, "step"))
    monkeypatch.setattr(bench, "bench_matmul", lambda results, quick, np: None)
    path = tmp_path / "b.json"
    assert bench.main(["--quick", "--no-numpy", "--no-process", "--no-memory", "--json", str(path)]) == 0
    out = capsys.readouterr().out
    assert "NumPy: skipped (--no-numpy)" in out
    assert "xor 2-4-1 train" in out and "fitted exponent" in out and "targets" in out
    doc = json.loads(path.read_text())
    assert doc["machine"]["implementation"] and doc["rows"]
    assert 0.3 < doc["scaling"]["exponent_of_minima"] < 2.0

"""Pictures: the SVGs parse and show what they must; the sparkline and progress line behave."""

import io
import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinynet import NeuralNetwork
from tinynet import xor
from tinynet.plot import decision_map_svg, loss_curve_svg, loss_panels_svg, sparkline
from tinynet.progress import Progress

NS = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(svg)


def by_class(root, tag, cls):
    return [e for e in root.iter(NS + tag) if cls in e.get("class", "").split()]


def path_points(d):
    return [(float(x), float(y)) for x, y in re.findall(r"[ML]([-\d.]+),([-\d.]+)", d)]


losses = st.lists(st.floats(1e-8, 10.0), min_size=2, max_size=300)


@given(losses)
def test_loss_curve_has_axes_and_one_point_per_logged_epoch(values):
    pairs = xor.logged(values)
    root = parse(loss_curve_svg([("MSE", pairs)], "t"))
    for axis in ("x-axis", "y-axis"):
        (g,) = by_class(root, "g", axis)
        assert len(by_class(g, "line", "tick")) >= 2
        assert by_class(g, "text", "label")
    (path,) = by_class(root, "path", "loss")
    points = path_points(path.get("d"))
    assert int(path.get("data-points")) == len(points) == len(pairs)
    xs = [x for x, _ in points]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)  # one point per epoch, left to right
    # y follows log10(loss): a bigger loss is higher up (smaller y), by the same scale everywhere
    (e0, v0), (e1, v1) = pairs[0], pairs[-1]
    (x0, y0), (x1, y1) = points[0], points[-1]
    for (e, v), (x, yy) in zip(pairs, points):
        if math.log10(v0) != math.log10(v1):
            expected = y0 + (y1 - y0) * (math.log10(v) - math.log10(v0)) / (math.log10(v1) - math.log10(v0))
            assert abs(yy - expected) < 0.02 + 1e-9 * abs(expected)
        if e1 != e0:
            assert abs(x - (x0 + (x1 - x0) * (e - e0) / (e1 - e0))) < 0.02


def test_logged_epochs_are_the_printed_ones_and_the_last():
    assert [e for e, _ in xor.logged([1.0] * 250)] == [0, 100, 200, 249]
    assert [e for e, _ in xor.logged([1.0] * 201)] == [0, 100, 200]


def test_side_by_side_panels_each_have_their_curves():
    root = parse(loss_panels_svg([("a", [("one", [(0, 1.0), (5, 0.1)])]),
                                  ("b", [("one", [(0, 1.0), (5, 0.5)]), ("two", [(0, 2.0), (5, 0.2)])])]))
    assert len(by_class(root, "path", "loss")) == 3
    assert len(by_class(root, "g", "x-axis")) == 2


def test_loss_curve_needs_a_positive_loss():
    with pytest.raises(ValueError, match="positive loss"):
        loss_curve_svg([("MSE", [(0, 0.0)])])


@pytest.fixture(scope="module")
def trained():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    nn.train(xor.X, xor.y, 3000, verbose=False, )
    return nn


def test_decision_map_shows_the_points_the_field_and_the_contour(trained):
    root = parse(decision_map_svg(trained, xor.X, xor.y, cells=20))
    cells = by_class(root, "rect", "cell")
    assert len(cells) == 20 * 20
    points = by_class(root, "circle", "point")
    assert [float(p.get("data-target")) for p in points] == [row[0] for row in xor.y]
    where = {(x[0], x[1]): (float(p.get("cx")), float(p.get("cy"))) for x, p in zip(xor.X, points)}
    assert where[(0.0, 0.0)][0] == where[(0.0, 1.0)][0] < where[(1.0, 0.0)][0]  # x1 grows to the right
    assert where[(0.0, 1.0)][1] < where[(0.0, 0.0)][1]  # x2 grows upward
    # the field under each training point has the colour of the network's prediction there
    for x, p in zip(xor.X, points):
        cx, cy = float(p.get("cx")), float(p.get("cy"))
        under = [c for c in cells if float(c.get("x")) <= cx < float(c.get("x")) + float(c.get("width")) - 0.3
                 and float(c.get("y")) <= cy < float(c.get("y")) + float(c.get("height")) - 0.3]
        red = int(under[0].get("fill")[1:3], 16) > int(under[0].get("fill")[5:7], 16)
        assert red == (trained.predict([x])[0][0] > 0.5)
    (contour,) = by_class(root, "path", "contour")
    assert len(path_points(contour.get("d"))) >= 4
    for axis in ("x-axis", "y-axis"):
        assert by_class(root, "g", axis)


def test_decision_map_needs_two_inputs():
    with pytest.raises(ValueError, match="input_size 2, got 3"):
        decision_map_svg(NeuralNetwork(3, 2, 1, seed=0), [[0, 0, 0]], [[0]])


@given(losses, st.integers(1, 60))
def test_sparkline_fits_and_falls_with_the_loss(values, width):
    line = sparkline(values, width)
    assert 1 <= len(line) <= width
    falling = sorted(values, reverse=True)
    levels = ["\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588".index(c) for c in sparkline(falling, width)]
    assert levels == sorted(levels, reverse=True)
    assert set(sparkline(values, width, ascii_only=True)) <= set("_.-~=*#@")


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_appears_on_a_terminal_after_the_delay_and_is_erased():
    now = [0.0]
    stream = FakeTerminal()
    progress = Progress(1000, stream, delay=1.0, clock=lambda: now[0])
    progress(0, 0.5)
    assert stream.getvalue() == ""  # too early
    now[0] = 2.0
    progress(127, 0.25)
    assert "epoch 128/1000  2.0 s  64 epochs/s  loss 0.25" in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\r")


def test_progress_never_writes_to_a_pipe():
    now = [10.0]
    stream = io.StringIO()
    progress = Progress(1000, stream, delay=0.0, clock=lambda: now[0])
    now[0] = 20.0
    progress(127, 0.1)
    progress.close()
    assert stream.getvalue() == ""


def test_xor_plot_writes_both_files(tmp_path, capsys):
    assert xor.main(["--plot", str(tmp_path / "p"), "--epochs", "2000", "--lr", "1.0"]) == 0
    out = capsys.readouterr().out
    assert "wrote %s and %s" % (tmp_path / "p" / "loss.svg", tmp_path / "p" / "decision.svg") in out
    assert re.search(r"loss \(MSE, log scale\) \S+  0\.\d+ -> ", out)
    root = parse((tmp_path / "p" / "loss.svg").read_text())
    assert [p.get("data-points") for p in by_class(root, "path", "loss")] == ["21", "21"]


def test_xor_quiet_and_piped_output_has_no_progress_or_sparkline(capsys):
    assert xor.main(["--quiet", "--epochs", "3000", "--lr", "1.0"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and len(captured.out.splitlines()) == 1

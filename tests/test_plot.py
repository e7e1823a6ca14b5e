"""Pictures: the SVGs parse and show what they must; the sparkline behaves; bad arguments are named."""

import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinynet import BadSizeError, NeuralNetwork, NonFiniteError, NotANumberError, ShapeError
from tinynet import xor
from tinynet.plot import decision_map_svg, loss_curve_svg, loss_panels_svg, sparkline

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


# -- every argument is checked, and the error names it ------------------------------------

INF, NAN = float("inf"), float("nan")


@pytest.mark.parametrize("series, error, message", [
    ([("MSE", [(0, 1.0), (1, INF)])], NonFiniteError,
     r"the loss at index 1 of series\[0\] \('MSE'\) must be finite, got inf"),
    ([("MSE", [(0, NAN)])], NonFiniteError, r"loss at index 0 of series\[0\] \('MSE'\) must be finite, got nan"),
    ([("a", [(0, 1.0)]), ("b", [(0, 1.0), (1, 2.0), (2, -INF)])], NonFiniteError, r"index 2 of series\[1\] \('b'\)"),
    ([], ValueError, "series is empty"),
    ([("MSE", [])], ValueError, r"series\[0\] \('MSE'\) has no points"),
    ([("MSE", [(0, 0.0), (1, -1.0)])], ValueError, "at least one positive loss"),
    ("MSE", TypeError, r"series must be a list of \(name, \[\(epoch, loss\), ...\]\) pairs, got str 'MSE'"),
    ([("MSE",)], TypeError, r"series\[0\] must be a \(name, .*got 1 items"),
    ([(3, [(0, 1.0)])], TypeError, r"series\[0\] name must be a str, got int 3"),
    ([("MSE", {0: 1.0})], TypeError, r"series\[0\] \('MSE'\) points must be a list of \(epoch, loss\) pairs, got dict"),
    ([("MSE", [1.0])], TypeError, r"point 0 of series\[0\] \('MSE'\) must be an \(epoch, loss\) pair, got float"),
    ([("MSE", [(0, "1")])], NotANumberError, r"loss at index 0 of series\[0\] \('MSE'\) must be a real number"),
    ([("MSE", [(None, 1.0)])], NotANumberError, r"the epoch at index 0 of series\[0\] \('MSE'\) must be a real"),
    ([("MSE", [(-1, 1.0)])], ValueError, r"the epoch at index 0 .* must be 0 or more, got -1.0"),
    ([("MSE", [(INF, 1.0)])], NonFiniteError, r"the epoch at index 0 .* must be finite"),
    ([("x" * 100, [(0, INF)])], NonFiniteError, r"series\[0\] \('xxxx+\.\.\.\)"),
])
def test_loss_curve_names_the_bad_series_and_index(series, error, message):
    with pytest.raises(error, match=message):
        loss_curve_svg(series)


def test_loss_curve_title_must_be_text():
    with pytest.raises(TypeError, match="title must be a str, got NoneType"):
        loss_curve_svg([("MSE", [(0, 1.0)])], None)


def test_loss_curve_leaves_out_losses_of_zero_or_less_and_counts_what_it_draws():
    root = parse(loss_curve_svg([("MSE", [(0, 1.0), (1, 0.0), (2, -1.0), (3, 0.1)])]))
    (path,) = by_class(root, "path", "loss")
    assert path.get("data-points") == "2" and len(path_points(path.get("d"))) == 2


def test_loss_curve_draws_the_smallest_and_largest_floats():
    root = parse(loss_curve_svg([("MSE", [(0, 1.7e308), (1, 5e-324)])]))  # subnormal: no 10**-324 is computed
    assert len(path_points(by_class(root, "path", "loss")[0].get("d"))) == 2


@pytest.mark.parametrize("panels, error, message", [
    ([], ValueError, "panels is empty"),
    (None, TypeError, r"panels must be a list of \(title, series\) pairs, got NoneType"),
    ([("t",)], TypeError, r"panels\[0\] must be a \(title, series\) pair, got 1 items"),
    ([(1, [("a", [(0, 1.0)])])], TypeError, r"panels\[0\] title must be a str, got int 1"),
    ([("t", [])], ValueError, r"panels\[0\] series is empty"),
    ([("t", [("a", [(0, 1.0)])]), ("u", [("b", [(0, INF)])])], NonFiniteError,
     r"loss at index 0 of panels\[1\] series\[0\] \('b'\) must be finite"),
])
def test_loss_panels_name_the_bad_panel(panels, error, message):
    with pytest.raises(error, match=message):
        loss_panels_svg(panels)


@pytest.mark.parametrize("changes, error, message", [
    ({"cells": 0}, BadSizeError, "cells must be a positive int, got 0"),
    ({"cells": -3}, BadSizeError, "cells must be a positive int, got -3"),
    ({"cells": 10**6}, BadSizeError, "cells must be at most 200, got 1000000"),
    ({"cells": 2.5}, NotANumberError, "cells must be an int, got float"),
    ({"cells": True}, NotANumberError, "cells must be an int, got bool"),
    ({"low": 1.0, "high": 0.0}, ValueError, "low must be less than high, and high - low finite, got low 1.0 and"),
    ({"low": -1e308, "high": 1e308}, ValueError, "high - low finite"),
    ({"low": NAN}, NonFiniteError, "low must be finite, got nan"),
    ({"high": "1"}, NotANumberError, "high must be a real number, got str '1'"),
    ({"title": 3}, TypeError, "title must be a str, got int 3"),
    ({"nn": "network"}, TypeError, "nn must be a NeuralNetwork, got str 'network'"),
    ({"X": [[0, 0, 1]]}, ShapeError, "X has 3 columns but the network expects 2"),
    ({"y": [[0]]}, ShapeError, "y has 1 rows but X has 4"),
    ({"X": [[0, 0], [5, 0], [1, 0], [1, 1]]}, ValueError,
     r"X\[1\] = \[5.0, 0.0\] is outside the map, \[low, high\] = \[-0.25, 1.25\]"),
])
def test_decision_map_names_the_bad_argument(trained, changes, error, message):
    arguments = dict(nn=trained, X=xor.X, y=xor.y)
    arguments.update(changes)
    with pytest.raises(error, match=message):
        decision_map_svg(**arguments)


def test_decision_map_needs_one_output():
    with pytest.raises(ValueError, match="output_size 1, got 2"):
        decision_map_svg(NeuralNetwork(2, 2, 2, seed=0), [[0, 0]], [[0, 1]])


def test_decision_map_of_one_cell_is_drawn(trained):
    assert len(by_class(parse(decision_map_svg(trained, xor.X, xor.y, cells=1)), "rect", "cell")) == 1


@pytest.mark.parametrize("arguments, error, message", [
    (([1.0, INF],), NonFiniteError, r"values\[1\] must be finite, got inf"),
    (([1.0, NAN],), NonFiniteError, r"values\[1\] must be finite, got nan"),
    (([1.0, "2"],), NotANumberError, r"values\[1\] must be a real number, got str '2'"),
    (("1.0",), TypeError, "values must be a list of numbers, got str"),
    (([1.0], 0), BadSizeError, "width must be a positive int, got 0"),
    (([1.0], 10**9), BadSizeError, "width must be at most 10000"),
    (([1.0], 4.0), NotANumberError, "width must be an int, got float"),
    (([1.0], 4, "yes"), TypeError, "ascii_only must be True or False, got str 'yes'"),
])
def test_sparkline_names_the_bad_argument(arguments, error, message):
    with pytest.raises(error, match=message):
        sparkline(*arguments)


def test_sparkline_of_nothing_positive_is_empty():
    assert sparkline([]) == sparkline([0.0, -1.0]) == ""


junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3) | st.binary(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=2), inner),
    max_leaves=8)
# a well-formed series most of the time, with junk anywhere inside it
points = st.lists(st.tuples(st.integers(-2, 10**6) | junk, st.floats(-1.0, 10.0) | st.floats() | junk), max_size=4)
series = st.lists(st.tuples(st.text(max_size=5) | junk, points | junk), max_size=3) | junk


@given(series, st.text(max_size=5) | junk)
def test_loss_curve_raises_only_type_or_value_errors(drawn, title):
    try:
        assert loss_curve_svg(drawn, title).startswith("<svg")
    except (TypeError, ValueError):
        pass


@given(st.lists(st.tuples(st.text(max_size=5) | junk, series), max_size=3) | junk)
def test_loss_panels_raise_only_type_or_value_errors(panels):
    try:
        assert loss_panels_svg(panels).startswith("<svg")
    except (TypeError, ValueError):
        pass


@given(st.lists(st.floats() | junk, max_size=6) | junk, st.integers(-3, 50) | junk, st.booleans() | junk)
def test_sparkline_raises_only_type_or_value_errors(values, width, ascii_only):
    try:
        assert isinstance(sparkline(values, width, ascii_only), str)
    except (TypeError, ValueError):
        pass


@given(st.floats() | st.integers() | junk, st.floats() | st.integers() | junk, st.integers(-2, 12) | junk)
def test_decision_map_raises_only_type_or_value_errors(trained, low, high, cells):
    try:
        assert decision_map_svg(trained, xor.X, xor.y, low, high, cells).startswith("<svg")
    except (TypeError, ValueError):
        pass

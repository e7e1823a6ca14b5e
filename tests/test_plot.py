"""Pictures: the SVGs parse and show what they must; the sparkline behaves; bad arguments are named."""

import math
import os
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tinynet
from tinynet import (BadArgumentError, BadHyperparameterError, BadSizeError, NeuralNetwork, NonFiniteError,
                     NotANumberError, ShapeError)
from tinynet import plot, xor
from tinynet.decision import CLASS_COLOURS, MARGIN
from tinynet.plot import Picture, confusion_matrix, decision_map, loss_curve, loss_curve_svg, loss_panels_svg, sparkline

NS = "{http://www.w3.org/2000/svg}"
TINYNET_ERRORS = tuple(getattr(tinynet, name) for name in tinynet.__all__
                       if isinstance(getattr(tinynet, name), type) and issubclass(getattr(tinynet, name), Exception))


def parse(svg):
    return ET.fromstring(str(svg))


def by_class(root, tag, cls):
    return [e for e in root.iter(NS + tag) if cls in e.get("class", "").split()]


def path_points(d):
    return [(float(x), float(y)) for x, y in re.findall(r"[ML]([-\d.]+),([-\d.]+)", d)]


def plot_box(root):
    """(left, top, right, bottom) of the first plot: where its axes' lines run."""
    x_line = next(iter(by_class(root, "g", "x-axis")[0].iter(NS + "line")))
    y_line = next(iter(by_class(root, "g", "y-axis")[0].iter(NS + "line")))
    return float(x_line.get("x1")), float(y_line.get("y1")), float(x_line.get("x2")), float(y_line.get("y2"))


def tick_texts(root, axis):
    (g,) = by_class(root, "g", axis)
    return [t.text for t in g.iter(NS + "text") if "label" not in t.get("class", "")]


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


def test_a_picture_scales_to_its_container():
    root = parse(loss_curve_svg([("MSE", [(0, 1.0), (5, 0.1)])]))
    assert root.get("width") == "100%" and root.get("height") is None
    assert root.get("viewBox") == "0 0 520 400" and root.get("style") == "max-width: 520px"


# -- at most 8 ticks, the legend clear of the curves, one point drawn ---------------------

def powers(low, high):
    return st.builds(lambda m, p: m * 10.0 ** p, st.floats(1.0, 9.99), st.integers(low, high))


@given(powers(-300, 307), powers(-300, 307))
def test_the_log_axis_has_at_most_8_ticks_for_any_range(a, b):
    root = parse(loss_curve_svg([("MSE", [(0, a), (1, b)])]))
    labels = tick_texts(root, "y-axis")
    assert 2 <= len(labels) <= 8 and len(set(labels)) == len(labels)
    left, top, right, bottom = plot_box(root)
    for x, y in path_points(by_class(root, "path", "loss")[0].get("d")):
        assert top - 0.01 <= y <= bottom + 0.01 and left - 0.01 <= x <= right + 0.01


@pytest.mark.parametrize("low, high, most", [(1e-300, 1e308, 8), (5e-324, 1.7e308, 8), (0.1, 1.0, 2),
                                             (0.5, 2.5e19, 5), (1e-3, 1e3, 7)])
def test_the_log_axis_labels_whole_decades(low, high, most):
    labels = tick_texts(parse(loss_curve_svg([("MSE", [(0, low), (1, high)])])), "y-axis")
    assert 2 <= len(labels) <= most and all(re.match(r"^1e-?\d+$", label) for label in labels)


def covered(box, curves, samples=40):
    """The points of the curves (sampled along each segment) inside ``box`` (x, y, w, h), 3 units around it."""
    x, y, w, h = box
    inside = []
    for points in curves:
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[-1:]):
            for k in range(samples + 1):
                px, py = x0 + (x1 - x0) * k / samples, y0 + (y1 - y0) * k / samples
                if x - 3 <= px <= x + w + 3 and y - 3 <= py <= y + h + 3:
                    inside.append((px, py))
    return inside


def legend_and_curves(svg):
    root = parse(svg)
    (rect,) = by_class(root, "rect", "legend-box")
    box = tuple(float(rect.get(k)) for k in ("x", "y", "width", "height"))
    return box, [path_points(p.get("d")) for p in by_class(root, "path", "loss")]


def test_the_legend_checker_sees_a_curve_through_the_box():
    assert covered((0, 0, 10, 10), [[(-5.0, 5.0), (15.0, 5.0)]])  # no point inside, the segment is
    assert not covered((0, 0, 10, 10), [[(-5.0, 20.0), (15.0, 20.0)]])


series_values = st.lists(st.lists(powers(-20, 20), min_size=1, max_size=60), min_size=1, max_size=3)


@settings(max_examples=60, deadline=None)
@given(series_values)
def test_the_legend_covers_no_curve(values):
    svg = loss_curve_svg([("series %d" % n, list(enumerate(v))) for n, v in enumerate(values)])
    box, curves = legend_and_curves(svg)
    assert covered(box, curves) == []


def test_the_legend_at_learning_rate_1e20_covers_no_curve():
    nn = NeuralNetwork(2, 4, 1, seed=0, learning_rate=1e20)  # the MSE at the foot, the cross-entropy at the top
    nn.train(xor.X, xor.y, 3000, verbose=False)
    box, curves = legend_and_curves(loss_curve(nn))
    assert covered(box, curves) == [] and len(curves) == 2


def test_where_curves_fill_the_plot_the_legend_goes_below_it():
    zigzag = [(e, 1e-10 if e % 2 else 1e10) for e in range(400)]  # every position inside is crossed
    svg = loss_curve_svg([("a", zigzag), ("b", [(e, 1.0) for e in range(400)])])
    box, curves = legend_and_curves(svg)
    root = parse(svg)
    assert covered(box, curves) == [] and box[1] > plot_box(root)[3] + 36  # under the axis label
    assert box[1] + box[3] <= float(root.get("viewBox").split()[3])  # and inside the picture


def test_a_one_point_series_is_drawn_as_a_point():
    root = parse(loss_curve_svg([("MSE", [(0, 0.25)]), ("two", [(0, 0.5), (1, 0.4)])]))
    (marker,) = by_class(root, "circle", "loss-point")
    (x, y) = path_points(by_class(root, "path", "loss")[0].get("d"))[0]
    assert (float(marker.get("cx")), float(marker.get("cy"))) == (round(x, 2), round(y, 2))


def test_a_network_trained_one_epoch_shows_both_points():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    nn.train(xor.X, xor.y, 1, verbose=False)
    root = parse(loss_curve(nn))
    assert len(by_class(root, "circle", "loss-point")) == 2
    assert [p.get("data-points") for p in by_class(root, "path", "loss")] == ["1", "1"]


def test_an_untrained_network_says_it_has_no_epochs_yet():
    root = parse(loss_curve(NeuralNetwork(2, 4, 1, seed=0)))
    assert "no epochs yet: train the network" in [t.text for t in root.iter(NS + "text")]
    assert by_class(root, "path", "loss") == [] and by_class(root, "g", "legend") == []


def test_losses_of_zero_or_less_leave_a_note_instead_of_a_curve():
    root = parse(loss_curve_svg([("MSE", [(0, 0.0), (1, -1.0)])]))
    assert "no loss above 0 to draw on a log scale" in [t.text for t in root.iter(NS + "text")]


# -- loss_curve(nn) --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def trained():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    nn.train(xor.X, xor.y, 3000, verbose=False)
    return nn


def test_loss_curve_draws_both_histories_labelled(trained):
    root = parse(loss_curve(trained))
    paths = by_class(root, "path", "loss")
    assert [p.get("data-series") for p in paths] == ["MSE (printed)", "cross-entropy (descended)"]
    legend = [t.text for g in by_class(root, "g", "legend") for t in g.iter(NS + "text")]
    assert legend == ["MSE (printed)", "cross-entropy (descended)"]
    # the first point is epoch 0's loss, at the top-left of the curve's range: log10 decides the height
    for path, history in zip(paths, (trained.loss_history, trained.objective_history)):
        points = path_points(path.get("d"))
        assert len(points) == len(history) == 3000 or len(points) <= plot.MAX_CURVE_POINTS + 1
    assert "2-4-1 network, loss=cross_entropy" in [t.text for t in root.iter(NS + "text")]


def test_loss_curve_of_an_mse_network_draws_its_one_loss_once():
    nn = NeuralNetwork(2, 4, 1, seed=0, loss="mse")
    nn.train(xor.X, xor.y, 20, verbose=False)
    (path,) = by_class(parse(loss_curve(nn, "t")), "path", "loss")
    assert path.get("data-series") == "MSE (printed and descended)" and path.get("data-points") == "20"


def test_a_long_history_is_thinned_but_keeps_its_spike():
    nn = NeuralNetwork(2, 4, 1, seed=0)
    nn.train(xor.X, xor.y, 5000, verbose=False)
    nn.loss_history[2345] = 50.0  # a spike the thinning must not hide
    (path, _) = by_class(parse(loss_curve(nn)), "path", "loss")
    points = path_points(path.get("d"))
    assert len(points) <= plot.MAX_CURVE_POINTS + 1
    top = min(points, key=lambda p: p[1])
    left, _, right, _ = plot_box(parse(loss_curve(nn)))
    assert abs(top[0] - (left + (right - left) * 2345 / 4999)) < 0.01  # the highest point is the spike's epoch
    assert abs(points[-1][0] - right) < 0.01  # and the curve ends at the last epoch


@pytest.mark.parametrize("arguments, error, message", [
    (("network",), BadArgumentError, "nn must be a NeuralNetwork, got str 'network'"),
    ((None,), BadArgumentError, "nn must be a NeuralNetwork, got NoneType"),
    ((NeuralNetwork(2, 2, 1, seed=0), 3), BadArgumentError, "title must be a str, got int 3"),
])
def test_loss_curve_names_the_bad_argument(arguments, error, message):
    with pytest.raises(error, match=message):
        loss_curve(*arguments)


def test_loss_curve_names_a_bad_history_entry():
    nn = NeuralNetwork(2, 2, 1, seed=0)
    nn.train(xor.X, xor.y, 3, verbose=False)
    nn.objective_history[1] = float("nan")
    with pytest.raises(NonFiniteError, match=r"nn.objective_history\[1\] must be finite, got nan"):
        loss_curve(nn)


# -- Picture -------------------------------------------------------------------------------

def test_a_picture_is_its_svg_for_str_and_for_notebooks(trained):
    picture = loss_curve(trained)
    assert isinstance(picture, Picture)
    assert str(picture) == picture._repr_svg_() and str(picture).startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert repr(picture) == "<Picture: loss curve, %d characters of SVG>" % len(str(picture))
    assert repr(decision_map(trained, xor.X, xor.y)).startswith("<Picture: decision map, ")


@pytest.mark.parametrize("arguments, message", [
    (("<html>",), "svg must be the text of an SVG document .a str starting '<svg'., got str '<html>'"),
    ((b"<svg>",), "svg must be the text of an SVG document .*, got bytes"),
    (("<svg/>", 3), "what must be a str, got int 3"),
])
def test_a_picture_is_made_of_svg_text(arguments, message):
    with pytest.raises(BadArgumentError, match=message):
        Picture(*arguments)


def test_save_writes_the_svg_and_replaces_an_old_file(tmp_path, trained):
    path = tmp_path / "loss.svg"
    path.write_text("old")
    picture = loss_curve(trained)
    picture.save(str(path))
    assert path.read_text(encoding="utf-8") == str(picture)
    picture.save(os.fsencode(str(tmp_path / "bytes.svg")))  # any path save takes
    assert sorted(os.listdir(str(tmp_path))) == ["bytes.svg", "loss.svg"]  # no temporary file left


def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(tmp_path, trained, monkeypatch):
    path = tmp_path / "loss.svg"
    path.write_text("old")

    def replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="No space left"):
        loss_curve(trained).save(str(path))
    monkeypatch.undo()
    assert path.read_text() == "old" and os.listdir(str(tmp_path)) == ["loss.svg"]


def test_save_refuses_a_folder_naming_it(tmp_path, trained):
    with pytest.raises(IsADirectoryError, match="%s is a directory, not a file" % re.escape(str(tmp_path))):
        loss_curve(trained).save(str(tmp_path))
    with pytest.raises(BadArgumentError, match="ends with a separator: it names a folder"):
        loss_curve(trained).save(str(tmp_path / "new") + os.sep)


def test_save_refuses_a_read_only_file(tmp_path, trained):
    path = tmp_path / "loss.svg"
    path.write_text("old")
    os.chmod(str(path), 0o444)
    with pytest.raises(PermissionError, match="loss.svg is read-only"):
        loss_curve(trained).save(str(path))
    assert path.read_text() == "old"


def test_save_names_a_path_that_is_not_a_path(trained):
    with pytest.raises(TypeError, match=r"path must be a file path \(str, bytes or os.PathLike\), got int 5"):
        loss_curve(trained).save(5)


# -- decision_map --------------------------------------------------------------------------

def cell_under(cells, cx, cy):
    return [c for c in cells if float(c.get("x")) <= cx < float(c.get("x")) + float(c.get("width")) - 0.3
            and float(c.get("y")) <= cy < float(c.get("y")) + float(c.get("height")) - 0.3][0]


def test_decision_map_shows_the_points_the_field_and_the_contour(trained):
    root = parse(decision_map(trained, xor.X, xor.y, cells=20))
    cells = by_class(root, "rect", "cell")
    assert len(cells) == 20 * 20
    points = by_class(root, "circle", "point")
    assert [float(p.get("data-target")) for p in points] == [row[0] for row in xor.y]
    where = {(x[0], x[1]): (float(p.get("cx")), float(p.get("cy"))) for x, p in zip(xor.X, points)}
    assert where[(0.0, 0.0)][0] == where[(0.0, 1.0)][0] < where[(1.0, 0.0)][0]  # x1 grows to the right
    assert where[(0.0, 1.0)][1] < where[(0.0, 0.0)][1]  # x2 grows upward
    # the field under each training point has the colour of the network's prediction there
    for x, p in zip(xor.X, points):
        under = cell_under(cells, float(p.get("cx")), float(p.get("cy")))
        red = int(under.get("fill")[1:3], 16) > int(under.get("fill")[5:7], 16)
        assert red == (trained.predict([x])[0][0] > 0.5)
    (contour,) = by_class(root, "path", "contour")
    assert len(path_points(contour.get("d"))) >= 4
    for axis in ("x-axis", "y-axis"):
        assert by_class(root, "g", axis)
    assert tick_texts(root, "x-axis") == tick_texts(root, "y-axis") == ["0", "0.5", "1"]


def test_the_map_spans_the_data_and_its_margin(trained):
    root = parse(decision_map(trained, xor.X, xor.y))
    left, top, right, bottom = plot_box(root)
    xs = sorted(float(p.get("cx")) for p in by_class(root, "circle", "point"))
    inset = (right - left) * MARGIN / (1 + 2 * MARGIN)  # data range 1, map 1 + 2 * MARGIN
    assert abs(xs[0] - (left + inset)) < 0.01 and abs(xs[-1] - (right - inset)) < 0.01


def test_the_map_follows_data_far_from_the_unit_square(trained):
    # the same network for inputs x * 1000 + 5000: W1 / 1000, and b1 less 5 times W1's column sums
    moved = NeuralNetwork(2, 4, 1, seed=0)
    W1, b1 = trained.W1.tolist(), trained.b1.tolist()
    moved.set_parameters([[w / 1000.0 for w in row] for row in W1],
                         [[b1[0][j] - 5.0 * (W1[0][j] + W1[1][j]) for j in range(4)]], trained.W2, trained.b2)
    X = [[1000.0 * u + 5000.0, 1000.0 * v + 5000.0] for u, v in xor.X]
    near, far = parse(decision_map(trained, xor.X, xor.y, cells=20)), parse(decision_map(moved, X, xor.y, cells=20))
    for a, b in zip(by_class(near, "circle", "point"), by_class(far, "circle", "point")):
        assert (a.get("cx"), a.get("cy")) == (b.get("cx"), b.get("cy"))
    for a, b in zip(by_class(near, "rect", "cell"), by_class(far, "rect", "cell")):
        colours = [(int(a.get("fill")[i:i + 2], 16), int(b.get("fill")[i:i + 2], 16)) for i in (1, 3, 5)]
        assert all(abs(p - q) <= 1 for p, q in colours)  # the same field, to rounding
    assert tick_texts(far, "x-axis") == ["5000", "5500", "6000"]


@pytest.mark.parametrize("X", [
    [[-3e6, 1e-9], [-2e6, 3e-9], [-2.5e6, 2e-9]],
    [[7.0, 7.0], [7.0, 7.0], [7.0, 7.0]],  # one point: a window around it
    [[0.0, 0.0], [0.0, 5e-324], [0.0, 0.0]],
    [[-1.7e308, 1e300], [1.7e308, -1e300], [0.0, 0.0]],
])
def test_any_data_range_gets_a_map_with_round_ticks(X):
    nn = NeuralNetwork(2, 2, 1, seed=0)
    nn.set_parameters([[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0]], [[1.0], [-1.0]], [[0.0]])  # predicts 0.5 anywhere
    root = parse(decision_map(nn, X, [[0], [1], [0]]))
    left, top, right, bottom = plot_box(root)
    for p in by_class(root, "circle", "point"):
        assert left < float(p.get("cx")) < right and top < float(p.get("cy")) < bottom
    for axis in ("x-axis", "y-axis"):
        assert 1 <= len(tick_texts(root, axis)) <= 8


@pytest.fixture(scope="module")
def three_classes():
    """Three clusters of 10 points, one-hot targets, and a 2-6-3 network trained on them."""
    centres = [(-1.0, -1.0), (1.0, -1.0), (0.0, 1.0)]
    X, y = [], []
    for k, (a, b) in enumerate(centres):
        for i in range(10):
            X.append([a + 0.3 * math.cos(i), b + 0.3 * math.sin(2 * i)])
            y.append([1.0 if j == k else 0.0 for j in range(3)])
    nn = NeuralNetwork(2, 6, 3, seed=0, learning_rate=1.0)
    nn.train(X, y, 1500, verbose=False)
    return nn, X, y


def test_decision_map_colours_one_hot_classes(three_classes):
    nn, X, y = three_classes
    root = parse(decision_map(nn, X, y, cells=30, classes=["a", "b", "c"]))
    points = by_class(root, "circle", "point")
    assert [p.get("data-target") for p in points] == ["0"] * 10 + ["1"] * 10 + ["2"] * 10
    assert [p.get("fill") for p in points] == [CLASS_COLOURS[k] for k in range(3) for _ in range(10)]
    cells = by_class(root, "rect", "cell")
    for x, row, p in zip(X, nn.predict(X), points):
        fill = cell_under(cells, float(p.get("cx")), float(p.get("cy"))).get("fill")
        # a field colour is white moved towards its class's colour: the same direction from white
        away = [255 - int(fill[i:i + 2], 16) for i in (1, 3, 5)]
        angles = []
        for colour in CLASS_COLOURS[:3]:
            towards = [255 - int(colour[i:i + 2], 16) for i in (1, 3, 5)]
            dot = sum(a * b for a, b in zip(away, towards))
            angles.append(dot / math.sqrt(sum(a * a for a in away) * sum(b * b for b in towards)))
        predicted = max(range(3), key=lambda k: row[k])
        assert max(range(3), key=lambda k: angles[k]) == predicted == y[X.index(x)].index(1.0)
    assert len(path_points(by_class(root, "path", "contour")[0].get("d"))) >= 4
    legend = [t.text for g in by_class(root, "g", "legend") for t in g.iter(NS + "text")]
    assert legend[:3] == ["predicts a", "predicts b", "predicts c"]


@pytest.mark.parametrize("changes, error, message", [
    ({"nn": "network"}, BadArgumentError, "nn must be a NeuralNetwork, got str 'network'"),
    ({"nn": NeuralNetwork(3, 2, 1, seed=0)}, ShapeError, "nn has input_size 3, but a decision map needs input_size 2"),
    ({"X": [[0, 0, 1]]}, ShapeError, "X has 3 columns but the network expects 2"),
    ({"X": None}, NotANumberError, "X must be a list of rows"),
    ({"X": [[0, "a"]] * 4}, NotANumberError, r"X\[0\]\[1\] must be a real number"),
    ({"X": [[0, float("inf")]] * 4}, NonFiniteError, r"X\[0\]\[1\] must be finite, got inf"),
    ({"y": [[0]]}, ShapeError, "y has 1 rows but X has 4"),
    ({"y": [[0, 1]] * 4}, ShapeError, "y has 2 columns but the network has output_size 1"),
    ({"cells": 0}, BadSizeError, "cells must be a positive int, got 0"),
    ({"cells": 10**6}, BadSizeError, "cells must be at most 200, got 1000000"),
    ({"cells": 2.5}, NotANumberError, "cells must be an int, got float"),
    ({"title": 3}, BadArgumentError, "title must be a str, got int 3"),
    ({"axes": ("x",)}, BadArgumentError, "axes must be the two inputs' names, a pair of str, got tuple"),
    ({"classes": "ab"}, BadArgumentError, "classes must be a list of str, one name per class, got str 'ab'"),
    ({"classes": ["a", "b", "c"]}, ShapeError, r"classes has 3 names but the network has 2 classes \(0 and 1\)"),
])
def test_decision_map_names_the_bad_argument(trained, changes, error, message):
    arguments = dict(nn=trained, X=xor.X, y=xor.y)
    arguments.update(changes)
    with pytest.raises(error, match=message):
        decision_map(**arguments)


def test_decision_map_of_one_cell_is_drawn(trained):
    assert len(by_class(parse(decision_map(trained, xor.X, xor.y, cells=1)), "rect", "cell")) == 1


# -- confusion_matrix ----------------------------------------------------------------------

def test_confusion_matrix_shows_each_count_shaded_by_its_row():
    root = parse(confusion_matrix([[10, 0, 0], [0, 9, 1], [0, 2, 8]], ["setosa", "versicolor", "virginica"], "t"))
    cells = by_class(root, "rect", "cell")
    assert [(c.get("data-actual"), c.get("data-predicted"), c.get("data-count")) for c in cells][3:6] == [
        ("1", "0", "0"), ("1", "1", "9"), ("1", "2", "1")]
    assert [t.text for t in by_class(root, "text", "count")] == ["10", "0", "0", "0", "9", "1", "0", "2", "8"]
    darkness = [255 - int(c.get("fill")[1:3], 16) for c in cells]
    assert darkness[0] > darkness[4] > darkness[8] > darkness[7] > darkness[5] > darkness[1] == darkness[3]
    assert "27 of 30 on the diagonal (predicted right)" in [t.text for t in root.iter(NS + "text")]


@pytest.mark.parametrize("arguments, error, message", [
    ((None,), BadArgumentError, "counts must be a list of rows of counts .ints., got NoneType"),
    (([],), ShapeError, "counts has no rows"),
    (([[1, 2], [3]],), ShapeError, r"counts\[1\] has 1 entries but counts has 2 rows; a confusion matrix is square"),
    (([[1, -2], [3, 4]],), BadSizeError, r"counts\[0\]\[1\] must be 0 or more, got -2"),
    (([[1, 2.5], [3, 4]],), NotANumberError, r"counts\[0\]\[1\] must be an int, got float"),
    (([[0] * 51] * 51,), BadSizeError, "counts has 51 rows; a confusion matrix has at most 50 classes"),
    (([[1]], ["a", "b"]), ShapeError, "names has 2 entries but counts has 1 classes"),
    (([[1]], [3]), BadArgumentError, r"names\[0\] must be a str, got int 3"),
    (([[1]], None, None), BadArgumentError, "title must be a str, got NoneType"),
])
def test_confusion_matrix_names_the_bad_argument(arguments, error, message):
    with pytest.raises(error, match=message):
        confusion_matrix(*arguments)


# -- sparkline -----------------------------------------------------------------------------

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
    counts = [int(p.get("data-points")) for p in by_class(root, "path", "loss")]
    assert len(counts) == 2 and all(500 <= n <= plot.MAX_CURVE_POINTS + 1 for n in counts)  # 2000 epochs, thinned
    assert sorted(os.listdir(str(tmp_path / "p"))) == ["decision.svg", "loss.svg"]


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
    ([], ShapeError, "series is empty"),
    ([("MSE", [])], ShapeError, r"series\[0\] \('MSE'\) has no points"),
    ("MSE", BadArgumentError, r"series must be a list of \(name, \[\(epoch, loss\), ...\]\) pairs, got str 'MSE'"),
    ([("MSE",)], BadArgumentError, r"series\[0\] must be a \(name, .*got 1 items"),
    ([(3, [(0, 1.0)])], BadArgumentError, r"series\[0\] name must be a str, got int 3"),
    ([("MSE", {0: 1.0})], BadArgumentError,
     r"series\[0\] \('MSE'\) points must be a list of \(epoch, loss\) pairs, got dict"),
    ([("MSE", [1.0])], BadArgumentError, r"point 0 of series\[0\] \('MSE'\) must be an \(epoch, loss\) pair, got float"),
    ([("MSE", [(0, "1")])], NotANumberError, r"loss at index 0 of series\[0\] \('MSE'\) must be a real number"),
    ([("MSE", [(None, 1.0)])], NotANumberError, r"the epoch at index 0 of series\[0\] \('MSE'\) must be a real"),
    ([("MSE", [(-1, 1.0)])], BadHyperparameterError, r"the epoch at index 0 .* must be 0 or more, got -1.0"),
    ([("MSE", [(INF, 1.0)])], NonFiniteError, r"the epoch at index 0 .* must be finite"),
    ([("x" * 100, [(0, INF)])], NonFiniteError, r"series\[0\] \('xxxx+\.\.\.\)"),
])
def test_loss_curve_names_the_bad_series_and_index(series, error, message):
    with pytest.raises(error, match=message):
        loss_curve_svg(series)


def test_loss_curve_title_must_be_text():
    with pytest.raises(BadArgumentError, match="title must be a str, got NoneType"):
        loss_curve_svg([("MSE", [(0, 1.0)])], None)


def test_loss_curve_leaves_out_losses_of_zero_or_less_and_counts_what_it_draws():
    root = parse(loss_curve_svg([("MSE", [(0, 1.0), (1, 0.0), (2, -1.0), (3, 0.1)])]))
    (path,) = by_class(root, "path", "loss")
    assert path.get("data-points") == "2" and len(path_points(path.get("d"))) == 2


def test_loss_curve_draws_the_smallest_and_largest_floats():
    root = parse(loss_curve_svg([("MSE", [(0, 1.7e308), (1, 5e-324)])]))  # subnormal: no 10**-324 is computed
    assert len(path_points(by_class(root, "path", "loss")[0].get("d"))) == 2


@pytest.mark.parametrize("panels, error, message", [
    ([], ShapeError, "panels is empty"),
    (None, BadArgumentError, r"panels must be a list of \(title, series\) pairs, got NoneType"),
    ([("t",)], BadArgumentError, r"panels\[0\] must be a \(title, series\) pair, got 1 items"),
    ([(1, [("a", [(0, 1.0)])])], BadArgumentError, r"panels\[0\] title must be a str, got int 1"),
    ([("t", [])], ShapeError, r"panels\[0\] series is empty"),
    ([("t", [("a", [(0, 1.0)])]), ("u", [("b", [(0, INF)])])], NonFiniteError,
     r"loss at index 0 of panels\[1\] series\[0\] \('b'\) must be finite"),
])
def test_loss_panels_name_the_bad_panel(panels, error, message):
    with pytest.raises(error, match=message):
        loss_panels_svg(panels)


@pytest.mark.parametrize("arguments, error, message", [
    ((None,), BadArgumentError, "values must be a list of numbers, got NoneType"),
    (([1.0, INF],), NonFiniteError, r"values\[1\] must be finite, got inf"),
    (([1.0, NAN],), NonFiniteError, r"values\[1\] must be finite, got nan"),
    (([1.0, "2"],), NotANumberError, r"values\[1\] must be a real number, got str '2'"),
    (("1.0",), BadArgumentError, "values must be a list of numbers, got str"),
    (([1.0], 0), BadSizeError, "width must be a positive int, got 0"),
    (([1.0], 10**9), BadSizeError, "width must be at most 10000"),
    (([1.0], 4.0), NotANumberError, "width must be an int, got float"),
    (([1.0], 4, "yes"), BadArgumentError, "ascii_only must be True or False, got str 'yes'"),
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
def test_loss_curve_raises_only_tinynets_errors(drawn, title):
    try:
        assert loss_curve_svg(drawn, title).startswith("<svg")
    except TINYNET_ERRORS:
        pass


@given(st.lists(st.tuples(st.text(max_size=5) | junk, series), max_size=3) | junk)
def test_loss_panels_raise_only_tinynets_errors(panels):
    try:
        assert loss_panels_svg(panels).startswith("<svg")
    except TINYNET_ERRORS:
        pass


@given(st.lists(st.floats() | junk, max_size=6) | junk, st.integers(-3, 50) | junk, st.booleans() | junk)
def test_sparkline_raises_only_tinynets_errors(values, width, ascii_only):
    try:
        assert isinstance(sparkline(values, width, ascii_only), str)
    except TINYNET_ERRORS:
        pass


@settings(deadline=None, max_examples=40)
@given(st.lists(st.lists(st.floats() | st.integers(-10**400, 10**400) | junk, max_size=3), max_size=4) | junk,
       st.integers(-2, 12) | junk, junk | st.just(None))
def test_decision_map_raises_only_tinynets_errors(trained, X, cells, classes):
    try:
        assert str(decision_map(trained, X, [[1]] * 4, cells, classes=classes)).startswith("<svg")
    except TINYNET_ERRORS:
        pass


@settings(max_examples=40)
@given(st.lists(st.lists(st.integers(-3, 5) | junk, max_size=3), max_size=3) | junk, junk | st.just(None))
def test_confusion_matrix_raises_only_tinynets_errors(counts, names):
    try:
        assert str(confusion_matrix(counts, names)).startswith("<svg")
    except TINYNET_ERRORS:
        pass

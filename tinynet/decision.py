"""A decision map: what a 2-input network predicts over the region its data spans, as a ``Picture``.

The map's extent follows the data: each input runs from its smallest to its
largest value in ``X``, widened by ``MARGIN`` of that range on each side. The
network is asked for its prediction at the corners of ``cells`` x ``cells``
cells; a cell is coloured by the mean of its four corners. Two kinds of
network:

- one output (``y`` one column of targets, 0 or 1): blue (0) through white
  (0.5) to red (1); the black line is where the prediction crosses 0.5; a
  point is dark red if its target is 0.5 or more, dark blue if not.
- two outputs or more (``y`` one-hot, one column per class): each class has a
  colour; a cell takes the colour of its largest output (the predicted class),
  paler where the network is less sure; the black line is where the predicted
  class changes; a point has the colour of its class (the largest entry of its
  row of ``y``).

The elements a reader (or a test) looks for carry a class: ``rect.cell``,
``path.contour``, ``circle.point`` (``data-target``: the target, or the class
index), ``g.x-axis``, ``g.y-axis`` and ``g.legend``.
"""

import sys

from . import svg
from .core import checks
from .core.errors import BadArgumentError, ShapeError
from .core.network import NeuralNetwork

__all__ = ["decision_map", "MAX_CELLS", "MARGIN", "CLASS_COLOURS"]

MAX_CELLS = 200  # cells per side: 40000 rectangles, a picture of about 3 MB
MARGIN = 0.2  # of each input's range, on each side: the outermost points stay clear of the edge
TARGET_1, TARGET_0 = "#67001f", "#053061"  # darker than the field, so a point stands out on its own colour
CLASS_COLOURS = ("#2166ac", "#b2182b", "#1b7837", "#e08214", "#762a83", "#01665e", "#8c510a", "#4d4d4d")
LEFT, TOP, SIZE = 80, 40, 420  # the map's square, in the picture's units
BIGGEST = sys.float_info.max


class _Map:
    """The square on the page that shows inputs [low1, high1] x [low2, high2]."""

    def __init__(self, first: "tuple[float, float]", second: "tuple[float, float]") -> None:
        self.first, self.second = first, second

    def px(self, u: float) -> float:
        low, high = self.first
        return LEFT + SIZE * ((u / 2.0 - low / 2.0) / (high / 2.0 - low / 2.0))  # halves: high - low may overflow

    def py(self, v: float) -> float:
        low, high = self.second
        return TOP + SIZE * ((high / 2.0 - v / 2.0) / (high / 2.0 - low / 2.0))


def decision_map(nn: NeuralNetwork, X, y, cells: int = 40, title: str = "what the network predicts",
                 axes: "tuple[str, str]" = ("x1 (first input)", "x2 (second input)"),
                 classes: "list[str] | None" = None) -> svg.Picture:
    """Return a picture of what the 2-input network ``nn`` predicts over the region of ``X``, with X, y on top.

    ``nn`` is a ``NeuralNetwork`` with input_size 2; ``X`` has 2 columns and
    ``y`` one row per row of X and ``nn.output_size`` columns; ``cells`` (per
    side) is an int from 1 to ``MAX_CELLS``; ``title`` a str; ``axes`` the two
    inputs' names; ``classes`` None or one name per class (two for one output).
    Anything else raises one of tinynet's errors, naming the argument.
    """
    points, targets, cells, names = _checked(nn, X, y, cells, title, axes, classes)
    box = _Map(_extent([p[0] for p in points]), _extent([p[1] for p in points]))
    us = [_between(box.first, k / cells) for k in range(cells + 1)]
    vs = [_between(box.second, k / cells) for k in range(cells + 1)]
    # the outputs at the corners of the cells: row r is x2 = vs[r], column c is x1 = us[c]
    outputs = nn.predict([[u, v] for v in vs for u in us]).tolist()
    grid = [outputs[r * (cells + 1):(r + 1) * (cells + 1)] for r in range(cells + 1)]
    out = [svg.title(LEFT + SIZE / 2, TOP - 14, title)]
    if nn.output_size == 1:
        field = [[row[0] for row in line] for line in grid]
        out += _cells(us, vs, box, lambda r, c: _colour(_mean(grid, r, c, 0)))
        segments = _contour(field, 0.5)
        marks = [(TARGET_1 if t[0] >= 0.5 else TARGET_0, "%g" % t[0]) for t in targets]
    else:
        out += _cells(us, vs, box, lambda r, c: _class_colour([_mean(grid, r, c, k) for k in range(len(names))]))
        segments = []
        for k in range(len(names)):
            segments += _contour([[_lead(row, k) for row in line] for line in grid], 0.0)
        marks = [(CLASS_COLOURS[k % len(CLASS_COLOURS)], "%d" % k) for k in (_largest(t) for t in targets)]
    at = lambda k, side: _between(side, k / cells)  # noqa: E731  (grid units to inputs)
    d = " ".join("M%.2f,%.2f L%.2f,%.2f" % (box.px(at(x0, box.first)), box.py(at(y0, box.second)),
                                            box.px(at(x1, box.first)), box.py(at(y1, box.second)))
                 for x0, y0, x1, y1 in segments)
    out.append('<path class="contour" d="%s" fill="none" stroke="black" stroke-width="2"/>' % d)
    radius = 9 if len(points) <= 16 else 6 if len(points) <= 200 else 4
    for (u, v), (fill, target) in zip(points, marks):
        out.append('<circle class="point" data-target="%s" cx="%.2f" cy="%.2f" r="%d" fill="%s" stroke="white" '
                   'stroke-width="%d"/>' % (target, box.px(u), box.py(v), radius, fill, max(1, radius // 3)))
    out += _axes(box, axes)
    legend, bottom = _legend(names, nn.output_size == 1, TOP + SIZE + 56)
    return svg.Picture(svg.document(LEFT + SIZE + 30, bottom + 10, out + legend), "decision map")


def _checked(nn: object, X: object, y: object, cells: object, title: object, axes: object,
             classes: object) -> "tuple[list[list[float]], list[list[float]], int, list[str]]":
    """Check decision_map's arguments; return the points of X, the rows of y, cells and the class names."""
    if not isinstance(nn, NeuralNetwork):
        raise BadArgumentError("nn must be a NeuralNetwork, got %s" % checks.describe(nn))
    if nn.input_size != 2:
        raise ShapeError("nn has input_size %d, but a decision map needs input_size 2 (one input per axis)"
                         % nn.input_size)
    points = checks.rows(X, "X")
    if len(points[0]) != 2:
        raise ShapeError("X has %d columns but the network expects 2 (input_size)" % len(points[0]))
    targets = checks.rows(y, "y")
    if len(targets) != len(points):
        raise ShapeError("y has %d rows but X has %d" % (len(targets), len(points)))
    if len(targets[0]) != nn.output_size:
        raise ShapeError("y has %d columns but the network has output_size %d"
                         % (len(targets[0]), nn.output_size))
    cells = checks.size(cells, "cells", MAX_CELLS)
    if not isinstance(title, str):
        raise BadArgumentError("title must be a str, got %s" % checks.describe(title))
    if not (isinstance(axes, (list, tuple)) and len(axes) == 2 and all(isinstance(a, str) for a in axes)):
        raise BadArgumentError("axes must be the two inputs' names, a pair of str, got %s" % checks.describe(axes))
    count = max(2, nn.output_size)
    if classes is None:
        return points, targets, cells, ["%d" % k for k in range(count)]
    if not (isinstance(classes, (list, tuple)) and all(isinstance(c, str) for c in classes)):
        raise BadArgumentError("classes must be a list of str, one name per class, got %s"
                               % checks.describe(classes))
    if len(classes) != count:
        raise ShapeError("classes has %d names but the network has %d classes (%s)"
                         % (len(classes), count, "0 and 1" if nn.output_size == 1 else "output_size"))
    return points, targets, cells, list(classes)


def _extent(values: "list[float]") -> "tuple[float, float]":
    """Return (low, high): the range of ``values`` widened by MARGIN of it each side, within the floats."""
    low, high = min(values), max(values)
    half = high / 2.0 - low / 2.0  # half the range: high - low itself may overflow
    if half < 1e-290:  # one value (or nearly): a window around it, since a range of 0 has no scale
        half = max(abs(low), abs(high)) / 2.0
        half = half if half >= 1e-290 else 0.5
    margin = 2.0 * MARGIN * half
    return max(low - margin, -BIGGEST), min(high + margin, BIGGEST)


def _between(side: "tuple[float, float]", t: float) -> float:
    """The input a fraction ``t`` of the way along ``side`` (no overflow, exact at both ends)."""
    low, high = side
    return high if t == 1.0 else low * (1.0 - t) + high * t


def _mean(grid: "list[list[list[float]]]", r: int, c: int, k: int) -> float:
    """The mean of output k at the four corners of cell (r, c)."""
    total = 0.0
    for i, j in ((r, c), (r, c + 1), (r + 1, c), (r + 1, c + 1)):
        total += grid[i][j][k]
    return total / 4.0


def _largest(row: "list[float]") -> int:
    """The index of the largest entry (the first, on a tie)."""
    best = 0
    for k in range(1, len(row)):
        if row[k] > row[best]:
            best = k
    return best


def _lead(row: "list[float]", k: int) -> float:
    """How far output k leads the largest other output: 0 where the predicted class changes to or from k."""
    other = max(row[j] for j in range(len(row)) if j != k)
    return row[k] - other


def _colour(p: float) -> str:
    """Blue (0) through white (0.5) to red (1)."""
    if p < 0.5:
        t = p / 0.5
        r, g, b = 33 + (255 - 33) * t, 102 + (255 - 102) * t, 172 + (255 - 172) * t
    else:
        t = (p - 0.5) / 0.5
        r, g, b = 255 + (178 - 255) * t, 255 + (24 - 255) * t, 255 + (43 - 255) * t
    return "#%02x%02x%02x" % (int(round(r)), int(round(g)), int(round(b)))


def _class_colour(outputs: "list[float]") -> str:
    """The predicted class's colour, mixed with white: strong where its output dominates, pale where not."""
    best = _largest(outputs)
    total = 0.0
    for p in outputs:
        total += p
    even = 1.0 / len(outputs)
    share = outputs[best] / total if total > 0.0 else even  # every output 0.0: no class is preferred
    strength = 0.12 + 0.5 * (share - even) / (1.0 - even)
    colour = CLASS_COLOURS[best % len(CLASS_COLOURS)]
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#%02x%02x%02x" % tuple(int(round(255 + (v - 255) * strength)) for v in rgb)


def _cells(us: "list[float]", vs: "list[float]", box: _Map, colour) -> "list[str]":  # type: ignore[no-untyped-def]
    """Return one rect.cell per cell, filled with ``colour(row, column)``, in a group drawn without smoothing."""
    out = ['<g shape-rendering="crispEdges">']  # smoothed edges of touching cells show as a faint grid
    cells = len(us) - 1
    width = SIZE / cells + 0.3  # a little overlap: no hairline gaps between cells
    for r in range(cells):
        for c in range(cells):
            out.append('<rect class="cell" x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"/>'
                       % (box.px(us[c]), box.py(vs[r + 1]), width, width, colour(r, c)))
    out.append("</g>")
    return out


def _contour(grid: "list[list[float]]", level: float) -> "list[tuple[float, float, float, float]]":
    """Return the segments (in grid units) where a (n+1) x (n+1) grid of values crosses ``level``.

    Marching squares: each cell's corners above or below the level give the
    edges it crosses; the crossing point is interpolated linearly on each edge.
    """
    segments = []
    size = len(grid) - 1
    for i in range(size):
        for j in range(size):
            corners = [(i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)]  # (row, col), around the cell
            crossings = []
            for (r0, c0), (r1, c1) in zip(corners, corners[1:] + corners[:1]):
                v0, v1 = grid[r0][c0], grid[r1][c1]
                if (v0 < level) != (v1 < level):
                    t = (level - v0) / (v1 - v0)
                    crossings.append((c0 + (c1 - c0) * t, r0 + (r1 - r0) * t))
            for k in range(0, len(crossings) - 1, 2):
                (x0, y0), (x1, y1) = crossings[k], crossings[k + 1]
                segments.append((x0, y0, x1, y1))
    return segments


def _axes(box: _Map, names: "tuple[str, str]") -> "list[str]":
    """Return the two axes, with round ticks inside each input's range."""
    bottom, right = TOP + SIZE, LEFT + SIZE
    ticks = svg.linear_ticks(*box.first)
    out = svg.x_axis(LEFT, right, bottom, list(zip([box.px(t) for t in ticks], svg.tick_labels(ticks))), names[0])
    ticks = svg.linear_ticks(*box.second)
    out += svg.y_axis(TOP, bottom, LEFT, list(zip([box.py(t) for t in ticks], svg.tick_labels(ticks))),
                      names[1], 58)
    return out


def _legend(names: "list[str]", binary: bool, top: float) -> "tuple[list[str], float]":
    """Return the g.legend under the map (the field's colours left, the points right) and where it ends."""
    if binary:
        swatches = [(_colour(1.0), "predicts %s" % names[1]), (_colour(0.5), "0.5 (on the black line)"),
                    (_colour(0.0), "predicts %s" % names[0])]
        dots = [(TARGET_1, "training point, target %s" % names[1]), (TARGET_0, "training point, target %s" % names[0])]
    else:
        swatches = [(_class_colour([1.0 if j == k else 0.0 for j in range(len(names))]), "predicts %s" % name)
                    for k, name in enumerate(names)]
        dots = [(CLASS_COLOURS[k % len(CLASS_COLOURS)], "point of class %s" % name) for k, name in enumerate(names)]
    out = ['<g class="legend">']
    for n, (fill, label) in enumerate(swatches):
        out.append('<rect x="%d" y="%.1f" width="16" height="16" fill="%s" stroke="black"/>' % (LEFT, top + 24 * n, fill))
        out.append(svg.text(LEFT + 22, top + 24 * n + 13, label, svg.FONT))
    for n, (fill, label) in enumerate(dots):
        x = LEFT + SIZE / 2 + 10
        out.append('<circle cx="%.1f" cy="%.1f" r="7" fill="%s" stroke="white" stroke-width="2"/>'
                   % (x + 8, top + 24 * n + 8, fill))
        out.append(svg.text(x + 22, top + 24 * n + 13, label, svg.FONT))
    if not binary:
        out.append(svg.line(LEFT, top + 24 * len(names) + 8, LEFT + 16, top + 24 * len(names) + 8, width=2))
        out.append(svg.text(LEFT + 22, top + 24 * len(names) + 13, "where the predicted class changes", svg.FONT))
    out.append("</g>")
    return out, top + 24 * (max(len(swatches), len(dots)) + (0 if binary else 1))

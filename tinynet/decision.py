"""A decision map: what a 2-input network predicts over a square, as SVG.

The elements a reader (or a test) looks for carry a class: ``rect.cell`` (the
prediction as a colour, blue 0 to white 0.5 to red 1), ``path.contour`` (where
the prediction crosses 0.5), ``circle.point`` (the training points,
``data-target``), ``g.x-axis`` and ``g.y-axis``. ``tinynet.plot`` imports
``decision_map_svg`` from here.
"""

import math

from . import svg
from .core import checks
from .core.errors import ShapeError
from .core.matrix import Matrix
from .core.network import NeuralNetwork

__all__ = ["decision_map_svg", "MAX_CELLS"]

MAX_CELLS = 200  # cells per side: 40000 rectangles, a picture of about 3 MB
TARGET_1, TARGET_0 = "#67001f", "#053061"  # darker than the field, so a point stands out on its own colour


class _Square:
    """The map: the inputs [low, high]^2, drawn ``size`` pixels wide from (left, top)."""

    def __init__(self, low: float, high: float, left: float = 70, top: float = 40, size: float = 480) -> None:
        self.low, self.high, self.span = low, high, high - low
        self.left, self.top, self.size = left, top, size

    def px(self, u: float) -> float:
        return self.left + self.size * (u - self.low) / self.span

    def py(self, v: float) -> float:
        return self.top + self.size * (self.high - v) / self.span


def decision_map_svg(nn: NeuralNetwork, X, y, low: float = -0.25, high: float = 1.25, cells: int = 40,
                     title: str = "what the network predicts") -> str:
    """Return an SVG of a 2-input, 1-output network's prediction over [low, high]^2, with X, y on top.

    ``nn`` must be a ``NeuralNetwork`` with input_size 2 and output_size 1;
    ``X`` and ``y`` are checked as ``train`` checks them, and every point of
    ``X`` must lie in the square; ``low < high`` are finite numbers; ``cells``
    (per side) is an int from 1 to ``MAX_CELLS``; ``title`` is a str. Anything
    else raises ``TypeError`` or ``ValueError`` naming the argument and the value.
    """
    points, targets, square, cells = _checked(nn, X, y, low, high, cells, title)
    step = square.span / cells
    coords = [square.low + k * step for k in range(cells + 1)]
    # predictions at the corners of the cells: row r is x2 = coords[r], column c is x1 = coords[c]
    flat = [row[0] for row in nn.predict([[u, v] for v in coords for u in coords])]
    grid = [flat[r * (cells + 1):(r + 1) * (cells + 1)] for r in range(cells + 1)]
    out = [svg.title(square.left + square.size / 2, square.top - 14, title)]
    out += _cells(grid, coords, square)
    at = lambda k: square.low + k * step  # noqa: E731  (grid units to inputs)
    d = " ".join("M%.2f,%.2f L%.2f,%.2f" % (square.px(at(x0)), square.py(at(y0)), square.px(at(x1)), square.py(at(y1)))
                 for x0, y0, x1, y1 in _contour(grid, 0.5))
    out.append('<path class="contour" d="%s" fill="none" stroke="black" stroke-width="2"/>' % d)
    for (u, v), target in zip(points, targets):
        out.append('<circle class="point" data-target="%g" cx="%.2f" cy="%.2f" r="9" fill="%s" stroke="white" '
                   'stroke-width="3"/>' % (target, square.px(u), square.py(v),
                                           TARGET_1 if target >= 0.5 else TARGET_0))
    out += _axes(square) + _legend(square.left + square.size + 20, square.top)
    return svg.document(square.left + square.size + 190, square.top + square.size + 60, out)


def _checked(nn: object, X: object, y: object, low: object, high: object, cells: object,
             title: object) -> "tuple[list[list[float]], list[float], _Square, int]":
    """Check decision_map_svg's arguments; return the points of X, their targets, the square and cells."""
    if not isinstance(nn, NeuralNetwork):
        raise TypeError("nn must be a NeuralNetwork, got %s" % checks.describe(nn))
    if nn.input_size != 2:
        raise ValueError("a decision map needs a network with input_size 2, got %d" % nn.input_size)
    if nn.output_size != 1:
        raise ValueError("a decision map needs a network with output_size 1, got %d" % nn.output_size)
    inputs = X if isinstance(X, Matrix) else Matrix(X, "X")
    outputs = y if isinstance(y, Matrix) else Matrix(y, "y")
    if inputs.shape[1] != 2:
        raise ShapeError("X has %d columns but the network expects 2 (input_size)" % inputs.shape[1])
    if outputs.shape != (inputs.shape[0], 1):
        raise ShapeError("y has %d rows but X has %d; each example needs one target row" % (outputs.shape[0], inputs.shape[0]))
    targets = [row[0] for row in outputs.tolist()]
    low, high = checks.real(low, "low"), checks.real(high, "high")
    if not low < high or not math.isfinite(high - low):
        raise ValueError("low must be less than high, and high - low finite, got low %r and high %r" % (low, high))
    cells = checks.size(cells, "cells", MAX_CELLS)
    if not isinstance(title, str):
        raise TypeError("title must be a str, got %s" % checks.describe(title))
    points = inputs.tolist()
    for i, (u, v) in enumerate(points):
        if not (low <= u <= high and low <= v <= high):
            raise ValueError("X[%d] = [%r, %r] is outside the map, [low, high] = [%r, %r] for both inputs"
                             % (i, u, v, low, high))
    return points, targets, _Square(low, high), cells


def _colour(p: float) -> str:
    """Blue (0) through white (0.5) to red (1)."""
    if p < 0.5:
        t = p / 0.5
        r, g, b = 33 + (255 - 33) * t, 102 + (255 - 102) * t, 172 + (255 - 172) * t
    else:
        t = (p - 0.5) / 0.5
        r, g, b = 255 + (178 - 255) * t, 255 + (24 - 255) * t, 255 + (43 - 255) * t
    return "#%02x%02x%02x" % (int(round(r)), int(round(g)), int(round(b)))


def _cells(grid: "list[list[float]]", coords: "list[float]", square: _Square) -> "list[str]":
    """Return one rect.cell per cell, coloured by the mean of its four corners' predictions."""
    out = []
    cells = len(grid) - 1
    width = square.size / cells + 0.3  # a little overlap: no hairline gaps between cells
    for r in range(cells):
        for c in range(cells):
            p = (grid[r][c] + grid[r][c + 1] + grid[r + 1][c] + grid[r + 1][c + 1]) / 4.0
            out.append('<rect class="cell" x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"/>'
                       % (square.px(coords[c]), square.py(coords[r + 1]), width, width, _colour(p)))
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


def _axes(square: _Square) -> "list[str]":
    """Return the two axes, ticked at 0, 0.5 and 1."""
    bottom, right = square.top + square.size, square.left + square.size
    ticks = (0.0, 0.5, 1.0)
    out = svg.x_axis(square.left, right, bottom, [(square.px(t), svg.number_label(t)) for t in ticks],
                     "x1 (first input)")
    out += svg.y_axis(square.top, bottom, square.left, [(square.py(t), svg.number_label(t)) for t in ticks],
                      "x2 (second input)", 40)
    return out


def _legend(x: float, top: float) -> "list[str]":
    """Return the legend at (x, top): three colours of the field, then the two kinds of point."""
    out = []
    for n, (p, label) in enumerate(((1.0, "predicts 1"), (0.5, "0.5 (the contour)"), (0.0, "predicts 0"))):
        out.append('<rect x="%.1f" y="%.1f" width="16" height="16" fill="%s" stroke="black"/>'
                   % (x, top + 24 * n, _colour(p)))
        out.append(svg.text(x + 22, top + 24 * n + 13, label, svg.FONT))
    for n, (fill, label) in enumerate(((TARGET_1, "training point, target 1"), (TARGET_0, "training point, target 0"))):
        out.append('<circle cx="%.1f" cy="%.1f" r="8" fill="%s" stroke="white" stroke-width="2"/>'
                   % (x + 8, top + 96 + 24 * n, fill))
        out.append(svg.text(x + 22, top + 100 + 24 * n, label, svg.FONT))
    return out

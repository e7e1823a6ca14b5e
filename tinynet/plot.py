"""Pictures without dependencies: loss curves, decision maps, confusion matrices, a terminal sparkline.

For a trained network, in a notebook or a script:

- ``loss_curve(nn)``: the network's ``loss_history`` (the MSE tinynet
  prints) and ``objective_history`` (the loss descended), each labelled;
- ``decision_map(nn, X, y)`` (``decision.py``): what a 2-input network
  predicts over the region its data spans, with the data on top;
- ``confusion_matrix(counts, names)``: how many of each class were predicted
  as each class.

Each returns a ``Picture``: a notebook (Jupyter, VS Code, Colab) shows it
inline (``_repr_svg_``), ``str(picture)`` is the SVG text, and
``picture.save(path)`` writes it as ``tinynet.save`` writes a model. The
commands (``xor --plot``, ``iris --plot``) draw through these functions. The
pictures scale to their container (``svg.document``), and ``loss_curve`` and
``decision_map`` (at its 40 x 40 cells) take milliseconds, so a page can
redraw them every few hundred epochs.

Everything is plain SVG 1.1 text that any browser opens (built by
``svg.py``). The elements a reader (or a test) looks for carry a class:

- loss curve: ``g.x-axis``, ``g.y-axis`` (ticks and labels, at most 8 on any
  range), one ``path.loss`` per series with one point per drawn epoch
  (``data-points``), a ``circle.loss-point`` for a series of one point, and
  ``g.legend`` with its ``rect.legend-box``, placed where no curve passes; the
  y axis is logarithmic.
- decision map: ``rect.cell``, ``path.contour``, ``circle.point``, the axes
  and ``g.legend``.
- confusion matrix: ``rect.cell`` (``data-actual``, ``data-predicted``,
  ``data-count``) and ``text.count``.

``loss_curve_svg`` and ``loss_panels_svg`` draw series of points instead of a
network. A series is ``(name, [(epoch, loss), ...])``. Every argument is
checked before anything is drawn, and an error (one of tinynet's classes)
names the argument, the series and the index: epochs must be finite numbers,
0 or more; losses must be finite numbers. A loss of 0 or less has no place on
a log scale and is left out of its curve (``data-points`` counts what is
drawn); an infinite or nan loss is refused with ``NonFiniteError``, since a
curve that silently dropped the epoch where training blew up would hide the
one thing worth seeing.
"""

import math

from . import svg
from .core import checks
from .core.errors import BadArgumentError, BadHyperparameterError, BadSizeError, ShapeError
from .core.network import NeuralNetwork
from .decision import decision_map
from .svg import Picture

__all__ = ["Picture", "loss_curve", "decision_map", "confusion_matrix", "loss_curve_svg", "loss_panels_svg",
           "sparkline", "MAX_SPARKLINE_WIDTH", "MAX_CURVE_POINTS", "MAX_CLASSES"]

MAX_SPARKLINE_WIDTH = 10000  # characters; a terminal line is about 80
MAX_CURVE_POINTS = 1000  # per series in loss_curve: about two per pixel of the plot's width
MAX_CLASSES = 50  # rows of a confusion matrix
MOST_TICKS = 8  # on an axis: more labels would overlap
BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
ASCII_LEVELS = "_.-~=*#@"
SERIES = "a (name, [(epoch, loss), ...]) pair"
PLOT = (80, 40, 420, 290)  # left, top, width and height of one loss plot: 520 wide, readable at 400 pixels
PANEL_WIDTH, PANEL_HEIGHT = 520, 400


def loss_curve(nn: NeuralNetwork, title: "str | None" = None) -> Picture:
    """Return a picture of ``nn``'s loss_history and objective_history against the epoch (log y).

    ``loss_history`` is the MSE tinynet prints; ``objective_history`` is the
    loss descended (the same MSE with ``loss="mse"``, then drawn once). A
    history longer than ``MAX_CURVE_POINTS`` is thinned: of each run of epochs,
    the lowest and the highest loss are kept, so no spike is hidden. Before
    any training, the axes say so. ``title`` defaults to the network's shape.
    """
    if not isinstance(nn, NeuralNetwork):
        raise BadArgumentError("nn must be a NeuralNetwork, got %s" % checks.describe(nn))
    if title is None:
        title = "%d-%d-%d network, loss=%s" % (nn.input_size, nn.hidden_size, nn.output_size, nn.loss)
    title = _text(title, "title")
    if nn.loss == "mse":
        histories = [("MSE (printed and descended)", nn.loss_history, "nn.loss_history")]
    else:
        histories = [("MSE (printed)", nn.loss_history, "nn.loss_history"),
                     ("cross-entropy (descended)", nn.objective_history, "nn.objective_history")]
    series = [(name, _thinned(values, where)) for name, values, where in histories]
    series = [(name, pairs) for name, pairs in series if pairs]
    panel, bottom = _loss_panel(series, title, PLOT, _decades(series))
    return Picture(svg.document(PANEL_WIDTH, max(PANEL_HEIGHT, bottom + 10), panel), "loss curve")


def loss_curve_svg(series, title: str = "loss") -> str:
    """Return an SVG of loss against epoch (log y) for ``series``: [(name, [(epoch, loss), ...]), ...].

    Raises one of tinynet's errors naming the series and the index of a bad value (module docstring).
    """
    checked = _series(series, "series")
    title = _text(title, "title")
    panel, bottom = _loss_panel(checked, title, PLOT, _decades(checked))
    return svg.document(PANEL_WIDTH, max(PANEL_HEIGHT, bottom + 10), panel)


def loss_panels_svg(panels) -> str:
    """Return an SVG of loss plots side by side, on one y scale; ``panels`` is [(title, series), ...].

    Each ``series`` is as for ``loss_curve_svg``, and is checked the same way.
    """
    items = _sequence(panels, "panels", "a list of (title, series) pairs")
    if not items:
        raise ShapeError("panels is empty; give at least one (title, series) pair")
    checked = []
    for n, item in enumerate(items):
        title, series = _pair(item, "panels[%d]" % n, "a (title, series) pair")
        checked.append((_text(title, "panels[%d] title" % n), _series(series, "panels[%d] series" % n)))
    decades = _decades([s for _, series in checked for s in series])
    body = []
    bottom = PANEL_HEIGHT - 10.0
    for n, (title, series) in enumerate(checked):
        left, top, width, height = PLOT
        panel, end = _loss_panel(series, title, (left + PANEL_WIDTH * n, top, width, height), decades)
        body.extend(panel)
        bottom = max(bottom, end)
    return svg.document(PANEL_WIDTH * len(checked) + 20, bottom + 10, body)


def confusion_matrix(counts, names: "list[str] | None" = None, title: str = "confusion matrix") -> Picture:
    """Return a picture of ``counts[a][p]``: how many of class a (a row) were predicted as class p (a column).

    ``counts`` is a square list of lists of ints, 0 or more, at most
    ``MAX_CLASSES`` rows; ``names`` None or one str per class; ``title`` a str.
    A cell's shade is its share of its row, so each class reads on its own.
    """
    rows = _counts(counts)
    k = len(rows)
    if names is None:
        names = ["%d" % n for n in range(k)]
    labels = [_text(name, "names[%d]" % n) for n, name in enumerate(_sequence(names, "names", "a list of str"))]
    if len(labels) != k:
        raise ShapeError("names has %d entries but counts has %d classes" % (len(labels), k))
    title = _text(title, "title")
    shown = [name if len(name) <= 14 else name[:13] + "\u2026" for name in labels]
    side = max(12, min(100, 400 // k))
    left, top = 44 + 8 * max(len(name) for name in shown), 80
    out = [svg.title(left + side * k / 2, 24, title)]
    out.append(svg.text(left + side * k / 2, 50, "predicted", 'text-anchor="middle" ' + svg.FONT, cls="label"))
    out.append('<text class="label" transform="translate(%d,%.1f) rotate(-90)" text-anchor="middle" %s>actual</text>'
               % (22, top + side * k / 2, svg.FONT))
    for n, name in enumerate(shown):
        out.append(svg.text(left + side * (n + 0.5), top - 8, name, 'text-anchor="middle" ' + svg.FONT))
        out.append(svg.text(left - 8, top + side * (n + 0.5) + 5, name, 'text-anchor="end" ' + svg.FONT))
    diagonal, total = 0, 0
    for a, row in enumerate(rows):
        out += _confusion_row(row, a, (left, top, side))
        diagonal += row[a]
        for count in row:
            total += count
    note = "%d of %d on the diagonal (predicted right)" % (diagonal, total)
    out.append(svg.text(left, top + side * k + 26, note, svg.FONT))
    width = max(left + side * k + 20, left + 8 * len(note) + 20)
    return Picture(svg.document(width, top + side * k + 40, out), "confusion matrix")


def _confusion_row(row: "list[int]", a: int, grid: "tuple[float, float, float]") -> "list[str]":
    """One row of the confusion matrix: each cell shaded by its share of the row, its count written in it."""
    left, top, side = grid
    total = 0
    for count in row:
        total += count
    out = []
    for p, count in enumerate(row):
        share = count / total if total else 0.0
        strength = 0.04 + 0.86 * share
        fill = "#%02x%02x%02x" % tuple(int(round(255 + (v - 255) * strength)) for v in (33, 102, 172))
        x, y = left + side * p, top + side * a
        out.append('<rect class="cell" data-actual="%d" data-predicted="%d" data-count="%d" x="%.1f" y="%.1f" '
                   'width="%d" height="%d" fill="%s" stroke="%s" stroke-width="%d"/>'
                   % (a, p, count, x, y, side, side, fill, "black" if a == p else "#999999", 2 if a == p else 1))
        ink = "white" if strength > 0.5 else "black"
        out.append(svg.text(x + side / 2, y + side / 2 + 5, "%d" % count,
                            'text-anchor="middle" fill="%s" %s' % (ink, svg.FONT), cls="count"))
    return out


def sparkline(values: "list[float]", width: int = 40, ascii_only: bool = False) -> str:
    """Return a one-line picture of ``values`` on a log scale, ``width`` characters at most.

    Each character is the mean of a run of consecutive positive values; the
    lowest level is the smallest, the highest the largest. Values of 0 or less
    are left out (a log scale has no place for them); with none left, the
    line is empty. ``values`` must be finite real numbers (a list or tuple),
    ``width`` an int from 1 to ``MAX_SPARKLINE_WIDTH``, ``ascii_only`` a bool.

    >>> sparkline([1.0, 0.1, 0.01, 0.001], ascii_only=True)
    '@*-_'
    """
    numbers = [checks.real(v, "values[%d]" % i) for i, v in enumerate(_sequence(values, "values", "a list of numbers"))]
    width = checks.size(width, "width", MAX_SPARKLINE_WIDTH)
    if not isinstance(ascii_only, bool):
        raise BadArgumentError("ascii_only must be True or False, got %s" % checks.describe(ascii_only))
    levels = ASCII_LEVELS if ascii_only else BLOCKS
    positive = [v for v in numbers if v > 0.0]
    if not positive:
        return ""
    buckets = min(width, len(positive))
    logs = []
    for b in range(buckets):
        chunk = positive[b * len(positive) // buckets:(b + 1) * len(positive) // buckets]
        total = 0.0
        for v in chunk:
            total += v
        logs.append(math.log10(total / len(chunk)))
    low, high = min(logs), max(logs)
    if high == low:
        return levels[len(levels) // 2] * buckets
    top = len(levels) - 1
    return "".join(levels[int(round(top * (v - low) / (high - low)))] for v in logs)


# -- checking -------------------------------------------------------------------------

def _sequence(value: object, name: str, expected: str) -> list:
    """Return a list or tuple as a list; raise BadArgumentError naming ``name`` otherwise."""
    if not isinstance(value, (list, tuple)):
        raise BadArgumentError("%s must be %s, got %s" % (name, expected, checks.describe(value)))
    return list(value)


def _pair(value: object, name: str, expected: str) -> "tuple[object, object]":
    """Return the two items of a 2-item list or tuple; raise BadArgumentError naming ``name`` otherwise."""
    items = _sequence(value, name, expected)
    if len(items) != 2:
        raise BadArgumentError("%s must be %s, got %d items" % (name, expected, len(items)))
    return items[0], items[1]


def _text(value: object, name: str) -> str:
    """Return ``value`` if it is a str; raise BadArgumentError naming ``name`` otherwise."""
    if not isinstance(value, str):
        raise BadArgumentError("%s must be a str, got %s" % (name, checks.describe(value)))
    return value


def _quoted(name: str) -> str:
    """A series name for a message: its repr, cut to 40 characters."""
    text = repr(name)
    return text if len(text) <= 40 else text[:37] + "..."


def _series(series: object, where: str) -> "list[tuple[str, list[tuple[float, float]]]]":
    """Return a checked copy of ``series`` as (name, [(epoch, loss), ...]) with floats; raise naming ``where``."""
    items = _sequence(series, where, "a list of (name, [(epoch, loss), ...]) pairs")
    if not items:
        raise ShapeError("%s is empty; a loss curve needs at least one (name, [(epoch, loss), ...])" % where)
    checked = []
    for n, item in enumerate(items):
        name, pairs = _pair(item, "%s[%d]" % (where, n), SERIES)
        name = _text(name, "%s[%d] name" % (where, n))
        label = "%s[%d] (%s)" % (where, n, _quoted(name))
        points = _sequence(pairs, label + " points", "a list of (epoch, loss) pairs")
        if not points:
            raise ShapeError("%s has no points; each series needs at least one (epoch, loss)" % label)
        checked.append((name, [_point(point, i, label) for i, point in enumerate(points)]))
    return checked


def _point(point: object, i: int, label: str) -> "tuple[float, float]":
    """Return (epoch, loss) as finite floats, epoch 0 or more; raise naming the index and the series."""
    epoch, loss = _pair(point, "point %d of %s" % (i, label), "an (epoch, loss) pair")
    epoch = checks.real(epoch, "the epoch at index %d of %s" % (i, label))
    if epoch < 0.0:
        raise BadHyperparameterError("the epoch at index %d of %s must be 0 or more, got %r" % (i, label, epoch))
    return epoch, checks.real(loss, "the loss at index %d of %s" % (i, label))


def _thinned(values: object, where: str) -> "list[tuple[float, float]]":
    """Return (epoch, loss) for a history: every epoch, or past MAX_CURVE_POINTS each run's lowest and highest."""
    if not isinstance(values, list):
        raise BadArgumentError("%s must be a list of losses, got %s" % (where, checks.describe(values)))
    losses = [v if type(v) is float and math.isfinite(v) else checks.real(v, "%s[%d]" % (where, i))
              for i, v in enumerate(values)]  # the test of a float first: a long history is checked fast
    if len(losses) <= MAX_CURVE_POINTS:
        return [(float(epoch), loss) for epoch, loss in enumerate(losses)]
    run = -(-len(losses) * 2 // MAX_CURVE_POINTS)  # epochs a run: two points each, at most MAX_CURVE_POINTS
    kept = []
    for start in range(0, len(losses), run):
        lowest = highest = start
        for epoch in range(start + 1, min(start + run, len(losses))):
            if losses[epoch] < losses[lowest]:
                lowest = epoch
            if losses[epoch] > losses[highest]:
                highest = epoch
        kept += sorted({lowest, highest})
    if kept[-1] != len(losses) - 1:
        kept.append(len(losses) - 1)  # the curve ends where training did
    return [(float(epoch), losses[epoch]) for epoch in kept]


def _counts(counts: object) -> "list[list[int]]":
    """Return ``counts`` checked: a square list of lists of ints, 0 or more, 1 to MAX_CLASSES rows."""
    rows = _sequence(counts, "counts", "a list of rows of counts (ints)")
    if not rows:
        raise ShapeError("counts has no rows; a confusion matrix needs at least one class")
    if len(rows) > MAX_CLASSES:
        raise BadSizeError("counts has %d rows; a confusion matrix has at most %d classes (MAX_CLASSES)"
                           % (len(rows), MAX_CLASSES))
    checked = []
    for a, row in enumerate(rows):
        entries = _sequence(row, "counts[%d]" % a, "a list of counts (ints)")
        if len(entries) != len(rows):
            raise ShapeError("counts[%d] has %d entries but counts has %d rows; a confusion matrix is square"
                             % (a, len(entries), len(rows)))
        checked.append([checks.integer(count, "counts[%d][%d]" % (a, p)) for p, count in enumerate(entries)])
        for p, count in enumerate(checked[-1]):
            if count < 0:
                raise BadSizeError("counts[%d][%d] must be 0 or more, got %s" % (a, p, checks.shown(count)))
    return checked


# -- drawing ---------------------------------------------------------------------------

def _decades(series) -> "tuple[int, int]":
    """Return the powers of ten just below and above every positive loss in ``series`` (-1 and 0 if none)."""
    values = [v for _, pairs in series for _, v in pairs if v > 0.0]
    if not values:
        return -1, 0
    low, high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    return low, max(high, low + 1)


def _decade_ticks(low: int, high: int) -> "list[int]":
    """Return the powers of ten to label from 10**low to 10**high: every k-th, k = 1, 2, 5, 10, 20..., at most 8.

    >>> _decade_ticks(-1, 2), _decade_ticks(-324, 309)
    ([-1, 0, 1, 2], [-300, -200, -100, 0, 100, 200, 300])
    """
    step, factors = 1, (2, 5 / 2, 2)  # 1, 2, 5, 10, 20, 50, ...: each times 2, 2.5, 2 in turn
    n = 0
    while high // step - (-(-low // step)) + 1 > MOST_TICKS:
        step = int(step * factors[n % 3])
        n += 1
    return list(range(-(-low // step) * step, high + 1, step))


def _epoch_ticks(x_max: float) -> "list[float]":
    """Return the epochs 0, step, 2 step, ... up to ``x_max`` (``svg.nice_step``)."""
    step = svg.nice_step(x_max)
    ticks, tick = [], 0.0
    while tick <= x_max + 1e-9:
        ticks.append(tick)
        tick += step
    return ticks


def _loss_panel(series, title: str, box: "tuple[float, float, float, float]",
                decades: "tuple[int, int]") -> "tuple[list[str], float]":
    """Return one loss plot in ``box`` (left, top, width, height): title, axes, curves, legend; and its bottom."""
    left, top, width, height = box
    low, high = decades
    x_max = max([e for _, pairs in series for e, v in pairs if v > 0.0] + [1])
    px = lambda e: left + width * e / x_max  # noqa: E731
    # y = top at 10**high, top + height at 10**low; a power of ten p sits at log10 = p exactly
    py = lambda log: top + height * (high - log) / (high - low)  # noqa: E731
    out = [svg.title(left + width / 2, top - 14, title)]
    out += svg.x_axis(left, left + width, top + height,
                      [(px(t), svg.number_label(t)) for t in _epoch_ticks(x_max)], "epoch")
    out += svg.y_axis(top, top + height, left, [(py(p), "1e%d" % p) for p in _decade_ticks(low, high)],
                      "loss (log scale)", 58, grid_to=left + width)
    curves = []
    for n, (name, pairs) in enumerate(series):
        colour = svg.COLOURS[n % len(svg.COLOURS)]
        drawn = [(px(e), py(math.log10(v))) for e, v in pairs if v > 0.0]
        d = " ".join("%s%.2f,%.2f" % ("M" if i == 0 else "L", x, y) for i, (x, y) in enumerate(drawn))
        out.append('<path class="loss" data-series="%s" data-points="%d" d="%s" fill="none" stroke="%s" '
                   'stroke-width="2"/>' % (svg.escape(name), len(drawn), d, colour))
        if len(drawn) == 1:  # a path of one point draws nothing: show the point itself
            out.append('<circle class="loss-point" cx="%.2f" cy="%.2f" r="4" fill="%s"/>' % (drawn[0] + (colour,)))
        curves.append(drawn)
    if not any(curves):
        note = "no epochs yet: train the network" if not series else "no loss above 0 to draw on a log scale"
        out.append(svg.text(left + width / 2, top + height / 2, note, 'text-anchor="middle" ' + svg.FONT))
    legend, bottom = _legend([name for name, _ in series], curves, box)
    return out + legend, bottom


def _legend(names: "list[str]", curves: "list[list[tuple[float, float]]]",
            box: "tuple[float, float, float, float]") -> "tuple[list[str], float]":
    """Return the g.legend in the first corner of the plot that no curve crosses (else below it), and its bottom."""
    if not names:
        return [], box[1] + box[3] + 46
    left, top, width, height = box
    w, h = 48 + 7.8 * max(len(name) for name in names), 12 + 22 * len(names)  # 7.8: a wide 14-pixel character
    pad = 10
    xs = (left + width - w - pad, left + pad, left + (width - w) / 2)  # right, left, centre
    ys = [top + pad, top + height - h - pad] + [top + pad + (height - h - 2 * pad) * f for f in (0.5, 0.25, 0.75)]
    inside = [(x, y) for y in ys for x in xs] if w + 2 * pad <= width and h + 2 * pad <= height else []
    # the corners first, then the middles of the edges and the centre; if curves pass through all of
    # them, below the axis label, where nothing can be covered
    place = next(((x, y) for x, y in inside if not _crossed((x, y, w, h), curves)), (left, top + height + 52))
    x, y = place
    out = ['<g class="legend">', '<rect class="legend-box" x="%.1f" y="%.1f" width="%.1f" height="%.1f" '
           'fill="white" stroke="#999999"/>' % (x, y, w, h)]
    for n, name in enumerate(names):
        row = y + 17 + 22 * n
        out.append(svg.line(x + 10, row, x + 38, row, svg.COLOURS[n % len(svg.COLOURS)], width=2))
        out.append(svg.text(x + 44, row + 5, name, svg.FONT))
    out.append("</g>")
    return out, max(y + h, top + height + 46)


def _crossed(box: "tuple[float, float, float, float]", curves: "list[list[tuple[float, float]]]") -> bool:
    """Return True if a curve (a line of points, or one point with its marker) passes within 5 units of ``box``."""
    x, y, w, h = box
    grown = (x - 5, y - 5, x + w + 5, y + h + 5)
    for points in curves:
        pairs = list(zip(points, points[1:])) or [(p, p) for p in points]
        for (x0, y0), (x1, y1) in pairs:
            if _segment_meets(grown, x0, y0, x1, y1):
                return True
    return False


def _segment_meets(box: "tuple[float, float, float, float]", x0: float, y0: float, x1: float, y1: float) -> bool:
    """Return True if the segment (x0, y0)-(x1, y1) meets the rectangle (left, top, right, bottom).

    Liang-Barsky clipping: the segment is x0 + t dx for t in [0, 1]; each edge
    narrows the range of t inside; the segment meets the box if some t is left.
    """
    left, top, right, bottom = box
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0.0:
            if q < 0.0:
                return False  # parallel to this edge and outside it
            continue
        t = q / p
        if p < 0.0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True

"""Pictures without dependencies: SVG loss curves, a decision map, a terminal sparkline.

Everything here writes plain SVG 1.1 text that any browser opens (built by
``svg.py``). The elements a reader (or a test) looks for carry a class:

- loss curve: ``g.x-axis``, ``g.y-axis`` (ticks and labels), one
  ``path.loss`` per series with one point per logged epoch (``data-points``);
  the y axis is logarithmic.
- decision map (``decision.py``, imported here): ``rect.cell``,
  ``path.contour``, ``circle.point`` and the axes.

A series is ``(name, [(epoch, loss), ...])``. Every argument is checked before
anything is drawn, and an error names the argument, the series and the index:
epochs must be finite numbers, 0 or more; losses must be finite numbers. A
loss of 0 or less has no place on a log scale and is left out of its curve
(``data-points`` counts what is drawn); an infinite or nan loss is refused
with ``NonFiniteError``, since a curve that silently dropped the epoch where
training blew up would hide the one thing worth seeing.
"""

import math

from . import svg
from .core import checks
from .decision import decision_map_svg

__all__ = ["loss_curve_svg", "loss_panels_svg", "decision_map_svg", "sparkline", "MAX_SPARKLINE_WIDTH"]

MAX_SPARKLINE_WIDTH = 10000  # characters; a terminal line is about 80
BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
ASCII_LEVELS = "_.-~=*#@"
SERIES = "a (name, [(epoch, loss), ...]) pair"


def loss_curve_svg(series, title: str = "loss") -> str:
    """Return an SVG of loss against epoch (log y) for ``series``: [(name, [(epoch, loss), ...]), ...].

    Raises ``TypeError`` or ``ValueError`` naming the series and the index of a bad value (module docstring).
    """
    checked = _series(series, "series")
    title = _text(title, "title")
    return svg.document(640, 420, _loss_panel(checked, title, (80, 40, 530, 320), _decades(checked)))


def loss_panels_svg(panels) -> str:
    """Return an SVG of loss plots side by side, on one y scale; ``panels`` is [(title, series), ...].

    Each ``series`` is as for ``loss_curve_svg``, and is checked the same way.
    """
    items = _sequence(panels, "panels", "a list of (title, series) pairs")
    if not items:
        raise ValueError("panels is empty; give at least one (title, series) pair")
    checked = []
    for n, item in enumerate(items):
        title, series = _pair(item, "panels[%d]" % n, "a (title, series) pair")
        checked.append((_text(title, "panels[%d] title" % n), _series(series, "panels[%d] series" % n)))
    decades = _decades([s for _, series in checked for s in series])
    body = []
    for n, (title, series) in enumerate(checked):
        body.extend(_loss_panel(series, title, (80 + 600 * n, 40, 480, 320), decades))
    return svg.document(600 * len(checked) + 40, 420, body)


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
        raise TypeError("ascii_only must be True or False, got %s" % checks.describe(ascii_only))
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
    """Return a list or tuple as a list; raise TypeError naming ``name`` otherwise."""
    if not isinstance(value, (list, tuple)):
        raise TypeError("%s must be %s, got %s" % (name, expected, checks.describe(value)))
    return list(value)


def _pair(value: object, name: str, expected: str) -> "tuple[object, object]":
    """Return the two items of a 2-item list or tuple; raise TypeError naming ``name`` otherwise."""
    items = _sequence(value, name, expected)
    if len(items) != 2:
        raise TypeError("%s must be %s, got %d items" % (name, expected, len(items)))
    return items[0], items[1]


def _text(value: object, name: str) -> str:
    """Return ``value`` if it is a str; raise TypeError naming ``name`` otherwise."""
    if not isinstance(value, str):
        raise TypeError("%s must be a str, got %s" % (name, checks.describe(value)))
    return value


def _quoted(name: str) -> str:
    """A series name for a message: its repr, cut to 40 characters."""
    text = repr(name)
    return text if len(text) <= 40 else text[:37] + "..."


def _series(series: object, where: str) -> "list[tuple[str, list[tuple[float, float]]]]":
    """Return a checked copy of ``series`` as (name, [(epoch, loss), ...]) with floats; raise naming ``where``."""
    items = _sequence(series, where, "a list of (name, [(epoch, loss), ...]) pairs")
    if not items:
        raise ValueError("%s is empty; a loss curve needs at least one (name, [(epoch, loss), ...])" % where)
    checked = []
    for n, item in enumerate(items):
        name, pairs = _pair(item, "%s[%d]" % (where, n), SERIES)
        name = _text(name, "%s[%d] name" % (where, n))
        label = "%s[%d] (%s)" % (where, n, _quoted(name))
        points = _sequence(pairs, label + " points", "a list of (epoch, loss) pairs")
        if not points:
            raise ValueError("%s has no points; each series needs at least one (epoch, loss)" % label)
        checked.append((name, [_point(point, i, label) for i, point in enumerate(points)]))
    return checked


def _point(point: object, i: int, label: str) -> "tuple[float, float]":
    """Return (epoch, loss) as finite floats, epoch 0 or more; raise naming the index and the series."""
    epoch, loss = _pair(point, "point %d of %s" % (i, label), "an (epoch, loss) pair")
    epoch = checks.real(epoch, "the epoch at index %d of %s" % (i, label))
    if epoch < 0.0:
        raise ValueError("the epoch at index %d of %s must be 0 or more, got %r" % (i, label, epoch))
    return epoch, checks.real(loss, "the loss at index %d of %s" % (i, label))


# -- drawing ---------------------------------------------------------------------------

def _decades(series) -> "tuple[int, int]":
    """Return the powers of ten just below and above every positive loss in ``series``."""
    values = [v for _, pairs in series for _, v in pairs if v > 0.0]
    if not values:
        raise ValueError("a loss curve needs at least one positive loss (a log scale has no place for 0 or less)")
    low, high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    return low, max(high, low + 1)


def _epoch_ticks(x_max: float) -> "list[float]":
    """Return the epochs 0, step, 2 step, ... up to ``x_max`` (``svg.nice_step``)."""
    step = svg.nice_step(x_max)
    ticks, tick = [], 0.0
    while tick <= x_max + 1e-9:
        ticks.append(tick)
        tick += step
    return ticks


def _loss_panel(series, title: str, box: "tuple[float, float, float, float]",
                decades: "tuple[int, int]") -> "list[str]":
    """Return one loss plot in ``box`` (left, top, width, height): title, axes, curves, legend."""
    left, top, width, height = box
    low, high = decades
    x_max = max([e for _, pairs in series for e, v in pairs if v > 0.0] + [1])
    px = lambda e: left + width * e / x_max  # noqa: E731
    # y = top at 10**high, top + height at 10**low; a power of ten p sits at log10 = p exactly
    py = lambda log: top + height * (high - log) / (high - low)  # noqa: E731
    out = [svg.title(left + width / 2, top - 10, title)]
    out += svg.x_axis(left, left + width, top + height,
                      [(px(t), svg.number_label(t)) for t in _epoch_ticks(x_max)], "epoch")
    out += svg.y_axis(top, top + height, left, [(py(p), "1e%d" % p) for p in range(low, high + 1)],
                      "loss (log scale)", 48, grid_to=left + width)
    for n, (name, pairs) in enumerate(series):
        colour = svg.COLOURS[n % len(svg.COLOURS)]
        drawn = [(e, v) for e, v in pairs if v > 0.0]
        d = " ".join("%s%.2f,%.2f" % ("M" if i == 0 else "L", px(e), py(math.log10(v)))
                     for i, (e, v) in enumerate(drawn))
        out.append('<path class="loss" data-series="%s" data-points="%d" d="%s" fill="none" stroke="%s" '
                   'stroke-width="2"/>' % (svg.escape(name), len(drawn), d, colour))
        legend_y = top + 16 + 18 * n
        out.append(svg.line(left + width - 215, legend_y, left + width - 195, legend_y, colour, width=2))
        out.append(svg.text(left + width - 190, legend_y + 4, name, svg.FONT))
    return out

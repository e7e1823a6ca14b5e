"""Pictures without dependencies: SVG loss curves, a decision map, a terminal sparkline.

Everything here writes plain SVG 1.1 text that any browser opens. The
elements a reader (or a test) looks for carry a class:

- loss curve: ``g.x-axis``, ``g.y-axis`` (ticks and labels), one
  ``path.loss`` per series with one point per logged epoch (``data-points``);
  the y axis is logarithmic.
- decision map: ``rect.cell`` (the prediction as a colour, blue 0 to white
  0.5 to red 1), ``path.contour`` (where the prediction crosses 0.5),
  ``circle.point`` (the training points, ``data-target``), and the axes.
"""

import math

__all__ = ["loss_curve_svg", "loss_panels_svg", "decision_map_svg", "sparkline"]

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")
FONT = 'font-family="sans-serif" font-size="12"'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _nice_step(span: float, target: int = 6) -> float:
    """Return a step of 1, 2 or 5 times a power of ten giving about ``target`` ticks over ``span``."""
    raw = span / target
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if raw <= factor * power:
            return factor * power
    return 10.0 * power


def _label(value: float) -> str:
    return "%g" % value


def _svg(width: int, height: int, body: "list[str]") -> str:
    head = ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">'
            % (width, height, width, height))
    return "\n".join([head, '<rect width="100%" height="100%" fill="white"/>'] + body + ["</svg>"]) + "\n"


def _decades(series) -> "tuple[int, int]":
    """Return the powers of ten just below and above every positive loss in ``series``."""
    values = [v for _, pairs in series for _, v in pairs if v > 0.0]
    if not values:
        raise ValueError("a loss curve needs at least one positive loss")
    low, high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    return low, max(high, low + 1)


def _loss_panel(series, title: str, left: float, top: float, width: float, height: float,
                decades=None) -> "list[str]":
    """Return the SVG elements of one loss plot: axes, ticks, a log-y path per series, a legend."""
    low, high = _decades(series) if decades is None else decades
    points = [(e, v) for _, pairs in series for e, v in pairs if v > 0.0]
    x_max = max(max(e for e, _ in points), 1)
    px = lambda e: left + width * e / x_max  # noqa: E731
    py = lambda v: top + height * (high - math.log10(v)) / (high - low)  # noqa: E731
    out = ['<text x="%.1f" y="%.1f" text-anchor="middle" %s font-weight="bold">%s</text>'
           % (left + width / 2, top - 10, FONT, _escape(title))]
    # the x axis: epochs, linear
    out.append('<g class="x-axis" %s>' % FONT)
    out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black"/>'
               % (left, top + height, left + width, top + height))
    step = _nice_step(x_max)
    tick = 0.0
    while tick <= x_max + 1e-9:
        x = px(tick)
        out.append('<line class="tick" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black"/>'
                   % (x, top + height, x, top + height + 5))
        out.append('<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>' % (x, top + height + 18, _label(tick)))
        tick += step
    out.append('<text class="label" x="%.1f" y="%.1f" text-anchor="middle">epoch</text>'
               % (left + width / 2, top + height + 36))
    out.append("</g>")
    # the y axis: loss, one tick per power of ten
    out.append('<g class="y-axis" %s>' % FONT)
    out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black"/>' % (left, top, left, top + height))
    for power in range(low, high + 1):
        y = py(10.0 ** power)
        out.append('<line class="tick" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black"/>'
                   % (left - 5, y, left, y))
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#dddddd"/>' % (left, y, left + width, y))
        out.append('<text x="%.1f" y="%.1f" text-anchor="end">1e%d</text>' % (left - 8, y + 4, power))
    out.append('<text class="label" transform="translate(%.1f,%.1f) rotate(-90)" text-anchor="middle">'
               'loss (log scale)</text>' % (left - 48, top + height / 2))
    out.append("</g>")
    for n, (name, pairs) in enumerate(series):
        colour = COLOURS[n % len(COLOURS)]
        drawn = [(e, v) for e, v in pairs if v > 0.0]
        d = " ".join("%s%.2f,%.2f" % ("M" if i == 0 else "L", px(e), py(v)) for i, (e, v) in enumerate(drawn))
        out.append('<path class="loss" data-series="%s" data-points="%d" d="%s" fill="none" stroke="%s" '
                   'stroke-width="2"/>' % (_escape(name), len(drawn), d, colour))
        ly = top + 16 + 18 * n
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"/>'
                   % (left + width - 215, ly, left + width - 195, ly, colour))
        out.append('<text x="%.1f" y="%.1f" %s>%s</text>' % (left + width - 190, ly + 4, FONT, _escape(name)))
    return out


def loss_curve_svg(series, title: str = "loss") -> str:
    """Return an SVG of loss against epoch (log y) for ``series``: [(name, [(epoch, loss), ...]), ...]."""
    return _svg(640, 420, _loss_panel(series, title, 80, 40, 530, 320))


def loss_panels_svg(panels) -> str:
    """Return an SVG of loss plots side by side, on one y scale; ``panels`` is [(title, series), ...]."""
    decades = _decades([s for _, series in panels for s in series])
    body = []
    for n, (title, series) in enumerate(panels):
        body.extend(_loss_panel(series, title, 80 + 600 * n, 40, 480, 320, decades))
    return _svg(600 * len(panels) + 40, 420, body)


def _colour(p: float) -> str:
    """Blue (0) through white (0.5) to red (1)."""
    if p < 0.5:
        t = p / 0.5
        r, g, b = 33 + (255 - 33) * t, 102 + (255 - 102) * t, 172 + (255 - 172) * t
    else:
        t = (p - 0.5) / 0.5
        r, g, b = 255 + (178 - 255) * t, 255 + (24 - 255) * t, 255 + (43 - 255) * t
    return "#%02x%02x%02x" % (int(round(r)), int(round(g)), int(round(b)))


def _contour(grid, level: float) -> "list[tuple[float, float, float, float]]":
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


def decision_map_svg(nn, X, y, low: float = -0.25, high: float = 1.25, cells: int = 40,
                     title: str = "what the network predicts") -> str:
    """Return an SVG of a 2-input network's prediction over [low, high]^2, with X, y on top."""
    if nn.input_size != 2:
        raise ValueError("a decision map needs a network with input_size 2, got %d" % nn.input_size)
    left, top, size = 70, 40, 480
    span = high - low
    px = lambda u: left + size * (u - low) / span  # noqa: E731
    py = lambda v: top + size * (high - v) / span  # noqa: E731
    # predictions at the corners of the cells: row r is x2 = low + r * step, col c is x1
    step = span / cells
    coords = [low + k * step for k in range(cells + 1)]
    grid_inputs = [[u, v] for v in coords for u in coords]
    flat = [row[0] for row in nn.predict(grid_inputs)]
    grid = [flat[r * (cells + 1):(r + 1) * (cells + 1)] for r in range(cells + 1)]
    out = ['<text x="%.1f" y="%.1f" text-anchor="middle" %s font-weight="bold">%s</text>'
           % (left + size / 2, top - 14, FONT, _escape(title))]
    cell_px = size / cells
    for r in range(cells):
        for c in range(cells):
            p = (grid[r][c] + grid[r][c + 1] + grid[r + 1][c] + grid[r + 1][c + 1]) / 4.0
            out.append('<rect class="cell" x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"/>'
                       % (px(coords[c]), py(coords[r + 1]), cell_px + 0.3, cell_px + 0.3, _colour(p)))
    d = " ".join("M%.2f,%.2f L%.2f,%.2f" % (px(low + x0 * step), py(low + y0 * step),
                                           px(low + x1 * step), py(low + y1 * step))
                 for x0, y0, x1, y1 in _contour(grid, 0.5))
    out.append('<path class="contour" d="%s" fill="none" stroke="black" stroke-width="2"/>' % d)
    for (u, v), target in zip(X, y):
        # darker than the field, with a white ring, so a point stands out on its own colour
        fill = "#67001f" if target[0] >= 0.5 else "#053061"
        out.append('<circle class="point" data-target="%g" cx="%.2f" cy="%.2f" r="9" fill="%s" stroke="white" '
                   'stroke-width="3"/>' % (target[0], px(u), py(v), fill))
    out.append('<g class="x-axis" %s>' % FONT)
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, top + size, left + size, top + size))
    for tick in (0.0, 0.5, 1.0):
        out.append('<line class="tick" x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="black"/>'
                   % (px(tick), top + size, px(tick), top + size + 5))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (px(tick), top + size + 18, _label(tick)))
    out.append('<text class="label" x="%.1f" y="%d" text-anchor="middle">x1 (first input)</text>'
               % (left + size / 2, top + size + 36))
    out.append("</g>")
    out.append('<g class="y-axis" %s>' % FONT)
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, top, left, top + size))
    for tick in (0.0, 0.5, 1.0):
        out.append('<line class="tick" x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="black"/>'
                   % (left - 5, py(tick), left, py(tick)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (left - 8, py(tick) + 4, _label(tick)))
    out.append('<text class="label" transform="translate(%d,%.1f) rotate(-90)" text-anchor="middle">'
               'x2 (second input)</text>' % (left - 40, top + size / 2))
    out.append("</g>")
    legend_x = left + size + 20
    for n, (p, text) in enumerate(((1.0, "predicts 1"), (0.5, "0.5 (the contour)"), (0.0, "predicts 0"))):
        out.append('<rect x="%d" y="%d" width="16" height="16" fill="%s" stroke="black"/>'
                   % (legend_x, top + 24 * n, _colour(p)))
        out.append('<text x="%d" y="%d" %s>%s</text>' % (legend_x + 22, top + 24 * n + 13, FONT, text))
    for n, (fill, text) in enumerate((("#67001f", "training point, target 1"), ("#053061", "training point, target 0"))):
        out.append('<circle cx="%d" cy="%d" r="8" fill="%s" stroke="white" stroke-width="2"/>'
                   % (legend_x + 8, top + 96 + 24 * n, fill))
        out.append('<text x="%d" y="%d" %s>%s</text>' % (legend_x + 22, top + 100 + 24 * n, FONT, text))
    return _svg(left + size + 190, top + size + 60, out)


BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
ASCII_LEVELS = "_.-~=*#@"


def sparkline(values: "list[float]", width: int = 40, ascii_only: bool = False) -> str:
    """Return a one-line picture of ``values`` on a log scale, ``width`` characters at most.

    Each character is the mean of a run of consecutive values; the lowest
    level is the smallest, the highest the largest.

    >>> sparkline([1.0, 0.1, 0.01, 0.001], ascii_only=True)
    '@*-_'
    """
    levels = ASCII_LEVELS if ascii_only else BLOCKS
    positive = [v for v in values if v > 0.0]
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

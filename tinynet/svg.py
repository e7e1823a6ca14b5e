"""SVG 1.1 text for tinynet's pictures: the document, lines, text, labelled axes, and ``Picture``.

Plain string building, no dependencies; ``plot`` and ``decision`` draw with
these. Coordinates are pixels from the top left, written with one decimal.
Every text given is escaped, so a title may hold ``<`` or ``&``.

A document scales to its container (``width="100%"`` and a ``viewBox``, up to
its own size), so a page or a notebook 400 pixels wide shows all of it; the
text is 14 pixels high, still about 10 at that width.
"""

import math
import os  # noqa: F401  (os.PathLike, in a type hint)

from .core import checks
from .core.errors import BadArgumentError
from .serialize import files

__all__ = ["FONT", "COLOURS", "Picture", "escape", "document", "line", "text", "title", "x_axis", "y_axis",
           "nice_step", "number_label", "linear_ticks", "tick_labels"]

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")  # one per series, in turn
FONT = 'font-family="sans-serif" font-size="14"'


class Picture:
    """An SVG picture: ``str(picture)`` is the SVG text, a notebook shows it inline, ``save`` writes it.

    ``plot.loss_curve``, ``plot.decision_map`` and ``plot.confusion_matrix``
    return one; ``what`` says what it shows (its ``repr``).
    """

    def __init__(self, svg: str, what: str = "picture") -> None:
        if not isinstance(svg, str) or not svg.startswith("<svg"):
            raise BadArgumentError("svg must be the text of an SVG document (a str starting '<svg'), got %s"
                                   % checks.describe(svg))
        if not isinstance(what, str):
            raise BadArgumentError("what must be a str, got %s" % checks.describe(what))
        self._svg, self._what = svg, what

    def __str__(self) -> str:
        return self._svg

    def __repr__(self) -> str:
        return "<Picture: %s, %d characters of SVG>" % (self._what, len(self._svg))

    def _repr_svg_(self) -> str:
        """Return the SVG text: Jupyter, VS Code and Colab call this to show the picture inline."""
        return self._svg

    def save(self, path: "str | bytes | os.PathLike[str]") -> None:
        """Write the SVG text to ``path``, as ``tinynet.save`` writes a model (``serialize.files.write_text``).

        All of it or nothing: an existing file is replaced only once the new
        text is on disk, through any symbolic link; a folder, a FIFO, a device
        or a read-only file is refused, naming ``path``.
        """
        files.write_text(path, self._svg)


def escape(content: str) -> str:
    """Return ``content`` with the characters XML gives a meaning (& < > ") written as entities.

    >>> escape('a < b & "c"')
    'a &lt; b &amp; &quot;c&quot;'
    """
    return content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def document(width: float, height: float, body: "list[str]") -> str:
    """Return a whole SVG document of ``width`` x ``height`` units, as wide as its container: a white page, ``body``."""
    # width 100% and the viewBox: the picture scales to its container, keeping its shape, up to its own size
    head = ('<svg xmlns="http://www.w3.org/2000/svg" width="100%%" viewBox="0 0 %d %d" style="max-width: %dpx">'
            % (width, height, width))
    return "\n".join([head, '<rect width="100%" height="100%" fill="white"/>'] + body + ["</svg>"]) + "\n"


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = "black", cls: str = "",
         width: int = 0) -> str:
    """Return a <line> from (x1, y1) to (x2, y2); ``cls`` and a stroke ``width`` only if given."""
    return '<line%s x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"%s/>' % (
        ' class="%s"' % cls if cls else "", x1, y1, x2, y2, stroke,
        ' stroke-width="%d"' % width if width else "")


def text(x: float, y: float, content: str, attributes: str = "", cls: str = "") -> str:
    """Return a <text> at (x, y) holding ``content``; ``attributes`` (raw SVG) follow the position."""
    return '<text%s x="%.1f" y="%.1f"%s>%s</text>' % (
        ' class="%s"' % cls if cls else "", x, y, " " + attributes if attributes else "", escape(content))


def title(x: float, y: float, content: str) -> str:
    """Return a bold, centred <text> at (x, y): a picture's or a panel's title."""
    return text(x, y, content, 'text-anchor="middle" %s font-weight="bold"' % FONT)


def x_axis(left: float, right: float, y: float, ticks: "list[tuple[float, str]]", label: str) -> "list[str]":
    """Return a g.x-axis: a line at height ``y``, a tick and its text at each (x, text), ``label`` below."""
    out = ['<g class="x-axis" %s>' % FONT, line(left, y, right, y)]
    for x, tick in ticks:
        out.append(line(x, y, x, y + 5, cls="tick"))
        out.append(text(x, y + 18, tick, 'text-anchor="middle"'))
    out.append(text((left + right) / 2, y + 36, label, 'text-anchor="middle"', cls="label"))
    out.append("</g>")
    return out


def y_axis(top: float, bottom: float, x: float, ticks: "list[tuple[float, str]]", label: str,
           label_offset: float, grid_to: "float | None" = None) -> "list[str]":
    """Return a g.y-axis: a line at ``x``, a tick and its text at each (y, text), ``label`` turned upright.

    With ``grid_to``, each tick also gets a light grid line across to that x.
    """
    out = ['<g class="y-axis" %s>' % FONT, line(x, top, x, bottom)]
    for y, tick in ticks:
        out.append(line(x - 5, y, x, y, cls="tick"))
        if grid_to is not None:
            out.append(line(x, y, grid_to, y, stroke="#dddddd"))
        out.append(text(x - 8, y + 4, tick, 'text-anchor="end"'))
    out.append('<text class="label" transform="translate(%.1f,%.1f) rotate(-90)" text-anchor="middle">%s</text>'
               % (x - label_offset, (top + bottom) / 2, escape(label)))
    out.append("</g>")
    return out


def nice_step(span: float, target: int = 6) -> float:
    """Return a step of 1, 2 or 5 times a power of ten giving about ``target`` ticks over ``span`` > 0.

    >>> nice_step(10000), nice_step(3)
    (2000.0, 0.5)
    """
    raw = span / target
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if raw <= factor * power:
            return factor * power
    return 10.0 * power


def number_label(value: float) -> str:
    """Return a tick's text: ``value`` in its shortest ``%g`` form.

    >>> number_label(2000.0), number_label(0.5)
    ('2000', '0.5')
    """
    return "%g" % value


def linear_ticks(low: float, high: float) -> "list[float]":
    """Return at most 7 round values (multiples of ``nice_step``) from ``low`` to ``high``, finite, low < high.

    >>> linear_ticks(-0.25, 1.25), linear_ticks(4990.0, 5110.0)
    ([0.0, 0.5, 1.0], [5000.0, 5020.0, 5040.0, 5060.0, 5080.0, 5100.0])
    """
    span = high - low
    if not math.isfinite(span):  # from -1e308 to 1e308: halve both ends, then double the step
        step = 2.0 * nice_step(high / 2.0 - low / 2.0)
    elif span >= 1e-290:  # nice_step's power of ten must stay a normal float
        step = nice_step(span)
    else:
        return [low, high]
    ticks = []  # type: list[float]
    k = math.ceil(low / step)
    while k * step <= high and len(ticks) < 8:
        ticks.append(k * step + 0.0)  # + 0.0: no tick labelled -0
        k += 1
    return ticks


def tick_labels(values: "list[float]") -> "list[str]":
    """Return ``values`` as labels, with as few digits as keep them apart (``%g`` at least).

    >>> tick_labels([5000.0, 5050.0, 5100.0]), tick_labels([1e300, 1.0000001e300])
    (['5000', '5050', '5100'], ['1e+300', '1.0000001e+300'])
    """
    for digits in range(6, 18):
        labels = ["%.*g" % (digits, v) for v in values]
        if len(set(labels)) == len(labels):
            return labels
    return [repr(v) for v in values]

"""A progress line on standard error for long training runs, for people watching a terminal.

It appears only when the stream is a terminal and training has run for more
than ``delay`` seconds, so pipes, logs and short runs never see it:

    epoch 5200/10000  1.3 s  4012 epochs/s  loss 0.0123

The line ends in no newline (it is redrawn in place), so a line printed on the
same terminal meanwhile would be glued to it. Print through ``write_line``: on
a terminal it erases the progress line, prints, and draws the progress again
below. ``train_shown`` trains a network that way: the tutorial's loss lines on
standard output, the progress line on standard error.
"""

import sys
import time

from .core import checks
from .core.errors import BadHyperparameterError
from .core.network import NeuralNetwork, loss_line

__all__ = ["Progress", "is_terminal", "train_shown"]

def is_terminal(stream: object) -> bool:
    """Return True if ``stream`` has an ``isatty()`` that says it is a terminal."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(callable(isatty) and isatty())
    except (OSError, ValueError):  # a closed or detached stream
        return False


def _seconds(value: object, name: str) -> float:
    seconds = checks.real(value, name)
    if seconds < 0.0:
        raise ValueError("%s must be 0 or more seconds, got %r" % (name, seconds))
    return seconds


class Progress:
    """A ``train`` callback that redraws one line on ``stream`` (a terminal) about every ``interval`` s.

    ``total`` is the number of epochs (an int, 0 or more); ``stream`` a text
    stream with ``write`` and ``flush``; ``delay`` and ``interval`` seconds (0
    or more); ``clock`` a function returning seconds. Anything else raises
    ``TypeError`` or ``ValueError`` naming the argument.
    """

    def __init__(self, total: int, stream, delay: float = 1.0, interval: float = 0.2,  # type: ignore[no-untyped-def]
                 clock=time.perf_counter) -> None:
        self.total = checks.integer(total, "total")
        if self.total < 0:
            raise ValueError("total must be 0 or more epochs, got %s" % checks.shown(self.total))
        for method in ("write", "flush"):
            if not callable(getattr(stream, method, None)):
                raise TypeError("stream must be a text stream with write() and flush(), got %s"
                                % checks.describe(stream))
        self.stream = stream
        self.delay = _seconds(delay, "delay")
        self.interval = _seconds(interval, "interval")
        if not callable(clock):
            raise TypeError("clock must be a function returning seconds, got %s" % checks.describe(clock))
        self.clock = clock
        self.enabled = is_terminal(stream)
        self.start = clock()
        self.next_draw = self.start + self.delay
        self.line = ""  # the progress text last drawn
        self.drawn = False  # whether it is on the screen now
        self.width = 0  # characters it covers there

    def __call__(self, epoch: int, loss: float) -> None:
        """Redraw the line for ``epoch`` (counted from 0) if the delay and the interval have passed."""
        # reading the clock costs more than an epoch's bookkeeping: look every 64 epochs
        if not self.enabled or (epoch + 1) % 64:
            return
        now = self.clock()
        if now < self.next_draw:
            return
        elapsed = now - self.start
        rate = (epoch + 1) / elapsed if elapsed > 0 else 0.0
        self._redraw("epoch %d/%d  %.1f s  %.0f epochs/s  loss %.4g" % (epoch + 1, self.total, elapsed, rate, loss),
                     now)

    def show(self, text: str) -> None:
        """Redraw the line as ``text`` (one line, no newline) if the delay and the interval have passed.

        For work that is not counted in epochs (``python -m tinynet.bench``);
        ``total`` is then not shown and may be 0.
        """
        if not isinstance(text, str):
            raise TypeError("text must be a str, got %s" % checks.describe(text))
        if not self.enabled:
            return
        now = self.clock()
        if now >= self.next_draw:
            self._redraw(text, now)

    def _redraw(self, text: str, now: float) -> None:
        self.line = text
        self._draw()
        self.next_draw = now + self.interval

    def write_line(self, text: str, out) -> None:  # type: ignore[no-untyped-def]
        """Write ``text`` and a newline to ``out``, never on the progress line.

        If the progress line is drawn and ``out`` is a terminal too, the line
        is erased first and drawn again below ``text``; a pipe or a file never
        shares the screen, so nothing is erased for it.
        """
        if not isinstance(text, str):
            raise TypeError("text must be a str, got %s" % checks.describe(text))
        shared = self.drawn and is_terminal(out)
        if shared:
            self.close()
        out.write(text + "\n")
        if shared:
            out.flush()  # the text reaches the screen before the progress line is drawn under it
            self._draw()

    def close(self) -> None:
        """Erase the line, if one is drawn."""
        if self.drawn:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.drawn = False

    def _draw(self) -> None:
        # padded to cover a longer line drawn before, and no wider: a line wider
        # than the terminal would wrap, and \r would go back to its last row only
        text = self.line.ljust(self.width if self.drawn else 0)
        self.stream.write("\r" + text)
        self.stream.flush()
        self.drawn, self.width = True, len(text)


def train_shown(nn: NeuralNetwork, X, y, epochs: int, out, stream=None) -> None:  # type: ignore[no-untyped-def]
    """Train ``nn`` for ``epochs`` epochs, printing the loss lines of ``train(verbose=True)`` on ``out``.

    A ``Progress`` line shows on ``stream`` (standard error if None) if it is a
    terminal; each loss line goes through ``Progress.write_line``, so the two
    never share a line of the screen.
    """
    epochs = checks.integer(epochs, "epochs")
    if epochs < 0:  # as train says it, before Progress could say it of its total
        raise BadHyperparameterError("epochs must be 0 or more, got %s" % checks.shown(epochs))
    progress = Progress(epochs, sys.stderr if stream is None else stream)

    def show(epoch: int, loss: float) -> None:
        if epoch % 100 == 0:  # the epochs train(verbose=True) prints
            progress.write_line(loss_line(epoch, loss), out)
        progress(epoch, loss)

    try:
        nn.train(X, y, epochs, verbose=False, callback=show)
    finally:
        progress.close()

"""A progress line on standard error for long training runs, for people watching a terminal.

It appears only when the stream is a terminal and training has run for more
than ``delay`` seconds, so pipes, logs and short runs never see it:

    epoch 5200/10000  1.3 s  4012 epochs/s  loss 0.0123
"""

import time

__all__ = ["Progress"]


class Progress:
    """A ``train`` callback that redraws one line on ``stream`` (a terminal) about every ``interval`` s."""

    def __init__(self, total: int, stream, delay: float = 1.0, interval: float = 0.2, clock=time.perf_counter):
        self.total = total
        self.stream = stream
        self.delay = delay
        self.interval = interval
        self.clock = clock
        isatty = getattr(stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self.start = clock()
        self.next_draw = self.start + delay
        self.drawn = False

    def __call__(self, epoch: int, loss: float) -> None:
        # reading the clock costs more than an epoch's bookkeeping: look every 64 epochs
        if not self.enabled or (epoch + 1) % 64:
            return
        now = self.clock()
        if now < self.next_draw:
            return
        elapsed = now - self.start
        rate = (epoch + 1) / elapsed if elapsed > 0 else 0.0
        line = "epoch %d/%d  %.1f s  %.0f epochs/s  loss %.4g" % (epoch + 1, self.total, elapsed, rate, loss)
        self.stream.write("\r" + line.ljust(70))
        self.stream.flush()
        self.drawn = True
        self.next_draw = now + self.interval

    def close(self) -> None:
        """Erase the line, if one was drawn."""
        if self.drawn:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()
            self.drawn = False

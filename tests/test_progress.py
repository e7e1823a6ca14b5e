"""The progress line: only on a terminal, after a delay; never on a line with anything else; checked arguments."""

import io
import math

import pytest

from fakes import SharedTerminal, screen
from tinynet import BadHyperparameterError, NeuralNetwork, NonFiniteError, NotANumberError
from tinynet.data import XOR_X, XOR_Y
from tinynet.progress import Progress, is_terminal, train_shown


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_appears_on_a_terminal_after_the_delay_and_is_erased():
    now = [0.0]
    stream = FakeTerminal()
    progress = Progress(1000, stream, delay=1.0, clock=lambda: now[0])
    progress(0, 0.5)
    assert stream.getvalue() == ""  # too early
    now[0] = 2.0
    progress(127, 0.25)
    assert "epoch 128/1000  2.0 s  64 epochs/s  loss 0.25" in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\r")
    assert screen([stream.getvalue()]) == ([], "")


def test_progress_never_writes_to_a_pipe():
    now = [10.0]
    stream = io.StringIO()
    progress = Progress(1000, stream, delay=0.0, clock=lambda: now[0])
    now[0] = 20.0
    progress(127, 0.1)
    progress.write_line("a line", stream)
    progress.close()
    assert stream.getvalue() == "a line\n"


def drawn_progress(log, total=1000):
    """A Progress drawn once on a fake terminal writing to ``log``."""
    now = [0.0]
    progress = Progress(total, SharedTerminal(log), delay=0.0, interval=0.0, clock=lambda: now[0])
    now[0] = 1.0
    progress(63, 0.5)
    assert progress.drawn
    return progress


def test_a_line_written_on_the_same_terminal_clears_the_progress_line_first():
    log = []
    progress = drawn_progress(log)
    out = SharedTerminal(log)
    progress.write_line("Epoch 100 - Loss: 0.25", out)
    progress.write_line("Epoch 200 - Loss: 0.125", out)
    lines, current = screen(log)
    assert lines == ["Epoch 100 - Loss: 0.25", "Epoch 200 - Loss: 0.125"]
    assert current.startswith("epoch 64/1000")  # drawn again below the lines
    progress.close()
    assert screen(log)[1] == ""


def test_a_line_written_to_a_pipe_leaves_the_progress_line_alone():
    log, piped = [], []
    progress = drawn_progress(log)
    progress.write_line("Epoch 100 - Loss: 0.25", SharedTerminal(piped, tty=False))
    assert piped == ["Epoch 100 - Loss: 0.25\n"]
    assert len(log) == 1 and progress.drawn  # one draw, no erase


def test_a_long_progress_line_is_erased_whole():
    log = []
    progress = drawn_progress(log, total=10**40)
    assert len(progress.line) > 70
    progress.close()
    assert screen(log)[1] == ""


def test_a_shorter_redraw_covers_the_longer_line_and_pads_no_wider():
    log, now = [], [0.0]
    progress = Progress(10**9, SharedTerminal(log), delay=0.0, interval=0.0, clock=lambda: now[0])
    now[0] = 1e-3
    progress(64 * 10**5 - 1, 0.123456)  # a high rate and a long loss: a long line
    long_line = screen(log)[1]
    now[0] = 1e6
    progress(64 * 10**5 + 63, 0.5)
    assert len(screen(log)[1]) < len(long_line) and len(log[-1]) == len(log[0])
    assert len(log[0]) == 1 + len(long_line)  # "\r" and the line, no padding on a first draw


@pytest.mark.parametrize("arguments, error, message", [
    ({"total": -1}, ValueError, "total must be 0 or more epochs, got -1"),
    ({"total": -10**100}, ValueError, "got an int beyond -2\\*\\*64"),
    ({"total": "10"}, NotANumberError, "total must be an int, got str"),
    ({"total": True}, NotANumberError, "total must be an int, got bool"),
    ({"total": 10.0}, NotANumberError, "total must be an int, got float"),
    ({"stream": None}, TypeError, "stream must be a text stream with write\\(\\) and flush\\(\\), got NoneType"),
    ({"stream": "stderr"}, TypeError, "stream must be a text stream .*, got str 'stderr'"),
    ({"delay": -1}, ValueError, "delay must be 0 or more seconds, got -1.0"),
    ({"delay": math.inf}, NonFiniteError, "delay must be finite, got inf"),
    ({"interval": math.nan}, NonFiniteError, "interval must be finite, got nan"),
    ({"interval": "0.2"}, NotANumberError, "interval must be a real number, got str '0.2'"),
    ({"clock": 3.0}, TypeError, "clock must be a function returning seconds, got float 3.0"),
])
def test_progress_names_a_bad_argument(arguments, error, message):
    given = {"total": 100, "stream": FakeTerminal()}
    given.update(arguments)
    with pytest.raises(error, match=message):
        Progress(**given)


def test_write_line_takes_text_only():
    with pytest.raises(TypeError, match="text must be a str, got int 3"):
        Progress(10, io.StringIO()).write_line(3, io.StringIO())


def test_is_terminal_is_false_for_a_closed_or_plain_stream():
    closed = io.StringIO()
    closed.close()
    assert not is_terminal(closed) and not is_terminal(object()) and is_terminal(FakeTerminal())


def test_train_shown_prints_what_train_prints_and_trains_the_same(capsys):
    shown, quiet = NeuralNetwork(2, 4, 1, seed=0), NeuralNetwork(2, 4, 1, seed=0)
    quiet.train(XOR_X, XOR_Y, 250)
    printed = capsys.readouterr().out
    out = io.StringIO()
    train_shown(shown, XOR_X, XOR_Y, 250, out, stream=io.StringIO())
    assert out.getvalue() == printed and printed.count("\n") == 3
    assert shown.W1.tolist() == quiet.W1.tolist() and shown.loss_history == quiet.loss_history


def test_train_shown_refuses_negative_epochs_as_train_does():
    with pytest.raises(BadHyperparameterError, match="epochs must be 0 or more, got -1"):
        train_shown(NeuralNetwork(2, 4, 1, seed=0), XOR_X, XOR_Y, -1, io.StringIO())


class StopsAtEpoch100(NeuralNetwork):
    """A network whose 101st update is interrupted (Ctrl-C)."""

    def backward(self, X, y):
        if len(self.loss_history) == 100:
            raise KeyboardInterrupt
        super().backward(X, y)


def test_train_shown_erases_the_progress_line_when_training_stops(monkeypatch):
    monkeypatch.setattr(Progress.__init__, "__defaults__", (0.0, 0.0) + Progress.__init__.__defaults__[2:])
    log = []
    with pytest.raises(KeyboardInterrupt):
        train_shown(StopsAtEpoch100(2, 4, 1, seed=0), XOR_X, XOR_Y, 300, SharedTerminal(log),
                    stream=SharedTerminal(log))
    assert any("epochs/s" in text for text in log)
    assert screen(log) == (["Epoch 0 - Loss: 0.3266821523682062"], "")


def test_show_draws_any_text_after_the_delay_and_only_on_a_terminal():
    now = [0.0]
    stream, pipe = FakeTerminal(), io.StringIO()
    progress = Progress(0, stream, delay=1.0, interval=0.5, clock=lambda: now[0])
    silent = Progress(0, pipe, delay=0.0, clock=lambda: now[0])
    progress.show("too early")
    now[0] = 1.0
    progress.show("bench: xor, run 1/8")
    progress.show("bench: xor, run 2/8")  # within the interval: not drawn
    silent.show("never")
    assert stream.getvalue() == "\rbench: xor, run 1/8" and pipe.getvalue() == ""
    now[0] = 1.5
    progress.show("run 3")
    assert screen([stream.getvalue()]) == ([], "run 3")  # the longer line before it is covered


def test_show_rejects_text_that_is_not_a_str():
    with pytest.raises(TypeError, match="text must be a str, got"):
        Progress(0, FakeTerminal()).show(3)

"""``python -m tinynet.xor``: learns from the default seed, reports honestly, refuses bad input in one line."""

import errno
import inspect
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest

from fakes import SharedTerminal, screen
from runtimes import needs_name_limit, needs_processes
from tinynet import xor
from tinynet.progress import Progress

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SVG = "{http://www.w3.org/2000/svg}"
ENV = dict(os.environ, PYTHONPATH=ROOT)
SHORT = 200  # characters: an error line a person reads at a glance (cli.MESSAGE_LIMIT is the hard cap, 300)


def test_default_run_learns_and_prints_the_seed_lines(capsys):
    assert xor.main([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Epoch 0 - Loss: ")
    assert sum(line.startswith("Epoch ") for line in out) == 100
    assert out[-1].startswith("learned XOR: yes (4/4 correct, final MSE ")
    assert out[-1].endswith(", seed %d)" % xor.DEFAULT_SEED)
    table = [line for line in out if line.startswith("[")]
    assert len(table) == 4 and table[1].split()[2] == "1"


def test_default_run_prints_the_final_line_of_the_tutorial(capsys):
    assert xor.main([]) == 0
    # the number is the seed run's, tests/data/seed_reference.json: MSE 0.000146... after 10000 epochs, seed 0
    assert capsys.readouterr().out.splitlines()[-1] == "learned XOR: yes (4/4 correct, final MSE 0.0001464, seed 0)"


def columns(line):
    """The column where each value starts: ``[0, 1]`` is one value."""
    return [m.start() for m in re.finditer(r"\[[^\]]*\]|\S+", line)]


def test_table_values_start_under_their_headers(capsys):
    assert xor.main(["--epochs", "3000", "--lr", "1.0"]) == 0
    out = capsys.readouterr().out.splitlines()
    at = out.index("input       target  prediction  rounded")
    assert columns(out[at]) == [0, 12, 20, 32]
    for row in out[at + 1:at + 5]:
        assert columns(row) == columns(out[at]), row


def test_too_few_epochs_does_not_learn_and_exits_1(capsys):
    assert xor.main(["--epochs", "10", "--quiet"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("learned XOR: no (")


def test_options_reach_the_network(capsys):
    assert xor.main(["--epochs", "3000", "--hidden", "6", "--lr", "1.0", "--seed", "7", "--quiet"]) == 0
    assert capsys.readouterr().out.strip().endswith("seed 7)")


def test_zero_epochs_alone_is_a_run_that_did_not_learn(capsys):
    assert xor.main(["--epochs", "0", "--quiet"]) == 1
    assert capsys.readouterr().err == ""


HUGE = "9" * 4000
# (arguments, what the one error line must say); {tmp} is a fresh folder
USER_ERRORS = [
    (["--lr", "-1"], "--lr (learning_rate) must be a positive finite number, got -1.0"),
    (["--lr", "0"], "learning_rate"),
    (["--lr", "nan"], "positive finite number, got nan"),
    (["--lr", "inf"], "positive finite number, got inf"),
    (["--lr", "1e400"], "positive finite number, got inf"),
    (["--lr", "fast"], "argument --lr: expected a number, got 'fast'"),
    (["--hidden", "0"], "--hidden (hidden_size) must be between 1 and 2499999 (a 2-h-1 network has at most 10000000 "
                        "parameters), got 0"),
    (["--hidden", HUGE], "(hidden_size) must be between 1 and 2499999 (a 2-h-1 network has at most 10000000 "
                         "parameters), got an int beyond 2**64"),
    (["--hidden", "9" * 5000], "argument --hidden: expected a whole number, got '9999"),  # beyond int()'s 4300
    (["--hidden", "2500000"], "must be between 1 and 2499999 (a 2-h-1 network has at most 10000000 parameters), "
                              "got 2500000"),  # (2 + 1) * 2500000 + (2500000 + 1) * 1 = 10000001 parameters
    (["--seed", "-3"], "--seed must be between 0 and 2**32 - 1, got -3"),
    (["--seed", str(2**32)], "got 4294967296"),
    (["--epochs", "-1"], "--epochs must be 0 or more, got -1"),
    (["--epochs", "-" + HUGE], "--epochs must be 0 or more, got an int beyond -2**64"),
    (["--epochs", "1.5"], "argument --epochs: expected a whole number, got '1.5'"),
    (["--loss", "l1"], "argument --loss: invalid choice: 'l1'"),
    (["--bogus"], "unrecognized arguments: --bogus (see python -m tinynet.xor --help)"),
    (["--epochs", "0", "--plot", "{tmp}/p"], "--epochs must be 1 or more with --plot (a loss curve needs an epoch)"),
    (["--epochs", "0", "--compare-losses", "{tmp}/c.svg"], "--epochs must be 1 or more with --compare-losses"),
    (["--epochs", "-5", "--trace", "{tmp}/t.jsonl"], "--epochs must be 0 or more, got -5"),
    (["--plot", ""], "--plot needs a folder name, got ''"),
    (["--trace", ""], "--trace needs a file name, got ''"),
    (["--compare-losses", ""], "--compare-losses needs a file name, got ''"),
    (["--trace", "{tmp}/no/t.jsonl"], "its folder does not exist"),
    (["--trace", "{tmp}"], "is a folder, not a file"),
    (["--compare-losses", "{tmp}/file/c.svg"], "its folder does not exist"),
    (["--plot", "{tmp}/file/p"], "is a file, not a folder"),
    (["--plot", "{tmp}/file"], "is a file, not a folder"),
    pytest.param(["--trace", "{tmp}/" + "t" * 5000], "characters): cannot write: File name too long",
                 marks=needs_name_limit),
    (["--loss", "mse", "--lr", "1e308", "--seed", "1", "--epochs", "300", "--compare-losses", "{tmp}/c.svg", "--quiet"],
     "--compare-losses: epoch 2: the descended loss (cross_entropy) is not finite; the weights have grown"),
    (["--lr", "1e308", "--seed", "1", "--epochs", "300", "--trace", "{tmp}/t.jsonl", "--quiet"],
     "error: --trace: "),  # then the message of the epoch that overflowed
]


@pytest.mark.parametrize("args, message", USER_ERRORS, ids=lambda v: " ".join(v)[:60] if isinstance(v, list) else "")
def test_a_user_error_is_one_short_line_and_exit_2(args, message, tmp_path, capsys):
    (tmp_path / "file").write_text("not a folder")
    before = sorted(os.listdir(str(tmp_path)))
    assert xor.main([a.replace("{tmp}", str(tmp_path)) for a in args]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1
    assert message in captured.err
    diverged = "--compare-losses:" in message or "--trace:" in message
    assert len(captured.err) < SHORT or diverged  # the core's message on an overflow says more
    if not diverged:
        assert captured.out == ""  # refused before anything ran
        assert sorted(os.listdir(str(tmp_path))) == before  # and before any file was made


def test_a_diverging_compare_run_writes_no_file(tmp_path, capsys):
    path = tmp_path / "c.svg"
    assert xor.main(["--loss", "mse", "--lr", "1e308", "--seed", "1", "--epochs", "300", "--compare-losses",
                     str(path), "--quiet"]) == 2
    assert not path.exists()


def test_help_exits_0_in_process(capsys):
    assert xor.main(["--help"]) == 0
    assert "--compare-losses" in capsys.readouterr().out


def test_help_states_the_real_bound_of_hidden(capsys):
    assert xor.main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--hidden HIDDEN hidden_size, 1 to 2499999: a 2-h-1 network has at most 10000000 parameters" in out
    xor.parse(["--hidden", "2499999"])  # the bound itself passes the check


def svg_root(path):
    return ET.fromstring(path.read_text(encoding="utf-8"))


def of_class(root, tag, cls):
    return [e for e in root.iter(SVG + tag) if cls in e.get("class", "").split()]


def test_plot_at_learning_rate_1e308_has_few_ticks_and_a_clear_legend(tmp_path, capsys):
    assert xor.main(["--lr", "1e308", "--epochs", "300", "--plot", str(tmp_path), "--quiet"]) == 1
    root = svg_root(tmp_path / "loss.svg")
    (y_axis,) = of_class(root, "g", "y-axis")
    labels = [t.text for t in y_axis.iter(SVG + "text") if t.get("class") != "label"]
    assert 2 <= len(labels) <= 8 and labels[-1] == "1e300"  # the cross-entropy climbs to about 1e308
    (box,) = of_class(root, "rect", "legend-box")
    x, y, w, h = (float(box.get(k)) for k in ("x", "y", "width", "height"))
    for path in of_class(root, "path", "loss"):
        points = [(float(a), float(b)) for a, b in re.findall(r"[ML]([-\d.]+),([-\d.]+)", path.get("d"))]
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            for k in range(21):  # along each segment
                px, py = x0 + (x1 - x0) * k / 20, y0 + (y1 - y0) * k / 20
                assert not (x <= px <= x + w and y <= py <= y + h)


def test_plot_of_one_epoch_draws_its_points(tmp_path, capsys):
    assert xor.main(["--epochs", "1", "--plot", str(tmp_path), "--quiet"]) == 1
    root = svg_root(tmp_path / "loss.svg")
    assert len(of_class(root, "circle", "loss-point")) == 2
    assert len(of_class(svg_root(tmp_path / "decision.svg"), "circle", "point")) == 4


def test_plot_over_a_read_only_file_is_one_error_line_and_keeps_it(tmp_path, capsys):
    (tmp_path / "loss.svg").write_text("old")
    os.chmod(str(tmp_path / "loss.svg"), 0o444)
    # refused by the check before training, or (as root, whom the system lets write) by Picture.save
    assert xor.main(["--epochs", "10", "--plot", str(tmp_path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --plot ") and "loss.svg" in err and err.count("\n") == 1
    assert (tmp_path / "loss.svg").read_text() == "old"


@needs_processes
def test_runs_as_a_module_from_a_checkout_with_help():
    result = subprocess.run([sys.executable, "-m", "tinynet.xor", "--help"], env=ENV,
                            stdout=subprocess.PIPE, universal_newlines=True, cwd=ROOT)
    assert result.returncode == 0
    for flag in ("--epochs", "--hidden", "--lr", "--seed", "--quiet", "--loss", "--plot", "--compare-losses",
                 "--trace"):
        assert flag in result.stdout
    result = subprocess.run([sys.executable, "-m", "tinynet.xor", "--quiet"], env=ENV,
                            stdout=subprocess.PIPE, universal_newlines=True, cwd=ROOT)
    assert result.returncode == 0 and "4/4 correct" in result.stdout


def run_into_closed_pipe(module, *args):
    """Run ``python -m module args`` with standard output a pipe whose reading end is already closed."""
    read, write = os.pipe()
    os.close(read)  # as `| head -1` does once it has its line: every write now fails with EPIPE
    try:
        return subprocess.run([sys.executable, "-m", module] + list(args), env=ENV, cwd=ROOT, stdout=write,
                              stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    finally:
        os.close(write)


@needs_processes
def test_a_closed_pipe_ends_quietly_with_status_141():
    result = run_into_closed_pipe("tinynet.xor")
    assert (result.returncode, result.stderr) == (141, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_disk_on_standard_output_says_so_in_one_line():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "tinynet.xor"], env=ENV, cwd=ROOT, stdout=full,
                                stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "error: cannot write to standard output: %s\n" % os.strerror(errno.ENOSPC)


class FullOutput:
    """A standard output on a full disk: every write fails."""

    encoding = "utf-8"

    def write(self, text):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self):
        pass


def test_standard_output_that_fails_is_named_not_the_trace(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", FullOutput())
    assert xor.main(["--epochs", "200"]) == 2
    assert capsys.readouterr().err == "error: cannot write to standard output: %s\n" % os.strerror(errno.ENOSPC)


@pytest.fixture
def instant_progress(monkeypatch):
    """Progress draws from the 64th epoch on (no delay, no interval): a short run shows it."""
    assert list(inspect.signature(Progress.__init__).parameters)[3:6] == ["delay", "interval", "clock"]
    monkeypatch.setattr(Progress.__init__, "__defaults__", (0.0, 0.0, time.perf_counter))


def test_progress_line_never_shares_a_line_with_the_loss_lines_on_a_terminal(instant_progress, monkeypatch):
    log = []
    monkeypatch.setattr(sys, "stdout", SharedTerminal(log))
    monkeypatch.setattr(sys, "stderr", SharedTerminal(log))
    assert xor.main(["--epochs", "1000"]) == 1
    assert any("epochs/s" in text for text in log)  # the progress line was drawn
    lines, last = screen(log)
    epochs = [line for line in lines if "poch" in line]
    assert len(epochs) == 10
    for line in epochs:
        assert re.match(r"^Epoch \d+ - Loss: \S+$", line), line
    assert last == ""  # and erased at the end
    assert lines[-1].startswith("learned XOR: no")


def test_verdict_is_the_commands_last_line_for_a_network_that_learned_or_not(capsys):
    for epochs, status in ((10000, 0), (100, 1)):
        nn = xor.NeuralNetwork(2, 4, 1, seed=0)
        nn.train(xor.X, xor.y, epochs, verbose=False)
        learned, line = xor.verdict(nn)
        assert xor.main(["--quiet", "--epochs", str(epochs)]) == status
        assert capsys.readouterr().out.splitlines()[-1] == line
        assert learned == (status == 0) and line.startswith("learned XOR: %s (" % ("yes" if learned else "no"))

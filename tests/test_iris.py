"""``python -m tinynet.iris``: the same rules as xor: a user error is one short line and exit status 2.

The demo's own results (the split, the accuracy) are tested in tests/test_data.py.
"""

import errno
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from runtimes import needs_processes
from tinynet import iris

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, PYTHONPATH=ROOT)


@pytest.mark.parametrize("args, message", [
    (["--epochs", "-1"], "--epochs must be 0 or more, got -1"),
    (["--epochs", "ten"], "argument --epochs: expected a whole number, got 'ten'"),
    (["--hidden", "0"], "--hidden (hidden_size) must be between 1 and 1249999 (a 4-h-3 network has at most "
                        "10000000 parameters), got 0"),
    (["--hidden", "1250000"], "must be between 1 and 1249999"),  # (4 + 1) * h + (h + 1) * 3 = 10000003
    (["--epochs", "0", "--plot", "p"], "--epochs must be 1 or more with --plot (a loss curve needs an epoch)"),
    (["--plot", ""], "--plot needs a folder name, got ''"),
    (["--hidden", "9" * 4000], "got an int beyond 2**64"),
    (["--hidden", "9" * 5000], "(5000 characters)"),
    (["--lr", "0"], "--lr (learning_rate) must be a positive finite number, got 0.0"),
    (["--lr", "nan"], "got nan"),
    (["--seed", "-1"], "--seed must be between 0 and 2**32 - 1, got -1"),
    (["--bogus"], "unrecognized arguments: --bogus (see python -m tinynet.iris --help)"),
    (["--lr", "1e308", "--quiet"], "epoch 1: the descended loss (cross_entropy) is not finite; the weights have grown to"),
])
def test_a_user_error_is_one_short_line_and_exit_2(args, message, capsys):
    assert iris.main(args) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1
    assert message in captured.err
    assert len(captured.err) < 200 or "not finite" in message  # the core's overflow message says more
    assert captured.out == ""


def test_quiet_prints_the_verdict_only(capsys):
    assert iris.main(["--epochs", "1", "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "" and len(captured.out.splitlines()) == 1


def test_help_exits_0(capsys):
    assert iris.main(["--help"]) == 0
    out = capsys.readouterr().out
    for flag in ("--epochs", "--hidden", "--lr", "--seed", "--quiet", "--plot"):
        assert flag in out
    assert "hidden_size, 1 to 1249999: a 4-h-3 network has at most 10000000 parameters" in " ".join(out.split())


def test_plot_draws_the_loss_curve_and_the_test_flowers(tmp_path, capsys):
    folder = tmp_path / "pictures"
    iris.main(["--epochs", "60", "--plot", str(folder), "--quiet"])
    out = capsys.readouterr().out
    assert "wrote %s and %s" % (folder / "loss.svg", folder / "confusion.svg") in out
    svg = "{http://www.w3.org/2000/svg}"
    loss = ET.fromstring((folder / "loss.svg").read_text(encoding="utf-8"))
    assert [p.get("data-points") for p in loss.iter(svg + "path")] == ["60", "60"]
    cells = [c for c in ET.fromstring((folder / "confusion.svg").read_text(encoding="utf-8")).iter(svg + "rect")
             if c.get("class") == "cell"]
    counts = [int(c.get("data-count")) for c in cells]
    correct = int(re.search(r"test accuracy [\d.]+ \((\d+)/30\)", out).group(1))
    assert len(cells) == 9 and sum(counts) == 30 and counts[0] + counts[4] + counts[8] == correct


@needs_processes
def test_a_closed_pipe_ends_quietly_with_status_141():
    read, write = os.pipe()
    os.close(read)  # as `| head -1` does once it has its line
    try:
        result = subprocess.run([sys.executable, "-m", "tinynet.iris", "--epochs", "100"], env=ENV, cwd=ROOT,
                                stdout=write, stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (141, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_disk_on_standard_output_says_so_in_one_line():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "tinynet.iris", "--epochs", "100"], env=ENV, cwd=ROOT,
                                stdout=full, stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "error: cannot write to standard output: %s\n" % os.strerror(errno.ENOSPC)

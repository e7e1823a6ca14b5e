"""``python -m tinynet.xor``: learns from the default seed, reports honestly, has --help."""

import os
import subprocess
import sys

import pytest

from tinynet import xor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_default_run_learns_and_prints_the_seed_lines(capsys):
    assert xor.main([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Epoch 0 - Loss: ")
    assert sum(line.startswith("Epoch ") for line in out) == 100
    assert out[-1].startswith("learned XOR: yes (4/4 correct, final MSE ")
    assert out[-1].endswith(", seed %d)" % xor.DEFAULT_SEED)
    table = [line for line in out if line.startswith("[")]
    assert len(table) == 4 and table[1].split()[2] == "1"


def test_too_few_epochs_does_not_learn_and_exits_1(capsys):
    assert xor.main(["--epochs", "10", "--quiet"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("learned XOR: no (")


def test_options_reach_the_network(capsys):
    assert xor.main(["--epochs", "3000", "--hidden", "6", "--lr", "1.0", "--seed", "7", "--quiet"]) == 0
    assert capsys.readouterr().out.strip().endswith("seed 7)")


@pytest.mark.parametrize("args, message", [(["--lr", "-1"], "learning_rate"), (["--hidden", "0"], "hidden_size"),
                                           (["--seed", "-3"], "seed"), (["--epochs", "-1"], "epochs")])
def test_bad_options_exit_2_with_a_message(args, message, capsys):
    assert xor.main(args) == 2
    assert message in capsys.readouterr().err


def test_runs_as_a_module_from_a_checkout_with_help():
    env = dict(os.environ, PYTHONPATH=ROOT)
    result = subprocess.run([sys.executable, "-m", "tinynet.xor", "--help"], env=env,
                            stdout=subprocess.PIPE, universal_newlines=True, cwd=ROOT)
    assert result.returncode == 0
    for flag in ("--epochs", "--hidden", "--lr", "--seed", "--quiet"):
        assert flag in result.stdout
    result = subprocess.run([sys.executable, "-m", "tinynet.xor", "--quiet"], env=env,
                            stdout=subprocess.PIPE, universal_newlines=True, cwd=ROOT)
    assert result.returncode == 0 and "4/4 correct" in result.stdout

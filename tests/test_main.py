"""``python -m tinynet``: lists the commands, one line each; each listed command runs with --help."""

import os
import subprocess
import sys

import pytest

from runtimes import needs_processes
import tinynet.__main__ as entry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, PYTHONPATH=ROOT)
NAMES = ["xor", "iris", "bench", "vectors", "playground"]


def run(*args):
    return subprocess.run([sys.executable, "-m"] + list(args), env=ENV, cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=60)


@needs_processes
def test_python_m_tinynet_lists_every_command_in_one_line_each():
    result = run("tinynet")
    assert (result.returncode, result.stderr) == (0, "")
    for name in NAMES:
        (line,) = [line for line in result.stdout.splitlines() if "python -m tinynet.%s " % name in line]
        assert len(line.split(None, 3)[-1]) > 10  # and says what it does


def test_the_list_is_the_commands_there_are():
    assert [name for name, _ in entry.COMMANDS] == NAMES


@pytest.mark.parametrize("name", NAMES)
@needs_processes
def test_every_listed_command_has_help(name):
    result = run("tinynet." + name, "--help")
    assert result.returncode == 0 and "usage: python -m tinynet." + name in result.stdout


def test_help_lists_the_commands_too(capsys):
    assert entry.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m tinynet") and all("tinynet." + name in out for name in NAMES)


@pytest.mark.parametrize("args, message", [
    (["--bogus"], "error: unrecognized arguments: --bogus (see python -m tinynet --help)\n"),
    (["xor"], "error: python -m tinynet takes no command, got 'xor'; run python -m tinynet.xor\n"),
    (["train"], "error: python -m tinynet takes no command, got 'train'; the commands are xor, iris, bench, vectors, playground\n"),
    (["a", "b"], "error: unrecognized arguments: b (see python -m tinynet --help)\n"),
])
def test_an_unknown_argument_is_one_line_and_exit_2(args, message, capsys):
    assert entry.main(args) == 2
    assert capsys.readouterr() == ("", message)


@needs_processes
def test_an_unknown_argument_from_the_shell_is_one_line_and_exit_2():
    result = run("tinynet", "--bogus")
    assert (result.returncode, result.stdout, result.stderr.count("\n")) == (2, "", 1)

"""What the commands share: one ``error:`` line and an exit status for each way a run can go wrong."""

import argparse
import errno
import io
import os
import sys

import pytest

from tinynet import BadSizeError, NeuralNetwork, NonFiniteError, cli, options

try:
    import select
    HAS_POLL = hasattr(select, "poll")
except ImportError:
    HAS_POLL = False


def run_guarded(command, capsys):
    """Return (status, standard output, standard error) of ``cli.guarded(command)``."""
    status = cli.guarded(command)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def raising(error):
    def command(out):
        out.write("before\n")
        raise error
    return command


def test_a_command_s_own_status_comes_back(capsys):
    assert run_guarded(lambda out: out.write("hello\n") and 1, capsys) == (1, "hello\n", "")


@pytest.mark.parametrize("error, line", [
    (cli.UsageError("--epochs must be 0 or more, got -1"), "error: --epochs must be 0 or more, got -1\n"),
    (NonFiniteError("epoch 3: the update of W1[0][0] is inf"), "error: epoch 3: the update of W1[0][0] is inf\n"),
    (cli.UsageError("two\nlines"), "error: two lines\n"),
    (cli.UsageError("x" * 1000), "error: " + "x" * 297 + "...\n"),
])
def test_a_user_error_is_one_line_and_status_2(error, line, capsys):
    assert run_guarded(raising(error), capsys) == (cli.USER_ERROR, "before\n", line)


def test_a_closed_pipe_is_status_141_and_silent(capsys):
    assert run_guarded(raising(cli.OutputError(BrokenPipeError(errno.EPIPE, "Broken pipe"))), capsys) == (
        cli.PIPE_CLOSED, "before\n", "")


def test_a_full_standard_output_is_named(capsys):
    full = cli.OutputError(OSError(errno.ENOSPC, "No space left on device"))
    assert run_guarded(raising(full), capsys) == (
        2, "before\n", "error: cannot write to standard output: No space left on device\n")


def test_ctrl_c_is_one_line_and_status_130(capsys):
    assert run_guarded(raising(KeyboardInterrupt()), capsys) == (cli.INTERRUPTED, "before\n", "interrupted\n")


def test_help_s_system_exit_is_its_status(capsys):
    assert run_guarded(raising(SystemExit(0)), capsys)[0] == 0


def test_a_bug_is_not_hidden_as_a_user_error(capsys):
    with pytest.raises(ZeroDivisionError):
        cli.guarded(raising(ZeroDivisionError("a bug")))
    with pytest.raises(ValueError, match="a plain ValueError"):
        cli.guarded(raising(ValueError("a plain ValueError is a bug, not the user's doing")))


class Failing(io.StringIO):
    def __init__(self, error):
        super().__init__()
        self.error = error

    def write(self, text):
        raise self.error

    def flush(self):
        raise self.error


def test_output_marks_its_write_errors_as_standard_output_s():
    out = cli.Output(Failing(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(cli.OutputError, match="No space left on device"):
        out.write("x")
    with pytest.raises(cli.OutputError):
        out.flush()


def test_the_parser_s_errors_are_one_line_usage_errors():
    parser = cli.Parser(prog="prog")
    parser.add_argument("--n", type=cli.whole_number)
    with pytest.raises(cli.UsageError, match=r"^argument --n: expected a whole number, got 'x' \(see prog --help\)$"):
        parser.parse_args(["--n", "x"])
    with pytest.raises(cli.UsageError, match=r"^unrecognized arguments: " + "y" * 100):
        parser.parse_args(["y" * 5000])


def test_help_on_a_full_disk_is_not_lost(monkeypatch):
    parser = cli.Parser(prog="prog")
    monkeypatch.setattr("sys.stdout", Failing(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(cli.OutputError):
        parser.parse_args(["--help"])


@pytest.mark.parametrize("convert, text, message", [
    (cli.whole_number, "1.5", "expected a whole number, got '1.5'"),
    (cli.whole_number, "9" * 5000, "expected a whole number, got '%s...%s' (5000 characters)" % ("9" * 27, "9" * 27)),
    (cli.real_number, "fast", "expected a number, got 'fast'"),
])
def test_numbers_that_are_not_are_named_briefly(convert, text, message):
    with pytest.raises(argparse.ArgumentTypeError) as error:
        convert(text)
    assert str(error.value) == message


def test_numbers_convert():
    assert cli.whole_number(" 12 ") == 12 and cli.real_number("1e-3") == 0.001


def flags(**changes):
    args = argparse.Namespace(epochs=10, hidden=4, lr=0.1, seed=0)
    for name, value in changes.items():
        setattr(args, name, value)
    return args


@pytest.mark.parametrize("changes, message", [
    ({"epochs": -1}, "--epochs must be 0 or more, got -1"),
    ({"hidden": 0}, "--hidden (hidden_size) must be between 1 and 2499999 (a 2-h-1 network has at most 10000000 "
                    "parameters), got 0"),
    ({"hidden": 2500000}, "between 1 and 2499999"),
    ({"hidden": 10**4000}, "got an int beyond 2**64"),
    ({"lr": 0.0}, "--lr (learning_rate) must be a positive finite number, got 0.0"),
    ({"lr": float("nan")}, "got nan"),
    ({"seed": 2**32}, "--seed must be between 0 and 2**32 - 1, got 4294967296"),
    ({"seed": -(10**50)}, "got an int beyond -2**64"),
])
def test_training_flags_out_of_range_are_named(changes, message):
    with pytest.raises(cli.UsageError) as error:
        options.check_training_flags(flags(**changes))
    assert message in str(error.value)


@pytest.mark.parametrize("input_size, output_size", [(2, 1), (4, 3), (1, 1), (100, 10)])
def test_the_hidden_bound_is_the_largest_the_parameter_limit_allows(input_size, output_size):
    most = options.max_hidden(input_size, output_size)
    count = lambda h: (input_size + 1) * h + (h + 1) * output_size  # noqa: E731  (docs/SPEC.md's count)
    assert count(most) <= options.MAX_PARAMETERS < count(most + 1)
    with pytest.raises(BadSizeError, match="parameters"):
        NeuralNetwork(input_size, most + 1, output_size)  # the core agrees: one more is refused


def test_the_fewest_epochs_can_be_raised_with_a_reason():
    options.check_training_flags(flags(epochs=0))
    with pytest.raises(cli.UsageError, match=r"^--epochs must be 1 or more with --plot, got 0$"):
        options.check_training_flags(flags(epochs=0), 1, " with --plot")


def test_output_paths_that_work_pass(tmp_path):
    options.check_output_file(str(tmp_path / "new.svg"), "--f")
    (tmp_path / "old.svg").write_text("")
    options.check_output_file(str(tmp_path / "old.svg"), "--f")
    options.check_output_folder(str(tmp_path / "a" / "b"), "--d", ("x.svg",))
    options.check_output_folder(str(tmp_path), "--d", ("x.svg",))
    assert sorted(os.listdir(str(tmp_path))) == ["old.svg"]  # checking makes nothing


@pytest.mark.parametrize("make, check, message", [
    (None, lambda t: options.check_output_file("", "--f"), "--f needs a file name, got ''"),
    (None, lambda t: options.check_output_folder("", "--d", ()), "--d needs a folder name, got ''"),
    (None, lambda t: options.check_output_file(t + "/a\0b", "--f"), "a path cannot hold a NUL character"),
    (None, lambda t: options.check_output_folder(t + "/a\0b", "--d", ()), "a path cannot hold a NUL character"),
    (None, lambda t: options.check_output_file(t, "--f"), "is a folder, not a file"),
    (None, lambda t: options.check_output_file(t + "/no/x", "--f"), "its folder does not exist"),
    ("f", lambda t: options.check_output_folder(t + "/f", "--d", ()), "is a file, not a folder"),
    ("f", lambda t: options.check_output_folder(t + "/f/g/h", "--d", ()), "is a file, not a folder"),
    ("d/x.svg/", lambda t: options.check_output_folder(t + "/d", "--d", ("x.svg",)), "is a folder, not a file"),
])
def test_output_paths_that_cannot_work_are_refused(tmp_path, make, check, message):
    if make == "f":
        (tmp_path / "f").write_text("")
    elif make:
        os.makedirs(str(tmp_path / make))
    with pytest.raises(cli.UsageError) as error:
        check(str(tmp_path))
    assert message in str(error.value) and len(str(error.value)) < 200


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_an_output_folder_without_write_permission_is_refused(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(cli.UsageError, match="permission denied"):
            options.check_output_file(str(locked / "x"), "--f")
        with pytest.raises(cli.UsageError, match="permission denied"):
            options.check_output_folder(str(locked / "d"), "--d", ())
    finally:
        locked.chmod(0o700)


def test_writing_a_file_that_fails_names_the_flag(tmp_path):
    with pytest.raises(cli.UsageError, match=r"^--f '.*missing/x' \(\d+ characters\): cannot write: "):
        options.write_file(str(tmp_path / "missing" / "x"), "--f", lambda f: f.write("text"))
    (tmp_path / "file").write_text("")
    with pytest.raises(cli.UsageError, match=r"^--d '.*file/d'.*: cannot make the folder: "):
        options.make_folder(str(tmp_path / "file" / "d"), "--d")


@pytest.mark.skipif(not HAS_POLL or sys.platform == "emscripten",
                    reason="needs select.poll on a real pipe (not on Windows; WebAssembly's check_open does nothing)")
def test_check_open_finds_a_pipe_whose_reader_has_gone_before_any_write():
    read, write = os.pipe()
    with os.fdopen(write, "w") as stream:
        out = cli.Output(stream)
        out.check_open()  # a reader is there: nothing happens
        os.close(read)
        with pytest.raises(cli.OutputError, match="Broken pipe") as caught:
            out.check_open()
    assert isinstance(caught.value.error, BrokenPipeError)


def test_check_open_leaves_streams_that_are_not_pipes_to_their_next_write():
    cli.Output(io.StringIO()).check_open()

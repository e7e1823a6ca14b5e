"""What the commands (xor, iris, ``python -m tinynet``) share: one-line errors and exit statuses.

A user's mistake never ends in a traceback. ``guarded`` runs a command and
turns what can go wrong into at most one line on standard error and an exit
status (``options.py`` checks every value and path before training starts,
and before any file is made):

======  ======================================================================
status  when
======  ======================================================================
0, 1    the command's own answer (xor: learned or not; iris: pass or below)
2       a user error: a bad flag or value, a path that cannot be written,
        training that stops being finite, or standard output that cannot be
        written (``> /dev/full``): one line, ``error: ...``
130     interrupted (Ctrl-C): one line, ``interrupted``
141     standard output closed early (``| head -1``): nothing printed. A tool
        killed by SIGPIPE (``cat``, ``yes``) prints nothing, and a shell shows
        its status as 128 + 13 (SIGPIPE) = 141; tinynet exits with the same
======  ======================================================================
"""

import argparse
import errno
import os
import stat
import sys

from .core.errors import (BadHyperparameterError, BadSizeError, DataFormatError, ModelFormatError,
                          NonFiniteError, NotANumberError, ShapeError)
from .progress import is_terminal

__all__ = ["USER_ERROR", "INTERRUPTED", "PIPE_CLOSED", "USER_ERRORS", "UsageError", "OutputError", "Output",
           "Parser", "quoted", "whole_number", "real_number", "guarded"]

USER_ERROR, INTERRUPTED, PIPE_CLOSED = 2, 130, 141
MESSAGE_LIMIT = 300  # characters of an error line; the messages are written to stay well below


class UsageError(Exception):
    """A bad flag or value, or a path that cannot be written; its message follows ``error:``."""


class OutputError(Exception):
    """Standard output could not be written; ``error`` is the OSError."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or type(error).__name__)
        self.error = error


# The errors a user can cause: tinynet's own (all ValueError or TypeError) and UsageError.
USER_ERRORS = (UsageError, ShapeError, NonFiniteError, NotANumberError, BadSizeError, BadHyperparameterError,
               ModelFormatError, DataFormatError)


class Output:
    """A command's standard output: ``stream``, except that a failed write raises ``OutputError``."""

    def __init__(self, stream) -> None:  # type: ignore[no-untyped-def]
        self.stream = stream
        self.encoding = getattr(stream, "encoding", None) or "ascii"

    def write(self, text: str) -> int:
        """Write ``text`` to the stream; an OSError becomes ``OutputError``."""
        try:
            return self.stream.write(text)
        except OSError as exc:
            raise OutputError(exc) from None

    def flush(self) -> None:
        """Flush the stream; an OSError (a closed pipe, a full disk) becomes ``OutputError``."""
        try:
            self.stream.flush()
        except OSError as exc:
            raise OutputError(exc) from None

    def isatty(self) -> bool:
        """Return True if the stream is a terminal."""
        return is_terminal(self.stream)

    def check_open(self) -> None:
        """Raise ``OutputError`` (a BrokenPipeError) if the stream is a pipe whose reader has gone.

        A command that prints nothing for a while (a benchmark between its
        tables) would learn that ``| head -1`` has exited only at its next
        write; this asks the pipe now. Linux and macOS report a pipe with no
        reader to ``poll`` as an error or a hang-up; without ``poll`` (Windows)
        the next write tells.
        """
        try:
            import select  # here, not at the top: some WebAssembly builds have no select module
            fd = self.stream.fileno()
            if not stat.S_ISFIFO(os.fstat(fd).st_mode):
                return
            poller = select.poll()
            poller.register(fd, select.POLLOUT)
            events = poller.poll(0)
            gone = select.POLLERR | select.POLLHUP
        except (ImportError, AttributeError, OSError, ValueError):  # not a file (a test's stream), or no poll
            return
        for _, event in events:
            if event & gone:
                raise OutputError(BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE)))


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises ``UsageError`` (one line) instead of printing usage and exiting."""

    def error(self, message: str):  # type: ignore[no-untyped-def]
        """Raise ``UsageError`` with argparse's ``message`` and where to find help."""
        raise UsageError("%s (see %s --help)" % (message[:200], self.prog))

    def print_help(self, file=None) -> None:  # type: ignore[no-untyped-def]
        """Print the help (to standard output); a failed write raises ``OutputError``, which argparse would hide."""
        stream = sys.stdout if file is None else file
        try:
            stream.write(self.format_help())
            stream.flush()
        except OSError as exc:
            raise OutputError(exc) from None


def quoted(text: str, limit: int = 60) -> str:
    """Return ``repr(text)`` for a message; beyond ``limit`` characters, its middle cut and its length noted.

    The end stays: of a long path, the file name is what tells one run from another.

    >>> quoted("a.svg"), quoted("/tmp/" + "x" * 5000 + "/loss.svg", 24)
    ("'a.svg'", "'/tmp/xxxx.../loss.svg' (5014 characters)")
    """
    shown = repr(text)
    if len(shown) <= limit:
        return shown
    half = (limit - 3) // 2
    return "%s...%s (%d characters)" % (shown[:half], shown[-half:], len(text))


def whole_number(text: str) -> int:
    """Return ``text`` as an int; for argparse's ``type=``, with a short message if it is not one."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a whole number, got %s" % quoted(text)) from None


def real_number(text: str) -> float:
    """Return ``text`` as a float; for argparse's ``type=``, with a short message if it is not one."""
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number, got %s" % quoted(text)) from None


def guarded(command) -> int:  # type: ignore[no-untyped-def]
    """Return ``command(out)``'s exit status, with ``out`` standard output; what goes wrong, see the module."""
    out = Output(sys.stdout)
    try:
        try:
            status = command(out)
        except SystemExit as exc:  # argparse's --help and --version: exit(0)
            status = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        out.flush()  # buffered lines fail here, not as Python exits, if standard output is gone
        return status
    except USER_ERRORS as exc:
        return _fail(str(exc))
    except OutputError as exc:
        _silence(out.stream)
        return PIPE_CLOSED if isinstance(exc.error, BrokenPipeError) else _fail(
            "cannot write to standard output: %s" % exc)
    except KeyboardInterrupt:
        _say("interrupted")
        return INTERRUPTED


def _fail(message: str) -> int:
    """Print ``message`` as one ``error:`` line on standard error; return USER_ERROR."""
    line = " ".join(message.split())
    _say("error: " + (line if len(line) <= MESSAGE_LIMIT else line[:MESSAGE_LIMIT - 3] + "..."))
    return USER_ERROR


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr)
    except (OSError, ValueError):  # standard error is gone too: the status says it
        pass


def _silence(stream) -> None:  # type: ignore[no-untyped-def]
    """Point ``stream``'s file at os.devnull, so Python's last flush as it exits cannot fail again."""
    try:
        fd = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # not a file (a test's stream): nothing to flush later
        pass

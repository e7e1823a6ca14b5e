"""The commands' options, checked before anything runs: training settings and output paths.

Each check raises ``cli.UsageError`` (one ``error:`` line, exit status 2)
naming the flag and the value, shortened: a 5000-digit number or a
4000-character path gives a short message. Output paths are checked before
training starts, so a run never ends in a path it could have refused at once.
"""

import argparse
import math
import os

from .cli import UsageError, quoted
from .core import checks
from .core.network import MAX_PARAMETERS

__all__ = ["SEED_MAX", "max_hidden", "hidden_help", "check_training_flags", "check_output_file", "check_output_folder", "write_file",
           "write_text", "make_folder", "save_pictures"]

SEED_MAX = 2**32 - 1  # NeuralNetwork's seed, as np.random.seed's: 0 to 2**32 - 1


def max_hidden(input_size: int, output_size: int) -> int:
    """Return the largest hidden_size a network of these sizes may have: MAX_PARAMETERS bounds its parameters.

    (input_size + 1) * hidden_size + (hidden_size + 1) * output_size <= MAX_PARAMETERS

    >>> max_hidden(2, 1), max_hidden(4, 3)
    (2499999, 1249999)
    """
    return (MAX_PARAMETERS - output_size) // (input_size + 1 + output_size)


def hidden_help(input_size: int, output_size: int, default: int) -> str:
    """Return the --hidden flag's help: its real range, for a network of these sizes, and its default."""
    return "hidden_size, 1 to %d: a %d-h-%d network has at most %d parameters (default %d)" % (
        max_hidden(input_size, output_size), input_size, output_size, MAX_PARAMETERS, default)


def check_training_flags(args: argparse.Namespace, fewest_epochs: int = 0, why: str = "",
                         sizes: "tuple[int, int]" = (2, 1)) -> None:
    """Raise ``UsageError`` naming the first of --epochs, --hidden, --lr, --seed out of its range.

    ``sizes`` is the network's (input_size, output_size): --hidden's bound (``max_hidden``).
    """
    if args.epochs < fewest_epochs:
        raise UsageError("--epochs must be %d or more%s, got %s" % (fewest_epochs, why, checks.shown(args.epochs)))
    most = max_hidden(*sizes)
    if not 1 <= args.hidden <= most:
        raise UsageError("--hidden (hidden_size) must be between 1 and %d (a %d-h-%d network has at most %d "
                         "parameters), got %s" % (most, sizes[0], sizes[1], MAX_PARAMETERS,
                                                  checks.shown(args.hidden)))
    if not (math.isfinite(args.lr) and args.lr > 0.0):
        raise UsageError("--lr (learning_rate) must be a positive finite number, got %r" % args.lr)
    if not 0 <= args.seed <= SEED_MAX:
        raise UsageError("--seed must be between 0 and 2**32 - 1, got %s" % checks.shown(args.seed))


def check_output_file(path: str, flag: str) -> None:
    """Raise ``UsageError`` unless ``path`` can be written: no folder, in a writable folder that exists."""
    if not path:
        raise UsageError("%s needs a file name, got ''" % flag)
    if "\0" in path:
        raise UsageError("%s %s: a path cannot hold a NUL character" % (flag, quoted(path)))
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise UsageError("%s %s: is a folder, not a file" % (flag, quoted(path)))
    if not os.path.isdir(folder):
        raise UsageError("%s %s: its folder does not exist" % (flag, quoted(path)))
    if not os.access(folder, os.W_OK | os.X_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise UsageError("%s %s: permission denied" % (flag, quoted(path)))


def check_output_folder(path: str, flag: str, names: "tuple[str, ...]") -> None:
    """Raise ``UsageError`` unless ``path`` is or can be made a folder in which the files ``names`` can be written."""
    if not path:
        raise UsageError("%s needs a folder name, got ''" % flag)
    if "\0" in path:
        raise UsageError("%s %s: a path cannot hold a NUL character" % (flag, quoted(path)))
    if os.path.isdir(path):
        for name in names:
            check_output_file(os.path.join(path, name), flag)
        return
    existing = os.path.abspath(path)  # the nearest folder that exists: the rest will be made in it
    while not os.path.exists(existing) and os.path.dirname(existing) != existing:
        existing = os.path.dirname(existing)
    if not os.path.isdir(existing):
        raise UsageError("%s %s: %s is a file, not a folder" % (flag, quoted(path), quoted(existing)))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError("%s %s: permission denied in %s" % (flag, quoted(path), quoted(existing)))


def write_file(path: str, flag: str, write) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` for text and call ``write(file)``; an OSError becomes ``UsageError`` naming ``flag``."""
    try:
        with open(path, "w", encoding="utf-8") as f:
            write(f)
    except OSError as exc:
        raise UsageError("%s %s: cannot write: %s"
                         % (flag, quoted(path), exc.strerror or type(exc).__name__)) from None


def write_text(path: str, text: str, flag: str) -> None:
    """Write ``text`` to the file ``path``; an OSError becomes ``UsageError`` naming ``flag``."""
    write_file(path, flag, lambda f: f.write(text))


def make_folder(path: str, flag: str) -> None:
    """Make the folder ``path`` and its parents, if missing; an OSError becomes ``UsageError``."""
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        raise UsageError("%s %s: cannot make the folder: %s"
                         % (flag, quoted(path), exc.strerror or type(exc).__name__)) from None


def save_pictures(pictures, folder: str, flag: str) -> "list[str]":  # type: ignore[no-untyped-def]
    """Save each (file name, ``Picture``) of ``pictures`` into ``folder`` (made if missing); return the paths.

    Each is written as ``tinynet.save`` writes a model (``Picture.save``); an
    OSError becomes ``UsageError`` naming ``flag`` and the path.
    """
    make_folder(folder, flag)
    paths = []
    for name, picture in pictures:
        path = os.path.join(folder, name)
        try:
            picture.save(path)
        except OSError as exc:  # files' own errors (a folder, a FIFO, read-only) carry a message, no strerror
            raise UsageError("%s %s: cannot write: %s" % (flag, quoted(path), exc.strerror or exc)) from None
        paths.append(path)
    return paths

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

__all__ = ["SEED_MAX", "check_training_flags", "check_output_file", "check_output_folder", "write_file",
           "write_text", "make_folder"]

SEED_MAX = 2**32 - 1  # NeuralNetwork's seed, as np.random.seed's: 0 to 2**32 - 1


def check_training_flags(args: argparse.Namespace, fewest_epochs: int = 0, why: str = "") -> None:
    """Raise ``UsageError`` naming the first of --epochs, --hidden, --lr, --seed out of its range."""
    if args.epochs < fewest_epochs:
        raise UsageError("--epochs must be %d or more%s, got %s" % (fewest_epochs, why, checks.shown(args.epochs)))
    if not 1 <= args.hidden <= MAX_PARAMETERS:
        raise UsageError("--hidden (hidden_size) must be between 1 and %d, got %s"
                         % (MAX_PARAMETERS, checks.shown(args.hidden)))
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

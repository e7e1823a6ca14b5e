"""Save and load a ``NeuralNetwork`` as versioned JSON, never pickle.

The document (docs/SPEC.md, "Model format"), one JSON object with exactly these keys:

    {"format": "tinynet-model", "format_version": 1,
     "input_size": 2, "hidden_size": 4, "output_size": 1,
     "learning_rate": 0.1, "seed": 0, "loss": "cross_entropy",
     "W1": [[...], ...], "b1": [[...]], "W2": [[...], ...], "b2": [[...]]}

Floats are written in Python's shortest round-trip form (``repr``), so they read
back bit for bit, ``-0.0`` and subnormals included. Loading runs no code, and
checks every key, shape and number; every problem in a document raises
``ModelFormatError`` (document.py).

Files (files.py): ``save`` is atomic: the text goes to a temporary file in the
target's folder, is flushed and fsynced, and only then replaces the target
with ``os.replace``; a failure or an interrupt at any point leaves an existing
file untouched and removes the temporary file. ``save`` writes through
symbolic links (the link stays, its target is replaced), refuses a read-only
file, and never reads or sets the umask. ``save`` and ``load`` refuse a path
that is a directory (``IsADirectoryError``) or a FIFO, device or socket
(``SpecialFileError``, an ``OSError``), and ``load`` refuses a file larger
than ``MAX_MODEL_BYTES``.

Threads: ``to_dict``, ``dumps`` and ``save`` read the four parameters in one
step, so while another thread trains they write the weights after some whole
epoch, never a mix. ``forward`` and ``predict`` read the weights as they go:
do not run them while another thread trains the same network. To save during
training, save from a ``callback``: it runs between epochs, in the training thread.
"""

import os

from ..core import checks
from ..core.errors import BadArgumentError, ModelFormatError
from ..core.network import NeuralNetwork
from . import files
from .document import FORMAT, FORMAT_VERSION, KEYS, MAX_PARAMETERS, check_network, dumps, from_dict, loads, to_dict
from .files import SpecialFileError

__all__ = ["FORMAT", "FORMAT_VERSION", "KEYS", "MAX_MODEL_BYTES", "SpecialFileError",
           "to_dict", "from_dict", "save", "load", "dumps", "loads"]

# The longest float64 repr is 24 characters (-2.2250738585072014e-308); as dumps
# lays out a row of one entry ("    [", "]", ",\n") it takes 32 bytes. 40 bytes
# a parameter leaves room for the other keys and for hand-edited spacing.
MAX_MODEL_BYTES = 40 * MAX_PARAMETERS


def save(nn: NeuralNetwork, path: "str | bytes | os.PathLike[str]") -> None:
    """Write the model to ``path`` atomically: all of it, or nothing changes.

    Any existing file at ``path`` is replaced only once the new text is safely
    on disk; if anything fails, it is left byte for byte as it was. A symbolic
    link at ``path`` stays, and the file it points to is replaced.
    """
    if isinstance(path, NeuralNetwork) and not isinstance(nn, NeuralNetwork):
        raise BadArgumentError("the arguments look swapped: nn is %s and path is a NeuralNetwork; "
                               "call save(nn, path), the network first" % checks.describe(nn))
    check_network(nn)
    files.checked_path(path)  # before dumps: a bad path is refused before any work
    files.write_text(path, dumps(nn))


def load(path: "str | bytes | os.PathLike[str]") -> NeuralNetwork:
    """Return the network saved at ``path``; raise ``ModelFormatError`` if the file is not one."""
    path = files.checked_path(path)
    with files.open_regular(path, "load reads") as f:
        size = os.fstat(f.fileno()).st_size
        if size <= MAX_MODEL_BYTES:
            data = files.read_at_most(f, MAX_MODEL_BYTES)  # a file that grows past the limit is caught too
            size = len(data)
    if size > MAX_MODEL_BYTES:
        raise ModelFormatError("%s is %d bytes; a tinynet model is at most %d (MAX_MODEL_BYTES)"
                               % (path, size, MAX_MODEL_BYTES))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelFormatError("%s is not UTF-8 text: %s" % (path, exc)) from None
    return loads(text, source=path)

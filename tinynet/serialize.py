"""Save and load a ``NeuralNetwork`` as versioned JSON, never pickle.

The document (docs/SPEC.md, "Model format"), one JSON object with exactly these keys:

    {"format": "tinynet-model", "format_version": 1,
     "input_size": 2, "hidden_size": 4, "output_size": 1,
     "learning_rate": 0.1, "seed": 0, "loss": "cross_entropy",
     "W1": [[...], ...], "b1": [[...]], "W2": [[...], ...], "b2": [[...]]}

Floats are written in Python's shortest round-trip form (``repr``), so they read
back bit for bit, ``-0.0`` and subnormals included. Saving is atomic: the text
goes to a temporary file in the same folder, is flushed and fsynced, and only
then replaces the target with ``os.replace``; a failure at any point leaves an
existing file untouched and removes the temporary file. Loading runs no code,
and checks every key, shape and number; every problem raises ``ModelFormatError``.
"""

import json
import os

from .core.errors import ModelFormatError
from .core import checks
from .core.matrix import Matrix
from .core.network import NeuralNetwork

__all__ = ["FORMAT", "FORMAT_VERSION", "to_dict", "from_dict", "save", "load", "dumps", "loads"]

FORMAT = "tinynet-model"
FORMAT_VERSION = 1
_KEYS = ("format", "format_version", "input_size", "hidden_size", "output_size",
         "learning_rate", "seed", "loss", "W1", "b1", "W2", "b2")


def to_dict(nn: NeuralNetwork) -> dict:
    """Return the model as a JSON-ready dict (new lists; changing them changes nothing)."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "input_size": nn.input_size,
        "hidden_size": nn.hidden_size,
        "output_size": nn.output_size,
        "learning_rate": nn.learning_rate,
        "seed": nn.seed,
        "loss": nn.loss,
        "W1": nn.W1.tolist(),
        "b1": nn.b1.tolist(),
        "W2": nn.W2.tolist(),
        "b2": nn.b2.tolist(),
    }


def from_dict(doc: object, source: str = "model") -> NeuralNetwork:
    """Return the network a document describes; raise ``ModelFormatError`` naming the key at fault.

    ``source`` names the document in messages (a file name, say).
    """
    if not isinstance(doc, dict):
        raise ModelFormatError("%s must be a JSON object, got %s" % (source, checks.describe(doc)))
    if doc.get("format") != FORMAT:
        raise ModelFormatError(
            "%s has format %s; a tinynet model has format %r" % (source, checks.describe(doc.get("format")), FORMAT)
        )
    version = doc.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ModelFormatError(
            "%s has format_version %s; expected a positive int" % (source, checks.describe(version))
        )
    if version > FORMAT_VERSION:
        raise ModelFormatError(
            "%s has format_version %d, but this tinynet reads version %d; upgrade tinynet"
            % (source, version, FORMAT_VERSION)
        )
    missing = [key for key in _KEYS if key not in doc]
    if missing:
        raise ModelFormatError("%s is missing the key %r" % (source, missing[0]))
    unknown = sorted(checks.describe(key) for key in doc if key not in _KEYS)
    if unknown:
        raise ModelFormatError("%s has an unknown key (%s)" % (source, unknown[0]))
    sizes = {}
    for key in ("input_size", "hidden_size", "output_size"):
        value = doc[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ModelFormatError("%s: %s must be a positive int, got %s" % (source, key, checks.describe(value)))
        sizes[key] = value
    n_in, n_hid, n_out = sizes["input_size"], sizes["hidden_size"], sizes["output_size"]
    expected = {"W1": (n_in, n_hid), "b1": (1, n_hid), "W2": (n_hid, n_out), "b2": (1, n_out)}
    params = []
    for key in ("W1", "b1", "W2", "b2"):
        try:
            P = Matrix(doc[key], key)
        except (TypeError, ValueError) as exc:
            raise ModelFormatError("%s: %s" % (source, exc)) from None
        if P.shape != expected[key]:
            raise ModelFormatError(
                "%s: %s is %r but the sizes make it %r" % (source, key, P.shape, expected[key])
            )
        params.append(P)
    if doc["seed"] is None:  # NeuralNetwork would draw a fresh one: a model file must say which it was
        raise ModelFormatError("%s: seed must be an int between 0 and 2**32 - 1, got null" % source)
    try:
        nn = NeuralNetwork(n_in, n_hid, n_out, learning_rate=doc["learning_rate"], seed=doc["seed"],
                           loss=doc["loss"])
    except (TypeError, ValueError) as exc:
        raise ModelFormatError("%s: %s" % (source, exc)) from None
    nn.set_parameters(*params)
    return nn


def dumps(nn: NeuralNetwork) -> str:
    """Return the model as JSON text (one parameter row per line)."""
    doc = to_dict(nn)
    lines = ["{"]
    for i, key in enumerate(_KEYS):
        value = doc[key]
        if key in ("W1", "b1", "W2", "b2"):
            text = "[\n" + ",\n".join("    " + json.dumps(row) for row in value) + "\n  ]"
        else:
            text = json.dumps(value)
        lines.append("  %s: %s%s" % (json.dumps(key), text, "," if i < len(_KEYS) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _reject_constant(name: str):
    raise ValueError("%s is not a JSON number" % name)


def _unique_keys(pairs):
    doc = {}
    for key, value in pairs:
        if key in doc:
            raise ValueError("the key %r appears twice" % key)
        doc[key] = value
    return doc


def loads(text: str, source: str = "model") -> NeuralNetwork:
    """Return the network that JSON ``text`` describes (see ``from_dict``)."""
    try:
        # NaN and Infinity are not JSON, though Python's json module accepts them
        doc = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise ModelFormatError("%s is nested too deeply to be a tinynet model" % source) from None
    except ValueError as exc:  # json.JSONDecodeError, and int strings over Python's digit limit
        raise ModelFormatError("%s is not valid JSON: %s" % (source, exc)) from None
    return from_dict(doc, source)


def save(nn: NeuralNetwork, path: str) -> None:
    """Write the model to ``path`` atomically: all of it, or nothing changes.

    Any existing file at ``path`` is replaced only once the new text is safely
    on disk; if anything fails, it is left byte for byte as it was.
    """
    import tempfile  # here, not at the top: it pulls in a dozen modules that import tinynet need not load

    text = dumps(nn)
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(folder)


def load(path: str) -> NeuralNetwork:
    """Return the network saved at ``path``; raise ``ModelFormatError`` if the file is not one."""
    path = os.fspath(path)
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelFormatError("%s is not UTF-8 text: %s" % (path, exc)) from None
    return loads(text, source=path)


def _mode_for(path: str) -> int:
    """Keep an existing file's permissions; give a new one the usual 0o666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        # reading the umask means setting it; set it straight back
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: str) -> None:
    """Make the rename itself durable, where the system allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)



"""The model document: a ``NeuralNetwork`` as a JSON object and back, checked key by key.

The format is in ``tinynet.serialize`` (and docs/SPEC.md, "Model format").
``from_dict`` trusts nothing: every key, type, size, shape and number is
checked, and every problem raises ``ModelFormatError`` with a short message
naming the key, the same on every interpreter (huge ints are described by
their size, never printed: see ``checks.describe``).
"""

import json

from ..core import checks
from ..core.errors import ModelFormatError
from ..core.matrix import Matrix
from ..core.network import NeuralNetwork
from ..core.network import MAX_PARAMETERS

__all__ = ["FORMAT", "FORMAT_VERSION", "KEYS", "to_dict", "from_dict", "dumps", "loads"]

FORMAT = "tinynet-model"
FORMAT_VERSION = 1
KEYS = ("format", "format_version", "input_size", "hidden_size", "output_size",
        "learning_rate", "seed", "loss", "W1", "b1", "W2", "b2")
SIZE_KEYS = ("input_size", "hidden_size", "output_size")
PARAMETER_KEYS = ("W1", "b1", "W2", "b2")

# An int of more digits than this is beyond every float64 (about 1.8e308) and
# every valid size or seed: json reads it as this stand-in, of the same sign,
# so it is refused with the same short message on every interpreter (CPython
# 3.11+ would refuse to parse over 4300 digits, with its own message).
_LONGEST_INT = 400
_HUGE = 10 ** _LONGEST_INT


def check_network(nn: object, name: str = "nn") -> None:
    """Raise ``TypeError`` naming ``name`` unless ``nn`` is a ``NeuralNetwork``."""
    if not isinstance(nn, NeuralNetwork):
        raise TypeError("%s must be a NeuralNetwork, got %s" % (name, checks.describe(nn)))


def to_dict(nn: NeuralNetwork) -> dict:
    """Return the model as a JSON-ready dict (new lists; changing them changes nothing).

    The four parameters are read in one step, so they are always from the same
    epoch, even while another thread trains ``nn``.
    """
    check_network(nn)
    W1, b1, W2, b2 = nn.parameters  # one read: training replaces the tuple whole, never its matrices
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "input_size": nn.input_size,
        "hidden_size": nn.hidden_size,
        "output_size": nn.output_size,
        "learning_rate": nn.learning_rate,
        "seed": nn.seed,
        "loss": nn.loss,
        "W1": W1.tolist(),
        "b1": b1.tolist(),
        "W2": W2.tolist(),
        "b2": b2.tolist(),
    }


def from_dict(doc: object, source: str = "model") -> NeuralNetwork:
    """Return the network a document describes; raise ``ModelFormatError`` naming the key at fault.

    ``source`` names the document in messages (a file name, say).
    """
    doc = _checked_frame(doc, source)
    sizes = _sizes(doc, source)
    params = _parameters(doc, sizes, source)
    if doc["seed"] is None:  # NeuralNetwork would draw a fresh one: a model file must say which it was
        raise ModelFormatError("%s: seed must be an int between 0 and 2**32 - 1, got null" % source)
    try:
        nn = NeuralNetwork(*sizes, learning_rate=doc["learning_rate"], seed=doc["seed"], loss=doc["loss"])
    except (TypeError, ValueError) as exc:
        raise ModelFormatError("%s: %s" % (source, exc)) from None
    nn.set_parameters(*params)
    return nn


def _checked_frame(doc: object, source: str) -> dict:
    """Return ``doc`` once its type, format, version and set of keys are checked."""
    if not isinstance(doc, dict):
        raise ModelFormatError("%s must be a JSON object, got %s" % (source, checks.describe(doc)))
    if doc.get("format") != FORMAT:
        raise ModelFormatError("%s has format %s; a tinynet model has format %r"
                               % (source, checks.describe(doc.get("format")), FORMAT))
    version = doc.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ModelFormatError("%s has format_version %s; expected a positive int" % (source, checks.describe(version)))
    if version > FORMAT_VERSION:
        raise ModelFormatError("%s has format_version %s, but this tinynet reads version %d; upgrade tinynet"
                               % (source, checks.shown(version), FORMAT_VERSION))
    missing = [key for key in KEYS if key not in doc]
    if missing:
        raise ModelFormatError("%s is missing the key %r" % (source, missing[0]))
    unknown = sorted(checks.describe(key) for key in doc if key not in KEYS)
    if unknown:
        raise ModelFormatError("%s has an unknown key (%s)" % (source, unknown[0]))
    return doc


def _sizes(doc: dict, source: str) -> "tuple[int, int, int]":
    """Return (input_size, hidden_size, output_size), each checked to be an int in [1, MAX_PARAMETERS]."""
    for key in SIZE_KEYS:
        value = doc[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ModelFormatError("%s: %s must be a positive int, got %s" % (source, key, checks.describe(value)))
        if value > MAX_PARAMETERS:
            raise ModelFormatError("%s: %s must be at most %d (MAX_PARAMETERS), got %s"
                                   % (source, key, MAX_PARAMETERS, checks.shown(value)))
    return doc["input_size"], doc["hidden_size"], doc["output_size"]


def _parameters(doc: dict, sizes: "tuple[int, int, int]", source: str) -> "list[Matrix]":
    """Return W1, b1, W2, b2 as checked matrices of the shapes the sizes give."""
    n_in, n_hid, n_out = sizes
    expected = {"W1": (n_in, n_hid), "b1": (1, n_hid), "W2": (n_hid, n_out), "b2": (1, n_out)}
    params = []
    for key in PARAMETER_KEYS:
        try:
            P = Matrix(doc[key], key)
        except (TypeError, ValueError) as exc:
            raise ModelFormatError("%s: %s" % (source, exc)) from None
        if P.shape != expected[key]:
            raise ModelFormatError("%s: %s is %r but the sizes make it %r" % (source, key, P.shape, expected[key]))
        params.append(P)
    return params


def dumps(nn: NeuralNetwork) -> str:
    """Return the model as JSON text (one parameter row per line)."""
    doc = to_dict(nn)
    lines = ["{"]
    for i, key in enumerate(KEYS):
        value = doc[key]
        if key in PARAMETER_KEYS:
            text = "[\n" + ",\n".join("    " + json.dumps(row) for row in value) + "\n  ]"
        else:
            text = json.dumps(value)
        lines.append("  %s: %s%s" % (json.dumps(key), text, "," if i < len(KEYS) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def loads(text: "str | bytes", source: str = "model") -> NeuralNetwork:
    """Return the network that JSON ``text`` describes (see ``from_dict``)."""
    if not isinstance(text, (str, bytes, bytearray)):
        raise TypeError("text must be JSON text (str, or UTF-8 bytes), got %s" % checks.describe(text))
    try:
        # NaN and Infinity are not JSON, though Python's json module accepts them
        doc = json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int,
                         object_pairs_hook=_unique_keys)
    except RecursionError:
        raise ModelFormatError("%s is nested too deeply to be a tinynet model" % source) from None
    except ValueError as exc:  # json.JSONDecodeError, and the errors of the hooks below
        raise ModelFormatError("%s is not valid JSON: %s" % (source, exc)) from None
    return from_dict(doc, source)


def _reject_constant(name: str) -> None:
    raise ValueError("%s is not a JSON number" % name)


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > _LONGEST_INT:
        return -_HUGE if digits.startswith("-") else _HUGE
    return int(digits)


def _short(key: str) -> str:
    return repr(key) if len(key) <= 40 else repr(key[:37]) + "..."


def _unique_keys(pairs: "list[tuple[str, object]]") -> dict:
    doc = {}
    for key, value in pairs:
        if key in doc:
            raise ValueError("the key %s appears twice" % _short(key))
        doc[key] = value
    return doc

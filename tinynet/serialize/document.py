"""The model document: a ``NeuralNetwork`` as a JSON object and back, checked key by key.

The format is in ``tinynet.serialize`` (and docs/SPEC.md, "Model format").
``from_dict`` trusts nothing: every key, type, size, shape and number is
checked, and every problem raises ``ModelFormatError`` with a short message
naming the key, the same on every interpreter (huge ints are described by
their size, never printed: see ``checks.describe``).
"""

import json
import re

from ..core import checks
from ..core.errors import BadArgumentError, ModelFormatError
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
    """Raise ``BadArgumentError`` naming ``name`` unless ``nn`` is a ``NeuralNetwork``."""
    if not isinstance(nn, NeuralNetwork):
        raise BadArgumentError("%s must be a NeuralNetwork, got %s" % (name, checks.describe(nn)))


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
    """Return (input_size, hidden_size, output_size): ints >= 1 that make at most MAX_PARAMETERS parameters."""
    for key in SIZE_KEYS:
        value = doc[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ModelFormatError("%s: %s must be a positive int, got %s" % (source, key, checks.describe(value)))
        if value > MAX_PARAMETERS:
            raise ModelFormatError("%s: %s must be at most %d (MAX_PARAMETERS), got %s"
                                   % (source, key, MAX_PARAMETERS, checks.shown(value)))
    n_in, n_hid, n_out = doc["input_size"], doc["hidden_size"], doc["output_size"]
    count = (n_in + 1) * n_hid + (n_hid + 1) * n_out  # W1 and b1, then W2 and b2
    if count > MAX_PARAMETERS:
        raise ModelFormatError("%s: input_size %d, hidden_size %d, output_size %d make %d parameters; "
                               "the limit is %d (MAX_PARAMETERS)" % (source, n_in, n_hid, n_out, count, MAX_PARAMETERS))
    return n_in, n_hid, n_out


def _parameters(doc: dict, sizes: "tuple[int, int, int]", source: str) -> "list[Matrix]":
    """Return W1, b1, W2, b2 as checked matrices of the shapes the sizes give."""
    n_in, n_hid, n_out = sizes
    expected = {"W1": (n_in, n_hid), "b1": (1, n_hid), "W2": (n_hid, n_out), "b2": (1, n_out)}
    for key in PARAMETER_KEYS:
        # counting rows and columns reads no entry: a W2 of 5,000,000 rows is refused in a second, not a minute
        _check_counts(key, doc[key], expected[key], source)
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


def _check_counts(key: str, value: object, expected: "tuple[int, int]", source: str) -> None:
    """Refuse a list whose row count, or whose rows' common length, is not the one the sizes give."""
    if not isinstance(value, list):
        return  # Matrix says what it is instead
    shape = _counted_shape(value)
    if shape is not None and shape != expected:
        raise ModelFormatError("%s: %s is %r but the sizes make it %r" % (source, key, shape, expected))
    if len(value) != expected[0]:
        raise ModelFormatError("%s: %s has %d rows but the sizes make it %r" % (source, key, len(value), expected))


def _counted_shape(value: list) -> "tuple[int, int] | None":
    """Return (rows, columns) of a list of equal-length lists without reading an entry; None for anything else."""
    if not value or not isinstance(value[0], list):
        return None
    columns = len(value[0])
    for row in value:
        if not isinstance(row, list) or len(row) != columns:
            return None
    return len(value), columns


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
        raise BadArgumentError("text must be JSON text (str, or UTF-8 bytes), got %s" % checks.describe(text))
    constants = []  # type: list[str]

    def constant(name: str) -> object:
        # NaN and Infinity are not JSON, though Python's json module reads them: keep a marker, so that
        # the message can name the key and the line
        constants.append(name)
        return _CONSTANT

    deep = _too_deep(_as_text(text), source) if _may_be_deep(text) else None
    if deep is not None:  # refused by depth on every Python: from 3.13 json may parse what 3.12 could not
        raise ModelFormatError(deep)
    try:
        doc = json.loads(text, parse_constant=constant, parse_int=_parse_int, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise ModelFormatError(_too_deep(_as_text(text), source) or "%s is nested too deeply" % source) from None
    except ValueError as exc:  # json.JSONDecodeError, and the errors of the hooks below
        raise ModelFormatError("%s is not valid JSON: %s" % (source, exc)) from None
    if constants:
        raise ModelFormatError(_not_a_number(doc, _as_text(text), source, constants[0]))
    return from_dict(doc, source)


_CONSTANT = object()
# A JSON string (skipped whole, so nothing inside it counts), or a token that matters when looking
# for where a document goes wrong: NaN, Infinity, a bracket, and a string followed by a colon (a key)
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?|-?Infinity|NaN|[\[\]{}]')
# A tinynet model nests 3 deep ({"W1": [[...]]}); the json module gives up past about 1000
_DEEPEST = 100


def _as_text(text: "str | bytes") -> str:
    if isinstance(text, str):
        return text
    return bytes(text).decode(json.detect_encoding(text), "replace")  # as json.loads reads bytes


def _line_column(text: str, index: int) -> str:
    """Return "line L, column C" of ``text[index]``, both counted from 1 (as json's own errors count)."""
    line = text.count("\n", 0, index) + 1
    return "line %d, column %d" % (line, index - text.rfind("\n", 0, index))


def _not_a_number(doc: object, text: str, source: str, name: str) -> str:
    """Return the message for the first NaN or Infinity in the document: its key, line and column."""
    where = ""
    for match in _TOKEN.finditer(text):
        if match.group() in ("NaN", "Infinity", "-Infinity"):
            where = " (%s)" % _line_column(text, match.start())
            break
    return ("%s: %s is %s%s; a model holds only finite numbers, and JSON has no NaN or Infinity"
            % (source, _first_constant(doc), name, where))


def _first_constant(doc: object) -> str:
    """Return where the first NaN or Infinity marker sits in ``doc``, as W1[0][1]; depth first, in text order."""
    stack = [("", doc)]  # type: list[tuple[str, object]]
    while stack:
        where, value = stack.pop()
        if value is _CONSTANT:
            return where or "the document"
        children = []  # type: list[tuple[str, object]]
        if isinstance(value, dict):
            for key, item in value.items():
                children.append((key if not where and key in KEYS else "%s[%s]" % (where, _short(key)), item))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                children.append(("%s[%d]" % (where, i), item))
        stack.extend(reversed(children))
    return "a value"


def _may_be_deep(text: "str | bytes") -> bool:
    """Return True if ``text`` could nest deeper than a model does (3 levels): worth the scan of _too_deep."""
    if isinstance(text, str):
        return "[[[" in text or text.count("{") > _DEEPEST
    return b"[[[" in text or text.count(b"{") > _DEEPEST


def _too_deep(text: str, source: str) -> "str | None":
    """Return the message for a document nested deeper than _DEEPEST: the top-level key whose value is, and where.

    None if it is not that deep.
    """
    depth, key = 0, None  # type: int, str | None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            if depth == 1 and match.group(1):
                key = token[:token.rindex('"') + 1]
        elif token in "[{":
            depth += 1
            if depth > _DEEPEST:
                where = _line_column(text, match.start())
                if key is None:
                    return "%s is nested too deeply to be a tinynet model (over %d levels at %s)" % (
                        source, _DEEPEST, where)
                return ("%s: %s is nested too deeply (over %d levels at %s); a tinynet model nests 3 levels "
                        "at most, as in {\"W1\": [[1.0]]}" % (source, _key_name(key), _DEEPEST, where))
        elif token in "]}":
            depth -= 1
    return None


def _key_name(quoted: str) -> str:
    try:
        key = json.loads(quoted)
    except ValueError:
        return quoted[:40]
    return key if key in KEYS else _short(key)


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

"""Saving and loading: bit-exact round trips, atomic writes, and strict, safe loading."""

import errno
import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import networks
from tinynet import ModelFormatError, NeuralNetwork, load, save
from tinynet import serialize

# every finite float64, subnormals and both zeros included
any_finite = st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True) | st.sampled_from(
    [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308]
)


def bits(nn):
    return [[[v.hex() for v in row] for row in P] for P in (nn.W1, nn.b1, nn.W2, nn.b2)]


@given(st.lists(any_finite, min_size=4, max_size=4), st.lists(any_finite, min_size=4, max_size=4))
def test_every_float_reads_back_bit_for_bit(row0, row1):
    nn = NeuralNetwork(2, 4, 1, seed=0)
    nn.W1 = [row0, row1]
    back = serialize.loads(serialize.dumps(nn))
    assert bits(back) == bits(nn)


@given(networks(), st.integers(0, 3))
def test_loaded_model_predicts_bit_identically(case, epochs):
    nn, X, y = case
    nn.train(X, y, epochs, verbose=False)
    back = serialize.from_dict(json.loads(json.dumps(serialize.to_dict(nn))))
    assert [[v.hex() for v in row] for row in back.predict(X)] == [[v.hex() for v in row] for row in nn.predict(X)]
    assert (back.learning_rate, back.seed, back.input_size, back.hidden_size, back.output_size) == (
        nn.learning_rate, nn.seed, nn.input_size, nn.hidden_size, nn.output_size)


def test_save_and_load_a_file(tmp_path):
    nn = NeuralNetwork(3, 5, 2, seed=9, learning_rate=0.25)
    path = tmp_path / "model.json"
    serialize.save(nn, path)
    assert bits(serialize.load(path)) == bits(nn) == bits(load(str(path)))
    assert json.loads(path.read_text())["format"] == "tinynet-model"
    assert [p.name for p in tmp_path.iterdir()] == ["model.json"]


# -- atomic saving ----------------------------------------------------------------


class HalfWriter:
    """A file that writes half of what it is given, then fails as a full disk does."""

    def __init__(self, f):
        self.f = f

    def write(self, text):
        self.f.write(text[: len(text) // 2])
        self.f.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()


def fault_disk_full(monkeypatch):
    real = os.fdopen
    monkeypatch.setattr(serialize.os, "fdopen", lambda *a, **k: HalfWriter(real(*a, **k)))


def fault_fsync(monkeypatch):
    def broken(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(serialize.os, "fsync", broken)


def fault_replace(monkeypatch):
    def broken(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(serialize.os, "replace", broken)


def fault_interrupt(monkeypatch):
    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(serialize.os, "fsync", interrupted)


FAULTS = [
    ("disk full midway through the write", fault_disk_full, OSError),
    ("fsync fails", fault_fsync, OSError),
    ("rename fails", fault_replace, OSError),
    ("interrupted before the rename", fault_interrupt, KeyboardInterrupt),
]


@pytest.mark.parametrize("name, inject, error", FAULTS, ids=[f[0] for f in FAULTS])
def test_save_interrupted_leaves_old_file_byte_identical(tmp_path, monkeypatch, name, inject, error):
    path = tmp_path / "model.json"
    serialize.save(NeuralNetwork(2, 4, 1, seed=1), path)
    before = path.read_bytes()
    inject(monkeypatch)
    with pytest.raises(error):
        serialize.save(NeuralNetwork(2, 4, 1, seed=2), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["model.json"]  # no temporary file left


def test_failed_first_save_leaves_nothing(tmp_path, monkeypatch):
    fault_disk_full(monkeypatch)
    with pytest.raises(OSError, match="No space left"):
        serialize.save(NeuralNetwork(2, 4, 1, seed=1), tmp_path / "model.json")
    assert list(tmp_path.iterdir()) == []


def test_save_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "model.json"
    serialize.save(NeuralNetwork(2, 4, 1, seed=1), path)
    os.chmod(path, 0o640)
    serialize.save(NeuralNetwork(2, 4, 1, seed=2), path)
    assert os.stat(path).st_mode & 0o777 == 0o640


# -- strict loading ---------------------------------------------------------------


def valid_doc():
    return serialize.to_dict(NeuralNetwork(2, 3, 1, seed=4))


def with_change(**changes):
    doc = valid_doc()
    for key, value in changes.items():
        if value is DROP:
            del doc[key]
        else:
            doc[key] = value
    return doc


DROP = object()
BAD_DOCS = [
    ("not an object", [1, 2], "must be a JSON object, got list"),
    ("wrong format", with_change(format="pickle"), "has format str 'pickle'"),
    ("newer version", with_change(format_version=2), "format_version 2, but this tinynet reads version 1"),
    ("version is a bool", with_change(format_version=True), "format_version bool True"),
    ("missing W2", with_change(W2=DROP), "missing the key 'W2'"),
    ("unknown key", dict(valid_doc(), extra=1), r"unknown key \(str 'extra'\)"),
    ("size is a string", with_change(hidden_size="3"), "hidden_size must be a positive int, got str '3'"),
    ("size is zero", with_change(input_size=0), "input_size must be a positive int, got int 0"),
    ("shape does not fit", with_change(b1=[[0.0, 0.0]]), r"b1 is \(1, 2\) but the sizes make it \(1, 3\)"),
    ("ragged", with_change(W1=[[1.0, 2.0, 3.0], [1.0]]), "W1 row 1 has 1 entries"),
    ("bool entry", with_change(b2=[[True]]), r"b2\[0\]\[0\] must be a real number.*bool"),
    ("string entry", with_change(b2=[["1"]]), r"b2\[0\]\[0\].*str '1'"),
    ("null entry", with_change(b2=[[None]]), r"b2\[0\]\[0\].*NoneType"),
    ("nested entry", with_change(b2=[[[0.0]]]), r"b2\[0\]\[0\].*list"),
    ("learning rate negative", with_change(learning_rate=-1), "learning_rate must be a positive finite number"),
    ("learning rate string", with_change(learning_rate="0.1"), "learning_rate must be a real number"),
    ("seed out of range", with_change(seed=-1), "seed must be between 0 and 2"),
]


@pytest.mark.parametrize("name, doc, message", BAD_DOCS, ids=[d[0] for d in BAD_DOCS])
def test_invalid_documents_are_rejected_by_key(name, doc, message):
    with pytest.raises(ModelFormatError, match=message):
        serialize.from_dict(doc)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"b2": NaN}', "NaN is not a JSON number"),
        ('{"b2": Infinity}', "Infinity is not a JSON number"),
        ('{"seed": 1, "seed": 2}', "appears twice"),
        ("{", "not valid JSON"),
        ("[" * 100000 + "]" * 100000, "not valid JSON|nested too deeply|must be a JSON object"),
    ],
)
def test_invalid_json_text_is_rejected(text, message):
    with pytest.raises(ModelFormatError, match=message):
        serialize.loads(text)


def test_numbers_that_overflow_are_rejected_by_key():
    text = serialize.dumps(NeuralNetwork(2, 3, 1, seed=4)).replace('"b2": [\n    [0.0]', '"b2": [\n    [1e400]')
    with pytest.raises(ModelFormatError, match=r"b2\[0\]\[0\] must be finite, got inf"):
        serialize.loads(text)


def test_load_names_the_file_and_rejects_bad_bytes(tmp_path):
    path = tmp_path / "model.json"
    path.write_bytes(b"\xff\xfe not text")
    with pytest.raises(ModelFormatError, match="model.json is not UTF-8"):
        load(path)
    path.write_text(json.dumps(with_change(format_version=7)))
    with pytest.raises(ModelFormatError, match="model.json has format_version 7"):
        load(path)

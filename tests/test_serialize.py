"""Saving and loading: bit-exact round trips, strict and safe loading, clear errors, threads.

What save and load do with the file system is in test_serialize_files.py.
"""

import json
import os
import subprocess
import sys
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runtimes import needs_processes, needs_recursion_limit, needs_threads
from strategies import networks
from tinynet import BadArgumentError, ModelFormatError, NeuralNetwork, load
from tinynet import serialize
from tinynet.serialize import document

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
    ("seed is null", with_change(seed=None), "seed must be an int between 0 and 2\\*\\*32 - 1, got null"),
    ("size is a float", with_change(input_size=1.0), "input_size must be a positive int, got float 1.0"),
    # (2 + 1) * 5000000 + (5000000 + 1) * 1, the parameter count of NeuralNetwork's own check
    ("too many parameters", with_change(hidden_size=5 * 10**6),
     r"input_size 2, hidden_size 5000000, output_size 1 make 20000001 parameters; the limit is 10000000 "
     r"\(MAX_PARAMETERS\)"),
    ("size is too large", with_change(hidden_size=10**7 + 1), "hidden_size must be at most 10000000"),
]


@pytest.mark.parametrize("name, doc, message", BAD_DOCS, ids=[d[0] for d in BAD_DOCS])
def test_invalid_documents_are_rejected_by_key(name, doc, message):
    with pytest.raises(ModelFormatError, match=message):
        serialize.from_dict(doc)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"b2": NaN}', r"b2 is NaN \(line 1, column 8\); a model holds only finite numbers, and JSON has no NaN"),
        ('{"b2": [[-Infinity]]}', r"b2\[0\]\[0\] is -Infinity \(line 1, column 10\)"),
        ('{"seed": 1, "seed": 2}', "appears twice"),
        ("{", "not valid JSON"),
        ("[" * 100000 + "]" * 100000, "not valid JSON|nested too deeply|must be a JSON object"),
    ],
)
def test_invalid_json_text_is_rejected(text, message):
    with pytest.raises(ModelFormatError, match=message):
        serialize.loads(text)


def with_literal(text, old, new):
    """Return ``text`` with its one occurrence of ``old`` replaced, and the line and column where ``new`` starts."""
    assert text.count(old) == 1
    start = text.index(old)
    return text.replace(old, new), "line %d, column %d" % (text.count("\n", 0, start) + 1,
                                                           start - text.rfind("\n", 0, start))


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_a_nan_or_infinity_literal_is_named_by_key_line_and_column(literal):
    nn = NeuralNetwork(2, 4, 1, seed=0)
    text, where = with_literal(serialize.dumps(nn), repr(nn.W1[0][1]), literal)
    # a string holding the same letters, before it, is not taken for it
    text = text.replace('"format": "tinynet-model"', '"format": "NaN Infinity"')
    with pytest.raises(ModelFormatError, match=r"^m.json: W1\[0\]\[1\] is %s \(%s\); a model holds only finite "
                       r"numbers, and JSON has no NaN or Infinity$" % (literal, where)):
        serialize.loads(text, source="m.json")
    assert where.startswith("line 11, ")  # "{", 9 keys, "W1": [, then row 0: the line a reader would count


@needs_recursion_limit
@pytest.mark.parametrize("key", ["W1", "b2"])
def test_a_deeply_nested_parameter_is_named_by_key(key):
    text = serialize.dumps(NeuralNetwork(2, 4, 1, seed=0))
    start = text.index('"%s": [' % key) + len(key) + 4
    deep = text[:start] + "[" * 5000 + "]" * 5000 + "," + text[start + 1:]
    with pytest.raises(ModelFormatError, match=r"^m.json: %s is nested too deeply \(over 100 levels at line \d+, "
                       r"column \d+\); a tinynet model nests 3 levels at most" % key):
        serialize.loads(deep, source="m.json")


@needs_recursion_limit
def test_a_document_nested_too_deeply_says_where():
    # the 101st "[", at column 101 of line 2, is the first one more than 100 levels deep
    with pytest.raises(ModelFormatError, match=r"^m.json is nested too deeply to be a tinynet model \(over 100 "
                       r"levels at line 2, column 101\)$"):
        serialize.loads("\n" + "[" * 5000 + "]" * 5000, source="m.json")


@pytest.mark.parametrize("name, W2, message", [
    ("far too many rows", [[0.5]] * 10**6, r"W2 is \(1000000, 1\) but the sizes make it \(3, 1\)"),
    ("far too many rows, one ragged", [[0.5]] * 10**6 + [[1, 2]], r"W2 has 1000001 rows but the sizes make it"),
    ("far too many columns", [[0.5] * 10**6] * 3, r"W2 is \(3, 1000000\) but the sizes make it \(3, 1\)"),
])
def test_a_parameter_of_the_wrong_size_is_refused_before_any_entry_is_converted(monkeypatch, name, W2, message):
    converted = []

    def spy(rows, name="A"):
        converted.append(name)
        return document.Matrix(rows, name)

    monkeypatch.setattr(document, "Matrix", spy)
    with pytest.raises(ModelFormatError, match=message):
        serialize.from_dict(with_change(W2=W2))
    assert converted == []  # not W2, nor W1 before it: counting comes first


def test_a_model_file_with_far_too_many_rows_is_refused_without_converting_them(tmp_path, monkeypatch):
    text = serialize.dumps(NeuralNetwork(2, 4, 1, seed=0))
    text = text.replace('"W2": [\n', '"W2": [\n' + "    [0.5],\n" * 20000)
    (tmp_path / "m.json").write_text(text)
    entries = []
    monkeypatch.setattr(document.checks, "real", lambda value, name: entries.append(name))
    with pytest.raises(ModelFormatError, match=r"m.json: W2 is \(20004, 1\) but the sizes make it \(4, 1\)"):
        serialize.load(tmp_path / "m.json")
    assert entries == []


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


# -- huge ints: short messages, the same on every interpreter ------------------------

HUGE = 10**5000  # printing it fails on CPython 3.11+ (over 4300 digits) and is 5000 characters elsewhere
HUGE_INT_MESSAGES = [
    ("format_version", HUGE, ("model has format_version an int beyond 2**64, but this tinynet reads version 1; "
                              "upgrade tinynet")),
    ("format_version", -HUGE, "model has format_version int beyond -2**64; expected a positive int"),
    ("input_size", HUGE, "model: input_size must be at most 10000000 (MAX_PARAMETERS), got an int beyond 2**64"),
    ("hidden_size", -HUGE, "model: hidden_size must be a positive int, got int beyond -2**64"),
    ("seed", HUGE, "model: seed must be between 0 and 2**32 - 1, got an int beyond 2**64"),
    ("learning_rate", HUGE, "model: learning_rate is too large for a float64: int beyond 2**64"),
    ("b2", [[HUGE]], "model: b2[0][0] is too large for a float64: int beyond 2**64"),
]


@pytest.mark.parametrize("key, value, message", HUGE_INT_MESSAGES, ids=[m[0] for m in HUGE_INT_MESSAGES])
def test_huge_ints_give_short_messages_from_a_dict_and_from_json(key, value, message):
    with pytest.raises(ModelFormatError) as caught:
        serialize.from_dict(with_change(**{key: value}))
    assert str(caught.value) == message
    # the same document as JSON text (json.dumps cannot write the int on CPython 3.11+)
    marked = [["HUGE"]] if isinstance(value, list) else "-HUGE" if value < 0 else "HUGE"
    text = json.dumps(with_change(**{key: marked}))
    text = text.replace('"-HUGE"', "-1" + "0" * 5000).replace('"HUGE"', "1" + "0" * 5000)
    with pytest.raises(ModelFormatError) as caught:
        serialize.loads(text)
    assert str(caught.value) == message


def test_ints_short_enough_to_be_numbers_are_read_exactly():
    text = serialize.dumps(NeuralNetwork(1, 1, 1, seed=0)).replace('"b2": [\n    [0.0]', '"b2": [\n    [%s]' % (
        "1" + "0" * 300))
    assert serialize.loads(text).b2.tolist() == [[1e300]]


# each interpreter prints its messages for huge ints; they must agree with this one's
HUGE_SCRIPT = """
import json
from tinynet import serialize, NeuralNetwork
doc = serialize.to_dict(NeuralNetwork(1, 1, 1, seed=0))
out = []
for key in ("format_version", "input_size", "seed", "learning_rate"):
    for sign in ("", "-"):
        try:
            serialize.loads(json.dumps(dict(doc, **{key: "HUGE"})).replace('"HUGE"', sign + "9" * 5000))
        except ValueError as exc:
            out.append(str(exc))
print(json.dumps(out))
"""


@needs_processes
def test_huge_int_messages_are_the_same_on_every_interpreter():
    others = [p for p in os.environ.get("TINYNET_INTERPRETERS", "").split(os.pathsep) if p]
    if not others:
        pytest.skip("set TINYNET_INTERPRETERS to compare interpreters (.ci/run does)")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    def run(python):
        return json.loads(subprocess.run([python, "-c", HUGE_SCRIPT], stdout=subprocess.PIPE, check=True,
                                         universal_newlines=True, cwd=root,
                                         env=dict(os.environ, PYTHONPATH=root)).stdout)

    here = run(sys.executable)
    assert len(here) == 8 and all(len(message) < 120 for message in here)
    for python in others:
        assert run(python) == here, python


# -- bad arguments ----------------------------------------------------------------------

BAD_CALLS = [
    ("save(None, path)", lambda p: serialize.save(None, p), BadArgumentError,
     "nn must be a NeuralNetwork, got NoneType None"),
    ("save(str, path)", lambda p: serialize.save("not a network", p), BadArgumentError,
     "nn must be a NeuralNetwork, got str 'not a network'"),
    ("save(path, nn)", lambda p: serialize.save("model.json", NeuralNetwork(1, 1, 1, seed=0)), BadArgumentError,
     r"^the arguments look swapped: nn is str 'model.json' and path is a NeuralNetwork; call save\(nn, path\), "
     "the network first$"),
    ("save(nn, None)", lambda p: serialize.save(NeuralNetwork(1, 1, 1, seed=0), None), BadArgumentError,
     r"path must be a file path \(str, bytes or os.PathLike\), got NoneType None"),
    ("save(nn, 5)", lambda p: serialize.save(NeuralNetwork(1, 1, 1, seed=0), 5), BadArgumentError,
     r"path must be a file path .*, got int 5 \(a file descriptor is not taken: give the file's name\)$"),
    ("save(nn, nn)", lambda p: serialize.save(NeuralNetwork(1, 1, 1, seed=0), NeuralNetwork(1, 1, 1, seed=0)),
     BadArgumentError, "path must be a file path .*, got NeuralNetwork$"),
    ("save(nn, '')", lambda p: serialize.save(NeuralNetwork(1, 1, 1, seed=0), ""), BadArgumentError, "path is empty"),
    ("save(nn, 'a\\0b')", lambda p: serialize.save(NeuralNetwork(1, 1, 1, seed=0), str(p) + "\0x"),
     BadArgumentError, "path contains a NUL character"),
    ("save(nn, 'folder/')", lambda p: serialize.save(NeuralNetwork(1, 1, 1, seed=0), str(p) + os.sep),
     BadArgumentError, "ends with a separator: it names a folder, not a file"),
    ("load(None)", lambda p: serialize.load(None), BadArgumentError, "path must be a file path .*, got NoneType None"),
    ("load(5)", lambda p: serialize.load(5), BadArgumentError,
     r"^path must be a file path \(str, bytes or os.PathLike\), got int 5 \(a file descriptor is not taken"),
    ("load(True)", lambda p: serialize.load(True), BadArgumentError, "path must be a file path .*, got bool True$"),
    ("load('')", lambda p: serialize.load(""), BadArgumentError, "path is empty"),
    ("to_dict(list)", lambda p: serialize.to_dict([1]), BadArgumentError, "nn must be a NeuralNetwork, got list"),
    ("dumps(None)", lambda p: serialize.dumps(None), BadArgumentError, "nn must be a NeuralNetwork, got NoneType None"),
    ("loads(5)", lambda p: serialize.loads(5), BadArgumentError,
     r"text must be JSON text \(str, or UTF-8 bytes\), got int 5"),
]


@pytest.mark.parametrize("name, call, error, message", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_bad_arguments_are_named_and_change_nothing(tmp_path, monkeypatch, name, call, error, message):
    os.mkdir(tmp_path / "work")
    monkeypatch.chdir(tmp_path / "work")  # save("") once wrote a temporary file in the parent of this folder
    with pytest.raises(error, match=message):
        call(tmp_path / "work" / "model.json")
    assert os.listdir(tmp_path) == ["work"] and os.listdir(tmp_path / "work") == []


def test_load_never_takes_an_int_for_a_file_descriptor(tmp_path):
    serialize.save(NeuralNetwork(2, 3, 1, seed=5), tmp_path / "m.json")
    fd = os.open(str(tmp_path / "m.json"), os.O_RDONLY)
    try:
        with pytest.raises(BadArgumentError, match="got int %d" % fd):
            serialize.load(fd)
        assert os.lseek(fd, 0, os.SEEK_CUR) == 0  # not a byte of it was read
    finally:
        os.close(fd)


def test_paths_may_be_str_bytes_or_path_like(tmp_path):
    nn = NeuralNetwork(2, 3, 1, seed=5)
    for path in (str(tmp_path / "a.json"), os.fsencode(str(tmp_path / "b.json")), tmp_path / "c.json"):
        serialize.save(nn, path)
        assert bits(serialize.load(path)) == bits(nn)
    assert sorted(os.listdir(tmp_path)) == ["a.json", "b.json", "c.json"]


def test_loads_accepts_utf8_bytes():
    nn = NeuralNetwork(2, 3, 1, seed=5)
    assert bits(serialize.loads(serialize.dumps(nn).encode("utf-8"))) == bits(nn)


# -- threads: a save while another thread trains writes one whole epoch -------------------


def state(params):
    """A hashable copy of (W1, b1, W2, b2)."""
    return tuple(tuple(tuple(row) for row in P) for P in params)


@needs_threads
def test_to_dict_while_another_thread_trains_gives_the_weights_of_one_whole_epoch():
    nn = NeuralNetwork(6, 30, 3, seed=8)
    X = [[(i * j % 7) / 7.0 for j in range(6)] for i in range(5)]
    y = [[(i + k) % 2 for k in range(3)] for i in range(5)]
    epochs = [nn.parameters]  # the training thread records the weights after every whole epoch
    trainer = threading.Thread(target=nn.train, args=(X, y, 200),
                               kwargs=dict(verbose=False, callback=lambda epoch, loss: epochs.append(nn.parameters)))
    snapshots = []
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter allows: mixes show up at once
    try:
        trainer.start()
        while trainer.is_alive() or not snapshots:
            snapshots.append(serialize.to_dict(nn))
    finally:
        trainer.join()
        sys.setswitchinterval(switch)
    whole = {state(P.tolist() for P in params) for params in epochs}
    assert len(epochs) == 201 and len(snapshots) > 10
    mixed = [n for n, doc in enumerate(snapshots) if state(doc[key] for key in ("W1", "b1", "W2", "b2")) not in whole]
    assert mixed == []


def test_saving_from_a_callback_saves_each_epoch_and_changes_no_training(tmp_path):
    X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]
    nn, twin = NeuralNetwork(2, 4, 1, seed=0), NeuralNetwork(2, 4, 1, seed=0)
    path = tmp_path / "model.json"
    saved = []

    def checkpoint(epoch, loss):
        serialize.save(nn, path)
        saved.append(bits(serialize.load(path)))
        assert saved[-1] == bits(nn)  # the file holds exactly this epoch's weights

    nn.train(X, y, 50, verbose=False, callback=checkpoint)
    twin.train(X, y, 50, verbose=False)
    assert len(saved) == 50 and saved[-1] == bits(twin) == bits(nn)
    assert os.listdir(tmp_path) == ["model.json"]

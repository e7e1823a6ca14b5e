"""The playground: its Python side (session, loader), its server command, its page's files, the PNG reader.

The page itself runs in a real browser in .ci/run (tests/browser/check_playground.py);
here, everything the page asks of Python, under CPython, as Pyodide runs it.
"""

import html.parser
import inspect
import json
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import struct
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runtimes import needs_processes, needs_sockets
from fakes import stop
from tinynet import NeuralNetwork, cli, plot, xor
from tinynet.playground import loader, serve, session

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAYGROUND = os.path.join(ROOT, "tinynet", "playground")
sys.path.insert(0, os.path.join(ROOT, "tests", "browser"))
import pngread  # noqa: E402  (the browser harness's PNG reader, beside it)

needs_pictures = pytest.mark.skipif(
    not hasattr(plot, "loss_curve"), reason="needs tinynet.plot.loss_curve and decision_map (issue 19's pictures)")


def form(data="xor", **changes):
    """The page's form as the worker sends it: every value the text typed."""
    fields = dict(session.DEFAULTS[data], data=data)
    fields.update(changes)
    return json.dumps({key: str(value) for key, value in fields.items()})


def train(fields, code=None):
    """Return (what report got, what train returned), both decoded."""
    reports = []
    answer = session.Playground().train(fields, session.source() if code is None else code, reports.append)
    return [json.loads(text) for text in reports], json.loads(answer)


# -- the form: tinynet's own messages, one line -----------------------------------------------------

@pytest.mark.parametrize("changes, message", [
    ({"learning_rate": "abc"}, "NotANumberError: learning_rate must be a real number, got str 'abc'"),
    ({"learning_rate": "-1"}, "BadHyperparameterError: learning_rate must be a positive finite number, got -1"),
    ({"epochs": "0"}, "BadHyperparameterError: epochs must be between 1 and 100000 in the playground "
                      "(a loss curve needs an epoch), got 0"),
    ({"epochs": "2.5"}, "NotANumberError: epochs must be an int, got float"),
    ({"hidden_size": "1000000000"}, "BadSizeError: hidden_size must be at most 10000000, got 1000000000"),
    ({"hidden_size": ""}, "NotANumberError: hidden_size must be an int, got str"),
    ({"seed": "-1"}, "BadHyperparameterError: seed must be between 0 and 2**32 - 1, got -1"),
    ({"loss": "hinge"}, "BadHyperparameterError: loss must be one of 'cross_entropy', 'mse', got str 'hinge'"),
])
def test_bad_form_values_give_tinynets_one_line_message_and_no_training(changes, message):
    reports, answer = train(form(**changes))
    assert reports == [] and list(answer) == ["error"]
    assert answer["error"].startswith(message) and "\n" not in answer["error"]


def test_an_unknown_data_set_is_named():
    _, answer = train(json.dumps({"data": "mnist"}))
    assert answer == {"error": "BadArgumentError: data must be one of xor, iris, moons, circles, got 'mnist'"}


def test_form_text_becomes_the_number_it_spells():
    assert [session._typed(t) for t in ("4", " 10 ", "1e-1", "0.5", "abc", "")] == [4, 10, 0.1, 0.5, "abc", ""]


def test_a_form_that_is_not_an_object_is_named():
    assert json.loads(session.Playground().train("[1]", "", print)) == {
        "error": "BadArgumentError: form must be a JSON object, got list"}


def test_one_line_joins_lines_and_cuts_at_the_limit():
    assert session.one_line(ValueError("a\n  b")) == "ValueError: a b"
    long = session.one_line(ValueError("x" * 1000))
    assert len(long) == session.MESSAGE_LIMIT and long.endswith("...")


# -- the code shown is the code that runs -----------------------------------------------------------

def test_the_code_shown_is_forward_backward_and_train_from_the_package_source():
    text = session.source()
    assert text.startswith("class Network(NeuralNetwork):")
    for name in ("forward", "backward", "train"):
        assert inspect.getsource(getattr(NeuralNetwork, name)) in text
    assert session.network_class(text) is NeuralNetwork


def test_edited_code_runs_as_a_subclass_and_its_override_is_used():
    edited = session.source().replace("a1 = self.sigmoid(z1)", "a1 = z1.map(math.tanh)")
    assert edited != session.source()
    cls = session.network_class(edited)
    assert issubclass(cls, NeuralNetwork) and cls is not NeuralNetwork
    ours, theirs = cls(2, 4, 1, seed=0), NeuralNetwork(2, 4, 1, seed=0)
    ours.train(xor.X, xor.y, 5, verbose=False)
    theirs.train(xor.X, xor.y, 5, verbose=False)
    assert ours.loss_history != theirs.loss_history


@pytest.mark.parametrize("edit, message", [
    (lambda code: code.replace("def forward(self", "def forward(self,,"),
     r"^SyntaxError: invalid syntax \(<your code>, line \d+\)$"),
    (lambda code: code.replace("a1 = self.sigmoid(z1)", "a1 = z1.map(tanh)"),
     r"^NameError: name 'tanh' is not defined$"),
    (lambda code: code.replace("class Network(", "class Net("),
     r"^BadArgumentError: the code must define class Network\(NeuralNetwork\), got Network = "),
    (lambda code: "Network = 3", r"^BadArgumentError: the code must define class Network\(NeuralNetwork\), got"),
])
def test_a_mistake_in_edited_code_is_one_line(edit, message):
    _, answer = train(form(epochs=3), edit(session.source()))
    assert re.match(message, answer["error"]) and "Traceback" not in answer["error"]


# -- training: pictures as it goes, and the xor command's last line ---------------------------------

@needs_pictures
def test_run_xor_is_the_tutorials_run_and_ends_with_the_xor_commands_line(capsys):
    reports, answer = train(form("xor"))
    assert xor.main(["--quiet"]) == 0
    assert answer["verdict"] == capsys.readouterr().out.splitlines()[-1]
    assert answer["verdict"].startswith("learned XOR: yes (4/4 correct, ")
    epochs = [report["epoch"] for report in reports]
    assert epochs == list(range(0, 10000, 250))  # checked first, then every 250 epochs; the last is answer's
    assert answer["epoch"] == answer["epochs"] == 10000 and answer["done"]
    assert answer["loss_svg"].startswith("<svg") and 'class="loss"' in answer["loss_svg"]
    assert answer["map_svg"].startswith("<svg") and 'class="cell"' in answer["map_svg"]


@needs_pictures
@pytest.mark.parametrize("data", ["iris", "moons", "circles"])
def test_every_data_set_learns_with_its_form_and_says_how_well(data):
    X, _, what = session.data_set(data)
    reports, answer = train(form(data, epochs=300))  # a fifth to a third of the page's epochs: fast, and enough
    correct = int(re.match(r"^%s: (\d+)/%d correct \(final MSE " % (what["title"], len(X)), answer["verdict"]).group(1))
    assert correct >= 0.85 * len(X), answer["verdict"]
    assert [r["epoch"] for r in reports] == [0, 100, 200]


@needs_pictures
def test_training_that_blows_up_is_one_line():
    _, answer = train(form("moons", learning_rate="1e308", epochs=10))
    assert answer["error"].startswith("NonFiniteError: epoch 1: the descended loss (cross_entropy) is not finite; the weights have grown")


def test_the_data_sets_have_two_inputs_and_targets_the_decision_map_takes():
    for name in session.DATA_SETS:
        X, y, what = session.data_set(name)
        assert all(len(row) == 2 for row in X) and len(y) == len(X)
        assert all(sorted(set(row)) in ([0.0], [1.0], [0.0, 1.0]) for row in y)
        assert len(what["classes"]) == max(2, len(y[0]))


# -- the loader: the package fetched as Python imports it -------------------------------------------

def test_the_loader_fetches_each_module_as_it_is_imported_and_nothing_else(tmp_path, monkeypatch):
    files = {"toypack/__init__.py": "from . import inner\nVALUE = inner.f()\n",
             "toypack/inner.py": "def f():\n    return 42\n", "toypack/unused.py": "raise SystemExit",
             "toypack/data.csv": "a\n1\n"}
    asked = []

    def fetch(relative):
        asked.append(relative)
        return files.get(relative)

    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    finder = loader.install("toypack", str(tmp_path), fetch)
    try:
        import toypack
        assert toypack.VALUE == 42
        assert inspect.getsource(toypack.inner.f).startswith("def f():")  # from the file written
        assert finder.fetched == ["toypack/__init__.py", "toypack/inner.py"]
        assert asked == ["toypack.py", "toypack/__init__.py", "toypack/inner.py"]  # one miss per package
        assert finder.need("toypack/data.csv") and (tmp_path / "toypack" / "data.csv").read_text() == "a\n1\n"
        assert not finder.need("toypack/none.csv")
        assert finder.find_spec("json") is None and asked[-1] == "toypack/none.csv"  # other names: not asked
    finally:
        for name in [name for name in sys.modules if name.split(".")[0] == "toypack"]:
            del sys.modules[name]


def test_the_loader_needs_nothing_of_tinynet():
    with open(loader.__file__, encoding="utf-8") as f:
        text = f.read()
    assert not re.search(r"^\s*(from|import) (\.|tinynet)", text, re.M)  # the page runs it before tinynet exists


# -- the page's files --------------------------------------------------------------------------------

class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.labels, self.controls = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "label":
            self.labels.add(attrs.get("for"))
        if tag in ("input", "select", "textarea"):
            self.controls.append(attrs.get("id"))


def read(name):
    with open(os.path.join(PLAYGROUND, name), encoding="utf-8") as f:
        return f.read()


def test_every_control_has_a_label_and_every_id_is_unique():
    page = _Page()
    page.feed(read("index.html"))
    assert len(page.ids) == len(set(page.ids))
    assert page.controls and set(page.controls) <= page.labels
    assert set(session.FORM) <= set(page.controls)


def test_the_form_fields_are_text_so_that_tinynet_sees_what_was_typed():
    for name in ("hidden_size", "learning_rate", "epochs", "seed"):
        assert re.search(r'<input id="%s" name="%s" type="text"' % (name, name), read("index.html"))


def test_the_pinned_pyodide_version_is_the_one_the_tests_use():
    with open(os.path.join(ROOT, "tests", "pyodide", "package.json"), encoding="utf-8") as f:
        pinned = json.load(f)["dependencies"]["pyodide"]
    assert serve.PYODIDE_VERSION == pinned
    assert 'const PYODIDE_VERSION = "%s";' % pinned in read("playground.js")


def test_the_page_files_are_package_data():
    with open(os.path.join(ROOT, "setup.cfg"), encoding="utf-8") as f:
        text = f.read()
    for name in os.listdir(PLAYGROUND):
        if not name.endswith((".py", ".pyc")) and name != "__pycache__":
            assert "playground/*%s" % os.path.splitext(name)[1] in text, name


# -- python -m tinynet.playground ---------------------------------------------------------------------

@pytest.mark.parametrize("argv, message", [
    (["--port", "70000"], "--port must be between 0 and 65535, got 70000"),
    (["--port", "x"], "argument --port: expected a whole number, got 'x'"),
    (["--pyodide", "nowhere"], "--pyodide must be an http\\(s\\) URL or a folder holding pyodide.mjs, got 'nowhere'"),
    (["--bind", "0.0.0.0"], "unrecognized arguments: --bind"),
])
def test_bad_flags_are_one_error_line_and_status_2(argv, message, capsys):
    assert serve.main(argv) == cli.USER_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and re.match("error: .*" + message, err)


@needs_sockets
def test_a_port_in_use_is_one_error_line():
    first = serve.make_server(0, serve.PYODIDE_CDN)
    try:
        with pytest.raises(cli.UsageError, match=r"cannot serve on 127.0.0.1:%d: " % first.server_address[1]):
            serve.make_server(first.server_address[1], serve.PYODIDE_CDN)
    finally:
        first.server_close()


def test_it_says_where_pyodide_comes_from():
    assert "needs the internet" in serve.pyodide_source(serve.PYODIDE_CDN)
    assert "served here at /pyodide/ (no internet needed)" in serve.pyodide_source("/opt/pyodide")


def get(url):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.geturl(), answer.headers.get("Content-Type"), answer.read()


@needs_processes
def test_it_serves_the_page_the_package_and_a_local_pyodide_then_ctrl_c_is_130(tmp_path):
    (tmp_path / "pyodide.mjs").write_text("export {};\n")
    process = subprocess.Popen([sys.executable, "-m", "tinynet.playground", "--port", "0", "--pyodide", str(tmp_path)],
                               cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, universal_newlines=True)
    try:
        first = process.stdout.readline()
        url = re.match(r"tinynet playground: (http://127\.0\.0\.1:\d+/)$", first.strip()).group(1)
        assert process.stdout.readline().startswith("Pyodide will load from %s, served here at /pyodide/" % tmp_path)
        final, kind, body = get(url)
        assert final == url + "tinynet/playground/index.html?pyodide=/pyodide/"
        assert kind.startswith("text/html") and body == read("index.html").encode()
        assert get(url + "tinynet/__init__.py")[2] == open(os.path.join(ROOT, "tinynet", "__init__.py"), "rb").read()
        assert get(url + "tinynet/playground/worker.js")[1] == "text/javascript"
        assert get(url + "pyodide/pyodide.mjs")[2] == b"export {};\n"
        for missing in ("tinynet/", "etc/passwd", "tinynet/../setup.cfg", "pyodide/none.js"):
            with pytest.raises(urllib.error.HTTPError, match="404"):
                get(url + missing)
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == cli.INTERRUPTED
        assert process.stderr.read() == "interrupted\n"
    finally:
        stop(process)


@needs_processes
def test_help_says_what_it_serves_and_exits_0():
    done = subprocess.run([sys.executable, "-m", "tinynet.playground", "--help"], cwd=ROOT, stdout=subprocess.PIPE,
                          env=dict(os.environ, PYTHONPATH=ROOT), universal_newlines=True, timeout=60)
    assert done.returncode == 0 and "--pyodide URL_OR_DIR" in done.stdout and "127.0.0.1" in done.stdout


# -- the browser harness's PNG reader ----------------------------------------------------------------

def encode_png(rows, alpha=False):
    """A PNG of ``rows`` of (r, g, b), each row filtered with the next of the five filters in turn."""
    step = 4 if alpha else 3
    raw, above = b"", bytearray(len(rows[0]) * step)
    for r, row in enumerate(rows):
        line = bytearray(v for pixel in row for v in (pixel + ((255,) if alpha else ())))
        kind = r % 5
        out = bytearray(len(line))
        for i in range(len(line)):
            left = line[i - step] if i >= step else 0
            corner = above[i - step] if i >= step else 0
            guess = [0, left, above[i], (left + above[i]) // 2, pngread._paeth(left, above[i], corner)][kind]
            out[i] = (line[i] - guess) & 255
        raw += bytes([kind]) + bytes(out)
        above = line

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", len(rows[0]), len(rows), 8, 6 if alpha else 2, 0, 0, 0)
    return pngread.SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


pixels = st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))


@given(st.integers(1, 6).flatmap(lambda w: st.lists(st.lists(pixels, min_size=w, max_size=w), min_size=1,
                                                    max_size=7)), st.booleans())
def test_the_png_reader_undoes_every_filter(rows, alpha):
    assert pngread.decode_png(encode_png(rows, alpha)) == (len(rows[0]), len(rows), rows)


def test_coloured_pixels_are_counted_and_greys_are_not():
    red, blue, grey, white = (178, 24, 43), (33, 102, 172), (120, 120, 120), (255, 255, 255)
    assert pngread.coloured_fraction(pngread.decode_png(encode_png([[red, blue, grey, white]]))) == 0.5
    with pytest.raises(ValueError, match="not a PNG"):
        pngread.decode_png(b"GIF89a")

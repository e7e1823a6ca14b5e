"""What the playground page runs under Pyodide: the form checked, training with pictures as it goes.

The page's Web Worker (worker.js) makes one ``Playground`` and calls
``Playground.train(form, code, report)``, with JSON text, so that only
strings cross between JavaScript and Python:

- ``form`` is the page's form as JSON, each value the text the learner typed;
  ``code`` is the text of the code editor;
- ``report(text)`` is called with ``{"epoch": 0, "epochs": N}`` once the form
  and the code are checked, then every few hundred epochs with ``{"epoch",
  "epochs", "loss", "loss_svg", "map_svg", "done"}``: the pictures so far;
- it returns the same for the last epoch, with ``"verdict"``, the line the
  page writes into #verdict; or ``{"error": one line}``.

Training is one call of ``train`` with a callback, as the xor command trains:
the histories the loss curve draws are the whole run's. It runs in the
worker, so the page never freezes; Stop ends the worker. Every error is
caught here and becomes one line, ``ErrorClass: message`` (tinynet's own
message for a bad value), never a traceback. The same code runs under
CPython, where the tests call it.
"""

import inspect
import json
import math
import sys

from .. import plot
from ..core import checks
from ..core.errors import BadArgumentError, BadHyperparameterError
from ..core.network import NeuralNetwork
from ..data import XOR_X, XOR_Y, circles, iris, moons
from ..iris import one_hot, standardise
from ..xor import verdict as xor_verdict

__all__ = ["Playground", "DATA_SETS", "DEFAULTS", "FILES", "FORM", "MAX_EPOCHS", "MESSAGE_LIMIT", "source", "one_line",
           "data_set", "network_class"]

DATA_SETS = ("xor", "iris", "moons", "circles")
# Each data set's form: chosen so that training takes seconds under Pyodide and learns.
# XOR's is the seed tutorial's run (2-4-1, learning rate 0.1, 10000 epochs, seed 0).
DEFAULTS = {
    "xor": {"hidden_size": 4, "learning_rate": 0.1, "loss": "cross_entropy", "epochs": 10000, "seed": 0},
    "iris": {"hidden_size": 4, "learning_rate": 1.0, "loss": "cross_entropy", "epochs": 500, "seed": 0},
    "moons": {"hidden_size": 6, "learning_rate": 2.0, "loss": "cross_entropy", "epochs": 1500, "seed": 0},
    "circles": {"hidden_size": 4, "learning_rate": 2.0, "loss": "cross_entropy", "epochs": 1000, "seed": 0},
}
FILES = ("tinynet/data/iris.csv",)  # what the page reads that is not a module: the worker fetches it first
FORM = ("data", "hidden_size", "learning_rate", "loss", "epochs", "seed")  # the page's controls, by name
MAX_EPOCHS = 100000  # a page's run: minutes at most in a browser
PICTURES = 40  # about this many redraws in a run, at least every MIN_EVERY epochs
MIN_EVERY = 100
MAP_CELLS = 30  # per side of the decision map: 961 predictions a picture, a few tens of milliseconds
MESSAGE_LIMIT = 300  # characters of an error line, as the commands' (tinynet.cli)
CODE_NAME = "<your code>"  # how a SyntaxError names the editor's text
METHODS = ("forward", "backward", "train")  # what the page shows and lets a learner edit


def source() -> str:
    """Return the code editor's first text: ``forward``, ``backward`` and ``train`` from tinynet's source.

    They are read now, from the files this tinynet was imported from (under
    Pyodide, the files the page fetched), inside ``class Network(NeuralNetwork):``.
    """
    parts = ["class Network(NeuralNetwork):",
             '    """tinynet\'s NeuralNetwork, with the methods below as written here: edit them and train."""', ""]
    for name in METHODS:
        parts.append(inspect.getsource(getattr(NeuralNetwork, name)).rstrip() + "\n")
    return "\n".join(parts)


def network_class(code: str) -> type:
    """Return the class the editor's ``code`` defines as ``Network``: NeuralNetwork itself if it is unchanged.

    The unchanged text is the package's own code, so NeuralNetwork runs it
    (and its fast path, which gives the same bits). Edited code runs in the
    namespace of the module NeuralNetwork comes from, where the methods were
    written, so every name they use means what it meant there; ``math`` is
    added for the learner's own formulas.
    """
    if not isinstance(code, str):
        raise BadArgumentError("code must be a str, got %s" % checks.describe(code))
    if code == source():
        return NeuralNetwork
    namespace = dict(vars(sys.modules[NeuralNetwork.__module__]))
    namespace["math"], namespace["__name__"] = math, "playground"
    exec(compile(code, CODE_NAME, "exec"), namespace)
    made = namespace.get("Network")
    if not (isinstance(made, type) and issubclass(made, NeuralNetwork)):
        raise BadArgumentError("the code must define class Network(NeuralNetwork), got Network = %s"
                               % checks.describe(made))
    return made


def data_set(name: str) -> "tuple[list[list[float]], list[list[float]], dict]":
    """Return (X, y, what): the data set ``name`` (one of DATA_SETS), y as one column or one-hot rows.

    ``what`` holds the decision map's title, the axes' and the classes' names.
    """
    if name == "xor":
        return XOR_X, XOR_Y, {"title": "XOR", "axes": ("x1", "x2"), "classes": ["0", "1"]}
    if name == "iris":
        # petal length and width (cm): the two measurements that tell the species apart best
        X, species = iris()
        petals = standardise([row[2:4] for row in X])[0]
        return petals, one_hot(species, 3), {"title": "Iris, petals", "classes": ["setosa", "versicolor", "virginica"],
                                             "axes": ("petal length (standardised)", "petal width (standardised)")}
    if name in ("moons", "circles"):
        X, labels = moons(100, 0.1, seed=0) if name == "moons" else circles(100, 0.05, seed=0)
        return X, [[float(label)] for label in labels], {"title": "two %s" % name, "axes": ("x1", "x2"),
                                                          "classes": ["0", "1"]}
    raise BadArgumentError("data must be one of %s, got %r" % (", ".join(DATA_SETS), name))


def one_line(error: BaseException) -> str:
    """Return ``error`` as the page shows it: ``ErrorClass: message``, on one line, at most MESSAGE_LIMIT long."""
    text = " ".join(("%s: %s" % (type(error).__name__, error)).split())
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT - 3] + "..."


def _typed(text: object) -> object:
    """The number a form field's text spells (int first, then float), else the text, for tinynet to name."""
    if not isinstance(text, str):
        return text
    for kind in (int, float):
        try:
            return kind(text.strip())
        except ValueError:
            pass
    return text


def _epochs(value: object) -> int:
    """Return the form's epochs, checked: a loss curve needs one epoch, and a page a limit."""
    epochs = checks.integer(value, "epochs")
    if not 1 <= epochs <= MAX_EPOCHS:
        raise BadHyperparameterError("epochs must be between 1 and %d in the playground (a loss curve needs an "
                                     "epoch), got %s" % (MAX_EPOCHS, checks.shown(epochs)))
    return epochs


class _Run:
    """One training run: the network, its data, and how often it is drawn."""

    def __init__(self, form: dict, code: str) -> None:
        name = form.get("data")
        X, y, self.what = data_set(name)  # type: ignore[arg-type]
        cls = network_class(code)
        values = {key: _typed(form.get(key)) for key in FORM}
        self.nn = cls(2, values["hidden_size"], len(y[0]), learning_rate=values["learning_rate"],
                      seed=values["seed"], loss=values["loss"])
        self.epochs = _epochs(values["epochs"])
        self.every = max(MIN_EVERY, -(-self.epochs // PICTURES))
        self.name, self.X, self.y = name, X, y

    def train(self, report) -> dict:  # type: ignore[no-untyped-def]
        """Train all epochs, calling ``report(json)`` with the pictures every ``every`` epochs; return the last."""

        def draw(epoch: int, loss: float) -> None:
            done = len(self.nn.loss_history)  # the callback runs once the epoch is recorded
            if done % self.every == 0 and done < self.epochs:
                report(json.dumps(self.pictures()))

        # one call of train, as the xor command makes: the histories are the whole run's
        self.nn.train(self.X, self.y, self.epochs, verbose=False, callback=draw)
        last = self.pictures()
        last["verdict"] = self.verdict()
        return last

    def pictures(self) -> dict:
        """Return how far training is, the loss, and the two pictures' SVG text."""
        nn = self.nn
        shape = "%d-%d-%d, loss=%s, learning rate %g, seed %d" % (
            nn.input_size, nn.hidden_size, nn.output_size, nn.loss, nn.learning_rate, nn.seed)
        done = len(nn.loss_history)
        return {"epoch": done, "epochs": self.epochs, "loss": nn.loss_history[-1], "done": done == self.epochs,
                "loss_svg": str(plot.loss_curve(nn, "%s: %s" % (self.what["title"], shape))),
                "map_svg": str(plot.decision_map(nn, self.X, self.y, MAP_CELLS, "what the network predicts",
                                                 axes=self.what["axes"], classes=self.what["classes"]))}

    def verdict(self) -> str:
        """The last line: for XOR the xor command's own, for the others how many points are right."""
        if self.name == "xor":
            return xor_verdict(self.nn)[1]
        outputs = self.nn.predict(self.X).tolist()
        correct = 0
        for output, target in zip(outputs, self.y):
            if len(output) == 1:
                correct += (1.0 if output[0] >= 0.5 else 0.0) == target[0]
            else:
                correct += output.index(max(output)) == target.index(max(target))
        return "%s: %d/%d correct (final MSE %.4g, seed %d)" % (
            self.what["title"], correct, len(outputs), self.nn.loss_history[-1], self.nn.seed)


class Playground:
    """The page's Python side: ``train`` a run from the form and the code (module docstring)."""

    def train(self, form: str, code: str, report) -> str:  # type: ignore[no-untyped-def]
        """Check the form (JSON) and the code, train, send pictures to ``report``; return the last JSON, or an error."""
        try:
            fields = json.loads(form)
            if not isinstance(fields, dict):
                raise BadArgumentError("form must be a JSON object, got %s" % checks.describe(fields))
            run = _Run(fields, code)
            report(json.dumps({"epoch": 0, "epochs": run.epochs}))  # checked: training starts
            return json.dumps(run.train(report))
        except Exception as exc:  # the learner's code may raise anything: the page shows one line
            return json.dumps({"error": one_line(exc)})

    def defaults(self) -> str:
        """Return DEFAULTS as JSON: the form each data set starts from."""
        return json.dumps(DEFAULTS)

    def source(self) -> str:
        """Return the code editor's first text (``source()``)."""
        return source()

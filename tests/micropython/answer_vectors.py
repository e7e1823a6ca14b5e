"""Answer tinynet's test vectors with the core alone, as a port would: run under MicroPython.

    micropython answer_vectors.py VECTORS_DIR ANSWERS.json

with ``tinynet/core/`` on MicroPython's path (tests/micropython/prove.py sets
it up: the core's files and nothing else of the package). Writes an answers
file for ``python -m tinynet.vectors check ANSWERS.json``, run on CPython.

Every case the core covers is answered through its public names, as
tinynet/vectors/answer.py answers it on CPython. The others are answered
``{"skip": reason}``: the tools' cases (reading a model document, parsing CSV
text) and the printed loss line (see SKIPPED). Numbers are read and written
through exact.py, because MicroPython's own float text is not exact.
"""

import os
import sys

import exact
from tinynet.core import losses
from tinynet.core.network import sigmoid, sigmoid_derivative
from tinynet.core.errors import BadArgumentError, ShapeError
from tinynet.core.matrix import Matrix
from tinynet.core.network import NeuralNetwork, loss_line
from tinynet.core.rng import MT19937, RandomState

WEIGHTS = ("W1", "b1", "W2", "b2")
GRADIENTS = ("dZ2", "dW2", "db2", "dZ1", "dW1", "db1")
SPECIAL = {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")}

# What this harness does not answer, by op (or by the call of an "error" case), and why.
# The vectors flag all of these "beyond-core", which a port of the core alone may skip.
SKIPPED = {
    "load": "a tool (tinynet.serialize reads model files), not the core that MicroPython carries",
    "read_csv": "a tool (tinynet.data reads CSV files), not the core that MicroPython carries",
    "loss_line": "MicroPython's %r of a float is not always CPython's shortest round-trip text "
                 "(5e-324 prints as 4.940656458412465e-324; about 1 double in 100 differs)",
    "train_lines": "prints loss lines, whose float text MicroPython does not write exactly (see loss_line)",
    "xor_report": "the XOR demo's printed table and last line: a command, not the core",
    "demo_option": "the XOR demo's command-line options: a command, not the core",
}


def decode(value):  # type: ignore[no-untyped-def]
    """Return inputs with the strings "nan", "inf", "-inf" turned into those floats."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, str) and value in SPECIAL:
        return SPECIAL[value]
    return value


def network(inputs: dict) -> NeuralNetwork:
    """The network a case describes: sizes (a list of three; else W1's and W2's shapes, each checked as a
    matrix first), learning_rate, loss, seed, then the weights."""
    sizes = inputs.get("sizes")
    if sizes is None:
        W1, W2 = Matrix(inputs["W1"], "W1"), Matrix(inputs["W2"], "W2")
        sizes = [W1.shape[0], W1.shape[1], W2.shape[1]]
    elif not isinstance(sizes, list) or len(sizes) != 3:
        raise BadArgumentError("sizes must be a list of three sizes")
    nn = NeuralNetwork(*sizes, learning_rate=inputs.get("learning_rate", 0.1), seed=inputs.get("seed", 0),
                       loss=inputs.get("loss", "cross_entropy"))
    for name in WEIGHTS:
        if name in inputs:
            setattr(nn, name, inputs[name])
    return nn


def weights(nn: NeuralNetwork) -> dict:
    return {name: getattr(nn, name).tolist() for name in WEIGHTS}


def generator(op: str, inputs: dict) -> dict:
    seed, count = inputs["seed"], inputs["count"]
    if op == "mt19937":
        g = MT19937(seed)
        values = [g.next_uint32() for _ in range(count)]
        return {"uint32": values[inputs.get("skip", 0):]}
    if op == "next_double":
        g = MT19937(seed)
        return {"doubles": [g.next_double() for _ in range(count)]}
    if op == "polar":  # the polar method's candidate pairs, accepted or not
        g = MT19937(seed)
        x1s, x2s, r2s = [], [], []
        for _ in range(count):
            x1 = 2.0 * g.next_double() - 1.0
            x2 = 2.0 * g.next_double() - 1.0
            x1s.append(x1)
            x2s.append(x2)
            r2s.append(x1 * x1 + x2 * x2)
        return {"x1": x1s, "x2": x2s, "r2": r2s}
    rs = RandomState(seed)
    return {"normals": [rs.standard_normal() for _ in range(count)]}


def matrix_op(op: str, inputs: dict) -> dict:
    if op == "matmul":
        return {"C": (Matrix(inputs["A"], "A") @ Matrix(inputs["B"], "B")).tolist()}
    if op == "transpose":
        return {"T": Matrix(inputs["A"], "A").T.tolist()}
    if op == "add_row":
        A, b = Matrix(inputs["A"], "A"), Matrix(inputs["b"], "b")
        if b.shape != (1, A.shape[1]):
            raise ShapeError("b is %r; the bias row must be (1, %d)" % (b.shape, A.shape[1]))
        return {"C": (A + b).tolist()}
    return {"s": Matrix(inputs["A"], "A").sum(axis=0).tolist()}


def backward(inputs: dict) -> dict:
    """dZ2 ... db1 from given a1 and a2: sigmoid'(z) taken as a * (1 - a) of the stored activations."""
    a1, a2 = Matrix(inputs["a1"], "a1"), Matrix(inputs["a2"], "a2")
    nn = network({"sizes": [len(inputs["X"][0]), a1.shape[1], a2.shape[1]], "W2": inputs["W2"],
                  "loss": inputs.get("loss", "cross_entropy")})
    nn.sigmoid_derivative = lambda a: a * (1.0 - a)
    nn.z1, nn.a1, nn.z2, nn.a2 = a1, a1, a2, a2
    return dict(zip(GRADIENTS, [term.tolist() for term in nn.gradients(inputs["X"], inputs["y"])]))


def network_op(op: str, inputs: dict) -> dict:
    if op == "init":
        return weights(network(inputs))
    if op == "backward":
        return backward(inputs)
    nn = network(inputs)
    if op == "forward":
        nn.forward(inputs["X"])
        return {"z1": nn.z1.tolist(), "a1": nn.a1.tolist(), "z2": nn.z2.tolist(), "a2": nn.a2.tolist()}
    if op == "gradients":
        nn.forward(inputs["X"])
        return dict(zip(GRADIENTS, [term.tolist() for term in nn.gradients(inputs["X"], inputs["y"])]))
    if op == "step":
        loss = nn.train(inputs["X"], inputs["y"], 1, verbose=False)[0]
        return dict(weights(nn), loss=loss, objective=nn.objective_history[0])
    return train(nn, inputs)


def train(nn: NeuralNetwork, inputs: dict) -> dict:
    """Train (twice with "again"); answer the weights, every 100th loss of the last call (each one up to 100
    epochs), a2 and its rounding.

    The losses are kept by a callback with ``history=False``, as on a small
    board: a history list that grows all through training cannot find room
    for its next block in MicroPython's heap, which the epochs' short-lived
    floats leave with only small holes (it fails at 1024 or 2048 entries,
    with megabytes free). On an error: the weights and losses of the whole
    epochs before it.
    """
    calls = [inputs["epochs"]] + ([inputs["again"]] if "again" in inputs else [])
    for epochs in calls:
        kept, error = train_call(nn, inputs, epochs)
        if error is not None:
            return dict(weights(nn), error=error, losses=kept)
    a2 = nn.predict(inputs["X"]).tolist()
    return dict(weights(nn), losses=kept, a2=a2, rounded=[[1 if v >= 0.5 else 0 for v in row] for row in a2])


def train_call(nn: NeuralNetwork, inputs: dict, epochs):  # type: ignore[no-untyped-def]
    """One train call; return (its sampled losses, the error kind or None)."""
    every = 1 if not isinstance(epochs, int) or epochs <= 100 else 100
    kept = []

    def keep(epoch: int, loss: float) -> None:
        if epoch % every == 0:
            kept.append(loss)

    try:
        nn.train(inputs["X"], inputs["y"], epochs, verbose=False, callback=keep, history=False)
    except (TypeError, ValueError) as exc:
        return kept, kind(exc)
    return kept, None


def loss_op(op: str, inputs: dict) -> dict:
    if op == "mse":
        return {"mse": losses.mse(Matrix(inputs["a2"], "a2"), Matrix(inputs["y"], "y"))}
    if op == "cross_entropy":
        return {"cross_entropy": losses.cross_entropy(Matrix(inputs["z2"], "z2"), Matrix(inputs["y"], "y"))}
    return {"line": loss_line(inputs["epoch"], inputs["loss"])}


def sigmoid_op(op: str, inputs: dict) -> dict:
    z = inputs["z"]
    return {"sigmoid": sigmoid(z), "sigmoid_derivative": sigmoid_derivative(z)}


OPS = {"mt19937": generator, "next_double": generator, "standard_normal": generator, "polar": generator,
       "sigmoid": sigmoid_op, "matmul": matrix_op, "transpose": matrix_op, "add_row": matrix_op,
       "column_sum": matrix_op, "init": network_op, "forward": network_op, "gradients": network_op,
       "backward": network_op, "step": network_op, "train": network_op, "mse": loss_op,
       "cross_entropy": loss_op, "loss_line": loss_op}


def kind(exc: Exception) -> str:
    """Return the spec's kind of one of tinynet's errors; raise anything else again."""
    found = getattr(type(exc), "kind", None)
    if found is None:
        raise exc
    return found


def error_kind(inputs: dict) -> str:
    """Run the call an "error" case describes; return the kind of error it raised, or "none"."""
    call = inputs["call"]
    try:
        if call == "init":
            network(inputs)
        elif call == "forward":
            network(inputs).forward(inputs["X"])
        elif call == "train":
            network(inputs).train(inputs["X"], inputs["y"], inputs["epochs"], verbose=False)
        elif call in ("matmul", "add_row"):
            matrix_op(call, inputs)
        else:
            raise KeyError(call)
    except (TypeError, ValueError) as exc:
        return kind(exc)
    return "none"


def answer(case: dict):  # type: ignore[no-untyped-def]
    """Return the outputs of one case, ``{"skip": reason}``, or None for an op this harness does not know."""
    op, inputs = case["op"], case["inputs"]
    if op == "error":
        if inputs["call"] in SKIPPED:
            return {"skip": SKIPPED[inputs["call"]]}
        return {"error": error_kind(decode(inputs))}
    if op in SKIPPED:
        return {"skip": SKIPPED[op]}
    if op not in OPS:
        return None
    try:
        return OPS[op](op, inputs)
    except (TypeError, ValueError) as exc:
        return {"error": kind(exc)}


def main(folder: str, path: str) -> int:
    """Answer every group file in ``folder`` into ``path``, one group at a time (a small heap holds one)."""
    implementation = "tinynet core on %s %s (%s)" % (
        sys.implementation.name, ".".join(str(n) for n in sys.implementation.version[:3]), sys.platform)
    unknown = {}
    counts = {"answered": 0, "skipped": 0}
    with open(path, "w") as out:
        out.write('{"schema": "tinynet-answers", "schema_version": 1, "implementation": %s, "answers": {'
                  % exact.dumps(implementation))
        first = True
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".json"):
                continue
            with open(folder + "/" + name) as f:
                doc = exact.loads(f.read())
            for case in doc["cases"]:
                got = answer(case)
                if got is None:
                    unknown[case["op"]] = unknown.get(case["op"], 0) + 1
                    continue
                counts["skipped" if "skip" in got else "answered"] += 1
                out.write(("\n" if first else ",\n") + exact.dumps(case["id"]) + ": " + exact.dumps(got))
                first = False
            doc = None
        out.write("\n}}\n")
    print("answered %d cases, skipped %d" % (counts["answered"], counts["skipped"]))
    for op in sorted(unknown):
        print("no answer for op %r (%d cases): teach tests/micropython/answer_vectors.py" % (op, unknown[op]))
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

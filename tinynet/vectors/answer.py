"""How tinynet answers a case: ``run(op, inputs)`` returns the outputs, through tinynet's public API.

The same function writes the expected values (``generate``) and tinynet's own
answers (``answer``), so the two cannot drift apart. docs/SPEC.md, "Test
vectors", describes every op, its inputs and its outputs. An op whose call
raises one of tinynet's errors answers ``{"error": kind}``.
"""

import io
import os
from contextlib import redirect_stdout

from .. import serialize
from ..core import losses
from ..core.network import sigmoid, sigmoid_derivative
from ..core.errors import ShapeError
from ..core.matrix import Matrix, column_sum
from ..core.network import loss_line
from ..core.rng import MT19937, RandomState
from ..data import read_csv
from . import demo
from .network_ops import GRADIENTS, WEIGHTS, error_kind, network, network_op

__all__ = ["run", "decode", "network", "polar_pairs", "WEIGHTS", "GRADIENTS"]

SPECIAL = {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")}


def decode(value):  # type: ignore[no-untyped-def]
    """Return inputs with the strings "nan", "inf", "-inf" turned into those floats."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, str) and value in SPECIAL:
        return SPECIAL[value]
    return value


def polar_pairs(seed: int, count: int) -> "list[tuple[float, float, float]]":
    """Return (x1, x2, r2) of the first ``count`` candidate pairs of the polar method, accepted or not.

    The loop of ``RandomState.standard_normal`` without its acceptance test:
    x1 = 2.0 * u - 1.0, x2 = 2.0 * u - 1.0, r2 = x1 * x1 + x2 * x2.
    """
    bits = MT19937(seed)
    pairs = []
    for _ in range(count):
        x1 = 2.0 * bits.next_double() - 1.0
        x2 = 2.0 * bits.next_double() - 1.0
        pairs.append((x1, x2, x1 * x1 + x2 * x2))
    return pairs


def _generator(op: str, inputs: dict) -> dict:
    seed, count = inputs["seed"], inputs["count"]
    if op == "mt19937":
        g = MT19937(seed)
        return {"uint32": [g.next_uint32() for _ in range(count)][inputs.get("skip", 0):]}
    if op == "next_double":
        g = MT19937(seed)
        return {"doubles": [g.next_double() for _ in range(count)]}
    if op == "polar":
        pairs = polar_pairs(seed, count)
        return {"x1": [p[0] for p in pairs], "x2": [p[1] for p in pairs], "r2": [p[2] for p in pairs]}
    rs = RandomState(seed)
    return {"normals": [rs.standard_normal() for _ in range(count)]}


def _matrix(op: str, inputs: dict) -> dict:
    if op == "matmul":
        return {"C": (Matrix(inputs["A"], "A") @ Matrix(inputs["B"], "B")).tolist()}
    if op == "transpose":
        return {"T": Matrix(inputs["A"], "A").T.tolist()}
    if op == "add_row":
        A, b = Matrix(inputs["A"], "A"), Matrix(inputs["b"], "b")
        if b.shape != (1, A.shape[1]):
            raise ShapeError("b is %r; the bias row must be (1, %d)" % (b.shape, A.shape[1]))
        return {"C": (A + b).tolist()}
    return {"s": column_sum(Matrix(inputs["A"], "A")).tolist()}


def _data_bytes(inputs: dict) -> bytes:
    if "bytes" in inputs:
        return bytes(inputs["bytes"])
    return inputs["text"].encode("utf-8")


def _file_op(op: str, inputs: dict) -> dict:
    """Write the case's content to a file, then read it as a user would: ``load`` or ``read_csv``."""
    import tempfile  # here, not at the top: only these two ops need it

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.json" if op == "load" else "data.csv")
        with open(path, "wb") as f:
            f.write(_data_bytes(inputs))
        if op == "read_csv":
            names, rows = read_csv(path)
            return {"names": names, "rows": rows}
        doc = serialize.to_dict(serialize.load(path))
    return {key: doc[key] for key in serialize.KEYS if key not in ("format", "format_version")}


def _losses(op: str, inputs: dict) -> dict:
    if op == "mse":
        return {"mse": losses.mse(Matrix(inputs["a2"], "a2"), Matrix(inputs["y"], "y"))}
    if op == "cross_entropy":
        return {"cross_entropy": losses.cross_entropy(Matrix(inputs["z2"], "z2"), Matrix(inputs["y"], "y"))}
    return {"line": loss_line(inputs["epoch"], inputs["loss"])}


def _demo(op: str, inputs: dict) -> dict:
    if op == "xor_report":
        return demo.report(inputs["a2"], inputs["seed"])
    if op == "demo_option":
        return demo.option(inputs["option"], inputs["text"])
    printed = io.StringIO()  # train_lines: the loss lines train prints, each once its epoch is whole
    nn = network(inputs)
    try:
        with redirect_stdout(printed):
            nn.train(inputs["X"], inputs["y"], inputs["epochs"])
    except (TypeError, ValueError) as exc:
        return {"error": error_kind(exc), "lines": printed.getvalue().splitlines()}
    return {"lines": printed.getvalue().splitlines()}


def _sigmoid(op: str, inputs: dict) -> dict:
    z = inputs["z"]
    return {"sigmoid": sigmoid(z), "sigmoid_derivative": sigmoid_derivative(z)}


OPS = {"mt19937": _generator, "next_double": _generator, "standard_normal": _generator, "polar": _generator,
       "sigmoid": _sigmoid, "matmul": _matrix, "transpose": _matrix, "add_row": _matrix, "column_sum": _matrix,
       "init": network_op, "forward": network_op, "gradients": network_op, "backward": network_op,
       "step": network_op, "train": network_op, "mse": _losses, "cross_entropy": _losses,
       "loss_line": _losses, "load": _file_op, "read_csv": _file_op, "xor_report": _demo, "demo_option": _demo,
       "train_lines": _demo}
CALLS = ("init", "forward", "train", "matmul", "add_row")


def run(op: str, inputs: dict) -> dict:
    """Return the outputs of one case as tinynet computes them; ``{"error": kind}`` if tinynet raises."""
    if op == "error":
        return {"error": _error_kind(decode(inputs))}
    if op not in OPS:
        raise ValueError("unknown op %r" % op)
    try:
        return OPS[op](op, inputs)
    except (TypeError, ValueError) as exc:
        return {"error": error_kind(exc)}


def _error_kind(inputs: dict) -> str:
    """Run the call an ``error`` case describes; return the kind of error it raised, or "none"."""
    call = inputs["call"]
    if call not in CALLS:
        raise ValueError("unknown call %r" % call)
    try:
        if call == "init":
            network(inputs)
        elif call == "forward":
            network(inputs).forward(inputs["X"])
        elif call == "train":
            network(inputs).train(inputs["X"], inputs["y"], inputs["epochs"], verbose=False)
        else:
            _matrix(call, inputs)
    except (TypeError, ValueError) as exc:
        return error_kind(exc)
    return "none"

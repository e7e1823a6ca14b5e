"""The test-vector cases: what each group holds, and how tinynet answers a case.

A case is {"id", "comment", "flags", "op", "tier", "inputs"}; ``run`` turns
(op, inputs) into the outputs, both for writing the expected values
(``generate``) and for tinynet's own answers (``answer``). docs/SPEC.md,
"Test vectors", describes every op, its inputs and its outputs.
"""

from fractions import Fraction

from .. import serialize
from ..core.activations import sigmoid, sigmoid_derivative
from ..core.errors import ShapeError
from ..core.matrix import Matrix
from ..core.network import NeuralNetwork
from ..core.rng import MT19937, RandomState
from ..data import XOR_X, XOR_Y, parse_csv

__all__ = ["GROUPS", "run", "decode"]

WEIGHTS = ("W1", "b1", "W2", "b2")


def case(id, comment, op, tier, inputs, flags=()):
    return {"id": id, "comment": comment, "flags": list(flags), "op": op, "tier": tier, "inputs": inputs}


def _values(seed: int, rows: int, cols: int, scale: float = 10.0) -> "list[list[float]]":
    """Rows of arbitrary 53-bit floats in [-scale, scale), from MT19937 (so they are reproducible)."""
    g = MT19937(seed)
    return [[(2.0 * g.next_double() - 1.0) * scale for _ in range(cols)] for _ in range(rows)]


# -- the groups ---------------------------------------------------------------------


def generator_cases():
    out = []
    for seed in (0, 1, 42, 5489, 4294967295):
        out.append(case("generator/uint32/seed-%d" % seed,
                        "the first 8 tempered 32-bit outputs of MT19937 seeded by init_genrand(%d)" % seed,
                        "mt19937", "exact", {"seed": seed, "count": 8}))
    out.append(case("generator/uint32/seed-5489-past-first-twist",
                    "outputs 620 to 629: the second block starts at output 624",
                    "mt19937", "exact", {"seed": 5489, "count": 630, "skip": 620}))
    for seed in (0, 42):
        out.append(case("generator/double/seed-%d" % seed,
                        "the first 6 doubles ((a >> 5) * 2**26 + (b >> 6)) / 2**53 after seed(%d)" % seed,
                        "next_double", "exact", {"seed": seed, "count": 6}))
        out.append(case("generator/normal/seed-%d" % seed,
                        "the first 7 polar-method normals after seed(%d): f*x2 first, f*x1 cached" % seed,
                        "standard_normal", "exp", {"seed": seed, "count": 7}, ["log"]))
    return out


def init_cases():
    out = []
    for sizes, seed in (([2, 4, 1], 0), ([2, 4, 1], 3), ([2, 2, 1], 1), ([3, 5, 2], 42), ([1, 1, 1], 7),
                        ([6, 8, 4], 12345), ([4, 8, 3], 4294967295)):
        out.append(case("init/%d-%d-%d/seed-%d" % (tuple(sizes) + (seed,)),
                        "np.random.seed(%d), then W1 = randn(%d, %d), W2 = randn(%d, %d), zero biases"
                        % (seed, sizes[0], sizes[1], sizes[1], sizes[2]),
                        "init", "exp", {"sizes": sizes, "seed": seed}, ["log"]))
    return out


SIGMOID_POINTS = [0.0, -0.0, 1e-300, -1e-300, 1.0, -1.0, 36.0, -36.0, 709.0, -709.0,
                  710.0, -710.0, 745.0, -745.0, 1000.0, -1000.0, 1e308, -1e308]


def sigmoid_cases():
    out = []
    for z in SIGMOID_POINTS:
        branch = "z >= 0: 1 / (1 + exp(-z))" if z >= 0.0 else "z < 0: e / (1 + e), e = exp(z)"
        out.append(case("sigmoid/%r" % z, "sigmoid and sigmoid_derivative at %r; branch %s" % (z, branch),
                        "sigmoid", "exp", {"z": z}, ["exp"]))
    return out


def _fma_would_differ(A, B) -> bool:
    """True if accumulating A @ B with fused multiply-adds would change a bit."""
    for row in A:
        for j in range(len(B[0])):
            plain, fused = 0.0, 0.0
            for k, a in enumerate(row):
                plain += a * B[k][j]
                fused = float(Fraction(a) * Fraction(B[k][j]) + Fraction(fused))  # one rounding
            if plain != fused:
                return True
    return False


def matrix_cases():
    out = []
    shapes = [(1, 1, 1), (2, 3, 2), (4, 2, 4), (3, 5, 1), (5, 4, 3)]
    for n, (m, k, p) in enumerate(shapes):
        A, B = _values(100 + n, m, k), _values(200 + n, k, p)
        flags = ["fma-would-differ"] if _fma_would_differ(A, B) else []
        out.append(case("matrix/matmul/%dx%d-%dx%d" % (m, k, k, p),
                        "C[i][j] = 0.0 + A[i][0]*B[0][j] + A[i][1]*B[1][j] + ..., k ascending",
                        "matmul", "exact", {"A": A, "B": B}, flags))
    out.append(case("matrix/matmul/signed-zeros-and-subnormals",
                    "0.0 + (-0.0) is +0.0; products of subnormals underflow to zero",
                    "matmul", "exact",
                    {"A": [[-0.0, 5e-324], [1e-300, -2.5]], "B": [[0.0, -1e-10], [1e-20, 4e-320]]}))
    out.append(case("matrix/matmul/order-matters",
                    "(0.0 + 1e16*1.0) + 1.0*1.0 + (-1e16)*1.0 is 0.0 left to right (compensated sums give 1.0)",
                    "matmul", "exact", {"A": [[1e16, 1.0, -1e16]], "B": [[1.0], [1.0], [1.0]]}))
    for n, (m, k) in enumerate([(1, 1), (2, 3), (4, 2)]):
        out.append(case("matrix/transpose/%dx%d" % (m, k), "T[j][i] = A[i][j]", "transpose", "exact",
                        {"A": _values(300 + n, m, k)}))
        out.append(case("matrix/add_row/%dx%d" % (m, k), "C[i][j] = A[i][j] + b[0][j] (the bias add)",
                        "add_row", "exact", {"A": _values(400 + n, m, k), "b": _values(500 + n, 1, k)}))
        out.append(case("matrix/column_sum/%dx%d" % (m, k), "s[0][j] = 0.0 + A[0][j] + A[1][j] + ...",
                        "column_sum", "exact", {"A": _values(600 + n, m, k, 1e3)}))
    return out


def _explicit_network(n: int, sizes, m: int):
    n_in, n_hid, n_out = sizes
    g = MT19937(700 + n)  # the targets: one random bit each
    weights = {"W1": _values(710 + n, n_in, n_hid, 2.0), "b1": _values(720 + n, 1, n_hid, 0.5),
               "W2": _values(730 + n, n_hid, n_out, 2.0), "b2": _values(740 + n, 1, n_out, 0.5)}
    X = _values(750 + n, m, n_in, 3.0)
    y = [[float(g.next_uint32() & 1) for _ in range(n_out)] for _ in range(m)]
    return weights, X, y


def network_cases():
    out = []
    for n, (sizes, m) in enumerate((([2, 2, 1], 4), ([2, 4, 1], 4), ([3, 5, 2], 6), ([4, 3, 3], 5), ([1, 1, 1], 1))):
        weights, X, y = _explicit_network(n, sizes, m)
        label = "%d-%d-%d/m%d" % (sizes[0], sizes[1], sizes[2], m)
        out.append(case("network/forward/" + label, "z1, a1, z2, a2 from explicit weights",
                        "forward", "short", dict(weights, X=X), ["exp"]))
        out.append(case("network/gradients/" + label,
                        "dZ2, dW2, db2, dZ1, dW1, db1 of the mean cross-entropy (the seed's backward)",
                        "gradients", "short", dict(weights, X=X, y=y), ["exp"]))
        out.append(case("network/step/" + label, "one epoch: the MSE before the update, then W1 b1 W2 b2 after",
                        "step", "short", dict(weights, X=X, y=y, learning_rate=0.5), ["exp"]))
    for n, (sizes, m) in enumerate((([2, 2, 1], 4), ([3, 5, 2], 6))):
        weights, X, y = _explicit_network(n, sizes, m)
        label = "%d-%d-%d/m%d" % (sizes[0], sizes[1], sizes[2], m)
        out.append(case("network/gradients-mse/" + label,
                        "loss=\"mse\": dZ2 = ((a2 - y) * sigmoid'(z2)) * (2 / output_size), the rest as usual",
                        "gradients", "short", dict(weights, X=X, y=y, loss="mse"), ["exp", "loss-mse"]))
        out.append(case("network/step-mse/" + label, "one epoch descending the MSE (loss=\"mse\")",
                        "step", "short", dict(weights, X=X, y=y, learning_rate=0.5, loss="mse"), ["exp", "loss-mse"]))
    return out


def training_cases():
    out = []
    init = NeuralNetwork(2, 4, 1, seed=0)
    weights = {name: getattr(init, name).tolist() for name in WEIGHTS}
    for epochs in (1, 10, 100, 10000):
        tier = "long" if epochs > 100 else "short"
        out.append(case("training/xor/seed-0/epochs-%d" % epochs,
                        "the seed's XOR run (2-4-1, lr 0.1) for %d epochs from seed 0; "
                        "the initial weights are given too" % epochs,
                        "train", tier, dict(weights, sizes=[2, 4, 1], seed=0, X=XOR_X, y=XOR_Y,
                                            learning_rate=0.1, epochs=epochs), ["exp", "log"]))
    return out


def error_cases():
    def err(id, comment, call, flags=(), **inputs):
        return case("errors/" + id, comment, "error", "exact", dict(inputs, call=call), flags)

    ok = {"sizes": [2, 2, 1], "seed": 0}
    xor = {"X": XOR_X, "y": XOR_Y}
    return [
        err("init/zero-size", "a layer size must be at least 1", "init", sizes=[2, 0, 1], seed=0),
        err("init/negative-size", "a layer size must be at least 1", "init", sizes=[-1, 2, 1], seed=0),
        err("init/float-size", "a size must be an integer", "init", ["dynamic-types"], sizes=[2, 2.5, 1], seed=0),
        err("init/string-size", "a size must be an integer", "init", ["dynamic-types"], sizes=["2", 2, 1], seed=0),
        err("init/seed-too-large", "the seed must be in [0, 2**32)", "init", sizes=[2, 2, 1], seed=4294967296),
        err("init/seed-negative", "the seed must be in [0, 2**32)", "init", sizes=[2, 2, 1], seed=-1),
        err("init/learning-rate-zero", "the learning rate must be > 0", "init", learning_rate=0.0, **ok),
        err("init/learning-rate-negative", "the learning rate must be > 0", "init", learning_rate=-0.1, **ok),
        err("init/learning-rate-nan", "the learning rate must be finite", "init", ["non-finite-encoded"],
            learning_rate="nan", **ok),
        err("init/unknown-loss", "the loss must be cross_entropy or mse", "init", loss="hinge", **ok),
        err("forward/wrong-width", "X must have input_size columns", "forward", X=[[1.0, 2.0, 3.0]], **ok),
        err("forward/ragged", "every row of X must have the same length", "forward", X=[[1.0, 2.0], [1.0]], **ok),
        err("forward/empty", "X needs at least one row", "forward", X=[], **ok),
        err("forward/nan", "inputs must be finite", "forward", ["non-finite-encoded"], X=[[1.0, "nan"]], **ok),
        err("forward/inf", "inputs must be finite", "forward", ["non-finite-encoded"], X=[["-inf", 1.0]], **ok),
        err("forward/bool", "a bool is not a number", "forward", ["dynamic-types"], X=[[True, 1.0]], **ok),
        err("forward/string", "a string is not a number", "forward", ["dynamic-types"], X=[["1", 1.0]], **ok),
        err("forward/null", "null is not a number", "forward", ["dynamic-types"], X=[[None, 1.0]], **ok),
        err("train/target-rows", "y needs one row per row of X", "train", X=XOR_X, y=XOR_Y[:3], epochs=1, **ok),
        err("train/target-width", "y must have output_size columns", "train", X=XOR_X, y=[[0.0, 1.0]] * 4,
            epochs=1, **ok),
        err("train/negative-epochs", "epochs must be 0 or more", "train", epochs=-1, **dict(ok, **xor)),
        err("train/overflowing-update", "an update that overflows to inf stops training", "train",
            X=[[1.0, 1.0]], y=[[-100.0]], epochs=1, learning_rate=1e308, **ok),
        err("train/overflowing-input", "z1 = X @ W1 + b1 overflows", "train",
            X=[[1e308, 1e308]], y=[[1.0]], epochs=1, **ok),
        err("matmul/inner-mismatch", "A's columns must equal B's rows", "matmul",
            A=[[1.0, 2.0]], B=[[1.0, 2.0]]),
        err("add_row/width-mismatch", "the row must have A's width", "add_row", A=[[1.0, 2.0]], b=[[1.0]]),
        err("load/newer-version", "a model with a newer format_version", "load",
            model=dict(serialize.to_dict(NeuralNetwork(1, 1, 1, seed=0)), format_version=2)),
        err("load/shape", "a weight whose shape does not fit the sizes", "load",
            model=dict(serialize.to_dict(NeuralNetwork(1, 1, 1, seed=0)), W1=[[1.0, 2.0]])),
        err("read_csv/ragged", "a data row with fewer values than the header", "read_csv",
            lines=["a,b", "1,2", "3"]),
        err("read_csv/not-a-number", "a data value that is not a number", "read_csv", lines=["a,b", "1,x"]),
        err("read_csv/missing", "a missing data value", "read_csv", lines=["a,b", "1,"]),
    ]


GROUPS = [
    ("generator", "MT19937 outputs, 53-bit doubles and polar-method normals (NumPy's legacy seed)", generator_cases),
    ("init", "initial weights for several (sizes, seed), as np.random.seed(s) and the seed's __init__", init_cases),
    ("sigmoid", "sigmoid and sigmoid_derivative at edge values, both branches", sigmoid_cases),
    ("matrix", "matrix product, transpose, bias add, column sum: only + - * /, so exact", matrix_cases),
    ("network", "forward, gradients and one training step from explicit weights", network_cases),
    ("training", "XOR training trajectories of 1, 10, 100 and 10000 epochs from seed 0", training_cases),
    ("errors", "invalid inputs and the error kind each must raise", error_cases),
]


# -- running a case -------------------------------------------------------------------

SPECIAL = {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")}


def decode(value):
    """Return inputs with the strings "nan", "inf", "-inf" turned into those floats."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, str) and value in SPECIAL:
        return SPECIAL[value]
    return value


def _network(inputs) -> NeuralNetwork:
    sizes = inputs.get("sizes")
    if sizes is None:
        sizes = [len(inputs["W1"]), len(inputs["W1"][0]), len(inputs["W2"][0])]
    nn = NeuralNetwork(*sizes, learning_rate=inputs.get("learning_rate", 0.1), seed=inputs.get("seed", 0),
                       loss=inputs.get("loss", "cross_entropy"))
    for name in WEIGHTS:
        if name in inputs:
            setattr(nn, name, inputs[name])
    return nn


def _weights(nn: NeuralNetwork) -> dict:
    return {name: getattr(nn, name).tolist() for name in WEIGHTS}


def run(op: str, inputs: dict) -> dict:
    """Return the outputs of one case, as tinynet computes them."""
    if op == "mt19937":
        g = MT19937(inputs["seed"])
        values = [g.next_uint32() for _ in range(inputs["count"])]
        return {"uint32": values[inputs.get("skip", 0):]}
    if op == "next_double":
        g = MT19937(inputs["seed"])
        return {"doubles": [g.next_double() for _ in range(inputs["count"])]}
    if op == "standard_normal":
        rs = RandomState(inputs["seed"])
        return {"normals": [rs.standard_normal() for _ in range(inputs["count"])]}
    if op == "init":
        return _weights(_network(inputs))
    if op == "sigmoid":
        return {"sigmoid": sigmoid(inputs["z"]), "sigmoid_derivative": sigmoid_derivative(inputs["z"])}
    if op == "matmul":
        return {"C": (Matrix(inputs["A"]) @ Matrix(inputs["B"])).tolist()}
    if op == "transpose":
        return {"T": Matrix(inputs["A"]).T.tolist()}
    if op == "add_row":
        A, b = Matrix(inputs["A"]), Matrix(inputs["b"])
        if b.shape != (1, A.shape[1]):
            raise ShapeError("b is %r; the bias row must be (1, %d)" % (b.shape, A.shape[1]))
        return {"C": (A + b).tolist()}
    if op == "column_sum":
        return {"s": Matrix(inputs["A"]).sum(axis=0).tolist()}
    if op == "forward":
        nn = _network(inputs)
        nn.forward(inputs["X"])
        return {"z1": nn.z1.tolist(), "a1": nn.a1.tolist(), "z2": nn.z2.tolist(), "a2": nn.a2.tolist()}
    if op == "gradients":
        nn = _network(inputs)
        nn.forward(inputs["X"])
        terms = nn.gradients(inputs["X"], inputs["y"])
        names = ("dZ2", "dW2", "db2", "dZ1", "dW1", "db1")
        return {name: value.tolist() for name, value in zip(names, terms)}
    if op == "step":
        nn = _network(inputs)
        loss = nn.train(inputs["X"], inputs["y"], 1, verbose=False)[0]
        return dict(_weights(nn), loss=loss, objective=nn.objective_history[0])
    if op == "train":
        nn = _network(inputs)
        losses = nn.train(inputs["X"], inputs["y"], inputs["epochs"], verbose=False)
        every = 1 if inputs["epochs"] <= 100 else 100
        a2 = nn.predict(inputs["X"]).tolist()
        return dict(_weights(nn), losses=losses[::every], a2=a2,
                    rounded=[[1 if v >= 0.5 else 0 for v in row] for row in a2])
    if op == "error":
        return {"error": _error_kind(decode(inputs))}
    raise ValueError("unknown op %r" % op)


def _error_kind(inputs: dict) -> str:
    """Run the call an error case describes; return the kind of error it raised."""
    call = inputs["call"]
    try:
        if call == "init":
            _network(inputs)
        elif call == "forward":
            _network(inputs).forward(inputs["X"])
        elif call == "train":
            _network(inputs).train(inputs["X"], inputs["y"], inputs["epochs"], verbose=False)
        elif call in ("matmul", "add_row"):
            run(call, inputs)
        elif call == "load":
            serialize.from_dict(inputs["model"])
        elif call == "read_csv":
            parse_csv([line + "\n" for line in inputs["lines"]])
        else:
            raise ValueError("unknown call %r" % call)
    except (TypeError, ValueError) as exc:
        kind = getattr(type(exc), "kind", None)
        if kind is None:
            raise
        return kind
    return "none"

"""The cases of the groups network and training: passes, gradients, steps and trajectories."""

from ..core.formulas import sigmoid as sigmoid_scalar
from ..core.network import NeuralNetwork
from ..core.rng import MT19937
from ..data import XOR_X, XOR_Y
from .answer import WEIGHTS, run
from .common import case, values
from .fma import matmul_would_differ, sum_of_squares_would_differ, update_would_differ

__all__ = ["network_cases", "training_cases", "exact_network"]

# a hidden unit of an exact network: its W1 column, its bias, and sigmoid of the bias
UNITS = {"h": (0.0, 0.0, 0.5), "1": (-0.0, 100.0, 1.0), "0": (0.0, -1000.0, 0.0)}


def explicit_network(n: int, sizes, m: int):  # type: ignore[no-untyped-def]
    """Return (weights, X, y) of arbitrary values, reproducible from ``n``."""
    n_in, n_hid, n_out = sizes
    g = MT19937(700 + n)  # the targets: one random bit each
    weights = {"W1": values(710 + n, n_in, n_hid, 2.0), "b1": values(720 + n, 1, n_hid, 0.5),
               "W2": values(730 + n, n_hid, n_out, 2.0), "b2": values(740 + n, 1, n_out, 0.5)}
    X = values(750 + n, m, n_in, 3.0)
    y = [[float(g.next_uint32() & 1) for _ in range(n_out)] for _ in range(m)]
    return weights, X, y


def exact_network(seed: int, n_in: int, units: str, n_out: int, m: int) -> dict:
    """Return inputs whose forward pass needs no inexact exp: every z1 is 0, 100 or -1000 and every z2 is 0.

    sigmoid(0.0) is 0.5 (exp(-0.0) is 1 in every maths library), sigmoid(100.0)
    is 1.0 and sigmoid(-1000.0) is 0.0, so a1 is 0.5, 1.0 or 0.0 per ``units``
    ("h", "1", "0"); b2 is minus the sum a1 @ W2, so z2 is exactly 0.0 and a2 is
    0.5. X and y are positive, so a saturated unit gets dZ1 = -0.0.
    """
    columns = [UNITS[u] for u in units]
    W1 = [[w for w, _, _ in columns] for _ in range(n_in)]
    b1 = [[b for _, b, _ in columns]]
    a1 = [a for _, _, a in columns]
    W2 = [[abs(w) for w in row] for row in values(seed, len(units), n_out, 2.0)]
    b2 = []
    for o in range(n_out):
        acc = 0.0
        for h in range(len(units)):
            acc += a1[h] * W2[h][o]
        b2.append(-acc)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": [b2], "X": values(seed + 1, m, n_in, 3.0, low=0.5),
            "y": values(seed + 2, m, n_out, 3.0, low=0.6)}


def _backward_inputs(seed: int, sizes, m: int, saturated: bool, loss: str) -> dict:  # type: ignore[no-untyped-def]
    n_in, n_hid, n_out = sizes
    a1 = values(seed, m, n_hid, 1.0, low=0.0)
    if saturated:
        for row in a1:
            row[0] = 1.0  # sigmoid'(z1) = 1.0 * (1.0 - 1.0) = 0.0: dZ1 is a signed zero
    return {"X": values(seed + 1, m, n_in, 3.0, low=0.5), "y": values(seed + 2, m, n_out, 1.0, low=0.6),
            "W2": [[abs(w) for w in row] for row in values(seed + 3, n_hid, n_out, 2.0)],
            "a1": a1, "a2": values(seed + 4, m, n_out, 0.5, low=0.0), "loss": loss}


def _transpose(M: "list[list[float]]") -> "list[list[float]]":
    return [list(col) for col in zip(*M)]


def _backward_flags(inputs: dict, extra=()) -> "list[str]":  # type: ignore[no-untyped-def]
    out, T = run("backward", inputs), _transpose
    differs = (matmul_would_differ(T(inputs["a1"]), out["dZ2"]) or matmul_would_differ(out["dZ2"], T(inputs["W2"]))
               or matmul_would_differ(T(inputs["X"]), out["dZ1"]))
    return (["fma-would-differ"] if differs else []) + list(extra)


def _step_fusions_caught(inputs: dict) -> bool:
    """True if fusing the update alone changes a bit, and fusing the MSE's sum of squares alone does too."""
    grads, lr = run("gradients", inputs), inputs["learning_rate"]
    update = any(update_would_differ(inputs[name], grads["d" + name], lr) for name in WEIGHTS)
    return update and sum_of_squares_would_differ(run("forward", inputs)["a2"], inputs["y"])


def _bias_first_moves(inputs: dict) -> bool:
    """True if starting z2's sum from b2 (b2 + a1[0]*W2[0] + ...) instead of adding b2 last changes the MSE."""
    a1 = [{0.0: 0.5, 100.0: 1.0, -1000.0: 0.0}[b] for b in inputs["b1"][0]]
    a2 = []
    for o, acc in enumerate(inputs["b2"][0]):
        for h, a in enumerate(a1):
            acc += a * inputs["W2"][h][o]
        a2.append(sigmoid_scalar(acc))
    plain = moved = 0.0
    for row in inputs["y"]:
        for a, t in zip(a2, row):
            plain, moved = plain + (0.5 - t) * (0.5 - t), moved + (a - t) * (a - t)
    return plain != moved


def _exact_step(seed: int, n_in: int, units: str, n_out: int, m: int, lr: float) -> dict:
    """Inputs of an exact step (``exact_network``) where a fused update or a fused MSE sum changes a bit,
    and so does a sum for z2 that starts from the bias."""
    while True:
        inputs = dict(exact_network(seed, n_in, units, n_out, m), learning_rate=lr, loss="mse")
        if _step_fusions_caught(inputs) and _bias_first_moves(inputs):
            return inputs
        seed += 2


def _exact_cases() -> "list[dict]":
    out = []
    for seed, sizes, m, saturated, loss in ((900, [2, 3, 2], 3, False, "cross_entropy"),
                                            (910, [3, 4, 3], 5, False, "mse"),
                                            (920, [2, 3, 2], 3, True, "cross_entropy"),
                                            (930, [2, 2, 3], 6, True, "mse")):
        inputs = _backward_inputs(seed, sizes, m, saturated, loss)
        extra = (["signed-zero"] if saturated else []) + (["loss-mse"] if loss == "mse" else [])
        out.append(case("network/backward%s%s/%d-%d-%d/m%d" % ("-mse" if loss == "mse" else "",
                                                                "-saturated" if saturated else "", sizes[0],
                                                                sizes[1], sizes[2], m),
                        "dZ2 ... db1 from given a1, a2 (sigmoid'(z) = a * (1 - a)): only + - * /, so exact; "
                        "m = %d is no power of two, so dividing by m before the product changes bits%s"
                        % (m, "; a1 = 1.0 makes dZ1 = -0.0" if saturated else ""),
                        "backward", "exact", inputs, _backward_flags(inputs, extra)))
    for seed, n_in, units, n_out, m, lr in ((2260, 2, "hh1", 3, 3, 0.1), (2668, 3, "h10h", 2, 5, 0.3)):
        out.append(case("network/step-exact/%d-%d-%d/m%d" % (n_in, len(units), n_out, m),
                        "one epoch whose forward pass is exact (z1 in {0, 100, -1000}, z2 = 0: a = 0.5, 1.0, 0.0), "
                        "descending the MSE: every output exact, -0.0 included; fusing the update, or the MSE's "
                        "sum of squares, or starting z2's sum from b2, changes a bit", "step", "exact", _exact_step(seed, n_in, units, n_out, m, lr),
                        ["fma-would-differ", "signed-zero", "loss-mse"]))
    return out


def network_cases() -> "list[dict]":
    out = []
    for n, (sizes, m) in enumerate((([2, 2, 1], 4), ([2, 4, 1], 4), ([3, 5, 2], 6), ([4, 3, 3], 5), ([1, 1, 1], 1))):
        weights, X, y = explicit_network(n, sizes, m)
        label = "%d-%d-%d/m%d" % (sizes[0], sizes[1], sizes[2], m)
        out.append(case("network/forward/" + label, "z1, a1, z2, a2 from explicit weights",
                        "forward", "short", dict(weights, X=X), ["exp"]))
        out.append(case("network/gradients/" + label,
                        "dZ2, dW2, db2, dZ1, dW1, db1 of the mean cross-entropy (the seed's backward)",
                        "gradients", "short", dict(weights, X=X, y=y), ["exp"]))
        out.append(case("network/step/" + label, "one epoch: the MSE before the update, then W1 b1 W2 b2 after",
                        "step", "short", dict(weights, X=X, y=y, learning_rate=0.5), ["exp"]))
    for n, (sizes, m) in enumerate((([2, 2, 1], 4), ([3, 5, 2], 6))):
        weights, X, y = explicit_network(n, sizes, m)
        label = "%d-%d-%d/m%d" % (sizes[0], sizes[1], sizes[2], m)
        out.append(case("network/gradients-mse/" + label,
                        "loss=\"mse\": dZ2 = ((a2 - y) * sigmoid'(z2)) * (2 / output_size), the rest as usual",
                        "gradients", "short", dict(weights, X=X, y=y, loss="mse"), ["exp", "loss-mse"]))
        out.append(case("network/step-mse/" + label, "one epoch descending the MSE (loss=\"mse\")",
                        "step", "short", dict(weights, X=X, y=y, learning_rate=0.5, loss="mse"), ["exp", "loss-mse"]))
    return out + _exact_cases()


def _failing_run() -> dict:
    """An exact network with a learning rate so large that epoch 0 stays finite and epoch 1 overflows."""
    inputs = dict(exact_network(960, 2, "h1", 1, 3), loss="mse", epochs=3)
    inputs["X"] = [[100.0 * x for x in row] for row in inputs["X"]]
    for power in range(308, 200, -1):
        inputs["learning_rate"] = float("1e%d" % power)
        if len(run("train", inputs).get("losses", [])) == 1:
            return inputs
    raise AssertionError("no learning rate fails at epoch 1")


def _more_training_cases(xor: dict) -> "list[dict]":
    """Histories that restart, a run that fails past epoch 100, a train op that fails before its first epoch."""
    from .demo_cases import FAILS_AT_200  # one network for the train op and the printed lines
    return [
        case("training/histories-restart", "train 3 epochs, then train 2 more (\"again\"): the second call's "
             "losses are its own 2; the weights go on from the first call's", "train", "short",
             dict(xor, epochs=3, again=2), ["exp", "log"]),
        case("training/fails-at-epoch-200", "X = 0 and b1 = -1000 make every value exact; b2 falls by lr * 100 "
             "an epoch until the descended loss, 100 * b2, overflows at epoch 200 of 300: the error, the weights "
             "after epoch 199 and the losses of epochs 0 and 100, sampled as a whole run's are",
             "train", "exact", dict(FAILS_AT_200, epochs=300)),
        case("training/fails-before-epoch-0", "y has 3 rows for X's 4: train refuses before any epoch; the "
             "answer is the error, the weights as made (seed 0) and no losses", "train", "exp",
             dict(xor, y=XOR_Y[:3], epochs=5), ["log"]),
    ]


def training_cases() -> "list[dict]":
    out = []
    init = NeuralNetwork(2, 4, 1, seed=0)
    weights = {name: getattr(init, name).tolist() for name in WEIGHTS}
    xor = dict(weights, sizes=[2, 4, 1], seed=0, X=XOR_X, y=XOR_Y, learning_rate=0.1)
    for epochs in (0, 1, 10, 100, 10000):
        tier = "long" if epochs > 100 else "short"
        out.append(case("training/xor/seed-0/epochs-%d" % epochs,
                        "the seed's XOR run (2-4-1, lr 0.1) for %d epochs from seed 0; "
                        "the initial weights are given too" % epochs,
                        "train", tier, dict(xor, epochs=epochs), ["exp", "log"]))
    given, X, y = explicit_network(7, [2, 3, 1], 4)
    out.append(case("training/given-weights", "sizes and seed 7 make a network, then the given W1 b1 W2 b2 "
                    "replace its weights: training starts from the given ones", "train", "short",
                    dict(given, sizes=[2, 3, 1], seed=7, X=X, y=y, learning_rate=0.5, epochs=20), ["exp"]))
    out += _more_training_cases(xor)
    out.append(case("training/fails-at-epoch-1",
                    "a learning rate so large that epoch 0 is exact and finite, epoch 1 overflows; the answer is the "
                    "error, the weights after epoch 0 (not before it: no rollback) and epoch 0's loss",
                    "train", "exact", _failing_run(), ["loss-mse"]))
    return out

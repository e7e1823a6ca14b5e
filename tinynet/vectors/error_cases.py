"""The cases of the group errors: each invalid input, the kind it raises, and which check comes first.

``INTENDED`` holds the kind each case was written to raise (or "none"); the
tests check that the generated expected values agree, so a case cannot
silently test something else.
"""

from ..data import XOR_X, XOR_Y
from .common import case

__all__ = ["error_cases", "INTENDED"]

INTENDED = {}  # type: dict
D, B, N = ["dynamic-types"], ["beyond-uint32"], ["non-finite-encoded"]
OK = {"sizes": [2, 2, 1], "seed": 0}
XOR = {"X": XOR_X, "y": XOR_Y}


def err(id: str, want: str, comment: str, call: str, flags=(), **inputs) -> dict:  # type: ignore[no-untyped-def]
    """Return an ``error`` case of ``call``, recording the kind it is meant to raise."""
    INTENDED["errors/" + id] = want
    return case("errors/" + id, "%s -> %s" % (comment, want), "error", "exact", dict(inputs, call=call), flags)


def _init_cases() -> "list[dict]":
    return [
        err("init/zero-size", "BadSize", "a layer size must be at least 1", "init", sizes=[2, 0, 1], seed=0),
        err("init/negative-size", "BadSize", "a layer size must be at least 1", "init", B, sizes=[-1, 2, 1], seed=0),
        err("init/size-too-large", "BadSize", "no size beyond 10,000,000", "init", sizes=[10000001, 1, 1], seed=0),
        err("init/too-many-parameters", "BadSize", "(5000 + 1) * 2000 + (2000 + 1) * 1 = 10,004,001 parameters, "
            "over 10,000,000", "init", sizes=[5000, 2000, 1], seed=0),
        err("init/parameter-count-beyond-int32", "BadSize", "each size is allowed, but the count, 10**14 + ..., "
            "wraps a 32-bit integer: count in 64 bits", "init", sizes=[10000000, 10000000, 10000000], seed=0),
        err("init/float-size", "NotANumber", "a size must be an integer", "init", D, sizes=[2, 2.5, 1], seed=0),
        err("init/integral-float-size", "NotANumber", "2.0 is a float, not an integer", "init", D,
            sizes=[2, 2.0, 1], seed=0),
        err("init/string-size", "NotANumber", "a size must be an integer", "init", D, sizes=["2", 2, 1], seed=0),
        err("init/bool-size", "NotANumber", "true is not an integer", "init", D, sizes=[True, 2, 1], seed=0),
        err("init/seed-too-large", "BadHyperparameter", "the seed must be in [0, 2**32)", "init", B,
            sizes=[2, 2, 1], seed=4294967296),
        err("init/seed-negative", "BadHyperparameter", "the seed must be in [0, 2**32)", "init", B,
            sizes=[2, 2, 1], seed=-1),
        err("init/seed-largest", "none", "2**32 - 1 is a seed", "init", sizes=[2, 2, 1], seed=4294967295),
        err("init/float-seed", "NotANumber", "a seed must be an integer", "init", D, sizes=[2, 2, 1], seed=1.0),
        err("init/learning-rate-zero", "BadHyperparameter", "the learning rate must be > 0", "init",
            learning_rate=0.0, **OK),
        err("init/learning-rate-negative", "BadHyperparameter", "the learning rate must be > 0", "init",
            learning_rate=-0.1, **OK),
        err("init/learning-rate-smallest", "none", "5e-324 is a positive learning rate", "init",
            learning_rate=5e-324, **OK),
        err("init/learning-rate-nan", "NonFinite", "the learning rate must be finite", "init", N,
            learning_rate="nan", **OK),
        err("init/learning-rate-inf", "NonFinite", "the learning rate must be finite", "init", N,
            learning_rate="inf", **OK),
        err("init/learning-rate-string", "NotANumber", "a learning rate must be a number", "init", D,
            learning_rate="0.1", **OK),
        err("init/unknown-loss", "BadHyperparameter", "the loss must be cross_entropy or mse", "init",
            loss="hinge", **OK),
        err("init/loss-not-a-string", "BadHyperparameter", "the loss must be one of the two names", "init", D,
            loss=1, **OK),
        err("init/seed-null", "none", "null asks for a seed from the operating system", "init", D,
            sizes=[2, 2, 1], seed=None),
        err("init/sizes-two", "BadArgument", "sizes must be a list of three", "init", D, sizes=[2, 2], seed=0),
        err("init/sizes-four", "BadArgument", "sizes must be a list of three", "init", D, sizes=[2, 2, 1, 1], seed=0),
        err("init/sizes-not-a-list", "BadArgument", "sizes must be a list of three", "init", D, sizes=3, seed=0),
    ]


def _forward_cases() -> "list[dict]":
    return [
        err("forward/wrong-width", "ShapeMismatch", "X must have input_size columns", "forward",
            X=[[1.0, 2.0, 3.0]], **OK),
        err("forward/ragged", "ShapeMismatch", "every row of X must have the same length", "forward",
            X=[[1.0, 2.0], [1.0]], **OK),
        err("forward/empty", "ShapeMismatch", "X needs at least one row", "forward", X=[], **OK),
        err("forward/empty-row", "ShapeMismatch", "X needs at least one column", "forward", X=[[]], **OK),
        err("forward/nan", "NonFinite", "inputs must be finite", "forward", N, X=[[1.0, "nan"]], **OK),
        err("forward/inf", "NonFinite", "inputs must be finite", "forward", N, X=[["-inf", 1.0]], **OK),
        err("forward/overflow", "NonFinite", "z1 = X @ W1 + b1 overflows", "forward", X=[[1e308, 1e308]], **OK),
        err("forward/bool", "NotANumber", "a bool is not a number", "forward", D, X=[[True, 1.0]], **OK),
        err("forward/string", "NotANumber", "a string is not a number", "forward", D, X=[["1", 1.0]], **OK),
        err("forward/null", "NotANumber", "null is not a number", "forward", D, X=[[None, 1.0]], **OK),
        err("forward/flat-row", "NotANumber", "X is a list of rows, not one row of numbers", "forward", D,
            X=[1.0, 2.0], **OK),
    ]


def _train_cases() -> "list[dict]":
    return [
        err("train/target-rows", "ShapeMismatch", "y needs one row per row of X", "train",
            X=XOR_X, y=XOR_Y[:3], epochs=1, **OK),
        err("train/target-width", "ShapeMismatch", "y must have output_size columns", "train",
            X=XOR_X, y=[[0.0, 1.0]] * 4, epochs=1, **OK),
        err("train/target-nan", "NonFinite", "targets must be finite", "train", N,
            X=XOR_X, y=[[0.0], [1.0], ["nan"], [0.0]], epochs=1, **OK),
        err("train/target-outside-0-1", "none", "y may be any finite real", "train",
            X=XOR_X, y=[[-2.0], [1.5], [3.0], [0.0]], epochs=2, **OK),
        err("train/zero-epochs", "none", "0 epochs trains nothing", "train", epochs=0, **dict(OK, **XOR)),
        err("train/negative-epochs", "BadHyperparameter", "epochs must be 0 or more", "train", B,
            epochs=-1, **dict(OK, **XOR)),
        err("train/float-epochs", "NotANumber", "epochs must be an integer", "train", D,
            epochs=2.0, **dict(OK, **XOR)),
        err("train/given-weight-shape", "ShapeMismatch", "a given W1 must be (input_size, hidden_size)", "train",
            W1=[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], epochs=1, **dict(OK, **XOR)),
        err("train/given-weight-nan", "NonFinite", "given weights must be finite", "train", N,
            b2=[["nan"]], epochs=1, **dict(OK, **XOR)),
        err("train/overflowing-update", "NonFinite", "an update that overflows to inf stops training", "train",
            X=[[1.0, 1.0]], y=[[-100.0]], epochs=1, learning_rate=1e308, **OK),
        err("train/overflowing-input", "NonFinite", "z1 = X @ W1 + b1 overflows", "train",
            X=[[1e308, 1e308]], y=[[1.0]], epochs=1, **OK),
    ]


def _matrix_cases() -> "list[dict]":
    return [
        err("matmul/inner-mismatch", "ShapeMismatch", "A's columns must equal B's rows", "matmul",
            A=[[1.0, 2.0]], B=[[1.0, 2.0]]),
        err("matmul/nan", "NonFinite", "entries must be finite", "matmul", N, A=[[1.0, "nan"]], B=[[1.0], [2.0]]),
        err("add_row/width-mismatch", "ShapeMismatch", "the row must have A's width", "add_row",
            A=[[1.0, 2.0]], b=[[1.0]]),
        err("matmul/overflow", "NonFinite", "a product entry beyond the largest double", "matmul",
            A=[[1e308, 1e308]], B=[[1.0], [1.0]]),
        err("matmul/too-many-entries", "BadSize", "(3163, 1) @ (1, 3163) would have 10,004,569 entries, over "
            "10,000,000 (MAX_ENTRIES): refused before any product", "matmul", A=[[1]] * 3163, B=[[1] * 3163]),
        err("add_row/overflow", "NonFinite", "a sum beyond the largest double", "add_row", A=[[1e308, 1.0]],
            b=[[1e308, 1.0]]),
        err("add_row/two-rows", "ShapeMismatch", "the bias is one row", "add_row",
            A=[[1.0, 2.0], [3.0, 4.0]], b=[[1.0, 2.0], [3.0, 4.0]]),
    ]


def _order_cases() -> "list[dict]":
    return [
        err("order/sizes-before-learning-rate", "BadSize", "sizes, then learning_rate", "init", N,
            sizes=[2, 0, 1], seed=0, learning_rate="nan"),
        err("order/sizes-before-seed", "BadSize", "sizes, then seed", "init", B, sizes=[2, 0, 1], seed=-1),
        err("order/sizes-in-order", "BadSize", "input_size, then hidden_size, then output_size", "init", D,
            sizes=[0, "2", 1], seed=0),
        err("order/learning-rate-before-loss", "NonFinite", "learning_rate, then loss", "init", N,
            sizes=[2, 2, 1], seed=0, learning_rate="nan", loss="hinge"),
        err("order/loss-before-seed", "BadHyperparameter", "loss, then seed", "init", D,
            sizes=[2, 2, 1], seed="0", loss="hinge"),
        err("order/entries-before-width", "NonFinite", "X's entries, then its width against input_size",
            "forward", N, X=[[1.0, "nan", 3.0]], **OK),
        err("order/rows-in-order", "NonFinite", "row 0 (length, entries), then row 1", "forward", N,
            X=[["nan", 1.0], [1.0]], **OK),
        err("order/row-length-before-entries", "ShapeMismatch", "a row's length, then its entries", "forward", N,
            X=[[1.0, 1.0], ["nan"]], **OK),
        err("order/weights-before-X", "NonFinite", "the given weights, then X", "train", N,
            W1=[["nan", 0.0], [0.0, 0.0]], X=[[1.0, 2.0], [1.0]], y=[[0.0], [1.0]], epochs=1, **OK),
        err("order/weights-in-order", "ShapeMismatch", "W1, then b1, W2, b2", "train", N,
            W1=[[1.0]], b1=[["nan", 0.0]], epochs=1, **dict(OK, **XOR)),
        err("order/X-before-y", "NonFinite", "X, then y", "train", N, X=[[1.0, "inf"]], y=[[0.0, 1.0]],
            epochs=1, **OK),
        err("order/y-before-epochs", "ShapeMismatch", "y, then epochs", "train", B, X=XOR_X, y=XOR_Y[:3],
            epochs=-1, **OK),
        err("order/entries-before-shapes", "NonFinite", "A and B's entries, then whether their shapes fit",
            "matmul", N, A=[["nan", 1.0]], B=[[1.0, 2.0]]),
        err("order/weight-shapes-before-learning-rate", "NotANumber", "without sizes, W1 and W2 are checked "
            "as matrices first, for their shapes; then learning_rate", "init", D, W1=[["x", 0.0]], b1=[[0.0, 0.0]],
            W2=[[1.0], [1.0]], b2=[[0.0]], learning_rate=0.0),
        err("order/W1-before-W2-without-sizes", "ShapeMismatch", "without sizes, W1, then W2", "init", N,
            W1=[[1.0], [1.0, 2.0]], b1=[[0.0]], W2=[["nan"]], b2=[[0.0]]),
        err("order/A-before-B", "ShapeMismatch", "A, then B", "matmul", N, A=[[1.0], [1.0, 2.0]], B=[["nan"]]),
    ]


def error_cases() -> "list[dict]":
    return _init_cases() + _forward_cases() + _train_cases() + _matrix_cases() + _order_cases()

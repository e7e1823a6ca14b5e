"""Training through the fused kernel: the tutorial's loop, with kernel epochs inside.

``NeuralNetwork.train`` calls ``train`` here for all but the last epoch when
``NeuralNetwork.fusable`` says nothing can tell the difference. Each epoch is
``epoch`` (one of kernel.py's two forms) on plain lists; its losses are recorded and reported through
the network's own ``record`` and ``report``, as the tutorial's loop does. The
weights live in plain lists between epochs and are stored on the network at
the end, and before each callback (which may read and change them, and the
learning rate and the loss; if it replaces a method, the kernel stops).
"""

from . import kernel
from .matrix import Matrix

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import List

    from typing import Callable, Tuple

    from .kernel import Params, Result, Rows
    from .network import NeuralNetwork

    Data = Tuple[Rows, Rows, Rows, str]  # (X, X's columns, Y, form)


__all__ = ["train", "ROWS_MIN_INPUTS", "tune", "form", "prepare", "epoch"]


# Inputs from which the rows form is faster: measured for 2 to 784 inputs on
# CPython 3.8, 3.11 and PyPy 3.9 (docs/performance.md). Below it the loops win
# (XOR, Iris: short dot products, where a call per entry costs more than the
# arithmetic); at 32 the two tie on CPython while PyPy still prefers the loops.
ROWS_MIN_INPUTS = 64

# What the rows form multiplies with, and from which input width it runs. Only
# ``tune`` changes them: tinynet/speed.py does, at import, where a faster dot
# product gives the same bits (builtin sum() of floats left to right, as on
# CPython before 3.12 and PyPy). The core itself imports nothing but math.
rows_dot: "Callable[[list[float], list[float]], float]" = kernel.dot
rows_min_inputs = ROWS_MIN_INPUTS


def tune(dot_product: "Callable[[list[float], list[float]], float]", min_inputs: int) -> None:
    """Use ``dot_product`` in the rows form, and the rows form from ``min_inputs`` inputs on.

    ``dot_product(a, b)`` must return exactly ``kernel.dot(a, b)``, bit for bit;
    tinynet/speed.py checks that before it calls this.
    """
    global rows_dot, rows_min_inputs
    rows_dot, rows_min_inputs = dot_product, min_inputs


def form(input_size: int) -> str:
    """Return "loops" or "rows": the faster epoch form for this many inputs (see tune)."""
    return "rows" if input_size >= rows_min_inputs else "loops"


def prepare(X: "Rows", Y: "Rows") -> "Data":
    """Return (X, X's columns, Y, form) for ``epoch``: what every epoch on this data shares."""
    return X, kernel.columns(X), Y, form(len(X[0]))


def epoch(data: "Data", params: "Params", lr: float, cross: bool) -> "Result":
    """Return ``epoch_loops`` or ``epoch_rows`` of ``prepare``'d data, whichever ``form`` chose."""
    X, XT, Y, how = data
    if how == "loops":
        return kernel.epoch_loops(X, Y, params, lr, cross)
    return kernel.epoch_rows(X, XT, Y, params, lr, cross, rows_dot)


def train(nn: "NeuralNetwork", X: Matrix, Y: Matrix, epochs: int, verbose: bool,
          callback: object) -> int:
    """Run up to ``epochs`` epochs of ``nn``'s training on the checked matrices X, Y; return how many ran.

    Records and reports each epoch through ``nn.record`` and ``nn.report``, as
    the tutorial's loop does. Stops early, before the epoch, where a number
    would not be finite. Whatever stops it, the weights stored are those
    after the last whole epoch, and the histories end there too.
    """
    if epochs <= 0:
        return 0
    data = prepare(X.tolist(), Y.tolist())
    params = [P.tolist() for P in nn.parameters]
    done, held = 0, True  # held: params are newer than the network's weights
    try:
        for count in range(epochs):
            result = epoch(data, params, nn.learning_rate, nn.loss == "cross_entropy")
            if result is None:
                break
            nn.record(result[1], result[2])
            params, done = result[0], count + 1  # one line: an interrupt cannot split the two
            if callback is not None:  # the callback sees this epoch's weights, and may change them
                _store(nn, params)
                held = False  # the network holds the weights until the callback returns
                nn.report(count, result[1], verbose, callback)
                params = [P.tolist() for P in nn.parameters]
                held = True
                if not nn.fusable():  # the callback replaced a method: the tutorial's loop goes on
                    break
            else:
                nn.report(count, result[1], verbose, None)
    finally:
        nn.forget_after(done)
        if held:
            _store(nn, params)
    return done


def _store(nn: "NeuralNetwork", params: "List[List[List[float]]]") -> None:
    nn.set_parameters(*[Matrix(P, check=False) for P in params])

"""Training through the fused kernel: the tutorial's loop, with kernel epochs inside.

``NeuralNetwork.train`` calls ``train`` here for all but the last epoch when
``NeuralNetwork.fusable`` says nothing can tell the difference. Each epoch is
``kernel.epoch`` on plain lists; its losses are recorded and reported through
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

    from .network import NeuralNetwork

__all__ = ["train"]


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
    data = kernel.prepare(X.tolist(), Y.tolist())
    params = [P.tolist() for P in nn.parameters]
    done, held = 0, True  # held: params are newer than the network's weights
    try:
        for count in range(epochs):
            result = kernel.epoch(data, params, nn.learning_rate, nn.loss == "cross_entropy")
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

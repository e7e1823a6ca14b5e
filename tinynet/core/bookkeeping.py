"""``Bookkeeping``: what ``NeuralNetwork.train`` keeps beside the tutorial's formulas.

The values ``forward`` stores (z1 a1 z2 a2) and the check that they fit the X
``backward`` gets; the loss histories; the check of train's arguments; the
loss lines printed every 100th epoch and the callback; ``predict``. Kept
apart so that network.py holds the tutorial's methods and little else.
"""

from . import checks
from .errors import BadHyperparameterError, ShapeError
from .losses import LOSSES
from .matrix import Matrix
from .params import Parameters

__all__ = ["Bookkeeping", "loss_line"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Callable, List, Optional

    Callback = Optional[Callable[[int, float], object]]


def loss_line(epoch: int, loss: float) -> str:
    """Return the line the seed prints every 100th epoch.

    >>> loss_line(100, 0.25)
    'Epoch 100 - Loss: 0.25'
    """
    return "Epoch %d - Loss: %r" % (epoch, loss)


class Bookkeeping(Parameters):
    """Checked storage (``Parameters``) plus what training keeps and reports."""

    def __init__(self, input_size: int, hidden_size: int, output_size: int,
                 learning_rate: float, seed: int, loss: str) -> None:
        super().__init__(input_size, hidden_size, output_size, learning_rate, seed, loss)
        self.z1: "Optional[Matrix]" = None  # what forward stores, as in the tutorial
        self.a1: "Optional[Matrix]" = None
        self.z2: "Optional[Matrix]" = None
        self.a2: "Optional[Matrix]" = None
        self.loss_history: "List[float]" = []  # the printed MSE of each epoch of the last train
        self.objective_history: "List[float]" = []  # the loss descended, likewise
        self.keep_history, self.training = True, False

    def forward(self, X: object) -> Matrix:
        """Return a2 for X and store z1, a1, z2, a2 (``NeuralNetwork.forward``)."""
        raise NotImplementedError("NeuralNetwork defines forward")

    def training_data(self, X: object, y: object, epochs: object, callback: object,
                      history: bool) -> "tuple[Matrix, Matrix, int]":
        """Check train's arguments, then start new histories; return X, y as matrices and epochs as an int."""
        if getattr(self, "training", False):
            raise RuntimeError("train is already running on this network: a callback must not call train")
        X = self.inputs(X)
        y = self.targets(y, X)
        epochs = checks.integer(epochs, "epochs")
        if epochs < 0:
            raise BadHyperparameterError("epochs must be 0 or more, got %s" % checks.shown(epochs))
        if callback is not None and not callable(callback):
            raise TypeError("callback must be callable as callback(epoch, loss), got %s" % checks.describe(callback))
        if not isinstance(history, bool):
            raise TypeError("history must be True or False, got %s" % checks.describe(history))
        self.loss_history, self.objective_history = [], []
        self.keep_history, self.training = history, True
        return X, y, epochs

    def stored(self, X: Matrix) -> "tuple[Matrix, Matrix, Matrix, Matrix]":
        """Return the z1, a1, z2, a2 that ``forward`` stored; raise ShapeError unless it ran on as many rows as X."""
        z1, a1, z2, a2 = self.z1, self.a1, self.z2, self.a2
        if z1 is None or a1 is None or z2 is None or a2 is None:
            raise ShapeError("call forward(X) before backward(X, y) or gradients(X, y): nothing is stored yet")
        if a2.shape[0] != X.shape[0]:
            raise ShapeError("forward ran on %d rows but X has %d; call forward(X) with this X first"
                             % (a2.shape[0], X.shape[0]))
        return z1, a1, z2, a2

    def descended_loss(self, X: Matrix, y: Matrix) -> float:
        """Return the loss being descended (``self.loss``) of what ``forward(X)`` stored, against y."""
        z1, a1, z2, a2 = self.stored(X)
        return LOSSES[self.loss].value(z2, a2, y)

    def record(self, loss: float, objective: float) -> None:
        """Add an epoch's MSE and descended loss to the histories (or, with history=False, keep only these)."""
        if getattr(self, "keep_history", True) or not self.loss_history:
            self.loss_history.append(loss)
            self.objective_history.append(objective)
        else:
            self.loss_history[0], self.objective_history[0] = loss, objective

    def forget_after(self, epochs: int) -> None:
        """Drop the records of epochs from ``epochs`` on (their updates were not kept)."""
        if getattr(self, "keep_history", True):
            del self.loss_history[epochs:], self.objective_history[epochs:]

    def report(self, epoch: int, loss: float, verbose: bool, callback: object) -> None:
        """Print every 100th epoch's loss line (if verbose), then call ``callback(epoch, loss)``."""
        if verbose and epoch % 100 == 0:
            print(loss_line(epoch, loss))
        if callable(callback):
            callback(epoch, loss)

    def predict(self, X: object) -> Matrix:
        """Return a2 for the inputs X, (m, output_size); what forward stored is left as it was."""
        stored = (self.z1, self.a1, self.z2, self.a2)
        try:
            return self.forward(X)
        finally:
            self.z1, self.a1, self.z2, self.a2 = stored

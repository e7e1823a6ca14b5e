"""``NeuralNetwork``: the seed tutorial's 2-layer sigmoid network, term for term.

Notation (one example per row):
  m = number of examples   X (m, input_size) inputs   y (m, output_size) targets
  W1 (input_size, hidden_size)   b1 (1, hidden_size)
  W2 (hidden_size, output_size)  b2 (1, output_size)
  z1 = X @ W1 + b1,  a1 = sigmoid(z1),  z2 = a1 @ W2 + b2,  a2 = sigmoid(z2)
  dZ2 = a2 - y is dL/dz2 for the mean binary cross-entropy L (not for the MSE the seed prints)

Backward, as the seed writes it (division by m after each product):
  dW2 = (a1.T @ dZ2) / m   db2 = colsum(dZ2) / m
  dZ1 = (dZ2 @ W2.T) * sigmoid'(z1)   dW1 = (X.T @ dZ1) / m   db1 = colsum(dZ1) / m
  W1 <- W1 - lr * dW1,  b1 <- b1 - lr * db1,  W2 <- W2 - lr * dW2,  b2 <- b2 - lr * db2

One class, one file: the tutorial's methods first, then what keeps them safe
(checked settings and parameters, whole epochs only), each helper private.
The scalar formulas are in formulas.py, the losses in losses.py; ``train``
hands an epoch to the fused kernel (kernel.py) only where nothing can tell.
"""

from . import checks, formulas, kernel, overflow
from .errors import BadArgumentError, BadHyperparameterError, BadSizeError, NonFiniteError, ShapeError
from .losses import BUILT_IN, LOSSES, mse
from .matrix import Matrix, apply, column_sum
from .rng import RandomState, check_seed, fresh_seed

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Callable, List, Optional, Tuple, Union

    Params = Tuple[Matrix, Matrix, Matrix, Matrix]
    Weights = Union[Params, List[List[List[float]]]]  # matrices, or the fused kernel's rows (see _matrices)
    Numbers = Union[float, Matrix, List[List[float]]]

__all__ = ["NeuralNetwork", "sigmoid", "sigmoid_derivative", "loss_line", "MAX_PARAMETERS", "PARAMETER_NAMES"]

# A pure-Python float costs about 32 bytes in a list: 10 million weights is
# about 320 MB, beyond which a size is far more likely a mistake than a plan.
MAX_PARAMETERS = 10000000
PARAMETER_NAMES = ("W1", "b1", "W2", "b2")


def loss_line(epoch: int, loss: float) -> str:
    """Return the line the seed prints every 100th epoch.

    >>> loss_line(100, 0.25)
    'Epoch 100 - Loss: 0.25'
    """
    return "Epoch %d - Loss: %r" % (epoch, loss)


class NeuralNetwork:
    """A 2-layer network with sigmoid units, trained as the seed tutorial trains it.

    >>> nn = NeuralNetwork(2, 4, 1, seed=0)
    >>> nn
    NeuralNetwork(2, 4, 1, learning_rate=0.1, loss='cross_entropy', seed=0)
    >>> nn.W1.shape, nn.b1.shape, nn.W2.shape, nn.b2.shape
    ((2, 4), (1, 4), (4, 1), (1, 1))
    >>> round(nn.W1[0][0], 12)  # np.random.seed(0); np.random.randn(2, 4)[0][0]
    1.764052345968
    >>> nn.sigmoid(0.0), nn.sigmoid([[0.0, 1000.0]])  # a number, rows or a Matrix: the same kind back
    (0.5, [[0.5, 1.0]])
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int, *,
                 learning_rate: float = 0.1, seed: "int | None" = None, loss: str = "cross_entropy") -> None:
        self._sizes = _checked_sizes(input_size, hidden_size, output_size)
        self.learning_rate = learning_rate
        self.loss = loss
        self.seed = fresh_seed() if seed is None else seed
        n_in, n_hid, n_out = self._sizes
        random = RandomState(self.seed)  # np.random.seed(seed)
        W1 = Matrix(random.randn(n_in, n_hid), "W1", False)  # W1 is drawn before W2
        W2 = Matrix(random.randn(n_hid, n_out), "W2", False)
        # W1 b1 W2 b2: a tuple of Matrix, or (after a fused epoch) a list of the kernel's rows, wrapped
        # on first use (_matrices). One attribute, replaced in one store: never half old, half new.
        self._params: "Weights" = (W1, Matrix.zeros(1, n_hid), W2, Matrix.zeros(1, n_out))
        self.z1: "Optional[Matrix]" = None  # what forward stores, as in the tutorial
        self.a1: "Optional[Matrix]" = None
        self.z2: "Optional[Matrix]" = None
        self.a2: "Optional[Matrix]" = None
        self.loss_history: "List[float]" = []  # the printed MSE of each epoch of the last train
        self.objective_history: "List[float]" = []  # the loss descended, likewise
        self._keep_history, self._training = True, False

    def __repr__(self) -> str:
        return "%s(%d, %d, %d, learning_rate=%r, loss=%r, seed=%d)" % (
            type(self).__name__, self._sizes[0], self._sizes[1], self._sizes[2],
            self.learning_rate, self.loss, self.seed)

    # -- the tutorial's methods ---------------------------------------------------------------

    def sigmoid(self, z: "Numbers") -> "Numbers":
        """Return 1 / (1 + e^-z) (``formulas.sigmoid``) of a number, or entry by entry of a Matrix or rows."""
        return sigmoid(z)

    def sigmoid_derivative(self, z: "Numbers") -> "Numbers":
        """Return s * (1 - s) with s = self.sigmoid(z), of a number, or entry by entry of a Matrix or rows.

        The tutorial writes self.sigmoid(z) * (1 - self.sigmoid(z)): a subclass's sigmoid is used
        here too. s is computed once (the same bits as twice).
        """
        return _entry_by_entry(self.sigmoid(z), formulas.sigmoid_slope)

    def forward(self, X: object) -> Matrix:
        """Return a2 for the inputs X (m, input_size); store z1, a1, z2, a2 on the network."""
        X = self._inputs(X)
        z1 = X @ self.W1 + self.b1  # (m, hidden_size)
        a1 = self.sigmoid(z1)
        z2 = a1 @ self.W2 + self.b2  # (m, output_size)
        a2 = self.sigmoid(z2)
        self.z1, self.a1, self.z2, self.a2 = z1, a1, z2, a2  # type: ignore[assignment]  # all four, or none
        return a2  # type: ignore[return-value]  # sigmoid of a Matrix is a Matrix

    def gradients(self, X: object, y: object) -> "tuple[Matrix, Matrix, Matrix, Matrix, Matrix, Matrix]":
        """Return (dZ2, dW2, db2, dZ1, dW1, db1) at what ``forward(X)`` stored; change nothing."""
        X = self._inputs(X)
        y = self._targets(y, X)
        z1, a1, z2, a2 = self._stored(X)  # self.z1, self.a1, self.z2, self.a2
        m = X.shape[0]
        dZ2 = LOSSES[self.loss].delta(z2, a2, y, self.sigmoid_derivative)  # type: ignore[arg-type]  # a2 - y
        dW2 = (a1.T @ dZ2) / m  # (hidden_size, output_size)
        db2 = column_sum(dZ2) / m  # (1, output_size)
        dZ1 = (dZ2 @ self.W2.T) * self.sigmoid_derivative(z1)  # (m, hidden_size)
        dW1 = (X.T @ dZ1) / m  # (input_size, hidden_size)
        db1 = column_sum(dZ1) / m  # (1, hidden_size)
        return dZ2, dW2, db2, dZ1, dW1, db1

    def backward(self, X: object, y: object) -> None:
        """Update W1, b1, W2, b2 by one gradient step from what ``forward(X)`` stored (the seed's update)."""
        dZ2, dW2, db2, dZ1, dW1, db1 = self.gradients(X, y)
        lr = self.learning_rate
        W1 = self.W1 - lr * dW1
        b1 = self.b1 - lr * db1
        W2 = self.W2 - lr * dW2
        b2 = self.b2 - lr * db2
        self.set_parameters(W1, b1, W2, b2)  # all four at once: if anything above raised, nothing changed

    def train(self, X: object, y: object, epochs: int, *, verbose: bool = True,
              callback: "Callable[[int, float], object] | None" = None, history: bool = True) -> "list[float]":
        """Run ``epochs`` epochs of forward then backward; return each epoch's MSE (docs/SPEC.md, "Training").

        ``callback(epoch, loss)`` runs after each epoch's update (what it may do:
        docs/robustness.md). ``history=False`` keeps only the last epoch's losses,
        for small machines. Whatever stops it (an error, Ctrl-C), the weights and
        both histories describe the same whole epochs.
        """
        X, y, epochs = self._start_training(X, y, epochs, callback, history)
        try:
            self._training = True  # inside the try: whatever stops train, finally clears it
            fast = self._fused_data(X, y)  # the fused kernel's data where it may run, else None
            for epoch in range(epochs):  # for epoch in range(epochs):
                undo = self._undo_point()
                try:
                    step = kernel.epoch(fast, self.learning_rate, epoch + 1 == epochs or callback is not None)
                    if step is None:  # the tutorial's epoch; also where the kernel met a number that is not finite
                        output = self.forward(X)  # output = self.forward(X)
                        loss = mse(output, y)  # loss = np.mean(np.square(y - output)), before the update
                        objective = self._objective(X, y)  # the loss being descended, of the same output
                        self.backward(X, y)  # self.backward(X, y)
                    else:
                        loss, objective = self._adopt(step)
                    self._record(loss, objective)
                except NonFiniteError:  # this epoch never happened; say which step and why
                    self._undo(undo)
                    raise self._explained(X, y, epoch) from None
                except BaseException:  # any other error, or Ctrl-C: this epoch never happened either
                    self._undo(undo)
                    raise
                self._report(epoch, loss, verbose, callback)  # if epoch % 100 == 0: print(...)
                if callback is not None or (step is None and fast is not None):
                    fast = self._fused_data(X, y)  # a callback may change methods, loss or weights; so did that epoch
        finally:
            try:
                self._training = False
            finally:  # a Ctrl-C on the line above still clears it here: a stuck flag would refuse every train
                self._training = False
        return list(self.loss_history)

    def predict(self, X: object) -> Matrix:
        """Return a2 for the inputs X, (m, output_size); what forward stored is left as it was."""
        stored = (self.z1, self.a1, self.z2, self.a2)
        try:
            return self.forward(X)
        finally:
            self.z1, self.a1, self.z2, self.a2 = stored

    # -- the parameters and settings, each checked when set ----------------------------------------

    def set_parameters(self, W1: object, b1: object, W2: object, b2: object) -> None:
        """Replace W1, b1, W2 and b2 together: all four are checked before any is stored.

        A Matrix is stored as it is (as NumPy stores an array); rows of numbers
        are checked into a new Matrix.
        """
        new = (self._parameter(0, W1), self._parameter(1, b1), self._parameter(2, W2), self._parameter(3, b2))
        self._params = new  # one store: an interrupt leaves all old values or all new

    @property
    def parameters(self) -> "tuple[Matrix, Matrix, Matrix, Matrix]":
        """(W1, b1, W2, b2), the network's own matrices."""
        return self._matrices()

    W1 = property(lambda self: self._matrices()[0], lambda self, value: self._set_one(0, value),
                  None, "Weights from input to hidden, (input_size, hidden_size).")
    b1 = property(lambda self: self._matrices()[1], lambda self, value: self._set_one(1, value),
                  None, "Hidden bias, (1, hidden_size).")
    W2 = property(lambda self: self._matrices()[2], lambda self, value: self._set_one(2, value),
                  None, "Weights from hidden to output, (hidden_size, output_size).")
    b2 = property(lambda self: self._matrices()[3], lambda self, value: self._set_one(3, value),
                  None, "Output bias, (1, output_size).")

    @property
    def input_size(self) -> int:
        """Number of inputs (rows of W1)."""
        return self._sizes[0]

    @property
    def hidden_size(self) -> int:
        """Number of hidden units (columns of W1)."""
        return self._sizes[1]

    @property
    def output_size(self) -> int:
        """Number of outputs (columns of W2)."""
        return self._sizes[2]

    @property
    def learning_rate(self) -> float:
        """Step size of every update; a positive finite float."""
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        rate = checks.real(value, "learning_rate")
        if rate <= 0.0:
            raise BadHyperparameterError("learning_rate must be a positive finite number, got %r" % rate)
        self._learning_rate = rate

    @property
    def loss(self) -> str:
        """The loss the gradient descends: "cross_entropy" (the seed's update) or "mse"."""
        return self._loss

    @loss.setter
    def loss(self, value: str) -> None:
        if not isinstance(value, str) or value not in LOSSES:
            raise BadHyperparameterError("loss must be one of %s, got %s"
                                         % (", ".join(repr(name) for name in LOSSES), checks.describe(value)))
        self._loss = value

    @property
    def seed(self) -> int:
        """The seed the initial weights were drawn from, an int in [0, 2**32 - 1]."""
        return self._seed

    @seed.setter
    def seed(self, value: int) -> None:
        self._seed = check_seed(value)

    # -- private helpers: checking, storing, recording ----------------------------------------------

    def _parameter(self, index: int, value: object) -> Matrix:
        """Return ``value`` as parameter PARAMETER_NAMES[index], checked; raise if it does not fit."""
        name = PARAMETER_NAMES[index]
        M = value if isinstance(value, Matrix) else Matrix(value, name)
        n_in, n_hid, n_out = self._sizes
        expected = ((n_in, n_hid), (1, n_hid), (n_hid, n_out), (1, n_out))[index]
        if M.shape != expected:
            raise ShapeError("%s must be %r, got %r" % (name, expected, M.shape))
        return M

    def _matrices(self) -> "Params":
        """Return W1 b1 W2 b2 as matrices, wrapping the kernel's rows (without a copy) the first time."""
        params = self._params
        if type(params) is tuple:
            return params  # a tuple is the four matrices
        wrapped = (Matrix(params[0], "W1", False), Matrix(params[1], "b1", False),
                   Matrix(params[2], "W2", False), Matrix(params[3], "b2", False))
        self._params = wrapped  # the same numbers: an interrupt before this store loses nothing
        return wrapped

    def _set_one(self, index: int, value: object) -> None:
        params = list(self._matrices())
        params[index] = self._parameter(index, value)
        self._params = (params[0], params[1], params[2], params[3])  # one store, as set_parameters

    def _inputs(self, X: object) -> Matrix:
        """Return X as a checked Matrix of input_size columns; raise naming X otherwise."""
        X = X if isinstance(X, Matrix) else Matrix(X, "X")
        if X.shape[1] != self._sizes[0]:
            raise ShapeError("X has %d columns but the network expects %d (input_size)" % (X.shape[1], self._sizes[0]))
        return X

    def _targets(self, y: object, X: Matrix) -> Matrix:
        """Return y as a checked Matrix of output_size columns and one row per row of X."""
        y = y if isinstance(y, Matrix) else Matrix(y, "y")
        if y.shape[1] != self._sizes[2]:
            raise ShapeError("y has %d columns but the network expects %d (output_size)" % (y.shape[1], self._sizes[2]))
        if y.shape[0] != X.shape[0]:
            raise ShapeError("y has %d rows but X has %d; each example needs one target row" % (y.shape[0], X.shape[0]))
        return y

    def _stored(self, X: Matrix) -> "Params":
        """Return the z1, a1, z2, a2 that ``forward`` stored; raise ShapeError unless it ran on as many rows as X."""
        z1, a1, z2, a2 = self.z1, self.a1, self.z2, self.a2
        if z1 is None or a1 is None or z2 is None or a2 is None:
            raise ShapeError("call forward(X) before backward(X, y) or gradients(X, y): nothing is stored yet")
        if a2.shape[0] != X.shape[0]:
            raise ShapeError("forward ran on %d rows but X has %d; call forward(X) with this X first"
                             % (a2.shape[0], X.shape[0]))
        return z1, a1, z2, a2

    def _objective(self, X: Matrix, y: Matrix) -> float:
        """Return the loss being descended (``self.loss``) of what ``forward(X)`` stored, against y."""
        z1, a1, z2, a2 = self._stored(X)
        return LOSSES[self.loss].value(z2, a2, y)

    def _start_training(self, X: object, y: object, epochs: object, callback: object,
                        history: object) -> "tuple[Matrix, Matrix, int]":
        """Check train's arguments, then start new histories; return X, y as matrices and epochs as an int."""
        if self._training:
            raise RuntimeError("train is already running on this network: a callback must not call train")
        X = self._inputs(X)
        y = self._targets(y, X)
        epochs = checks.integer(epochs, "epochs")
        if epochs < 0:
            raise BadHyperparameterError("epochs must be 0 or more, got %s" % checks.shown(epochs))
        if callback is not None and not callable(callback):
            raise BadArgumentError("callback must be callable as callback(epoch, loss), got %s"
                                   % checks.describe(callback))
        if not isinstance(history, bool):
            raise BadArgumentError("history must be True or False, got %s" % checks.describe(history))
        self.loss_history, self.objective_history = [], []
        self._keep_history = history
        return X, y, epochs

    def _fused_data(self, X: Matrix, y: Matrix) -> "kernel.Fused | None":
        """Return the fused kernel's data for this X and y, or None where it must not run (see kernel.unchanged)."""
        if not kernel.unchanged(self, _PUBLIC) or LOSSES[self.loss] not in BUILT_IN:
            return None
        return kernel.prepare(X.tolist(), y.tolist(), [P.tolist() for P in self._matrices()], LOSSES[self.loss])

    def _adopt(self, step: "kernel.Step") -> "tuple[float, float]":
        """Store a fused epoch's weights (and, if it kept them, its z1 a1 z2 a2); return its two losses."""
        params, loss, objective, stored = step
        self._params = params  # the kernel's rows, wrapped as matrices when first read (_matrices)
        if stored is not None:
            self.z1, self.a1, self.z2, self.a2 = [Matrix(rows, "Matrix", False) for rows in stored]
        return loss, objective

    def _undo_point(self) -> "tuple[Weights, List[float], List[float], int]":
        return self._params, self.loss_history, self.objective_history, len(self.loss_history)

    def _undo(self, point: "tuple[Weights, List[float], List[float], int]") -> None:
        """Put back the weights and histories of ``_undo_point``: the epoch it began never happened."""
        params, losses, objectives, count = point
        del losses[count:], objectives[count:]
        self._params, self.loss_history, self.objective_history = params, losses, objectives

    def _record(self, loss: float, objective: float) -> None:
        """Add an epoch's MSE and descended loss to the histories (or, with history=False, keep only these)."""
        if self._keep_history:
            self.loss_history.append(loss)
            self.objective_history.append(objective)
        else:  # new lists: _undo puts the old ones back
            self.loss_history, self.objective_history = [loss], [objective]

    def _report(self, epoch: int, loss: float, verbose: bool, callback: object) -> None:
        """Print every 100th epoch's loss line (if verbose), then call ``callback(epoch, loss)``."""
        if verbose and epoch % 100 == 0:
            print(loss_line(epoch, loss))
        if callback is not None:
            callback(epoch, loss)  # type: ignore[operator]  # checked callable by _start_training

    def _explained(self, X: Matrix, y: Matrix, epoch: int) -> NonFiniteError:
        """Return a NonFiniteError naming the epoch's first quantity that is not finite, and the cause."""
        message = overflow.explain(self, X, y, epoch)
        return NonFiniteError("%s; the weights are those before epoch %d" % (message, epoch))


# Every public name of the class as defined here: the fused kernel runs only where a
# network still has each of them (kernel.unchanged), so no override is ever skipped.
_PUBLIC = kernel.public_names(NeuralNetwork)


def _checked_sizes(input_size: object, hidden_size: object, output_size: object) -> "tuple[int, int, int]":
    sizes = (checks.size(input_size, "input_size", MAX_PARAMETERS),
             checks.size(hidden_size, "hidden_size", MAX_PARAMETERS),
             checks.size(output_size, "output_size", MAX_PARAMETERS))
    n_in, n_hid, n_out = sizes
    count = (n_in + 1) * n_hid + (n_hid + 1) * n_out
    if count > MAX_PARAMETERS:
        raise BadSizeError("input_size %d, hidden_size %d, output_size %d make %d parameters; "
                           "the limit is %d (MAX_PARAMETERS)" % (n_in, n_hid, n_out, count, MAX_PARAMETERS))
    return sizes


def sigmoid(z: "Numbers") -> "Numbers":
    """Return 1 / (1 + e^-z) of a number, or entry by entry of a Matrix (a Matrix back) or rows (rows back).

    >>> sigmoid(0.0), sigmoid([[0.0, -1000.0]]), sigmoid(Matrix([[0.0]]))
    (0.5, [[0.5, 0.0]], Matrix([[0.5]]))
    """
    return _entry_by_entry(z, formulas.sigmoid)


def sigmoid_derivative(z: "Numbers") -> "Numbers":
    """Return sigmoid(z) * (1 - sigmoid(z)) of a number, or entry by entry of a Matrix or rows.

    >>> sigmoid_derivative(0.0)
    0.25
    """
    return _entry_by_entry(z, formulas.sigmoid_derivative)


def _entry_by_entry(z: object, f: "Callable[[float], float]") -> "Numbers":
    """Return f of a number, or f entry by entry of a Matrix (a Matrix back) or of rows (rows back)."""
    if isinstance(z, Matrix):
        return apply(z, f)
    if checks.is_number(z):
        return f(checks.real(z, "z"))
    return apply(Matrix(z, "z"), f).tolist()

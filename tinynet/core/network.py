"""``NeuralNetwork``: the seed tutorial's 2-layer sigmoid network, term for term.

Notation (one example per row):
  m = number of examples   X (m, input_size) inputs   y (m, output_size) targets
  W1 (input_size, hidden_size)   b1 (1, hidden_size)
  W2 (hidden_size, output_size)  b2 (1, output_size)
  z1 = X @ W1 + b1,  a1 = sigmoid(z1),  z2 = a1 @ W2 + b2,  a2 = sigmoid(z2)

Backward, as the seed writes it (division by m after each product):
  dZ2 = a2 - y                          dW2 = (a1.T @ dZ2) / m   db2 = colsum(dZ2) / m
  dZ1 = (dZ2 @ W2.T) * sigmoid'(z1)     dW1 = (X.T @ dZ1) / m    db1 = colsum(dZ1) / m
  W1 <- W1 - lr * dW1,  b1 <- b1 - lr * db1,  W2 <- W2 - lr * dW2,  b2 <- b2 - lr * db2

The seed says it uses the mean squared error, and it prints the MSE, but
dZ2 = a2 - y is not the MSE's gradient: it is dL/dz2 for the mean binary
cross-entropy  L = -(1/m) * sum_i sum_k [y log a2 + (1 - y) log(1 - a2)],
summed over the outputs and averaged over the examples. tinynet keeps the
seed's update and its printed MSE, so its numbers match the tutorial's
(``loss="cross_entropy"``, the default). ``loss="mse"`` descends the MSE that
the seed prints instead, with its true gradient:
  dZ2 = ((a2 - y) * sigmoid'(z2)) * (2 / output_size)
(the rest of the backward pass is unchanged; with the division by m in dW2
and db2 this is the gradient of the mean over all m * output_size entries).
"""

import math

from .activations import sigmoid, sigmoid_derivative
from .entropy import os_seed
from .errors import (
    BadHyperparameterError,
    BadSizeError,
    NonFiniteError,
    NotANumberError,
    ShapeError,
)
from .matrix import Matrix, _rows_of, check_real, describe
from .rng import RandomState, _check_seed
from . import fast

__all__ = ["NeuralNetwork", "mse", "cross_entropy", "loss_line", "LOSSES", "MAX_PARAMETERS"]

LOSSES = ("cross_entropy", "mse")  # the losses a network can descend

# A pure-Python float costs about 32 bytes in a list: 10 million weights is
# about 320 MB, beyond which a size is far more likely a mistake than a plan.
MAX_PARAMETERS = 10000000

_PARAM_NAMES = ("W1", "b1", "W2", "b2")


def mse(a2: Matrix, y: Matrix) -> float:
    """Return the mean squared error the seed prints: mean over all entries of (a2 - y)^2.

    Summed in row-major order from 0.0, then divided by m * output_size.
    """
    d = a2 - y
    return (d * d).mean()


def cross_entropy(z2: Matrix, y: Matrix) -> float:
    """Return the mean binary cross-entropy, from the pre-activations z2 so it is finite for any z2.

    L = (1/m) * sum_i sum_k [softplus(z2) - y * z2], summed from 0.0 in row-major
    order, with softplus(z) = max(z, 0) + log1p(exp(-|z|)). This equals
    -(1/m) sum [y log a2 + (1 - y) log(1 - a2)] for a2 = sigmoid(z2), without
    log(0) when a2 rounds to 0 or 1.

    >>> round(cross_entropy(Matrix([[0.0]]), Matrix([[1.0]])), 12)  # log 2
    0.69314718056
    """
    total = 0.0
    for zrow, trow in zip(z2._rows, y._rows):
        for z, t in zip(zrow, trow):
            total += ((z if z > 0.0 else 0.0) + math.log1p(math.exp(-abs(z)))) - t * z
    return total / len(z2._rows)


def loss_line(epoch: int, loss: float) -> str:
    """Return the line the seed prints every 100th epoch.

    >>> loss_line(100, 0.25)
    'Epoch 100 - Loss: 0.25'
    """
    return f"Epoch {epoch} - Loss: {loss}"


class NeuralNetwork:
    """A 2-layer network with sigmoid units, trained as the seed tutorial trains it.

    >>> nn = NeuralNetwork(2, 4, 1, seed=0)
    >>> nn.W1.shape, nn.b1.shape, nn.W2.shape, nn.b2.shape
    ((2, 4), (1, 4), (4, 1), (1, 1))
    >>> round(nn.W1[0][0], 12)  # np.random.seed(0); np.random.randn(2, 4)[0][0]
    1.764052345968
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        output_size: int,
        *,
        learning_rate: float = 0.1,
        seed: "int | None" = None,
        loss: str = "cross_entropy",
    ) -> None:
        for name, size in (
            ("input_size", input_size),
            ("hidden_size", hidden_size),
            ("output_size", output_size),
        ):
            _check_size(size, name)
        count = (input_size + 1) * hidden_size + (hidden_size + 1) * output_size
        if count > MAX_PARAMETERS:
            raise BadSizeError(
                "input_size %d, hidden_size %d, output_size %d make %d parameters; "
                "the limit is %d (MAX_PARAMETERS)"
                % (input_size, hidden_size, output_size, count, MAX_PARAMETERS)
            )
        self.learning_rate = learning_rate  # validated by the property
        self.loss = loss  # likewise
        if seed is None:
            seed = os_seed()
        _check_seed(seed)
        self.seed = seed
        # the seed's __init__ after np.random.seed(seed): W1 drawn first, then W2
        rs = RandomState(seed)
        W1 = rs.randn(input_size, hidden_size)
        W2 = rs.randn(hidden_size, output_size)
        # The four parameters live in one tuple of row lists, replaced whole by
        # each update (no list in it is ever changed in place), so an interrupted
        # update can never leave W1 new and b1 old. The properties below wrap
        # them in read-only Matrix objects.
        self._params = (W1, [[0.0] * hidden_size], W2, [[0.0] * output_size])
        self.z1 = self.a1 = self.z2 = self.a2 = None
        self.loss_history = []  # the printed MSE of every epoch of the last train()
        self.objective_history = []  # the loss being descended, likewise

    # -- parameters ---------------------------------------------------------

    @property
    def W1(self) -> Matrix:
        """Weights from input to hidden, (input_size, hidden_size)."""
        return Matrix._wrap(self._params[0])

    @W1.setter
    def W1(self, value) -> None:
        self._set_param(0, value)

    @property
    def b1(self) -> Matrix:
        """Hidden bias, (1, hidden_size)."""
        return Matrix._wrap(self._params[1])

    @b1.setter
    def b1(self, value) -> None:
        self._set_param(1, value)

    @property
    def W2(self) -> Matrix:
        """Weights from hidden to output, (hidden_size, output_size)."""
        return Matrix._wrap(self._params[2])

    @W2.setter
    def W2(self, value) -> None:
        self._set_param(2, value)

    @property
    def b2(self) -> Matrix:
        """Output bias, (1, output_size)."""
        return Matrix._wrap(self._params[3])

    @b2.setter
    def b2(self, value) -> None:
        self._set_param(3, value)

    def _set_param(self, index: int, value) -> None:
        name = _PARAM_NAMES[index]
        rows = _rows_of(value, name)
        old = self._params[index]
        expected, got = (len(old), len(old[0])), (len(rows), len(rows[0]))
        if got != expected:
            raise ShapeError("%s must be %r, got %r" % (name, expected, got))
        params = list(self._params)
        params[index] = rows
        self._params = tuple(params)

    @property
    def input_size(self) -> int:
        """Number of inputs (rows of W1)."""
        return len(self._params[0])

    @property
    def hidden_size(self) -> int:
        """Number of hidden units (columns of W1)."""
        return len(self._params[0][0])

    @property
    def output_size(self) -> int:
        """Number of outputs (columns of W2)."""
        return len(self._params[2][0])

    @property
    def learning_rate(self) -> float:
        """Step size of every update; a positive finite float."""
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        rate = check_real(value, "learning_rate")
        if rate <= 0.0:
            raise BadHyperparameterError(
                "learning_rate must be a positive finite number, got %r" % (value,)
            )
        self._learning_rate = rate

    @property
    def loss(self) -> str:
        """The loss the gradient descends: "cross_entropy" (the seed's update) or "mse"."""
        return self._loss

    @loss.setter
    def loss(self, value: str) -> None:
        if value not in LOSSES:
            raise BadHyperparameterError(
                "loss must be one of %s, got %s" % (", ".join(map(repr, LOSSES)), describe(value))
            )
        self._loss = value

    # -- the seed's methods -------------------------------------------------

    def sigmoid(self, z):
        """Return 1 / (1 + e^-z) for a float or a Matrix (see ``tinynet.sigmoid``)."""
        return sigmoid(z)

    def sigmoid_derivative(self, z):
        """Return sigmoid(z) * (1 - sigmoid(z)) for a float or a Matrix."""
        return sigmoid_derivative(z)

    def forward(self, X) -> Matrix:
        """Return a2 for the inputs X (m, input_size); store z1, a1, z2, a2 on the network."""
        X = self._inputs(X)
        self.z1, self.a1, self.z2, self.a2 = self._forward(X)
        return self.a2

    def predict(self, X) -> Matrix:
        """Return a2 for the inputs X, (m, output_size), storing nothing."""
        return self._forward(self._inputs(X))[3]

    def gradients(self, X, y) -> "tuple[Matrix, Matrix, Matrix, Matrix]":
        """Return (dW1, db1, dW2, db2) of the loss (``self.loss``) at X, y; update nothing.

        Runs its own forward pass, so it needs no earlier call to ``forward``.
        """
        X = self._inputs(X)
        y = self._targets(y, X)
        return self._gradients(X, y, self._forward(X))

    def backward(self, X, y) -> None:
        """Update W1, b1, W2, b2 in place by one gradient step (the seed's update).

        The four new values are computed before any is stored; if anything
        raises, the network is left exactly as it was.
        """
        X = self._inputs(X)
        y = self._targets(y, X)
        self._params = self._updated(self._gradients(X, y, self._forward(X)))

    def train(self, X, y, epochs: int, *, verbose: bool = True, callback=None) -> "list[float]":
        """Update the weights by ``epochs`` gradient steps; return each epoch's MSE.

        Each epoch runs forward, records the MSE of that output (before the
        update, as the seed does), then updates. Every 100th epoch (0, 100, ...)
        prints ``Epoch {epoch} - Loss: {loss}`` unless ``verbose`` is False.
        ``callback(epoch, loss)``, if given, runs after each epoch's update.

        The list is also kept as ``self.loss_history``, which grows epoch by
        epoch, and the loss being descended (the mean cross-entropy, or the MSE
        again for ``loss="mse"``) as ``self.objective_history``. If an epoch
        raises (a callback, KeyboardInterrupt, a number that stops being
        finite), the weights are those after the last whole epoch and both
        histories end there too.
        """
        X = self._inputs(X)
        y = self._targets(y, X)
        if isinstance(epochs, bool) or not isinstance(epochs, int):
            raise NotANumberError("epochs must be an int, got %s" % type(epochs).__name__)
        if epochs < 0:
            raise BadHyperparameterError("epochs must be 0 or more, got %d" % epochs)
        losses, objectives = [], []
        self.loss_history, self.objective_history = losses, objectives
        kernel = fast.Kernel(X._rows, y._rows, self._loss)
        params = self._params
        epoch = 0
        try:
            for epoch in range(epochs):
                try:
                    params, loss, objective = kernel.epoch(params, self._learning_rate)
                except NonFiniteError as exc:
                    raise NonFiniteError(
                        "epoch %d: %s; the weights are left as they were before epoch %d"
                        % (epoch, exc, epoch)
                    ) from None
                losses.append(loss)
                objectives.append(objective)
                self._params = params
                if verbose and epoch % 100 == 0:
                    print(loss_line(epoch, loss))
                if callback is not None:
                    callback(epoch, loss)
        finally:
            # an interrupt between losses.append and the store above must not
            # leave a loss for an epoch whose weights were never stored
            if self._params is not params and len(losses) > epoch:
                del losses[epoch:]
                del objectives[epoch:]
        return list(losses)

    # -- saving and loading (tinynet.serialize) ---------------------------------

    def to_dict(self) -> dict:
        """Return the model as a JSON-ready dict (see ``tinynet.serialize``)."""
        from . import serialize  # here, not at the top: it imports this module

        return serialize.to_dict(self)

    @classmethod
    def from_dict(cls, doc: dict) -> "NeuralNetwork":
        """Return the network a ``to_dict`` document describes; raise ``ModelFormatError`` if invalid."""
        from . import serialize

        return serialize.from_dict(doc)

    def save(self, path: str) -> None:
        """Write the model to ``path`` as JSON, atomically (an existing file is never damaged)."""
        from . import serialize

        serialize.save(self, path)

    @classmethod
    def load(cls, path: str) -> "NeuralNetwork":
        """Return the network saved at ``path``; raise ``ModelFormatError`` if the file is not one."""
        from . import serialize

        return serialize.load(path)

    # -- the plain path, written as the maths ---------------------------------

    def _forward(self, X: Matrix) -> "tuple[Matrix, Matrix, Matrix, Matrix]":
        W1, b1, W2, b2 = self.W1, self.b1, self.W2, self.b2
        z1 = X @ W1 + b1  # (m, hidden_size)
        a1 = sigmoid(z1)
        z2 = a1 @ W2 + b2  # (m, output_size)
        a2 = sigmoid(z2)
        return z1, a1, z2, a2

    def _gradients(self, X: Matrix, y: Matrix, cache) -> "tuple[Matrix, Matrix, Matrix, Matrix]":
        dZ2, dW2, db2, dZ1, dW1, db1 = self._backward_terms(X, y, cache)
        return dW1, db1, dW2, db2

    def _backward_terms(self, X: Matrix, y: Matrix, cache) -> "tuple[Matrix, ...]":
        """Return dZ2, dW2, db2, dZ1, dW1, db1: the seed's backward pass, term for term."""
        z1, a1, z2, a2 = cache
        W2 = self.W2
        m = X.shape[0]
        dZ2 = a2 - y  # (m, output_size); dL/dz2 of the mean cross-entropy
        if self._loss == "mse":
            dZ2 = (dZ2 * sigmoid_derivative(z2)) * (2.0 / self.output_size)
        dW2 = (a1.T @ dZ2) / m  # (hidden_size, output_size)
        db2 = dZ2.sum(axis=0) / m  # (1, output_size)
        dZ1 = (dZ2 @ W2.T) * sigmoid_derivative(z1)  # (m, hidden_size)
        dW1 = (X.T @ dZ1) / m  # (input_size, hidden_size)
        db1 = dZ1.sum(axis=0) / m  # (1, hidden_size)
        return dZ2, dW2, db2, dZ1, dW1, db1

    def _updated(self, grads):
        """Return the parameters (as rows) after one step: P - lr * dP, in the order W1 b1 W2 b2."""
        lr = self._learning_rate
        params = (self.W1, self.b1, self.W2, self.b2)
        return tuple((P - lr * dP)._rows for P, dP in zip(params, grads))

    # -- validation -----------------------------------------------------------

    def _inputs(self, X) -> Matrix:
        X = X if isinstance(X, Matrix) else Matrix._wrap(_rows_of(X, "X"))
        if X.shape[1] != self.input_size:
            raise ShapeError(
                "X has %d columns but the network expects %d (input_size)"
                % (X.shape[1], self.input_size)
            )
        return X

    def _targets(self, y, X: Matrix) -> Matrix:
        y = y if isinstance(y, Matrix) else Matrix._wrap(_rows_of(y, "y"))
        if y.shape[1] != self.output_size:
            raise ShapeError(
                "y has %d columns but the network expects %d (output_size)"
                % (y.shape[1], self.output_size)
            )
        if y.shape[0] != X.shape[0]:
            raise ShapeError(
                "y has %d rows but X has %d; each example needs one target row"
                % (y.shape[0], X.shape[0])
            )
        return y


def _check_size(size: object, name: str) -> None:
    if isinstance(size, bool) or not isinstance(size, int):
        raise NotANumberError("%s must be an int, got %s" % (name, type(size).__name__))
    if size < 1:
        raise BadSizeError("%s must be a positive int, got %d" % (name, size))

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

The checked storage (sizes, settings, ``set_parameters``) is in params.py,
what train keeps beside the formulas (histories, checks, reports) in
bookkeeping.py, the two losses in losses.py, and the fused kernel that may run
``train``'s epochs where nothing can tell the difference in kernel.py.
"""

from . import activations, fused, kernel, overflow
from .bookkeeping import Bookkeeping, loss_line
from .errors import NonFiniteError
from .losses import LOSSES, mse
from .matrix import Matrix, apply, column_sum
from .rng import RandomState, fresh_seed

__all__ = ["NeuralNetwork", "loss_line"]

class NeuralNetwork(Bookkeeping):
    """A 2-layer network with sigmoid units, trained as the seed tutorial trains it.

    >>> nn = NeuralNetwork(2, 4, 1, seed=0)
    >>> nn.W1.shape, nn.b1.shape, nn.W2.shape, nn.b2.shape
    ((2, 4), (1, 4), (4, 1), (1, 1))
    >>> round(nn.W1[0][0], 12)  # np.random.seed(0); np.random.randn(2, 4)[0][0]
    1.764052345968
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int, *,
                 learning_rate: float = 0.1, seed: "int | None" = None, loss: str = "cross_entropy") -> None:
        super().__init__(input_size, hidden_size, output_size, learning_rate,
                         fresh_seed() if seed is None else seed, loss)
        random = RandomState(self.seed)  # np.random.seed(seed)
        self.W1 = random.randn(self.input_size, self.hidden_size)  # W1 is drawn before W2
        self.b1 = Matrix.zeros(1, self.hidden_size)
        self.W2 = random.randn(self.hidden_size, self.output_size)
        self.b2 = Matrix.zeros(1, self.output_size)

    def sigmoid(self, z: Matrix) -> Matrix:
        """Return 1 / (1 + e^-z) entry by entry (``tinynet.sigmoid``)."""
        return apply(z, activations.sigmoid_scalar)

    def sigmoid_derivative(self, z: Matrix) -> Matrix:
        """Return sigmoid(z) * (1 - sigmoid(z)) entry by entry."""
        return apply(z, activations.sigmoid_derivative_scalar)

    def forward(self, X: object) -> Matrix:
        """Return a2 for the inputs X (m, input_size); store z1, a1, z2, a2 on the network."""
        X = self.inputs(X)
        z1 = X @ self.W1 + self.b1  # (m, hidden_size)
        a1 = self.sigmoid(z1)
        z2 = a1 @ self.W2 + self.b2  # (m, output_size)
        a2 = self.sigmoid(z2)
        self.z1, self.a1, self.z2, self.a2 = z1, a1, z2, a2  # all four, or none if one raised
        return a2

    def gradients(self, X: object, y: object) -> "tuple[Matrix, Matrix, Matrix, Matrix, Matrix, Matrix]":
        """Return (dZ2, dW2, db2, dZ1, dW1, db1) at what ``forward(X)`` stored; change nothing."""
        X = self.inputs(X)
        y = self.targets(y, X)
        z1, a1, z2, a2 = self.stored(X)  # self.z1, self.a1, self.z2, self.a2
        m = X.shape[0]
        dZ2 = LOSSES[self.loss].delta(z2, a2, y, self.sigmoid_derivative)  # a2 - y for the seed's loss
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

    def train(self, X: object, y: object, epochs: int, *, verbose: bool = True, callback: object = None,
              history: bool = True) -> "list[float]":
        """Run ``epochs`` epochs of forward then backward; return each epoch's MSE (docs/SPEC.md, "Training").

        ``callback(epoch, loss)`` runs after each epoch's update (what it may do:
        docs/robustness.md). ``history=False`` keeps only the last epoch's losses,
        for small machines: memory then stays the same however long it trains.
        """
        X, y, epochs = self.training_data(X, y, epochs, callback, history)
        try:
            # the fused kernel may run all but the last epoch, only where nothing can tell (see fusable)
            first = fused.train(self, X, y, epochs - 1, verbose, callback) if self.fusable() else 0
            self.tutorial_epochs(X, y, first, epochs, verbose, callback)
        finally:
            self.training = False
        return list(self.loss_history)

    def tutorial_epochs(self, X: Matrix, y: Matrix, first: int, epochs: int, verbose: bool,
                        callback: object) -> None:
        """Run epochs ``first`` to ``epochs - 1`` as the tutorial's loop does."""
        epoch = first
        try:
            for epoch in range(first, epochs):
                output = self.forward(X)
                loss = mse(output, y)  # the seed's printed loss, of the output before the update
                objective = self.descended_loss(X, y)  # the loss being descended, of the same output
                self.backward(X, y)
                self.record(loss, objective)
                self.report(epoch, loss, verbose, callback)
        except NonFiniteError:
            message = overflow.explain(self, X, y, epoch)
            raise NonFiniteError("%s; the weights are those before epoch %d" % (message, epoch)) from None

    def fusable(self) -> bool:
        """Return True if ``train`` may hand epochs to the fused kernel: nothing it replaces is overridden.

        The kernel computes the tutorial's epoch with the same operations in the
        same order, so its bits equal those of this class's forward, backward,
        gradients, sigmoid and sigmoid_derivative. A subclass, or an instance
        attribute, that replaces any of them must be called instead.
        """
        cls, base = type(self), NeuralNetwork
        replaced = [name for name in kernel.REPLACES
                    if getattr(cls, name) is not getattr(base, name) or name in self.__dict__]
        return not replaced

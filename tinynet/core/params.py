"""``Parameters``: the checked storage under ``NeuralNetwork``: sizes, settings, W1 b1 W2 b2.

``network.py`` holds the tutorial's methods; this base class holds what keeps
them safe. Every setting is checked when it is set, so nothing a user can set
makes a network that ``save`` cannot write or ``load`` cannot read:

- ``W1 b1 W2 b2`` are properties: reading gives the network's own ``Matrix``
  (so ``nn.W1[0][0] = 0.5`` changes the weight, checked), and assigning a
  Matrix or rows of numbers stores a checked copy of the right shape;
- ``set_parameters`` replaces all four in one store, so an update that is
  interrupted leaves either all old values or all new ones;
- ``learning_rate``, ``loss`` and ``seed`` are checked on every assignment.
"""

from . import checks
from .errors import BadHyperparameterError, BadSizeError, ShapeError
from .losses import LOSSES
from .matrix import Matrix
from .rng import check_seed

__all__ = ["Parameters", "MAX_PARAMETERS", "PARAMETER_NAMES"]

# A pure-Python float costs about 32 bytes in a list: 10 million weights is
# about 320 MB, beyond which a size is far more likely a mistake than a plan.
MAX_PARAMETERS = 10000000
PARAMETER_NAMES = ("W1", "b1", "W2", "b2")


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


class Parameters:
    """Sizes, settings and the four parameters of a 2-layer network, each checked when set."""

    def __init__(self, input_size: int, hidden_size: int, output_size: int,
                 learning_rate: float, seed: int, loss: str) -> None:
        self._sizes = _checked_sizes(input_size, hidden_size, output_size)
        self.learning_rate = learning_rate
        self.loss = loss
        self.seed = seed
        n_in, n_hid, n_out = self._sizes
        zeros = Matrix.zeros
        self._params = (zeros(n_in, n_hid), zeros(1, n_hid), zeros(n_hid, n_out), zeros(1, n_out))

    # -- sizes, read-only: they follow from W1 and W2 ---------------------------

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

    # -- the four parameters ------------------------------------------------------

    def shape_of(self, name: str) -> "tuple[int, int]":
        """Return the shape parameter ``name`` ("W1", "b1", "W2" or "b2") must have."""
        n_in, n_hid, n_out = self._sizes
        return {"W1": (n_in, n_hid), "b1": (1, n_hid), "W2": (n_hid, n_out), "b2": (1, n_out)}[name]

    def checked_parameter(self, name: str, value: object) -> Matrix:
        """Return a private, checked copy of ``value`` as parameter ``name``; raise if it does not fit."""
        rows = value.tolist() if isinstance(value, Matrix) else checks.rows(value, name)
        got, expected = (len(rows), len(rows[0])), self.shape_of(name)
        if got != expected:
            raise ShapeError("%s must be %r, got %r" % (name, expected, got))
        return Matrix(rows, name, check=False)

    @property
    def parameters(self) -> "tuple[Matrix, Matrix, Matrix, Matrix]":
        """(W1, b1, W2, b2), the network's own matrices."""
        return self._params

    def set_parameters(self, W1: object, b1: object, W2: object, b2: object) -> None:
        """Replace W1, b1, W2 and b2 together: all four are checked before any is stored."""
        new = (self.checked_parameter("W1", W1), self.checked_parameter("b1", b1),
               self.checked_parameter("W2", W2), self.checked_parameter("b2", b2))
        self._params = new  # one store: an interrupt leaves all old values or all new

    def _set_one(self, index: int, value: object) -> None:
        params = list(self._params)
        params[index] = self.checked_parameter(PARAMETER_NAMES[index], value)
        self._params = (params[0], params[1], params[2], params[3])  # one store, as set_parameters

    W1 = property(lambda self: self._params[0], lambda self, value: self._set_one(0, value),
                  None, "Weights from input to hidden, (input_size, hidden_size).")
    b1 = property(lambda self: self._params[1], lambda self, value: self._set_one(1, value),
                  None, "Hidden bias, (1, hidden_size).")
    W2 = property(lambda self: self._params[2], lambda self, value: self._set_one(2, value),
                  None, "Weights from hidden to output, (hidden_size, output_size).")
    b2 = property(lambda self: self._params[3], lambda self, value: self._set_one(3, value),
                  None, "Output bias, (1, output_size).")

    # -- settings -------------------------------------------------------------------

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

    # -- checking data at the public boundary -------------------------------------------

    def inputs(self, X: object) -> Matrix:
        """Return X as a checked Matrix of input_size columns; raise naming X otherwise."""
        X = X if isinstance(X, Matrix) else Matrix(X, "X")
        if X.shape[1] != self.input_size:
            raise ShapeError("X has %d columns but the network expects %d (input_size)"
                             % (X.shape[1], self.input_size))
        return X

    def targets(self, y: object, X: Matrix) -> Matrix:
        """Return y as a checked Matrix of output_size columns and one row per row of X."""
        y = y if isinstance(y, Matrix) else Matrix(y, "y")
        if y.shape[1] != self.output_size:
            raise ShapeError("y has %d columns but the network expects %d (output_size)"
                             % (y.shape[1], self.output_size))
        if y.shape[0] != X.shape[0]:
            raise ShapeError("y has %d rows but X has %d; each example needs one target row"
                             % (y.shape[0], X.shape[0]))
        return y

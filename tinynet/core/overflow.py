"""Say which quantity of a training epoch stopped being finite, and what to change.

A ``Matrix`` operation that overflows names only its own operands. When an
epoch of ``train`` fails, ``explain`` runs that epoch again one step at a time
through the network's own public methods (``forward``, the losses,
``gradients``, then each update), names the first step whose numbers are not
finite, and points at the likely cause: a learning rate that made the weights
explode, inputs or targets too large, or weights too large.
"""

from .errors import NonFiniteError
from .losses import LOSSES, mse
from .matrix import Matrix

__all__ = ["explain", "HUGE"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from .network import NeuralNetwork

# A magnitude no sensible input, target or weight reaches: beyond it, that quantity is the cause
HUGE = 1e100


def _largest(matrices: "tuple[Matrix, ...]") -> float:
    largest = 0.0
    for M in matrices:
        for row in M.tolist():
            for v in row:
                largest = max(largest, abs(v))
    return largest


def _cause(nn: "NeuralNetwork", X: Matrix, y: Matrix) -> str:
    """Return what to change: the learning rate, the inputs, the targets or the weights."""
    weights = _largest(nn.parameters)
    if weights >= HUGE and nn.learning_rate > 1.0:
        return ("the weights have grown to %.3g: learning_rate %r is too large, try 0.1 to 10"
                % (weights, nn.learning_rate))
    if _largest((y,)) >= HUGE:
        return "the targets are too large: look at the scale of y"
    if _largest((X,)) >= HUGE:
        return "the inputs are too large: scale X (for example to mean 0 and standard deviation 1)"
    return "the weights (largest %.3g) or the inputs are too large for float64" % weights


def _first_failure(nn: "NeuralNetwork", X: Matrix, y: Matrix) -> "tuple[str, str] | None":
    """Name the first step of the epoch whose numbers are not finite, and its cause; None if every step is finite."""
    try:
        a2 = nn.forward(X)
    except NonFiniteError as exc:
        return "forward(X) is not finite (%s)" % exc, _cause(nn, X, y)
    try:
        mse(a2, y)
    except NonFiniteError:
        return "the loss mean((a2 - y)^2) is not finite", _cause(nn, X, y)
    try:
        LOSSES[nn.loss].value(nn.z2, a2, y)  # type: ignore[arg-type]  # forward stored z2
    except NonFiniteError:
        return "the descended loss (%s) is not finite" % nn.loss, _cause(nn, X, y)
    try:
        gradients = nn.gradients(X, y)
    except NonFiniteError as exc:
        return "the gradients dZ2 ... db1 are not finite (%s)" % exc, _cause(nn, X, y)
    lr = nn.learning_rate
    for name, P, dP in zip(("W1", "b1", "W2", "b2"), nn.parameters, gradients[4:] + gradients[1:3]):
        try:
            P - lr * dP
        except NonFiniteError:
            return ("the update %s - learning_rate * d%s is not finite" % (name, name),
                    "learning_rate %r is too large for these gradients, try 0.1 to 10" % lr)
    return None


def explain(nn: "NeuralNetwork", X: Matrix, y: Matrix, epoch: int) -> str:
    """Return a message naming the first quantity of ``epoch`` that is not finite, and the likely cause.

    Runs the epoch's steps with the network's own methods; leaves its
    parameters, and the z1, a1, z2, a2 that forward stored, as they were.
    """
    stored = (nn.z1, nn.a1, nn.z2, nn.a2)
    try:
        found = _first_failure(nn, X, y) or ("a number stopped being finite", _cause(nn, X, y))
    finally:
        nn.z1, nn.a1, nn.z2, nn.a2 = stored
    return "epoch %d: %s; %s" % (epoch, found[0], found[1])

"""Say which quantity of a training epoch stopped being finite, and what to change.

A ``Matrix`` operation that overflows names only its own operands. When an
epoch of ``train`` fails, ``explain`` recomputes that epoch one named quantity
at a time, in the order the tutorial computes them, through the network's own
methods, and names the first that is not finite: z1, a1, z2, a2, the printed
MSE, the descended loss, the gradients, then each updated parameter.
"""

from .errors import NonFiniteError
from .losses import LOSSES, mse
from .matrix import Matrix

__all__ = ["explain"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from .network import NeuralNetwork

INPUTS = "the inputs or the weights are too large"
TARGETS = "the outputs and the targets are too far apart: look at the scale of y"


def _say(name: str, formula: str, error: NonFiniteError, hint: str) -> str:
    return "%s = %s is not finite (%s); %s" % (name, formula, error, hint)


def _forward(nn: "NeuralNetwork", X: Matrix, y: Matrix) -> "str | None":
    """Name the first of z1, a1, z2, a2 and the two losses that is not finite; None if all are."""
    try:
        z1 = X @ nn.W1 + nn.b1
    except NonFiniteError as exc:
        return _say("z1", "X @ W1 + b1", exc, INPUTS)
    try:
        a1 = nn.sigmoid(z1)
        z2 = a1 @ nn.W2 + nn.b2
    except NonFiniteError as exc:
        return _say("z2", "a1 @ W2 + b2", exc, INPUTS)
    try:
        a2 = nn.sigmoid(z2)
        mse(a2, y)
    except NonFiniteError as exc:
        return _say("the loss", "mean((a2 - y)^2)", exc, TARGETS)
    try:
        LOSSES[nn.loss].value(z2, a2, y)
    except NonFiniteError as exc:
        return _say("the descended loss", nn.loss, exc, TARGETS)
    return None


def _update(nn: "NeuralNetwork", X: Matrix, y: Matrix) -> "str | None":
    """Name the first gradient or updated parameter that is not finite; None if all are."""
    try:
        nn.forward(X)
        dZ2, dW2, db2, dZ1, dW1, db1 = nn.gradients(X, y)
    except NonFiniteError as exc:
        return _say("the gradients", "dZ2 ... db1", exc, TARGETS)
    lr = nn.learning_rate
    for name, P, dP in (("W1", nn.W1, dW1), ("b1", nn.b1, db1), ("W2", nn.W2, dW2), ("b2", nn.b2, db2)):
        try:
            P - lr * dP
        except NonFiniteError as exc:
            step = "learning_rate %r is too large for these gradients" % lr
            return _say("the update of " + name, "%s - learning_rate * d%s" % (name, name), exc, step)
    return None


def explain(nn: "NeuralNetwork", X: Matrix, y: Matrix, epoch: int) -> str:
    """Return a message naming the first quantity of ``epoch`` that is not finite.

    Recomputes the epoch with the network's own methods; leaves its
    parameters, and the z1, a1, z2, a2 that forward stored, as they were.
    """
    stored = (nn.z1, nn.a1, nn.z2, nn.a2)
    try:
        found = _forward(nn, X, y) or _update(nn, X, y) or "a number stopped being finite"
    finally:
        nn.z1, nn.a1, nn.z2, nn.a2 = stored
    return "epoch %d: %s" % (epoch, found)

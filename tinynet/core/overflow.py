"""Say which quantity of a training epoch stopped being finite, and what to change.

A ``Matrix`` operation that overflows names only its own operands. When an
epoch of ``train`` fails, ``explain`` recomputes that epoch one named quantity
at a time, in the order the tutorial computes them, through the network's own
methods, and names the first that is not finite: z1, a1, z2, a2, the printed
MSE, the descended loss, dZ2, ..., db1, then each updated parameter.
"""

from .errors import NonFiniteError
from .losses import LOSSES, mse
from .matrix import Matrix

__all__ = ["explain"]

_TOO_LARGE_INPUTS = "the inputs or the weights are too large"
_TOO_LARGE_LOSS = "the outputs and the targets are too far apart: look at the scale of y"


def _forward_steps(nn, X: Matrix, y: Matrix):  # type: ignore[no-untyped-def]
    """(name, formula, compute(values), hint) for the forward pass and the two losses."""
    return [
        ("z1", "X @ W1 + b1", lambda v: X @ nn.W1 + nn.b1, _TOO_LARGE_INPUTS),
        ("a1", "sigmoid(z1)", lambda v: nn.sigmoid(v["z1"]), _TOO_LARGE_INPUTS),
        ("z2", "a1 @ W2 + b2", lambda v: v["a1"] @ nn.W2 + nn.b2, _TOO_LARGE_INPUTS),
        ("a2", "sigmoid(z2)", lambda v: nn.sigmoid(v["z2"]), _TOO_LARGE_INPUTS),
        ("the loss", "mean((a2 - y)^2)", lambda v: mse(v["a2"], y), _TOO_LARGE_LOSS),
        ("the descended loss (%s)" % nn.loss, "its formula in docs/SPEC.md",
         lambda v: LOSSES[nn.loss].value(v["z2"], v["a2"], y), _TOO_LARGE_LOSS),
    ]


def _update_steps(nn, X: Matrix, y: Matrix):  # type: ignore[no-untyped-def]
    """(name, formula, compute(values), hint) for the gradients and the four updates."""
    lr = nn.learning_rate
    too_large_step = "learning_rate %r is too large for these gradients" % lr
    steps = [("the gradients", "dZ2 ... db1", lambda v: nn.gradients(X, y), _TOO_LARGE_LOSS)]
    for index, name in enumerate(("dW1", "db1", "dW2", "db2")):
        param = name[1:]
        steps.append(("the update of %s" % param, "%s - learning_rate * %s" % (param, name),
                      lambda v, i=index: nn.parameters[i] - lr * v["the gradients"][(4, 5, 1, 2)[i]],
                      too_large_step))
    return steps


def explain(nn, X: Matrix, y: Matrix, epoch: int) -> str:  # type: ignore[no-untyped-def]
    """Return a message naming the first quantity of ``epoch`` that is not finite, or a general one.

    Recomputes the epoch through ``nn.forward``'s formulas (with ``nn.sigmoid``)
    and ``nn.gradients``; leaves the network's parameters unchanged.
    """
    stored = (nn.z1, nn.a1, nn.z2, nn.a2)
    values = {}  # type: dict
    try:
        nn.z1, nn.a1, nn.z2, nn.a2 = None, None, None, None
        for name, formula, compute, hint in _forward_steps(nn, X, y) + _update_steps(nn, X, y):
            if name == "the gradients":
                nn.z1, nn.a1, nn.z2, nn.a2 = values["z1"], values["a1"], values["z2"], values["a2"]
            try:
                values[name] = compute(values)
            except NonFiniteError as exc:
                return "epoch %d: %s = %s is not finite (%s); %s" % (epoch, name, formula, exc, hint)
    finally:
        nn.z1, nn.a1, nn.z2, nn.a2 = stored
    return "epoch %d: a number stopped being finite" % epoch

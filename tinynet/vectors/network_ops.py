"""How tinynet answers the ops that make a network: init, forward, gradients, backward, step, train.

Part of ``run`` (answer.py); docs/SPEC.md, "Test vectors", says how a case
makes its network and what each op returns.
"""

from ..core.errors import BadArgumentError
from ..core.matrix import Matrix
from ..core.network import NeuralNetwork

__all__ = ["WEIGHTS", "GRADIENTS", "network", "network_op", "error_kind"]

WEIGHTS = ("W1", "b1", "W2", "b2")
GRADIENTS = ("dZ2", "dW2", "db2", "dZ1", "dW1", "db1")


def error_kind(exc: Exception) -> str:
    """Return the spec's kind of one of tinynet's errors; re-raise any other exception."""
    kind = getattr(type(exc), "kind", None)
    if kind is None:
        raise exc
    return kind


def network(inputs: dict) -> NeuralNetwork:
    """Return the network a case describes: made from sizes, learning_rate, loss and seed (checked in
    that order), then given the weights W1, b1, W2, b2 that the case lists (in that order).

    ``sizes`` is a list of three: anything else is ``BadArgumentError`` (the
    call would have the wrong number of sizes). Without ``sizes``, W1 and then
    W2 are first checked as matrices, and the sizes are W1's rows, W1's columns
    and W2's columns (docs/SPEC.md, "Test vectors").
    """
    sizes = inputs.get("sizes")
    if sizes is None:
        W1, W2 = Matrix(inputs["W1"], "W1"), Matrix(inputs["W2"], "W2")
        sizes = [W1.shape[0], W1.shape[1], W2.shape[1]]
    elif not isinstance(sizes, list) or len(sizes) != 3:
        raise BadArgumentError("sizes must be a list of three sizes [input_size, hidden_size, output_size], "
                               "got %r" % (sizes,))
    nn = NeuralNetwork(*sizes, learning_rate=inputs.get("learning_rate", 0.1), seed=inputs.get("seed", 0),
                       loss=inputs.get("loss", "cross_entropy"))
    for name in WEIGHTS:
        if name in inputs:
            setattr(nn, name, inputs[name])
    return nn


def _weights(nn: NeuralNetwork) -> dict:
    return {name: getattr(nn, name).tolist() for name in WEIGHTS}


def _backward(inputs: dict) -> dict:
    """dZ2 ... db1 by the network's own ``gradients``, from given a1 and a2 instead of a forward pass.

    sigmoid'(z) is a * (1 - a) for a = sigmoid(z), bit for bit (docs/SPEC.md,
    "Backward pass"), so the z slots hold a1 and a2 and the derivative is taken of them.
    """
    a1, a2 = Matrix(inputs["a1"], "a1"), Matrix(inputs["a2"], "a2")
    nn = network({"sizes": [len(inputs["X"][0]), a1.shape[1], a2.shape[1]], "W2": inputs["W2"],
                  "loss": inputs.get("loss", "cross_entropy")})
    nn.sigmoid_derivative = lambda a: a * (1.0 - a)  # type: ignore[method-assign, assignment, operator]
    nn.z1, nn.a1, nn.z2, nn.a2 = a1, a1, a2, a2
    terms = nn.gradients(inputs["X"], inputs["y"])
    return {name: value.tolist() for name, value in zip(GRADIENTS, terms)}


def network_op(op: str, inputs: dict) -> dict:
    """Answer the ops that make a network: init, forward, gradients, backward, step and train."""
    if op == "init":
        return _weights(network(inputs))
    if op == "backward":
        return _backward(inputs)
    nn = network(inputs)
    if op == "forward":
        a2 = nn.forward(inputs["X"])
        stored = {"z1": nn.z1, "a1": nn.a1, "z2": nn.z2, "a2": a2}
        return {name: value.tolist() for name, value in stored.items() if value is not None}
    if op == "gradients":
        nn.forward(inputs["X"])
        return {name: value.tolist() for name, value in zip(GRADIENTS, nn.gradients(inputs["X"], inputs["y"]))}
    if op == "step":
        loss = nn.train(inputs["X"], inputs["y"], 1, verbose=False)[0]
        return dict(_weights(nn), loss=loss, objective=nn.objective_history[0])
    return _train(nn, inputs)


def _sampled(losses: "list[float]", epochs: int) -> "list[float]":
    """Every epoch's loss when ``epochs`` <= 100, else those of epochs 0, 100, 200, ... (also after a failure)."""
    return list(losses) if not isinstance(epochs, int) or epochs <= 100 else list(losses)[::100]


def _train(nn: NeuralNetwork, inputs: dict) -> dict:
    """Train (twice with ``again``); on an error, answer it with the weights and losses of the whole epochs
    before it, sampled as a whole run's are."""
    calls = [inputs["epochs"]] + ([inputs["again"]] if "again" in inputs else [])
    for epochs in calls:
        try:
            nn.train(inputs["X"], inputs["y"], epochs, verbose=False)
        except (TypeError, ValueError) as exc:
            return dict(_weights(nn), error=error_kind(exc), losses=_sampled(nn.loss_history, epochs))
    a2 = nn.predict(inputs["X"]).tolist()
    return dict(_weights(nn), losses=_sampled(nn.loss_history, calls[-1]), a2=a2,
                rounded=[[1 if v >= 0.5 else 0 for v in row] for row in a2])

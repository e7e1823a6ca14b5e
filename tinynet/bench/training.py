"""The training workloads: XOR 2-4-1 epochs, and single steps of wider networks.

Three ways through the same arithmetic are timed side by side:

- "fast": ``NeuralNetwork.train`` (XOR), whose epochs run through the fused
  kernel, or ``fused.epoch`` on ``fused.prepare``'d data (the steps);
- "tutorial": the readable path through ``Matrix``, ``forward`` then
  ``backward``. For XOR it is ``train`` of ``TutorialNetwork``, whose
  overridden ``forward`` makes ``NeuralNetwork.fusable`` false;
- "numpy": the seed tutorial's NumPy code, verbatim (``tinynet.seed_numpy``).
"""

import contextlib
import io

from ..core import fused
from ..core.matrix import Matrix
from ..core.network import NeuralNetwork
from ..data import XOR_X, XOR_Y
from ..seed_numpy import seed_class
from .plans import Plan, Step
from .products import ceiling_runners
from .timing import Results, binary_rows, madds_per_epoch, random_rows, turns

__all__ = ["TutorialNetwork", "bench_xor", "bench_step", "step_name", "XOR_WORKLOAD"]

XOR_WORKLOAD = "xor 2-4-1 train"


class TutorialNetwork(NeuralNetwork):
    """A ``NeuralNetwork`` that ``train`` runs through the readable path only.

    Overriding ``forward`` (with the very same code) tells ``fusable`` that
    the fused kernel may not stand in for it.
    """

    def forward(self, X: object) -> Matrix:
        """Return ``NeuralNetwork.forward(X)``."""
        return super().forward(X)


def step_name(step: Step) -> str:
    """Return the workload name of a step, e.g. "step 784-128-10 batch 64"."""
    return "step %d-%d-%d batch %d" % (step.sizes + (step.batch,))


def seed_network(np, sizes: "tuple[int, int, int]", seed: int = 0):  # type: ignore[no-untyped-def]
    """Return the seed tutorial's network of ``sizes``, its weights drawn after np.random.seed(seed)."""
    network_class = seed_class()
    np.random.seed(seed)
    return network_class(*sizes)


def _train_runner(networks: "list[NeuralNetwork]", epochs: int):  # type: ignore[no-untyped-def]
    """Return a runner that trains the next of ``networks`` (made before the clock starts) on XOR."""
    def run() -> None:
        networks.pop().train(XOR_X, XOR_Y, epochs, verbose=False)
    return run


def _numpy_xor_runner(np, epochs: int, count: int):  # type: ignore[no-untyped-def]
    """Return a runner that trains the next of ``count`` fresh seed networks on XOR, its prints discarded."""
    X, y = np.array(XOR_X), np.array(XOR_Y)
    networks = [seed_network(np, (2, 4, 1)) for _ in range(count)]

    def run() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            networks.pop().train(X, y, epochs)
    return run


def bench_xor(results: Results, plan: Plan, np) -> None:  # type: ignore[no-untyped-def]
    """Time XOR 2-4-1 training per epoch: ``train`` (fused), the tutorial path, and NumPy if given."""
    runs = plan.xor_repeats + 1  # one warm-up run of each
    fast = _train_runner([NeuralNetwork(2, 4, 1, seed=0) for _ in range(runs)], plan.xor_epochs)
    tutorial = _train_runner([TutorialNetwork(2, 4, 1, seed=0) for _ in range(runs)], plan.xor_tutorial_epochs)
    fast_label = "train (fused kernel, %s form)" % fused.form(2)
    runners = [(fast_label, fast), ("train, tutorial path", tutorial)]
    if np is not None:
        runners.append(("seed NumPy code", _numpy_xor_runner(np, plan.xor_epochs, runs)))
    times = turns(runners, plan.xor_repeats)
    madds = madds_per_epoch(2, 4, 1, 4)
    results.add(XOR_WORKLOAD, fast_label, "fast", times[fast_label], plan.xor_epochs, madds, "epoch")
    results.add(XOR_WORKLOAD, "train, tutorial path", "tutorial", times["train, tutorial path"],
                plan.xor_tutorial_epochs, madds, "epoch")
    if np is not None:
        results.add(XOR_WORKLOAD, "seed NumPy code", "numpy", times["seed NumPy code"], plan.xor_epochs, madds,
                    "epoch")


def _step_runners(step: Step, np) -> "list[tuple[str, str, object]]":  # type: ignore[no-untyped-def]
    """Return (label, role, runner) for one training step of ``step`` through each path."""
    n_in, n_hid, n_out = step.sizes
    X, Y = random_rows(step.batch, n_in, 1), binary_rows(step.batch, n_out, 2)
    nn = NeuralNetwork(n_in, n_hid, n_out, seed=0)
    data = fused.prepare(X, Y)
    params = [P.tolist() for P in nn.parameters]
    Xm, Ym = Matrix(X), Matrix(Y)

    def tutorial() -> None:
        nn.forward(Xm)
        nn.backward(Xm, Ym)  # updates nn: every step does the same work

    form = fused.form(n_in)
    runners: "list[tuple[str, str, object]]" = [
        ("fused.epoch (%s form)" % form, "fast", lambda: fused.epoch(data, params, 0.1, True)),
        ("forward + backward, tutorial path", "tutorial", tutorial)]
    if np is not None:
        seed_nn = seed_network(np, step.sizes)
        Xn, Yn = np.array(X), np.array(Y)

        def numpy_step() -> None:
            seed_nn.forward(Xn)
            seed_nn.backward(Xn, Yn)

        runners.append(("seed NumPy forward + backward", "numpy", numpy_step))
    return runners


def bench_step(results: Results, step: Step, np) -> None:  # type: ignore[no-untyped-def]
    """Time one training step of ``step`` through the kernel, the tutorial path, NumPy, and the ceiling."""
    n_in, n_hid, n_out = step.sizes
    runners = _step_runners(step, np)
    count = step.batch * n_hid  # the ceiling does as many n_in-long dot products as X @ W1 has entries
    ceilings = ceiling_runners(n_in, count) if step.ceiling else []
    times = turns([(label, run) for label, _, run in runners] + ceilings, step.repeats)
    name = step_name(step)
    madds = madds_per_epoch(n_in, n_hid, n_out, step.batch)
    for label, role, _ in runners:
        results.add(name, label, role, times[label], 1, madds, "step")
    for label, _ in ceilings:
        results.add(name, label, "ceiling", times[label], 1, count * n_in, "X @ W1")

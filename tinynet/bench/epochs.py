"""Whole training epochs through ``NeuralNetwork``'s public API only: what issue 16 measures.

- "xor 2-4-1 train": ``NeuralNetwork(2, 4, 1).train`` on the 4 XOR rows (role
  "fast"); ``train`` of ``SigmoidSubclass``, whose ``sigmoid`` only calls
  ``super().sigmoid(z)`` (role "subclass"); the seed's NumPy code ("numpy").
- "784-128-10 train, 64 examples" (``SHAPE_WORKLOAD``): ``train(X, y, 1)``,
  one call an epoch, as a mini-batch loop calls it (role "calls");
  ``train(X, y, 10)`` ("fast"); the seed's NumPy code ("numpy").

Only the constructor, ``train`` and subclassing are used, so these figures
mean the same on any version of tinynet: two checkouts compare run for run
(``--only xor,mnist`` in each, ``--compare`` the other's ``--json``).
"""

import contextlib
import io

from ..core.network import NeuralNetwork
from ..core.rng import MT19937
from ..data import XOR_X, XOR_Y
from ..seed_numpy import seed_class
from .plans import Plan
from .timing import Results, madds_per_epoch, random_rows, turns

__all__ = ["SigmoidSubclass", "bench_xor", "bench_shape", "seed_network", "digit_rows", "XOR_WORKLOAD",
           "SHAPE_WORKLOAD", "SHAPE"]

XOR_WORKLOAD = "xor 2-4-1 train"
SHAPE = (784, 128, 10)  # MNIST's inputs and classes, the tutorial's usual next step
SHAPE_WORKLOAD = "784-128-10 train, 64 examples"
SUBCLASS_LABEL = "train, subclass: sigmoid calls super()"


class SigmoidSubclass(NeuralNetwork):
    """A learner's subclass that changes nothing: its ``sigmoid`` returns ``super().sigmoid(z)``.

    What ``train`` costs once any method is overridden: no fast path may
    stand in for an overridden method, so every epoch runs the readable path.
    """

    def sigmoid(self, z):  # type: ignore[no-untyped-def]
        """Return ``NeuralNetwork.sigmoid(z)``."""
        return super().sigmoid(z)


def seed_network(np, sizes: "tuple[int, int, int]", seed: int = 0):  # type: ignore[no-untyped-def]
    """Return the seed tutorial's network of ``sizes``, its weights drawn after np.random.seed(seed)."""
    network_class = seed_class()
    np.random.seed(seed)
    return network_class(*sizes)


def digit_rows(m: int, seed: int) -> "tuple[list[list[float]], list[list[float]]]":
    """Return (X, y) shaped like m MNIST examples: 784 pixels in [0, 1), one-hot targets of 10 classes."""
    X = [[(v + 1.0) / 2.0 for v in row] for row in random_rows(m, SHAPE[0], seed)]
    g = MT19937(seed + 1)
    y = []
    for _ in range(m):
        label = int(g.next_double() * SHAPE[2])
        y.append([1.0 if k == label else 0.0 for k in range(SHAPE[2])])
    return X, y


def _train_runner(networks: list, X, y, epochs: int):  # type: ignore[no-untyped-def]
    """Return a runner that trains the next of ``networks`` (made before the clock starts) on X, y."""
    def run() -> None:
        networks.pop().train(X, y, epochs, verbose=False)
    return run


def _numpy_runner(networks: list, X, y, epochs: int):  # type: ignore[no-untyped-def]
    """Return a runner that trains the next of the seed's ``networks`` on X, y, its prints discarded."""
    def run() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            networks.pop().train(X, y, epochs)
    return run


def bench_xor(results: Results, plan: Plan, np, tick=None) -> None:  # type: ignore[no-untyped-def]
    """Time XOR 2-4-1 training per epoch: ``train``, ``train`` of the subclass, and NumPy if given."""
    runs = plan.xor_repeats + 1  # one warm-up run of each
    fresh = [NeuralNetwork(2, 4, 1, seed=0) for _ in range(runs)]
    subclassed = [SigmoidSubclass(2, 4, 1, seed=0) for _ in range(runs)]
    runners = [("train", "fast", plan.xor_epochs, _train_runner(fresh, XOR_X, XOR_Y, plan.xor_epochs)),
               (SUBCLASS_LABEL, "subclass", plan.xor_subclass_epochs,
                _train_runner(subclassed, XOR_X, XOR_Y, plan.xor_subclass_epochs))]
    if np is not None:
        seeds = [seed_network(np, (2, 4, 1)) for _ in range(runs)]
        runners.append(("seed NumPy code", "numpy", plan.xor_epochs,
                        _numpy_runner(seeds, np.array(XOR_X), np.array(XOR_Y), plan.xor_epochs)))
    _time(results, XOR_WORKLOAD, runners, plan.xor_repeats, madds_per_epoch(2, 4, 1, 4), tick)


def bench_shape(results: Results, plan: Plan, np, tick=None) -> None:  # type: ignore[no-untyped-def]
    """Time 784-128-10 on 64 examples per epoch: ``train(X, y, 1)`` calls, ``train(X, y, 10)``, NumPy."""
    X, y = digit_rows(plan.shape_batch, 11)
    runs = plan.shape_repeats + 1
    long = plan.shape_epochs
    # one network per row, trained on run after run: every epoch does the same work,
    # and making 100,000 weights for each run would take longer than a run
    once, whole = NeuralNetwork(*SHAPE, seed=0), NeuralNetwork(*SHAPE, seed=0)
    runners = [("train(X, y, 1), a call an epoch", "calls", 1, _train_runner([once] * runs, X, y, 1)),
               ("train(X, y, %d)" % long, "fast", long, _train_runner([whole] * runs, X, y, long))]
    if np is not None:
        seeds = [seed_network(np, SHAPE)] * runs
        runners.append(("seed NumPy code, train(X, y, %d)" % long, "numpy", long,
                        _numpy_runner(seeds, np.array(X), np.array(y), long)))
    _time(results, SHAPE_WORKLOAD, runners, plan.shape_repeats, madds_per_epoch(*SHAPE, plan.shape_batch), tick)


def _time(results: Results, workload: str, runners: list, repeats: int, madds: int, tick) -> None:  # type: ignore[no-untyped-def]
    """Time ``runners`` (label, role, epochs a run, runner) taking turns; add a row per epoch for each."""
    times = turns([(label, run) for label, _, _, run in runners], repeats, tick=tick)
    for label, role, epochs, _ in runners:
        results.add(workload, label, role, times[label], epochs, madds, "epoch")

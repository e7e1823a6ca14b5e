"""Single training steps of wider networks, one step a run, through three paths side by side.

- "fast": ``kernel.epoch`` on ``kernel.prepare``'d data (the fused kernel);
- "tutorial": the readable path through ``Matrix``, ``forward`` then ``backward``;
- "numpy": the seed tutorial's NumPy code, verbatim (``tinynet.seed_numpy``);

and, for a step with ``ceiling``, the plain dot products that bound any Python
matmul of its size. Whole epochs through ``train`` are in ``epochs``.
"""

from ..core import kernel
from ..core.losses import CrossEntropy
from ..core.matrix import Matrix
from ..core.network import NeuralNetwork
from .epochs import seed_network
from .plans import Step
from .products import ceiling_runners
from .timing import Results, binary_rows, madds_per_epoch, random_rows, turns

__all__ = ["bench_step", "step_name"]


def step_name(step: Step) -> str:
    """Return the workload name of a step, e.g. "step 784-128-10 batch 64"."""
    return "step %d-%d-%d batch %d" % (step.sizes + (step.batch,))


def _step_runners(step: Step, np) -> "list[tuple[str, str, object]]":  # type: ignore[no-untyped-def]
    """Return (label, role, runner) for one training step of ``step`` through each path."""
    n_in, n_hid, n_out = step.sizes
    X, Y = random_rows(step.batch, n_in, 1), binary_rows(step.batch, n_out, 2)
    nn = NeuralNetwork(n_in, n_hid, n_out, seed=0)
    data = kernel.prepare(X, Y, [P.tolist() for P in nn.parameters], CrossEntropy)
    Xm, Ym = Matrix(X), Matrix(Y)

    def tutorial() -> None:
        nn.forward(Xm)
        nn.backward(Xm, Ym)  # updates nn: every step does the same work

    runners: "list[tuple[str, str, object]]" = [
        ("kernel.epoch (the fused kernel)", "fast", lambda: kernel.epoch(data, 0.1, False)),
        ("forward + backward, tutorial path", "tutorial", tutorial)]
    if np is not None:
        seed_nn = seed_network(np, step.sizes)
        Xn, Yn = np.array(X), np.array(Y)

        def numpy_step() -> None:
            seed_nn.forward(Xn)
            seed_nn.backward(Xn, Yn)

        runners.append(("seed NumPy forward + backward", "numpy", numpy_step))
    return runners


def bench_step(results: Results, step: Step, np, tick=None) -> None:  # type: ignore[no-untyped-def]
    """Time one training step of ``step`` through the kernel, the tutorial path, NumPy, and the ceiling."""
    n_in, n_hid, n_out = step.sizes
    runners = _step_runners(step, np)
    count = step.batch * n_hid  # the ceiling does as many n_in-long dot products as X @ W1 has entries
    ceilings = ceiling_runners(n_in, count) if step.ceiling else []
    times = turns([(label, run) for label, _, run in runners] + ceilings, step.repeats, tick=tick)
    name = step_name(step)
    madds = madds_per_epoch(n_in, n_hid, n_out, step.batch)
    for label, role, _ in runners:
        results.add(name, label, role, times[label], 1, madds, "step")
    for label, _ in ceilings:
        results.add(name, label, "ceiling", times[label], 1, count * n_in, "X @ W1")

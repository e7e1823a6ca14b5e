"""What each run measures: the sizes, epochs and repetitions of ``--quick`` and of a full run."""

from typing import List, NamedTuple, Tuple

__all__ = ["Plan", "Step", "QUICK", "FULL", "plan_for", "WORKLOADS"]

# What --only may name, in the order a run measures them
WORKLOADS = ("xor", "mnist", "steps", "matmul", "scaling", "memory", "process")


class Step(NamedTuple):
    """One training step of ``batch`` examples through ``sizes`` = (n_in, n_hid, n_out)."""

    sizes: Tuple[int, int, int]
    batch: int
    repeats: int
    ceiling: bool  # also time the plain dot products that bound any Python matmul of this size


class Plan(NamedTuple):
    """Every size, count and repetition of one run (``plan_for`` picks one)."""

    xor_epochs: int  # epochs per timed train run; the seed's own run is 10000
    xor_subclass_epochs: int  # the readable path is slower: fewer epochs per run
    xor_repeats: int
    shape_batch: int  # examples of the 784-128-10 epochs
    shape_epochs: int  # epochs of its one-call run, train(X, y, shape_epochs)
    shape_repeats: int  # 0: skipped (an epoch takes seconds on CPython)
    steps: List[Step]
    matmuls: List[Tuple[int, int, int]]  # (m, n, p): (m, n) @ (n, p)
    matmul_repeats: int
    scaling: Tuple[int, int, int]  # (n_in, n_out, batch) of the n_in-h-n_out steps
    scaling_hidden: List[int]
    scaling_repeats: int
    memory_epochs: Tuple[int, int]  # a short and a long XOR run in fresh processes
    process_repeats: int  # 0: skipped (one run of each command takes a second or more)


# about 2 s on a slow machine, under 5 s on a busy one: small sizes, no 784-128-10
# epochs and no whole processes (their runs take seconds)
QUICK = Plan(
    xor_epochs=300, xor_subclass_epochs=30, xor_repeats=3,
    shape_batch=64, shape_epochs=10, shape_repeats=0,
    steps=[Step((64, 32, 10), 16, 3, False), Step((784, 16, 10), 2, 3, True)],
    matmuls=[(16, 16, 16), (32, 32, 32)], matmul_repeats=3,
    scaling=(64, 10, 4), scaling_hidden=[8, 16, 32], scaling_repeats=3,
    memory_epochs=(1000, 3000), process_repeats=0,
)

FULL = Plan(
    xor_epochs=10000, xor_subclass_epochs=1000, xor_repeats=9,
    shape_batch=64, shape_epochs=10, shape_repeats=3,
    steps=[Step((64, 32, 10), 64, 7, False), Step((784, 128, 10), 64, 5, True)],
    matmuls=[(16, 16, 16), (64, 64, 64), (64, 784, 128)], matmul_repeats=5,
    scaling=(64, 10, 32), scaling_hidden=[8, 16, 32, 64, 128, 256], scaling_repeats=9,
    memory_epochs=(1000, 100000), process_repeats=5,
)


def plan_for(quick: bool) -> Plan:
    """Return ``QUICK`` (a few seconds) or ``FULL`` (several minutes on a slow machine)."""
    return QUICK if quick else FULL

"""What each run measures: the sizes, epochs and repetitions of ``--quick`` and of a full run."""

from typing import List, NamedTuple, Tuple

__all__ = ["Plan", "Step", "QUICK", "FULL", "plan_for"]


class Step(NamedTuple):
    """One training step of ``batch`` examples through ``sizes`` = (n_in, n_hid, n_out)."""

    sizes: Tuple[int, int, int]
    batch: int
    repeats: int
    ceiling: bool  # also time the plain dot products that bound any Python matmul of this size


class Plan(NamedTuple):
    """Every size, count and repetition of one run (``plan_for`` picks one)."""

    xor_epochs: int  # epochs per timed train run; the seed's own run is 10000
    xor_tutorial_epochs: int  # the readable path is slower: fewer epochs per run
    xor_repeats: int
    steps: List[Step]
    matmuls: List[Tuple[int, int, int]]  # (m, n, p): (m, n) @ (n, p)
    matmul_repeats: int
    scaling: Tuple[int, int, int]  # (n_in, n_out, batch) of the n_in-h-n_out steps
    scaling_hidden: List[int]
    scaling_repeats: int
    memory_epochs: Tuple[int, int]  # a short and a long XOR run in fresh processes
    process_repeats: int


QUICK = Plan(
    xor_epochs=500, xor_tutorial_epochs=50, xor_repeats=5,
    steps=[Step((64, 32, 10), 64, 3, False), Step((784, 128, 10), 4, 3, True)],
    matmuls=[(16, 16, 16), (32, 32, 32)], matmul_repeats=3,
    scaling=(64, 10, 8), scaling_hidden=[8, 16, 32, 64], scaling_repeats=5,
    memory_epochs=(1000, 5000), process_repeats=3,
)

FULL = Plan(
    xor_epochs=10000, xor_tutorial_epochs=1000, xor_repeats=9,
    steps=[Step((64, 32, 10), 64, 7, False), Step((784, 128, 10), 64, 5, True)],
    matmuls=[(16, 16, 16), (64, 64, 64), (64, 784, 128)], matmul_repeats=5,
    scaling=(64, 10, 32), scaling_hidden=[8, 16, 32, 64, 128, 256], scaling_repeats=9,
    memory_epochs=(1000, 100000), process_repeats=5,
)


def plan_for(quick: bool) -> Plan:
    """Return ``QUICK`` (a few seconds) or ``FULL`` (several minutes on a slow machine)."""
    return QUICK if quick else FULL

"""What every group's case builder shares: the case record, reproducible values, the flags.

A case is {"id", "comment", "flags", "op", "tier", "inputs"}; ``generate``
adds "expected" by running it (answer.py).
"""

from ..core.rng import MT19937

__all__ = ["case", "values", "FLAGS", "SKIPPABLE"]

# Every flag a case may carry, and what it tells a porter. Only the SKIPPABLE
# ones may be answered {"skip": reason} (docs/SPEC.md, "Test vectors").
FLAGS = {
    "exp": "passes through exp: compared with a tolerance",
    "log": "passes through log: compared with a tolerance",
    "loss-mse": "the network descends the MSE (loss=\"mse\")",
    "fma-would-differ": "a fused multiply-add anywhere in this computation would change a bit",
    "signed-zero": "an expected value is -0.0, or +0.0 where a wrong order gives -0.0",
    "non-finite-encoded": "an input holds \"nan\", \"inf\" or \"-inf\" in a number's place",
    "dynamic-types": "an input of the wrong type: a bool, string, null or float where a number or an "
                     "integer belongs",
    "beyond-uint32": "an integer input outside 0 .. 2**32 - 1 (such as -1 or 2**32)",
    "beyond-core": "reads a model file or a CSV file, or prints a loss line: beyond what the core computes",
}
SKIPPABLE = {
    "dynamic-types": "a statically typed port cannot pass a value of the wrong type",
    "beyond-uint32": "a port whose sizes, seed and epochs are unsigned 32-bit integers cannot pass -1 or 2**32",
    "beyond-core": "a port of the core alone (for a microcontroller, say) reads no files and prints no lines",
}


def case(id: str, comment: str, op: str, tier: str, inputs: dict, flags=()) -> dict:  # type: ignore[no-untyped-def]
    """Return one case record (without its expected outputs)."""
    unknown = [flag for flag in flags if flag not in FLAGS]
    if unknown:
        raise ValueError("case %s: unknown flag %r" % (id, unknown[0]))
    return {"id": id, "comment": comment, "flags": list(flags), "op": op, "tier": tier, "inputs": inputs}


def values(seed: int, rows: int, cols: int, scale: float = 10.0, low: "float | None" = None) -> "list[list[float]]":
    """Rows of arbitrary 53-bit floats in [-scale, scale) (or [low, scale)), from MT19937: reproducible."""
    g = MT19937(seed)
    if low is None:
        return [[(2.0 * g.next_double() - 1.0) * scale for _ in range(cols)] for _ in range(rows)]
    return [[low + (scale - low) * g.next_double() for _ in range(cols)] for _ in range(rows)]

"""The seeded generator behind ``NeuralNetwork(..., seed=s)``.

It reproduces, draw for draw, what NumPy's legacy ``np.random.seed(s)`` followed
by ``np.random.randn(rows, cols)`` gives, so the seed tutorial's weights come out
bit for bit. It is written out in full as the spec a porter follows:

- MT19937 (Matsumoto and Nishimura, 1998), seeded by ``init_genrand(s)``, which
  is what NumPy's legacy ``seed(int)`` does for 0 <= s < 2**32;
- a double in [0, 1) from two 32-bit outputs a, b:
  ``((a >> 5) * 67108864.0 + (b >> 6)) / 9007199254740992.0`` (53 bits);
- standard normals by the Marsaglia polar method; each accepted pair yields two
  deviates, ``f * x2`` is returned and ``f * x1`` is kept for the next call (the
  cache survives from one ``randn`` call to the next, as in NumPy).

Only ``math.log`` and ``math.sqrt`` enter; ``sqrt`` is correctly rounded
everywhere, ``log`` is the one step that may differ in the last bit between C
libraries.
"""

import math

from . import checks
from .errors import BadHyperparameterError, BadSizeError

__all__ = ["MT19937", "RandomState", "MAX_DRAWS", "check_seed", "fresh_seed"]

# as checks.MAX_ENTRIES: more numbers than this is far more likely a mistake than a plan
MAX_DRAWS = 10000000

_N = 624
_M = 397
_MATRIX_A = 0x9908B0DF
_UPPER = 0x80000000
_LOWER = 0x7FFFFFFF
_MASK32 = 0xFFFFFFFF


class MT19937:
    """The 32-bit Mersenne Twister, seeded as ``init_genrand(seed)``.

    >>> MT19937(5489).next_uint32()  # the reference implementation's first output
    3499211612
    """

    def __init__(self, seed: int) -> None:
        seed = check_seed(seed)
        mt = [0] * _N
        mt[0] = seed
        for i in range(1, _N):
            prev = mt[i - 1]
            mt[i] = (1812433253 * (prev ^ (prev >> 30)) + i) & _MASK32
        self._mt = mt
        self._index = _N  # the first draw regenerates the whole block

    def _twist(self) -> None:
        mt = self._mt
        for k in range(_N):
            y = (mt[k] & _UPPER) | (mt[(k + 1) % _N] & _LOWER)
            value = mt[(k + _M) % _N] ^ (y >> 1)
            if y & 1:
                value ^= _MATRIX_A
            mt[k] = value
        self._index = 0

    def next_uint32(self) -> int:
        """Return the next 32-bit output, tempered."""
        if self._index >= _N:
            self._twist()
        y = self._mt[self._index]
        self._index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y

    def next_double(self) -> float:
        """Return a double in [0, 1) built from 27 + 26 bits of two outputs."""
        a = self.next_uint32() >> 5
        b = self.next_uint32() >> 6
        return (a * 67108864.0 + b) / 9007199254740992.0


class RandomState:
    """The subset of NumPy's legacy ``RandomState`` that the seed tutorial uses.

    >>> RandomState(0).randn(1, 2)  # np.random.seed(0); np.random.randn(1, 2)
    [[1.764052345967664, 0.4001572083672233]]
    """

    def __init__(self, seed: int) -> None:
        self.bits = MT19937(seed)
        self._cached: "float | None" = None  # the second deviate of the last polar pair

    def standard_normal(self) -> float:
        """Return one N(0, 1) deviate (polar method, second deviate cached)."""
        if self._cached is not None:
            value = self._cached
            self._cached = None
            return value
        while True:
            x1 = 2.0 * self.bits.next_double() - 1.0
            x2 = 2.0 * self.bits.next_double() - 1.0
            r2 = x1 * x1 + x2 * x2
            if 0.0 < r2 < 1.0:
                break
        # the order (-2 * log(r2)) / r2 is NumPy's; a port must keep it
        f = math.sqrt(-2.0 * math.log(r2) / r2)
        self._cached = f * x1
        return f * x2

    def randn(self, rows: int, cols: int) -> "list[list[float]]":
        """Return a rows x cols list of deviates, filled row by row (at most MAX_DRAWS in all)."""
        rows = checks.size(rows, "rows", MAX_DRAWS)
        cols = checks.size(cols, "cols", MAX_DRAWS)
        if rows * cols > MAX_DRAWS:
            raise BadSizeError("randn(%d, %d) would draw %d numbers; the limit is %d (MAX_DRAWS)"
                               % (rows, cols, rows * cols, MAX_DRAWS))
        return [[self.standard_normal() for _ in range(cols)] for _ in range(rows)]


def check_seed(seed: object) -> int:
    """Return ``seed`` as a plain int in [0, 2**32 - 1]; raise naming it otherwise.

    >>> check_seed(42)
    42
    """
    number = checks.integer(seed, "seed")
    if not 0 <= number <= _MASK32:
        raise BadHyperparameterError("seed must be between 0 and 2**32 - 1, got %s" % checks.shown(number))
    return number


def fresh_seed() -> int:
    """Return a seed in [0, 2**32) from the operating system's entropy, for ``seed=None``."""
    # imported here, not at the top: only seed=None needs the operating system,
    # and the rest of the core imports nothing but math
    import os

    if not hasattr(os, "urandom"):  # MicroPython's WebAssembly port has no os.urandom
        raise BadHyperparameterError("seed=None draws a seed from os.urandom, which this Python lacks; "
                                     "pass seed=, an int in [0, 2**32 - 1]")
    return int.from_bytes(os.urandom(4), "big")

"""The matrix operations, each a named function: ``Matrix``'s operators are one-line aliases of these.

Order of operations (a port must keep it to get the same bits):

- ``matmul``: C[i][j] = ((0.0 + A[i][0]*B[0][j]) + A[i][1]*B[1][j]) + ...,
  k ascending, one rounding per ``*`` and per ``+`` (no fused multiply-add);
- ``column_sum``: column j is 0.0 + A[0][j] + A[1][j] + ..., i ascending;
- ``total``: 0.0 + every entry, row by row, left to right; ``mean`` divides
  that by rows * cols.

The one broadcast is the seed's bias add: an (m, n) matrix with a (1, n) row,
the row paired with every row (``add``, ``subtract``, ``multiply``). A number
on either side of ``+ - *`` is paired with every entry. Every result is
checked: an entry that overflowed to ``inf`` raises ``NonFiniteError`` naming
the expression.

This module does not import matrix.py (which imports it, for the operators):
results are made with the operand's own class, ``type(A)(rows, name, False)``,
which adopts rows this module built itself (see ``Matrix``'s ``check``).
"""

import math

from . import checks
from .errors import BadSizeError, NonFiniteError, ShapeError

__all__ = ["MAX_ENTRIES", "check_entries", "matmul", "transpose", "add", "subtract", "multiply", "divide",
           "column_sum", "row_sum", "total", "mean", "apply"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Callable

    from .matrix import Matrix

# A float in a list costs about 32 bytes: 10 million entries is about 320 MB,
# beyond which a size is far more likely a mistake than a plan.
MAX_ENTRIES = 10000000


def check_entries(rows: int, cols: int, what: str) -> None:
    """Raise ``BadSizeError`` if a (rows, cols) result would hold more than MAX_ENTRIES entries."""
    if rows * cols > MAX_ENTRIES:
        raise BadSizeError("%s would be (%d, %d): %d entries, over the limit of %d (MAX_ENTRIES)"
                           % (what, rows, cols, rows * cols, MAX_ENTRIES))


def _result(like: "Matrix", rows: "list[list[float]]", expression: str) -> "Matrix":
    """Wrap the fresh rows of a result in ``like``'s class, raising (naming ``expression``) if one is not finite."""
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if not math.isfinite(v):
                raise NonFiniteError("%s is not finite: entry [%d][%d] is %r (the operands are too large)"
                                     % (expression, i, j, v))
    return type(like)(rows, "Matrix", False)


def _is_matrix(value: object) -> bool:
    return hasattr(value, "tolist") and hasattr(value, "shape") and hasattr(value, "name")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) or (hasattr(value, "__float__") and not _is_matrix(value))


def _operands(A: object, B: object, operation: str) -> "tuple[Matrix, Matrix]":
    """Return A and B as matrices; a number becomes a (1, n) row of itself, n the other's width."""
    if _is_number(A) and _is_matrix(B):
        right = _matrix(B, "B")
        number = checks.real(A, operation + ": the number")
        return type(right)([[number] * right.shape[1]], repr(number), False), right
    if _is_number(B) and _is_matrix(A):
        left = _matrix(A, "A")
        number = checks.real(B, operation + ": the number")
        return left, type(left)([[number] * left.shape[1]], repr(number), False)
    if not (_is_matrix(A) and _is_matrix(B)):
        raise TypeError("%s takes two matrices, or a matrix and a number, got %s and %s"
                        % (operation, checks.describe(A), checks.describe(B)))
    return _matrix(A, "A"), _matrix(B, "B")


def _matrix(value: object, name: str) -> "Matrix":
    if not _is_matrix(value):
        raise TypeError("%s must be a Matrix, got %s" % (name, checks.describe(value)))
    return value  # type: ignore[return-value]


def matmul(A: object, B: object) -> "Matrix":
    """Return the matrix product A @ B.

    C[i][j] = sum over k of A[i][k] * B[k][j], k ascending from 0.0;
    (m, n) @ (n, p) -> (m, p)

    >>> from tinynet.core.matrix import Matrix
    >>> matmul(Matrix([[1.0, 2.0]]), Matrix([[3.0], [4.0]]))
    Matrix([[11.0]])
    """
    L, R = _matrix(A, "A"), _matrix(B, "B")
    (m, n), (n2, p) = L.shape, R.shape
    if n != n2:
        raise ShapeError("matmul: A is (%d, %d) and B is (%d, %d); A's columns must equal B's rows (%d != %d)"
                         % (m, n, n2, p, n, n2))
    check_entries(m, p, "matmul's result")
    a, b = L.tolist(), R.tolist()
    C = [[0.0] * p for _ in range(m)]
    for i in range(m):
        for j in range(p):
            acc = 0.0
            for k in range(n):
                acc += a[i][k] * b[k][j]
            C[i][j] = acc
    return _result(L, C, "%s @ %s" % (L.name, R.name))


def transpose(A: "Matrix") -> "Matrix":
    """Return A.T: T[j][i] = A[i][j]; (m, n) -> (n, m)."""
    A = _matrix(A, "A")
    rows, cols = A.shape
    a = A.tolist()
    return type(A)([[a[i][j] for i in range(rows)] for j in range(cols)], "Matrix", False)


def _elementwise(A: object, B: object, f: "Callable[[float, float], float]", operation: str,
                 symbol: str) -> "Matrix":
    """Apply f pairwise over equal shapes, or pair a (1, n) row with every row."""
    L, R = _operands(A, B, operation)
    (ma, na), (mb, nb) = L.shape, R.shape
    if na != nb or (ma != mb and ma != 1 and mb != 1):
        raise ShapeError("%s: A is (%d, %d) and B is (%d, %d); shapes must be equal, or one must be a (1, %d) row"
                         % (operation, ma, na, mb, nb, max(na, nb)))
    a, b = L.tolist(), R.tolist()
    C = []
    for i in range(max(ma, mb)):
        ra = a[i if ma > 1 else 0]
        rb = b[i if mb > 1 else 0]
        C.append([f(ra[j], rb[j]) for j in range(na)])
    return _result(L, C, "%s %s %s" % (L.name, symbol, R.name))


def add(A: object, B: object) -> "Matrix":
    """Return A + B entry by entry; (m, n) + (1, n) adds the row to every row (the bias add)."""
    return _elementwise(A, B, lambda x, y: x + y, "add", "+")


def subtract(A: object, B: object) -> "Matrix":
    """Return A - B entry by entry, with the same (1, n) row broadcast as ``add``."""
    return _elementwise(A, B, lambda x, y: x - y, "subtract", "-")


def multiply(A: object, B: object) -> "Matrix":
    """Return A * B entry by entry (Hadamard), with the same (1, n) row broadcast as ``add``."""
    return _elementwise(A, B, lambda x, y: x * y, "multiply", "*")


def divide(A: "Matrix", s: float) -> "Matrix":
    """Return A / s: each entry A[i][j] / s; s must be a nonzero finite number."""
    A = _matrix(A, "A")
    divisor = checks.real(s, "divisor")
    if divisor == 0.0:
        raise ValueError("divide: the divisor is 0.0; a Matrix can only be divided by a nonzero number")
    return _result(A, [[v / divisor for v in row] for row in A.tolist()], "%s / %r" % (A.name, divisor))


def column_sum(A: "Matrix") -> "Matrix":
    """Return the (1, cols) row of column sums: s[0][j] = 0.0 + A[0][j] + A[1][j] + ..."""
    A = _matrix(A, "A")
    sums = [0.0] * A.shape[1]
    for row in A.tolist():
        for j in range(len(row)):
            sums[j] += row[j]
    return _result(A, [sums], "column_sum(%s)" % A.name)


def row_sum(A: "Matrix") -> "Matrix":
    """Return the (rows, 1) column of row sums: s[i][0] = 0.0 + A[i][0] + A[i][1] + ..."""
    A = _matrix(A, "A")
    sums = []
    for row in A.tolist():
        acc = 0.0
        for v in row:
            acc += v
        sums.append([acc])
    return _result(A, sums, "row_sum(%s)" % A.name)


def total(A: "Matrix") -> float:
    """Return 0.0 + every entry of A, row by row, left to right."""
    A = _matrix(A, "A")
    acc = 0.0
    for row in A.tolist():
        for v in row:
            acc += v
    if not math.isfinite(acc):
        raise NonFiniteError("the sum of %s's entries is %r (the entries are too large)" % (A.name, acc))
    return acc


def mean(A: "Matrix") -> float:
    """Return total(A) / (rows * cols)."""
    A = _matrix(A, "A")
    return total(A) / (A.shape[0] * A.shape[1])


def apply(A: "Matrix", f: "Callable[[float], float]") -> "Matrix":
    """Return f(A[i][j]) for every entry; f must return a finite real number."""
    A = _matrix(A, "A")
    return type(A)([[checks.real(f(v), "the result of f at %s[%d][%d]" % (A.name, i, j))
                     for j, v in enumerate(row)] for i, row in enumerate(A.tolist())], "Matrix", False)

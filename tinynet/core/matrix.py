"""``Matrix``: a list of row lists of float64, and the operations the network needs.

Each operation is a named function (``matmul(A, B)``); the operators are
one-line aliases (``A @ B``), so a port without operator overloading reads
the same. Every operation returns a new ``Matrix`` and checks its result: an
entry that overflowed to ``inf`` raises ``NonFiniteError``.

Order of operations (a port must keep it to get the same bits):

- ``matmul``: C[i][j] = ((0.0 + A[i][0]*B[0][j]) + A[i][1]*B[1][j]) + ...,
  k ascending, one rounding per ``*`` and per ``+`` (no fused multiply-add);
- ``column_sum``: column j is 0.0 + A[0][j] + A[1][j] + ..., i ascending;
- ``total``: 0.0 + every entry, row by row, left to right; ``mean`` divides
  that by rows * cols.

The one broadcast is the seed's bias add: an (m, n) matrix with a (1, n) row,
the row paired with every row (``add``, ``subtract``, ``multiply``). A number
on either side of ``+ - *`` is paired with every entry.
"""

import math

from . import checks
from .errors import BadSizeError, NonFiniteError, ShapeError
from .row import Row

__all__ = ["Matrix", "Row", "MAX_ENTRIES", "matmul", "transpose", "add", "subtract", "multiply",
           "divide", "column_sum", "row_sum", "total", "mean", "apply"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Callable, Iterator, Union

    Operand = Union["Matrix", float]

# A float in a list costs about 32 bytes: 10 million entries is about 320 MB,
# beyond which a size is far more likely a mistake than a plan.
MAX_ENTRIES = 10000000


def _checked(rows: "list[list[float]]", expression: str) -> "Matrix":
    """Wrap the fresh rows of a result, raising (naming ``expression``) if any entry is not finite."""
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if not math.isfinite(v):
                raise NonFiniteError("%s is not finite: entry [%d][%d] is %r (the operands are too large)"
                                     % (expression, i, j, v))
    return Matrix(rows, check=False)


def _check_entries(rows: int, cols: int, what: str) -> None:
    if rows * cols > MAX_ENTRIES:
        raise BadSizeError("%s would be (%d, %d): %d entries, over the limit of %d (MAX_ENTRIES)"
                           % (what, rows, cols, rows * cols, MAX_ENTRIES))


class Matrix:
    """A (rows, cols) matrix of float64, stored as a list of row lists.

    ``Matrix(rows)`` checks and copies ``rows`` (lists, tuples, or anything
    with ``tolist()``, such as a NumPy array). ``check=False`` adopts rows the
    caller made itself and guarantees: lists of finite floats, all one length;
    tinynet's own operations and its kernel use it. ``name`` is used in messages.

    >>> M = Matrix([[1, 2], [3, 4]])
    >>> M.shape, M[1][0], M.T
    ((2, 2), 3.0, Matrix([[1.0, 3.0], [2.0, 4.0]]))
    >>> M + Matrix([[10, 20]])  # the bias add: (2, 2) + (1, 2)
    Matrix([[11.0, 22.0], [13.0, 24.0]])
    """

    def __init__(self, rows: object, name: str = "Matrix", check: bool = True) -> None:
        if check:
            self._rows = checks.rows(rows, name)
        else:
            self._rows = rows  # type: ignore[assignment]  # the caller guarantees list[list[float]]
        self._shape = (len(self._rows), len(self._rows[0]))
        self.name = name

    @classmethod
    def zeros(cls, rows: int, cols: int) -> "Matrix":
        """Return a (rows, cols) matrix of 0.0, refusing more than MAX_ENTRIES entries."""
        rows = checks.size(rows, "rows", MAX_ENTRIES)
        cols = checks.size(cols, "cols", MAX_ENTRIES)
        _check_entries(rows, cols, "zeros")
        return cls([[0.0] * cols for _ in range(rows)], check=False)

    @property
    def shape(self) -> "tuple[int, int]":
        """(rows, cols)."""
        return self._shape

    @property
    def T(self) -> "Matrix":
        """The transpose."""
        return transpose(self)

    def tolist(self) -> "list[list[float]]":
        """Return a new list of new row lists (changing it leaves the matrix alone)."""
        return [list(row) for row in self._rows]

    def __len__(self) -> int:
        return self._shape[0]

    def entry(self, i: int, j: int) -> float:
        """Return the entry at row i, column j (M[i][j] and M[i, j] read it too)."""
        return self._rows[i][j]

    def __getitem__(self, key: "int | slice | tuple[int, int]") -> "Row | Matrix | float":
        """M[i] is a ``Row`` view, M[i, j] an entry, M[a:b] a new Matrix of those rows."""
        if isinstance(key, tuple):
            i, j = key
            return self._rows[i][j]
        if isinstance(key, slice):
            return Matrix([list(row) for row in self._rows[key]], self.name, check=False)
        return Row(self, range(self._shape[0])[key])

    def __setitem__(self, key: "tuple[int, int]", value: float) -> None:
        """M[i, j] = v sets one entry, checked (M[i][j] = v does the same)."""
        if not isinstance(key, tuple):
            raise TypeError("set one entry at a time: %s[i][j] = value or %s[i, j] = value" % (self.name, self.name))
        i, j = key
        number = checks.real(value, "%s[%d][%d]" % (self.name, i, j))
        self._rows[i][j] = number

    def __iter__(self) -> "Iterator[Row]":
        return iter([Row(self, i) for i in range(self._shape[0])])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Matrix):
            return NotImplemented
        return self._rows == other._rows

    __hash__ = None  # type: ignore[assignment]  # equal matrices compare by value: not dict keys

    def __repr__(self) -> str:
        return "Matrix(%r)" % (self._rows,)

    def sum(self, axis: "int | None" = None) -> "Matrix | float":
        """Return total(self) (axis=None), column_sum(self) (axis=0) or row_sum(self) (axis=1), as NumPy's."""
        if axis is None:
            return total(self)
        if axis == 0 and not isinstance(axis, bool):
            return column_sum(self)
        if axis == 1 and not isinstance(axis, bool):
            return row_sum(self)
        raise ValueError("axis must be None, 0 or 1, got %s" % checks.describe(axis))

    def mean(self) -> float:
        """Return mean(self)."""
        return mean(self)

    def map(self, f: "Callable[[float], float]") -> "Matrix":
        """Return apply(self, f)."""
        return apply(self, f)

    # the operators, each the named function below
    def __matmul__(self, other: "Matrix") -> "Matrix":
        return matmul(self, other)

    def __add__(self, other: "Operand") -> "Matrix":
        return add(self, other)

    def __radd__(self, other: "Operand") -> "Matrix":
        return add(other, self)

    def __sub__(self, other: "Operand") -> "Matrix":
        return subtract(self, other)

    def __rsub__(self, other: "Operand") -> "Matrix":
        return subtract(other, self)

    def __mul__(self, other: "Operand") -> "Matrix":
        return multiply(self, other)

    def __rmul__(self, other: "Operand") -> "Matrix":
        return multiply(other, self)

    def __truediv__(self, other: float) -> "Matrix":
        return divide(self, other)


def _matrix(value: object, name: str) -> Matrix:
    """Return ``value`` if it is a Matrix, else check it into one (rows of numbers)."""
    return value if isinstance(value, Matrix) else Matrix(value, name)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) or (not isinstance(value, Matrix) and hasattr(value, "__float__"))


def _operands(A: object, B: object, operation: str) -> "tuple[Matrix, Matrix]":
    """Return A and B as matrices; a number becomes a (1, n) row of itself, n the other's width."""
    if _is_number(A) and isinstance(B, Matrix):
        number = checks.real(A, operation + ": the number")
        return Matrix([[number] * B.shape[1]], repr(number), check=False), B
    if _is_number(B) and isinstance(A, Matrix):
        number = checks.real(B, operation + ": the number")
        return A, Matrix([[number] * A.shape[1]], repr(number), check=False)
    if not isinstance(A, Matrix) and not isinstance(B, Matrix):
        raise TypeError("%s needs at least one Matrix, got %s and %s"
                        % (operation, checks.describe(A), checks.describe(B)))
    return _matrix(A, "A"), _matrix(B, "B")


def matmul(A: object, B: object) -> Matrix:
    """Return the matrix product A @ B.

    C[i][j] = sum over k of A[i][k] * B[k][j], k ascending from 0.0;
    (m, n) @ (n, p) -> (m, p)

    >>> matmul(Matrix([[1.0, 2.0]]), Matrix([[3.0], [4.0]]))
    Matrix([[11.0]])
    """
    L, R = _matrix(A, "A"), _matrix(B, "B")
    (m, n), (n2, p) = L.shape, R.shape
    if n != n2:
        raise ShapeError("matmul: A is (%d, %d) and B is (%d, %d); A's columns must equal B's rows (%d != %d)"
                         % (m, n, n2, p, n, n2))
    _check_entries(m, p, "matmul's result")
    a, b = L._rows, R._rows
    C = [[0.0] * p for _ in range(m)]
    for i in range(m):
        for j in range(p):
            acc = 0.0
            for k in range(n):
                acc += a[i][k] * b[k][j]
            C[i][j] = acc
    return _checked(C, "%s @ %s" % (L.name, R.name))


def transpose(A: Matrix) -> Matrix:
    """Return A.T: T[j][i] = A[i][j]; (m, n) -> (n, m)."""
    A = _matrix(A, "A")
    rows, cols = A.shape
    return Matrix([[A._rows[i][j] for i in range(rows)] for j in range(cols)], check=False)


def _elementwise(A: "Operand", B: "Operand", f: "Callable[[float, float], float]", operation: str,
                 symbol: str) -> Matrix:
    """Apply f pairwise over equal shapes, or pair a (1, n) row with every row."""
    L, R = _operands(A, B, operation)
    (ma, na), (mb, nb) = L.shape, R.shape
    if na != nb or (ma != mb and ma != 1 and mb != 1):
        raise ShapeError("%s: A is (%d, %d) and B is (%d, %d); shapes must be equal, or one must be a (1, %d) row"
                         % (operation, ma, na, mb, nb, max(na, nb)))
    C = []
    for i in range(max(ma, mb)):
        ra = L._rows[i if ma > 1 else 0]
        rb = R._rows[i if mb > 1 else 0]
        C.append([f(ra[j], rb[j]) for j in range(na)])
    return _checked(C, "%s %s %s" % (L.name, symbol, R.name))


def add(A: "Operand", B: "Operand") -> Matrix:
    """Return A + B entry by entry; (m, n) + (1, n) adds the row to every row (the bias add)."""
    return _elementwise(A, B, lambda x, y: x + y, "add", "+")


def subtract(A: "Operand", B: "Operand") -> Matrix:
    """Return A - B entry by entry, with the same (1, n) row broadcast as ``add``."""
    return _elementwise(A, B, lambda x, y: x - y, "subtract", "-")


def multiply(A: "Operand", B: "Operand") -> Matrix:
    """Return A * B entry by entry (Hadamard), with the same (1, n) row broadcast as ``add``."""
    return _elementwise(A, B, lambda x, y: x * y, "multiply", "*")


def divide(A: Matrix, s: float) -> Matrix:
    """Return A / s: each entry A[i][j] / s; s must be a nonzero finite number."""
    A = _matrix(A, "A")
    divisor = checks.real(s, "divisor")
    if divisor == 0.0:
        raise ValueError("divide: the divisor is 0.0; a Matrix can only be divided by a nonzero number")
    return _checked([[v / divisor for v in row] for row in A._rows], "%s / %r" % (A.name, divisor))


def column_sum(A: Matrix) -> Matrix:
    """Return the (1, cols) row of column sums: s[0][j] = 0.0 + A[0][j] + A[1][j] + ..."""
    A = _matrix(A, "A")
    sums = [0.0] * A.shape[1]
    for row in A._rows:
        for j in range(len(row)):
            sums[j] += row[j]
    return _checked([sums], "column_sum(%s)" % A.name)


def row_sum(A: Matrix) -> Matrix:
    """Return the (rows, 1) column of row sums: s[i][0] = 0.0 + A[i][0] + A[i][1] + ..."""
    A = _matrix(A, "A")
    sums = []
    for row in A._rows:
        acc = 0.0
        for v in row:
            acc += v
        sums.append([acc])
    return _checked(sums, "row_sum(%s)" % A.name)


def total(A: Matrix) -> float:
    """Return 0.0 + every entry of A, row by row, left to right."""
    A = _matrix(A, "A")
    acc = 0.0
    for row in A._rows:
        for v in row:
            acc += v
    if not math.isfinite(acc):
        raise NonFiniteError("the sum of %s's entries is %r (the entries are too large)" % (A.name, acc))
    return acc


def mean(A: Matrix) -> float:
    """Return total(A) / (rows * cols)."""
    A = _matrix(A, "A")
    return total(A) / (A.shape[0] * A.shape[1])


def apply(A: Matrix, f: "Callable[[float], float]") -> Matrix:
    """Return f(A[i][j]) for every entry; f must return a finite real number."""
    A = _matrix(A, "A")
    return Matrix([[checks.real(f(v), "the result of f at %s[%d][%d]" % (A.name, i, j))
                    for j, v in enumerate(row)] for i, row in enumerate(A._rows)], check=False)

"""``Matrix``: a list of row lists of float64, and the operations the network needs.

Every operation returns a new ``Matrix``; none changes its operands, so a failed
operation never leaves a half-written matrix. Every result is checked: an entry
that overflowed to ``inf`` or became ``nan`` raises ``NonFiniteError``.

Order of operations (a port must keep it to get the same bits):

- ``matmul``: C[i][j] = ((0.0 + A[i][0]*B[0][j]) + A[i][1]*B[1][j]) + ...,
  k ascending, one rounding per ``*`` and per ``+`` (no fused multiply-add);
- ``sum(axis=0)``: column j is 0.0 + A[0][j] + A[1][j] + ..., i ascending;
- ``sum()``: 0.0 + every entry, row by row, left to right; ``mean()`` divides
  that sum by rows * cols.

The one broadcast is the seed's bias add: an (m, n) matrix with a (1, n) row,
the row paired with every row of the matrix (``add``, ``subtract``, ``multiply``).
"""

import math

from .errors import NonFiniteError, NotANumberError, ShapeError

__all__ = [
    "Matrix",
    "ShapeError",
    "matmul",
    "transpose",
    "add",
    "subtract",
    "multiply",
    "scale",
    "check_real",
    "describe",
]


def check_real(value: object, name: str) -> float:
    """Return ``value`` as a float; raise if it is not a finite real number.

    Accepts int and float (and their subclasses) but not bool, which Python
    counts as an int and which is never meant as a number here.

    >>> check_real(3, "x")
    3.0
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise NotANumberError(
            "%s must be a real number (int or float), got %s" % (name, describe(value))
        )
    try:
        number = float(value)
    except OverflowError:
        raise NonFiniteError("%s is an int too large for a float64: %s" % (name, describe(value))) from None
    if not math.isfinite(number):
        raise NonFiniteError("%s must be finite, got %r" % (name, number))
    return number


def describe(value: object) -> str:
    """Return the type and a short repr of ``value``, safe for any value.

    Containers show only their type (the repr of a deeply nested list would
    recurse without end), huge ints only their size.
    """
    kind = type(value).__name__
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "%s of %d bits" % (kind, value.bit_length())
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        text = repr(value)
        return "%s %s" % (kind, text if len(text) <= 40 else text[:37] + "...")
    return kind


def _rows_of(value: object, name: str) -> "list[list[float]]":
    """Return a validated, private copy of ``value`` as a list of float rows."""
    if isinstance(value, Matrix):
        return [list(row) for row in value._rows]
    if not isinstance(value, (list, tuple)):
        raise NotANumberError(
            "%s must be a list of rows (lists of numbers), got %s" % (name, type(value).__name__)
        )
    if len(value) == 0:
        raise ShapeError("%s has no rows; a matrix needs at least one row" % name)
    rows = []
    width = None
    for i, row in enumerate(value):
        if not isinstance(row, (list, tuple)):
            raise NotANumberError(
                "%s row %d must be a list of numbers, got %s" % (name, i, type(row).__name__)
            )
        if width is None:
            width = len(row)
            if width == 0:
                raise ShapeError("%s row 0 is empty; a matrix needs at least one column" % name)
        elif len(row) != width:
            raise ShapeError(
                "%s row %d has %d entries but row 0 has %d (ragged rows)" % (name, i, len(row), width)
            )
        rows.append([check_real(v, "%s[%d][%d]" % (name, i, j)) for j, v in enumerate(row)])
    return rows


def _checked(rows: "list[list[float]]", operation: str) -> "Matrix":
    """Wrap the fresh rows of a result, raising if any entry is not finite."""
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if not math.isfinite(v):
                raise NonFiniteError(
                    "%s: result entry [%d][%d] is %r (the inputs are too large)"
                    % (operation, i, j, v)
                )
    return Matrix._wrap(rows)


class Matrix:
    """An immutable (rows, cols) matrix of float64, stored as a list of row lists.

    >>> M = Matrix([[1, 2], [3, 4]])
    >>> M.shape, M[1][0], M.T
    ((2, 2), 3.0, Matrix([[1.0, 3.0], [2.0, 4.0]]))
    >>> M + Matrix([[10, 20]])  # the bias add: (2, 2) + (1, 2)
    Matrix([[11.0, 22.0], [13.0, 24.0]])
    """

    __slots__ = ("_rows", "_shape")

    def __init__(self, rows: "list[list[float]]") -> None:
        self._rows = _rows_of(rows, "Matrix")
        self._shape = (len(self._rows), len(self._rows[0]))

    @classmethod
    def _wrap(cls, rows: "list[list[float]]") -> "Matrix":
        """Adopt rows that tinynet built itself: already floats, finite, rectangular."""
        matrix = cls.__new__(cls)
        matrix._rows = rows
        matrix._shape = (len(rows), len(rows[0]))
        return matrix

    @classmethod
    def zeros(cls, rows: int, cols: int) -> "Matrix":
        """Return a (rows, cols) matrix of 0.0."""
        for name, n in (("rows", rows), ("cols", cols)):
            if isinstance(n, bool) or not isinstance(n, int):
                raise NotANumberError("%s must be an int, got %s" % (name, type(n).__name__))
            if n < 1:
                raise ShapeError("%s must be at least 1, got %d" % (name, n))
        return cls._wrap([[0.0] * cols for _ in range(rows)])

    @property
    def shape(self) -> "tuple[int, int]":
        """(rows, cols)."""
        return self._shape

    @property
    def T(self) -> "Matrix":
        """The transpose."""
        return transpose(self)

    def tolist(self) -> "list[list[float]]":
        """Return a new list of row lists (changing it leaves the matrix alone)."""
        return [list(row) for row in self._rows]

    def __len__(self) -> int:
        return self._shape[0]

    def __getitem__(self, i: int) -> "list[float]":
        return list(self._rows[i])

    def __iter__(self):
        return iter(self.tolist())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Matrix):
            return NotImplemented
        return self._rows == other._rows

    __hash__ = None  # equal matrices compare by value, so they cannot be dict keys

    def __repr__(self) -> str:
        return "Matrix(%r)" % (self._rows,)

    def __matmul__(self, other: "Matrix") -> "Matrix":
        if not isinstance(other, Matrix):
            return NotImplemented
        return matmul(self, other)

    def __add__(self, other):
        return _dispatch(self, other, add, "+")

    def __radd__(self, other):
        return _dispatch(self, other, add, "+")

    def __sub__(self, other):
        return _dispatch(self, other, subtract, "-")

    def __rsub__(self, other):
        s = check_real(other, "scalar operand of -")
        return subtract(Matrix._wrap([[s] * self._shape[1]]), self)

    def __mul__(self, other):
        return _dispatch(self, other, multiply, "*")

    def __rmul__(self, other):
        return _dispatch(self, other, multiply, "*")

    def __truediv__(self, other):
        if isinstance(other, Matrix):
            return NotImplemented
        divisor = check_real(other, "divisor")
        if divisor == 0.0:
            raise ValueError("cannot divide a Matrix by zero")
        return _checked([[v / divisor for v in row] for row in self._rows], "/")

    def sum(self, axis: "int | None" = None):
        """Return the sum of all entries (a float), or of each column (axis=0, a (1, cols) row)
        or each row (axis=1, a (rows, 1) column), accumulated in index order from 0.0."""
        if axis is None:
            total = 0.0
            for row in self._rows:
                for v in row:
                    total += v
            if not math.isfinite(total):
                raise NonFiniteError("sum: the total is %r (the entries are too large)" % total)
            return total
        if axis == 0:
            sums = [0.0] * self._shape[1]
            for row in self._rows:
                for j, v in enumerate(row):
                    sums[j] += v
            return _checked([sums], "sum(axis=0)")
        if axis == 1:
            out = []
            for row in self._rows:
                total = 0.0
                for v in row:
                    total += v
                out.append([total])
            return _checked(out, "sum(axis=1)")
        raise ValueError("axis must be None, 0 or 1, got %r" % (axis,))

    def mean(self) -> float:
        """Return sum() / (rows * cols)."""
        return self.sum() / (self._shape[0] * self._shape[1])

    def map(self, f) -> "Matrix":
        """Return f applied to every entry; f must return a finite real number."""
        return Matrix._wrap(
            [[check_real(f(v), "map result [%d][%d]" % (i, j)) for j, v in enumerate(row)]
             for i, row in enumerate(self._rows)]
        )


def _dispatch(A: Matrix, other: object, op, symbol: str):
    """Run a Matrix-Matrix op, or the same op with a scalar on every entry."""
    if isinstance(other, Matrix):
        return op(A, other)
    s = check_real(other, "scalar operand of %s" % symbol)
    return op(A, Matrix._wrap([[s] * A._shape[1]]))


def matmul(A: Matrix, B: Matrix) -> Matrix:
    """Return the matrix product A @ B.

    C[i][j] = sum over k of A[i][k] * B[k][j], k ascending from 0.0;
    (m, n) @ (n, p) -> (m, p)

    >>> matmul(Matrix([[1.0, 2.0]]), Matrix([[3.0], [4.0]]))
    Matrix([[11.0]])
    """
    (m, n), (n2, p) = A.shape, B.shape
    if n != n2:
        raise ShapeError(
            "cannot multiply %r by %r: %d columns vs %d rows" % (A.shape, B.shape, n, n2)
        )
    a, b = A._rows, B._rows
    C = [[0.0] * p for _ in range(m)]
    for i in range(m):
        for j in range(p):
            acc = 0.0
            for k in range(n):
                acc += a[i][k] * b[k][j]
            C[i][j] = acc
    return _checked(C, "matmul")


def transpose(A: Matrix) -> Matrix:
    """Return A.T: T[j][i] = A[i][j]; (m, n) -> (n, m)."""
    rows, cols = A.shape
    return Matrix._wrap([[A._rows[i][j] for i in range(rows)] for j in range(cols)])


def _elementwise(A: Matrix, B: Matrix, f, name: str) -> Matrix:
    """Apply f pairwise over equal shapes, or pair a (1, n) row with every row."""
    (ma, na), (mb, nb) = A.shape, B.shape
    if na != nb or (ma != mb and ma != 1 and mb != 1):
        raise ShapeError(
            "cannot %s %r and %r: shapes must be equal, or one must be a (1, %d) row"
            % (name, A.shape, B.shape, na)
        )
    rows = max(ma, mb)
    C = []
    for i in range(rows):
        ra = A._rows[i if ma > 1 else 0]
        rb = B._rows[i if mb > 1 else 0]
        C.append([f(ra[j], rb[j]) for j in range(na)])
    return _checked(C, name)


def add(A: Matrix, B: Matrix) -> Matrix:
    """Return A + B entry by entry; (m, n) + (1, n) adds the row to every row (the bias add)."""
    return _elementwise(A, B, lambda x, y: x + y, "add")


def subtract(A: Matrix, B: Matrix) -> Matrix:
    """Return A - B entry by entry, with the same (1, n) row broadcast as ``add``."""
    return _elementwise(A, B, lambda x, y: x - y, "subtract")


def multiply(A: Matrix, B: Matrix) -> Matrix:
    """Return A * B entry by entry (Hadamard), with the same (1, n) row broadcast as ``add``."""
    return _elementwise(A, B, lambda x, y: x * y, "multiply")


def scale(A: Matrix, s: float) -> Matrix:
    """Return s * A."""
    return multiply(Matrix._wrap([[check_real(s, "s")] * A.shape[1]]), A)

"""``Matrix``: a (rows, cols) matrix of float64, its row view and its named operations.

``Matrix(rows)`` checks and copies what it is given, once; every operation
then trusts its operands (no copies, no rescans) and checks only what it makes.
Each operation is a named function (``matmul(A, B)``) and each operator a
one-line alias of one (``A @ B``), so a port without operator overloading
reads the same.

One rule for an operand, in every function and operator: a ``Matrix``; rows
of numbers (lists, tuples, a NumPy array), checked into a Matrix; or, where a
number makes sense (``+ - * /`` and ``**``), a real number. Anything else
raises ``NotANumberError`` naming the operand (A on the left, B on the right);
a number where only a matrix makes sense (``A @ 2``) raises ``BadArgumentError``.

Order of operations (a port must keep it to get the same bits):

- ``matmul``: C[i][j] = ((0.0 + A[i][0]*B[0][j]) + A[i][1]*B[1][j]) + ...,
  k ascending (``formulas.plain_dot``, computed by ``formulas.products``), one
  rounding per ``*`` and per ``+``;
- ``column_sum``: column j is 0.0 + A[0][j] + A[1][j] + ..., i ascending;
- ``total``: 0.0 + every entry, row by row, left to right; ``mean`` divides
  that by rows * cols.

The one broadcast is the seed's bias add: an (m, n) matrix with a (1, n) row,
the row paired with every row (``add``, ``subtract``, ``multiply``); a number
on either side is such a row. An entry that overflows to inf raises
``NonFiniteError`` naming the expression.
"""

import math

from . import checks, formulas
from .checks import MAX_ENTRIES
from .errors import BadArgumentError, BadIndexError, NonFiniteError, NotANumberError, ShapeError

__all__ = ["Matrix", "Row", "MAX_ENTRIES", "matmul", "transpose", "add", "subtract", "multiply", "divide",
           "power", "column_sum", "row_sum", "total", "mean", "apply", "entrywise"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Callable, Iterable, Iterator, List, Union

    Rows = List[List[float]]
    Operand = Union["Matrix", float]

# The four arithmetic operations as functions, so that map() applies one to a whole row
# in C: a row's list comprehension costs a call of its own, more than its few entries.
# x + y and operator.add(x, y) are the same IEEE operation, bit for bit.
def _plain_add(x: float, y: float) -> float:
    return x + y


def _plain_subtract(x: float, y: float) -> float:
    return x - y


def _plain_multiply(x: float, y: float) -> float:
    return x * y


def _plain_divide(x: float, y: float) -> float:
    return x / y


_plus: "Callable[[float, float], float]" = _plain_add
_minus: "Callable[[float, float], float]" = _plain_subtract
_times: "Callable[[float, float], float]" = _plain_multiply
_over: "Callable[[float, float], float]" = _plain_divide
try:  # the same operations in C, where the interpreter has them (MicroPython's unix port has not)
    import operator as _operator
    _plus, _minus, _times, _over = _operator.add, _operator.sub, _operator.mul, _operator.truediv
except ImportError:  # pragma: no cover - CPython and PyPy have operator
    pass

# A repr shows every entry up to this many, then only the corners, as NumPy's does
_REPR_ENTRIES = 1000
_REPR_EDGE = 3


class Matrix:
    """A (rows, cols) matrix of float64, stored as a list of row lists.

    ``Matrix(rows)`` checks and copies ``rows`` (lists, tuples, or anything
    with ``tolist()``, such as a NumPy array). ``check=False`` adopts rows the
    caller made itself and guarantees: lists of finite floats, all one length;
    tinynet's own operations use it. ``name`` is used in messages.

    >>> M = Matrix([[1, 2], [3, 4]])
    >>> M.shape, M[1][0], M[1, 0], M.T
    ((2, 2), 3.0, 3.0, Matrix([[1.0, 3.0], [2.0, 4.0]]))
    >>> M + Matrix([[10, 20]])  # the bias add: (2, 2) + (1, 2)
    Matrix([[11.0, 22.0], [13.0, 24.0]])

    NumPy's habits give NumPy's values, as copies, or one of tinynet's errors:

    >>> M[:, 0], M[1, :], M[0:1, 1:]
    ([1.0, 3.0], [3.0, 4.0], Matrix([[2.0]]))
    >>> -M, abs(-M) == M, M ** 2
    (Matrix([[-1.0, -2.0], [-3.0, -4.0]]), True, Matrix([[1.0, 4.0], [9.0, 16.0]]))
    >>> M[1:, 2:]
    Traceback (most recent call last):
    tinynet.core.errors.ShapeError: Matrix[1:, 2:] is empty (0 columns); a Matrix needs at least one row and one column
    >>> M[2]
    Traceback (most recent call last):
    tinynet.core.errors.BadIndexError: Matrix row index 2 is out of range for 2 rows
    """

    __slots__ = ("_rows", "_shape", "name")
    __array_ufunc__ = None  # ndarray + Matrix: NumPy steps aside, so Matrix.__radd__ checks the array

    def __init__(self, rows: object, name: str = "Matrix", check: bool = True) -> None:
        if check:  # check=False: the caller guarantees list[list[float]] of finite floats, all one length
            rows = checks.rows(rows, name)
        self._rows = rows  # type: list[list[float]]  # type: ignore[assignment]
        self._shape = (len(rows), len(rows[0]))  # type: ignore[arg-type, index]
        self.name = name

    @classmethod
    def zeros(cls, rows: int, cols: int) -> "Matrix":
        """Return a (rows, cols) matrix of 0.0, refusing more than MAX_ENTRIES entries."""
        rows = checks.size(rows, "rows", MAX_ENTRIES)
        cols = checks.size(cols, "cols", MAX_ENTRIES)
        checks.entries(rows, cols, "zeros")
        return cls([[0.0] * cols for _ in range(rows)], "Matrix", False)

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

    def __iter__(self) -> "Iterator[Row]":
        return iter([Row(self, i) for i in range(self._shape[0])])

    def __getitem__(self, key: object) -> "Row | Matrix | float | list[float]":
        """M[i] is a ``Row`` view, M[i, j] an entry; slices (M[a:b], M[:, j], M[a:b, c:d]) are copies."""
        if isinstance(key, tuple):
            if len(key) != 2:
                raise BadArgumentError("%s[...] takes one index or two, got %d" % (self.name, len(key)))
            return _part(self, key[0], key[1])
        if isinstance(key, slice):
            return _part(self, key, slice(None))
        return Row(self, _index(key, self._shape[0], self.name + " row"))

    def __setitem__(self, key: object, value: object) -> None:
        """M[i, j] = v sets one entry, checked (M[i][j] = v does the same)."""
        if not isinstance(key, tuple) or len(key) != 2 or isinstance(key[0], slice) or isinstance(key[1], slice):
            raise BadArgumentError("set one entry at a time: %s[i][j] = value or %s[i, j] = value, got index %s"
                                   % (self.name, self.name, checks.describe(key)))
        i = _index(key[0], self._shape[0], self.name + " row")
        j = _index(key[1], self._shape[1], self.name + " column", "columns")
        self._rows[i][j] = checks.real(value, "%s[%d][%d]" % (self.name, i, j))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Matrix):
            return NotImplemented
        return self._rows == other._rows

    __hash__ = None  # type: ignore[assignment]  # equal matrices compare by value: not dict keys

    def __repr__(self) -> str:
        m, n = self._shape
        if m * n <= _REPR_ENTRIES:
            return "Matrix(%r)" % (self._rows,)
        rows = ["..." if i < 0 else "[%s]" % ", ".join("..." if j < 0 else repr(self._rows[i][j]) for j in _edges(n))
                for i in _edges(m)]
        return "Matrix([%s], shape=(%d, %d))" % (", ".join(rows), m, n)

    def sum(self, axis: object = None) -> "Matrix | float":
        """Return total(self) (axis=None), column_sum(self) (axis=0) or row_sum(self) (axis=1), as NumPy's."""
        if axis is None:
            return total(self)
        if type(axis) is not int:
            raise BadArgumentError("axis must be None, 0 or 1, got %s" % checks.describe(axis))
        if not -2 <= axis <= 1:
            raise BadIndexError("axis %s is out of range: a Matrix has two axes, 0 (down the rows) and 1 "
                                "(along each row)" % checks.shown(axis))
        return column_sum(self) if axis % 2 == 0 else row_sum(self)  # -2 is 0 and -1 is 1, as in NumPy

    def mean(self) -> float:
        """Return mean(self)."""
        return mean(self)

    def map(self, f: "Callable[[float], float]") -> "Matrix":
        """Return apply(self, f)."""
        return apply(self, f)

    # the operators, each one of the named functions
    def __matmul__(self, other: object) -> "Matrix":
        return matmul(self, other)

    def __rmatmul__(self, other: object) -> "Matrix":
        return matmul(other, self)

    def __add__(self, other: object) -> "Matrix":
        return add(self, other)

    def __radd__(self, other: object) -> "Matrix":
        return add(other, self)

    def __sub__(self, other: object) -> "Matrix":
        return subtract(self, other)

    def __rsub__(self, other: object) -> "Matrix":
        return subtract(other, self)

    def __mul__(self, other: object) -> "Matrix":
        return multiply(self, other)

    def __rmul__(self, other: object) -> "Matrix":
        return multiply(other, self)

    def __truediv__(self, other: object) -> "Matrix":
        return divide(self, other)

    def __rtruediv__(self, other: object) -> "Matrix":
        shown = repr(other) if checks.is_number(other) else checks.describe(other)
        raise BadArgumentError("%s / %s: a number divided by a Matrix is not defined here; "
                               "write %s.map(lambda v: %s / v)" % (shown, self.name, self.name, shown))

    def __pow__(self, other: object, modulo: object = None) -> "Matrix":
        if modulo is not None:
            raise BadArgumentError("pow(%s, p, %s): a Matrix has no modular power" % (self.name, checks.describe(modulo)))
        return power(self, other)

    def __rpow__(self, other: object) -> "Matrix":
        raise BadArgumentError("%s ** %s: a number raised to a Matrix is not defined here; write %s.map(lambda v: %s ** v)"
                               % (checks.describe(other), self.name, self.name, checks.describe(other)))

    def __neg__(self) -> "Matrix":
        return multiply(-1.0, self)

    def __pos__(self) -> "Matrix":
        return Matrix(self.tolist(), "Matrix", False)

    def __abs__(self) -> "Matrix":
        return Matrix([list(map(abs, row)) for row in self._rows], "Matrix", False)


class Row:
    """One row of a ``Matrix``, read and written through the matrix (like a NumPy row view).

    Writing an entry checks it: ``nn.W1[0][0] = 0.5`` changes the weight,
    ``nn.W1[0][0] = "x"`` raises ``NotANumberError`` naming ``W1[0][0]``.
    """

    __slots__ = ("matrix", "i")

    def __init__(self, matrix: Matrix, i: int) -> None:
        self.matrix = matrix
        self.i = i

    def __len__(self) -> int:
        return self.matrix.shape[1]

    def __getitem__(self, j: object) -> float:
        return self.matrix[self.i, j]  # type: ignore[return-value]  # an entry; a slice j gives a list of them

    def __setitem__(self, j: object, value: object) -> None:
        self.matrix[self.i, j] = value

    def __iter__(self) -> "Iterator[float]":
        return iter(self.tolist())

    def tolist(self) -> "list[float]":
        """Return the row as a new list."""
        return list(self.matrix._rows[self.i])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Row):
            other = other.tolist()
        return self.tolist() == other

    __hash__ = None  # type: ignore[assignment]  # rows compare by value: not dict keys

    def __repr__(self) -> str:
        return "Row(%r)" % (self.tolist(),)


# -- indexing ------------------------------------------------------------------------------

def _index(key: object, size: int, what: str, unit: str = "rows") -> int:
    """Return ``key`` as an index in [0, size) of ``size`` ``unit``; negative counts from the end, as in Python."""
    if type(key) is int:
        number = key
    elif isinstance(key, (bool, float)) or not hasattr(key, "__index__"):
        raise BadArgumentError("%s index must be an int, got %s" % (what, checks.describe(key)))
    else:
        number = int(key.__index__())  # a NumPy integer
    i = number + size if number < 0 else number
    if not 0 <= i < size:
        raise BadIndexError("%s index %s is out of range for %d %s" % (what, checks.shown(number), size, unit))
    return i


def _positions(key: object, size: int, what: str, unit: str) -> "list[int] | int":
    """Return the positions a slice selects, or one index."""
    if not isinstance(key, slice):
        return _index(key, size, what, unit)
    for part in (key.start, key.stop, key.step):
        if part is not None and (type(part) is not int):
            raise BadArgumentError("%s slice %s must have int bounds and step, got %s"
                                   % (what, _shown_slice(key), checks.describe(part)))
    if key.step == 0:
        raise BadArgumentError("%s slice %s has a step of 0; a step must be a nonzero int" % (what, _shown_slice(key)))
    return list(range(size))[key]


def _part(M: Matrix, row_key: object, col_key: object) -> "Matrix | list[float] | float":
    """Return M[row_key, col_key] as NumPy gives it: an entry, a list of values, or a Matrix copy."""
    rows = _positions(row_key, M.shape[0], M.name + " row", "rows")
    cols = _positions(col_key, M.shape[1], M.name + " column", "columns")
    if isinstance(rows, int) and isinstance(cols, int):
        return M._rows[rows][cols]
    if isinstance(rows, int):
        return [M._rows[rows][j] for j in cols]  # type: ignore[union-attr]
    if isinstance(cols, int):
        return [M._rows[i][cols] for i in rows]
    if not rows or not cols:
        raise ShapeError("%s[%s, %s] is empty (%d %s); a Matrix needs at least one row and one column"
                         % (M.name, _shown_slice(row_key), _shown_slice(col_key), 0,
                            "rows" if not rows else "columns"))
    return Matrix([[M._rows[i][j] for j in cols] for i in rows], "Matrix", False)


def _shown_slice(key: object) -> str:
    if not isinstance(key, slice):
        return repr(key)
    text = "%s:%s" % ("" if key.start is None else key.start, "" if key.stop is None else key.stop)
    return text if key.step is None else "%s:%s" % (text, key.step)


def _edges(count: int) -> "list[int]":
    """Return the indexes a large repr shows: the first and last _REPR_EDGE, with -1 where "..." stands."""
    if count <= 2 * _REPR_EDGE:
        return list(range(count))
    return list(range(_REPR_EDGE)) + [-1] + list(range(count - _REPR_EDGE, count))


# -- operands and results ---------------------------------------------------------------------

def _matrix(value: object, name: str, operation: str) -> Matrix:
    """Return ``value`` as a Matrix: itself, or rows of numbers checked into one; raise naming it otherwise."""
    if isinstance(value, Matrix):
        return value
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return Matrix(value, name)
    raise BadArgumentError("%s: %s must be a Matrix or rows of numbers, got %s"
                           % (operation, name, checks.describe(value)))


def _operand(value: object, name: str, operation: str) -> "Operand":
    """Return ``value`` as a Matrix, or as a float if it is a real number (the one rule for an operand)."""
    if type(value) is float and value - value == 0.0:  # a finite float (a learning rate): no call needed
        return value
    if type(value) is int and -2**53 <= value <= 2**53:  # a small int (m): exactly a float, no call needed
        return float(value)
    if isinstance(value, Matrix):
        return value
    if checks.is_number(value):
        return checks.real(value, "%s: %s" % (operation, name))
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return Matrix(value, name)
    raise NotANumberError("%s: %s must be a number, a Matrix or rows of numbers, got %s"
                          % (operation, name, checks.describe(value)))


def _checked(rows: "Rows", A: object, symbol: str, B: object) -> Matrix:
    """Adopt the fresh ``rows`` of the result of A ``symbol`` B; raise NonFiniteError naming it if an entry is not finite."""
    if not checks.sums_finite(rows):  # only then is each entry looked at (finite ones may overflow together)
        _find_non_finite(rows, _expression(A, symbol, B))
    return Matrix(rows, "Matrix", False)


def _find_non_finite(rows: "Rows", expression: str) -> None:
    """Raise NonFiniteError at the first entry of ``rows`` that is not finite (a sum may overflow alone)."""
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if not math.isfinite(v):
                raise NonFiniteError("%s is not finite: entry [%d][%d] is %r (the operands are too large)"
                                     % (expression, i, j, v))


def _row_pairs(A: "Operand", B: "Operand", operation: str) -> "Iterable[tuple[list[float], list[float]]]":
    """Return the pairs of rows an elementwise operation combines: equal shapes, or a (1, n) row (or number) with every row."""
    if not isinstance(A, Matrix):  # a number: a row of it, as wide as B (B is a Matrix, or both are numbers)
        if not isinstance(B, Matrix):
            raise BadArgumentError("%s takes at least one Matrix, got two numbers" % operation)
        return [([A] * B._shape[1], row) for row in B._rows]
    if not isinstance(B, Matrix):
        row = [B] * A._shape[1]
        return [(a, row) for a in A._rows]
    (ma, na), (mb, nb) = A._shape, B._shape
    if na == nb and ma == mb:
        return zip(A._rows, B._rows)
    if na == nb and mb == 1:
        b = B._rows[0]
        return [(a, b) for a in A._rows]
    if na == nb and ma == 1:
        a = A._rows[0]
        return [(a, b) for b in B._rows]
    raise ShapeError("%s: A is (%d, %d) and B is (%d, %d); shapes must be equal, or one must be a (1, %d) row"
                     % (operation, ma, na, mb, nb, max(na, nb)))


def _expression(A: object, symbol: str, B: object) -> str:
    """Return "A @ B" with the operands' names (or numbers): made only when an error needs it."""
    if not symbol:
        return "%s(%s)" % (A, B.name if isinstance(B, Matrix) else B)
    return "%s %s %s" % (A.name if isinstance(A, Matrix) else repr(A), symbol,
                         B.name if isinstance(B, Matrix) else repr(B))


# -- the named operations --------------------------------------------------------------------

def matmul(A: object, B: object) -> Matrix:
    """Return the matrix product A @ B.

    C[i][j] = sum over k of A[i][k] * B[k][j], k ascending from 0.0 (``formulas.products``);
    (m, n) @ (n, p) -> (m, p)

    >>> matmul(Matrix([[1.0, 2.0]]), Matrix([[3.0], [4.0]]))
    Matrix([[11.0]])
    """
    for value, name in ((A, "A"), (B, "B")):
        if not isinstance(value, Matrix) and checks.is_number(value):
            raise BadArgumentError("matmul: %s is %s, but @ takes two matrices; to scale by a number, use *"
                                   % (name, checks.describe(value)))
    L, R = _matrix(A, "A", "matmul"), _matrix(B, "B", "matmul")
    (m, n), (n2, p) = L._shape, R._shape
    if n != n2:
        raise ShapeError("matmul: A is (%d, %d) and B is (%d, %d); A's columns must equal B's rows (%d != %d)"
                         % (m, n, n2, p, n, n2))
    checks.entries(m, p, "matmul's result")
    columns = list(zip(*R._rows))  # B's columns, each a tuple of B[k][j], k ascending
    return _checked(formulas.products(L._rows, columns), L, "@", R)


def transpose(A: object) -> Matrix:
    """Return A.T: T[j][i] = A[i][j]; (m, n) -> (n, m)."""
    A = _matrix(A, "A", "transpose")
    return Matrix([list(column) for column in zip(*A._rows)], "Matrix", False)


def add(A: object, B: object) -> Matrix:
    """Return A + B entry by entry; (m, n) + (1, n) adds the row to every row (the bias add)."""
    L, R = _operand(A, "A", "add"), _operand(B, "B", "add")
    pairs = _row_pairs(L, R, "add")
    return _checked([list(map(_plus, a, b)) for a, b in pairs], L, "+", R)  # a[j] + b[j] for each j


def subtract(A: object, B: object) -> Matrix:
    """Return A - B entry by entry, with the same (1, n) row broadcast as ``add``."""
    L, R = _operand(A, "A", "subtract"), _operand(B, "B", "subtract")
    pairs = _row_pairs(L, R, "subtract")
    return _checked([list(map(_minus, a, b)) for a, b in pairs], L, "-", R)  # a[j] - b[j] for each j


def multiply(A: object, B: object) -> Matrix:
    """Return A * B entry by entry (Hadamard), with the same (1, n) row broadcast as ``add``."""
    L, R = _operand(A, "A", "multiply"), _operand(B, "B", "multiply")
    pairs = _row_pairs(L, R, "multiply")
    rows = [list(map(_times, a, b)) for a, b in pairs]  # a[j] * b[j] for each j
    if (type(L) is float and abs(L) <= 1.0) or (type(R) is float and abs(R) <= 1.0):
        return Matrix(rows, "Matrix", False)  # finite numbers times |s| <= 1 cannot overflow: nothing to check
    return _checked(rows, L, "*", R)


def divide(A: object, s: object) -> Matrix:
    """Return A / s: each entry A[i][j] / s; s must be a nonzero finite number."""
    L = _matrix(A, "A", "divide")
    divisor = _operand(s, "the divisor", "divide")
    if isinstance(divisor, Matrix):
        raise BadArgumentError("divide: the divisor must be a number, got a Matrix %r; "
                               "to divide entry by entry, use A * B.map(lambda v: 1 / v)" % (divisor.shape,))
    if divisor == 0.0:
        raise NonFiniteError("divide: %s / 0 would make every entry infinite or nan; the divisor must be nonzero"
                             % L.name)
    divisors = [divisor] * L._shape[1]
    rows = [list(map(_over, row, divisors)) for row in L._rows]  # row[j] / divisor for each j
    if abs(divisor) >= 1.0:
        return Matrix(rows, "Matrix", False)  # finite numbers over |s| >= 1 cannot overflow: nothing to check
    return _checked(rows, L, "/", divisor)


def power(A: object, p: object) -> Matrix:
    """Return A ** p: each entry raised to the number p (``math.pow``).

    >>> power(Matrix([[2.0, 3.0]]), 2)
    Matrix([[4.0, 9.0]])
    """
    L = _matrix(A, "A", "power")
    exponent = _operand(p, "the exponent", "power")
    if isinstance(exponent, Matrix):
        raise BadArgumentError("power: the exponent must be a number, got a Matrix %r" % (exponent.shape,))
    out = []
    for i, row in enumerate(L._rows):
        try:
            out.append([math.pow(v, exponent) for v in row])
        except (ValueError, OverflowError, ZeroDivisionError):
            _raise_power(L, row, i, exponent)
    return _checked(out, L, "**", exponent)


def _raise_power(A: Matrix, row: "list[float]", i: int, p: float) -> None:
    for j, v in enumerate(row):
        try:
            math.pow(v, p)
        except (ValueError, OverflowError, ZeroDivisionError):
            raise NonFiniteError("power: %s[%d][%d] ** %r is not a finite real number (%r ** %r)"
                                 % (A.name, i, j, p, v, p)) from None


def column_sum(A: object) -> Matrix:
    """Return the (1, cols) row of column sums: s[0][j] = 0.0 + A[0][j] + A[1][j] + ..."""
    A = _matrix(A, "A", "column_sum")
    add_up = formulas.sum_left
    return _checked([[add_up(column, 0.0) for column in zip(*A._rows)]], "column_sum", "", A)


def row_sum(A: object) -> Matrix:
    """Return the (rows, 1) column of row sums: s[i][0] = 0.0 + A[i][0] + A[i][1] + ..."""
    A = _matrix(A, "A", "row_sum")
    add_up = formulas.sum_left
    return _checked([[add_up(row, 0.0)] for row in A._rows], "row_sum", "", A)


def total(A: object) -> float:
    """Return 0.0 + every entry of A, row by row, left to right (one running sum, not a sum of row sums)."""
    A = _matrix(A, "A", "total")
    acc = 0.0
    for row in A._rows:
        acc = formulas.sum_left(row, acc)
    if acc - acc != 0.0:
        raise NonFiniteError("the sum of %s's entries is %r (the entries are too large)" % (A.name, acc))
    return acc


def mean(A: object) -> float:
    """Return total(A) / (rows * cols)."""
    A = _matrix(A, "A", "mean")
    return total(A) / (A._shape[0] * A._shape[1])


def apply(A: object, f: "Callable[[float], float]") -> Matrix:
    """Return f(A[i][j]) for every entry; f must return a finite real number (checked, unless f is a formula).

    >>> apply(Matrix([[0.0, 2.0]]), abs)
    Matrix([[0.0, 2.0]])
    """
    A = _matrix(A, "A", "apply")
    _callable(f, "map")
    try:
        out = [list(map(f, row)) for row in A._rows]
    except OverflowError as exc:
        raise NonFiniteError("map: f overflowed on an entry of %s (%s)" % (A.name, exc)) from None
    return _results(out, f, A.name)


def entrywise(f: "Callable[..., float]", A: Matrix, B: Matrix, C: "Matrix | None" = None) -> Matrix:
    """Return f(A[i][j], B[i][j]) (or f(A[i][j], B[i][j], C[i][j])) for every entry of same-shape matrices.

    The losses apply their formulas (formulas.py) through this.

    >>> entrywise(lambda a, t: a - t, Matrix([[1.0, 2.0]]), Matrix([[0.5, 0.5]]))
    Matrix([[0.5, 1.5]])
    """
    _callable(f, "entrywise")
    for name, M in (("A", A), ("B", B), ("C", A if C is None else C)):
        if not isinstance(M, Matrix):
            raise BadArgumentError("entrywise: %s must be a Matrix, got %s" % (name, checks.describe(M)))
        if M._shape != A._shape:
            raise ShapeError("entrywise: A is %r but %s is %r; they must be the same shape" % (A._shape, name, M._shape))
    if C is None:
        out = [list(map(f, ra, rb)) for ra, rb in zip(A._rows, B._rows)]
    else:
        out = [list(map(f, ra, rb, rc)) for ra, rb, rc in zip(A._rows, B._rows, C._rows)]
    return _results(out, f, A.name)


def _callable(f: object, operation: str) -> None:
    if not callable(f):
        raise BadArgumentError("%s: f must be callable, got %s" % (operation, checks.describe(f)))


def _results(out: "Rows", f: object, name: str) -> Matrix:
    """Adopt f's results, checked as much as f needs: a user's f may return anything."""
    # identity, never ==: a callable with an __eq__ of its own must not pass for a formula
    if f is formulas.sigmoid or f is formulas.sigmoid_derivative or f is formulas.sigmoid_slope:
        return Matrix(out, "Matrix", False)  # finite floats for every finite argument: nothing to check
    if f is formulas.squared_error or f is formulas.cross_entropy_term or f is formulas.cross_entropy_delta:
        return _checked(out, getattr(f, "__name__", "f"), "", name)  # floats, finite unless the arguments are too large
    for i, row in enumerate(out):
        for j, v in enumerate(row):
            if type(v) is not float or v - v != 0.0:
                row[j] = checks.real(v, "the result of f at %s[%d][%d]" % (name, i, j))
    return Matrix(out, "Matrix", False)

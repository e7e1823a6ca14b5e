"""``Matrix``: a (rows, cols) matrix of float64, stored as a list of row lists.

``Matrix(rows)`` checks and copies what it is given; every operation is a
named function of ops.py (``matmul(A, B)``), and each operator here is a
one-line alias of one (``A @ B``), so a port without operator overloading
reads the same. ``M[i]`` is a ``Row`` view (row.py) that writes through,
checked; slices and ``tolist`` are copies.
"""

from . import checks
from .ops import (
    MAX_ENTRIES,
    add,
    apply,
    check_entries,
    column_sum,
    divide,
    matmul,
    mean,
    multiply,
    row_sum,
    subtract,
    total,
    transpose,
)
from .row import Row

__all__ = ["Matrix", "Row", "MAX_ENTRIES", "matmul", "transpose", "add", "subtract", "multiply",
           "divide", "column_sum", "row_sum", "total", "mean", "apply"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for mypy only: never imported when the code runs (the core imports only math)
    from typing import Callable, Iterator


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
        check_entries(rows, cols, "zeros")
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
    def __matmul__(self, other: object) -> "Matrix":
        return matmul(self, _operand(other))

    def __add__(self, other: object) -> "Matrix":
        return add(self, _operand(other))

    def __radd__(self, other: object) -> "Matrix":
        return add(_operand(other), self)

    def __sub__(self, other: object) -> "Matrix":
        return subtract(self, _operand(other))

    def __rsub__(self, other: object) -> "Matrix":
        return subtract(_operand(other), self)

    def __mul__(self, other: object) -> "Matrix":
        return multiply(self, _operand(other))

    def __rmul__(self, other: object) -> "Matrix":
        return multiply(_operand(other), self)

    def __truediv__(self, other: float) -> "Matrix":
        return divide(self, other)


def _operand(value: object) -> object:
    """Return a number or a Matrix as it is; check anything else into a Matrix (rows of numbers)."""
    # a NumPy scalar has __float__ but no __len__; a NumPy array has both, and is rows
    if isinstance(value, (Matrix, int, float)) or (hasattr(value, "__float__") and not hasattr(value, "__len__")):
        return value
    return Matrix(value, "B")

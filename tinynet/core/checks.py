"""Input checking at the public boundary: numbers, integers and rows of user data.

Every public entry point (``Matrix(...)``, ``NeuralNetwork(...)``, ``forward``,
``train``, ``load``...) turns what the user passed into plain Python values
here, once. Everything inside then trusts them: the matrix operations never
check their operands' entries again.

Values are copied to plain ``list``, ``int`` and ``float`` before they are
checked, so an object whose methods lie (a list subclass whose ``__iter__``
disagrees with its ``__len__``) cannot pass one check and fail another.
"""

import math

from .errors import BadSizeError, NonFiniteError, NotANumberError, ShapeError

__all__ = ["MAX_ENTRIES", "shown", "describe", "is_number", "real", "integer", "size", "entries", "rows",
           "sums_finite"]

# A float in a list costs about 32 bytes: 10 million entries is about 320 MB,
# beyond which a size is far more likely a mistake than a plan. Every matrix
# obeys it, checked before anything is copied.
MAX_ENTRIES = 10000000

# Integers beyond this are described by their size, never printed: printing a
# 5000-digit int is slow, long, and fails on CPython over 4300 digits.
_SHOWN_INT = 2**64


def shown(number: int) -> str:
    """Return an int as digits, or, beyond 2**64, as a short phrase (the same on every interpreter).

    >>> shown(-1), shown(10**5000)
    ('-1', 'an int beyond 2**64')
    """
    if -_SHOWN_INT <= number <= _SHOWN_INT:
        return "%d" % number
    return "an int beyond %s2**64" % ("-" if number < 0 else "")


def describe(value: object) -> str:
    """Return the type and a short repr of ``value``, safe for any value.

    Containers show only their type (the repr of a deeply nested list would
    recurse without end), huge ints only that they are huge.

    >>> describe("abc"), describe([1]), describe(10**100)
    ("str 'abc'", 'list', 'int beyond 2**64')
    """
    kind = type(value).__name__
    if isinstance(value, int) and not isinstance(value, bool):
        number = int(value)
        if -_SHOWN_INT <= number <= _SHOWN_INT:
            return "%s %d" % (kind, number)
        return "%s beyond %s2**64" % (kind, "-" if number < 0 else "")  # no digits: see shown
    if value is None or isinstance(value, (bool, float, str, bytes)):
        text = repr(value)
        return "%s %s" % (kind, text if len(text) <= 40 else text[:37] + "...")
    return kind


def _is_bool(value: object) -> bool:
    # NumPy's bool scalar is not a Python bool, but is a bool all the same:
    # its type is named "bool_" (NumPy 1) or "bool" (NumPy 2)
    return isinstance(value, bool) or type(value).__name__ in ("bool", "bool_")


def is_number(value: object) -> bool:
    """Return True if ``value`` poses as one real number (int, float, a NumPy scalar, Fraction...), bools too.

    A number has ``__float__`` and no ``__len__`` (a NumPy array has both, and is
    rows); ``real`` then accepts it or refuses a bool by name.
    """
    if isinstance(value, (int, float)):
        return True
    return hasattr(value, "__float__") and not hasattr(value, "__len__")


def real(value: object, name: str) -> float:
    """Return ``value`` as a plain float; raise if it is not a finite real number.

    Accepts int, float and every other real number type (``Fraction``,
    ``Decimal``, NumPy's scalars), but not bool, str, bytes or None.

    >>> real(3, "x")
    3.0
    """
    if value is None or _is_bool(value) or isinstance(value, (str, bytes, bytearray)):
        raise NotANumberError("%s must be a real number, got %s" % (name, describe(value)))
    try:
        number = float(value)  # type: ignore[arg-type]  # any object with __float__; the rest fail below
    except OverflowError:
        raise NonFiniteError("%s is too large for a float64: %s" % (name, describe(value))) from None
    except (TypeError, ValueError, AttributeError):
        raise NotANumberError("%s must be a real number, got %s" % (name, describe(value))) from None
    if not math.isfinite(number):
        raise NonFiniteError("%s must be finite, got %r" % (name, number))
    return number


def integer(value: object, name: str) -> int:
    """Return ``value`` as a plain int; raise ``NotANumberError`` if it is not an integer.

    >>> integer(7, "epochs")
    7
    """
    if type(value) is int:
        return value  # MicroPython's int has no __index__ method
    if _is_bool(value) or not hasattr(value, "__index__") or isinstance(value, float):
        raise NotANumberError("%s must be an int, got %s" % (name, type(value).__name__))
    return int(value.__index__())


def size(value: object, name: str, limit: int) -> int:
    """Return ``value`` as a plain int in [1, limit]; raise naming ``name`` otherwise.

    >>> size(4, "hidden_size", 100)
    4
    """
    number = integer(value, name)
    if number < 1:
        raise BadSizeError("%s must be a positive int, got %s" % (name, shown(number)))
    if number > limit:
        raise BadSizeError("%s must be at most %d, got %s" % (name, limit, shown(number)))
    return number


def entries(rows: int, cols: int, what: str) -> None:
    """Raise ``BadSizeError`` if a (rows, cols) matrix would hold more than MAX_ENTRIES entries."""
    if rows * cols > MAX_ENTRIES:
        raise BadSizeError("%s would be (%d, %d): %d entries, over the limit of %d (MAX_ENTRIES)"
                           % (what, rows, cols, rows * cols, MAX_ENTRIES))


def _as_list(value: object, name: str) -> "list[object]":
    """Return a plain list copy of a list, tuple or array-like; raise naming ``name`` otherwise."""
    if hasattr(value, "tolist") and not isinstance(value, (list, tuple)):
        shape = getattr(value, "shape", None)  # a NumPy array or a Matrix: its size before its copy
        if isinstance(shape, tuple) and len(shape) == 2 and isinstance(shape[0], int) and isinstance(shape[1], int):
            entries(shape[0], shape[1], name)
        value = value.tolist()  # a fresh copy either way
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_ENTRIES:  # refused before any copy
            entries(len(value), 1, name)
        return list(value)
    if hasattr(value, "__next__"):
        raise NotANumberError(
            "%s is an iterator (%s); pass a list instead, e.g. list(...)" % (name, type(value).__name__)
        )
    raise NotANumberError("%s must be a list of rows (lists of numbers), got %s" % (name, describe(value)))


def sums_finite(rows: "list[list[float]]") -> bool:
    """Return True if the sum of every entry of the float ``rows`` is finite: then every entry is.

    One pass in C. Builtin sum() only tests finiteness here (its value is not
    used): inf and nan survive any order of addition, and x - x is 0.0 exactly
    for finite x. False does not prove an entry is not finite (finite entries
    may overflow together): a caller that gets False looks closer.
    """
    total = sum(map(sum, rows))
    return total - total == 0.0


def _plain_finite_floats(row: "list[object]") -> bool:
    """Return True if every entry of ``row`` is a plain, finite float (the common case, tested in C)."""
    return set(map(type, row)) == {float} and sums_finite([row])  # type: ignore[list-item]


def rows(value: object, name: str) -> "list[list[float]]":
    """Return a validated, private copy of ``value`` as a non-empty list of equal-length float rows.

    >>> rows([[1, 2], (3, 4)], "X")
    [[1.0, 2.0], [3.0, 4.0]]
    """
    outer = _as_list(value, name)
    if not outer:
        raise ShapeError("%s has no rows; a matrix needs at least one row" % name)
    result = []  # type: list[list[float]]
    for i, item in enumerate(outer):
        if isinstance(item, (int, float)) or (hasattr(item, "__float__") and not hasattr(item, "__len__")):
            raise NotANumberError(
                "%s row %d is a number, not a row: %s must be a list of rows; "
                "write [[0, 1]] for one example, not [0, 1]" % (name, i, name)
            )
        row = _as_list(item, "%s row %d" % (name, i))
        if not row:
            raise ShapeError("%s row %d is empty; a matrix needs at least one column" % (name, i))
        if not result:
            entries(len(outer), len(row), name)  # before any entry is converted
        if result and len(row) != len(result[0]):
            raise ShapeError(
                "%s row %d has %d entries but row 0 has %d (ragged rows)" % (name, i, len(row), len(result[0]))
            )
        if _plain_finite_floats(row):
            result.append(row)  # type: ignore[arg-type]  # a fresh list of finite floats: nothing to convert
        else:
            result.append([real(v, "%s[%d][%d]" % (name, i, j)) for j, v in enumerate(row)])
    return result

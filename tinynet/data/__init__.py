"""Numeric data from CSV files, and the Iris data set that ships with tinynet.

``read_csv`` reads a file of numbers separated by commas: lines starting with
``#`` are comments, blank lines are skipped, and the first other line is a
header of column names. Every problem raises ``DataFormatError`` naming the
file, the line and the column: a row with too many or too few values, a
missing value, a value that is not a number, ``nan`` or ``inf``.
"""

import csv
import math
import os

from ..core.errors import DataFormatError

__all__ = ["read_csv", "parse_csv", "iris", "IRIS_PATH", "IRIS_SPECIES", "XOR_X", "XOR_Y", "DataFormatError"]

# The seed tutorial's XOR problem: the output is 1 where the two inputs differ
XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]

IRIS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "iris.csv")
IRIS_SPECIES = ("setosa", "versicolor", "virginica")


def read_csv(path: str) -> "tuple[list[str], list[list[float]]]":
    """Return (column names, rows of floats) from a numeric CSV file.

    >>> names, rows = read_csv(IRIS_PATH)
    >>> names[:2], len(rows), rows[0]
    (['sepal_length', 'sepal_width'], 150, [5.1, 3.5, 1.4, 0.2, 0.0])
    """
    name = os.path.basename(os.fspath(path))
    with open(path, encoding="utf-8", newline="") as f:
        return parse_csv(f, name)


def parse_csv(lines, name: str = "data") -> "tuple[list[str], list[list[float]]]":
    """Return (column names, rows of floats) from an iterable of CSV text lines (see ``read_csv``)."""
    header = None
    rows = []
    try:
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = next(csv.reader([line]))
            if header is None:
                header = [field.strip() for field in fields]
                continue
            if len(fields) != len(header):
                raise DataFormatError(
                    "%s line %d: %d values, but the header has %d columns (ragged row)"
                    % (name, number, len(fields), len(header))
                )
            rows.append([_number(field, name, number, column, header) for column, field in enumerate(fields)])
    except UnicodeDecodeError as exc:
        raise DataFormatError("%s is not UTF-8 text: %s" % (name, exc)) from None
    except csv.Error as exc:
        raise DataFormatError("%s: %s" % (name, exc)) from None
    if header is None or not rows:
        raise DataFormatError("%s has no %s" % (name, "header" if header is None else "data rows"))
    return header, rows


def _number(field: str, name: str, line: int, column: int, header) -> float:
    text = field.strip()
    where = "%s line %d, column %d (%s)" % (name, line, column + 1, header[column])
    if not text:
        raise DataFormatError("%s: missing value" % where)
    try:
        value = float(text)
    except ValueError:
        raise DataFormatError("%s: %r is not a number" % (where, text)) from None
    if not math.isfinite(value):
        raise DataFormatError("%s: %r is not a finite number" % (where, text))
    return value


def iris() -> "tuple[list[list[float]], list[int]]":
    """Return the Iris measurements (150 rows of 4 floats) and species (0, 1, 2), in file order."""
    _, rows = read_csv(IRIS_PATH)
    return [row[:4] for row in rows], [int(row[4]) for row in rows]

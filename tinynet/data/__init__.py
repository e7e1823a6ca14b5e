"""Numeric data from CSV files, and the data sets that ship with tinynet: XOR, Fisher's Iris, two moons, two circles.

``read_csv`` and ``parse_csv`` (numeric_csv.py, where the format is written
out) read a header of column names and rows of decimal numbers separated by
commas; ``#`` lines are comments. Every problem raises ``DataFormatError``
naming the file, the line and the column: a row with too many or too few
values, a missing value, a value that is not a decimal number or not finite,
a quote, a header that is really data, a byte that is not UTF-8.
"""

import os

from ..core.errors import DataFormatError
from .numeric_csv import MAX_CSV_BYTES, MAX_LINE_LENGTH, parse_csv, read_csv
from .shapes import circles, moons

__all__ = ["read_csv", "parse_csv", "MAX_CSV_BYTES", "MAX_LINE_LENGTH", "iris", "IRIS_PATH", "IRIS_SPECIES",
           "XOR_X", "XOR_Y", "DataFormatError", "moons", "circles"]

# The seed tutorial's XOR problem: the output is 1 where the two inputs differ
XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]

IRIS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "iris.csv")
IRIS_SPECIES = ("setosa", "versicolor", "virginica")


def iris() -> "tuple[list[list[float]], list[int]]":
    """Return the Iris measurements (150 rows of 4 floats) and species (0, 1, 2), in file order.

    >>> X, species = iris()
    >>> len(X), X[0], species[0], species[-1]
    (150, [5.1, 3.5, 1.4, 0.2], 0, 2)
    """
    _, rows = read_csv(IRIS_PATH)
    return [row[:4] for row in rows], [int(row[4]) for row in rows]

"""Numeric CSV: column names, then rows of decimal numbers separated by commas.

The format (docs/SPEC.md):

- UTF-8 text; one leading byte-order mark (U+FEFF) is skipped; a byte that is
  not UTF-8 is an error naming the line number;
- lines end with ``\\n`` or ``\\r\\n``; a ``\\r`` anywhere else is part of
  the line, and an error on a line that holds one (or "no data rows" after
  one) says that the lines end in ``\\r`` alone; a line that is empty or only
  spaces/tabs is skipped; a line whose first non-space character is ``#`` is a
  comment and skipped (also right after a byte-order mark);
- the first other line is the header: comma-separated column names, each
  non-empty after stripping spaces; a header whose every field is a number is
  an error ("line N looks like data, not a header: the first line must name
  the columns");
- every later line is a data row with exactly as many comma-separated fields
  as the header; fields are stripped of spaces/tabs;
- a field must be a decimal number in ASCII: optional sign, digits with
  optional fraction, optional exponent, the regular expression
  ``[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?``; so ``1_000``,
  full-width or Arabic-Indic digits, ``nan``, ``inf`` and hex are rejected; an
  empty field is a missing-value error; a value that overflows to inf
  (``1e400``) is rejected as not finite;
- there is no quoting: a ``"`` anywhere (outside comments) is an error;
- every error is ``DataFormatError`` naming the file, the line number and the
  column (name and number) where relevant; a line longer than
  ``MAX_LINE_LENGTH`` characters is an error naming its line.

``read_csv`` also refuses what is not a regular file (a FIFO, a device) and a
file larger than ``max_bytes`` (``MAX_CSV_BYTES`` unless given). No ``csv``
module: MicroPython has none, and this format needs only ``split(",")``.
"""

import math
import os
import re

from ..core import checks
from ..core.errors import BadArgumentError, BadSizeError, DataFormatError, NotANumberError
from ..serialize import files

__all__ = ["read_csv", "parse_csv", "MAX_CSV_BYTES", "MAX_LINE_LENGTH"]

# A guard against reading what is not a data file (a disk image, a log that
# keeps growing), not a quota: MNIST's 60000 training images as CSV (110 MB)
# fit. Pass max_bytes to read_csv for more.
MAX_CSV_BYTES = 256 * 1024 * 1024
# Characters in one line, line end excluded: some 100000 columns of numbers.
MAX_LINE_LENGTH = 1000000
_NUMBER = re.compile(r"[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?")


def read_csv(path: "str | bytes | os.PathLike[str]", *,
             max_bytes: int = MAX_CSV_BYTES) -> "tuple[list[str], list[list[float]]]":
    """Return (column names, rows of floats) from a numeric CSV file (the format: this module's docstring).

    Messages name the file by its base name.
    """
    path = files.checked_path(path)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise NotANumberError("max_bytes must be an int, got %s" % checks.describe(max_bytes))
    if max_bytes < 0:
        raise BadSizeError("max_bytes must be 0 or more, got %s" % checks.shown(max_bytes))
    name = os.path.basename(path)
    with files.open_regular(path, "read_csv reads") as f:
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            raise DataFormatError("%s is %d bytes, more than max_bytes = %d (MAX_CSV_BYTES is the default)"
                                  % (name, size, max_bytes))
        return parse_csv(_bounded_lines(f, name, max_bytes), name)


def _bounded_lines(f, name: str, max_bytes: int):  # type: ignore[no-untyped-def]
    """Yield the file's lines as bytes, never reading a line or a file beyond the limits."""
    longest = 4 * MAX_LINE_LENGTH + 2  # bytes: a UTF-8 character takes at most 4, and "\r\n" 2
    total = number = 0
    while True:
        line = f.readline(longest + 1)
        if not line:
            return
        total, number = total + len(line), number + 1
        if total > max_bytes:  # the file grew while it was read
            raise DataFormatError("%s is more than max_bytes = %d bytes" % (name, max_bytes))
        if len(line) > longest:
            if b"\r" in line:  # the whole of a file whose lines end in \r alone is one line to readline
                raise DataFormatError(_lone_return(name, number))
            raise DataFormatError("%s line %d is longer than %d characters (MAX_LINE_LENGTH)"
                                  % (name, number, MAX_LINE_LENGTH))
        yield line


def parse_csv(lines, name: str = "data") -> "tuple[list[str], list[list[float]]]":  # type: ignore[no-untyped-def]
    """Return (column names, rows of floats) from an iterable of lines, str or UTF-8 bytes (see ``read_csv``).

    ``name`` names the data in messages.

    >>> parse_csv(["# speeds", "t, v", "0, 1.5", "1, -2e-3"])
    (['t', 'v'], [[0.0, 1.5], [1.0, -0.002]])
    """
    if isinstance(lines, (str, bytes, bytearray)):
        raise BadArgumentError("lines must be an iterable of lines, not one %s; split it first, e.g. "
                               "text.split('\\n')" % type(lines).__name__)
    header = None  # type: list[str] | None
    rows = []
    returns = 0  # the first line holding a \r that ends no \r\n: the likely cause of what goes wrong
    for number, line in enumerate(lines, start=1):
        text = _text(line, name, number)
        returns = returns or (number if "\r" in text else 0)
        stripped = text.strip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        try:
            fields = text.split(",")
            if '"' in text:
                _quote(fields, header, name, number)
            if header is None:
                header = _header(fields, name, number)
            else:
                rows.append(_row(fields, header, name, number))
        except DataFormatError:
            if "\r" in text:
                raise DataFormatError(_lone_return(name, number)) from None
            raise
    if header is None or not rows:
        if returns:  # a file whose lines end in \r alone reads as one line: "no data rows" would puzzle
            raise DataFormatError(_lone_return(name, returns))
        raise DataFormatError("%s has no %s" % (name, "header" if header is None else "data rows"))
    return header, rows


def _text(line: object, name: str, number: int) -> str:
    """Return one line as text, without its line end (and, on line 1, without a byte-order mark)."""
    if isinstance(line, (bytes, bytearray)):
        try:
            line = bytes(line).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataFormatError("%s line %d is not UTF-8 text: byte 0x%02x at byte %d of the line"
                                  % (name, number, exc.object[exc.start], exc.start + 1)) from None
    if not isinstance(line, str):
        raise BadArgumentError("%s line %d must be a str (or bytes), got %s" % (name, number, type(line).__name__))
    if line.endswith("\n"):
        line = line[:-2] if line.endswith("\r\n") else line[:-1]
    if number == 1 and line.startswith("\ufeff"):
        line = line[1:]
    if len(line) > MAX_LINE_LENGTH:
        raise DataFormatError("%s line %d is longer than %d characters (MAX_LINE_LENGTH)"
                              % (name, number, MAX_LINE_LENGTH))
    return line


def _lone_return(name: str, number: int) -> str:
    return ("%s line %d has a \\r without a \\n after it: its lines end in \\r alone (as on classic Mac OS); "
            "this format needs lines that end in \\n (or \\r\\n)" % (name, number))


def _where(name: str, number: int, column: int, header: "list[str] | None") -> str:
    named = "" if header is None else " (%s)" % header[column]
    return "%s line %d, column %d%s" % (name, number, column + 1, named)


def _quote(fields: "list[str]", header: "list[str] | None", name: str, number: int) -> None:
    column = next(j for j, field in enumerate(fields) if '"' in field)
    if header is not None and len(fields) != len(header):
        header = None  # a ragged row: its columns do not line up with the names
    raise DataFormatError('%s: a quote (") is not allowed: this CSV format has no quoting'
                          % _where(name, number, column, header))


def _is_number(text: str) -> bool:
    match = _NUMBER.match(text)
    return match is not None and match.end() == len(text)


def _header(fields: "list[str]", name: str, number: int) -> "list[str]":
    names = [field.strip(" \t") for field in fields]
    if all(_is_number(text) for text in names):
        raise DataFormatError("%s line %d looks like data, not a header: the first line must name the columns"
                              % (name, number))
    for column, text in enumerate(names):
        if not text:
            raise DataFormatError("%s: the column name is empty; every column of the header needs a name"
                                  % _where(name, number, column, None))
    return names


def _row(fields: "list[str]", header: "list[str]", name: str, number: int) -> "list[float]":
    if len(fields) != len(header):
        raise DataFormatError("%s line %d: %d values, but the header has %d columns (ragged row)"
                              % (name, number, len(fields), len(header)))
    row = []
    for column, field in enumerate(fields):
        text = field.strip(" \t")
        value = float(text) if _is_number(text) else math.nan
        if not math.isfinite(value):  # say what is wrong only once something is
            raise DataFormatError("%s: %s" % (_where(name, number, column, header), _fault(text)))
        row.append(value)
    return row


def _fault(text: str) -> str:
    if not text:
        return "missing value"
    shown = repr(text) if len(text) <= 40 else repr(text[:37]) + "..."
    if not _is_number(text):
        return "%s is not a number (decimal digits, with an optional sign, point and exponent)" % shown
    return "%s is not a finite number (it overflows a float64)" % shown

"""The closed set of errors tinynet raises for bad input.

Each class is one error kind of the spec (docs/SPEC.md, "Errors"); all are
``ValueError`` or ``TypeError`` subclasses, so ``except ValueError`` still works.

=======================  ===================  =====================================
class                    base                 spec kind: raised when
=======================  ===================  =====================================
ShapeError               ValueError           ShapeMismatch: shapes do not fit
NonFiniteError           ValueError           NonFinite: nan or inf, given or made
NotANumberError          TypeError            NotANumber: bool, str, None, list...
BadSizeError             ValueError           BadSize: a size is not an int >= 1
BadHyperparameterError   ValueError           BadHyperparameter: learning_rate,
                                              epochs, seed, loss out of range
ModelFormatError         ValueError           ModelFormat: a saved model is invalid
DataFormatError          ValueError           DataFormat: a CSV data file is invalid
BadArgumentError         TypeError            BadArgument: an argument of the wrong
                                              kind (not callable, not a path, not
                                              an operand, an index that is no int)
BadIndexError            IndexError           BadIndex: an index or axis out of
                                              range
=======================  ===================  =====================================

Each class has one builtin base: MicroPython cannot derive a class from two
builtin exceptions, and the core runs there unchanged.
"""

__all__ = [
    "ShapeError",
    "NonFiniteError",
    "NotANumberError",
    "BadSizeError",
    "BadHyperparameterError",
    "ModelFormatError",
    "DataFormatError",
    "BadArgumentError",
    "BadIndexError",
]


class ShapeError(ValueError):
    """Shapes that do not fit: ragged rows, empty matrices, mismatched operands."""

    kind = "ShapeMismatch"


class NonFiniteError(ValueError):
    """A nan or an infinity, given as input or produced by an overflow."""

    kind = "NonFinite"


class NotANumberError(TypeError):
    """A value that is not a real number: bool, str, None, a nested list..."""

    kind = "NotANumber"


class BadSizeError(ValueError):
    """A layer size or matrix dimension that is not a positive int."""

    kind = "BadSize"


class BadHyperparameterError(ValueError):
    """A learning rate, epoch count, seed or loss name out of its range."""

    kind = "BadHyperparameter"


class ModelFormatError(ValueError):
    """A saved model document that does not follow the format."""

    kind = "ModelFormat"


class DataFormatError(ValueError):
    """A numeric CSV file with a ragged row, a missing value or a value that is not a number."""

    kind = "DataFormat"


class BadArgumentError(TypeError):
    """An argument of the wrong kind: a callback or function that is not callable, a path that is
    not a path, an operand that is neither a number nor a matrix, an index that is not an int."""

    kind = "BadArgument"


class BadIndexError(IndexError):
    """A row, column or axis index out of range."""

    kind = "BadIndex"

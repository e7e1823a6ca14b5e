"""``Row``: one row of a ``Matrix``, a view that reads and writes through it."""

__all__ = ["Row"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # for mypy only: never imported when the code runs (matrix.py imports this module)
    from typing import Iterator

    from .matrix import Matrix


class Row:
    """One row of a ``Matrix``, read and written through the matrix (like a NumPy row view).

    Writing an entry checks it: ``nn.W1[0][0] = 0.5`` changes the weight,
    ``nn.W1[0][0] = "x"`` raises ``NotANumberError`` naming ``W1[0][0]``.
    """

    def __init__(self, matrix: "Matrix", i: int) -> None:
        self.matrix = matrix
        self.i = i

    def __len__(self) -> int:
        return self.matrix.shape[1]

    def __getitem__(self, j: int) -> float:
        return self.matrix.entry(self.i, j)

    def __setitem__(self, j: int, value: float) -> None:
        self.matrix[self.i, j] = value

    def __iter__(self) -> "Iterator[float]":
        return iter(self.tolist())

    def tolist(self) -> "list[float]":
        """Return the row as a new list."""
        return [self.matrix.entry(self.i, j) for j in range(self.matrix.shape[1])]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Row):
            other = other.tolist()
        return self.tolist() == other

    __hash__ = None  # type: ignore[assignment]  # rows compare by value: not dict keys

    def __repr__(self) -> str:
        return "Row(%r)" % (self.tolist(),)

"""Matrix: algebra properties over drawn shapes, and every rejected input."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import finite, matmul_pairs, matrices, rows_of, sizes
from tinynet import (BadArgumentError, BadIndexError, BadSizeError, Matrix, NonFiniteError, NotANumberError,
                     ShapeError)
from tinynet.core.matrix import Row, add, matmul, multiply, subtract, transpose

# Products of entries in [-10, 10] summed over at most 5 terms: rounding error
# below 5 * 2**-52 * 500 * 3 ~ 2e-12; distributivity only holds up to that.
ALGEBRA_ATOL = 1e-9


def close(A, B, atol=ALGEBRA_ATOL):
    return A.shape == B.shape and all(
        abs(a - b) <= atol for ra, rb in zip(A, B) for a, b in zip(ra, rb)
    )


@given(matmul_pairs())
def test_transpose_of_product_is_product_of_transposes(pair):
    A, B = pair
    # exact: each entry is the same products summed in the same order
    assert (A @ B).T == B.T @ A.T


@given(matrices())
def test_transpose_twice_is_identity(A):
    assert A.T.T == A
    assert A.T.shape == (A.shape[1], A.shape[0])


@given(st.data())
def test_product_distributes_over_sum(data):
    m, n, p = data.draw(sizes), data.draw(sizes), data.draw(sizes)
    A, B = data.draw(matrices(m, n)), data.draw(matrices(m, n))
    C = data.draw(matrices(n, p))
    assert close((A + B) @ C, A @ C + B @ C)


@given(matmul_pairs())
def test_matmul_matches_the_definition(pair):
    A, B = pair
    C = matmul(A, B)
    m, n = A.shape
    p = B.shape[1]
    for i in range(m):
        for j in range(p):
            acc = 0.0
            for k in range(n):
                acc += A[i][k] * B[k][j]
            assert C[i][j] == acc


@given(st.data())
def test_row_broadcast_adds_the_row_to_every_row(data):
    m, n = data.draw(sizes), data.draw(sizes)
    Z, b = data.draw(matrices(m, n)), data.draw(matrices(1, n))
    for result, f in ((Z + b, lambda u, v: u + v), (Z - b, lambda u, v: u - v), (Z * b, lambda u, v: u * v)):
        assert result.shape == (m, n)
        assert all(result[i][j] == f(Z[i][j], b[0][j]) for i in range(m) for j in range(n))
    assert b + Z == Z + b


@given(st.data())
def test_elementwise_ops_pair_equal_shapes(data):
    m, n = data.draw(sizes), data.draw(sizes)
    A, B = data.draw(matrices(m, n)), data.draw(matrices(m, n))
    assert (A - B).tolist() == [[a - b for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]
    assert multiply(A, B) == A * B
    assert add(A, B) == A + B
    assert subtract(A, B) == A - B


@given(matrices(), finite)
def test_scalar_ops_work_on_either_side(A, s):
    assert (A * s).tolist() == [[v * s for v in row] for row in A]
    assert s * A == A * s
    assert (A + s).tolist() == [[v + s for v in row] for row in A]
    assert (s - A).tolist() == [[s - v for v in row] for row in A]
    assert (A / 4).tolist() == [[v / 4.0 for v in row] for row in A]


@given(matrices())
def test_sums_accumulate_left_to_right(A):
    m, n = A.shape
    cols = A.sum(axis=0)
    assert cols.shape == (1, n)
    for j in range(n):
        acc = 0.0
        for i in range(m):
            acc += A[i][j]
        assert cols[0][j] == acc
    acc = 0.0
    for row in A:
        for v in row:
            acc += v
    assert A.sum() == acc
    assert A.mean() == acc / (m * n)
    assert A.sum(axis=1).tolist() == [[r] for r in (sum_left(row) for row in A)]


def sum_left(row):
    acc = 0.0
    for v in row:
        acc += v
    return acc


@given(matrices())
def test_matrix_copies_and_never_shares_lists(A):
    rows = A.tolist()
    B = Matrix(rows)
    rows[0][0] = 1e9
    assert B == A
    B.tolist()[0][0] = 1e9
    B[0:1].tolist()[0][0] = 1e9
    B[0].tolist()[0] = 1e9
    assert B == A
    assert [list(r) for r in B] == A.tolist()
    B[0][0] = 1e9  # a row is a view: writing an entry writes the matrix, checked
    assert B[0, 0] == 1e9 and A[0, 0] != 1e9  # B was a copy: A is untouched
    assert len(B) == A.shape[0]


def test_ints_become_floats_and_zeros_has_its_shape():
    M = Matrix([[1, 2, 3]])
    assert all(type(v) is float for v in M[0])
    assert Matrix.zeros(2, 3).tolist() == [[0.0] * 3] * 2
    assert repr(Matrix([[1, 2]])) == "Matrix([[1.0, 2.0]])"
    assert Matrix([[1.0]]) != Matrix([[2.0]])
    assert (Matrix([[1.0]]) == [[1.0]]) is False


@given(matrices(), finite)
def test_map_applies_to_every_entry(A, s):
    assert A.map(lambda v: v + s).tolist() == [[v + s for v in row] for row in A]


# -- shape errors ------------------------------------------------------------


def test_matmul_names_both_shapes():
    with pytest.raises(ShapeError, match=r"matmul: A is \(4, 3\) and B is \(2, 4\); A's columns must equal B's rows \(3 != 2\)"):
        Matrix.zeros(4, 3) @ Matrix.zeros(2, 4)


@given(st.data())
def test_every_mismatched_shape_is_rejected(data):
    m, n = data.draw(sizes), data.draw(sizes)
    m2 = data.draw(sizes.filter(lambda k: k not in (m, 1)))
    A = data.draw(matrices(m, n))
    B = data.draw(matrices(m2, n))
    if m != 1:
        with pytest.raises(ShapeError, match="shapes must be equal, or one must be a"):
            A + B
    C = data.draw(matrices(m, n + 1))
    for op in (add, subtract, multiply):
        with pytest.raises(ShapeError, match=r"is \(%d, %d\) and B is \(%d, %d\)" % (m, n, m, n + 1)):
            op(A, C)
    with pytest.raises(ShapeError, match=r"A's columns must equal B's rows \(%d != %d\)" % (n, n + 1)):
        A @ data.draw(matrices(n + 1, 2))


@pytest.mark.parametrize(
    "rows, error, message",
    [
        ([], ShapeError, "no rows"),
        ([[]], ShapeError, "row 0 is empty"),
        ([[1.0, 2.0], [3.0]], ShapeError, "row 1 has 1 entries but row 0 has 2"),
        ([[1.0], [True]], NotANumberError, r"Matrix\[1\]\[0\] must be a real number.*bool"),
        ([[1.0, "2"]], NotANumberError, r"Matrix\[0\]\[1\] .*str '2'"),
        ([[None]], NotANumberError, r"Matrix\[0\]\[0\] .*NoneType"),
        ([[1.0, float("nan")]], NonFiniteError, r"Matrix\[0\]\[1\] must be finite, got nan"),
        ([[float("-inf")]], NonFiniteError, r"Matrix\[0\]\[0\] must be finite, got -inf"),
        ([[10**400]], NonFiniteError, "too large for a float64"),
        ("ab", NotANumberError, "must be a list of rows"),
        ([1.0, 2.0], NotANumberError, r"row 0 is a number, not a row: .* write \[\[0, 1\]\] for one example"),
        ([[[1.0]]], NotANumberError, r"Matrix\[0\]\[0\] .*list"),
    ],
)
def test_bad_rows_are_rejected_by_name(rows, error, message):
    with pytest.raises(error, match=message):
        Matrix(rows)


def test_bad_scalars_and_sizes_are_rejected():
    A = Matrix([[1.0]])
    with pytest.raises(NotANumberError, match="bool"):
        A * True
    with pytest.raises(NotANumberError, match="str"):
        A + "1"
    with pytest.raises(NonFiniteError, match="nan"):
        A - float("nan")
    with pytest.raises(NonFiniteError, match="divide: Matrix / 0 would make every entry infinite or nan"):
        A / 0
    with pytest.raises(BadSizeError, match="rows must be a positive int, got 0"):
        Matrix.zeros(0, 2)
    with pytest.raises(BadSizeError, match=r"zeros would be \(100000, 100000\): 10000000000 entries, over the limit"):
        Matrix.zeros(10**5, 10**5)
    with pytest.raises(BadSizeError, match=r"rows must be at most 10000000, got an int beyond 2\*\*64"):
        Matrix.zeros(10**30, 1)
    with pytest.raises(NotANumberError, match="cols must be an int"):
        Matrix.zeros(1, 2.0)
    with pytest.raises(BadIndexError, match="axis 2 is out of range"):
        A.sum(axis=2)
    with pytest.raises(TypeError):
        A @ 2.0


def test_overflow_raises_instead_of_returning_inf_or_nan():
    big = Matrix([[1e308, 1e308]])
    with pytest.raises(NonFiniteError, match=r"Matrix @ Matrix is not finite: entry \[0\]\[0\] is inf"):
        big @ Matrix([[10.0], [1.0]])
    with pytest.raises(NonFiniteError, match="nan"):
        Matrix([[1e308, -1e308]]) @ Matrix([[10.0], [10.0]])
    with pytest.raises(NonFiniteError):
        big * 10
    with pytest.raises(NonFiniteError, match="sum"):
        big.sum()
    with pytest.raises(NonFiniteError, match=r"the result of f at Matrix\[0\]\[0\] must be finite, got inf"):
        big.map(lambda v: v * 10)


@given(rows_of(2, 3))
def test_transpose_function_matches_property(rows):
    assert transpose(Matrix(rows)) == Matrix(rows).T
    assert math.isfinite(Matrix(rows).mean())


# -- NumPy's habits give NumPy's values, as copies, or one of tinynet's errors ----------------


@given(st.data())
def test_slices_give_numpys_values_as_copies(data):
    m, n = data.draw(sizes), data.draw(sizes)
    M = data.draw(matrices(m, n))
    rows = M.tolist()
    j, i = data.draw(st.integers(-n, n - 1)), data.draw(st.integers(-m, m - 1))
    a, b = data.draw(st.integers(0, m)), data.draw(st.integers(0, m))
    c, d = data.draw(st.integers(0, n)), data.draw(st.integers(0, n))
    assert M[:, j] == [row[j] for row in rows]  # a column: NumPy's 1-D values
    assert M[i, :] == rows[i]
    block = [row[c:d] for row in rows[a:b]]
    if block and block[0]:
        assert M[a:b, c:d].tolist() == block
    else:
        with pytest.raises(ShapeError, match="is empty"):
            M[a:b, c:d]
    column = M[:, j]
    column[0] = "x"  # a copy: the matrix is untouched
    assert M.tolist() == rows


def test_bad_indexes_raise_tinynets_errors_naming_the_index():
    M = Matrix([[1.0, 2.0]])
    with pytest.raises(BadIndexError, match="Matrix row index 5 is out of range for 1 rows"):
        M[5]
    with pytest.raises(BadIndexError, match="Matrix column index 2 is out of range for 2 columns"):
        M[0, 2]
    with pytest.raises(BadArgumentError, match="Matrix row index must be an int, got str 'a'"):
        M["a"]
    with pytest.raises(BadArgumentError, match="takes one index or two, got 3"):
        M[0, 0, 0]
    with pytest.raises(BadArgumentError, match="set one entry at a time"):
        M[:, 0] = 1.0
    assert isinstance(M[0], Row) and M[-1][1] == 2.0


@given(matrices(), st.sampled_from([1, 2, 3, 0.5]))
def test_unary_operators_and_powers_work_entry_by_entry(A, p):
    rows = A.tolist()
    assert (-A).tolist() == [[-v for v in row] for row in rows]
    assert (+A).tolist() == rows and (+A) is not A
    assert abs(A).tolist() == [[abs(v) for v in row] for row in rows]
    if p == 0.5:
        A = abs(A)
        rows = A.tolist()
    assert (A ** p).tolist() == [[math.pow(v, p) for v in row] for row in rows]


def test_a_learners_tanh_derivative_works():
    t = Matrix([[0.5, -0.25]])
    assert (1 - t ** 2).tolist() == [[0.75, 0.9375]]


def test_powers_that_are_not_real_numbers_are_refused():
    with pytest.raises(NonFiniteError, match=r"power: Matrix\[0\]\[0\] \*\* 0.5 is not a finite real number"):
        Matrix([[-8.0]]) ** 0.5
    with pytest.raises(NonFiniteError, match="power"):
        Matrix([[1e200]]) ** 2
    with pytest.raises(NonFiniteError, match="power"):
        Matrix([[0.0]]) ** -1
    with pytest.raises(BadArgumentError, match="the exponent must be a number, got a Matrix"):
        Matrix([[2.0]]) ** Matrix([[2.0]])


def test_a_reflected_operator_names_the_operand_at_fault():
    M = Matrix([[1.0]])
    with pytest.raises(NotANumberError, match="add: A must be a number, a Matrix or rows of numbers, got NoneType"):
        None + M
    with pytest.raises(NotANumberError, match="add: B must be"):
        M + None
    with pytest.raises(NotANumberError, match="subtract: A must be"):
        object() - M
    with pytest.raises(BadArgumentError, match=r"1 / Matrix: a number divided by a Matrix is not defined here"):
        1 / M
    with pytest.raises(BadArgumentError, match="matmul: B is int 2, but @ takes two matrices"):
        M @ 2
    with pytest.raises(BadArgumentError, match="matmul: A is float 2.0, but @ takes two matrices"):
        matmul(2.0, M)


def test_operands_follow_one_rule_in_functions_and_operators():
    A = Matrix([[1.0, 2.0], [3.0, 4.0]])
    rows = [[1, 1], [1, 1]]
    assert add(A, rows) == A + rows == rows + A
    assert add(A, 1) == A + 1 == 1 + A
    assert subtract(rows, A) == rows - A


def test_axis_must_be_an_int_in_range():
    M = Matrix([[1.0, 2.0]])
    assert M.sum(axis=-1) == M.sum(axis=1) and M.sum(axis=-2) == M.sum(axis=0)
    with pytest.raises(BadArgumentError, match="axis must be None, 0 or 1, got float 0.0"):
        M.sum(axis=0.0)
    with pytest.raises(BadIndexError, match="axis 2 is out of range"):
        M.sum(axis=2)


def test_map_needs_a_callable_and_checks_what_it_returns():
    M = Matrix([[1.0, 2.0]])
    with pytest.raises(BadArgumentError, match="map: f must be callable, got NoneType None"):
        M.map(None)
    with pytest.raises(NotANumberError, match=r"the result of f at Matrix\[0\]\[1\]"):
        M.map(lambda v: "x" if v > 1 else v)
    with pytest.raises(NonFiniteError, match="map: f overflowed"):
        Matrix([[1000.0]]).map(math.exp)
    assert M.map(lambda v: int(v)).tolist() == [[1.0, 2.0]]  # ints become floats


def test_a_large_repr_shows_the_corners_and_the_shape():
    big = Matrix.zeros(784, 128)
    text = repr(big)
    assert len(text) < 400 and text.endswith("shape=(784, 128))") and "..." in text
    small = Matrix([[1.0, 2.0], [3.0, 4.0]])
    assert repr(small) == "Matrix([[1.0, 2.0], [3.0, 4.0]])"
    assert eval(repr(small), {"Matrix": Matrix}) == small


class _Endless(list):
    """A list that claims 10**8 rows, and fails if anything walks it."""

    def __len__(self):
        return 10 ** 8

    def __iter__(self):
        raise AssertionError("walked before the size was checked")


def test_the_size_limit_is_checked_before_any_copy():
    with pytest.raises(BadSizeError, match="100000000 entries, over the limit of 10000000"):
        Matrix(_Endless())


def test_bad_slices_and_powers_raise_tinynets_errors():
    M = Matrix([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(BadArgumentError, match=r"Matrix row slice ::0 has a step of 0"):
        M[::0]
    with pytest.raises(BadArgumentError, match=r"Matrix column slice 0.5: must have int bounds and step, got float 0.5"):
        M[:, 0.5:]
    with pytest.raises(BadArgumentError, match=r"int 2 \*\* Matrix: a number raised to a Matrix is not defined here"):
        2 ** M
    with pytest.raises(BadArgumentError, match="a Matrix has no modular power"):
        pow(M, 2, 3)

"""Shared Hypothesis strategies: shapes first, then entries."""

from hypothesis import strategies as st

from tinynet import Matrix

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
sizes = st.integers(1, 5)


def rows_of(m: int, n: int, elements=finite):
    """Lists of m rows of n entries."""
    return st.lists(st.lists(elements, min_size=n, max_size=n), min_size=m, max_size=m)


@st.composite
def matrices(draw, m=None, n=None, elements=finite):
    m = draw(sizes) if m is None else m
    n = draw(sizes) if n is None else n
    return Matrix(draw(rows_of(m, n, elements)))


@st.composite
def matmul_pairs(draw):
    m, n, p = draw(sizes), draw(sizes), draw(sizes)
    return draw(matrices(m, n)), draw(matrices(n, p))


@st.composite
def networks(draw, max_in=6, max_hidden=8, max_out=4, max_m=8, weights=finite, data=finite):
    """A NeuralNetwork with drawn sizes and weights, plus X and y that fit it.

    Targets are drawn in [0, 1], where the cross-entropy is defined.
    """
    from tinynet import NeuralNetwork

    n_in = draw(st.integers(1, max_in))
    n_hid = draw(st.integers(1, max_hidden))
    n_out = draw(st.integers(1, max_out))
    m = draw(st.integers(1, max_m))
    nn = NeuralNetwork(n_in, n_hid, n_out, seed=draw(st.integers(0, 2**32 - 1)))
    nn.W1 = draw(rows_of(n_in, n_hid, weights))
    nn.b1 = draw(rows_of(1, n_hid, weights))
    nn.W2 = draw(rows_of(n_hid, n_out, weights))
    nn.b2 = draw(rows_of(1, n_out, weights))
    X = draw(rows_of(m, n_in, data))
    y = draw(rows_of(m, n_out, st.floats(0, 1)))
    return nn, X, y

"""tinynet.data: numeric CSV files read exactly, every bad line named; the Iris demo learns."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinynet import DataFormatError
from tinynet import iris as demo
from tinynet.data import IRIS_PATH, iris, parse_csv, read_csv

finite = st.floats(allow_nan=False, allow_infinity=False)


@given(st.integers(1, 5).flatmap(lambda n: st.lists(st.lists(finite, min_size=n, max_size=n), min_size=1, max_size=8)))
def test_numbers_read_back_exactly(rows):
    n = len(rows[0])
    text = ["# a comment", ",".join("c%d" % j for j in range(n))]
    text += ["", "  # another"] + [",".join(repr(v) for v in row) for row in rows]
    names, back = parse_csv([line + "\n" for line in text])
    assert names == ["c%d" % j for j in range(n)]
    assert [[v.hex() for v in row] for row in back] == [[float(v).hex() for v in row] for row in rows]


@pytest.mark.parametrize("lines, message", [
    (["a,b", "1,2", "3"], r"data line 3: 1 values, but the header has 2 columns \(ragged row\)"),
    (["a,b", "1,2,3"], "line 2: 3 values"),
    (["a,b", "1,"], r"line 2, column 2 \(b\): missing value"),
    (["a,b", "x,2"], r"line 2, column 1 \(a\): 'x' is not a number"),
    (["a,b", "1,nan"], r"line 2, column 2 \(b\): 'nan' is not a finite number"),
    (["a,b", "inf,1"], "'inf' is not a finite number"),
    (["a,b", "1e400,1"], "'1e400' is not a finite number"),
    (["# only a comment"], "data has no header"),
    (["a,b"], "data has no data rows"),
])
def test_bad_lines_are_named(lines, message):
    with pytest.raises(DataFormatError, match=message):
        parse_csv([line + "\n" for line in lines])


def test_read_csv_names_the_file(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("a\n1\n\n2\noops\n")
    with pytest.raises(DataFormatError, match=r"mine.csv line 5, column 1 \(a\): 'oops' is not a number"):
        read_csv(str(path))
    path.write_bytes(b"a\n\xff\n")
    with pytest.raises(DataFormatError, match="not UTF-8"):
        read_csv(str(path))


def test_iris_has_150_flowers_50_per_species():
    X, labels = iris()
    assert len(X) == 150 and all(len(row) == 4 for row in X)
    assert [labels.count(k) for k in range(3)] == [50, 50, 50]
    with open(IRIS_PATH) as f:
        text = f.read()
    assert "Fisher" in text and "CC BY 4.0" in text  # source and licence travel with the data


def test_split_holds_out_every_fifth_flower_of_each_species():
    X, labels = iris()
    train_X, train_labels, test_X, test_labels = demo.split(X, labels)
    assert (len(train_X), len(test_X)) == (120, 30)
    assert [test_labels.count(k) for k in range(3)] == [10, 10, 10]
    assert test_X[0] == X[4] and test_X[1] == X[9]  # the 5th and 10th setosa
    assert sorted(map(tuple, train_X + test_X)) == sorted(map(tuple, X))


@given(st.lists(st.lists(st.floats(-100, 100), min_size=3, max_size=3), min_size=2, max_size=20),
       st.lists(st.floats(-100, 100), min_size=3, max_size=3))
def test_standardise_uses_only_the_training_statistics(train, other):
    scaled_train, scaled_other = demo.standardise(train, [other])
    for j in range(3):
        column = [row[j] for row in train]
        mean = math.fsum(column) / len(column)
        sd = math.sqrt(math.fsum((v - mean) ** 2 for v in column) / len(column))
        if sd > 1e-6 * max(1.0, abs(mean)):
            assert abs(math.fsum(row[j] for row in scaled_train) / len(train)) < 1e-6
            assert abs(scaled_other[0][j] - (other[j] - mean) / sd) <= 1e-6 * max(1.0, abs(scaled_other[0][j]))


def test_one_hot_and_confusion():
    assert demo.one_hot([2, 0], 3) == [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    assert demo.confusion([0, 1, 1, 2], [0, 2, 1, 2], 3) == [[1, 0, 0], [0, 1, 1], [0, 0, 1]]


def test_iris_demo_reaches_the_accuracy_and_reports(capsys):
    assert demo.main(["--epochs", "500", "--lr", "1.0"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Epoch 0 - Loss: ")
    assert any(line.startswith("confusion matrix on the 30 test flowers") for line in out)
    assert out[-1].startswith("test accuracy 0.9") and out[-1].endswith(": pass")


def test_iris_demo_fails_below_the_accuracy(capsys):
    assert demo.main(["--epochs", "1", "--quiet"]) == 1
    assert capsys.readouterr().out.strip().endswith("below 0.9")

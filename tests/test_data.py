"""tinynet.data: numeric CSV files read exactly, every bad line named; the Iris demo learns."""

import ast
import math
import os
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fakes import raised_on_fifo
from tinynet import DataFormatError
from tinynet import iris as demo
from tinynet.data import IRIS_PATH, MAX_CSV_BYTES, MAX_LINE_LENGTH, iris, numeric_csv, parse_csv, read_csv

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
    (["a,b", "1,nan"], r"line 2, column 2 \(b\): 'nan' is not a number"),
    (["a,b", "inf,1"], "'inf' is not a number"),
    (["a,b", "1e400,1"], r"line 2, column 1 \(a\): '1e400' is not a finite number \(it overflows a float64\)"),
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
    path.write_bytes(b"a\n1\n2\xff\n")
    with pytest.raises(DataFormatError, match="^mine.csv line 3 is not UTF-8 text: byte 0xff at byte 2 of the line$"):
        read_csv(str(path))


# -- the format, rule by rule (numeric_csv's docstring, docs/SPEC.md) --------------------------


def test_one_leading_byte_order_mark_is_skipped_also_before_a_comment(tmp_path):
    path = tmp_path / "bom.csv"
    for text in ("\ufeffa,b\n1,2\n", "\ufeff# made by a spreadsheet\na,b\n1,2\n", "\ufeff\na,b\n1,2\n"):
        path.write_bytes(text.encode("utf-8"))
        assert read_csv(path) == (["a", "b"], [[1.0, 2.0]])
        assert parse_csv(text.splitlines(True)) == (["a", "b"], [[1.0, 2.0]])
    with pytest.raises(DataFormatError, match=r"line 2, column 1 \(a\): '\\ufeff1' is not a number"):
        parse_csv(["a,b", "\ufeff1,2"])  # only the first line may start with one


def test_the_shipped_iris_file_starts_with_comments_and_no_byte_order_mark():
    with open(IRIS_PATH, "rb") as f:
        start = f.read(2)
    assert start == b"# "
    with open(IRIS_PATH, "rb") as f:
        with_bom = [b"\xef\xbb\xbf" + f.readline()] + f.readlines()
    assert parse_csv(with_bom) == read_csv(IRIS_PATH)


def test_lines_end_with_lf_or_crlf_and_blank_and_comment_lines_are_skipped():
    lines = ["# c\r\n", "\t \r\n", "  a , b\t\r\n", "\n", " \t# indented comment\n", "\t1 ,  2 \r\n", "3,4"]
    assert parse_csv(lines) == (["a", "b"], [[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(DataFormatError, match=r"line 2, column 2 \(b\): '2\\r' is not a number"):
        parse_csv(["a,b\n", "1,2\r"])  # a lone carriage return ends no line
    with pytest.raises(DataFormatError, match=r"line 2: 1 values, but the header has 2"):
        parse_csv(["a,b", "\x0c"])  # blank means spaces and tabs only


def test_a_first_line_of_numbers_is_not_taken_for_a_header():
    with pytest.raises(DataFormatError, match="^data line 2 looks like data, not a header: the first line must "
                                              "name the columns$"):
        parse_csv(["# no header below", "1,2", "3,4"])
    assert parse_csv(["x1,2", "3,4"]) == (["x1", "2"], [[3.0, 4.0]])  # one name is enough to be a header


def test_every_column_needs_a_name():
    with pytest.raises(DataFormatError, match="^data line 1, column 2: the column name is empty"):
        parse_csv(["a, \t,c", "1,2,3"])


@pytest.mark.parametrize("text", ["1", "+1", "-1.", ".5", "-.5", "1e5", "1E-5", "2.5e+3", "-0", "007", "0.000"])
def test_decimal_numbers_are_read(text):
    assert parse_csv(["a", text]) == (["a"], [[float(text)]])


@pytest.mark.parametrize("text", ["1_000", "\uff11\uff12", "\u0661\u0662", "nan", "NaN", "inf", "-Infinity",
                                  "0x10", "0x1p3", "1e", "e5", ".", "+", "-", "1.2.3", "1e5.0", "--1", "1 2", "1,5e3x",
                                  "\u00bd", "1\u00a0", "\u22121", "1d5", "1f"])
def test_anything_but_an_ascii_decimal_number_is_rejected(text):
    with pytest.raises(DataFormatError, match=r"^data line 2, column 1 \(a\): .* is not a number \(decimal"):
        parse_csv(["a,b", text.replace(",", "") + ",1"])


@pytest.mark.parametrize("text", ["1e400", "-1e400", "9" * 400])
def test_numbers_that_overflow_are_not_finite(text):
    with pytest.raises(DataFormatError, match=r"column 2 \(b\): '.*'(\.\.\.)? is not a finite number"):
        parse_csv(["a,b", "1," + text])


@pytest.mark.parametrize("lines, column", [
    (['a,b', '1,"2"'], r"line 2, column 2 \(b\)"),
    (['a,b', '1,"2'], r"line 2, column 2 \(b\)"),  # an unterminated quote
    (['"a",b', '1,2'], r"line 1, column 1"),
    (['a,b', '1,2,"3'], r"line 2, column 3"),
])
def test_a_quote_anywhere_is_an_error(lines, column):
    with pytest.raises(DataFormatError, match='^data %s: a quote \\("\\) is not allowed: this CSV format has no '
                                              'quoting$' % column):
        parse_csv(lines)
    assert parse_csv(['# a "quoted" comment', "a", "1"]) == (["a"], [[1.0]])  # comments may hold quotes


def test_a_line_longer_than_the_limit_is_named():
    assert MAX_LINE_LENGTH == 1000000
    long_line = "1," * (MAX_LINE_LENGTH // 2) + "1"
    with pytest.raises(DataFormatError, match=r"^data line 3 is longer than 1000000 characters \(MAX_LINE_LENGTH\)$"):
        parse_csv(["# wide", "a", long_line])
    assert parse_csv(["a", "0" * (MAX_LINE_LENGTH - 1) + "1\r\n"]) == (["a"], [[1.0]])  # at the limit


def test_read_csv_stops_reading_a_line_at_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(numeric_csv, "MAX_LINE_LENGTH", 10)
    path = tmp_path / "wide.csv"
    path.write_bytes(b"a\n1\n" + b"3" * 10 + b"\r\n")
    assert read_csv(path) == (["a"], [[1.0], [3333333333.0]])  # 10 characters: the limit
    path.write_bytes(b"a\n1\n" + b"3" * 11 + b"\n")
    with pytest.raises(DataFormatError, match=r"^wide.csv line 3 is longer than 10 characters"):
        read_csv(path)  # read whole (it is short in bytes), decoded, then refused
    path.write_bytes(b"a,b\n1,2\n" + b"3" * 10**6 + b"\n")
    reads = []
    real = numeric_csv.files.open_regular

    def spy(*args):
        f = real(*args)
        readline = f.readline
        f.readline = lambda size: reads.append(size) or readline(size)  # type: ignore[method-assign]
        return f

    monkeypatch.setattr(numeric_csv.files, "open_regular", spy)
    with pytest.raises(DataFormatError, match=r"^wide.csv line 3 is longer than 10 characters"):
        read_csv(path)
    assert reads == [43] * 3  # never more than 4 bytes a character and the line end, plus one


def test_read_csv_reads_only_regular_files(tmp_path):
    with pytest.raises(IsADirectoryError, match="is a directory, not a file; read_csv reads only regular files"):
        read_csv(tmp_path)
    if os.path.exists("/dev/zero"):  # endless
        with pytest.raises(OSError, match="^/dev/zero is a character device, not a regular file; read_csv"):
            read_csv("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_read_csv_of_a_fifo_returns_at_once(tmp_path):
    fifo = str(tmp_path / "fifo.csv")
    os.mkfifo(fifo)
    error = raised_on_fifo(lambda: read_csv(fifo), fifo, "read_csv")
    assert isinstance(error, OSError)
    assert "is a FIFO (named pipe), not a regular file" in str(error)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_read_csv_refuses_a_file_larger_than_max_bytes(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("a\n1\n2\n")
    assert MAX_CSV_BYTES == 256 * 1024 * 1024
    assert read_csv(path, max_bytes=6) == (["a"], [[1.0], [2.0]])
    with pytest.raises(DataFormatError, match=r"^big.csv is 6 bytes, more than max_bytes = 5 \(MAX_CSV_BYTES is"):
        read_csv(path, max_bytes=5)


def test_a_file_that_grows_while_it_is_read_is_stopped_at_max_bytes(tmp_path, monkeypatch):
    path = tmp_path / "growing.csv"
    path.write_text("a\n1\n")  # 4 bytes when read_csv looks at its size
    real_open = numeric_csv.files.open_regular

    def open_then_grow(*args):
        opened = real_open(*args)
        readline = opened.readline

        def grow_then_readline(size):
            with open(path, "a") as f:
                f.write("2\n")
            return readline(size)

        opened.readline = grow_then_readline
        return opened

    monkeypatch.setattr(numeric_csv.files, "open_regular", open_then_grow)
    with pytest.raises(DataFormatError, match=r"^growing.csv is more than max_bytes = 10 bytes$"):
        read_csv(path, max_bytes=10)


def test_the_csv_module_is_not_used():
    # MicroPython has no csv module, and this format needs none
    with open(numeric_csv.__file__, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in node.names}
    assert "csv" not in imported and "re" in imported


@pytest.mark.parametrize("call, error, message", [
    (lambda: read_csv(None), TypeError, r"path must be a file path \(str, bytes or os.PathLike\), got NoneType"),
    (lambda: read_csv(3), TypeError, "path must be a file path .*, got int 3"),
    (lambda: read_csv(""), ValueError, "path is empty"),
    (lambda: read_csv(IRIS_PATH, max_bytes="1"), TypeError, "max_bytes must be an int, got str '1'"),
    (lambda: read_csv(IRIS_PATH, max_bytes=-1), ValueError, "max_bytes must be 0 or more, got -1"),
    (lambda: parse_csv("a,b\n1,2\n"), TypeError, "lines must be an iterable of lines, not one str"),
    (lambda: parse_csv(["a", 1]), TypeError, "data line 2 must be a str \\(or bytes\\), got int"),
])
def test_bad_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


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

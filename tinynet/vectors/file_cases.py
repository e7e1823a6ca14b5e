"""The cases of the groups model (reading a saved model) and csv (reading numeric CSV data).

Each case gives a file's content, as ``text`` (written as UTF-8) or as
``bytes`` (a list of byte values, for content that is not UTF-8). ``INTENDED``
holds what each case was written to give, "ok" or the error kind, from the
rules in docs/SPEC.md; the tests check that the generated expected values agree.
"""

import json

from .common import case

__all__ = ["model_cases", "csv_cases", "INTENDED", "model_text"]

INTENDED = {}  # type: dict

BASE = [("format", '"tinynet-model"'), ("format_version", "1"), ("input_size", "2"), ("hidden_size", "2"),
        ("output_size", "1"), ("learning_rate", "0.1"), ("seed", "0"), ("loss", '"cross_entropy"'),
        ("W1", "[[0.5, -0.0], [5e-324, -2.5]]"), ("b1", "[[0.0, 0.1]]"),
        ("W2", "[[1.7976931348623157e+308], [-1e-310]]"), ("b2", "[[-0.0]]")]


def model_text(replace=None, drop=(), extra=(), order=None) -> str:  # type: ignore[no-untyped-def]
    """Return the valid base model as JSON text, with keys' raw JSON values replaced, dropped or added."""
    replace = replace or {}
    pairs = [(k, replace.get(k, v)) for k, v in BASE if k not in drop] + list(extra)
    if order is not None:
        pairs = [pairs[i] for i in order]
    return "{" + ", ".join("%s: %s" % (json.dumps(k), v) for k, v in pairs) + "}"


def _model(id: str, want: str, comment: str, text=None, data=None, flags=()) -> dict:  # type: ignore[no-untyped-def]
    INTENDED["model/" + id] = want
    inputs = {"text": text} if data is None else {"bytes": list(data)}
    return case("model/" + id, "%s -> %s" % (comment, "read" if want == "ok" else want), "load", "exact",
                inputs, ["beyond-core"] + list(flags))


def _valid_models() -> "list[dict]":
    pretty = model_text().replace(", \"", ",\n  \"").replace("{", "{\n  ", 1)[:-1] + "\n}\n"
    return [
        _model("valid", "ok", "a valid model: -0.0, 5e-324, a subnormal and the largest double read back exactly",
               model_text(), flags=["signed-zero"]),
        _model("valid-multiline", "ok", "whitespace and line breaks between tokens", pretty),
        _model("number-forms", "ok", "1E-1, 25e-1, -0e0 and 1e-400 (rounds to 0.0) are numbers; an integer "
               "weight is a number", model_text({"learning_rate": "1E-1", "W1": "[[25e-1, -0e0], [1e-400, 2]]"})),
        _model("integer-learning-rate", "ok", "learning_rate 1 is the number 1.0", model_text({"learning_rate": "1"})),
        _model("keys-in-any-order", "ok", "an object's keys have no order", model_text(order=list(range(11, -1, -1)))),
        _model("integer-negative-zero-weight", "ok", "an integer -0 as a weight is the integer 0: it reads as "
               "+0.0 (only -0.0, -0e0 and the like are negative zero)", model_text({"b1": "[[-0, -0.0]]"}),
               flags=["signed-zero"]),
        _model("escaped-key", "ok", "\"\\u0073eed\" is the key \"seed\" once unescaped",
               model_text(drop=("seed",), extra=[("\\u0073eed", "0")]).replace("\\\\u0073", "\\u0073")),
    ]


def _invalid_frames() -> "list[dict]":
    M = "ModelFormat"
    return [
        _model("not-an-object", M, "a JSON array", "[1, 2]"),
        _model("not-json", M, "text cut short", model_text()[:-1]),
        _model("empty", M, "an empty file", ""),
        _model("trailing-text", M, "text after the object", model_text() + " x"),
        _model("byte-order-mark", M, "a UTF-8 byte-order mark before the object: not JSON text to this reader",
               "\ufeff" + model_text()),
        _model("not-utf8", M, "a byte that is not UTF-8 (0xff) inside a string", None,
               model_text().encode("utf-8").replace(b"cross_entropy", b"cross\xffentropy")),
        _model("utf16", M, "the valid model in UTF-16", None, model_text().encode("utf-16")),
        _model("deep-nesting", M, "5000 nested arrays: refused, never a crash", "[" * 5000 + "]" * 5000),
        _model("wrong-format", M, "format must be \"tinynet-model\"", model_text({"format": '"tinynet"'})),
        _model("newer-version", M, "format_version 2 is newer than this reader", model_text({"format_version": "2"})),
        _model("version-zero", M, "format_version must be a positive integer", model_text({"format_version": "0"})),
        _model("version-float", M, "1.0 is not an integer", model_text({"format_version": "1.0"})),
        _model("missing-key", M, "b2 is missing", model_text(drop=("b2",))),
        _model("unknown-key", M, "an extra key", model_text(extra=[("comment", '"hi"')])),
        _model("duplicate-key", M, "seed appears twice (even with the same value)", model_text(extra=[("seed", "0")])),
    ]


def _invalid_values() -> "list[dict]":
    M = "ModelFormat"
    cases = [("size-float", "input_size", "2.0", "a size written 2.0 is a float, not an integer"),
             ("size-zero", "hidden_size", "0", "a size must be at least 1"),
             ("size-negative-zero", "hidden_size", "-0", "-0 is the integer 0"),
             ("size-bool", "output_size", "true", "true is not an integer"),
             ("size-string", "input_size", '"2"', "a string is not an integer"),
             ("size-huge", "input_size", "1" + "0" * 30, "10**30 is beyond every size"),
             ("weight-shape", "W1", "[[0.5, -0.0]]", "W1 must be (input_size, hidden_size)"),
             ("nan-literal", "W1", "[[NaN, 0.0], [0.0, 0.0]]", "NaN is not JSON"),
             ("infinity-literal", "b1", "[[Infinity, 0.0]]", "Infinity is not JSON"),
             ("overflowing-number", "W2", "[[1e400], [0.0]]", "1e400 reads as inf: not finite"),
             ("overflowing-integer", "b2", "[[1" + "0" * 399 + "]]", "a 400-digit integer is too large for a double"),
             ("string-entry", "b2", '[["1"]]', "a string is not a number"),
             ("null-entry", "b2", "[[null]]", "null is not a number"),
             ("bool-entry", "b2", "[[true]]", "true is not a number"),
             ("nested-entry", "b2", "[[[1.0]]]", "a list is not a number"),
             ("flat-weights", "b2", "[0.0]", "a parameter is a list of rows"),
             ("seed-null", "seed", "null", "the seed must be written: null is refused"),
             ("seed-too-large", "seed", "4294967296", "the seed must be below 2**32"),
             ("seed-float", "seed", "0.0", "0.0 is not an integer"),
             ("learning-rate-zero", "learning_rate", "0", "the learning rate must be > 0"),
             ("learning-rate-string", "learning_rate", '"0.1"', "a string is not a number"),
             ("unknown-loss", "loss", '"hinge"', "the loss must be cross_entropy or mse"),
             ("lone-surrogate", "loss", '"cross_entropy\\ud800"', "a lone surrogate escape: no loss has that name"),
             ("parameter-count", "hidden_size", "3000000", "each size is allowed, the count (2 + 1) * 3000000 + "
              "(3000000 + 1) * 1 is not; the parameters' shapes are checked first, and refuse it here")]
    out = [_model(id, M, comment, model_text({key: value})) for id, key, value, comment in cases]
    out.append(_model("lone-surrogate-key", M, "a key holding a lone surrogate escape is no key of the format",
                      model_text(extra=[("\\udc00", "0")]).replace("\\\\udc00", "\\udc00")))
    return out


def model_cases() -> "list[dict]":
    return _valid_models() + _invalid_frames() + _invalid_values()


def _csv(id: str, want: str, comment: str, text=None, data=None, flags=()) -> dict:  # type: ignore[no-untyped-def]
    INTENDED["csv/" + id] = want
    inputs = {"text": text} if data is None else {"bytes": list(data)}
    return case("csv/" + id, "%s -> %s" % (comment, "read" if want == "ok" else want), "read_csv", "exact",
                inputs, ["beyond-core"] + list(flags))


def _valid_csv() -> "list[dict]":
    return [
        _csv("basic", "ok", "a header, then rows of numbers", "x,y\n1,2\n3.5,-4e-3\n"),
        _csv("crlf", "ok", "lines may end with \\r\\n", "a,b\r\n1,2\r\n\r\n3,4\r\n"),
        _csv("byte-order-mark", "ok", "one leading byte-order mark is skipped", "\ufeffa,b\n1,2\n"),
        _csv("byte-order-mark-then-comment", "ok", "a comment right after the mark", "\ufeff# made by hand\na\n1\n"),
        _csv("comments-and-blank-lines", "ok", "blank, whitespace-only and # lines are skipped, before the header "
             "and between rows", "# made by hand\n\n   \na,b\n  # a \"quoted\" note\n1,2\n\t\n3,4\n"),
        _csv("spaces-and-tabs", "ok", "names and fields are stripped of spaces and tabs", " a , b\t\n 1 ,\t2 \n"),
        _csv("number-forms", "ok", "+1, -0, .5, 5., 1e3, 1E-3, -0.0, 007, +.25e+2", "v\n+1\n-0\n.5\n5.\n1e3\n1E-3\n"
             "-0.0\n007\n+.25e+2\n", flags=["signed-zero"]),
        _csv("no-final-newline", "ok", "the last line may lack its line end", "a\n1"),
        _csv("extremes", "ok", "1e-400 rounds to 0.0; 5e-324 and the largest double are numbers",
             "v\n1e-400\n5e-324\n1.7976931348623157e308\n"),
        _csv("rounding", "ok", "decimals round to the nearest double, ties to even: 9007199254740993 is "
             "9007199254740992.0", "v\n0.1000000000000000055511151231257827\n9007199254740993\n"
             "2.2250738585072011e-308\n"),
        _csv("header-with-a-number", "ok", "a header with one name that is not a number", "a,2\n1,2\n"),
        _csv("header-with-1e400", "ok", "1e400 is written as a number, so it counts as one in the header; "
             "with a name beside it the header is valid", "1e400,a\n1,2\n"),
        _csv("duplicate-names", "ok", "names need not differ", "a,a\n1,2\n"),
        _csv("nan-as-a-name", "ok", "nan is not a number here, so it is a name", "nan\n1\n"),
    ]


def _invalid_csv() -> "list[dict]":
    D = "DataFormat"
    cases = [("ragged-short", "a data row with fewer fields than the header", "a,b\n1,2\n3\n"),
             ("ragged-long", "a data row with more fields than the header", "a,b\n1,2,3\n"),
             ("missing-value", "an empty field", "a,b\n1,\n"),
             ("underscore", "1_000 is not a number here", "a\n1_000\n"),
             ("full-width-digit", "a full-width digit", "a\n\uff11\n"),
             ("arabic-indic-digit", "an Arabic-Indic digit", "a\n\u0663\n"),
             ("nan", "nan is not a number here", "a\nnan\n"),
             ("inf", "inf is not a number here", "a\ninf\n"),
             ("hex", "0x10 is not a decimal number", "a\n0x10\n"),
             ("bad-forms", "1e, a lone point, e5, 1.2.3 are not numbers", "a,b,c,d\n1e,.,e5,1.2.3\n"),
             ("lone-point", "a lone point is not a number", "a\n.\n"),
             ("space-inside", "1 2 is not a number", "a\n1 2\n"),
             ("quote", "no quoting: a quote is an error", "a,b\n\"1\",2\n"),
             ("quoted-header", "no quoting in the header either", "\"a\",b\n1,2\n"),
             ("header-all-numbers", "a first line of numbers looks like data, not a header", "1,2\n3,4\n"),
             ("empty-column-name", "every column needs a name", "a,,c\n1,2,3\n"),
             ("overflow", "1e400 overflows to inf", "a\n1e400\n"),
             ("semicolons", "the separator is the comma", "a;b\n1;2\n"),
             ("no-data-rows", "a header alone", "a,b\n"),
             ("empty-file", "nothing at all", ""),
             ("only-comments", "comments only: no header", "# nothing here\n\n")]
    out = [_csv(id, D, comment, text) for id, comment, text in cases]
    out.append(_csv("not-utf8", D, "a byte that is not UTF-8 (0xff)", None, b"a\n1\n\xff\n"))
    out.append(_csv("comment-not-utf8", D, "every line is decoded before it is looked at: a byte that is not UTF-8 "
                    "(0xff) in a comment is an error too", None, b"# made by \xff\na\n1\n"))
    out.append(_csv("cr-ends-last-line", D, "a \\r that ends an unterminated last line is part of it: the field "
                    "'1\\r' is not a number", "a\n1\r"))
    out.append(_csv("cr-alone-ends-lines", D, "lines ended by \\r alone are one line: a header, no data rows",
                    "a\r1\r2\r"))
    out.append(_csv("header-only-1e400", D, "a header whose only field is written as a number (1e400, though it "
                    "overflows) looks like data", "1e400\n1\n"))
    return out


def csv_cases() -> "list[dict]":
    return _valid_csv() + _invalid_csv()

"""The XOR demo's exact text, as the vectors check it, and the tool that compares two demo outputs.

``python -m tinynet.xor`` prints the loss lines, a table, a sparkline and a
last line (docs/SPEC.md, "The XOR demo"). Every line but the sparkline is
exact text, the same in every port: ``report`` gives the table and the last
line for given predictions (the ops ``xor_report``), ``option`` says how the
demo reads an option's number (the op ``demo_option``), and
``first_demo_difference`` compares two outputs, passing over the sparkline,
whose form is not specified. tests/test_vectors.py checks that
``python -m tinynet.xor`` prints what ``report`` says.
"""

import argparse

from .. import cli, options
from ..data import XOR_X, XOR_Y

from ..core.network import MAX_PARAMETERS

__all__ = ["COLUMNS", "TABLE_HEADER", "report", "option", "OPTIONS", "first_demo_difference"]

COLUMNS = "%-12s%-8s%-12s%s"  # input, target, prediction, rounded: each value starts under its header
TABLE_HEADER = COLUMNS % ("input", "target", "prediction", "rounded")
OPTIONS = {"--epochs": ("epochs", cli.whole_number), "--hidden": ("hidden", cli.whole_number),
           "--lr": ("lr", cli.real_number), "--seed": ("seed", cli.whole_number)}
DEFAULTS = {"epochs": 10000, "hidden": 4, "lr": 0.1, "seed": 0}


def report(a2: "list[list[float]]", seed: int) -> dict:
    """Return {"table": lines, "last_line": line}: what the demo prints after training, for predictions a2."""
    table = [TABLE_HEADER]
    correct = 0
    squares = 0.0
    for x, target, row in zip(XOR_X, XOR_Y, a2):
        prediction = row[0]
        rounded = 1 if prediction >= 0.5 else 0
        table.append(COLUMNS % ("[%g, %g]" % (x[0], x[1]), "%g" % target[0], "%.6f" % prediction, rounded))
        correct += rounded == target[0]
        squares += (prediction - target[0]) * (prediction - target[0])
    last = "learned XOR: %s (%d/%d correct, final MSE %.4g, seed %d)" % (
        "yes" if correct == len(XOR_X) else "no", correct, len(XOR_X), squares / len(XOR_X), seed)
    return {"table": table, "last_line": last}


def option(flag: str, text: str) -> dict:
    """Return {"value": v} if the demo accepts ``flag text`` (with every other option at its default),
    else {"accepted": False}."""
    name, parse = OPTIONS[flag]
    try:
        value = parse(text)
        args = argparse.Namespace(**dict(DEFAULTS, **{name: value}))
        options.check_training_flags(args)
    except (argparse.ArgumentTypeError, cli.UsageError):
        return {"accepted": False}
    if name == "hidden" and 3 * value + (value + 1) > MAX_PARAMETERS:  # 2-H-1 has (2 + 1) * H + (H + 1) * 1
        return {"accepted": False}
    return {"accepted": True, "value": value}


def _sparkline_index(lines: "list[str]") -> "int | None":
    """Return the index of the sparkline: the line after the empty line that follows the table, if any."""
    if TABLE_HEADER not in lines:
        return None
    after = lines.index(TABLE_HEADER) + 5
    if after + 1 < len(lines) and lines[after] == "":
        return after + 1
    return None


def first_demo_difference(lines_a, lines_b) -> "tuple[int, str] | None":  # type: ignore[no-untyped-def]
    """Return (line number in A, what differs) for the first difference of two demo outputs, or None.

    Lines are compared as text, without their line ends; the sparkline line is
    passed over in both (its form is not specified: docs/SPEC.md, "The XOR demo").
    """
    a = [line.rstrip("\n") for line in lines_a]
    b = [line.rstrip("\n") for line in lines_b]
    skip_a, skip_b = _sparkline_index(a), _sparkline_index(b)
    kept_a = [(number, line) for number, line in enumerate(a, start=1) if number - 1 != skip_a]
    kept_b = [line for i, line in enumerate(b) if i != skip_b]
    for (number, x), z in zip(kept_a, kept_b):
        if x != z:
            return number, "A %r, B %r" % (x, z)
    if len(kept_a) != len(kept_b):
        shorter = min(len(kept_a), len(kept_b))
        number = kept_a[shorter][0] if shorter < len(kept_a) else len(a) + 1
        return number, "A has %d lines, B has %d (the sparkline not counted)" % (len(kept_a), len(kept_b))
    return None

"""The cases of the group demo: the XOR demo's exact lines (table, last line, loss lines) and its options."""

from .common import case

__all__ = ["demo_cases", "TRAINED"]

BC = ["beyond-core"]
# a2 after python -m tinynet.xor's run (2-4-1, seed 0, lr 0.1, 10000 epochs), as tinynet computes it
TRAINED = [[0.01234948617912637], [0.988316619475], [0.9901249624925498], [0.014115477357213593]]
# the network of training/fails-at-epoch-200: every value exact, the descended loss overflows at epoch 200
FAILS_AT_200 = {"W1": [[1.0]], "b1": [[-1000.0]], "W2": [[1.0]], "b2": [[0.0]], "X": [[0.0]], "y": [[-100.0]],
                "learning_rate": 9e301}


def _reports() -> "list[dict]":
    cases = [
        ("trained", "the demo's own run: learned, final MSE 0.0001464", TRAINED, 0),
        ("all-half", "0.5 rounds to 1 (a2 >= 0.5): 2/4 correct; %.4g of 0.25 is 0.25", [[0.5]] * 4, 0),
        ("exact", "a perfect answer: 0.000000 and 1.000000, final MSE 0 (%.4g of 0.0)",
         [[0.0], [1.0], [1.0], [0.0]], 7),
        ("tie-to-even", "the MSE is exactly 0.015625: %.4g rounds the tie to even, 0.01562",
         [[0.25], [1.0], [1.0], [0.0]], 0),
        ("exponent-form", "the MSE 9.765625e-06 is below 1e-4: %.4g writes 9.766e-06", [[0.00625], [1.0], [1.0], [0.0]],
         0),
        ("rounds-to-one", "the MSE 0.999995 has 4 significant digits 1.000: %.4g writes 1",
         [[1.0], [0.0], [0.0], [0.99999]], 0),
        ("prediction-rounds-up", "%.6f of 0.49999951 is 0.500000, yet it rounds to 0 (0.49999951 < 0.5)",
         [[0.49999951], [1.0], [1.0], [0.0]], 4294967295),
    ]
    return [case("demo/xor_report/" + name, "the table and the last line for these predictions: " + comment,
                 "xor_report", "exact", {"a2": a2, "seed": seed}, BC) for name, comment, a2, seed in cases]


OPTION_TEXTS = [
    ("--epochs", "10", "decimal digits"), ("--epochs", "1_0", "one underscore between digits: 10"),
    ("--epochs", "+5", "a sign"), ("--epochs", " 12 ", "spaces around"), ("--epochs", "-0", "-0 is 0"),
    ("--epochs", "0", "0 epochs: no loss line"), ("--epochs", "-1", "below 0"), ("--epochs", "0x10", "no hex"),
    ("--epochs", "1e3", "no exponent in a whole number"), ("--epochs", "1.0", "no point in a whole number"),
    ("--epochs", "", "empty"), ("--epochs", "1__0", "two underscores"), ("--epochs", "_10", "a leading underscore"),
    ("--epochs", "10_", "a trailing underscore"), ("--epochs", "1 0", "a space inside"),
    ("--hidden", "0", "below 1"), ("--hidden", "2499999", "the largest: 4 * 2499999 + 1 parameters"),
    ("--hidden", "2500000", "10,000,001 parameters, over MAX_PARAMETERS"),
    ("--seed", "4294967295", "2**32 - 1"), ("--seed", "4294967296", "2**32"), ("--seed", "-1", "below 0"),
    ("--lr", "0.1", "a decimal"), ("--lr", "1_0.5", "an underscore between digits: 10.5"), ("--lr", ".5", "no digit "
     "before the point"), ("--lr", "5.", "no digit after it"), ("--lr", "1E-3", "an exponent"),
    ("--lr", " .5", "a space before"), ("--lr", "0x1p-3", "no hex"), ("--lr", "inf", "not finite"),
    ("--lr", "Infinity", "not finite"), ("--lr", "nan", "not a number"), ("--lr", "1e400", "overflows to inf"),
    ("--lr", "1e-400", "underflows to 0.0: not above 0"), ("--lr", "0", "not above 0"), ("--lr", "-0.1", "negative"),
    ("--lr", "5e-324", "the smallest positive double"), ("--lr", "1,5", "no decimal comma"),
]


def _options() -> "list[dict]":
    out = []
    for flag, text, comment in OPTION_TEXTS:
        out.append(case("demo/option/%s/%r" % (flag[2:], text), "%s %r: %s" % (flag, text, comment), "demo_option",
                        "exact", {"option": flag, "text": text}, BC))
    return out


def _lines() -> "list[dict]":
    return [
        case("demo/train_lines/fails-at-epoch-200", "the loss lines train prints for 300 epochs that fail at "
             "epoch 200: epochs 0 and 100 only; a line is printed once its epoch is whole, update included",
             "train_lines", "exact", dict(FAILS_AT_200, epochs=300), BC),
        case("demo/train_lines/200-epochs", "the same network for 200 epochs: epochs 0 and 100; 199 is not a "
             "multiple of 100", "train_lines", "exact", dict(FAILS_AT_200, epochs=200), BC),
    ]


def demo_cases() -> "list[dict]":
    return _reports() + _options() + _lines()

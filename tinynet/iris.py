"""``python -m tinynet.iris``: the seed's network on real data, Fisher's Iris flowers.

A 4-8-3 network (one sigmoid output per species, one-hot targets, the seed's
update) learns the species from four measurements. The split is fixed: within
each species, in file order, every 5th flower (the 5th, 10th, ..., 50th) is
held out for testing, 10 per species; the other 120 train. The inputs are
standardised with the training split's mean and standard deviation only.
A flower's predicted species is the output with the largest value.
With ``--plot DIR``, it draws into DIR ``loss.svg`` (``plot.loss_curve``) and
``confusion.svg`` (``plot.confusion_matrix`` of the test flowers): the
picture of the network the verdict judges, on all four measurements (a
decision map needs a network of two inputs).
Exit status 0 only if the test accuracy is at least 0.9, 1 if below; 2 for
a user error (one ``error:`` line on standard error), 130 if interrupted, 141
if standard output is closed early (``tinynet.cli``).
"""

import argparse
import math
import sys
import time

from . import cli, options
from .core.network import NeuralNetwork
from .data import IRIS_SPECIES, iris
from .plot import Picture, confusion_matrix, loss_curve
from .progress import train_shown

__all__ = ["PICTURES", "split", "standardise", "one_hot", "predict_classes", "confusion", "main", "parse", "run",
           "report", "plots"]

DEFAULTS = {"epochs": 1000, "hidden": 8, "lr": 0.5, "seed": 0}
PASS_ACCURACY = 0.9
PICTURES = ("loss.svg", "confusion.svg")  # what --plot DIR writes


def split(X, labels, every: int = 5):
    """Return (X_train, labels_train, X_test, labels_test): each class's every-th row goes to the test set."""
    seen = {}  # type: dict[int, int]
    train_X, train_labels, test_X, test_labels = [], [], [], []
    for x, label in zip(X, labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] % every == 0:
            test_X.append(x)
            test_labels.append(label)
        else:
            train_X.append(x)
            train_labels.append(label)
    return train_X, train_labels, test_X, test_labels


def standardise(train, *others):
    """Return ``train`` and each of ``others`` scaled by the training columns' mean and standard deviation.

    mean_j = (sum_i x[i][j]) / n, sd_j = sqrt((sum_i (x[i][j] - mean_j)^2) / n), x' = (x - mean_j) / sd_j.
    """
    n = len(train)
    means, sds = [], []
    for j in range(len(train[0])):
        total = 0.0
        for row in train:
            total += row[j]
        mean = total / n
        squares = 0.0
        for row in train:
            squares += (row[j] - mean) * (row[j] - mean)
        means.append(mean)
        sds.append(math.sqrt(squares / n) or 1.0)  # a constant column stays 0, not nan
    scale = lambda rows: [[(v - m) / s for v, m, s in zip(row, means, sds)] for row in rows]  # noqa: E731
    return [scale(train)] + [scale(rows) for rows in others]


def one_hot(labels, classes: int):
    """Return rows with 1.0 at each label's index and 0.0 elsewhere."""
    return [[1.0 if k == label else 0.0 for k in range(classes)] for label in labels]


def predict_classes(nn: NeuralNetwork, X):
    """Return the index of the largest output for each row (the first, on a tie)."""
    out = []
    for row in nn.predict(X):
        best = 0
        for k in range(1, len(row)):
            if row[k] > row[best]:
                best = k
        out.append(best)
    return out


def confusion(actual, predicted, classes: int):
    """Return counts[a][p]: how many of class a were predicted as p."""
    counts = [[0] * classes for _ in range(classes)]
    for a, p in zip(actual, predicted):
        counts[a][p] += 1
    return counts


def main(argv: "list[str] | None" = None) -> int:
    """Run the demo with command-line arguments ``argv``; return the exit status (module docstring)."""

    def command(out: cli.Output) -> int:
        args = parse(argv)
        nn, data, seconds = run(args, out)
        return report(args, nn, data, seconds, out)

    return cli.guarded(command)


def _parser() -> cli.Parser:
    parser = cli.Parser(
        prog="python -m tinynet.iris",
        description="Train a 4-8-3 network on Fisher's Iris data; exit 0 if the test accuracy is at least 0.9.",
    )
    parser.add_argument("--epochs", type=cli.whole_number, default=DEFAULTS["epochs"],
                        help="epochs to train (default %d)" % DEFAULTS["epochs"])
    parser.add_argument("--hidden", type=cli.whole_number, default=DEFAULTS["hidden"],
                        help=options.hidden_help(4, len(IRIS_SPECIES), int(DEFAULTS["hidden"])))
    parser.add_argument("--lr", type=cli.real_number, default=DEFAULTS["lr"],
                        help="learning_rate (default %g)" % DEFAULTS["lr"])
    parser.add_argument("--seed", type=cli.whole_number, default=DEFAULTS["seed"],
                        help="seed of the initial weights (default %d)" % DEFAULTS["seed"])
    parser.add_argument("--quiet", action="store_true", help="print only the last line")
    parser.add_argument("--plot", metavar="DIR",
                        help="write loss.svg and confusion.svg (the test flowers) into DIR (created if missing)")
    return parser


def parse(argv: "list[str] | None" = None) -> argparse.Namespace:
    """Return the command-line arguments, checked; raise ``cli.UsageError`` naming the first bad one."""
    args = _parser().parse_args(argv)
    why = " with --plot (a loss curve needs an epoch)" if args.plot is not None else ""
    options.check_training_flags(args, 1 if args.plot is not None else 0, why, (4, len(IRIS_SPECIES)))
    if args.plot is not None:
        options.check_output_folder(args.plot, "--plot", PICTURES)
    return args


def run(args: argparse.Namespace, out: cli.Output) -> "tuple[NeuralNetwork, tuple, float]":
    """Train on the training split; return the network, (train_X, train_labels, test_X, test_labels), seconds."""
    X, labels = iris()
    train_X, train_labels, test_X, test_labels = split(X, labels)
    train_X, test_X = standardise(train_X, test_X)
    classes = len(IRIS_SPECIES)
    nn = NeuralNetwork(4, args.hidden, classes, learning_rate=args.lr, seed=args.seed)
    start = time.perf_counter()
    if args.quiet:
        nn.train(train_X, one_hot(train_labels, classes), args.epochs, verbose=False)
    else:
        train_shown(nn, train_X, one_hot(train_labels, classes), args.epochs, out)
    return nn, (train_X, train_labels, test_X, test_labels), time.perf_counter() - start


def report(args: argparse.Namespace, nn: NeuralNetwork, data: tuple, seconds: float, out: cli.Output) -> int:
    """Print the confusion matrix, the accuracies and the verdict; return 0 if the test accuracy passes, else 1."""
    train_X, train_labels, test_X, test_labels = data
    predicted = predict_classes(nn, test_X)
    correct = _count_equal(test_labels, predicted)
    accuracy = correct / len(test_labels)
    if not args.quiet:
        _print_confusion(test_labels, predicted, out)
        train_correct = _count_equal(train_labels, predict_classes(nn, train_X))
        print(file=out)
        print("train accuracy %.3f (%d/%d)" % (train_correct / len(train_labels), train_correct, len(train_labels)),
              file=out)
    if args.plot is not None:
        paths = options.save_pictures(plots(nn, test_labels, predicted, args.epochs), args.plot, "--plot")
        print("wrote %s" % " and ".join(paths), file=out)
    passed = accuracy >= PASS_ACCURACY
    print("test accuracy %.3f (%d/%d), %d epochs in %.2f s, seed %d: %s"
          % (accuracy, correct, len(test_labels), args.epochs, seconds, nn.seed,
             "pass" if passed else "below %.1f" % PASS_ACCURACY), file=out)
    return 0 if passed else 1


def plots(nn: NeuralNetwork, actual: "list[int]", predicted: "list[int]",
          epochs: int) -> "list[tuple[str, Picture]]":
    """Return [(file name, picture)]: loss.svg (the histories) and confusion.svg (the test flowers)."""
    shape = "Iris, 4-%d-%d, learning rate %g, seed %d" % (nn.hidden_size, nn.output_size, nn.learning_rate, nn.seed)
    counts = confusion(actual, predicted, len(IRIS_SPECIES))
    title = "Iris: the %d test flowers after %d epochs" % (len(actual), epochs)
    return [(PICTURES[0], loss_curve(nn, shape)), (PICTURES[1], confusion_matrix(counts, list(IRIS_SPECIES), title))]


def _count_equal(actual: "list[int]", predicted: "list[int]") -> int:
    count = 0
    for a, p in zip(actual, predicted):
        count += a == p
    return count


def _print_confusion(actual: "list[int]", predicted: "list[int]", out: cli.Output) -> None:
    """Print the confusion matrix of the test flowers, one row per actual species."""
    print(file=out)
    print("confusion matrix on the %d test flowers (rows: actual, columns: predicted)" % len(actual), file=out)
    width = max(len(name) for name in IRIS_SPECIES)
    print(" " * width + "  " + "  ".join("%*s" % (width, name) for name in IRIS_SPECIES), file=out)
    for name, row in zip(IRIS_SPECIES, confusion(actual, predicted, len(IRIS_SPECIES))):
        print("%*s  " % (width, name) + "  ".join("%*d" % (width, count) for count in row), file=out)


if __name__ == "__main__":
    sys.exit(main())

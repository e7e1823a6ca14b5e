"""``python -m tinynet.xor``: train the seed tutorial's XOR example and say whether it learned.

The seed's run: a 2-4-1 network, learning rate 0.1, 10000 epochs, the loss
printed every 100 epochs; then a table of each input, its target, the
prediction and the rounded prediction. Exit status 0 if all four round right,
1 if not; 2 for a user error (one ``error:`` line on standard error), 130 if
interrupted, 141 if standard output is closed early (``tinynet.cli``).

``main`` parses (every value and path is checked before training starts),
runs and reports, each in its own function.
"""

import argparse
import sys

from . import cli, options
from .core.errors import NonFiniteError
from .core.losses import LOSSES
from .core.network import NeuralNetwork, loss_line
from .data import XOR_X, XOR_Y
from .plot import Picture, decision_map, loss_curve, loss_panels_svg, sparkline
from .progress import train_shown
from .trace import trace_epochs

__all__ = ["X", "y", "DEFAULT_SEED", "PICTURES", "main", "parse", "run", "report", "logged",
           "compare_losses_svg", "plots", "write_plots", "verdict"]

X = XOR_X
y = XOR_Y
DEFAULT_SEED = 0  # np.random.seed(0) learns XOR with the seed's settings
PICTURES = ("loss.svg", "decision.svg")  # what --plot DIR writes
COLUMNS = "%-12s%-8s%-12s%s"  # input, target, prediction, rounded: each value starts under its header


def main(argv: "list[str] | None" = None) -> int:
    """Run the demo with command-line arguments ``argv``; return the exit status (module docstring)."""

    def command(out: cli.Output) -> int:
        args = parse(argv)
        nn, compared = run(args, out)
        return report(args, nn, compared, out)

    return cli.guarded(command)


def _parser() -> cli.Parser:
    parser = cli.Parser(prog="python -m tinynet.xor",
                        description="Train the seed tutorial's XOR network and check that it learned.")
    parser.add_argument("--epochs", type=cli.whole_number, default=10000, help="epochs to train (default 10000)")
    parser.add_argument("--hidden", type=cli.whole_number, default=4, help=options.hidden_help(2, 1, 4))
    parser.add_argument("--lr", type=cli.real_number, default=0.1, help="learning_rate (default 0.1)")
    parser.add_argument("--seed", type=cli.whole_number, default=DEFAULT_SEED,
                        help="seed of the initial weights, as np.random.seed (default %d)" % DEFAULT_SEED)
    parser.add_argument("--quiet", action="store_true", help="print only the last line, not the loss lines or table")
    parser.add_argument("--loss", choices=LOSSES, default="cross_entropy",
                        help="the loss to descend: cross_entropy (the seed's update, default) or mse")
    parser.add_argument("--plot", metavar="DIR", help="write loss.svg and decision.svg into DIR (created if missing)")
    parser.add_argument("--compare-losses", metavar="FILE",
                        help="also train with the other loss and write both loss curves side by side to FILE (SVG)")
    parser.add_argument("--trace", metavar="FILE",
                        help="write every intermediate of every epoch to FILE as JSON lines (docs/SPEC.md, 'Traces')")
    return parser


def parse(argv: "list[str] | None" = None) -> argparse.Namespace:
    """Return the command-line arguments, checked; raise ``cli.UsageError`` naming the first bad one."""
    args = _parser().parse_args(argv)
    pictures = [flag for flag, value in (("--plot", args.plot), ("--compare-losses", args.compare_losses))
                if value is not None]
    why = " with %s (a loss curve needs an epoch)" % " and ".join(pictures) if pictures else ""
    options.check_training_flags(args, 1 if pictures else 0, why)
    if args.trace is not None:
        options.check_output_file(args.trace, "--trace")
    if args.compare_losses is not None:
        options.check_output_file(args.compare_losses, "--compare-losses")
    if args.plot is not None:
        options.check_output_folder(args.plot, "--plot", PICTURES)
    return args


def run(args: argparse.Namespace, out: cli.Output) -> "tuple[NeuralNetwork, str | None]":
    """Train the network ``args`` describe; return it and, with --compare-losses, the comparison's SVG."""
    nn = NeuralNetwork(2, args.hidden, 1, learning_rate=args.lr, seed=args.seed, loss=args.loss)
    if args.trace is not None:
        try:
            options.write_file(args.trace, "--trace", lambda f: trace_epochs(nn, X, y, args.epochs, f))
        except NonFiniteError as exc:  # the message names the epoch; the trace holds the epochs before it
            raise cli.UsageError("--trace: %s" % exc) from None
    elif args.quiet:
        nn.train(X, y, args.epochs, verbose=False)
    else:
        train_shown(nn, X, y, args.epochs, out)
    compared = None
    if args.compare_losses is not None:
        try:
            compared = compare_losses_svg(args.epochs, args.seed, args.hidden, args.lr)
        except NonFiniteError as exc:
            raise cli.UsageError("--compare-losses: %s" % exc) from None
    return nn, compared


def report(args: argparse.Namespace, nn: NeuralNetwork, compared: "str | None", out: cli.Output) -> int:
    """Print the table, the sparkline and the verdict, write the pictures; return 0 if XOR was learned, else 1."""
    losses = nn.loss_history
    predictions = [row[0] for row in nn.predict(X)]
    if not args.quiet:
        if args.trace is not None:  # the trace trained silently: the lines train would have printed
            for epoch in range(0, len(losses), 100):
                print(loss_line(epoch, losses[epoch]), file=out)
        _table(predictions, out)
        if losses:
            print(file=out)
            print("loss (MSE, log scale) %s  %.3g -> %.3g" % (_spark(losses, out), losses[0], losses[-1]), file=out)
    if compared is not None:
        options.write_text(args.compare_losses, compared, "--compare-losses")
        print("wrote %s" % args.compare_losses, file=out)
    if args.plot is not None:
        print("wrote %s" % " and ".join(write_plots(nn, args.plot)), file=out)
    learned, line = verdict(nn)
    print(line, file=out)
    return 0 if learned else 1


def verdict(nn: NeuralNetwork) -> "tuple[bool, str]":
    """Return (learned, the command's last line): ``learned XOR: yes (4/4 correct, final MSE ..., seed ...)``.

    Learned means every XOR input's prediction rounds to its target. The
    playground writes the same line into its page.
    """
    correct = 0
    squares = 0.0
    for prediction, target in zip([row[0] for row in nn.predict(X)], y):
        correct += (1 if prediction >= 0.5 else 0) == target[0]
        squares += (prediction - target[0]) * (prediction - target[0])
    learned = correct == len(X)
    return learned, ("learned XOR: %s (%d/%d correct, final MSE %.4g, seed %d)"
                     % ("yes" if learned else "no", correct, len(X), squares / len(X), nn.seed))


def _table(predictions: "list[float]", out) -> None:  # type: ignore[no-untyped-def]
    """Print each XOR input, its target, the prediction and the prediction rounded, under their headers."""
    print(file=out)
    print(COLUMNS % ("input", "target", "prediction", "rounded"), file=out)
    for x, target, prediction in zip(X, y, predictions):
        rounded = 1 if prediction >= 0.5 else 0
        print(COLUMNS % ("[%g, %g]" % (x[0], x[1]), "%g" % target[0], "%.6f" % prediction, rounded), file=out)


def _spark(values: "list[float]", out: cli.Output) -> str:
    """A sparkline in block characters, or ASCII where ``out`` cannot encode them."""
    line = sparkline(values)
    try:
        line.encode(out.encoding)
    except (UnicodeEncodeError, LookupError):
        line = sparkline(values, ascii_only=True)
    return line


def logged(values: "list[float]") -> "list[tuple[int, float]]":
    """Return (epoch, value) at the epochs the seed logs (0, 100, 200, ...) and the last epoch."""
    pairs = [(epoch, values[epoch]) for epoch in range(0, len(values), 100)]
    if values and pairs[-1][0] != len(values) - 1:
        pairs.append((len(values) - 1, values[-1]))
    return pairs


def compare_losses_svg(epochs: int = 10000, seed: int = DEFAULT_SEED, hidden: int = 4, lr: float = 0.1) -> str:
    """Return an SVG of XOR trained twice from the same weights, descending each loss, side by side."""
    panels = []
    for loss in LOSSES:
        nn = NeuralNetwork(2, hidden, 1, learning_rate=lr, seed=seed, loss=loss)
        nn.train(X, y, epochs, verbose=False)
        series = [("MSE (printed)", logged(nn.loss_history))]
        if loss == "cross_entropy":
            series.append(("cross-entropy", logged(nn.objective_history)))
        panels.append(("descending loss=%s (final MSE %.2g)" % (loss, nn.loss_history[-1]), series))
    return loss_panels_svg(panels)


def plots(nn: NeuralNetwork) -> "list[tuple[str, Picture]]":
    """Return [(file name, picture)]: loss.svg (``plot.loss_curve``) and decision.svg (``plot.decision_map``)."""
    title = "XOR, 2-%d-1, loss=%s, seed %d" % (nn.hidden_size, nn.loss, nn.seed)
    return [(PICTURES[0], loss_curve(nn, title)), (PICTURES[1], decision_map(nn, X, y))]


def write_plots(nn: NeuralNetwork, folder: str) -> "list[str]":
    """Write ``plots(nn)`` into ``folder`` (made if missing); return their paths. Raise ``cli.UsageError``."""
    return options.save_pictures(plots(nn), folder, "--plot")


if __name__ == "__main__":
    sys.exit(main())

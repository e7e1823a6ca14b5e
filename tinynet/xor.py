"""``python -m tinynet.xor``: train the seed tutorial's XOR example and say whether it learned.

The seed's run: a 2-4-1 network, learning rate 0.1, 10000 epochs, the loss
printed every 100 epochs; then a table of each input, its target, the
prediction and the rounded prediction. Exit status 0 if all four round right.
"""

import argparse
import os
import sys

from .core.losses import LOSSES
from .core.network import NeuralNetwork, loss_line
from .data import XOR_X, XOR_Y
from .plot import decision_map_svg, loss_curve_svg, loss_panels_svg, sparkline
from .progress import Progress
from .trace import trace_epochs

__all__ = ["X", "y", "DEFAULT_SEED", "main"]

X = XOR_X
y = XOR_Y
DEFAULT_SEED = 0  # np.random.seed(0) learns XOR with the seed's settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tinynet.xor",
        description="Train the seed tutorial's XOR network and check that it learned.",
    )
    parser.add_argument("--epochs", type=int, default=10000, help="epochs to train (default 10000)")
    parser.add_argument("--hidden", type=int, default=4, help="hidden_size (default 4)")
    parser.add_argument("--lr", type=float, default=0.1, help="learning_rate (default 0.1)")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED,
        help="seed of the initial weights, as np.random.seed (default %d)" % DEFAULT_SEED,
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print only the last line, not the loss lines or table"
    )
    parser.add_argument(
        "--loss", choices=LOSSES, default="cross_entropy",
        help="the loss to descend: cross_entropy (the seed's update, default) or mse",
    )
    parser.add_argument(
        "--plot", metavar="DIR", help="write loss.svg and decision.svg into DIR (created if missing)"
    )
    parser.add_argument(
        "--compare-losses", metavar="FILE",
        help="also train with the other loss and write both loss curves side by side to FILE (SVG)",
    )
    parser.add_argument(
        "--trace", metavar="FILE",
        help="write every intermediate of every epoch to FILE as JSON lines (docs/SPEC.md, 'Traces')",
    )
    return parser


def main(argv: "list[str] | None" = None) -> int:
    """Run the demo with command-line arguments ``argv``; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        nn = NeuralNetwork(2, args.hidden, 1, learning_rate=args.lr, seed=args.seed, loss=args.loss)
        if args.trace:
            with open(args.trace, "w", encoding="utf-8") as out:
                trace_epochs(nn, X, y, args.epochs, out)
        else:
            progress = Progress(args.epochs, sys.stderr) if not args.quiet else None
            try:
                nn.train(X, y, args.epochs, verbose=not args.quiet, callback=progress)
            finally:
                if progress is not None:
                    progress.close()
    except OSError as exc:
        print("error: cannot write the trace: %s" % exc, file=sys.stderr)
        return 2
    except (ValueError, TypeError) as exc:  # tinynet's errors all derive from these two
        print("error: %s" % exc, file=sys.stderr)
        return 2
    losses = nn.loss_history
    if args.trace and not args.quiet:
        for epoch in range(0, len(losses), 100):
            print(loss_line(epoch, losses[epoch]))
    a2 = nn.predict(X)
    correct = 0
    squares = 0.0
    if not args.quiet:
        print()
        print("input       target  prediction  rounded")
    for x, target, out in zip(X, y, a2):
        prediction = out[0]
        rounded = 1 if prediction >= 0.5 else 0
        correct += rounded == target[0]
        squares += (prediction - target[0]) * (prediction - target[0])
        if not args.quiet:
            print("[%g, %g]    %g       %.6f    %d" % (x[0], x[1], target[0], prediction, rounded))
    learned = correct == len(X)
    if losses and not args.quiet:
        print()
        print("loss (MSE, log scale) %s  %.3g -> %.3g" % (_spark(losses), losses[0], losses[-1]))
    if args.compare_losses:
        try:
            with open(args.compare_losses, "w", encoding="utf-8") as f:
                f.write(compare_losses_svg(args.epochs, args.seed, args.hidden, args.lr))
        except OSError as exc:
            print("error: cannot write %s: %s" % (args.compare_losses, exc), file=sys.stderr)
            return 2
        print("wrote %s" % args.compare_losses)
    if args.plot:
        try:
            paths = write_plots(nn, args.plot)
        except OSError as exc:
            print("error: cannot write the plots: %s" % exc, file=sys.stderr)
            return 2
        print("wrote %s" % " and ".join(paths))
    print(
        "learned XOR: %s (%d/%d correct, final MSE %.4g, seed %d)"
        % ("yes" if learned else "no", correct, len(X), squares / len(X), nn.seed)
    )
    return 0 if learned else 1


def _spark(values: "list[float]") -> str:
    """A sparkline in block characters, or ASCII where standard output cannot encode them."""
    line = sparkline(values)
    try:
        line.encode(sys.stdout.encoding or "ascii")
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


def write_plots(nn: NeuralNetwork, folder: str) -> "list[str]":
    """Write loss.svg (the printed MSE and the loss descended) and decision.svg into ``folder``."""
    os.makedirs(folder, exist_ok=True)
    series = [("MSE (printed)", logged(nn.loss_history))]
    if nn.loss == "cross_entropy":
        series.append(("cross-entropy (descended)", logged(nn.objective_history)))
    title = "XOR, 2-%d-1, loss=%s, seed %d" % (nn.hidden_size, nn.loss, nn.seed)
    pictures = [("loss.svg", loss_curve_svg(series, title)), ("decision.svg", decision_map_svg(nn, X, y))]
    paths = []
    for name, svg in pictures:
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(svg)
        paths.append(path)
    return paths


if __name__ == "__main__":
    sys.exit(main())

"""``python -m tinynet.xor``: train the seed tutorial's XOR example and say whether it learned.

The seed's run: a 2-4-1 network, learning rate 0.1, 10000 epochs, the loss
printed every 100 epochs; then a table of each input, its target, the
prediction and the rounded prediction. Exit status 0 if all four round right.
"""

import argparse
import sys

from .network import NeuralNetwork, loss_line
from .trace import trace_epochs

__all__ = ["X", "y", "DEFAULT_SEED", "main"]

X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
y = [[0.0], [1.0], [1.0], [0.0]]
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
        "--trace", metavar="FILE",
        help="write every intermediate of every epoch to FILE as JSON lines (docs/SPEC.md, 'Traces')",
    )
    return parser


def main(argv: "list[str] | None" = None) -> int:
    """Run the demo with command-line arguments ``argv``; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        nn = NeuralNetwork(2, args.hidden, 1, learning_rate=args.lr, seed=args.seed)
        if args.trace:
            with open(args.trace, "w", encoding="utf-8") as out:
                losses = trace_epochs(nn, X, y, args.epochs, out)
            if not args.quiet:
                for epoch in range(0, len(losses), 100):
                    print(loss_line(epoch, losses[epoch]))
        else:
            nn.train(X, y, args.epochs, verbose=not args.quiet)
    except OSError as exc:
        print("error: cannot write the trace: %s" % exc, file=sys.stderr)
        return 2
    except (ValueError, TypeError) as exc:  # tinynet's errors all derive from these two
        print("error: %s" % exc, file=sys.stderr)
        return 2
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
    print(
        "learned XOR: %s (%d/%d correct, final MSE %.4g, seed %d)"
        % ("yes" if learned else "no", correct, len(X), squares / len(X), nn.seed)
    )
    return 0 if learned else 1


if __name__ == "__main__":
    sys.exit(main())

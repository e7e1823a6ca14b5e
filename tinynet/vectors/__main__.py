"""``python -m tinynet.vectors``: generate, answer and check test vectors; diff two traces; measure drift.

Every user error (a bad option, a missing or unreadable file, a file that is
not what the command reads) prints one ``error: ...`` line on standard error
and exits 2 (``tinynet.cli.guarded``); paths may be relative (to the current
folder) or start with ``~``.
"""

import argparse
import json
import os
import sys

from .. import cli
from ..progress import Progress
from ..trace import first_difference
from . import (
    SKIPPABLE,
    VECTORS_DIR,
    answers,
    check,
    generate,
    load_groups,
    read_answers,
)
from .demo import first_demo_difference
from .drift import measure, report

_VECTORS_HELP = "vectors folder (default: the shipped ones)"
PROGRESS_DELAY = 1.0  # seconds of drift before its progress line appears


def _tolerance(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a number" % text) from None
    if not value >= 0.0 or value == float("inf"):
        raise argparse.ArgumentTypeError("a tolerance must be a finite number >= 0, got %r" % text)
    return value


def _epochs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not an integer" % text) from None
    if value < 1:
        raise argparse.ArgumentTypeError("epochs must be 1 or more, got %d" % value)
    return value


def _parser() -> cli.Parser:
    parser = cli.Parser(prog="python -m tinynet.vectors",
                                     description="tinynet's language-neutral test vectors (docs/SPEC.md, 'Test vectors').")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    p = sub.add_parser("generate", help="write the vector files into DIR",
                       description="Write one JSON file per group into DIR (the shipped ones live in %s)." % VECTORS_DIR)
    p.add_argument("dir", metavar="DIR")
    p = sub.add_parser("list", help="list the groups and their case counts",
                       description="List the groups of the vectors and the number of cases in each.")
    p.add_argument("--vectors", metavar="DIR", default=VECTORS_DIR, help=_VECTORS_HELP)
    p = sub.add_parser("answer", help="write tinynet's own answers to FILE",
                       description="Run every case through tinynet and write the answers file a port would write.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--skip", metavar="FLAG", action="append", default=[], choices=sorted(SKIPPABLE),
                   help="answer the cases flagged FLAG {\"skip\": reason}, as a port that cannot express them "
                   "would (repeatable; one of %s)" % ", ".join(sorted(SKIPPABLE)))
    p.add_argument("--vectors", metavar="DIR", default=VECTORS_DIR, help=_VECTORS_HELP)
    p = sub.add_parser("check", help="check a port's ANSWERS.json against the vectors",
                       description="Report each case as pass, FAIL (first differing entry, both values, the tier) "
                       "or skip, and a summary; exit 1 if any case fails or has no answer, else 0.")
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("--vectors", metavar="DIR", default=VECTORS_DIR, help=_VECTORS_HELP)
    p.add_argument("--quiet", action="store_true", help="print only failures, skips and the summary")
    _add_trace_commands(sub)
    return parser


def _add_trace_commands(sub) -> None:  # type: ignore[no-untyped-def]
    """Add diff-trace and drift to the subcommands ``sub``."""
    p = sub.add_parser("diff-trace", help="name the first epoch and quantity where two traces differ",
                       description="Compare two traces (python -m tinynet.xor --trace FILE) epoch by epoch, "
                       "quantity by quantity in the order they are computed; numbers agree when "
                       "|a - b| <= atol + rtol * max(|a|, |b|). Exit 1 if they differ.")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--rtol", type=_tolerance, default=0.0, help="relative tolerance (default 0)")
    p.add_argument("--atol", type=_tolerance, default=0.0,
                   help="absolute tolerance (default 0; with --rtol 0 too, every bit must agree)")
    p = sub.add_parser("diff-demo", help="name the first line where two XOR demo outputs differ",
                       description="Compare two outputs of the XOR demo (python -m tinynet.xor > FILE) line by "
                       "line, as text, passing over the sparkline line, whose form is not specified "
                       "(docs/SPEC.md, 'The XOR demo'). Exit 1 if they differ.")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p = sub.add_parser("drift", help="measure how far an XOR trace moves when exp and log are one ULP off",
                       description="Trace XOR training (2-HIDDEN-1, lr 0.1) as tinynet computes it and again with "
                       "math.exp, math.log and math.log1p one unit in the last place off for half their "
                       "arguments; print the largest differences per quantity and the --rtol diff-trace "
                       "needs at each --atol (docs/SPEC.md, 'Porting checklist').")
    p.add_argument("--epochs", type=_epochs, default=10000, help="epochs to trace (default 10000)")
    p.add_argument("--seed", type=int, default=0, help="seed of the initial weights (default 0)")
    p.add_argument("--hidden", type=_epochs, default=4, help="hidden_size (default 4)")
    p.add_argument("--loss", choices=("cross_entropy", "mse"), default="cross_entropy")
    p.add_argument("--always", action="store_true", help="one ULP up for every argument, not half of them")


def _path(text: str) -> str:
    return os.path.expanduser(text)


def _list(args, out) -> int:  # type: ignore[no-untyped-def]
    total = 0
    for doc in load_groups(_path(args.vectors)):
        print("%-10s %4d  %s" % (doc["group"], doc["count"], doc["description"]), file=out)
        total += doc["count"]
    print("%-10s %4d" % ("total", total), file=out)
    return 0


def _answer(args, out) -> int:  # type: ignore[no-untyped-def]
    doc = answers(_path(args.vectors), {flag: SKIPPABLE[flag] for flag in args.skip})
    with open(_path(args.file), "w", encoding="utf-8") as f:
        json.dump(doc, f)
        f.write("\n")
    print("wrote", args.file, file=out)
    return 0


def _check(args, out) -> int:  # type: ignore[no-untyped-def]
    try:
        doc = read_answers(_path(args.answers))
    except OSError as exc:  # str(exc) would be "[Errno 2] No such file or directory: 'missing.json'"
        raise cli.UsageError("cannot read the answers file %s: %s" % (args.answers, exc.strerror or exc)) from None
    failed = check(doc, _path(args.vectors), out=out, quiet=args.quiet)[1]
    return 1 if failed else 0


def _diff_trace(args, out) -> int:  # type: ignore[no-untyped-def]
    with open(_path(args.a), encoding="utf-8") as fa, open(_path(args.b), encoding="utf-8") as fb:
        found = first_difference(fa, fb, args.rtol, args.atol, names=("A (%s)" % args.a, "B (%s)" % args.b))
    if found is None:
        print("traces agree", file=out)
        return 0
    epoch, where, what = found
    print("first difference: epoch %s, %s: %s" % (epoch, where, what), file=out)
    return 1


def _diff_demo(args, out) -> int:  # type: ignore[no-untyped-def]
    with open(_path(args.a), encoding="utf-8") as fa, open(_path(args.b), encoding="utf-8") as fb:
        found = first_demo_difference(fa, fb)
    if found is None:
        print("demo outputs agree (the sparkline not compared)", file=out)
        return 0
    print("first difference: line %d: %s" % found, file=out)
    return 1


def _drift(args, out) -> int:  # type: ignore[no-untyped-def]
    # it runs for tens of seconds: a progress line on standard error, if that is a terminal
    progress = Progress(args.epochs, sys.stderr, delay=PROGRESS_DELAY)
    try:
        figures = measure(args.epochs, args.seed, args.hidden, args.loss, args.always, callback=progress)
    finally:
        progress.close()
    report(figures, out)
    return 0


def _generate(args, out) -> int:  # type: ignore[no-untyped-def]
    for path in generate(_path(args.dir)):
        print("wrote", path, file=out)
    return 0


COMMANDS = {"generate": _generate, "list": _list, "answer": _answer, "check": _check,
            "diff-trace": _diff_trace, "diff-demo": _diff_demo, "drift": _drift}


def main(argv: "list[str] | None" = None) -> int:
    """Run the command in ``argv``; return its exit status, or 2 after one ``error:`` line for a user error."""

    def command(out: cli.Output) -> int:
        args = _parser().parse_args(argv)
        try:
            return COMMANDS[args.command](args, out)
        except (OSError, ValueError, RecursionError) as exc:  # a file's fault: missing, not UTF-8, not JSON, ...
            raise cli.UsageError(str(exc)) from None

    return cli.guarded(command)


if __name__ == "__main__":
    sys.exit(main())

"""``python -m tinynet.bench``: parse the command line, check its paths, measure, report.

It behaves as tinynet's other commands do (``tinynet.cli.guarded``):

- a bad flag, or a path that cannot be used (a ``--compare`` file that is
  missing or not a benchmark's JSON, a ``--json`` path whose folder does not
  exist), ends the run before anything is timed: one ``error:`` line, exit 2;
- Ctrl-C: one line, ``interrupted``, exit 130. It stops the child processes
  (memory, whole-process times) too, without a word: their standard error
  is kept, never shown (``system.run_child``);
- standard output closed early (``| head -1``): nothing printed, exit 141,
  found before the next timed run rather than at the next table.

Each workload's rows are printed as soon as it is measured; on a terminal a
progress line says what runs meanwhile (``measure``).
"""

import argparse
import json

from .. import cli, options
from . import plans, report, system
from .measure import Ticker, run

__all__ = ["main", "parse", "run", "write_report", "write_json", "load_numpy"]

ONLY_HELP = ("measure only the workloads NAMES, comma-separated, of: %s. xor (train, a subclass's train, "
             "the seed's NumPy code) and mnist (784-128-10, MNIST's shape, on 64 examples: train(X, y, 1) "
             "a call an epoch, and train(X, y, 10)) use NeuralNetwork's public API only, so two checkouts "
             "compare: --only xor,mnist --json FILE in one, --compare FILE in the other"
             % ", ".join(plans.WORKLOADS))


def _parser() -> cli.Parser:
    parser = cli.Parser(prog="python -m tinynet.bench",
                        description="Time tinynet's training (train, a subclass's train, single steps, "
                                    "products) against the seed's NumPy code and the interpreter's fastest dot "
                                    "product. Prints figures and ratios; docs/performance.md has the targets.")
    parser.add_argument("--quick", action="store_true",
                        help="smaller sizes and fewer runs, under 5 s; skips the 784-128-10 epochs and the "
                             "whole-process times")
    parser.add_argument("--only", metavar="NAMES", type=_workloads, default=plans.WORKLOADS, help=ONLY_HELP)
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    parser.add_argument("--compare", metavar="FILE",
                        help="compare with another run's --json FILE (PyPy here against CPython there, or "
                             "this checkout against another)")
    parser.add_argument("--no-numpy", action="store_true", help="skip the NumPy comparison even if NumPy is here")
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process timing")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory measurement")
    return parser


def _workloads(text: str) -> "tuple[str, ...]":
    """Return the workload names in ``text`` (comma-separated); for argparse's ``type=``."""
    names = tuple(name.strip() for name in text.split(","))
    for name in names:
        if name not in plans.WORKLOADS:
            raise argparse.ArgumentTypeError("no workload %s; the workloads are %s"
                                             % (cli.quoted(name), ", ".join(plans.WORKLOADS)))
    return names


def _load_compare(path: str) -> dict:
    """Return the JSON document of another run at ``path``; raise UsageError if it cannot be one."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as exc:
        raise cli.UsageError("--compare %s: %s" % (cli.quoted(path), exc.strerror or exc)) from None
    except ValueError as exc:
        raise cli.UsageError("--compare %s: not JSON (%s)" % (cli.quoted(path), exc)) from None
    if not (isinstance(doc, dict) and isinstance(doc.get("machine"), dict) and isinstance(doc.get("rows"), list)):
        raise cli.UsageError("--compare %s: not the JSON of python -m tinynet.bench --json" % cli.quoted(path))
    return doc


def parse(argv: "list[str] | None") -> "tuple[argparse.Namespace, dict | None]":
    """Return the parsed arguments and the ``--compare`` document (or None), every path checked."""
    args = _parser().parse_args(argv)
    other = _load_compare(args.compare) if args.compare else None
    if args.json:
        options.check_output_file(args.json, "--json")
    return args, other


def load_numpy(skip: bool):  # type: ignore[no-untyped-def]
    """Return the numpy module, or None if ``skip`` or NumPy is not importable (imported only here)."""
    if skip:
        return None
    try:
        import numpy  # type: ignore[import-not-found, unused-ignore]  # optional: the reference only
    except ImportError:
        return None
    return numpy


def write_report(doc: dict, other: "dict | None", ticker: Ticker) -> None:
    """Print the scaling, memory, process figures (or why there are none) and ratios of ``doc``, then ``other``."""
    lines = report.extras_lines(doc) + report.ratio_lines(doc["ratios"])
    if other is not None:
        lines += report.compare_lines(doc, other)
    for line in lines:
        ticker.say(line)


def write_json(doc: dict, path: str) -> None:
    """Write ``doc`` to ``path`` as indented JSON; raise ``cli.UsageError`` if it cannot be written."""
    options.write_file(path, "--json", lambda f: json.dump(doc, f, indent=1))


def main(argv: "list[str] | None" = None) -> int:
    """Run the benchmark with command-line arguments ``argv``; return the exit status (module docstring)."""

    def command(out: cli.Output) -> int:
        args, other = parse(argv)
        ticker = Ticker(out, args.quick)
        try:
            doc = run(args, load_numpy(args.no_numpy), ticker)
            write_report(doc, other, ticker)
        except system.ChildFailed as exc:
            raise cli.UsageError(str(exc)) from None
        finally:
            ticker.close()  # before guarded's "interrupted", which would follow the progress line
        if args.json:
            write_json(doc, args.json)
            ticker.say("\nwrote %s" % args.json)
        return 0

    return cli.guarded(command)

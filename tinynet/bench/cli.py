"""``python -m tinynet.bench``: parse the command line, check its paths, measure, report.

The paths are checked before anything is timed: a ``--compare`` file that is
missing or not a benchmark's JSON, or a ``--json`` path whose folder does not
exist, ends the run at once with one ``error:`` line and exit status 2.
"""

import argparse
import json
import os
import sys
from typing import IO

from . import plans, products, report, system, training
from .timing import Results

__all__ = ["main", "parse", "run", "write_report", "write_json", "load_numpy", "UsageError"]


class UsageError(Exception):
    """A command-line path that cannot be used; its message follows ``error:``."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tinynet.bench",
                                     description="Time tinynet's training against its tutorial path and NumPy. "
                                                 "Prints figures and ratios; docs/performance.md has the targets.")
    parser.add_argument("--quick", action="store_true", help="fewer, smaller and shorter runs (a few seconds)")
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    parser.add_argument("--compare", metavar="FILE",
                        help="compare with another run's --json FILE (e.g. PyPy here against CPython there)")
    parser.add_argument("--no-numpy", action="store_true", help="skip the NumPy comparison even if NumPy is here")
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process timing")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory measurement")
    return parser


def _load_compare(path: str) -> dict:
    """Return the JSON document of another run at ``path``; raise UsageError if it cannot be one."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as exc:
        raise UsageError("--compare %s: %s" % (path, exc.strerror or exc)) from None
    except ValueError as exc:
        raise UsageError("--compare %s: not JSON (%s)" % (path, exc)) from None
    if not (isinstance(doc, dict) and isinstance(doc.get("machine"), dict) and isinstance(doc.get("rows"), list)):
        raise UsageError("--compare %s: not the JSON of python -m tinynet.bench --json" % path)
    return doc


def _check_json_path(path: str) -> None:
    """Raise UsageError unless ``path`` can be written: its folder exists and is writable, and it is no folder."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError("--json %s: no such folder %s" % (path, folder))
    if os.path.isdir(path):
        raise UsageError("--json %s: is a folder" % path)
    if not os.access(folder, os.W_OK):
        raise UsageError("--json %s: folder %s is not writable" % (path, folder))


def parse(argv: "list[str] | None") -> "tuple[argparse.Namespace, dict | None]":
    """Return the parsed arguments and the ``--compare`` document (or None), every path checked."""
    args = _parser().parse_args(argv)
    other = _load_compare(args.compare) if args.compare else None
    if args.json:
        _check_json_path(args.json)
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


def _numpy_note(np, skipped: bool) -> str:  # type: ignore[no-untyped-def]
    """Return what the header says about NumPy."""
    if np is not None:
        return "%s (the seed's code, verbatim)" % np.__version__
    if skipped:
        return "skipped (--no-numpy): no NumPy figures"
    return "not importable here: no NumPy figures"


def run(args: argparse.Namespace, np, out: IO[str]) -> dict:  # type: ignore[no-untyped-def]
    """Measure everything the arguments ask for; print the header first; return the run's JSON document."""
    plan = plans.plan_for(args.quick)
    machine = system.machine()
    print(report.header(machine, _numpy_note(np, args.no_numpy), args.quick), file=out)
    out.flush()
    results = Results()
    training.bench_xor(results, plan, np)
    for step in plan.steps:
        training.bench_step(results, step, np)
    products.bench_matmul(results, plan, np)
    scaling = products.bench_scaling(results, plan)
    memory = None if args.no_memory else system.bench_memory(plan)
    process = {} if args.no_process else system.bench_process(plan, np)
    return {"machine": machine, "quick": args.quick, "numpy": np.__version__ if np is not None else None,
            "rows": results.rows, "ratios": report.ratios(results, process), "scaling": scaling,
            "memory": memory, "process": process}


def write_report(doc: dict, args: argparse.Namespace, other: "dict | None", out: IO[str]) -> None:
    """Print the table, scaling, memory, process and ratios of ``doc``, then the comparison with ``other``."""
    results = Results()
    results.rows = doc["rows"]
    report.print_table(results, out)
    if args.no_memory:
        note = "skipped (--no-memory)"
    else:
        note = "not measured (no resource module on this system)"
    report.print_extras(doc["scaling"], doc["memory"], note, doc["process"], out)
    report.print_ratios(doc["ratios"], out)
    if other is not None:
        report.print_compare(doc, other, out)


def write_json(doc: dict, path: str) -> None:
    """Write ``doc`` to ``path`` as indented JSON."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)


def main(argv: "list[str] | None" = None) -> int:
    """Run the benchmark with command-line arguments ``argv``; return the exit status (2: a bad path)."""
    try:
        args, other = parse(argv)
    except UsageError as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 2
    out = sys.stdout
    doc = run(args, load_numpy(args.no_numpy), out)
    write_report(doc, args, other, out)
    if args.json:
        try:
            write_json(doc, args.json)
        except OSError as exc:  # checked before the run, but the folder may have gone since
            print("error: --json %s: %s" % (args.json, exc.strerror or exc), file=sys.stderr)
            return 2
        print("\nwrote %s" % args.json, file=out)
    return 0

"""A run: each workload chosen measured in turn, its rows printed as soon as it ends.

Before each timed run, ``Ticker.tick`` checks that standard output is still
open (``| head -1`` ends the run there, not at the next table) and, on a
terminal, redraws a progress line (``tinynet.progress``) saying what runs.
"""

import argparse

from .. import cli
from ..progress import Progress
from . import epochs, plans, products, report, system, training
from .timing import Results

__all__ = ["Ticker", "run", "PROGRESS_DELAY", "PROGRESS_WIDTH"]

PROGRESS_DELAY = 0.5  # seconds before the progress line appears
PROGRESS_WIDTH = 79  # wider than the terminal, it would wrap, and \r would redraw its last row only


def _numpy_note(np, skipped: bool) -> str:  # type: ignore[no-untyped-def]
    """Return what the header says about NumPy."""
    if np is not None:
        return "%s (the seed's code, verbatim)" % np.__version__
    if skipped:
        return "skipped (--no-numpy): no NumPy figures"
    return "not importable here: no NumPy figures"


class Ticker:
    """What the run prints: lines through ``say``; before each timed run, ``tick`` checks and shows progress.

    ``tick`` raises ``cli.OutputError`` if standard output is a pipe whose
    reader has gone, and redraws the progress line (on a terminal only).
    """

    def __init__(self, out: cli.Output, quick: bool) -> None:
        self.out = out
        self.progress = Progress(0, out, delay=PROGRESS_DELAY)
        self.name = "python -m tinynet.bench" + (" --quick" if quick else "")
        self.part = ""

    def tick(self, what: str) -> None:
        """Check standard output, then show ``what`` runs next, in which workload, and the time so far."""
        self.out.check_open()
        elapsed = self.progress.clock() - self.progress.start
        line = "%s: %s, %s" % (self.name, self.part, what)
        suffix = "  %.0f s" % elapsed
        if len(line) + len(suffix) > PROGRESS_WIDTH:
            line = line[:PROGRESS_WIDTH - len(suffix) - 3] + "..."
        self.progress.show(line + suffix)

    def say(self, line: str) -> None:
        """Print ``line`` on standard output, never on the progress line, and flush it (``| tee`` sees it)."""
        self.progress.write_line(line, self.out)
        self.out.flush()

    def close(self) -> None:
        """Erase the progress line."""
        self.progress.close()


def _skipped(name: str, args: argparse.Namespace, plan: plans.Plan) -> "str | None":
    """Return why the chosen workload ``name`` is not measured in this run, or None."""
    if name == "mnist" and plan.shape_repeats == 0:
        return "skipped in --quick (an epoch takes seconds): run it without --quick"
    if name == "memory" and args.no_memory:
        return "skipped (--no-memory)"
    if name == "process" and args.no_process:
        return "skipped (--no-process)"
    if name == "process" and plan.process_repeats == 0:
        return "skipped in --quick (each run takes a second or more): run it without --quick"
    return None


def _measure(name: str, plan: plans.Plan, np, results: Results, doc: dict, tick) -> None:  # type: ignore[no-untyped-def]
    """Measure the workload ``name``: its rows go to ``results``, its other figures to ``doc``."""
    if name == "xor":
        epochs.bench_xor(results, plan, np, tick)
    elif name == "mnist":
        epochs.bench_shape(results, plan, np, tick)
    elif name == "steps":
        for step in plan.steps:
            training.bench_step(results, step, np, tick)
    elif name == "matmul":
        products.bench_matmul(results, plan, np, tick)
    elif name == "scaling":
        doc["scaling"] = products.bench_scaling(results, plan, tick)
    elif name == "memory":
        doc["memory"] = system.bench_memory(plan, tick)
        if doc["memory"] is None:
            doc["skipped"]["memory"] = "not measured (no resource module on this system)"
    elif name == "process":
        doc["process"] = system.bench_process(plan, np, tick)


def run(args: argparse.Namespace, np, ticker: Ticker) -> dict:  # type: ignore[no-untyped-def]
    """Measure every workload the arguments choose, printing each one's rows as it ends; return the JSON document."""
    plan = plans.plan_for(args.quick)
    machine = system.machine()
    for line in report.header(machine, _numpy_note(np, args.no_numpy), args.quick) + [report.table_head()]:
        ticker.say(line)
    results = Results()
    doc = {"machine": machine, "quick": args.quick, "numpy": np.__version__ if np is not None else None,
           "only": [name for name in plans.WORKLOADS if name in args.only], "scaling": None, "memory": None,
           "process": {}, "skipped": {}}
    for name in doc["only"]:
        doc["skipped"][name] = _skipped(name, args, plan)
        if doc["skipped"][name] is None:
            del doc["skipped"][name]
            ticker.part = name
            shown = results.workloads()
            _measure(name, plan, np, results, doc, ticker.tick)
            for workload in results.workloads()[len(shown):]:
                for line in report.table_lines(results, workload):
                    ticker.say(line)
        elif name == "mnist":
            for line in report.wrapped("%s: %s" % (epochs.SHAPE_WORKLOAD, doc["skipped"][name]), "  "):
                ticker.say(line)
    doc["rows"], doc["ratios"] = results.rows, report.ratios(results, doc["process"])
    return doc



"""Whole processes: the machine, peak memory of a training process, and start-to-finish times.

Each measurement runs ``sys.executable`` on this copy of tinynet (its folder
first on PYTHONPATH), so the figures are those of the interpreter running the
benchmark.
"""

import os
import platform
import signal
import subprocess
import sys
import tempfile
import time

from .. import __version__
from ..seed_numpy import seed_script
from .plans import Plan
from .timing import median, turns

__all__ = ["machine", "bench_memory", "bench_process", "run_child", "ChildFailed", "MEMORY_SCRIPT", "XOR_COMMAND", "SEED_COMMAND"]

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
XOR_COMMAND = "python -m tinynet.xor --quiet"
SEED_COMMAND = "python seed.py"

# The peak resident size of this process, in KiB: VmHWM where Linux has it
# (getrusage's ru_maxrss survives exec, so a child started by a big parent
# reports the parent's peak), else ru_maxrss.
MEMORY_SCRIPT = """
import os, resource, sys, threading, time
def orphaned(parent=int(sys.argv[2])):
    # a Ctrl-C that lands while the benchmark starts this process can leave it without a parent
    # that waits for it: then it ends itself, rather than train on for minutes. The benchmark
    # passes its own pid: it may be gone already when this line runs
    while os.getppid() == parent:
        time.sleep(0.1)
    os._exit(130)
threading.Thread(target=orphaned, daemon=True).start()
def peak():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from tinynet import NeuralNetwork
from tinynet.data import XOR_X, XOR_Y
before = peak()
nn = NeuralNetwork(2, 4, 1, seed=0)
nn.train(XOR_X, XOR_Y, int(sys.argv[1]), verbose=False)
print(before, peak())
"""


def machine() -> dict:
    """Return the interpreter, platform, CPU count, tinynet version and date of this run."""
    return {"python": sys.version.split()[0], "implementation": sys.implementation.name,
            "executable": sys.executable, "machine": platform.machine(), "system": platform.system(),
            "processor": platform.processor() or "unknown", "cpus": os.cpu_count(),
            "tinynet": __version__, "date": time.strftime("%Y-%m-%d %H:%M:%S")}


def _environment() -> "dict[str, str]":
    """Return os.environ with this copy of tinynet first on PYTHONPATH."""
    path = os.environ.get("PYTHONPATH", "")
    return dict(os.environ, PYTHONPATH=ROOT + (os.pathsep + path if path else ""))


class ChildFailed(Exception):
    """A child process of the benchmark exited with a failure; the message names it and its last line."""


def run_child(command: "list[str]", what: str) -> str:
    """Return the standard output of ``command`` run to the end; raise ChildFailed if it fails.

    Its standard error is kept, to name a failure and so that nothing of a
    child reaches the terminal: Ctrl-C stops the child too (it is in the
    benchmark's process group), and a child stopped while Python starts says
    "Fatal Python error" there. A child ended by SIGINT is an interrupt.
    """
    done = subprocess.run(command, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if done.returncode == -getattr(signal, "SIGINT", 2):
        raise KeyboardInterrupt
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["no message"]
        raise ChildFailed("%s: the child process exited with status %d: %s" % (what, done.returncode, lines[-1]))
    return done.stdout


def bench_memory(plan: Plan, tick=None) -> "dict | None":  # type: ignore[no-untyped-def]
    """Return the peak resident memory (KiB) of fresh processes training XOR for a short and a long run.

    None where the ``resource`` module is missing (not POSIX).
    """
    try:
        import resource  # noqa: F401  (POSIX only; the child uses it)
    except ImportError:
        return None
    counts = plan.memory_epochs
    peaks = []
    for number, epochs in enumerate(counts):
        if tick is not None:
            tick("run %d/%d: a process training XOR for %d epochs" % (number + 1, len(counts), epochs))
        out = run_child([sys.executable, "-c", MEMORY_SCRIPT, str(epochs), str(os.getpid())], "memory").split()
        peaks.append((int(out[0]), int(out[1])))
    growth = (peaks[1][1] - peaks[0][1]) * 1024.0 / (counts[1] - counts[0])
    return {"epochs": list(counts), "peak_kib": [p[1] for p in peaks],
            "before_training_kib": [p[0] for p in peaks], "growth_bytes_per_epoch": growth}


def _command_runner(command: "list[str]", label: str):  # type: ignore[no-untyped-def]
    """Return a runner that runs ``command`` to the end, its output discarded."""
    def run() -> None:
        run_child(command, "process: " + label)
    return run


def bench_process(plan: Plan, np, tick=None) -> "dict[str, dict[str, float]]":  # type: ignore[no-untyped-def]
    """Time whole processes: ``python -m tinynet.xor --quiet``, and ``python seed.py`` if NumPy is given."""
    runners = [(XOR_COMMAND, _command_runner([sys.executable, "-m", "tinynet.xor", "--quiet"], XOR_COMMAND))]
    script = None
    if np is not None:
        fd, script = tempfile.mkstemp(suffix="_seed.py")
        with os.fdopen(fd, "w") as f:
            f.write(seed_script(seed=0))
        runners.append((SEED_COMMAND, _command_runner([sys.executable, script], SEED_COMMAND)))
    try:
        times = turns(runners, plan.process_repeats, tick=tick)
    finally:
        if script is not None:
            os.unlink(script)
    summary = {}
    for label, seconds in times.items():
        summary[label] = {"median_s": median(seconds), "min_s": min(seconds), "max_s": max(seconds)}
    return summary

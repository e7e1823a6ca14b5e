"""Whole processes: the machine, peak memory of a training process, and start-to-finish times.

Each measurement runs ``sys.executable`` on this copy of tinynet (its folder
first on PYTHONPATH), so the figures are those of the interpreter running the
benchmark.
"""

import os
import platform
import subprocess
import sys
import tempfile
import time

from .. import __version__
from ..seed_numpy import seed_script
from .plans import Plan
from .timing import median, turns

__all__ = ["machine", "bench_memory", "bench_process", "MEMORY_SCRIPT", "XOR_COMMAND", "SEED_COMMAND"]

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
XOR_COMMAND = "python -m tinynet.xor --quiet"
SEED_COMMAND = "python seed.py"

# The peak resident size of this process, in KiB: VmHWM where Linux has it
# (getrusage's ru_maxrss survives exec, so a child started by a big parent
# reports the parent's peak), else ru_maxrss.
MEMORY_SCRIPT = """
import resource, sys
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


def bench_memory(plan: Plan) -> "dict | None":
    """Return the peak resident memory (KiB) of fresh processes training XOR for a short and a long run.

    None where the ``resource`` module is missing (not POSIX).
    """
    try:
        import resource  # noqa: F401  (POSIX only; the child uses it)
    except ImportError:
        return None
    counts = plan.memory_epochs
    peaks = []
    for epochs in counts:
        out = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(epochs)], env=_environment(), check=True,
                             stdout=subprocess.PIPE, universal_newlines=True).stdout.split()
        peaks.append((int(out[0]), int(out[1])))
    growth = (peaks[1][1] - peaks[0][1]) * 1024.0 / (counts[1] - counts[0])
    return {"epochs": list(counts), "peak_kib": [p[1] for p in peaks],
            "before_training_kib": [p[0] for p in peaks], "growth_bytes_per_epoch": growth}


def _command_runner(command: "list[str]"):  # type: ignore[no-untyped-def]
    """Return a runner that runs ``command`` to the end, its output discarded."""
    def run() -> None:
        subprocess.run(command, env=_environment(), stdout=subprocess.DEVNULL, check=True)
    return run


def bench_process(plan: Plan, np) -> "dict[str, dict[str, float]]":  # type: ignore[no-untyped-def]
    """Time whole processes: ``python -m tinynet.xor --quiet``, and ``python seed.py`` if NumPy is given."""
    runners = [(XOR_COMMAND, _command_runner([sys.executable, "-m", "tinynet.xor", "--quiet"]))]
    script = None
    if np is not None:
        fd, script = tempfile.mkstemp(suffix="_seed.py")
        with os.fdopen(fd, "w") as f:
            f.write(seed_script(seed=0))
        runners.append((SEED_COMMAND, _command_runner([sys.executable, script])))
    try:
        times = turns(runners, plan.process_repeats)
    finally:
        if script is not None:
            os.unlink(script)
    summary = {}
    for label, seconds in times.items():
        summary[label] = {"median_s": median(seconds), "min_s": min(seconds), "max_s": max(seconds)}
    return summary

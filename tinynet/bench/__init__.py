"""``python -m tinynet.bench``: how fast tinynet trains, against its tutorial path and NumPy.

Every workload is measured in this process, after a warm-up, several times;
competitors take turns within each repetition, so a burst of load on a shared
machine hits them alike. Figures are medians (with min and max) per epoch, step
or product, and multiply-adds a second; every ratio is of medians from the
same run. The benchmark prints figures and ratios only: the project's targets,
and how far each run is from them, are in docs/performance.md.

Modules, one job each:

- ``plans``: the sizes, epochs and repetitions of ``--quick`` and full runs,
  and the workloads ``--only`` may name;
- ``timing``: turns, medians, the ``Results`` rows, multiply-add counts, fits;
- ``epochs``: whole epochs through the public API only: XOR with ``train``
  and with a subclass's, 784-128-10 with ``train(X, y, 1)`` and
  ``train(X, y, 10)``, and the seed's NumPy code;
- ``training``: wider single steps through ``kernel.epoch``, the tutorial's
  Matrix path and the seed's NumPy code;
- ``products``: the interpreter's dot-product ceiling, matrix products, and
  how a kernel step's time scales with the hidden size;
- ``system``: the machine, peak memory and whole-process times (subprocesses);
- ``report``: the table, the ratios, and ``--compare`` with another run;
- ``measure``: a run, workload by workload, with its progress line;
- ``cli``: the command line, path checks before any timing, and ``main``.

NumPy is imported only inside ``cli.load_numpy``, and only without ``--no-numpy``.
"""

from .cli import load_numpy, main
from .plans import FULL, QUICK, WORKLOADS, Plan, Step, plan_for
from .report import ratios
from .timing import Results, growth_exponent, madds_per_epoch, median, turns

__all__ = ["main", "madds_per_epoch", "growth_exponent", "median", "turns", "Results", "ratios",
           "Plan", "Step", "QUICK", "FULL", "plan_for", "load_numpy", "WORKLOADS"]

"""What the benchmark prints and writes: the table, the ratios, and a comparison with another run.

Only figures and ratios of figures: what the project aims for, and whether a
run meets it, is in docs/performance.md. Each function returns lines of at
most ``WIDTH`` characters, for the command to print as the run goes.
"""

import textwrap

from .system import SEED_COMMAND, XOR_COMMAND
from .timing import Results

__all__ = ["header", "table_head", "table_lines", "ratios", "ratio_lines", "extras_lines", "compare_lines",
           "wrapped", "ROLE_NAMES", "RATIOS", "WIDTH"]

WIDTH = 100  # columns of any line printed
# What each role is called in a ratio line
ROLE_NAMES = {"fast": "fast", "subclass": "subclass", "calls": "calls", "tutorial": "tutorial", "numpy": "NumPy",
              "ceiling": "ceiling"}
# The time ratios printed for every workload that has both roles: (numerator, denominator)
RATIOS = (("subclass", "fast"), ("calls", "fast"), ("fast", "tutorial"), ("fast", "numpy"))
LEGEND = ["fast = train, many epochs a call (in steps and products: the kernel)",
          "subclass = train of a subclass whose sigmoid only calls super().sigmoid(z)",
          "calls = train(X, y, 1), a call an epoch", "tutorial = the readable Matrix path",
          "NumPy = the seed's code", "ceiling = the fastest plain dot product"]
ROW = "  %-40s %-7s %11s %10s %10s %9s"
RATIO = "    %-44s %-32s %9s"


def wrapped(text: str, indent: str = "") -> "list[str]":
    """Return ``text`` as lines of at most ``WIDTH`` characters, the lines after the first indented."""
    return textwrap.wrap(text, WIDTH, subsequent_indent=indent, break_on_hyphens=False) or [""]


def header(machine: dict, numpy_note: str, quick: bool) -> "list[str]":
    """Return the lines that open a run: version and date, interpreter, machine, NumPy, quick or full."""
    return (["tinynet %s benchmark, %s" % (machine["tinynet"], machine["date"])]
            + wrapped("python: %s %s" % (machine["implementation"], machine["python"]))
            + wrapped("machine: %s %s (%s), %s CPUs" % (machine["system"], machine["machine"], machine["processor"],
                                                       machine["cpus"]))
            + wrapped("NumPy: " + numpy_note)
            + ["quick run: smaller sizes and fewer runs, not comparable with a full run" if quick else "full run",
               ""])


def table_head() -> str:
    """Return the line of column names that the rows of ``table_lines`` sit under."""
    return ROW % ("implementation", "per", "median us", "min us", "max us", "M madd/s")


def table_lines(results: Results, workload: str) -> "list[str]":
    """Return the workload's name, then one line per row: implementation, unit, median, min, max, M madd/s."""
    lines = [workload]
    for row in results.rows:
        if row["workload"] != workload:
            continue
        rate = "%.1f" % (row["madds_per_s"] / 1e6) if row["madds_per_s"] else "-"
        lines.append(ROW % (row["impl"], row["unit"], "%.1f" % row["median_us"], "%.1f" % row["min_us"],
                            "%.1f" % row["max_us"], rate))
    return lines


def _time_ratio(workload: str, top: dict, bottom: dict) -> dict:
    what = "time  %s / %s" % (ROLE_NAMES[top["role"]], ROLE_NAMES[bottom["role"]])
    measured = "%.1f / %.1f us" % (top["median_us"], bottom["median_us"])
    return {"workload": workload, "what": what, "measured": measured, "ratio": top["median_us"] / bottom["median_us"]}


def _rate_ratio(workload: str, fast: dict, ceilings: "list[dict]") -> dict:
    best = ceilings[0]
    for row in ceilings:
        if row["madds_per_s"] > best["madds_per_s"]:
            best = row
    what = "rate  fast / ceiling (%s)" % best["impl"].split(": ", 1)[-1]
    measured = "%.1f / %.1f M madd/s" % (fast["madds_per_s"] / 1e6, best["madds_per_s"] / 1e6)
    return {"workload": workload, "what": what, "measured": measured,
            "ratio": fast["madds_per_s"] / best["madds_per_s"]}


def ratios(results: Results, process: "dict[str, dict[str, float]]") -> "list[dict]":
    """Return the ratios of medians from this run: each pair of ``RATIOS``, the ceiling, process times.

    Time ratios below 1 mean the first is faster; rate ratios are of multiply-adds a second.
    """
    out = []
    for workload in results.workloads():
        for top_role, bottom_role in RATIOS:
            top, bottom = results.get(workload, top_role), results.get(workload, bottom_role)
            if top is not None and bottom is not None and bottom["median_us"] > 0.0:
                out.append(_time_ratio(workload, top, bottom))
        fast, ceilings = results.get(workload, "fast"), results.all(workload, "ceiling")
        if fast is not None and ceilings and fast["madds_per_s"] and ceilings[0]["madds_per_s"]:
            out.append(_rate_ratio(workload, fast, ceilings))
    if XOR_COMMAND in process and SEED_COMMAND in process:
        a, b = process[XOR_COMMAND]["median_s"], process[SEED_COMMAND]["median_s"]
        out.append({"workload": "process", "what": "time  tinynet.xor / seed.py (processes)",
                    "measured": "%.3f / %.3f s" % (a, b), "ratio": a / b})
    return out


def _grouped(lines: "list[dict]") -> "list[str]":
    """Return each ratio line under its workload's name, the name once."""
    out, last = [], None
    for line in lines:
        if line["workload"] != last:
            out.append("  " + line["workload"])
            last = line["workload"]
        out.append(RATIO % (line["what"], line["measured"], "%.3f" % line["ratio"]))
    return out


def ratio_lines(lines: "list[dict]") -> "list[str]":
    """Return the ratio lines under a heading and the legend of their names."""
    legend = ["  " + name for name in LEGEND]
    return ["", "ratios of medians from this run (time below 1: the first is faster), where"] + legend + _grouped(lines)


def extras_lines(doc: dict) -> "list[str]":
    """Return the scaling fit, the memory figures and the process times of a run's ``doc``, or why there are none.

    A part not chosen with ``--only`` gives no line.
    """
    lines = [""]
    scaling, memory, skipped = doc["scaling"], doc["memory"], doc["skipped"]
    if scaling is not None:
        lines += wrapped("scaling: step time against multiply-adds over hidden sizes, fitted exponent %.3f on "
                         "the medians, %.3f on the minima (1 = linear)"
                         % (scaling["exponent"], scaling["exponent_of_minima"]), "  ")
    if memory is not None:
        lines += wrapped("memory: peak resident size of a process training XOR: %d KiB at %d epochs, %d KiB at "
                         "%d; %.1f bytes per extra epoch (the two loss histories, a float and a list slot each, "
                         "are about 64)" % (memory["peak_kib"][0], memory["epochs"][0], memory["peak_kib"][1],
                                            memory["epochs"][1], memory["growth_bytes_per_epoch"]), "  ")
    for part in ("memory", "process"):
        if part in skipped:
            lines += wrapped("%s: %s" % (part, skipped[part]), "  ")
    for label, t in doc["process"].items():
        lines.append("process: %-32s median %.3f s (min %.3f, max %.3f)" % (label, t["median_s"], t["min_s"],
                                                                           t["max_s"]))
    return lines if len(lines) > 1 else []


def _find(doc: dict, workload: str, role: str) -> "dict | None":
    for row in doc.get("rows", []):
        if row.get("workload") == workload and row.get("role") == role:
            return row
    return None


def compare_lines(doc: dict, other: dict) -> "list[str]":
    """Return this run's figures against another run's: each row against the same role there, fast against NumPy.

    Typically PyPy here and CPython with NumPy there, or one checkout here and another there.
    """
    theirs = other["machine"]
    lines = [""] + wrapped("compared with %s %s, tinynet %s (%s), ratios here / there:" % (
        theirs.get("implementation"), theirs.get("python"), theirs.get("tinynet"), theirs.get("date")), "  ")
    if bool(other.get("quick")) != bool(doc.get("quick")):
        lines.append("  (one run is --quick and the other is not: their sizes and epochs differ)")
    found = []
    for row in doc["rows"]:
        if row["role"] not in ("fast", "subclass", "calls", "tutorial"):
            continue
        name = ROLE_NAMES[row["role"]]
        pairs = [(name + " there", _find(other, row["workload"], row["role"]))]
        if row["role"] == "fast":
            pairs.append(("NumPy there", _find(other, row["workload"], "numpy")))
        for label, ref in pairs:
            if ref and ref.get("median_us"):
                found.append({"workload": row["workload"], "what": "time  %s here / %s" % (name, label),
                              "measured": "%.1f / %.1f us" % (row["median_us"], ref["median_us"]),
                              "ratio": row["median_us"] / ref["median_us"]})
    return lines + (_grouped(found) if found else ["  (no workload of this run is in the other file)"])

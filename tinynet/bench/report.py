"""What the benchmark prints and writes: the table, the ratios, and a comparison with another run.

Only figures and ratios of figures: what the project aims for, and whether a
run meets it, is in docs/performance.md.
"""

from typing import IO

from .system import SEED_COMMAND, XOR_COMMAND
from .timing import Results

__all__ = ["header", "print_table", "ratios", "print_ratios", "print_extras", "print_compare", "ROLE_NAMES"]

# What each role is called in a ratio line
ROLE_NAMES = {"fast": "fast", "tutorial": "tutorial", "numpy": "NumPy", "ceiling": "ceiling"}
LEGEND = ("fast = train or the kernel; tutorial = the readable Matrix path; NumPy = the seed's code; "
          "ceiling = the fastest plain dot product")


def header(machine: dict, numpy_note: str, quick: bool) -> str:
    """Return the lines that open a run: version, interpreter, machine, NumPy, quick or full."""
    return ("tinynet %s benchmark: %s %s on %s %s (%s), %s CPUs, %s\nNumPy: %s\n%s\n" % (
        machine["tinynet"], machine["implementation"], machine["python"], machine["system"], machine["machine"],
        machine["processor"], machine["cpus"], machine["date"], numpy_note, "quick run" if quick else "full run"))


def print_table(results: Results, out: IO[str]) -> None:
    """Print one line per row: workload (once), implementation, unit, median, min, max, M madd/s."""
    print("%-30s %-34s %-8s %12s %12s %12s %10s" % ("workload", "implementation", "per", "median us", "min us",
                                                   "max us", "M madd/s"), file=out)
    last = None
    for row in results.rows:
        workload = row["workload"] if row["workload"] != last else ""
        last = row["workload"]
        rate = "%10.1f" % (row["madds_per_s"] / 1e6) if row["madds_per_s"] else "%10s" % "-"
        print("%-30s %-34s %-8s %12.1f %12.1f %12.1f %s" % (workload, row["impl"], row["unit"], row["median_us"],
                                                           row["min_us"], row["max_us"], rate), file=out)


def _time_ratio(workload: str, fast: dict, other: dict) -> dict:
    what = "time  fast / %s" % ROLE_NAMES[other["role"]]
    measured = "%.1f / %.1f us" % (fast["median_us"], other["median_us"])
    return {"workload": workload, "what": what, "measured": measured, "ratio": fast["median_us"] / other["median_us"]}


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
    """Return the ratios of medians from this run: fast against each other path, and process times.

    Time ratios below 1 mean fast is faster; rate ratios are of multiply-adds a second.
    """
    out = []
    for workload in results.workloads():
        fast = results.get(workload, "fast")
        if fast is None:
            continue
        for role in ("tutorial", "numpy"):
            other = results.get(workload, role)
            if other is not None and other["median_us"] > 0.0:
                out.append(_time_ratio(workload, fast, other))
        ceilings = results.all(workload, "ceiling")
        if ceilings and fast["madds_per_s"] and ceilings[0]["madds_per_s"]:
            out.append(_rate_ratio(workload, fast, ceilings))
    if XOR_COMMAND in process and SEED_COMMAND in process:
        a, b = process[XOR_COMMAND]["median_s"], process[SEED_COMMAND]["median_s"]
        out.append({"workload": "process", "what": "time  tinynet.xor / seed.py (whole processes)",
                    "measured": "%.3f / %.3f s" % (a, b), "ratio": a / b})
    return out


def print_ratios(lines: "list[dict]", out: IO[str]) -> None:
    """Print the ratio lines under a heading and the legend of their names."""
    print("\nratios of medians from this run (%s):" % LEGEND, file=out)
    for line in lines:
        print("  %-30s %-44s %-26s %8.3f" % (line["workload"], line["what"], line["measured"], line["ratio"]),
              file=out)


def print_extras(scaling: dict, memory: "dict | None", memory_note: str, process: dict, out: IO[str]) -> None:
    """Print the scaling fit, the memory figures (or why there are none) and the process times."""
    print("\nscaling: step time against multiply-adds over hidden sizes, fitted exponent %.3f on the medians, "
          "%.3f on the minima (1 = linear)" % (scaling["exponent"], scaling["exponent_of_minima"]), file=out)
    if memory is None:
        print("memory: %s" % memory_note, file=out)
    else:
        print("memory: peak resident size of a process training XOR: %d KiB at %d epochs, %d KiB at %d; "
              "%.1f bytes per extra epoch (the two loss histories, a float and a list slot each, are about 64)"
              % (memory["peak_kib"][0], memory["epochs"][0], memory["peak_kib"][1], memory["epochs"][1],
                 memory["growth_bytes_per_epoch"]), file=out)
    if not process:
        print("process: skipped (--no-process)", file=out)
    for label, t in process.items():
        print("process: %-32s median %.3f s (min %.3f, max %.3f)" % (label, t["median_s"], t["min_s"],
                                                                    t["max_s"]), file=out)


def _find(doc: dict, workload: str, role: str) -> "dict | None":
    for row in doc.get("rows", []):
        if row.get("workload") == workload and row.get("role") == role:
            return row
    return None


def print_compare(doc: dict, other: dict, out: IO[str]) -> None:
    """Print this run's fast figures against another run's (typically PyPy here, CPython with NumPy there)."""
    theirs = other["machine"]
    print("\ncompared with %s %s (%s), ratios here / there:" % (theirs.get("implementation"), theirs.get("python"),
                                                                theirs.get("date")), file=out)
    if bool(other.get("quick")) != bool(doc.get("quick")):
        print("  (one run is --quick and the other is not: their sizes and epochs differ)", file=out)
    found = 0
    for row in doc["rows"]:
        if row["role"] != "fast":
            continue
        there = _find(other, row["workload"], "fast")
        numpy = _find(other, row["workload"], "numpy")
        for label, ref in (("fast there", there), ("NumPy there", numpy)):
            if ref and ref.get("median_us"):
                found += 1
                measured = "%.1f / %.1f us" % (row["median_us"], ref["median_us"])
                print("  %-30s %-44s %-26s %8.3f" % (row["workload"], "time  fast here / " + label, measured,
                                                     row["median_us"] / ref["median_us"]), file=out)
    if not found:
        print("  (no workload of this run is in the other file)", file=out)

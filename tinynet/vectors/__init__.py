"""Language-neutral test vectors: write them, answer them, check a port's answers.

The vectors ship as ``tinynet/vectors/<group>.json``, one file per group, each
in this envelope (docs/SPEC.md, "Test vectors"):

  {"schema": "tinynet-vectors", "schema_version": 1, "group": ..., "description": ...,
   "generator": {"tool": ..., "tinynet": version, "platform": ...},
   "tiers": {name: {"rtol": ..., "atol": ...}}, "count": n,
   "cases": [{"id", "comment", "flags", "op", "tier", "inputs", "expected"}, ...]}

A port reads the inputs, computes the outputs, and writes an answers file:

  {"schema": "tinynet-answers", "schema_version": 1, "implementation": "...",
   "answers": {case id: {output name: value, ...}, ...}}

which ``check`` compares with the expected outputs, tier by tier.
"""

import json
import math
import os
import platform
import sys

from .. import __version__
from ..trace import flatten
from .cases import GROUPS, run

__all__ = ["SCHEMA", "ANSWERS_SCHEMA", "TIERS", "VECTORS_DIR", "generate", "load_groups", "answers", "check"]

SCHEMA = "tinynet-vectors"
ANSWERS_SCHEMA = "tinynet-answers"
SCHEMA_VERSION = 1
VECTORS_DIR = os.path.dirname(os.path.abspath(__file__))

# |got - expected| <= atol + rtol * |expected|; "exact" compares the bits (zero's sign too)
TIERS = {
    "exact": {"rtol": 0.0, "atol": 0.0, "means": "only + - * /, or integers: every bit must agree"},
    "exp": {"rtol": 1e-12, "atol": 1e-300, "means": "one exp or log per value: libm may differ in the last bit"},
    "short": {"rtol": 1e-10, "atol": 1e-12, "means": "a few exps chained: one pass, or up to 100 epochs"},
    "long": {"rtol": 1e-6, "atol": 1e-8,
             "means": "a long trajectory (10000 epochs); the rounded predictions must agree exactly"},
}


def _dumps(doc) -> str:
    # one case per line keeps diffs readable; json writes floats in shortest round-trip form
    head = {k: v for k, v in doc.items() if k != "cases"}
    text = json.dumps(head, indent=1)[:-2]
    cases = ",\n".join("  " + json.dumps(c) for c in doc["cases"])
    return text + ',\n "cases": [\n' + cases + "\n ]\n}\n"


def build_group(name: str, description: str, make) -> dict:
    """Return one group's document: its cases with the outputs tinynet computes."""
    cases = []
    for c in make():
        c = dict(c)
        c["expected"] = run(c["op"], c["inputs"])
        cases.append(c)
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "group": name,
        "description": description,
        "generator": {"tool": "python -m tinynet.vectors generate", "tinynet": __version__,
                      "platform": "%s %s" % (sys.platform, platform.machine())},
        "tiers": {k: {"rtol": v["rtol"], "atol": v["atol"]} for k, v in TIERS.items()},
        "count": len(cases),
        "cases": cases,
    }


def generate(folder: str) -> "list[str]":
    """Write every group's file into ``folder``; return the paths written."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, description, make in GROUPS:
        path = os.path.join(folder, name + ".json")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(_dumps(build_group(name, description, make)))
        paths.append(path)
    return paths


def load_groups(folder: str = VECTORS_DIR) -> "list[dict]":
    """Return the group documents in ``folder``, in the spec's order."""
    docs = []
    for name, _, _ in GROUPS:
        with open(os.path.join(folder, name + ".json"), encoding="utf-8") as f:
            doc = json.load(f)
        if doc.get("schema") != SCHEMA or doc.get("schema_version") != SCHEMA_VERSION:
            raise ValueError("%s.json is not %s version %d" % (name, SCHEMA, SCHEMA_VERSION))
        docs.append(doc)
    return docs


def answers(folder: str = VECTORS_DIR) -> dict:
    """Return tinynet's own answers to the vectors in ``folder``, in the answers format."""
    result = {}
    for doc in load_groups(folder):
        for c in doc["cases"]:
            result[c["id"]] = run(c["op"], c["inputs"])
    return {"schema": ANSWERS_SCHEMA, "schema_version": SCHEMA_VERSION,
            "implementation": "tinynet %s (Python)" % __version__, "answers": result}


def _mismatch(expected, got, tier: dict) -> bool:
    if isinstance(expected, bool) or not isinstance(expected, (int, float)):
        return expected != got
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return True
    if isinstance(expected, int) and isinstance(got, int):
        return expected != got
    expected, got = float(expected), float(got)
    if tier["rtol"] == 0.0 and tier["atol"] == 0.0:
        return expected.hex() != got.hex()
    if not math.isfinite(got):
        return True
    return abs(got - expected) > tier["atol"] + tier["rtol"] * abs(expected)


def compare(case: dict, got) -> "str | None":
    """Return None if ``got`` matches the case's expected outputs, else where and how it differs."""
    tier = TIERS[case["tier"]]
    if not isinstance(got, dict):
        return "the answer is not an object of outputs"
    for name, expected in case["expected"].items():
        if name not in got:
            return "%s: missing" % name
        flat_expected = list(flatten(expected, name))
        flat_got = list(flatten(got[name], name))
        if [p for p, _ in flat_expected] != [p for p, _ in flat_got]:
            return "%s: shape differs (expected %d values, got %d)" % (name, len(flat_expected), len(flat_got))
        for (where, e), (_, g) in zip(flat_expected, flat_got):
            if _mismatch(e, g, tier):
                return "%s: expected %r, got %r" % (where, e, g)
    return None


def check(answers_doc: dict, folder: str = VECTORS_DIR, out=None, quiet: bool = False) -> "tuple[int, int]":
    """Compare an answers document with the vectors; print a line per case and a summary.

    Returns (passed, failed); a case with no answer counts as failed.
    """
    out = sys.stdout if out is None else out
    if not isinstance(answers_doc, dict) or answers_doc.get("schema") != ANSWERS_SCHEMA:
        raise ValueError("the answers file must have \"schema\": %r" % ANSWERS_SCHEMA)
    given = answers_doc.get("answers")
    if not isinstance(given, dict):
        raise ValueError("the answers file must have an \"answers\" object: case id -> outputs")
    passed = failed = 0
    for doc in load_groups(folder):
        for c in doc["cases"]:
            if c["id"] not in given:
                problem = "no answer"
            else:
                problem = compare(c, given[c["id"]])
            if problem is None:
                passed += 1
                if not quiet:
                    print("pass  %s" % c["id"], file=out)
            else:
                failed += 1
                print("FAIL  %s [%s]: %s" % (c["id"], c["tier"], problem), file=out)
    print("vectors: %d passed, %d failed" % (passed, failed), file=out)
    return passed, failed

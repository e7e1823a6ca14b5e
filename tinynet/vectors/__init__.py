"""Language-neutral test vectors: write them, answer them, check a port's answers.

The vectors ship as ``tinynet/vectors/<group>.json``, one file per group, each
in this envelope (docs/SPEC.md, "Test vectors"):

  {"schema": "tinynet-vectors", "schema_version": 2, "group": ..., "description": ...,
   "generator": {"tool": ..., "tinynet": version, "platform": ...},
   "tiers": {name: {"rtol": ..., "atol": ...}}, "skippable": {flag: why}, "count": n,
   "cases": [{"id", "comment", "flags", "op", "tier", "inputs", "expected"}, ...]}

A port reads the inputs, computes the outputs, and writes an answers file:

  {"schema": "tinynet-answers", "schema_version": 2, "implementation": "...",
   "answers": {case id: {output name: value, ...} or {"skip": reason}, ...}}

which ``check`` compares with the expected outputs, tier by tier. The cases
are built in cases.py and the modules it names, answered by answer.py, and
checked by checker.py.
"""

import json
import os
import platform
import sys

from .. import __version__
from .cases import GROUPS, run
from .checker import ANSWERS_SCHEMA, ANSWERS_VERSION, TIERS, compare, read_answers
from .checker import check as check_docs
from .common import FLAGS, SKIPPABLE

__all__ = ["SCHEMA", "SCHEMA_VERSION", "ANSWERS_SCHEMA", "TIERS", "FLAGS", "SKIPPABLE", "VECTORS_DIR", "GROUPS",
           "generate", "load_groups", "answers", "check", "compare", "read_answers"]

SCHEMA = "tinynet-vectors"
SCHEMA_VERSION = 3  # 3: the group demo, the ops xor_report, demo_option, train_lines, train's "again"
VECTORS_DIR = os.path.dirname(os.path.abspath(__file__))


def _dumps(doc: dict) -> str:
    # one case per line keeps diffs readable; json writes floats in shortest round-trip form
    head = {k: v for k, v in doc.items() if k != "cases"}
    text = json.dumps(head, indent=1)[:-2]
    cases = ",\n".join("  " + json.dumps(c) for c in doc["cases"])
    return text + ',\n "cases": [\n' + cases + "\n ]\n}\n"


def build_group(name: str, description: str, make) -> dict:  # type: ignore[no-untyped-def]
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
        "skippable": dict(SKIPPABLE),
        "count": len(cases),
        "cases": cases,
    }


def generate(folder: str) -> "list[str]":
    """Write every group's file into ``folder`` (made if missing); return the paths written."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, description, make in GROUPS:
        path = os.path.join(folder, name + ".json")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(_dumps(build_group(name, description, make)))
        paths.append(path)
    return paths


def load_groups(folder: str = VECTORS_DIR) -> "list[dict]":
    """Return the group documents in ``folder``, in the spec's order; raise ValueError if one is not valid."""
    docs = []
    for name, _, _ in GROUPS:
        path = os.path.join(folder, name + ".json")
        with open(path, "rb") as f:
            data = f.read()
        try:
            doc = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError) as exc:
            raise ValueError("%s is not a vectors file: %s" % (path, exc)) from None
        if not isinstance(doc, dict) or doc.get("schema") != SCHEMA or doc.get("schema_version") != SCHEMA_VERSION:
            raise ValueError("%s is not %s version %d" % (path, SCHEMA, SCHEMA_VERSION))
        _check_cases(doc, path)
        docs.append(doc)
    return docs


def _check_cases(doc: dict, path: str) -> None:
    """Raise ValueError naming the case unless every case has the fields the checker reads."""
    cases = doc.get("cases")
    if not isinstance(cases, list):
        raise ValueError("%s has no list of cases" % path)
    for number, c in enumerate(cases):
        if not (isinstance(c, dict) and isinstance(c.get("id"), str) and c.get("tier") in TIERS
                and isinstance(c.get("flags"), list) and isinstance(c.get("inputs"), dict)
                and isinstance(c.get("expected"), dict) and isinstance(c.get("op"), str)):
            raise ValueError("%s: case %d lacks an id, op, tier, flags, inputs or expected outputs" % (path, number))


def answers(folder: str = VECTORS_DIR, skip: "dict[str, str] | None" = None) -> dict:
    """Return tinynet's own answers to the vectors in ``folder``, in the answers format.

    ``skip`` maps flags to reasons: a case with one of those flags is answered
    ``{"skip": reason}``, as a port that cannot express it would answer.
    """
    skip = skip or {}
    result = {}
    for doc in load_groups(folder):
        for c in doc["cases"]:
            reasons = [skip[flag] for flag in c["flags"] if flag in skip]
            result[c["id"]] = {"skip": reasons[0]} if reasons else run(c["op"], c["inputs"])
    return {"schema": ANSWERS_SCHEMA, "schema_version": ANSWERS_VERSION,
            "implementation": "tinynet %s (Python)" % __version__, "answers": result}


def check(answers_doc: dict, folder: str = VECTORS_DIR, out=None, quiet: bool = False) -> "tuple[int, int, int]":  # type: ignore[no-untyped-def]
    """Compare an answers document with the vectors in ``folder``; print a line per case and a summary.

    Returns (passed, failed, skipped). A case with no answer fails; a port is
    right when nothing fails (docs/SPEC.md, "Test vectors").
    """
    return check_docs(answers_doc, load_groups(folder), out=out, quiet=quiet)

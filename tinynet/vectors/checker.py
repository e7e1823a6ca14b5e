"""Check a port's answers against the vectors: pass, FAIL or skip per case, and a summary line.

A value passes when |got - expected| <= atol + rtol * |expected| for its
case's tier; where both are 0 the bits must agree, the sign of zero included.
An answer ``{"skip": reason}`` skips a case flagged with one of the SKIPPABLE
flags; skipping any other case fails it. A case with no answer fails.
"""

import json
import math
import sys

from ..trace import flatten
from .common import SKIPPABLE

__all__ = ["ANSWERS_SCHEMA", "ANSWERS_VERSION", "TIERS", "compare", "check", "read_answers"]

ANSWERS_SCHEMA = "tinynet-answers"
ANSWERS_VERSION = 2  # version 1 files read the same: version 2 adds {"skip": reason}

# |got - expected| <= atol + rtol * |expected|; "exact" compares the bits (zero's sign too)
TIERS = {
    "exact": {"rtol": 0.0, "atol": 0.0, "means": "only + - * /, integers or text: every bit must agree"},
    "exp": {"rtol": 1e-12, "atol": 0.0,
            "means": "one exp or log per value: libm may differ in the last bit; subnormals compare relatively too"},
    "short": {"rtol": 1e-10, "atol": 1e-12, "means": "a few exps chained: one pass, or up to 100 epochs"},
    "long": {"rtol": 1e-6, "atol": 1e-8,
             "means": "a long trajectory (10000 epochs); the rounded predictions must agree exactly"},
}


def _as_float(value) -> "float | None":  # type: ignore[no-untyped-def]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return float(value)
    except OverflowError:  # an int beyond every double
        return None


def _mismatch(expected, got, tier: dict) -> bool:  # type: ignore[no-untyped-def]
    if isinstance(expected, bool) or not isinstance(expected, (int, float)):
        return type(expected) is not type(got) or expected != got
    if isinstance(expected, int) and isinstance(got, int) and not isinstance(got, bool):
        return expected != got
    e, g = _as_float(expected), _as_float(got)
    if e is None or g is None:
        return True
    if tier["rtol"] == 0.0 and tier["atol"] == 0.0:
        return e.hex() != g.hex()  # hex keeps the sign of zero; nan never equals a finite expected value
    if not math.isfinite(g):
        return True
    return abs(g - e) > tier["atol"] + tier["rtol"] * abs(e)


def compare(case: dict, got) -> "str | None":  # type: ignore[no-untyped-def]
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
                return "%s: expected %r, got %s" % (where, e, _shown(g))
    return None


def _shown(value) -> str:  # type: ignore[no-untyped-def]
    text = repr(value) if not isinstance(value, int) or abs(value) < 2**64 else "an int beyond 2**64"
    return text if len(text) <= 60 else text[:57] + "..."


def _skip_reason(answer) -> "str | None":  # type: ignore[no-untyped-def]
    if isinstance(answer, dict) and set(answer) == {"skip"}:
        return answer["skip"] if isinstance(answer["skip"], str) else repr(answer["skip"])
    return None


def _verdict(case: dict, given: dict) -> "tuple[str, str | None]":
    """Return ("pass" | "FAIL" | "skip", detail) for one case."""
    if case["id"] not in given:
        return "FAIL", "no answer"
    answer = given[case["id"]]
    reason = _skip_reason(answer)
    if reason is None:
        problem = compare(case, answer)
        return ("pass", None) if problem is None else ("FAIL", problem)
    if any(flag in SKIPPABLE for flag in case["flags"]):
        return "skip", reason
    return "FAIL", "skipped (%s), but only cases flagged %s may be skipped" % (reason, " or ".join(sorted(SKIPPABLE)))


def read_answers(path: str) -> dict:
    """Return the answers document in the file ``path``; raise ValueError saying what is wrong with it."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("%s is not UTF-8 text: an answers file is JSON" % path) from None
    except RecursionError:
        raise ValueError("%s is nested too deeply to be an answers file" % path) from None
    except ValueError as exc:
        raise ValueError("%s is not valid JSON: %s" % (path, exc)) from None
    return doc


def _answers_object(doc) -> dict:  # type: ignore[no-untyped-def]
    if not isinstance(doc, dict) or doc.get("schema") != ANSWERS_SCHEMA:
        raise ValueError("the answers file must be a JSON object with \"schema\": %r" % ANSWERS_SCHEMA)
    version = doc.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= ANSWERS_VERSION:
        raise ValueError("the answers file has schema_version %s; this checker reads 1 to %d"
                         % (_shown(version), ANSWERS_VERSION))
    given = doc.get("answers")
    if not isinstance(given, dict):
        raise ValueError("the answers file must have an \"answers\" object: case id -> outputs")
    return given


def check(answers_doc: dict, docs: "list[dict]", out=None, quiet: bool = False) -> "tuple[int, int, int]":  # type: ignore[no-untyped-def]
    """Compare an answers document with the group documents; print a line per case and a summary.

    Returns (passed, failed, skipped); a case with no answer fails.
    """
    out = sys.stdout if out is None else out
    given = _answers_object(answers_doc)
    counts = {"pass": 0, "FAIL": 0, "skip": 0}
    for doc in docs:
        for c in doc["cases"]:
            verdict, detail = _verdict(c, given)
            counts[verdict] += 1
            if verdict == "FAIL":
                print("FAIL  %s [%s]: %s" % (c["id"], c["tier"], detail), file=out)
            elif verdict == "skip":
                print("skip  %s: %s" % (c["id"], detail), file=out)
            elif not quiet:
                print("pass  %s" % c["id"], file=out)
    print("vectors: %d passed, %d failed, %d skipped" % (counts["pass"], counts["FAIL"], counts["skip"]), file=out)
    return counts["pass"], counts["FAIL"], counts["skip"]

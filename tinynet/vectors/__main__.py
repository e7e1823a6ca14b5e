"""``python -m tinynet.vectors``: generate, answer and check test vectors; diff two traces."""

import argparse
import json
import sys

from . import VECTORS_DIR, GROUPS, answers, check, generate, load_groups
from ..trace import first_difference


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tinynet.vectors",
        description="tinynet's language-neutral test vectors (docs/SPEC.md, 'Test vectors').",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    p = sub.add_parser("generate", help="write the vector files into DIR",
                       description="Write one JSON file per group into DIR (the shipped ones live in %s)."
                       % VECTORS_DIR)
    p.add_argument("dir", metavar="DIR")
    p = sub.add_parser("list", help="list the groups and their case counts",
                       description="List the groups of the shipped vectors and the number of cases in each.")
    p.add_argument("--vectors", metavar="DIR", default=VECTORS_DIR, help="vectors folder (default: shipped)")
    p = sub.add_parser("answer", help="write tinynet's own answers to FILE",
                       description="Run every case through tinynet and write the answers file a port would write.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--vectors", metavar="DIR", default=VECTORS_DIR, help="vectors folder (default: shipped)")
    p = sub.add_parser("check", help="check a port's ANSWERS.json against the vectors",
                       description="Report each case as pass or FAIL (first differing entry, both values, "
                       "the tier) and a summary; exit 1 on any failure or missing case.")
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("--vectors", metavar="DIR", default=VECTORS_DIR, help="vectors folder (default: shipped)")
    p.add_argument("--quiet", action="store_true", help="print only failures and the summary")
    p = sub.add_parser("diff-trace", help="name the first epoch and quantity where two traces differ",
                       description="Compare two traces (python -m tinynet.xor --trace FILE) epoch by epoch, "
                       "quantity by quantity in the order they are computed; exit 1 if they differ.")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--rtol", type=float, default=0.0, help="relative tolerance (default 0: every bit)")
    return parser


def main(argv: "list[str] | None" = None) -> int:
    """Run the command in ``argv``; return the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "generate":
        for path in generate(args.dir):
            print("wrote", path)
        return 0
    if args.command == "list":
        total = 0
        for doc in load_groups(args.vectors):
            print("%-10s %4d  %s" % (doc["group"], doc["count"], doc["description"]))
            total += doc["count"]
        print("%-10s %4d" % ("total", total))
        return 0
    if args.command == "answer":
        with open(args.file, "w", encoding="utf-8") as f:
            json.dump(answers(args.vectors), f)
            f.write("\n")
        print("wrote", args.file)
        return 0
    if args.command == "check":
        try:
            with open(args.answers, encoding="utf-8") as f:
                doc = json.load(f)
            passed, failed = check(doc, args.vectors, quiet=args.quiet)
        except (OSError, ValueError) as exc:
            print("error: %s" % exc, file=sys.stderr)
            return 2
        return 1 if failed else 0
    if args.command == "diff-trace":
        with open(args.a, encoding="utf-8") as fa, open(args.b, encoding="utf-8") as fb:
            found = first_difference(fa, fb, args.rtol)
        if found is None:
            print("traces agree")
            return 0
        epoch, where, what = found
        print("first difference: epoch %s, %s: %s" % (epoch, where, what))
        return 1
    return 2  # unreachable: argparse requires a command


if __name__ == "__main__":
    sys.exit(main())

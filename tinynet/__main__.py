"""``python -m tinynet``: list tinynet's commands, one line each; each one runs as ``python -m tinynet.NAME``.

Exit status 0; 2 for an argument it does not take (one ``error:`` line on
standard error), with the command to run instead if it names one.
"""

import argparse
import sys

from . import __version__, cli

__all__ = ["COMMANDS", "listing", "main"]

TITLE = "tinynet %s: the seed tutorial's neural network in pure Python."

COMMANDS = (
    ("xor", "train the tutorial's 2-4-1 network on XOR and say whether it learned"),
    ("iris", "the same network on real data, Fisher's Iris flowers (4-8-3)"),
    ("bench", "time training against the tutorial's NumPy code and tinynet's readable path"),
    ("vectors", "test vectors for ports: list, answer, check, diff-trace"),
    ("playground", "serve a page that trains tinynet in your browser (Pyodide) and shows the code that runs"),
)


def listing() -> str:
    """Return the commands, one line each, as ``python -m tinynet`` prints them."""
    width = max(len(name) for name, _ in COMMANDS)
    lines = ["commands (each takes --help):"]
    for name, what in COMMANDS:
        lines.append("  python -m tinynet.%-*s  %s" % (width, name, what))
    return "\n".join(lines) + "\n"


def _parser() -> cli.Parser:
    parser = cli.Parser(prog="python -m tinynet", description=TITLE % __version__, epilog=listing(),
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="tinynet %s" % __version__)
    parser.add_argument("command", nargs="?", help=argparse.SUPPRESS)
    return parser


def main(argv: "list[str] | None" = None) -> int:
    """List the commands; return the exit status (0, or 2 for an argument it does not take)."""

    def command(out: cli.Output) -> int:
        name = _parser().parse_args(argv).command
        if name is not None:
            names = [known for known, _ in COMMANDS]
            hint = "run python -m tinynet.%s" % name if name in names else "the commands are %s" % ", ".join(names)
            raise cli.UsageError("python -m tinynet takes no command, got %s; %s" % (cli.quoted(name), hint))
        out.write(TITLE % __version__ + "\n\n")
        out.write(listing())
        return 0

    return cli.guarded(command)


if __name__ == "__main__":
    sys.exit(main())

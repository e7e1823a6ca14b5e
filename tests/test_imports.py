"""The layers: the core imports only ``math``; tools use the core's public names; no cycles.

``tinynet.core`` (what a port or MicroPython carries) imports nothing but
``math`` and itself. The tools (serialize, data, trace, gradcheck, plot,
progress, vectors, seed_numpy) import the standard library, the core and each
other, never a command. The commands (xor, iris, bench, ``python -m
tinynet.vectors``, ``python -m tinynet``) may import anything below them. No
module reads another module's ``_name``, and no import cycle exists.
"""

import ast
import os
import subprocess
import sys

import pytest

from runtimes import needs_processes

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "tinynet")
TOOLS = {"tinynet.serialize", "tinynet.data", "tinynet.trace", "tinynet.gradcheck", "tinynet.plot",
         "tinynet.progress", "tinynet.vectors", "tinynet.vectors.cases", "tinynet.seed_numpy"}
TOOLS |= {"tinynet.serialize.document", "tinynet.serialize.files", "tinynet.data.numeric_csv"}
TOOLS |= {"tinynet.svg", "tinynet.decision", "tinynet.cli", "tinynet.options"}
TOOLS |= {"tinynet.vectors." + n for n in "answer checker common demo demo_cases drift error_cases file_cases fma loss_cases network_cases network_ops numeric_cases".split()}
# The imports in the core that are not math: the operating system's entropy, imported
# inside rng.fresh_seed only when a network is made with seed=None; and operator, in a
# try block, where formulas and matrix take C's arithmetic as functions (a fallback stands in).
CORE_EXCEPTIONS = {("tinynet.core.rng", "os"), ("tinynet.core.formulas", "operator"),  # operator: guarded
                   ("tinynet.core.matrix", "operator")}


def module_files():
    """Return {module name: path} for every module of the package."""
    found = {}
    for folder, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                parts = os.path.relpath(path, ROOT)[:-3].split(os.sep)
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                found[".".join(parts)] = path
    return found


MODULES = module_files()
TOOLS |= {"tinynet.data.shapes"}  # moons and circles, beside the other data sets


def layer(module: str) -> str:
    if module == "tinynet.core" or module.startswith("tinynet.core."):
        return "core"
    if module in TOOLS:
        return "tool"
    return "command"


def parse(module: str) -> ast.Module:
    with open(MODULES[module], encoding="utf-8") as f:
        return ast.parse(f.read())


def run_time_nodes(tree: ast.AST):
    """Yield every node, except those under ``if TYPE_CHECKING:``: names for mypy, never imported."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            continue
        yield node
        for child in run_time_nodes(node):
            yield child


def imports(module: str):
    """Yield every module name that ``module`` imports when it runs, resolved to absolute names."""
    is_package = MODULES[module].endswith("__init__.py")
    for node in run_time_nodes(parse(module)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                parts = module.split(".")
                parts = parts if is_package else parts[:-1]
                parts = parts[:len(parts) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:
                yield base + "." + alias.name if base + "." + alias.name in MODULES else base


def internal_imports(module: str):
    return {name for name in imports(module) if name in MODULES and name != module}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == "core"))
def test_the_core_imports_only_math_and_itself(module):
    for name in imports(module):
        if name.startswith("tinynet"):
            assert layer(name) == "core", "%s imports %s" % (module, name)
        else:
            assert name == "math" or (module, name) in CORE_EXCEPTIONS, "%s imports %s" % (module, name)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == "tool"))
def test_tools_import_no_command(module):
    for name in internal_imports(module):
        assert layer(name) in ("core", "tool") or name == "tinynet", "%s imports %s" % (module, name)
        assert name != "tinynet" or module == "tinynet.vectors", "%s imports the package facade" % module


def private_names(module: str) -> "set[str]":
    """The ``_names`` a module defines: functions, classes, assigned names and attributes."""
    names = set()
    for node in ast.walk(parse(module)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return {n for n in names if n.startswith("_") and not n.endswith("__")}


def foreign_private_uses(module: str) -> "list[str]":
    own = private_names(module)
    found = []
    for node in ast.walk(parse(module)):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.endswith("__"):
            if node.attr not in own:
                found.append("%s uses .%s (line %d)" % (module, node.attr, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            found += ["%s imports %s" % (module, a.name) for a in node.names
                      if a.name.startswith("_") and not a.name.endswith("__")]
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_touches_another_modules_private_names(module):
    assert foreign_private_uses(module) == []


def test_the_private_name_check_flags_a_foreign_use(tmp_path, monkeypatch):
    path = tmp_path / "intruder.py"
    path.write_text("from tinynet.core import kernel\nkernel._step([[1.0]], [[1.0]], [[1.0]], 0.1)\n"
                    "from tinynet.core.kernel import _sigmoid\n")
    monkeypatch.setitem(MODULES, "intruder", str(path))
    assert len(foreign_private_uses("intruder")) == 2


def find_cycle(graph):
    """Return one import cycle as a list of modules, or [] if there is none."""
    state = {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt, path + [nxt])
                if cycle:
                    return cycle
        state[node] = "done"
        return []

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start, [start])
            if cycle:
                return cycle
    return []


def test_there_is_no_import_cycle():
    graph = {m: internal_imports(m) - {"tinynet"} for m in MODULES}
    assert find_cycle(graph) == []


def test_the_cycle_check_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


# Run in a fresh interpreter: list each module that ``import tinynet`` adds and
# is neither built in nor under the standard library's folders nor tinynet's.
FOREIGN = """
import os, sys, sysconfig
before = set(sys.modules)
import tinynet
paths = sysconfig.get_paths()
stdlib = [os.path.realpath(paths[k]) for k in ("stdlib", "platstdlib")]
site = [os.path.realpath(paths[k]) for k in ("purelib", "platlib")]
package = os.path.realpath(os.path.dirname(tinynet.__file__))
for name in sorted(set(sys.modules) - before):
    where = getattr(sys.modules[name], "__file__", None)
    if where is None:
        continue  # built into the interpreter
    where = os.path.realpath(where)
    if where.startswith(package):
        continue
    if any(where.startswith(s) for s in stdlib) and not any(where.startswith(s) for s in site):
        continue
    print(name, where)
print("checked", len(set(sys.modules) - before))
"""


@needs_processes
def test_import_loads_no_third_party_module():
    out = subprocess.run([sys.executable, "-c", FOREIGN], stdout=subprocess.PIPE, universal_newlines=True,
                         cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT), check=True).stdout.splitlines()
    assert out[-1].startswith("checked ") and int(out[-1].split()[1]) > 0
    assert out[:-1] == []


def test_imports_for_mypy_only_are_not_imports_but_others_are(tmp_path, monkeypatch):
    path = tmp_path / "typed.py"
    path.write_text("import math\nTYPE_CHECKING = False\nif TYPE_CHECKING:\n    from typing import List\n"
                    "def f():\n    import os\n")
    monkeypatch.setitem(MODULES, "typed", str(path))
    assert sorted(imports("typed")) == ["math", "os"]


@needs_processes
def test_the_check_flags_a_third_party_import():
    script = FOREIGN.replace("import tinynet\n", "import tinynet\nimport pytest\n")
    out = subprocess.run([sys.executable, "-c", script], stdout=subprocess.PIPE, universal_newlines=True,
                         cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT), check=True).stdout
    assert "pytest " in out

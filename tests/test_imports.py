"""``import tinynet`` loads only the standard library; the maths modules only ``math``."""

import ast
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MATHS_MODULES = ["matrix.py", "activations.py", "rng.py", "network.py", "errors.py"]


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


def test_import_loads_no_third_party_module():
    out = subprocess.run([sys.executable, "-c", FOREIGN], stdout=subprocess.PIPE, universal_newlines=True,
                         cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT), check=True).stdout.splitlines()
    assert out[-1].startswith("checked ") and int(out[-1].split()[1]) > 0
    assert out[:-1] == []


@pytest.mark.parametrize("module", MATHS_MODULES)
def test_maths_modules_import_only_math_and_tinynet(module):
    with open(os.path.join(ROOT, "tinynet", module)) as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert [a.name for a in node.names] == ["math"], module
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 1, "%s imports %s" % (module, node.module)


def test_the_check_flags_a_third_party_import():
    script = FOREIGN.replace("import tinynet\n", "import tinynet\nimport pytest\n")
    out = subprocess.run([sys.executable, "-c", script], stdout=subprocess.PIPE, universal_newlines=True,
                         cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT), check=True).stdout
    assert "pytest " in out

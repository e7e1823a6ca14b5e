// Run tinynet's test suite on CPython 3.14 under Pyodide (WebAssembly), in Node.
//
//   node tests/pyodide/run.mjs --pyodide DIR --wheels DIR [-- PYTEST ARGS...]
//
// --pyodide: the installed `pyodide` npm package (node_modules/pyodide), at the
//   version pinned in tests/pyodide/package.json and package-lock.json;
// --wheels: a folder of pure-Python wheels (pytest, Hypothesis and their
//   dependencies), fetched by pip from the package index for Python 3.14.
//
// The checkout is mounted at /tinynet (Node's file system, read and written
// through), the wheels are installed from their local files with
// pyodide.loadPackage (nothing is downloaded), and pytest runs from the
// checkout as `python -m pytest` does, with the arguments given after `--`.
// The exit status is pytest's. Tests that need what WebAssembly lacks (child
// processes, threads) carry skip markers from tests/runtimes.py.
//
// Pyodide runs in a worker thread with a 256 MB stack: on Node's default
// stack (about 1 MB) a JSON text nested 100000 deep overflows it, a fatal
// error that stops Node, where CPython elsewhere parses it or raises
// RecursionError. With the larger stack the suite's deep inputs run as they do
// on other interpreters.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, isMainThread, workerData } from "node:worker_threads";

const STACK_MB = 256;

function parse(argv) {
  const options = { pytest: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") {
      options.pytest = argv.slice(i + 1);
      break;
    }
    if (argv[i] === "--pyodide" || argv[i] === "--wheels") {
      options[argv[i].slice(2)] = path.resolve(argv[++i]);
    } else {
      throw new Error(`unknown argument ${argv[i]}: use --pyodide DIR --wheels DIR [-- PYTEST ARGS...]`);
    }
  }
  if (!options.pyodide || !options.wheels) {
    throw new Error("both --pyodide DIR and --wheels DIR are needed");
  }
  return options;
}

async function runPytest(options) {
  const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const { loadPyodide, version } = await import(pathToFileURL(path.join(options.pyodide, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL: options.pyodide + path.sep,
    env: { HOME: "/home/pyodide", PYTHONDONTWRITEBYTECODE: "1" },
  });
  const wheels = fs.readdirSync(options.wheels).filter((name) => name.endsWith(".whl")).sort();
  if (wheels.length === 0) {
    throw new Error(`no wheels in ${options.wheels}`);
  }
  await pyodide.loadPackage(wheels.map((name) => path.join(options.wheels, name)), {
    messageCallback: () => {},
    errorCallback: (message) => console.error(message),
  });
  // in a worker, process.stdin and stdout have no file descriptor: no input (as in CI), and
  // output written straight to the process's own 1 and 2
  pyodide.setStdin({ stdin: () => null });
  pyodide.setStdout({ write: (bytes) => fs.writeSync(1, bytes) });
  pyodide.setStderr({ write: (bytes) => fs.writeSync(2, bytes) });
  pyodide.mountNodeFS("/tinynet", checkout);
  pyodide.globals.set("pytest_args", pyodide.toPy(options.pytest));
  return await pyodide.runPythonAsync(`
import os, sys
os.chdir("/tinynet")
sys.path.insert(0, "/tinynet")  # run from the checkout, as after pip install -e .
print("pyodide %s: Python %s on %s" % ("${version}", sys.version.split()[0], sys.platform), flush=True)
import pytest
int(pytest.main(list(pytest_args)))
`);
}

if (isMainThread) {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: parse(process.argv.slice(2)),
    resourceLimits: { stackSizeMb: STACK_MB },
  });
  worker.on("message", (status) => {
    process.exitCode = status;
  });
  worker.on("error", (error) => {
    console.error(error);
    process.exitCode = 3;
  });
  worker.on("exit", (code) => {
    if (code !== 0 && !process.exitCode) {
      process.exitCode = code;
    }
  });
} else {
  const { parentPort } = await import("node:worker_threads");
  parentPort.postMessage(await runPytest(workerData));
}

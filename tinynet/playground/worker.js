// The playground's Web Worker: Pyodide, the tinynet package, and training, away from the page.
//
// Python runs here, not in the page, so that training never freezes the page:
// the page stays free to scroll, type and press Stop. The page and this worker
// talk by messages (postMessage), each an object with a `type`:
//
//   page -> worker  {type: "load", pyodide: URL, root: URL}   once, first
//                   {type: "train", form: {...}, code: "..."}
//   worker -> page  {type: "status", text}                   while loading
//                   {type: "ready", defaults, source, version}
//                   {type: "progress", epoch, epochs, loss, loss_svg, map_svg}
//                   {type: "done", verdict}  {type: "error", message, fatal}
//
// Stop: the page ends this worker (terminate) and starts a new one. Python
// cannot hear a message while it trains, and a learner's edited code may loop
// for ever; ending the worker stops both at once.
//
// The Python side is tinynet/playground/session.py; only JSON text crosses
// between JavaScript and Python. Every error reaches the page as one line.
// It is a module worker (strict mode, as every module).

let pyodide = null;      // the Pyodide runtime, once loaded
let playground = null;   // session.Playground(), the Python object that trains

// Fetch a file's text synchronously, or undefined if the server has none (Python sees
// undefined as None; a JavaScript null would be a JsNull there).
// Synchronous requests are allowed in a worker (never in a page), and are what
// Python's import system needs: an import cannot wait for a promise.
function fetchText(url) {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  // revalidate every time: a learner who edits a file and reloads sees the edit
  request.setRequestHeader("Cache-Control", "no-cache");
  request.send(null);
  return request.status === 200 ? request.responseText : undefined;
}

async function load(pyodideURL, root) {
  postMessage({ type: "status", text: `loading Pyodide from ${pyodideURL}` });
  // a module worker, importing pyodide.mjs: Pyodide 314 refuses classic workers (importScripts)
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
  pyodide = await loadPyodide({ indexURL: pyodideURL });
  postMessage({ type: "status", text: `Pyodide ${pyodide.version}: loading tinynet from ${root}` });
  // loader.py cannot import itself: run its text, then let it fetch the package, module by module
  const loaderText = fetchText(new URL("tinynet/playground/loader.py", root).href);
  if (loaderText === undefined) {
    throw new Error(`no tinynet/playground/loader.py under ${root}`);
  }
  const scope = pyodide.globals.get("dict")();
  pyodide.runPython(loaderText, { globals: scope });
  const fetcher = scope.get("install")("tinynet", "/home/pyodide/site",
    (relative) => fetchText(new URL(relative, root).href));
  const session = pyodide.pyimport("tinynet.playground.session");
  for (const relative of session.FILES.toJs()) {
    if (!fetcher.need(relative)) {
      throw new Error(`no ${relative} under ${root}`);
    }
  }
  playground = session.Playground();
  postMessage({
    type: "ready",
    defaults: JSON.parse(playground.defaults()),
    source: playground.source(),
    version: pyodide.version,
  });
}

// Train: one call into Python, which reports the pictures as it goes. While it runs
// this worker hears no message; the page stops a run by ending the worker.
function train(form, code) {
  const report = (text) => postMessage({ type: "progress", ...JSON.parse(text) });
  const answer = JSON.parse(playground.train(JSON.stringify(form), code, report));
  if (answer.error) {
    postMessage({ type: "error", message: answer.error });
  } else {
    postMessage({ type: "progress", ...answer });
    postMessage({ type: "done", verdict: answer.verdict });
  }
}

onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === "load") {
      await load(message.pyodide, message.root);
    } else if (message.type === "train") {
      train(message.form, message.code);
    }
  } catch (error) {
    // a failure of JavaScript or of loading (Python's own errors are caught in session.py): one line
    const text = String(error && error.message ? error.message : error).trim().split("\n").pop();
    postMessage({ type: "error", message: text, fatal: playground === null });
  }
};

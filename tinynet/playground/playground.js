// The playground page: the form, the pictures and the code editor. Python runs in worker.js.
//
// URL parameters:
//   ?pyodide=URL   the folder Pyodide's files are in (pyodide.js, pyodide.asm.wasm, ...);
//                  by default Pyodide's public CDN, at the version the tests pin
//                  (tests/pyodide/package.json); a local copy makes the page work offline
//   ?run=NAME      choose the data set NAME (xor, iris, moons, circles), its form, and train
//                  at once; ?run=xor is the seed tutorial's run (2-4-1, learning rate 0.1,
//                  10000 epochs, seed 0), and writes the xor command's last line into
//                  #verdict, where a test reads it
//   ?data=, ?hidden_size=, ?learning_rate=, ?loss=, ?epochs=, ?seed=   fill the form
//
// document.body.dataset.state says what the page is doing, for a test to wait on:
// loading, ready, training, done, error.

"use strict";

// Keep in step with tests/pyodide/package.json (tests/test_playground.py checks it)
const PYODIDE_VERSION = "314.0.7";
const PYODIDE_CDN = `https://cdn.jsdelivr.net/pyodide/v${PYODIDE_VERSION}/full/`;
const FIELDS = ["data", "hidden_size", "learning_rate", "loss", "epochs", "seed"];

const params = new URLSearchParams(location.search);
const pyodideURL = folderURL(params.get("pyodide") || PYODIDE_CDN);
// the folder that holds tinynet/: this page is tinynet/playground/index.html
const root = new URL("../../", location.href).href;

const page = {};  // the page's elements, by id
let worker = null;
let defaults = null;  // each data set's form, from session.py
let source = "";      // the editor's first text: the package's own code
let keptCode = "";    // the learner's code, kept over a Stop
let reached = "";     // how far the run in progress has trained, for the status line

function folderURL(text) {
  const url = new URL(text, location.href);
  if (!url.pathname.endsWith("/")) {
    url.pathname += "/";
  }
  return url.href;
}

function setState(state) {
  document.body.dataset.state = state;
  const busy = state === "training";
  page.train.disabled = busy || state === "loading";
  page.stop.disabled = !busy;
  page.reset.disabled = state === "loading";
  page.code.readOnly = state === "loading";
}

function showError(message) {
  page.error.textContent = message;
  setState("error");
}

function startWorker() {
  worker = new Worker("worker.js", { type: "module" });
  worker.onmessage = (event) => onMessage(event.data);
  // an error the worker did not catch itself (for example its script not found): one line
  worker.onerror = (event) => {
    event.preventDefault();
    showError(`the worker failed: ${event.message || "no message"}`);
  };
  setState("loading");
  worker.postMessage({ type: "load", pyodide: pyodideURL, root });
}

function fillForm(name) {
  page.data.value = name;
  for (const field of FIELDS.slice(1)) {
    page[field].value = String(defaults[name][field]);
  }
}

function onMessage(message) {
  if (message.type === "status") {
    page.status.textContent = message.text;
  } else if (message.type === "ready") {
    ready(message);
  } else if (message.type === "progress") {
    reached = `epoch ${message.epoch} of ${message.epochs}`;
    if (message.epoch > 0) {
      page.lossPicture.innerHTML = message.loss_svg;  // SVG text that tinynet.plot made
      page.mapPicture.innerHTML = message.map_svg;
      page.status.textContent = `${reached}, loss (MSE) ${message.loss.toPrecision(4)}`;
    } else {
      page.status.textContent = `training ${message.epochs} epochs…`;
    }
  } else if (message.type === "done") {
    page.verdict.textContent = message.verdict;
    setState("done");
  } else if (message.type === "error") {
    page.status.textContent = reached ? `training stopped at ${reached}` : "nothing trained";
    if (message.fatal) {
      page.status.textContent = `could not start: Pyodide from ${pyodideURL}, tinynet from ${root}`;
    }
    showError(message.message);
    if (message.fatal) {
      page.train.disabled = true;
    }
  }
}

function ready(message) {
  const again = defaults !== null;  // loaded again after a Stop: keep the form and the code
  defaults = message.defaults;
  source = message.source;
  page.status.textContent = `ready: Pyodide ${message.version}, tinynet from ${root}`;
  setState("ready");
  if (again) {
    page.code.value = keptCode;
    page.status.textContent = `stopped; ready again: Pyodide ${message.version}, tinynet from ${root}`;
    return;
  }
  page.code.value = source;
  const run = params.get("run");
  fillForm(defaults[run] ? run : defaults[params.get("data")] ? params.get("data") : "xor");
  for (const field of FIELDS.slice(1)) {
    if (params.has(field)) {
      page[field].value = params.get(field);
    }
  }
  if (run !== null) {
    if (defaults[run]) {
      train();
    } else {
      showError(`run must be one of ${Object.keys(defaults).join(", ")}, got '${run}'`);
    }
  }
}

function train() {
  const form = {};
  for (const field of FIELDS) {
    form[field] = page[field].value;  // the text as typed: tinynet checks it and names what is wrong
  }
  page.error.textContent = "";
  page.verdict.textContent = "";
  page.status.textContent = "training…";
  reached = "";
  // the pictures always belong to the run in progress: an error must not leave the last run's
  page.lossPicture.innerHTML = page.lossEmpty;
  page.mapPicture.innerHTML = page.mapEmpty;
  setState("training");
  worker.postMessage({ type: "train", form, code: page.code.value });
}

// Stop: Python cannot hear a message while it trains (nor leave a loop in edited code),
// so the worker is ended and a new one loads Pyodide and tinynet again (a few seconds;
// the browser has the files cached). The learner's code and form stay as they are.
function stop() {
  worker.terminate();
  keptCode = page.code.value;
  const status = page.status.textContent;
  startWorker();
  page.status.textContent = `stopped at ${status}; loading Python again`;
}

function start() {
  for (const id of [...FIELDS, "form", "train", "stop", "reset", "code", "status", "error", "verdict"]) {
    page[id] = document.getElementById(id);
  }
  page.lossPicture = document.getElementById("loss-picture");
  page.mapPicture = document.getElementById("map-picture");
  page.lossEmpty = page.lossPicture.innerHTML;  // "Press Train to draw ..."
  page.mapEmpty = page.mapPicture.innerHTML;
  page.form.addEventListener("submit", (event) => {
    event.preventDefault();  // Enter in a field trains, as the Train button does
    if (!page.train.disabled) {
      train();
    }
  });
  page.stop.addEventListener("click", stop);
  page.reset.addEventListener("click", () => {
    page.code.value = source;
  });
  page.data.addEventListener("change", () => fillForm(page.data.value));
  page.status.textContent = `loading Pyodide from ${pyodideURL}`;
  startWorker();
}

start();

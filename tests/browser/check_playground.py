"""Check the playground page in headless Chromium: it trains, it reports errors, it draws.

    python tests/browser/check_playground.py --page URL [--chromium PATH] [--artifacts DIR]

URL is the page, served over HTTP with its ``?pyodide=`` (.ci/run serves the
repository and a Pyodide from the npm registry with ``python -m http.server``).
Standard library only. It drives Chromium through the DevTools protocol over
a pipe (``--remote-debugging-pipe``: fd 3 carries commands to the browser, fd 4
its answers, each message JSON ended by a NUL byte), so it needs no WebSocket
and no package. It checks:

1. ``?run=xor`` writes into ``#verdict`` exactly the last line of
   ``python -m tinynet.xor --quiet`` run here (``learned XOR: yes (4/4 ...``);
2. the decision map is drawn: in a screenshot of ``#map-picture`` more than
   MIN_COLOURED of the pixels are coloured (the red and blue of the cells),
   and, as a check of the counter, before any training the same element has
   almost none; the screenshots are saved into the artefacts folder;
3. a learning rate of ``abc`` shows tinynet's one-line error in ``#error``; so
   do 0 epochs and a hidden size of 10^9; and the page then still trains;
   Stop ends a long run and the page is ready again, with the form kept.

Each step prints one ``browser:`` line; the last is ``browser: passed``. Any
failure prints ``browser: FAILED: ...`` and exits 1.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

from pngread import coloured_fraction, decode_png  # beside this file, which Python puts first on sys.path

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TRAIN_TIMEOUT = 300.0  # seconds for Pyodide to load and train the tutorial's run on a slow machine
MIN_COLOURED = 0.25  # of the map's pixels, once trained (the cells fill most of it)
MAX_COLOURED_BLANK = 0.02  # of the same element before training: text only
WIDTH, HEIGHT = 1280, 1000


class Failed(Exception):
    """A check failed; the message says which and what was seen."""


class Browser:
    """Headless Chromium, one page, driven by the DevTools protocol over a pipe."""

    def __init__(self, chromium: str) -> None:
        import fcntl  # here, not at the top: importing this file (pytest's doctest collection) needs no POSIX
        self.profile = tempfile.mkdtemp(prefix="tinynet-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def pipes_at_3_and_4() -> None:
            # out of the way first, so that neither dup2 overwrites the other's source
            a = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + self.profile,
             "--remote-debugging-pipe", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(3, 4), preexec_fn=pipes_at_3_and_4)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer, self.next_id, self.console = b"", 0, []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Runtime.enable", session=True)
        self.call("Page.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}, session=True)

    def call(self, method: str, params: "dict | None" = None, session: bool = False, timeout: float = 60.0) -> dict:
        """Send one command; return its result, keeping the console messages that arrive meanwhile."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._receive(deadline, method)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise Failed("%s: %s" % (method, answer["error"].get("message")))
                return answer.get("result", {})
            if answer.get("method") == "Runtime.consoleAPICalled":
                self.console.append(" ".join(str(a.get("value", a.get("description", "")))
                                             for a in answer["params"]["args"]))
            elif answer.get("method") == "Runtime.exceptionThrown":
                self.console.append(str(answer["params"]["exceptionDetails"]))

    def _receive(self, deadline: float, method: str) -> dict:
        import select
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.from_browser], [], [], left)[0]:
                raise Failed("Chromium did not answer %s in time" % method)
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise Failed("Chromium closed its pipe (it exited with %s)" % self.process.poll())
            self.buffer += chunk
        text, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(text)

    def evaluate(self, expression: str) -> object:
        """Return the value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise Failed("%s: %s" % (expression, result["exceptionDetails"].get("text")))
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url}, session=True)

    def wait_for(self, states: "tuple[str, ...]", timeout: float) -> str:
        """Wait until document.body.dataset.state is one of ``states``; return it."""
        deadline = time.monotonic() + timeout
        state = None
        while time.monotonic() < deadline:
            state = self.evaluate("document.body ? document.body.dataset.state : null")
            if state in states:
                return str(state)
            time.sleep(0.25)
        raise Failed("the page stayed %r for %.0f s, waiting for %s; status: %r, error: %r"
                     % (state, timeout, " or ".join(states), self.text("status"), self.text("error")))

    def text(self, element_id: str) -> str:
        return str(self.evaluate("document.getElementById(%s).textContent" % json.dumps(element_id)))

    def screenshot(self, element_id: "str | None" = None) -> bytes:
        """Return a PNG of the page, or of one element."""
        params = {"format": "png"}  # type: dict
        if element_id is not None:
            box = self.evaluate("(() => { const r = document.getElementById(%s).getBoundingClientRect();"
                                " return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()"
                                % json.dumps(element_id))
            x, y, width, height = box  # type: ignore[misc]
            params["clip"] = {"x": x, "y": y, "width": width, "height": height, "scale": 1}
            params["captureBeyondViewport"] = True
        return base64.b64decode(self.call("Page.captureScreenshot", params, session=True)["data"])

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=10)
        except Failed:
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)


def with_params(url: str, **params: str) -> str:
    """Return ``url`` with ``params`` added to its query."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query) + sorted(params.items())
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query, safe=":/")))


def say(text: str) -> None:
    print("browser: %s" % text, flush=True)


def expected_xor_line() -> str:
    """The last line of ``python -m tinynet.xor --quiet``, from this checkout."""
    done = subprocess.run([sys.executable, "-m", "tinynet.xor", "--quiet"], cwd=ROOT, stdout=subprocess.PIPE,
                          universal_newlines=True, check=False)
    return done.stdout.strip().splitlines()[-1]


def save(folder: str, name: str, png: bytes) -> str:
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(png)
    return path


def check_xor_run(browser: Browser, page: str, artifacts: str) -> None:
    """Step 1 and 2: ?run=xor learns, says so as the command does, and draws a coloured map."""
    started = time.monotonic()
    browser.open(with_params(page, run="xor"))
    state = browser.wait_for(("done", "error"), TRAIN_TIMEOUT)
    if state == "error":
        raise Failed("?run=xor showed an error: %r" % browser.text("error"))
    line, expected = browser.text("verdict"), expected_xor_line()
    if line != expected:
        raise Failed("?run=xor wrote %r into #verdict; python -m tinynet.xor --quiet says %r" % (line, expected))
    say("?run=xor: %s (%.1f s, Pyodide loading included; the same line as python -m tinynet.xor)"
        % (line, time.monotonic() - started))
    path = save(artifacts, "playground-xor-trained.png", browser.screenshot())
    fraction = coloured_fraction(decode_png(browser.screenshot("map-picture")))
    if fraction < MIN_COLOURED:
        raise Failed("the decision map has %.1f%% coloured pixels after training, expected at least %.0f%% (%s)"
                     % (100 * fraction, 100 * MIN_COLOURED, path))
    say("decision map drawn: %.1f%% of its pixels coloured (at least %.0f%% needed); screenshot %s"
        % (100 * fraction, 100 * MIN_COLOURED, path))


def check_errors(browser: Browser, page: str, artifacts: str) -> None:
    """Step 3: bad values show tinynet's one-line message; the page then still trains."""
    browser.open(page)
    browser.wait_for(("ready",), TRAIN_TIMEOUT)
    path = save(artifacts, "playground-xor-before.png", browser.screenshot())
    blank = coloured_fraction(decode_png(browser.screenshot("map-picture")))
    if blank > MAX_COLOURED_BLANK:
        raise Failed("before training the map area has %.1f%% coloured pixels: the counter sees colour where "
                     "there is none" % (100 * blank))
    say("before training: %.1f%% of the map area coloured (the counter's zero); screenshot %s" % (100 * blank, path))
    cases = (("learning_rate", "abc", "NotANumberError: learning_rate must be a real number, got str 'abc'"),
             ("epochs", "0", "epochs must be between 1 and"),
             ("hidden_size", "1000000000", "BadSizeError: hidden_size must be at most"))
    for field, value, expected in cases:
        set_field(browser, field, value)
        browser.evaluate("document.getElementById('train').click()")
        browser.wait_for(("error",), 30)
        message = browser.text("error")
        if expected not in message or "\n" in message or "Traceback" in message:
            raise Failed("%s = %r showed %r, expected one line with %r" % (field, value, message, expected))
        say("%s = %r shows: %s" % (field, value, message))
        if field == "learning_rate":
            save(artifacts, "playground-error.png", browser.screenshot())
        set_field(browser, field, browser.evaluate("String(%s)" % default_of(field)))
    set_field(browser, "epochs", "200")
    browser.evaluate("document.getElementById('train').click()")
    browser.wait_for(("done", "error"), 60)
    if not browser.text("verdict").startswith("learned XOR: "):
        raise Failed("after the errors the page did not train again: #verdict %r, #error %r"
                     % (browser.text("verdict"), browser.text("error")))
    say("after the errors the page still trains: %s" % browser.text("verdict"))
    set_field(browser, "epochs", "100000")
    browser.evaluate("document.getElementById('train').click()")
    deadline = time.monotonic() + 60
    while "epoch " not in browser.text("status") and time.monotonic() < deadline:
        time.sleep(0.25)
    stopped_at = browser.text("status")
    browser.evaluate("document.getElementById('stop').click()")
    browser.wait_for(("ready",), TRAIN_TIMEOUT)
    if browser.evaluate("document.getElementById('epochs').value") != "100000":
        raise Failed("Stop lost the form: epochs is %r" % browser.evaluate("document.getElementById('epochs').value"))
    say("Stop at %r: %s" % (stopped_at, browser.text("status")))


def set_field(browser: Browser, field: str, value: str) -> None:
    browser.evaluate("document.getElementById(%s).value = %s" % (json.dumps(field), json.dumps(value)))


def default_of(field: str) -> str:
    return {"learning_rate": "0.1", "epochs": "10000", "hidden_size": "4"}[field]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", required=True, help="the page's URL, with its ?pyodide=")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--artifacts", default="/tmp/tinynet-ci-artifacts")
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    started = time.monotonic()
    browser = Browser(args.chromium)
    try:
        say("Chromium %s, page %s" % (browser.call("Browser.getVersion")["product"], args.page))
        check_xor_run(browser, args.page, args.artifacts)
        check_errors(browser, args.page, args.artifacts)
        tracebacks = [line for line in browser.console if "Traceback" in line]
        if tracebacks:
            raise Failed("the page's console shows a traceback: %r" % tracebacks[0][:300])
    except Failed as exc:
        print("browser: FAILED: %s" % exc, flush=True)
        return 1
    finally:
        browser.close()
    say("passed in %.1f s" % (time.monotonic() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())

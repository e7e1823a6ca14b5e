"""``python -m tinynet.playground``: serve the playground page and the tinynet package on 127.0.0.1.

The page needs a web server (Pyodide fetches its files; a ``file://`` page
cannot). This one serves, and nothing else:

- ``/``: a redirect to the page, ``/tinynet/playground/index.html?pyodide=...``;
- ``/tinynet/...``: the files of the tinynet package this Python imports,
  as they are (no folder listings);
- ``/pyodide/...``: with ``--pyodide DIR``, the local copy of Pyodide in DIR
  (for example ``node_modules/pyodide`` after ``npm install pyodide@VERSION``),
  so that the page works offline.

It prints the page's URL and where Pyodide will come from, and serves until
Ctrl-C (exit status 130, one line). A bad flag or a port that cannot be used
is one ``error:`` line, exit status 2 (``tinynet.cli``).
"""

import argparse
import http.server
import os
import urllib.parse

from .. import cli

__all__ = ["PYODIDE_VERSION", "PYODIDE_CDN", "PAGE", "main", "parse", "make_server", "pyodide_source"]

# Keep in step with tests/pyodide/package.json and playground.js (tests/test_playground.py checks it)
PYODIDE_VERSION = "314.0.7"
PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/v%s/full/" % PYODIDE_VERSION
PAGE = "/tinynet/playground/index.html"
PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the tinynet folder
LOCAL_PYODIDE = "/pyodide/"
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
         ".json": "application/json", ".py": "text/x-python; charset=utf-8", ".css": "text/css",
         ".html": "text/html; charset=utf-8", ".zip": "application/zip", ".csv": "text/csv; charset=utf-8"}


def main(argv: "list[str] | None" = None) -> int:
    """Serve the playground until interrupted; return the exit status (module docstring)."""

    def command(out: cli.Output) -> int:
        args = parse(argv)
        server = make_server(args.port, args.pyodide)
        try:
            url = "http://127.0.0.1:%d/" % server.server_address[1]
            print("tinynet playground: %s" % url, file=out)
            print("Pyodide will load from %s" % pyodide_source(args.pyodide), file=out)
            print("serving %s; Ctrl-C stops" % PACKAGE, file=out)
            out.flush()
            server.serve_forever()
        finally:
            server.server_close()
        return 0

    return cli.guarded(command)


def _parser() -> cli.Parser:
    parser = cli.Parser(prog="python -m tinynet.playground",
                        description="Serve the tinynet playground (a page that trains tinynet in the browser, "
                                    "with Pyodide) on 127.0.0.1, and print its URL.")
    parser.add_argument("--port", type=cli.whole_number, default=8000,
                        help="the port to serve on (default 8000; 0 picks a free one)")
    parser.add_argument("--pyodide", metavar="URL_OR_DIR", default=PYODIDE_CDN,
                        help="where the page loads Pyodide from: a URL, or a folder holding pyodide.mjs to serve "
                             "it locally and work offline (default %s)" % PYODIDE_CDN)
    return parser


def parse(argv: "list[str] | None" = None) -> argparse.Namespace:
    """Return the checked arguments; raise ``cli.UsageError`` naming the first bad one."""
    args = _parser().parse_args(argv)
    if not 0 <= args.port <= 65535:
        raise cli.UsageError("--port must be between 0 and 65535, got %d" % args.port)
    if args.pyodide.startswith(("http://", "https://")):
        return args
    if not os.path.isfile(os.path.join(args.pyodide, "pyodide.mjs")):
        raise cli.UsageError("--pyodide must be an http(s) URL or a folder holding pyodide.mjs, got %s"
                             % cli.quoted(args.pyodide))
    args.pyodide = os.path.abspath(args.pyodide)
    return args


def pyodide_source(pyodide: str) -> str:
    """Say where the page loads Pyodide from, for the line the command prints."""
    if pyodide.startswith(("http://", "https://")):
        return "%s (fetched by the browser: needs the internet; --pyodide DIR serves a local copy)" % pyodide
    return "%s, served here at %s (no internet needed)" % (pyodide, LOCAL_PYODIDE)


def make_server(port: int, pyodide: str) -> http.server.ThreadingHTTPServer:
    """Return a server on 127.0.0.1:``port`` for the page, the package and a local Pyodide; raise UsageError."""
    local = None if pyodide.startswith(("http://", "https://")) else pyodide
    where = LOCAL_PYODIDE if local is not None else pyodide

    class Handler(_Handler):
        pyodide_folder = local
        page = "%s?pyodide=%s" % (PAGE, urllib.parse.quote(where, safe=":/"))

    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    except OSError as exc:
        raise cli.UsageError("cannot serve on 127.0.0.1:%d: %s" % (port, exc.strerror or exc)) from None


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves ``/`` (a redirect), ``/tinynet/`` and ``/pyodide/`` (module docstring); anything else is 404."""

    pyodide_folder = None  # type: str | None
    page = PAGE
    # the types a browser insists on (a .wasm that is not application/wasm is refused), on every Python
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES)

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, directory=os.path.dirname(PACKAGE), **kwargs)

    def send_head(self):  # type: ignore[no-untyped-def]
        """Redirect ``/`` to the page (GET and HEAD); serve the rest as files."""
        if urllib.parse.urlsplit(self.path).path == "/":
            self.send_response(302)
            self.send_header("Location", self.page)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        """Map a URL path to a file in the package or the local Pyodide; '' (404) for anything else."""
        clean = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        parts = [part for part in clean.split("/") if part not in ("", ".", "..")]
        if parts[:1] == ["tinynet"]:
            return os.path.join(PACKAGE, *parts[1:])
        if parts[:1] == ["pyodide"] and self.pyodide_folder is not None:
            return os.path.join(self.pyodide_folder, *parts[1:])
        return ""

    def list_directory(self, path):  # type: ignore[no-untyped-def]
        """No folder listings: only files are served."""
        self.send_error(404, "not a file")
        return None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  (the base class's name)
        """Quiet: one line per request would bury the URL the command printed."""

"""Skip markers for what a runtime lacks: the tests that cannot run under Pyodide, and why.

The whole suite also runs on CPython 3.14 compiled to WebAssembly (Pyodide, in
Node: tests/pyodide/run.mjs), where ``sys.platform == "emscripten"``. That is
one process with one thread, an in-memory file system, its own C library and
no C-stack limit that Python can see. A test that needs more says so with one
of these markers, and is reported as skipped with the reason, never silently
left out. Everything else runs there unchanged.
"""

import sys

import pytest

__all__ = ["needs_processes", "needs_threads", "needs_sockets", "needs_umask", "needs_name_limit", "needs_recursion_limit",
           "needs_glibc_libm"]

WEBASSEMBLY = sys.platform == "emscripten"

needs_processes = pytest.mark.skipif(
    WEBASSEMBLY, reason="starts a child process (a command, another interpreter, or a memory measurement): "
                        "WebAssembly has none (OSError: emscripten does not support processes)")

needs_threads = pytest.mark.skipif(
    WEBASSEMBLY, reason="starts a thread: Pyodide has none (RuntimeError: can't start new thread)")

needs_sockets = pytest.mark.skipif(
    WEBASSEMBLY, reason="listens on a socket (a web server): WebAssembly has no sockets to serve on")

needs_umask = pytest.mark.skipif(
    WEBASSEMBLY, reason="Emscripten's file system ignores the umask: a new file gets mode 0666 whatever it is")

needs_name_limit = pytest.mark.skipif(
    WEBASSEMBLY, reason="Emscripten's in-memory file system has no limit on a name's length: a 5000-character "
                        "file name is created, not refused with File name too long")

needs_recursion_limit = pytest.mark.skipif(
    WEBASSEMBLY, reason="Pyodide parses JSON nested 100000 deep without RecursionError (its C stack is Node's, "
                        "which Python's check does not see), so the text is refused for its type, not its depth")

needs_glibc_libm = pytest.mark.skipif(
    WEBASSEMBLY, reason="compares with vectors made on Linux with glibc's libm: Pyodide's exp differs in the last "
                        "bit for about 1 input in 1500, which moves the 10000-epoch XOR case by up to 64 ULP, and "
                        "the generator line names the platform")

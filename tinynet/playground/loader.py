"""Load a package into Pyodide's file system from a web server, one file at a time, as Python imports it.

The playground page must run the tinynet package as it is in the repository
(or in an installed copy): no copy of the code, no build step. Pyodide needs
the files in its own file system, so the page fetches them from the server
that serves the page. Which files? No list is kept:

- a list written by hand, or made by a build step, goes stale as modules come
  and go;
- a server's folder listing cannot be relied on: ``python -m http.server``
  writes it as HTML, most static hosts give none at all.

Instead Python's own import system names each file: ``PackageFetcher`` sits
first in ``sys.meta_path``; asked for ``tinynet.core.network``, it fetches
``tinynet/core/network.py`` (or, for a package, ``tinynet/core/__init__.py``)
into the file system and lets the standard path finder import it from there.
So exactly the modules that run are fetched, from any static server, and
``inspect.getsource`` reads them as on any computer. The price: for each
package, one request for a module file that is not there (a 404).

The page's worker runs this file's text before tinynet can be imported (it
cannot import itself); under CPython the tests import it as
``tinynet.playground.loader``. It uses the standard library only.
"""

import importlib
import os
import sys

__all__ = ["PackageFetcher", "install"]


class PackageFetcher:
    """A meta path finder that fetches ``package``'s files into ``root`` before the path finder looks.

    ``fetch(relative)`` returns the text of the file at ``relative`` (a path
    with ``/``, such as ``tinynet/data/iris.csv``), or None if there is none.
    """

    def __init__(self, package: str, root: str, fetch) -> None:  # type: ignore[no-untyped-def]
        self.package, self.root, self.fetch = package, root, fetch
        self.fetched = []  # type: list[str]

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> None:
        """Fetch the file of module ``fullname`` if it is in the package; return None (the path finder finds it)."""
        if fullname == self.package or fullname.startswith(self.package + "."):
            base = fullname.replace(".", "/")
            if not self.need(base + ".py"):
                self.need(base + "/__init__.py")
        return None

    def need(self, relative: str) -> bool:
        """Fetch the file at ``relative`` into ``root`` unless it is there; return True if it is there now."""
        target = os.path.join(self.root, *relative.split("/"))
        if os.path.exists(target):
            return True
        text = self.fetch(relative)
        if text is None:
            return False
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        self.fetched.append(relative)
        importlib.invalidate_caches()  # the path finder's cached view of the folder is out of date
        return True


def install(package: str, root: str, fetch) -> PackageFetcher:  # type: ignore[no-untyped-def]
    """Put ``root`` first on ``sys.path`` and a ``PackageFetcher`` first in ``sys.meta_path``; return it."""
    os.makedirs(root, exist_ok=True)
    if root not in sys.path:
        sys.path.insert(0, root)
    finder = PackageFetcher(package, root, fetch)
    sys.meta_path.insert(0, finder)  # type: ignore[arg-type]
    return finder

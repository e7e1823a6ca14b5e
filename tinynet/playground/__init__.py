"""The playground: a web page that trains tinynet in the browser, with tinynet's own files, and shows the code.

The page (``index.html``, ``playground.js``, ``worker.js``, ``style.css``)
loads Pyodide in a Web Worker, then the tinynet package as it is, one file
at a time as Python imports it (``loader.py``), and trains through
``session.py``. ``python -m tinynet.playground`` (``serve.py``) serves it on
127.0.0.1. Importing this package does nothing.
"""

__all__ = []  # type: list[str]

"""Files for tinynet's tools: checked paths, safe reading, atomic writing.

``save`` and ``load`` (and ``tinynet.data.read_csv``) touch the file system
only through here. The rules:

- A path is a ``str``, ``bytes`` or ``os.PathLike`` naming a file; bytes are
  decoded as the operating system does (``os.fsdecode``), so any name the
  system can hold works, even one that is not valid in the locale's encoding.
  ``None``, an int (never taken as a file descriptor), ``""`` and a name with
  a NUL are refused with ``BadArgumentError``.
- Only regular files are read or written. A directory, FIFO, device or socket
  is refused before anything changes, and a FIFO is never opened (opening one
  for reading waits for a writer).
- ``write_text`` checks a path and writes text to it as UTF-8 with
  ``write_atomically``: ``tinynet.save`` writes a model with it, and
  ``Picture.save`` a picture.
- ``write_atomically`` writes through symbolic links: the link's final target
  is replaced, in the target's folder, and the link stays. A read-only file
  (no write permission bit, checked even for root, whom the system lets write
  anything) is refused. The temporary file has a short name, is created with
  ``O_CREAT | O_EXCL`` and mode 0o666 so the system applies the umask (the
  umask is never read: reading it means setting it, for every thread), takes
  an existing target's mode, and is removed whatever interrupts the save.
"""

import os
import stat

from ..core import checks
from ..core.errors import BadArgumentError

__all__ = ["SpecialFileError", "checked_path", "check_regular", "open_regular", "read_at_most", "temporary_name",
           "writable_mode", "write_atomically", "write_text"]

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
# O_NONBLOCK: if the path became a FIFO after it was checked, opening it returns at once instead of
# waiting for a writer (and fstat then refuses it); O_NOCTTY: a terminal never becomes ours
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_KINDS = (("S_ISFIFO", "a FIFO (named pipe)"), ("S_ISCHR", "a character device"), ("S_ISBLK", "a block device"),
          ("S_ISSOCK", "a socket"), ("S_ISDOOR", "a door"))


class SpecialFileError(OSError):
    """A path names something other than a regular file or a directory: a FIFO, a device, a socket."""


def checked_path(path: object, name: str = "path") -> str:
    """Return ``path`` as a non-empty ``str``; raise ``BadArgumentError`` naming ``name`` otherwise."""
    if not isinstance(path, (str, bytes)) and not hasattr(path, "__fspath__"):
        # an int is refused, not taken for a file descriptor as open(5) would: load(5) must not read fd 5
        raise BadArgumentError("%s must be a file path (str, bytes or os.PathLike), got %s%s"
                               % (name, checks.describe(path), _hint(path)))
    try:
        text = os.fsdecode(os.fspath(path))  # type: ignore[arg-type]
    except TypeError as exc:  # an __fspath__ that returns neither str nor bytes
        raise BadArgumentError("%s must be a file path: %s" % (name, exc)) from None
    if not text:
        raise BadArgumentError("%s is empty; give a file name" % name)
    if "\0" in text:
        raise BadArgumentError("%s contains a NUL character, which no file name may hold" % name)
    return text


def _hint(path: object) -> str:
    if isinstance(path, int) and not isinstance(path, bool):
        return " (a file descriptor is not taken: give the file's name)"
    return ""


def check_regular(status: os.stat_result, path: str, action: str) -> None:
    """Raise unless ``status`` is a regular file's: ``IsADirectoryError`` or ``SpecialFileError``, naming ``path``."""
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError("%s is a directory, not a file; %s only regular files" % (path, action))
    kind = next((text for test, text in _KINDS if getattr(stat, test, None) and getattr(stat, test)(mode)),
                "a special file")
    raise SpecialFileError("%s is %s, not a regular file; %s only regular files" % (path, kind, action))


def open_regular(path: str, action: str):  # type: ignore[no-untyped-def]
    """Return ``path`` opened for reading in binary; refuse anything but a regular file, never opening a FIFO."""
    check_regular(os.stat(path), path, action)
    f = os.fdopen(os.open(path, _READ), "rb")
    try:
        check_regular(os.fstat(f.fileno()), path, action)  # the file opened, even if the path changed since
    except BaseException:
        f.close()
        raise
    return f


def read_at_most(f, limit: int) -> bytes:  # type: ignore[no-untyped-def]
    """Return the rest of the binary file ``f``, but stop once more than ``limit`` bytes are read."""
    chunks = []
    total = 0
    while total <= limit:
        chunk = f.read(min(1 << 20, limit + 1 - total))  # asking for limit + 1 at once would allocate it
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def temporary_name(path: str) -> str:
    """Return a fresh name for ``path``'s temporary file: hidden, random, and at most 38 characters long."""
    start = os.path.basename(path)[:16]  # a hint of whose file it is; bounded, so any legal name still fits
    return ".%s.%s.tmp" % (start, os.urandom(8).hex())


def writable_mode(target: str, path: str) -> "int | None":
    """Return the permission bits of the file ``target`` (None if there is none); refuse what save must not replace."""
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return None
    check_regular(status, path, "save writes")
    mode = stat.S_IMODE(status.st_mode)
    if not mode & 0o222:  # root may write anything, so ask the bits, not the system
        raise PermissionError("%s is read-only (mode %04o); save does not replace a read-only file: "
                              "make it writable first (chmod u+w)" % (path, mode))
    effective = os.access in os.supports_effective_ids
    if not os.access(target, os.W_OK, effective_ids=effective):
        raise PermissionError("%s is not writable by this user (mode %04o); save does not replace it"
                              % (path, mode))
    return mode


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file at ``path`` (through any symbolic links) by ``data``: all of it, or nothing changes."""
    target = os.path.realpath(path)  # the final target of any links: replacing it keeps the links
    mode = writable_mode(target, path)
    folder = os.path.dirname(target)
    tmp = os.path.join(folder, temporary_name(target))  # named before it exists: every failure removes it
    try:
        with os.fdopen(os.open(tmp, _NEW_FILE, 0o666), "wb") as f:  # 0o666 less the umask, as open() does
            f.write(data)
            f.flush()
            if mode is not None:
                os.chmod(tmp, mode)
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except FileExistsError:
        raise  # the random name was taken: that file is not ours to remove
    except BaseException:
        _remove(tmp)
        raise
    _fsync_folder(folder)


def write_text(path: object, text: str, name: str = "path") -> None:
    """Write ``text`` as UTF-8 to the file ``path`` with ``write_atomically``; ``name`` names ``path`` in errors.

    An error about the temporary file (a missing folder, say) is raised as the
    same error about ``path``, the name the user gave.
    """
    checked = checked_path(path, name)
    if checked.endswith(os.sep) or (os.altsep is not None and checked.endswith(os.altsep)):
        raise BadArgumentError("%s %s ends with a separator: it names a folder, not a file" % (name, checked))
    try:
        write_atomically(checked, text.encode("utf-8"))
    except FileExistsError:
        raise  # the temporary file's random name was taken: that message is about that file
    except OSError as exc:
        if exc.filename is None or exc.filename == checked:
            raise
        raise _about(exc, checked) from None


def _about(exc: OSError, path: str) -> OSError:
    """Return ``exc``, raised for the temporary file or a link's target, as the same error naming ``path``."""
    if isinstance(exc, FileNotFoundError):
        folder = os.path.dirname(exc.filename)  # the temporary file's: the folder path (or its link) names
        if os.path.realpath(os.path.dirname(path) or os.curdir) == folder:
            folder = os.path.dirname(path)  # the user's own spelling of it
        text = "cannot save %s: the folder %s does not exist; save makes no folders" % (path, folder)
    else:
        text = "cannot save %s: %s" % (path, exc.strerror)
    error = type(exc)(text)  # one argument: str(error) is the text, without "[Errno 2]"
    error.errno = exc.errno
    return error


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _fsync_folder(folder: str) -> None:
    """Make the rename itself durable, where the system allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

"""save and load on a real file system: atomic, through links, never onto special files, never leaking.

Every test states what is on disk afterwards: the old file byte for byte, or
the new one whole, and never a temporary file.
"""

import errno
import os
import re
import socket
import stat
import sys

import pytest

from runtimes import needs_umask
from fakes import raised_on_fifo
from tinynet import ModelFormatError, NeuralNetwork
from tinynet import serialize
from tinynet.core.network import MAX_PARAMETERS
from tinynet.serialize import files

posix_only = pytest.mark.skipif(os.name != "posix", reason="symbolic links, FIFOs and devices as POSIX has them")


def old_and_new(tmp_path, name="model.json"):
    """Return (path, its bytes) of a saved model, and a different network to save over it."""
    path = tmp_path / name
    serialize.save(NeuralNetwork(2, 4, 1, seed=1), path)
    return path, path.read_bytes(), NeuralNetwork(2, 4, 1, seed=2)


def test_save_and_load_a_file(tmp_path):
    nn = NeuralNetwork(3, 5, 2, seed=9, learning_rate=0.25)
    path = tmp_path / "model.json"
    serialize.save(nn, path)
    assert serialize.load(path).parameters == nn.parameters
    assert path.read_text(encoding="utf-8") == serialize.dumps(nn)
    assert os.listdir(tmp_path) == ["model.json"]


# -- faults injected into the system calls -------------------------------------------------


class HalfWriter:
    """A file that writes half of what it is given, then fails as a full disk does."""

    def __init__(self, f):
        self.f = f

    def write(self, data):
        self.f.write(data[: len(data) // 2])
        self.f.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()


def raising(error):
    def broken(*args, **kwargs):
        raise error
    return broken


def fault_disk_full(monkeypatch):
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWriter(real(*a, **k)))


def fault_on_create(error, after=False):
    """os.open fails when it creates the temporary file: before creating it, or once it exists."""
    def inject(monkeypatch):
        real = os.open

        def create(path, flags, mode=0o777, **kwargs):
            if not flags & os.O_CREAT:
                return real(path, flags, mode, **kwargs)
            if after:
                os.close(real(path, flags, mode, **kwargs))
            raise error
        monkeypatch.setattr(os, "open", create)
    return inject


FAULTS = [
    ("disk full midway through the write", fault_disk_full, OSError),
    ("the folder is not writable", fault_on_create(OSError(errno.EACCES, "Permission denied")), OSError),
    ("interrupted inside the creation", fault_on_create(KeyboardInterrupt, after=True), KeyboardInterrupt),
    ("fsync fails", lambda mp: mp.setattr(os, "fsync", raising(OSError(errno.EIO, "I/O error"))), OSError),
    ("interrupted before the rename", lambda mp: mp.setattr(os, "fsync", raising(KeyboardInterrupt)),
     KeyboardInterrupt),
    ("rename fails", lambda mp: mp.setattr(os, "replace", raising(OSError(errno.EXDEV, "cross-device"))), OSError),
    ("interrupted at the rename", lambda mp: mp.setattr(os, "replace", raising(KeyboardInterrupt)),
     KeyboardInterrupt),
]


@pytest.mark.parametrize("name, inject, error", FAULTS, ids=[f[0] for f in FAULTS])
def test_save_interrupted_leaves_old_file_byte_identical(tmp_path, monkeypatch, name, inject, error):
    path, before, nn = old_and_new(tmp_path)
    inject(monkeypatch)
    with pytest.raises(error):
        serialize.save(nn, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["model.json"]  # no temporary file left


@pytest.mark.parametrize("name, inject, error", FAULTS, ids=[f[0] for f in FAULTS])
def test_failed_first_save_leaves_nothing(tmp_path, monkeypatch, name, inject, error):
    inject(monkeypatch)
    with pytest.raises(error):
        serialize.save(NeuralNetwork(2, 4, 1, seed=1), tmp_path / "model.json")
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []


def test_an_interrupt_at_any_line_of_save_leaves_the_old_file_or_the_new_one_and_no_temporary(tmp_path):
    path, before, nn = old_and_new(tmp_path)
    after = serialize.dumps(nn).encode("utf-8")
    package = os.path.dirname(serialize.__file__)
    lines = []

    def tracer(stop):
        def trace(frame, event, arg):
            if not frame.f_code.co_filename.startswith(package):
                return None
            if event == "line":
                lines.append((frame.f_code.co_name, frame.f_lineno))
                if len(lines) == stop:
                    raise KeyboardInterrupt
            return trace
        return trace

    previous = sys.gettrace()
    stop = 1
    while True:
        del lines[:]
        sys.settrace(tracer(stop))
        try:
            serialize.save(nn, path)
            interrupted = None
        except KeyboardInterrupt:
            interrupted = lines[-1]
        finally:
            sys.settrace(previous)
        assert os.listdir(tmp_path) == ["model.json"], interrupted
        assert path.read_bytes() in (before, after), interrupted
        if interrupted is None:
            break
        path.write_bytes(before)
        stop += 1
    covered = {name for name, _ in lines}
    assert {"save", "write_atomically", "temporary_name", "writable_mode"} <= covered
    assert stop > 40  # every line of save and its helpers, each interrupted once


def test_a_file_that_already_has_the_temporary_name_is_not_ours_to_remove(tmp_path, monkeypatch):
    path, before, nn = old_and_new(tmp_path)
    (tmp_path / ".taken.tmp").write_bytes(b"someone else's")
    monkeypatch.setattr(files, "temporary_name", lambda path: ".taken.tmp")
    with pytest.raises(FileExistsError):
        serialize.save(nn, path)
    assert (tmp_path / ".taken.tmp").read_bytes() == b"someone else's" and path.read_bytes() == before


# -- what save does not touch ---------------------------------------------------------------


@posix_only
def test_save_writes_through_a_symbolic_link_and_keeps_it(tmp_path, monkeypatch):
    os.mkdir(tmp_path / "real")
    target, _, nn = old_and_new(tmp_path / "real")
    os.mkdir(tmp_path / "links")
    os.symlink(os.path.join("..", "real", "model.json"), tmp_path / "links" / "first")
    os.symlink("first", tmp_path / "links" / "second")  # a link to a link
    replaced = []
    real_replace = os.replace

    def replace(src, dst):
        replaced.append((os.path.dirname(src), dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    serialize.save(nn, tmp_path / "links" / "second")
    monkeypatch.undo()
    assert os.path.islink(tmp_path / "links" / "first") and os.path.islink(tmp_path / "links" / "second")
    assert target.read_bytes() == serialize.dumps(nn).encode("utf-8")
    assert replaced == [(os.path.realpath(tmp_path / "real"), os.path.realpath(target))]
    assert sorted(os.listdir(tmp_path / "real")) == ["model.json"]
    assert sorted(os.listdir(tmp_path / "links")) == ["first", "second"]


@posix_only
def test_save_through_a_dangling_link_creates_its_target(tmp_path):
    os.symlink("model.json", tmp_path / "link")
    nn = NeuralNetwork(1, 2, 1, seed=3)
    serialize.save(nn, tmp_path / "link")
    assert os.path.islink(tmp_path / "link")
    assert serialize.load(tmp_path / "model.json").parameters == nn.parameters


def special_files(tmp_path):
    """(path, what the message calls it) for each kind of file that is not regular and can be made here."""
    found = [(str(tmp_path), "is a directory, not a file")]
    if hasattr(os, "mkfifo"):
        os.mkfifo(str(tmp_path / "fifo"))
        found.append((str(tmp_path / "fifo"), "is a FIFO (named pipe), not a regular file"))
    try:  # a copy of /dev/null, never the real one: a save that went wrong would replace it
        os.mknod(str(tmp_path / "null"), stat.S_IFCHR | 0o666, os.makedev(1, 3))
        found.append((str(tmp_path / "null"), "is a character device, not a regular file"))
    except (AttributeError, OSError):
        pass  # no mknod here, or not allowed to make devices
    if hasattr(socket, "AF_UNIX"):
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(str(tmp_path / "sock"))
            found.append((str(tmp_path / "sock"), "is a socket, not a regular file"))
        except OSError:
            pass  # a path too long for a socket address
        finally:
            server.close()
    return found


def test_save_refuses_anything_but_a_regular_file_and_changes_nothing(tmp_path):
    for path, what in special_files(tmp_path):
        before = os.lstat(path)
        listing = sorted(os.listdir(tmp_path))
        error = IsADirectoryError if "directory" in what else serialize.SpecialFileError
        with pytest.raises(error, match="^" + re.escape("%s %s; save writes only regular files" % (path, what))):
            serialize.save(NeuralNetwork(1, 1, 1, seed=0), path)
        after = os.lstat(path)
        assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)
        assert sorted(os.listdir(tmp_path)) == listing


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_save_through_a_link_to_a_fifo_refuses_and_keeps_both(tmp_path):
    os.mkfifo(str(tmp_path / "fifo"))
    os.symlink("fifo", tmp_path / "link")
    with pytest.raises(serialize.SpecialFileError, match="link is a FIFO"):
        serialize.save(NeuralNetwork(1, 1, 1, seed=0), tmp_path / "link")
    assert os.readlink(tmp_path / "link") == "fifo" and stat.S_ISFIFO(os.stat(tmp_path / "fifo").st_mode)
    assert sorted(os.listdir(tmp_path)) == ["fifo", "link"]


@pytest.mark.parametrize("via_link", [False, True])
def test_save_refuses_a_read_only_file_even_as_root(tmp_path, via_link):
    path, before, nn = old_and_new(tmp_path)
    os.chmod(path, 0o444)
    if via_link:
        if not hasattr(os, "symlink") or os.name != "posix":
            pytest.skip("symbolic links")
        os.symlink("model.json", tmp_path / "link")
    where = tmp_path / ("link" if via_link else "model.json")
    with pytest.raises(PermissionError, match=r"is read-only \(mode 0444\); save does not replace a read-only"):
        serialize.save(nn, where)
    assert path.read_bytes() == before and stat.S_IMODE(os.stat(path).st_mode) == 0o444
    assert sorted(os.listdir(tmp_path)) == sorted(["model.json"] + (["link"] if via_link else []))


def test_a_file_name_as_long_as_the_system_allows_can_be_saved(tmp_path):
    longest = os.pathconf(str(tmp_path), "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    name = "m" * (longest - len(".json")) + ".json"
    nn = NeuralNetwork(1, 2, 1, seed=0)
    serialize.save(nn, tmp_path / name)
    serialize.save(nn, tmp_path / name)  # and replaced
    assert os.listdir(tmp_path) == [name]
    assert len(files.temporary_name(name)) <= 38


# -- permissions: the umask is the system's business -----------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
@needs_umask
def test_a_new_file_gets_0666_less_the_umask_and_the_umask_is_never_touched(tmp_path, monkeypatch, umask):
    old = os.umask(umask)
    try:
        monkeypatch.setattr(os, "umask", raising(AssertionError("save must not read or set the umask")))
        serialize.save(NeuralNetwork(1, 1, 1, seed=0), tmp_path / "model.json")
        monkeypatch.undo()
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "model.json").st_mode) == 0o666 & ~umask


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664, 0o200])
def test_save_keeps_the_permissions_of_the_file_it_replaces(tmp_path, mode):
    path, _, nn = old_and_new(tmp_path)
    os.chmod(path, mode)
    serialize.save(nn, path)
    assert stat.S_IMODE(os.stat(path).st_mode) == mode


def test_save_into_a_missing_folder_names_the_path_not_the_temporary_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = os.path.join("nofolder", "m.json")
    with pytest.raises(FileNotFoundError, match="^cannot save %s: the folder nofolder does not exist; "
                       "save makes no folders$" % re.escape(path)) as caught:
        serialize.save(NeuralNetwork(2, 4, 1, seed=1), path)
    assert caught.value.errno == errno.ENOENT and ".tmp" not in str(caught.value)
    assert os.listdir(tmp_path) == []


@posix_only
def test_save_under_a_file_names_the_path_not_the_temporary_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("")
    with pytest.raises(NotADirectoryError, match="^cannot save afile/m.json: Not a directory$"):
        serialize.save(NeuralNetwork(2, 4, 1, seed=1), "afile/m.json")
    assert os.listdir(tmp_path) == ["afile"]


@posix_only
def test_save_through_a_link_into_a_missing_folder_names_the_folder_it_would_write_in(tmp_path):
    os.symlink(str(tmp_path / "gone" / "target.json"), str(tmp_path / "link.json"))
    with pytest.raises(FileNotFoundError, match="^cannot save %s: the folder %s does not exist"
                       % (re.escape(str(tmp_path / "link.json")), re.escape(os.path.realpath(str(tmp_path / "gone"))))):
        serialize.save(NeuralNetwork(2, 4, 1, seed=1), str(tmp_path / "link.json"))


# -- load: only regular files, and no larger than a model can be --------------------------------


def test_load_refuses_anything_but_a_regular_file(tmp_path):
    for path, what in special_files(tmp_path):
        error = IsADirectoryError if "directory" in what else serialize.SpecialFileError
        with pytest.raises(error, match="^" + re.escape("%s %s; load reads only regular files" % (path, what))):
            serialize.load(path)
    if os.path.exists("/dev/zero"):  # endless: reading it would never stop
        with pytest.raises(serialize.SpecialFileError, match="/dev/zero is a character device"):
            serialize.load("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_load_of_a_fifo_returns_at_once_without_opening_it(tmp_path):
    fifo = str(tmp_path / "fifo")
    os.mkfifo(fifo)
    error = raised_on_fifo(lambda: serialize.load(fifo), fifo, "load")
    assert isinstance(error, serialize.SpecialFileError)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_path_that_becomes_a_fifo_after_the_check_is_refused_without_waiting(tmp_path, monkeypatch):
    fifo = str(tmp_path / "fifo")
    os.mkfifo(fifo)
    regular = os.stat(__file__)
    real = os.stat
    monkeypatch.setattr(os, "stat", lambda path, **kw: regular if path == fifo else real(path, **kw))
    error = raised_on_fifo(lambda: serialize.load(fifo), fifo, "load, without O_NONBLOCK,")
    assert isinstance(error, OSError)
    assert "is a FIFO (named pipe), not a regular file" in str(error)


def test_save_refuses_a_file_this_user_may_not_write(tmp_path, monkeypatch):
    path, before, nn = old_and_new(tmp_path)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real(p, mode, **kw))
    with pytest.raises(PermissionError, match=r"model.json is not writable by this user \(mode 0\d\d\d\)"):
        serialize.save(nn, path)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["model.json"]


def test_load_refuses_a_file_larger_than_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "model.json"
    serialize.save(NeuralNetwork(2, 2, 1, seed=0), path)
    size = os.path.getsize(path)
    monkeypatch.setattr(serialize, "MAX_MODEL_BYTES", size)
    assert serialize.load(path).input_size == 2  # exactly at the limit
    monkeypatch.setattr(serialize, "MAX_MODEL_BYTES", size - 1)
    with pytest.raises(ModelFormatError, match=r"model.json is %d bytes; a tinynet model is at most %d "
                                               r"\(MAX_MODEL_BYTES\)" % (size, size - 1)):
        serialize.load(path)


def test_load_stops_reading_a_file_that_grows_past_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "model.json"
    serialize.save(NeuralNetwork(2, 2, 1, seed=0), path)
    limit = os.path.getsize(path) + 10
    monkeypatch.setattr(serialize, "MAX_MODEL_BYTES", limit)
    real_open = files.open_regular
    asked = []

    def open_then_grow_at_the_first_read(*args):
        opened = real_open(*args)
        read = opened.read

        def grow_then_read(size):
            if not asked:
                with open(path, "ab") as f:
                    f.write(b" " * 10**6)
            asked.append(size)
            return read(size)

        opened.read = grow_then_read
        return opened

    monkeypatch.setattr(files, "open_regular", open_then_grow_at_the_first_read)
    with pytest.raises(ModelFormatError, match="model.json is %d bytes; a tinynet model is at most %d" % (
            limit + 1, limit)):
        serialize.load(path)
    assert sum(asked) == limit + 1  # it read one byte past the limit, and no more


def test_the_largest_model_fits_the_limit():
    worst = -2.2250738585072014e-308  # the longest float64 repr: 24 characters

    def size(n_in, n_hid):
        nn = NeuralNetwork(n_in, n_hid, 1, seed=2**32 - 1, learning_rate=-worst)
        nn.set_parameters([[worst] * n_hid] * n_in, [[worst] * n_hid], [[worst]] * n_hid, [[worst]])
        return len(serialize.dumps(nn).encode("utf-8"))

    row_of_one = size(2, 1) - size(1, 1)  # one parameter more, in a row of its own: the dearest layout
    assert len(repr(worst)) == 24 and row_of_one == 32
    assert size(1, 2) - size(1, 1) <= 3 * 32  # a hidden unit: three parameters more
    assert size(1, 1) + 32 * MAX_PARAMETERS <= serialize.MAX_MODEL_BYTES

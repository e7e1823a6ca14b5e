"""Stand-ins the tests share: a terminal that two streams write to, a call on a FIFO that must not wait, and stop()."""

import os
import threading


class SharedTerminal:
    """One of two fake terminal streams writing to one screen: ``log`` holds both streams' writes in order."""

    encoding = "utf-8"

    def __init__(self, log, tty=True):
        self.log, self.tty = log, tty

    def write(self, text):
        self.log.append(text)
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return self.tty


def screen(writes):
    """Return (finished lines, the line the cursor is on) as a terminal shows ``writes``: \\r goes back."""
    lines, current, column = [], [], 0
    for text in writes:
        for char in text:
            if char == "\r":
                column = 0
            elif char == "\n":
                lines.append("".join(current).rstrip())
                current, column = [], 0
            else:
                current[column:column + 1] = [char]
                column += 1
    return lines, "".join(current).rstrip()


def raised_on_fifo(call, fifo, what):
    """Return what ``call()`` raised, asserting it returned at once rather than open ``fifo`` and wait for a writer."""
    outcome = []

    def attempt():
        try:
            call()
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(10)
    hung = worker.is_alive()
    if hung:  # it opened the FIFO and waits for a writer: be one, so the thread ends
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(10)
    assert not hung, "%s opened the FIFO and waited for a writer" % what
    assert outcome, "%s returned without raising" % what
    return outcome[0]


def stop(process):
    """Kill ``process`` if it still runs, reap it and close its pipes: a test's subprocess never outlives it."""
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()

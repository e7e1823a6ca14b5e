"""Train the tutorial's XOR network from seed 0 with the core alone; print its loss lines and exact results.

    micropython train_xor.py EPOCHS

Trains as a user with a small heap would: ``history=False``, the loss lines
printed (``verbose=True``), and a callback that prints, under each loss
line, the exact value of that loss (``= EPOCH DIGITS``). Then one line
``result {...}`` of JSON: the final W1 b1 W2 b2 and last loss, the length of
the history, the heap in use after training, and the seconds it took.
Numbers go through exact.py, so no bit is lost. tests/micropython/prove.py runs
this under MicroPython (with the default heap, and with a small one) and
under CPython, and compares the two bit for bit.

Why ``history=False`` even with MicroPython's default 2 MB heap: a history
list that grows by appending needs ever larger contiguous blocks, and the
epochs' short-lived floats leave the heap with only small holes between the
losses kept, so the append fails at 1024 entries with most of the heap free.
"""

import gc
import sys
import time

import exact
from tinynet.core.network import NeuralNetwork

X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
y = [[0.0], [1.0], [1.0], [0.0]]


def exact_line(epoch: int, loss: float) -> None:
    """Print the exact loss under the line the network printed for this epoch."""
    if epoch % 100 == 0:
        print("= %d %s" % (epoch, exact.to_text(loss)))


def main(epochs: int) -> None:
    gc.collect()
    nn = NeuralNetwork(2, 4, 1, seed=0)
    start = time.time()
    nn.train(X, y, epochs, verbose=True, callback=exact_line, history=False)
    seconds = time.time() - start
    gc.collect()
    print("result " + exact.dumps({"weights": [P.tolist() for P in nn.parameters], "loss": nn.loss_history[-1],
                                   "history": len(nn.loss_history), "heap_used": gc.mem_alloc(),
                                   "heap_free": gc.mem_free(), "seconds": seconds}))


if __name__ == "__main__":
    main(int(sys.argv[1]))

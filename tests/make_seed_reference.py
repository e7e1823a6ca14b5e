"""Write tests/data/seed_reference.json from the seed tutorial's own NumPy code.

Run once, by hand, where NumPy is installed (CI never runs it):

    python tests/make_seed_reference.py

It runs the tutorial's code verbatim (tinynet/seed_numpy.py, copied from
../shared/seed). tests/test_seed_fidelity.py checks tinynet against the file
without NumPy: initial weights exactly, loss lines and final weights to 1e-9.
"""

import contextlib
import io
import json
import os
import platform
import sys

INIT_CASES = [  # (input_size, hidden_size, output_size, seed)
    (2, 4, 1, 0),
    (2, 4, 1, 3),
    (3, 5, 2, 42),
    (1, 1, 1, 4294967295),
    (6, 8, 4, 12345),
    (4, 8, 3, 7),
]
XOR_SEEDS = [0, 3]
XOR_EPOCHS = 10000


def weights(nn):
    return {name: getattr(nn, name).tolist() for name in ("W1", "b1", "W2", "b2")}


def main() -> int:
    import numpy as np  # only here: importing this file must not need NumPy

    from tinynet.seed_numpy import seed_class

    NeuralNetwork = seed_class()
    doc = {
        "description": "the seed tutorial's NumPy code: initial weights after np.random.seed(s), "
        "and XOR training (2-4-1, lr 0.1) from a seed",
        "generator": "tests/make_seed_reference.py",
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "init": [],
        "xor": [],
    }
    for n_in, n_hid, n_out, seed in INIT_CASES:
        np.random.seed(seed)
        nn = NeuralNetwork(n_in, n_hid, n_out)
        doc["init"].append({"sizes": [n_in, n_hid, n_out], "seed": seed, **weights(nn)})
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    y = np.array([[0], [1], [1], [0]])
    for seed in XOR_SEEDS:
        np.random.seed(seed)
        nn = NeuralNetwork(2, 4, 1)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            nn.train(X, y, XOR_EPOCHS)
        doc["xor"].append(
            {"seed": seed, "epochs": XOR_EPOCHS, "lines": out.getvalue().splitlines(), **weights(nn)}
        )
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "seed_reference.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

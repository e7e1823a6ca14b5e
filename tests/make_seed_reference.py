"""Write tests/data/seed_reference.json from the seed tutorial's own NumPy code.

Run once, by hand, where NumPy is installed (CI never runs it):

    python tests/make_seed_reference.py

The class below is the tutorial's code verbatim (../shared/seed), with its
comments removed. tests/test_seed_fidelity.py checks tinynet against the file
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


def seed_class(np):
    class NeuralNetwork:
        def __init__(self, input_size, hidden_size, output_size):
            self.W1 = np.random.randn(input_size, hidden_size)
            self.b1 = np.zeros((1, hidden_size))
            self.W2 = np.random.randn(hidden_size, output_size)
            self.b2 = np.zeros((1, output_size))

        def sigmoid(self, z):
            return 1 / (1 + np.exp(-z))

        def forward(self, X):
            self.z1 = np.dot(X, self.W1) + self.b1
            self.a1 = self.sigmoid(self.z1)
            self.z2 = np.dot(self.a1, self.W2) + self.b2
            self.a2 = self.sigmoid(self.z2)
            return self.a2

        def sigmoid_derivative(self, z):
            return self.sigmoid(z) * (1 - self.sigmoid(z))

        def backward(self, X, y):
            m = X.shape[0]
            dZ2 = self.a2 - y
            dW2 = np.dot(self.a1.T, dZ2) / m
            db2 = np.sum(dZ2, axis=0, keepdims=True) / m
            dZ1 = np.dot(dZ2, self.W2.T) * self.sigmoid_derivative(self.z1)
            dW1 = np.dot(X.T, dZ1) / m
            db1 = np.sum(dZ1, axis=0, keepdims=True) / m
            self.W1 -= 0.1 * dW1
            self.b1 -= 0.1 * db1
            self.W2 -= 0.1 * dW2
            self.b2 -= 0.1 * db2

        def train(self, X, y, epochs):
            for epoch in range(epochs):
                output = self.forward(X)
                self.backward(X, y)
                if epoch % 100 == 0:
                    loss = np.mean((output - y) ** 2)
                    print(f"Epoch {epoch} - Loss: {loss}")

    return NeuralNetwork


def weights(nn):
    return {name: getattr(nn, name).tolist() for name in ("W1", "b1", "W2", "b2")}


def main() -> int:
    import numpy as np  # only here: importing this file must not need NumPy

    NeuralNetwork = seed_class(np)
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

"""The seed tutorial's NumPy code, verbatim, as the reference that benchmarks and reference data run.

tinynet never imports NumPy itself: ``python -m tinynet.bench`` runs this code
where NumPy is installed (to measure against it), and
``tests/make_seed_reference.py`` runs it once to write the seed's own numbers.
``SEED_SOURCE`` is the tutorial's code blocks in order (comments as in the
tutorial); ``XOR_EXAMPLE`` is its closing example.
"""

__all__ = ["SEED_SOURCE", "XOR_EXAMPLE", "seed_class", "seed_script"]

SEED_SOURCE = '''import numpy as np

class NeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size):
        # Randomly initialize weights and biases
        self.W1 = np.random.randn(input_size, hidden_size)  # Weights for input to hidden
        self.b1 = np.zeros((1, hidden_size))  # Bias for hidden layer

        self.W2 = np.random.randn(hidden_size, output_size)  # Weights for hidden to output
        self.b2 = np.zeros((1, output_size))  # Bias for output layer

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))  # Sigmoid activation function

    def forward(self, X):
        # Calculate the output for the hidden layer
        self.z1 = np.dot(X, self.W1) + self.b1  # Weighted sum of inputs
        self.a1 = self.sigmoid(self.z1)  # Activation

        # Calculate the output for the final layer
        self.z2 = np.dot(self.a1, self.W2) + self.b2
        self.a2 = self.sigmoid(self.z2)  # Final output (prediction)
        return self.a2

    def sigmoid_derivative(self, z):
        return self.sigmoid(z) * (1 - self.sigmoid(z))  # Derivative of Sigmoid

    def backward(self, X, y):
        m = X.shape[0]  # Number of training examples

        # Calculate error at the output layer
        dZ2 = self.a2 - y
        dW2 = np.dot(self.a1.T, dZ2) / m
        db2 = np.sum(dZ2, axis=0, keepdims=True) / m

        # Calculate error at the hidden layer
        dZ1 = np.dot(dZ2, self.W2.T) * self.sigmoid_derivative(self.z1)
        dW1 = np.dot(X.T, dZ1) / m
        db1 = np.sum(dZ1, axis=0, keepdims=True) / m

        # Update weights and biases
        self.W1 -= 0.1 * dW1  # Learning rate is 0.1
        self.b1 -= 0.1 * db1
        self.W2 -= 0.1 * dW2
        self.b2 -= 0.1 * db2

    def train(self, X, y, epochs):
        for epoch in range(epochs):
            output = self.forward(X)  # Get the predicted output
            self.backward(X, y)  # Update weights using backpropagation

            # Optionally print loss every 100 epochs
            if epoch % 100 == 0:
                loss = np.mean((output - y) ** 2)  # Mean Squared Error loss
                print(f"Epoch {epoch} - Loss: {loss}")
'''

XOR_EXAMPLE = '''
# XOR input and output
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])  # Input
y = np.array([[0], [1], [1], [0]])  # Expected output

# Create the neural network
nn = NeuralNetwork(input_size=2, hidden_size=4, output_size=1)

# Train the neural network
nn.train(X, y, epochs=10000)
'''


def seed_class():
    """Return the tutorial's ``NeuralNetwork`` class; needs NumPy (imported by the tutorial's code)."""
    # the tutorial's text is run as it stands, so the reference is the seed
    # itself and not a retyped copy of it
    namespace = {}
    exec(compile(SEED_SOURCE, "seed.py", "exec"), namespace)
    return namespace["NeuralNetwork"]


def seed_script(seed: "int | None" = None) -> str:
    """Return the tutorial as one script (``python seed.py``), seeded with np.random.seed(seed) if given."""
    head = SEED_SOURCE if seed is None else SEED_SOURCE + "\nnp.random.seed(%d)\n" % seed
    return head + XOR_EXAMPLE

"""The test-vector groups: each group's name, description and case builder, in the spec's order.

A case is {"id", "comment", "flags", "op", "tier", "inputs"}; ``run``
(answer.py) turns (op, inputs) into the outputs, both for writing the
expected values (``generate``) and for tinynet's own answers (``answer``).
docs/SPEC.md, "Test vectors", describes every op, its inputs and its outputs.
"""

from .answer import decode, run
from .demo_cases import demo_cases
from .error_cases import error_cases
from .file_cases import csv_cases, model_cases
from .loss_cases import loss_cases, text_cases
from .network_cases import network_cases, training_cases
from .numeric_cases import generator_cases, init_cases, matrix_cases, sigmoid_cases

__all__ = ["GROUPS", "run", "decode"]

GROUPS = [
    ("generator", "MT19937 outputs, 53-bit doubles, polar-method pairs and normals (NumPy's legacy seed)",
     generator_cases),
    ("init", "initial weights for several (sizes, seed), as np.random.seed(s) and the seed's __init__", init_cases),
    ("sigmoid", "sigmoid and sigmoid_derivative at edge values, both branches", sigmoid_cases),
    ("matrix", "matrix product, transpose, bias add, column sum: only + - * /, so exact", matrix_cases),
    ("network", "forward, gradients, backward from given activations, and one training step", network_cases),
    ("training", "XOR trajectories from seed 0, training from given weights, a run that fails part way",
     training_cases),
    ("losses", "the printed MSE (exact) and the descended cross-entropy, on their own", loss_cases),
    ("text", "the printed loss line: Python's repr of the float, the shortest round-trip text", text_cases),
    ("errors", "invalid inputs, the error kind each must raise, and which check comes first", error_cases),
    ("model", "saved model files: valid ones read back exactly, and every way a file can be invalid", model_cases),
    ("csv", "numeric CSV files: what is read, and every way a file can be invalid", csv_cases),
    ("demo", "the XOR demo's exact lines: the table, the last line, the loss lines, and its options", demo_cases),
]

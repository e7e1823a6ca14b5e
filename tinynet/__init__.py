"""tinynet: the classic "neural network from scratch" tutorial in pure Python.

A 2-layer sigmoid network (``NeuralNetwork``) on a hand-written ``Matrix`` of
float64, with the seed tutorial's names, formulas and seeded weights, and no
dependency beyond the standard library. See README.md and docs/SPEC.md.
"""

from .activations import sigmoid, sigmoid_derivative
from .errors import (
    BadHyperparameterError,
    BadSizeError,
    DataFormatError,
    ModelFormatError,
    NonFiniteError,
    NotANumberError,
    ShapeError,
)
from .matrix import Matrix
from .network import NeuralNetwork, mse
from .serialize import load, save

__version__ = "0.1.0"

__all__ = [
    "Matrix",
    "NeuralNetwork",
    "sigmoid",
    "sigmoid_derivative",
    "mse",
    "save",
    "load",
    "ShapeError",
    "NonFiniteError",
    "NotANumberError",
    "BadSizeError",
    "BadHyperparameterError",
    "ModelFormatError",
    "DataFormatError",
]

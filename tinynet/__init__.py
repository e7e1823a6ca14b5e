"""tinynet: the classic "neural network from scratch" tutorial in pure Python.

A 2-layer sigmoid network (``NeuralNetwork``) on a hand-written ``Matrix`` of
float64, with the seed tutorial's names, formulas and seeded weights, and no
dependency beyond the standard library. See README.md and docs/SPEC.md.

Layers: ``tinynet.core`` is what a port carries (it imports only ``math``);
the tools (serialize, data, trace, gradcheck, plot, progress, vectors) use
only its public names; the commands (xor, iris, bench, ``python -m
tinynet.vectors``) sit on top.
"""

from .core.errors import (
    BadArgumentError,
    BadHyperparameterError,
    BadIndexError,
    BadSizeError,
    DataFormatError,
    ModelFormatError,
    NonFiniteError,
    NotANumberError,
    ShapeError,
)
from .core.losses import cross_entropy, mse
from .core.matrix import Matrix
from .core.network import NeuralNetwork, sigmoid, sigmoid_derivative
from . import data, plot
from .serialize import SpecialFileError, load, save

__version__ = "0.3.0"

__all__ = [
    "Matrix",
    "NeuralNetwork",
    "sigmoid",
    "sigmoid_derivative",
    "mse",
    "cross_entropy",
    "save",
    "load",
    "data",
    "plot",
    "ShapeError",
    "NonFiniteError",
    "NotANumberError",
    "BadSizeError",
    "BadHyperparameterError",
    "ModelFormatError",
    "DataFormatError",
    "BadArgumentError",
    "BadIndexError",
    "SpecialFileError",
]

"""The core: what a port or MicroPython carries. It imports only ``math`` and itself.

matrix (with ops, row and checks), activations, losses, rng, params, network, the
fused kernel (kernel, fused), overflow and errors. See README.md, "Layout".
"""

"""The core: what a port or MicroPython carries. It imports only ``math`` (and ``operator``, guarded) and itself,
and ``os`` inside ``rng.fresh_seed``, for a seed from the system when none is given.

errors, checks (the one rule for user data), formulas (each scalar formula
once), matrix (``Matrix``, its row view and named operations), losses, rng,
network (``NeuralNetwork``, one class), kernel (the fused epoch and when it may
run) and overflow (which quantity stopped being finite). See README.md, "Layout".
"""

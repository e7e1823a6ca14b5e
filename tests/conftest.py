"""Hypothesis profiles: ``default`` (quick, every run) and ``thorough`` (nightly).

Choose with HYPOTHESIS_PROFILE=thorough. The default draws 100 examples per
property (the gradient checks draw at least 200: tests/test_gradients.py), so
the whole suite stays under two minutes on one core on CPython 3.8, the
slowest interpreter here. Deadlines are off: the machines are shared and noisy,
and speed is measured by ``python -m tinynet.bench``, never here.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

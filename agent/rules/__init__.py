"""Deterministic repairs for known API erosion: libcst codemods the agent tries before any LLM.

The agent loop calls four functions:

- ``lint(nb, written)``: what would break in the locked environment (rule id, cell, line);
- ``fix_static(nb, written)``: every static rule, one ``Edit`` per changed cell;
- ``fix_error(nb, cell, error, data_files)``: rules keyed by the failing cell's error;
- ``calibrate(nb, written)``: pin back defaults that changed after the notebook was written.

Rules live in one module per library; importing them registers them (order matters:
Python 2 conversion and numpy aliases run before the pandas and scikit-learn rules).
"""

from . import (  # noqa: F401  # noqa: F401  # noqa: F401  (notebook-level rules)
    boosting_rules,
    calibration_rules,
    datapath_rules,
    numpy_rules,
    order_rules,
    other_libs_rules,
    pandas3_rules,
    pandas_rules,
    plotting_rules,
    python2,  # noqa: F401  (registers python2-to-3 first)
    shell_rules,
    sklearn_rules,
)
from .engine import Finding, calibrate, fix_error, fix_static, lint
from .framework import RULES, Rule

__all__ = ["Finding", "RULES", "Rule", "calibrate", "fix_error", "fix_static", "lint"]

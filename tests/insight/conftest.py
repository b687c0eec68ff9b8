"""Fixtures of the insight tests; the builders live in ``insight_support.py`` beside this file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from insight_support import TITANIC, notebook  # noqa: E402


@pytest.fixture
def titanic():
    """A 2017-style Titanic notebook with two stored figures and a score stated in prose."""
    return notebook(*TITANIC, written="2017-06")

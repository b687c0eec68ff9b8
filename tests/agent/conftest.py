"""Fixtures for the agent tests: the fake OpenAI-compatible model server.

With --import-mode=importlib pytest does not put test folders on sys.path, so
this folder is added here for the helper module ``fake_llm`` (tests import
``from fake_llm import Reply``).
"""

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
# A rule that raises is skipped in a repair (it must never take the pass down); in the tests it is a bug to see.
os.environ.setdefault("MLEMOD_RULE_ERRORS", "raise")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fake_llm import FakeLLM  # noqa: E402


@pytest.fixture
def fake_llm():
    server = FakeLLM()
    yield server
    server.close()

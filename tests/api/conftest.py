"""Fixtures for the API tests: the real app under uvicorn on 127.0.0.1, in a thread or a process.

Helpers that tests import live in ``api_support.py`` beside this file (added to
sys.path here, since --import-mode=importlib does not put test folders on it).
"""

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_support import ThreadServer


@pytest.fixture
def serve(tmp_path):
    """Start servers with settings overrides; every one is stopped at teardown."""
    started: list[ThreadServer] = []

    def _serve(**overrides) -> ThreadServer:
        server = ThreadServer.start(tmp_path, **overrides)
        started.append(server)
        return server

    yield _serve
    for server in started:
        server.stop()

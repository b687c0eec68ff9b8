"""Fixtures for executor tests: notebooks written on the fly, run on every available backend."""

from __future__ import annotations

from pathlib import Path

import pytest
from mlemodernizer.core import RunRequest
from mlemodernizer.executor.base import get_executor
from support import SHARED_DATA


def docker_ready() -> bool:
    """An engine answers and the image for the current lock is built."""
    try:
        from mlemodernizer.executor.image import docker_client, find_image

        return find_image(docker_client()) is not None
    except Exception:
        return False


@pytest.fixture(scope="module")
def engine():
    """A Docker client whose engine has the image for the current lock; skips otherwise."""
    try:
        from mlemodernizer.executor.image import docker_client, find_image

        client = docker_client()
        if find_image(client) is None:
            raise RuntimeError("image not built")
    except Exception as exc:
        pytest.skip(f"no Docker engine with the built image ({exc}); scripts/ci-docker.sh prepares both")
    return client


@pytest.fixture(params=["local", pytest.param("docker", marks=pytest.mark.docker)])
def backend(request) -> str:
    if request.param == "docker" and not docker_ready():
        pytest.skip("no Docker engine with the built image (scripts/ci-docker.sh builds it)")
    return request.param


@pytest.fixture
def titanic_data() -> Path:
    path = SHARED_DATA / "titanic" / "input"
    if not path.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    return path


@pytest.fixture
def run(backend, tmp_path):
    """Run a notebook once, top to bottom, on the backend under test."""

    def _run(notebook, **fields):
        fields.setdefault("cell_timeout", 60)
        fields.setdefault("workdir", tmp_path / "work")
        session = get_executor(backend).start(RunRequest(notebook=notebook, **fields))
        try:
            return session.run_cells(notebook.sources())
        finally:
            session.close()

    return _run

"""What the service writes is private to its user: the jobs database 0600, uploads and workspaces 0700.

Run with umask 0, so that only explicit modes (not a tidy default umask) can pass.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from api_support import notebook_bytes, post_job, zip_bytes
from mlemodernizer.api import jobs
from mlemodernizer.api.store import JobStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_the_database_and_its_wal_files_are_0600(tmp_path, open_umask):
    path = tmp_path / "new-folder" / "jobs.sqlite"
    store = JobStore(path)
    store.create("j1", "j1.ipynb", {}, '{"cells": []}', None)
    try:
        files = sorted(p.name for p in path.parent.iterdir())
        assert files == ["jobs.sqlite", "jobs.sqlite-shm", "jobs.sqlite-wal"]
        assert {p.name: mode(p) for p in path.parent.iterdir()} == {name: 0o600 for name in files}
        assert mode(path.parent) == 0o700  # a folder the store created
    finally:
        store.close()


def test_an_existing_database_is_tightened(tmp_path, open_umask):
    path = tmp_path / "jobs.sqlite"
    JobStore(path).close()
    path.chmod(0o666)
    JobStore(path).close()
    assert mode(path) == 0o600


def test_uploads_and_job_folders_are_0700(serve, monkeypatch, open_umask):
    monkeypatch.setattr(jobs.JobRunner, "submit", lambda self, job_id: None)  # the job stays queued
    server = serve()
    with server.client() as c:
        response = post_job(c, notebook_bytes("print(1)"), zip_bytes({"input/train.csv": "a\n1\n"}))
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
    root = server.settings.jobs_path
    job_dir = root / job_id
    assert mode(root) == 0o700 and mode(job_dir) == 0o700
    assert mode(server.settings.db_path) == 0o600
    assert (job_dir / "data" / "input" / "train.csv").read_text() == "a\n1\n"


def test_a_job_files_folder_is_0700(tmp_path, open_umask):
    from mlemodernizer.api.store import private_dir

    folder = private_dir(tmp_path / "jobs" / "abc" / "files")
    assert mode(folder) == 0o700

"""Inputs are judged before anything runs: notebooks, sizes, archives, options, the backend policy.

One server for the module (with small limits); every refusal must leave no job
and no files behind.
"""

from __future__ import annotations

import json

import httpx
import pytest
from api_support import (
    ABSENT_IMAGE,
    ThreadServer,
    notebook_bytes,
    post_job,
    wait_for,
    zip_bytes,
)

GOOD = notebook_bytes("print('hello')")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = ThreadServer.start(tmp_path_factory.mktemp("uploads"), max_notebook_bytes=50_000,
                                max_data_bytes=20_000, max_extracted_bytes=100_000, max_archive_members=5,
                                max_fixes=4, max_seconds=600)
    yield server
    server.stop()


@pytest.fixture
def c(server):
    with server.client() as c:
        yield c


def refused(c: httpx.Client, response: httpx.Response, status: int, *fragments: str) -> str:
    """Assert a one-line refusal that names the problem, and that nothing was stored."""
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert "\n" not in detail
    for fragment in fragments:
        assert fragment in detail, detail
    assert c.get("/jobs").json() == []
    return detail


@pytest.fixture(autouse=True)
def nothing_left_behind(server):
    yield
    assert list(server.settings.jobs_path.iterdir()) == []  # no upload survives a refusal


def test_invalid_json_is_a_one_line_400(c):
    refused(c, post_job(c, b"{not json", name="broken.ipynb"), 400, "broken.ipynb", "not valid JSON")


def test_json_that_is_not_a_notebook_is_a_400(c):
    refused(c, post_job(c, json.dumps({"hello": "world"}).encode()), 400, "not a Jupyter notebook")


def test_a_notebook_over_the_limit_is_413(c):
    big = notebook_bytes("x = '" + "a" * 60_000 + "'")
    refused(c, post_job(c, big), 413, "notebook", "50000")


def test_a_request_body_over_the_limit_is_413_even_without_a_length(c, server):
    limit = server.settings.max_request_bytes

    def chunks():  # a streamed body: no Content-Length, so only counting can stop it
        yield (b'--b\r\nContent-Disposition: form-data; name="notebook"; filename="a.ipynb"\r\n'
               b"Content-Type: application/octet-stream\r\n\r\n")
        for _ in range(limit // 65536 + 2):
            yield b"z" * 65536
        yield b"\r\n--b--\r\n"

    response = c.post("/jobs", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413
    assert c.get("/jobs").json() == []


def test_a_data_zip_over_the_upload_limit_is_413(c):
    import os

    data = zip_bytes({"train.csv": os.urandom(30_000)})  # random bytes do not compress
    refused(c, post_job(c, GOOD, data), 413, "data", "20000")


@pytest.mark.parametrize("files, symlinks, fragment", [
    ({"../escape.csv": "a\n1\n"}, None, "(..)"),
    ({"input/../../escape.csv": "a\n1\n"}, None, "(..)"),
    ({"/etc/cron.d/evil": "a\n"}, None, "absolute path"),
    ({"train.csv": "a\n1\n"}, {"link.csv": "/etc/passwd"}, "symbolic link"),
    ({f"f{i}.csv": "a\n" for i in range(6)}, None, "6 members; at most 5"),
    ({"big.csv": "0" * 150_000}, None, "more than 100000 bytes"),
])
def test_unsafe_archives_are_refused(c, files, symlinks, fragment):
    refused(c, post_job(c, GOOD, zip_bytes(files, symlinks)), 400, fragment)


def test_data_that_is_not_a_zip_is_refused(c):
    refused(c, post_job(c, GOOD, b"PK\x03\x04 this is not really a zip"), 400, "not a readable zip archive")


def test_local_backend_is_refused_unless_the_operator_allowed_it(c):
    refused(c, post_job(c, GOOD, backend="local"), 403, "local backend is disabled")


def test_options_over_the_operator_caps_are_refused(c):
    refused(c, post_job(c, GOOD, max_fixes=5), 400, "max_fixes 5 exceeds this server's limit of 4")
    refused(c, post_job(c, GOOD, max_seconds=601), 400, "max_seconds")


def test_unknown_or_malformed_options_are_422(c):
    detail = refused(c, post_job(c, GOOD, max_fix=3), 422, "max_fix")
    assert "Extra inputs" in detail
    refused(c, post_job(c, GOOD, written="2017"), 422, "written")
    refused(c, post_job(c, GOOD, competition="../titanic"), 422, "competition")
    refused(c, post_job(c, GOOD, backend="kubernetes"), 422, "backend")


def test_a_missing_notebook_is_422(c):
    refused(c, c.post("/jobs", data={"max_fixes": "1"}), 422, "notebook")


def test_unknown_jobs_are_404(c):
    assert c.get("/jobs/0123456789abcdef0123456789abcdef").status_code == 404
    assert c.get("/jobs/0123456789abcdef0123456789abcdef/events").status_code == 404
    assert c.get("/jobs/../../etc/passwd").status_code == 404
    assert c.get("/jobs/not-an-id/report").status_code == 404


def docker_reachable() -> bool:
    try:
        import docker

        return bool(docker.from_env(timeout=5).ping())
    except Exception:  # noqa: BLE001 - whatever the failure, the engine is not reachable
        return False


def test_by_default_a_job_runs_in_the_docker_sandbox(serve):
    """The request names no backend: the job goes to docker (here: an image that is not built, so it
    fails fast, and its reason shows which backend it was sent to)."""
    server = serve(max_seconds=600)
    with server.client() as c:
        data = zip_bytes({"input/train.csv": "a,b\n1,2\n"})
        response = post_job(c, GOOD, data, name="../../odd name!.ipynb", max_fixes=2)
        assert response.status_code == 202, response.text
        job = response.json()
        assert response.headers["location"] == f"/jobs/{job['id']}"
        assert job["status"] == "queued" and job["options"]["backend"] == "docker"
        assert job["options"]["max_fixes"] == 2 and job["options"]["max_seconds"] == 600  # the cap is the default
        assert job["name"] == "odd_name_.ipynb"
        ended = wait_for(c, job["id"], ("failed", "done"), timeout=120)
        assert ended["status"] == "failed"
        if docker_reachable():
            assert f"docker image {ABSENT_IMAGE} is not built" in ended["reason"]
        else:
            assert "docker" in ended["reason"].lower()
        # a failed job has no outputs, and asking says why; what ended cannot be cancelled
        conflict = c.get(f"/jobs/{job['id']}/report")
        assert conflict.status_code == 409 and "failed" in conflict.json()["detail"]
        assert c.delete(f"/jobs/{job['id']}").status_code == 409
    assert not any(server.settings.jobs_path.iterdir())  # the uploaded data is gone with the job

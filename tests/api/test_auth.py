"""Every request needs the bearer token (known paths, unknown paths, uploads), except /health and the docs."""

from __future__ import annotations

import pytest
from api_support import TOKEN, notebook_bytes, post_job
from mlemodernizer.api.settings import Settings


@pytest.fixture
def server(serve):
    return serve()


@pytest.mark.parametrize("method, path", [("GET", "/jobs"), ("GET", "/jobs/0123456789abcdef0123456789abcdef"),
                                          ("GET", "/no/such/path"), ("GET", "/health/"), ("GET", "/docs/x"),
                                          ("POST", "/health"), ("DELETE", "/openapi.json"), ("GET", "/HEALTH")])
def test_requests_without_a_token_are_refused(server, method, path):
    with server.client(token=None) as c:
        response = c.request(method, path)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "bearer token" in response.json()["detail"]


def test_a_wrong_token_or_scheme_is_refused(server):
    with server.client(token=TOKEN + "x") as c:
        assert c.get("/jobs").status_code == 401
    with server.client(token=TOKEN[:-1]) as c:
        assert c.get("/jobs").status_code == 401
    with server.client(token=None) as c:
        assert c.get("/jobs", headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
        assert c.get("/jobs", headers={"Authorization": "Bearer"}).status_code == 401


def test_health_and_the_docs_are_open(server):
    with server.client(token=None) as c:
        health = c.get("/health")
        docs = c.get("/docs")
        schema = c.get("/openapi.json")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert docs.status_code == 200 and "swagger" in docs.text.lower() and "/openapi.json" in docs.text
    assert schema.status_code == 200 and schema.json()["paths"]["/health"]["get"]["security"] == []


def test_the_right_token_is_accepted(server):
    with server.client() as c:
        health = c.get("/health")
        schema = c.get("/openapi.json")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert health.json()["backend"] == "docker" and health.json()["allow_local_backend"] is False
    assert "/jobs/{job_id}/events" in schema.json()["paths"]


def test_an_unauthenticated_upload_is_refused_before_its_size_is_judged(serve):
    server = serve(max_notebook_bytes=1000, max_data_bytes=0)
    with server.client(token="not-the-token-at-all") as c:
        response = post_job(c, b"x" * 2_000_000)
    assert response.status_code == 401
    with server.client() as c:
        assert c.get("/jobs").json() == []


def test_a_short_token_is_not_a_valid_setting():
    with pytest.raises(ValueError, match="at least 16 characters"):
        Settings(token="short")


def test_local_backend_as_default_needs_the_operator_consent():
    with pytest.raises(ValueError, match="allow_local_backend"):
        Settings(token=TOKEN, backend="local")
    assert Settings(token=TOKEN, backend="local", allow_local_backend=True).backend == "local"


def test_the_notebook_and_token_are_never_echoed(server):
    with server.client(token=None) as c:
        response = post_job(c, notebook_bytes("print('secret-cell')"))
    assert TOKEN not in response.text and "secret-cell" not in response.text

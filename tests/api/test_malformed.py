"""Malformed input through the real app: a 400 that names the field, never a 500 or a cut stream."""

from __future__ import annotations

import copy
import json

import httpx
import pytest
from api_support import notebook_bytes, post_job, read_events
from mlemodernizer.api import jobs

GOOD = json.loads(notebook_bytes("print('hello')"))


def with_change(change) -> bytes:
    nb = copy.deepcopy(GOOD)
    change(nb)
    return json.dumps(nb).encode()


UPLOADS = [
    ("source is a number", with_change(lambda nb: nb["cells"][1].__setitem__("source", 123)), "cells[1].source"),
    ("language_info is a string", with_change(lambda nb: nb["metadata"].__setitem__("language_info", "x")),
     "metadata.language_info"),
    ("deep nesting", json.dumps(GOOD).replace('"metadata": {}', '"metadata": {"x": ' + "[" * 3000 + "]" * 3000 + "}",
                                              1).encode(), "nested"),
    ("5,000-digit integer", json.dumps(GOOD).replace('"nbformat_minor": 5', '"nbformat_minor": ' + "1" * 5000).encode(),
     "nbformat_minor: an integer of 5000 digits"),
    ("lone surrogate", json.dumps(GOOD).replace("hello", "\\udc80").encode(), "cells[1].source"),
    ("not UTF-8", json.dumps(GOOD).replace("hello", "h\u00e9llo").encode("latin-1"), "not UTF-8"),
    ("top level array", b"[]", "a notebook is a JSON object"),
    ("v3 worksheets not a list", json.dumps({"nbformat": 3, "worksheets": {"cells": []}}).encode(), "worksheets"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from api_support import ThreadServer

    server = ThreadServer.start(tmp_path_factory.mktemp("malformed"))
    yield server
    server.stop()


@pytest.fixture
def c(server):
    with server.client() as c:
        yield c


@pytest.mark.parametrize("body, field", [u[1:] for u in UPLOADS], ids=[u[0] for u in UPLOADS])
def test_a_malformed_notebook_is_a_400_naming_the_field(c, body, field):
    response = post_job(c, body, name="bad.ipynb")
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert detail.startswith("bad.ipynb: ") and field in detail and "\n" not in detail, detail
    assert c.get("/jobs").json() == []


@pytest.fixture
def queued_job(serve, monkeypatch):
    """A job that stays queued (no worker takes it), on its own server."""
    monkeypatch.setattr(jobs.JobRunner, "submit", lambda self, job_id: None)
    server = serve()
    with server.client() as c:
        response = post_job(c, notebook_bytes("print(1)"))
        assert response.status_code == 202
        yield c, response.json()["id"]


@pytest.mark.parametrize("after, header", [
    ("%C2%B2", None),  # "²": str.isdigit() says yes, int() says no
    ("-1", None), ("1e3", None), ("x", None), ("9" * 30, None),
    (None, "²"), (None, "junk"), (None, "-5"), (None, "3.0"),
])
def test_a_bad_event_id_is_a_400_before_any_event(queued_job, after, header):
    c, job_id = queued_job
    url = f"/jobs/{job_id}/events" + (f"?after={after}" if after is not None else "")
    headers = {"Last-Event-ID": header.encode("utf-8")} if header is not None else {}
    with c.stream("GET", url, headers=headers, timeout=10) as response:
        assert response.status_code == 400
        body = json.loads(response.read())
    assert "event id" in body["detail"]


def test_a_good_event_id_resumes(queued_job):
    c, job_id = queued_job
    # the job stays queued: one event so far; after it, the stream waits, so read with a short timeout
    with c.stream("GET", f"/jobs/{job_id}/events?after=0", timeout=5) as response:
        assert response.status_code == 200
        lines = response.iter_lines()
        head = [next(lines) for _ in range(3)]
    assert "id: 1" in head and "event: status" in head
    with pytest.raises(httpx.ReadTimeout):
        with c.stream("GET", f"/jobs/{job_id}/events", headers={"Last-Event-ID": "1"}, timeout=1) as response:
            assert response.status_code == 200
            for line in response.iter_lines():
                assert not line.startswith("id:"), line  # nothing after event 1 yet


def test_events_of_a_finished_job_are_read_whole(serve):
    server = serve()  # the docker image is absent: the job fails fast, and its stream ends
    with server.client() as c:
        job_id = post_job(c, notebook_bytes("print(1)")).json()["id"]
        events = read_events(c, job_id, timeout=120)
        assert events[-1]["data"]["status"] == "failed"
        assert read_events(c, job_id, last_event_id=len(events) - 1, timeout=60) == events[-1:]

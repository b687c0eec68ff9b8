"""The OpenAPI document is true: what it says each route takes and answers is what a live server does.

The schemathesis test drives every documented operation of a live uvicorn server
on 127.0.0.1 with generated requests (valid ones, and invalid ones the server must
refuse with a documented 4xx) and fails on any 5xx, an undocumented status, a
content type or a body that does not match the document. Jobs it creates stay
queued (no worker takes them), so nothing runs.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
from api_support import TOKEN, notebook_bytes
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from mlemodernizer.api import jobs

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES_PER_OPERATION = 20  # per generation mode: valid and invalid requests


@pytest.fixture
def server(serve, monkeypatch):
    monkeypatch.setattr(jobs.JobRunner, "submit", lambda self, job_id: None)
    return serve(max_notebook_bytes=50_000, max_data_bytes=20_000)


def test_the_document_describes_uploads_errors_and_auth(server):
    with server.client(token=None) as c:
        doc = c.get("/openapi.json").json()
    post = doc["paths"]["/jobs"]["post"]
    body = post["requestBody"]["content"]
    assert list(body) == ["multipart/form-data"]
    form = doc["components"]["schemas"][body["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]]
    assert form["required"] == ["notebook"] and form["additionalProperties"] is False
    assert form["properties"]["notebook"]["contentMediaType"] == "application/octet-stream"
    assert form["properties"]["data"]["contentMediaType"] == "application/octet-stream"
    assert form["properties"]["max_fixes"]["type"] == "integer"  # a form field is never null
    assert set(post["responses"]) == {"202", "400", "401", "403", "413", "422", "503"}
    error = doc["components"]["schemas"]["ErrorBody"]
    assert error["required"] == ["detail"] and error["properties"]["detail"]["type"] == "string"
    assert post["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ValidationErrorBody")
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            if path == "/health":
                assert operation["security"] == [] and "401" not in statuses
                continue
            assert "401" in statuses, (method, path)
            for status in statuses - {"200", "202"}:
                ref = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith(("/ErrorBody", "/ValidationErrorBody")), (method, path, status)
    assert doc["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}
    events = doc["paths"]["/jobs/{job_id}/events"]["get"]
    assert {p["name"] for p in events["parameters"]} >= {"after", "last-event-id"}
    assert "400" in events["responses"] and "text/event-stream" in events["responses"]["200"]["content"]
    page = doc["paths"]["/jobs/{job_id}/report.html"]["get"]["responses"]
    assert list(page["200"]["content"]) == ["text/html"] and {"404", "409"} <= set(page)


def test_a_live_server_matches_its_document(server, capsys):
    from schemathesis.checks import not_a_server_error
    from schemathesis.generation import GenerationMode
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
              response_headers_conformance]
    schema = schemathesis.openapi.from_url(server.url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 10
    calls: Counter = Counter()
    statuses: Counter = Counter()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    began = time.monotonic()

    def drive(operation, mode) -> None:
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case):
            response = case.call_and_validate(base_url=server.url, headers=auth, checks=checks, timeout=20)
            calls[operation.label] += 1
            statuses[response.status_code] += 1

        try:
            call()
        except Unsatisfiable:  # no invalid request exists for an operation without parameters (/health)
            assert mode == GenerationMode.NEGATIVE and not operation.path_parameters and not operation.query

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            drive(operation, mode)
    # and one upload that is certainly valid, so that the 202 and the views of a real job are checked too
    by_label = {op.label: op for op in operations}
    accepted = by_label["POST /jobs"].Case(media_type="multipart/form-data", body={
        "notebook": notebook_bytes("print(1)"), "max_fixes": 2, "competition": "titanic"})
    response = accepted.call_and_validate(base_url=server.url, headers=auth, checks=checks, timeout=20)
    assert response.status_code == 202, response.text
    statuses[202] += 1
    calls["POST /jobs"] += 1
    job_id = response.json()["id"]
    for label in ("GET /jobs/{job_id}", "GET /jobs/{job_id}/notebook", "DELETE /jobs/{job_id}", "GET /jobs"):
        case = by_label[label].Case(path_parameters={"job_id": job_id} if "{job_id}" in label else {})
        statuses[case.call_and_validate(base_url=server.url, headers=auth, checks=checks, timeout=20).status_code] += 1
        calls[label] += 1
    seconds = time.monotonic() - began
    with server.client() as c:
        queued = len(c.get("/jobs", params={"limit": 500}).json())
    with capsys.disabled():
        print(f"\nschemathesis: {len(operations)} operations, {sum(calls.values())} requests in {seconds:.1f}s "
              f"(statuses {dict(sorted(statuses.items()))}; {queued} jobs accepted)")
        for label, count in sorted(calls.items()):
            print(f"  {count:3d}  {label}")
    assert set(calls) == {op.label for op in operations}
    assert not any(500 <= status for status in statuses)
    assert statuses[202] >= 1 and statuses[409] >= 1  # the valid upload, and the notebook of a job not done

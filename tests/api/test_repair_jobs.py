"""Real repairs through the service: `mlemod serve` in its own process, a real kernel, the rules.

The old notebook imports ``sklearn.cross_validation`` (removed in scikit-learn
0.20) and reads its data from Kaggle's ``../input/``; the rules repair it. The
job is followed over server-sent events, its outputs are downloaded, and then
the server is stopped and a new one started on the same SQLite file.
"""

from __future__ import annotations

import signal

import nbformat
import pytest
from api_support import (
    ProcessServer,
    ThreadServer,
    client,
    notebook_bytes,
    post_job,
    read_events,
    wait_for,
    zip_bytes,
)
from mlemodernizer.api.jobs import STOPPED_REASON
from mlemodernizer.api.store import JobStore

OLD_NOTEBOOK = notebook_bytes(
    "import pandas as pd\nfrom sklearn.cross_validation import train_test_split",
    "df = pd.read_csv('../input/points.csv')\n"
    "train, test = train_test_split(df, test_size=0.5, random_state=0)\n"
    "print('split', len(train), len(test))",
)
DATA = zip_bytes({"input/points.csv": "a,b\n1,0\n2,1\n3,0\n4,1\n"})  # one top folder: it becomes the data dir
pytestmark = pytest.mark.slow


@pytest.fixture
def process_servers(tmp_path):
    started: list[ProcessServer] = []

    def _start() -> ProcessServer:
        server = ProcessServer(tmp_path / "jobs.sqlite", "--allow-local-backend", "--workers", "1")
        started.append(server)
        return server

    yield _start
    for server in started:
        server.stop()


def test_a_repair_job_from_upload_to_report_survives_a_restart(process_servers):
    server = process_servers()
    with client(server.url) as c:
        created = post_job(c, OLD_NOTEBOOK, DATA, name="split_2016.ipynb", backend="local", max_seconds=600,
                           cell_timeout=120)
        assert created.status_code == 202, created.text
        job_id = created.json()["id"]
        # one worker: a second job waits behind the first, so it can still be cancelled
        second = post_job(c, notebook_bytes("print(1)"), backend="local").json()
        cancelled = c.delete(f"/jobs/{second['id']}")
        assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"

        running = wait_for(c, job_id, ("running", "done", "failed"), timeout=60)
        if running["status"] == "running":
            assert c.delete(f"/jobs/{job_id}").status_code == 409
            assert c.get(f"/jobs/{job_id}/notebook").status_code == 409

        everything = read_events(c, job_id)
        assert [int(e["id"]) for e in everything] == list(range(1, len(everything) + 1))
        cells = [e["data"] for e in everything if e["event"] == "cell"]  # per cell, during every run
        assert cells[:2] == [{"cell": 1, "status": "error", "seconds": cells[0]["seconds"],
                              "peak_memory_mb": cells[0]["peak_memory_mb"], "error": cells[0]["error"]},
                             {**cells[1], "cell": 2, "status": "skipped"}]
        assert cells[0]["error"].startswith("ModuleNotFoundError") and cells[-1]["status"] == "ok"
        events = [e for e in everything if e["event"] != "cell"]
        kinds = [e["event"] for e in events]
        assert kinds[:3] == ["status", "status", "baseline"], kinds
        assert [e["data"].get("status") for e in events[:2]] == ["queued", "running"]
        assert kinds[-3:] == ["final", "done", "status"], kinds
        assert events[-1]["data"]["status"] == "done" and events[-1]["data"]["verdict"] == "reproduced"
        assert events[2]["data"]["status"] == "error" and events[2]["data"]["first_failure"] == 1
        attempts = [e["data"] for e in events if e["event"] == "attempt"]
        accepted = [a for a in attempts if a["accepted"]]
        assert accepted and all(edit["origin"].startswith("rule:") for a in accepted for edit in a["edits"])
        assert kinds.index("diagnosis") < kinds.index("attempt") < kinds.index("final")
        assert events[-3]["data"]["status"] == "ok" and events[-3]["data"]["cells_ok"] == 2

        job = c.get(f"/jobs/{job_id}").json()
        assert job["status"] == "done" and job["verdict"] == "reproduced"
        assert set(job["links"]) >= {"notebook", "report", "report_md", "report_html"}

        downloaded = c.get(f"/jobs/{job_id}/notebook")
        assert downloaded.status_code == 200
        assert 'filename="split_2016.repaired.ipynb"' in downloaded.headers["content-disposition"]
        repaired = nbformat.reads(downloaded.text, as_version=4)
        nbformat.validate(repaired)
        code = "".join(cell.source for cell in repaired.cells)
        assert "sklearn.model_selection" in code and "cross_validation" not in code
        assert repaired.cells[-1].outputs[0]["text"] == "split 2 2\n"
        provenance = repaired.metadata["mlemodernizer"]
        assert provenance["verdict"] == "reproduced" and provenance["environment"]["backend"] == "local"

        report = c.get(f"/jobs/{job_id}/report").json()
        assert report["verdict"] == "reproduced" and report["final_hash"] == provenance["repaired_sha256"]
        assert report["baseline"]["status"] == "error" and report["final"]["status"] == "ok"
        markdown = c.get(f"/jobs/{job_id}/report.md")
        assert markdown.headers["content-type"].startswith("text/markdown")
        assert "**Verdict: reproduced**" in markdown.text and "```diff" in markdown.text
        page = c.get(job["links"]["report_html"])
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "class=\"verdict reproduced\"" in page.text and page.text.count("class=\"edit\"") == sum(
            len(a["edits"]) for a in report["attempts"])
        assert "src=\"http" not in page.text and "default-src 'none'" in page.text

        # a client that reconnects with Last-Event-ID gets only what it missed
        tail = read_events(c, job_id, last_event_id=len(everything) - 2)
        assert [e["event"] for e in tail] == ["done", "status"]

    # SIGTERM, as a service manager sends it: uvicorn shuts the app down, then re-raises the signal
    assert server.stop() in (0, -signal.SIGTERM)
    assert "Application shutdown complete" in server.log_text()
    again = process_servers()
    with client(again.url) as c:
        job = c.get(f"/jobs/{job_id}").json()
        assert job["status"] == "done" and job["verdict"] == "reproduced"
        assert c.get(f"/jobs/{job_id}/report").json() == report
        assert c.get(f"/jobs/{job_id}/notebook").text == downloaded.text
        assert [e["event"] for e in read_events(c, job_id)] == [e["event"] for e in everything]
        assert c.get(f"/jobs/{second['id']}").json()["status"] == "cancelled"
        listed = [j["id"] for j in c.get("/jobs").json()]
        assert listed == [second["id"], job_id]  # newest first


def test_after_a_crash_running_and_queued_jobs_run(tmp_path, serve):
    """State a server left behind when it died: one job mid-repair (back to the queue), one never started."""
    store = JobStore(tmp_path / "jobs.sqlite")
    options = {"backend": "local", "competition": None, "written": None, "tolerance": 0.1, "cell_timeout": 60,
               "budget": 600, "max_fixes": 2, "max_seconds": 300, "max_dollars": 0}
    store.create("a" * 32, "was_running.ipynb", options, notebook_bytes("print(1)").decode(), None)
    assert store.claim("a" * 32)
    store.create("b" * 32, "was_queued.ipynb", options, notebook_bytes("print(6 * 7)").decode(), None)
    store.close()

    server: ThreadServer = serve(allow_local_backend=True)
    with server.client() as c:
        for job_id, text in (("a" * 32, "1\n"), ("b" * 32, "42\n")):
            ended = wait_for(c, job_id, ("done", "failed"))
            assert ended["status"] == "done" and ended["verdict"] == "reproduced", ended
            repaired = nbformat.reads(c.get(f"/jobs/{job_id}/notebook").text, as_version=4)
            assert repaired.cells[-1].outputs[0]["text"] == text
        statuses = [e["data"] for e in read_events(c, "a" * 32) if e["event"] == "status"]
        assert [s["status"] for s in statuses] == ["queued", "running", "queued", "running", "done"]
        assert statuses[2]["attempt"] == 1 and statuses[3]["attempt"] == 2
        assert c.get(f"/jobs/{'a' * 32}").json()["attempts"] == 2


def test_a_stopping_server_requeues_a_running_repair_and_leaves_no_kernel(tmp_path, serve):
    from mlemodernizer.executor import local

    server: ThreadServer = serve(allow_local_backend=True, shutdown_grace=300)
    with server.client() as c:
        job = post_job(c, notebook_bytes("import time\ntime.sleep(2)", "print(undefined)"), backend="local").json()
        wait_for(c, job["id"], ("running",), timeout=60)
    server.stop()  # returns once the runner has stopped: the repair ended at its next event, back in the queue
    assert not server.thread.is_alive() and not local._LIVE
    store = JobStore(server.settings.db_path)
    stopped = store.get(job["id"])
    assert stopped.status == "queued" and stopped.attempts == 1
    events = store.events(job["id"])
    assert [e.kind for e in events][:2] == ["status", "status"] and events[-1].kind == "status"
    assert events[-1].data == {"status": "queued", "attempt": 1, "reason": STOPPED_REASON}
    store.close()


def docker_ready() -> bool:
    """An engine answers and the image for the current lock is built."""
    try:
        from mlemodernizer.executor.image import docker_client, find_image

        return find_image(docker_client()) is not None
    except Exception:  # noqa: BLE001 - whatever the failure, there is no usable engine
        return False


@pytest.mark.docker
def test_by_default_the_job_runs_in_the_docker_sandbox(serve):
    if not docker_ready():
        pytest.skip("no Docker engine with the built image (scripts/ci-docker.sh builds it)")
    server: ThreadServer = serve(backend_options={"docker": {"memory": "2g"}})
    with server.client() as c:
        data = zip_bytes({"train.csv": "a\n1\n2\n3\n"})
        job = post_job(c, notebook_bytes("import pandas as pd\nprint(len(pd.read_csv('../input/train.csv')))"),
                       data, max_seconds=600).json()
        assert job["options"]["backend"] == "docker"
        done = wait_for(c, job["id"], ("done", "failed"), timeout=600)
        assert done["status"] == "done" and done["verdict"] == "reproduced", done
        report = c.get(f"/jobs/{job['id']}/report").json()
        assert report["fingerprint"]["backend"] == "docker" and report["fingerprint"]["network"] == "none"
        repaired = nbformat.reads(c.get(f"/jobs/{job['id']}/notebook").text, as_version=4)
        assert repaired.cells[-1].outputs[0]["text"] == "3\n"

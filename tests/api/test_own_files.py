"""The notebook's own files (form field ``files``): a zip of its folder's contents, placed in its working
directory as named, as ``mlemod repair --files`` places a folder's; refused as the data zip is when unsafe."""

from __future__ import annotations

import pytest
from api_support import notebook_bytes, post_job, read_events, wait_for, zip_bytes

# Imports a helper module of its repository and reads an image folder of it: a lone top folder that
# must stay a folder (the data zip's lone folder is unwrapped; this one is the path the notebook reads).
NOTEBOOK = notebook_bytes(
    "from helpers import greeting\nprint(greeting())",
    "print(open('images/1.txt').read())",
)
OWN = zip_bytes({"helpers.py": "def greeting():\n    return 'hello from helpers'\n", "images/1.txt": "leaf one"})


@pytest.fixture
def server(serve):
    return serve(allow_local_backend=True, max_data_bytes=20_000, max_extracted_bytes=100_000,
                 max_archive_members=5)


def test_a_job_runs_with_the_notebooks_own_files_in_its_working_directory(server):
    with server.client() as c:
        created = post_job(c, NOTEBOOK, zip_bytes({"train.csv": "a\n1\n"}), own=OWN, backend="local",
                           max_fixes=0)
        assert created.status_code == 202, created.text
        job_id = created.json()["id"]
        assert wait_for(c, job_id, ("done", "failed"), timeout=120)["status"] == "done"
        finals = [e["data"] for e in read_events(c, job_id) if e["event"] == "final"]
        assert finals and finals[0]["status"] == "ok", finals
        repaired = c.get(f"/jobs/{job_id}/notebook").json()
    texts = ["".join(out.get("text", "")) for cell in repaired["cells"] for out in cell.get("outputs", [])]
    assert texts == ["hello from helpers\n", "leaf one\n"]
    assert not (server.settings.jobs_path / job_id).exists()  # the uploads go with the job


def test_a_lone_folder_of_own_files_stays_the_folder_the_notebook_reads(server):
    with server.client() as c:
        job_id = post_job(c, notebook_bytes("print(open('images/1.txt').read())"),
                          own=zip_bytes({"images/1.txt": "leaf one"}), backend="local", max_fixes=0).json()["id"]
        wait_for(c, job_id, ("done", "failed"), timeout=120)
        cells = [e["data"] for e in read_events(c, job_id) if e["event"] == "cell"]
    assert [cell["status"] for cell in cells] == ["ok"], cells


def test_without_the_files_the_same_notebook_stops_on_its_import(server):
    with server.client() as c:
        job_id = post_job(c, NOTEBOOK, backend="local", max_fixes=0).json()["id"]
        wait_for(c, job_id, ("done", "failed"), timeout=120)
        cells = [e["data"] for e in read_events(c, job_id) if e["event"] == "cell"]
    assert cells[0]["error"].startswith("ModuleNotFoundError: No module named 'helpers'"), cells


@pytest.mark.parametrize("own, status, fragment", [
    (zip_bytes({"../helpers.py": "x = 1\n"}), 400, "files archive member '../helpers.py' points outside"),
    (zip_bytes({"helpers.py": "x = 1\n"}, {"link.py": "/etc/passwd"}), 400,
     "files archive member 'link.py' is a symbolic link"),
    (b"PK\x03\x04 not really a zip", 400, "files is not a readable zip archive"),
    (zip_bytes({f"m{i}.py": "" for i in range(6)}), 400, "files archive has 6 members; at most 5"),
    (b"", 400, "files is an empty file"),
])
def test_unsafe_own_files_are_refused_and_nothing_of_the_job_stays(server, own, status, fragment):
    with server.client() as c:
        response = post_job(c, NOTEBOOK, zip_bytes({"train.csv": "a\n1\n"}), own=own, backend="local")
        assert response.status_code == status, response.text
        assert fragment in response.json()["detail"]
        assert c.get("/jobs").json() == []
    assert list(server.settings.jobs_path.iterdir()) == []  # the data zip unpacked before it is gone too
    assert server.server.config.app.state.quota.held == 0  # and the bytes it took are given back

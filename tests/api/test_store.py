"""The SQLite job store: state transitions, event order, recovery after a crash, bad files."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from mlemodernizer.api.settings import Settings
from mlemodernizer.api.store import SCHEMA_VERSION, JobStore
from mlemodernizer.errors import InputError

OPTIONS = {"backend": "docker", "max_fixes": 3}


@pytest.fixture
def store(tmp_path):
    store = JobStore(tmp_path / "db" / "jobs.sqlite")
    yield store
    store.close()


def new(store: JobStore, job_id: str, data_dir: str | None = None):
    return store.create(job_id, f"{job_id}.ipynb", OPTIONS, '{"cells": []}', data_dir)


def test_a_job_goes_queued_running_done_with_its_outputs(store):
    job = new(store, "j1", "/tmp/data")
    assert job.status == "queued" and job.options == OPTIONS and job.data_dir == "/tmp/data"
    assert store.output("j1", "report_json") is None
    assert store.claim("j1") and not store.claim("j1")  # a job is run once
    store.finish("j1", "reproduced", "ran clean", "{nb}", '{"verdict": "reproduced"}', "# md")
    job = store.get("j1")
    assert (job.status, job.verdict, job.reason, job.data_dir) == ("done", "reproduced", "ran clean", None)
    assert job.started <= job.finished
    assert store.output("j1", "repaired") == "{nb}" and store.output("j1", "report_md") == "# md"
    assert [(e.seq, e.kind, e.data.get("status")) for e in store.events("j1")] == [
        (1, "status", "queued"), (2, "status", "running"), (3, "status", "done")]
    assert [e.seq for e in store.events("j1", after=2)] == [3]


def test_only_a_queued_job_can_be_cancelled(store):
    new(store, "q"), new(store, "r")
    store.claim("r")
    assert store.cancel("q") and store.get("q").status == "cancelled"
    assert not store.claim("q")  # a worker that dequeues it later leaves it alone
    assert not store.cancel("r") and store.get("r").status == "running"


def test_recovery_requeues_running_jobs_within_their_attempts(tmp_path):
    path = tmp_path / "jobs.sqlite"
    first = JobStore(path)
    for job_id in ("old", "mid", "new"):
        new(first, job_id)
    first.claim("mid")
    first.close()  # the server "died" here

    second = JobStore(path)
    assert second.recover(max_attempts=2) == ["old", "mid", "new"]  # oldest first: the interrupted one too
    mid = second.get("mid")
    assert mid.status == "queued" and mid.attempts == 1 and mid.started is None
    assert [e.data["status"] for e in second.events("mid")] == ["queued", "running", "queued"]
    assert second.events("mid")[1].data["attempt"] == 1 and second.events("mid")[-1].data["attempt"] == 1
    assert second.claim("mid") and second.get("mid").attempts == 2
    second.close()

    third = JobStore(path)  # died again, mid-attempt 2 of 2: it fails, saying why
    assert third.recover(max_attempts=2) == ["old", "new"]
    assert third.get("mid").status == "failed" and "2 time(s)" in third.get("mid").reason
    assert [j.id for j in third.list()] == ["new", "mid", "old"]
    third.close()


def test_a_database_without_the_attempts_column_is_upgraded(tmp_path):
    import sqlite3

    path = tmp_path / "v1.sqlite"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE jobs (id TEXT PRIMARY KEY, status TEXT NOT NULL, name TEXT NOT NULL, "
                     "options TEXT NOT NULL, notebook TEXT NOT NULL, data_dir TEXT, created REAL NOT NULL, "
                     "started REAL, finished REAL, verdict TEXT, reason TEXT, repaired TEXT, report_json TEXT, "
                     "report_md TEXT); INSERT INTO jobs (id, status, name, options, notebook, created) "
                     "VALUES ('v1', 'queued', 'a.ipynb', '{}', '{}', 1.0); PRAGMA user_version=1;")
    db.close()
    store = JobStore(path)
    assert store.get("v1").attempts == 0 and store.claim("v1") and store.get("v1").attempts == 1
    store.close()


def test_events_from_many_threads_get_distinct_consecutive_numbers(store):
    new(store, "busy")

    def add(n: int) -> None:
        for i in range(25):
            store.add_event("busy", "tick", {"thread": n, "i": i})

    threads = [threading.Thread(target=add, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    events = store.events("busy")
    assert [e.seq for e in events] == list(range(1, 102))
    for n in range(4):  # each thread's own events keep their order
        assert [e.data["i"] for e in events if e.data.get("thread") == n] == list(range(25))


def test_a_file_that_is_not_a_database_is_a_one_line_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("these are not the tables you are looking for\n" * 100)
    with pytest.raises(InputError, match="not a usable SQLite database"):
        JobStore(path)


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(InputError, match="newer mlemodernizer"):
        JobStore(path)


@pytest.mark.parametrize("db, expected", [
    ("/srv/jobs.sqlite", "/srv/jobs.sqlite"),
    ("sqlite:////srv/jobs.sqlite", "/srv/jobs.sqlite"),
    ("sqlite:///jobs.sqlite", "jobs.sqlite"),
])
def test_the_database_is_a_path_or_a_sqlite_url(db, expected):
    settings = Settings(token="t" * 16, db=db)
    assert str(settings.db_path) == expected
    assert settings.jobs_path.name == "jobs.sqlite.jobs"


def test_other_database_urls_are_refused():
    with pytest.raises(InputError, match="unsupported database URL"):
        _ = Settings(token="t" * 16, db="postgresql://db/jobs").db_path

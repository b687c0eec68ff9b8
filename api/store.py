"""The job store: jobs, their progress events and their outputs in one SQLite file (stdlib sqlite3).

Everything a client can fetch lives in the database (the input notebook, the
repaired one, both reports, every event), so a restarted server answers for
old jobs with nothing else on disk. Only uploaded data stays in files, and only
until its job ends.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path

from pydantic import BaseModel

from ..errors import InputError

SCHEMA_VERSION = 3
TERMINAL = ("done", "failed", "cancelled")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,            -- queued | running | done | failed | cancelled
    name TEXT NOT NULL,              -- the uploaded notebook's file name
    options TEXT NOT NULL,           -- JSON: the resolved JobOptions
    notebook TEXT NOT NULL,          -- the notebook as uploaded
    data_dir TEXT,                   -- extracted data, while the job waits or runs
    created REAL NOT NULL,
    started REAL,
    finished REAL,
    verdict TEXT,
    reason TEXT,                     -- the report's reason, or why the job failed
    repaired TEXT,                   -- the repaired notebook (nbformat JSON, with provenance)
    report_json TEXT,
    report_md TEXT,
    attempts INTEGER NOT NULL DEFAULT 0, -- times a worker has started it
    owner TEXT                       -- the name of the client whose token created it
);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs (created);
CREATE TABLE IF NOT EXISTS events (
    job_id TEXT NOT NULL REFERENCES jobs (id),
    seq INTEGER NOT NULL,            -- 1, 2, ... per job: the SSE event id
    kind TEXT NOT NULL,
    data TEXT NOT NULL,              -- JSON
    at REAL NOT NULL,
    PRIMARY KEY (job_id, seq)
);
"""
# Columns later versions added: given to an older database on open (ALTER TABLE ... ADD COLUMN).
_ADDED = {"attempts": "INTEGER NOT NULL DEFAULT 0", "owner": "TEXT"}
_COLUMNS = "id, status, name, options, created, started, finished, verdict, reason, data_dir, attempts, owner"


class Job(BaseModel):
    """A job's state as the API shows it (the big text columns are fetched separately)."""

    id: str
    status: str
    name: str
    options: dict
    created: float
    started: float | None = None
    finished: float | None = None
    verdict: str | None = None
    reason: str | None = None
    data_dir: str | None = None
    attempts: int = 0
    owner: str | None = None


class Event(BaseModel):
    seq: int
    kind: str
    data: dict
    at: float


class JobStore:
    """Thread-safe: one connection shared by the web server and the workers, behind a lock."""

    def __init__(self, path: Path):
        _private_file(path)
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path}: not a usable SQLite database ({exc})") from None
        if version > SCHEMA_VERSION:
            raise InputError(f"{path}: written by a newer mlemodernizer (schema {version} > {SCHEMA_VERSION})")
        self._db.execute("PRAGMA journal_mode=WAL")  # readers (the SSE streams) never wait on a writing worker
        self._db.executescript(_SCHEMA)
        have = {row[1] for row in self._db.execute("PRAGMA table_info(jobs)")}
        for column, kind in _ADDED.items():
            if column not in have:
                self._db.execute(f"ALTER TABLE jobs ADD COLUMN {column} {kind}")
        self._db.execute("CREATE INDEX IF NOT EXISTS jobs_owner ON jobs (owner, created)")
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self._db.row_factory = sqlite3.Row
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _write(self, sql: str, args: tuple = ()) -> int:
        with self._lock:
            return self._db.execute(sql, args).rowcount

    def _read(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # ------------------------------------------------------------------ jobs

    def create(self, job_id: str, name: str, options: dict, notebook: str, data_dir: str | None,
               owner: str | None = None) -> Job:
        self._write("INSERT INTO jobs (id, status, name, options, notebook, data_dir, created, owner) "
                    "VALUES (?, 'queued', ?, ?, ?, ?, ?, ?)", (job_id, name, json.dumps(options), notebook, data_dir,
                                                               time.time(), owner))
        self.add_event(job_id, "status", {"status": "queued"})
        return self.get(job_id)

    def get(self, job_id: str) -> Job | None:
        rows = self._read(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,))
        return _job(rows[0]) if rows else None

    def list(self, limit: int = 50, owner: str | None = None) -> list[Job]:
        """The newest jobs; only ``owner``'s when given."""
        if owner is None:
            rows = self._read(f"SELECT {_COLUMNS} FROM jobs ORDER BY created DESC LIMIT ?", (limit,))
        else:
            rows = self._read(f"SELECT {_COLUMNS} FROM jobs WHERE owner = ? ORDER BY created DESC LIMIT ?",
                              (owner, limit))
        return [_job(row) for row in rows]

    def notebook(self, job_id: str) -> str:
        return self._read("SELECT notebook FROM jobs WHERE id = ?", (job_id,))[0]["notebook"]

    def output(self, job_id: str, column: str) -> str | None:
        if column not in ("repaired", "report_json", "report_md"):
            raise ValueError(column)
        rows = self._read(f"SELECT {column} FROM jobs WHERE id = ?", (job_id,))
        return rows[0][column] if rows else None

    def claim(self, job_id: str) -> bool:
        """queued -> running; False when the job is no longer queued (cancelled, or another worker has it)."""
        claimed = self._write("UPDATE jobs SET status = 'running', started = ?, attempts = attempts + 1 "
                              "WHERE id = ? AND status = 'queued'", (time.time(), job_id)) == 1
        if claimed:
            self.add_event(job_id, "status", {"status": "running", "attempt": self.get(job_id).attempts})
        return claimed

    def requeue(self, job_id: str, reason: str) -> bool:
        """running -> queued (the server stopped under it); False when it was not running."""
        done = self._write("UPDATE jobs SET status = 'queued', started = NULL WHERE id = ? AND status = 'running'",
                           (job_id,)) == 1
        if done:
            self.add_event(job_id, "status", {"status": "queued", "attempt": self.get(job_id).attempts,
                                              "reason": reason})
        return done

    def finish(self, job_id: str, verdict: str, reason: str, repaired: str, report_json: str, report_md: str) -> None:
        self._write("UPDATE jobs SET status = 'done', finished = ?, verdict = ?, reason = ?, repaired = ?, "
                    "report_json = ?, report_md = ?, data_dir = NULL WHERE id = ?",
                    (time.time(), verdict, reason, repaired, report_json, report_md, job_id))
        self.add_event(job_id, "status", {"status": "done", "verdict": verdict, "reason": reason})

    def fail(self, job_id: str, reason: str) -> None:
        self._write("UPDATE jobs SET status = 'failed', finished = ?, reason = ?, data_dir = NULL WHERE id = ?",
                    (time.time(), reason, job_id))
        self.add_event(job_id, "status", {"status": "failed", "reason": reason})

    def cancel(self, job_id: str) -> bool:
        """queued -> cancelled; False when the job already started or ended."""
        done = self._write("UPDATE jobs SET status = 'cancelled', finished = ?, reason = ?, data_dir = NULL "
                           "WHERE id = ? AND status = 'queued'",
                           (time.time(), "cancelled by a client before it started", job_id)) == 1
        if done:
            self.add_event(job_id, "status", {"status": "cancelled"})
        return done

    def recover(self, max_attempts: int) -> list[str]:
        """After a restart: a job that was running goes back to the queue, unless it has been started
        ``max_attempts`` times already (then it fails, saying so: a notebook that kills its server must
        not do it forever); the ids of queued jobs are returned, oldest first, to be queued again."""
        for row in self._read("SELECT id, attempts FROM jobs WHERE status = 'running'"):
            if row["attempts"] >= max_attempts:
                self.fail(row["id"], stopped_reason(row["attempts"]))
            else:
                self.requeue(row["id"], f"the server stopped while attempt {row['attempts']} ran; "
                                        f"queued again (at most {max_attempts} attempts)")
        return [row["id"] for row in self._read("SELECT id FROM jobs WHERE status = 'queued' ORDER BY created")]

    # ------------------------------------------------------------------ events

    def add_event(self, job_id: str, kind: str, data: dict) -> int:
        with self._lock:  # one transaction: the next seq and its row
            self._db.execute("BEGIN IMMEDIATE")
            try:
                seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE job_id = ?",
                                       (job_id,)).fetchone()[0]
                self._db.execute("INSERT INTO events (job_id, seq, kind, data, at) VALUES (?, ?, ?, ?, ?)",
                                 (job_id, seq, kind, json.dumps(data, default=str), time.time()))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return seq

    def events(self, job_id: str, after: int = 0) -> list[Event]:
        rows = self._read("SELECT seq, kind, data, at FROM events WHERE job_id = ? AND seq > ? ORDER BY seq",
                          (job_id, after))
        return [Event(seq=r["seq"], kind=r["kind"], data=json.loads(r["data"]), at=r["at"]) for r in rows]


def stopped_reason(attempts: int) -> str:
    return (f"the server stopped while this repair was running, {attempts} time(s); it is not tried again: "
            "submit the notebook again")


def _private_file(path: Path) -> None:
    """Create ``path`` (and a missing parent) readable by this user only: the database holds every
    job's notebooks and reports. SQLite gives its -wal and -shm files the database file's mode."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if file.exists():
                file.chmod(0o600)
    except OSError as exc:
        raise InputError(f"{path}: cannot be opened as this server's private database ({exc.strerror or exc})") from None


def private_dir(path: Path) -> Path:
    """``path`` as a folder only this user can enter (uploads, a job's files)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _job(row: sqlite3.Row) -> Job:
    fields = dict(row)
    fields["options"] = json.loads(fields["options"])
    return Job(**fields)

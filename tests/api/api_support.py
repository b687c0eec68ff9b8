"""Test helpers: servers (thread or `mlemod serve` process), notebooks, zips, an SSE reader."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import httpx
import uvicorn
from mlemodernizer.api.app import create_app
from mlemodernizer.api.settings import Settings
from support import make_notebook

TOKEN = "test-token-0123456789abcdef"
ABSENT_IMAGE = "mlemod-api-test/absent:none"  # a docker image that is never built: docker jobs fail fast


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def client(url: str, token: str | None = TOKEN, timeout: float = 30) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=url, headers=headers, timeout=timeout)


class ThreadServer:
    """The app under a real uvicorn server in a thread of the test process."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.url = f"http://127.0.0.1:{free_port()}"
        port = int(self.url.rsplit(":", 1)[1])
        self.server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @classmethod
    def start(cls, tmp_path: Path, **overrides) -> ThreadServer:
        fields = {"token": TOKEN, "db": str(tmp_path / "jobs.sqlite"), "memory": False,
                  "backend_options": {"docker": {"image": ABSENT_IMAGE}}} | overrides
        server = cls(Settings(**fields))
        server.thread.start()
        deadline = time.monotonic() + 30
        while not server.server.started:
            if not server.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return server

    def client(self, token: str | None = TOKEN) -> httpx.Client:
        return client(self.url, token)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(300)  # shutdown waits for running repairs up to the grace setting


class ProcessServer:
    """`mlemod serve` as its own process: what an operator runs, and what a restart really restarts."""

    TOKEN_ENV = "MLEMOD_TEST_API_TOKEN"

    def __init__(self, db: Path, *args: str):
        self.url = f"http://127.0.0.1:{free_port()}"
        env = os.environ | {self.TOKEN_ENV: TOKEN, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
        self.log = open(db.with_suffix(".log"), "ab")  # noqa: SIM115 - open for the life of the process
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mlemodernizer.cli", "serve", "--port", self.url.rsplit(":", 1)[1],
             "--db", str(db), "--token-env", self.TOKEN_ENV, *args],
            env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        with client(self.url) as c:
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"mlemod serve exited with {self.proc.returncode}: {self.log_text()}")
                try:
                    if c.get("/health").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    self.proc.kill()
                    raise RuntimeError(f"mlemod serve did not answer: {self.log_text()}")
                time.sleep(0.2)

    def log_text(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-3000:]

    def stop(self) -> int:
        """SIGTERM, as a service manager would; the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def notebook_bytes(*cells: str) -> bytes:
    return make_notebook(*cells).dumps().encode()


def zip_bytes(files: dict[str, bytes | str], symlinks: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16)  # S_IFLNK | rwx: how zip stores a symlink
            archive.writestr(info, target)
    return buffer.getvalue()


def post_job(c: httpx.Client, notebook: bytes, data: bytes | None = None, name: str = "old.ipynb",
             own: bytes | None = None, **options) -> httpx.Response:
    """POST /jobs with the notebook, the data zip and the notebook's own files (the form field ``files``)."""
    files = {"notebook": (name, notebook, "application/x-ipynb+json")}
    if data is not None:
        files["data"] = ("data.zip", data, "application/zip")
    if own is not None:
        files["files"] = ("files.zip", own, "application/zip")
    return c.post("/jobs", files=files, data={k: str(v) for k, v in options.items()})


def read_events(c: httpx.Client, job_id: str, last_event_id: int | None = None,
                timeout: float = 300) -> list[dict]:
    """Follow /jobs/<id>/events to its end; each event as {"id", "event", "data"} (data decoded)."""
    headers = {"Last-Event-ID": str(last_event_id)} if last_event_id is not None else {}
    events, current = [], {}
    with c.stream("GET", f"/jobs/{job_id}/events", headers=headers, timeout=timeout) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if not line:  # a blank line ends one event
                if "data" in current:
                    current["data"] = json.loads(current["data"])
                    events.append(current)
                current = {}
            elif not line.startswith(":"):  # ":" lines are keep-alive comments
                field, _, value = line.partition(":")
                current[field] = value.removeprefix(" ")
    return events


def wait_for(c: httpx.Client, job_id: str, statuses: tuple[str, ...], timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = c.get(f"/jobs/{job_id}").json()
        if job["status"] in statuses:
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} still {job['status']} after {timeout}s: {job}")
        time.sleep(0.2)

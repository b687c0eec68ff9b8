"""The worker: a few threads that run ``RepairLoop`` for queued jobs and record what happens.

Threads, not processes: a repair spends its time waiting on a kernel in another
process (or container), so the GIL is not the bottleneck, and threads share the
store's connection. The threads are daemons so a stopping server never hangs on
an hour-long repair. A stopping server drains: a repair ends at its next event
(a cell finished: ``cell`` events come from every run; a run judged) and its job goes back to the queue, its uploads
kept; one still running after the grace period is put back in the queue too, and
its kernel dies with the server (the runner watches its stdin). The next start
runs queued jobs again (``JobStore.recover``: bounded attempts).
"""

from __future__ import annotations

import logging
import queue
import tempfile
import threading
from pathlib import Path

from ..core import RunRequest, RunResult, parse_notebook
from ..errors import MlemodError
from ..executor.base import shared_threads
from .archive import remove_tree
from .quota import Quota
from .settings import Settings
from .store import JobStore, private_dir

log = logging.getLogger("mlemodernizer.api")

STOPPED_REASON = "the server is stopping: queued again, to run after its restart"


OWN_FILES = "own"  # the folder of a job's directory where its uploaded own files wait


def own_files(job_dir: Path) -> Path:
    """Where a job's uploaded own files wait for its runs; each run copies them into its working directory."""
    return job_dir / OWN_FILES


class ServerStopping(Exception):
    """Raised from the event hook when the server shuts down: ends the repair without its final run."""


class JobRunner:
    def __init__(self, settings: Settings, store: JobStore, quota: Quota | None = None):
        self.settings, self.store, self.quota = settings, store, quota
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._stopping = threading.Event()
        self._running: set[str] = set()
        self._abandoned: set[str] = set()  # requeued by stop() while their thread still ran
        self._threads = [threading.Thread(target=self._work, name=f"mlemod-job-{n}", daemon=True)
                         for n in range(settings.workers)]
        for thread in self._threads:
            thread.start()

    def submit(self, job_id: str) -> None:
        self._queue.put(job_id)

    def stop(self) -> None:
        """Ask running repairs to end at their next step; wait up to the grace period for them."""
        self._stopping.set()
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(self.settings.shutdown_grace / len(self._threads))
        for job_id in list(self._running):  # past the grace period: back to the queue, uploads kept
            self._abandoned.add(job_id)
            self.store.requeue(job_id, STOPPED_REASON)

    # ------------------------------------------------------------------ one job

    def _work(self) -> None:
        while (job_id := self._queue.get()) is not None:
            if self._stopping.is_set():
                return  # still queued in the store: the next start queues it again
            if self.store.claim(job_id):
                self._run(job_id)

    def _run(self, job_id: str) -> None:
        job = self.store.get(job_id)
        self._running.add(job_id)
        ended = True
        try:
            self._repair(job_id, job.name, job.options, Path(job.data_dir) if job.data_dir else None)
        except ServerStopping:
            ended = False
            self.store.requeue(job_id, STOPPED_REASON)
        except Exception as exc:
            if self._stopping.is_set() and job_id in self._abandoned:
                ended = False  # requeued already; the store may be closed
            elif isinstance(exc, MlemodError):  # the notebook's input or the environment: a sentence
                self.store.fail(job_id, str(exc))
            else:  # a bug here or below: the job says so instead of vanishing
                log.exception("job %s failed", job_id)
                self.store.fail(job_id, f"internal error: {type(exc).__name__}: {exc}")
        finally:
            self._running.discard(job_id)
            if ended and job_id not in self._abandoned:
                remove_tree(self.settings.jobs_path / job_id)
                if self.quota is not None:
                    self.quota.release(job_id)

    def _repair(self, job_id: str, name: str, options: dict, data_dir: Path | None) -> None:
        from ..agent import (  # heavy (litellm): imported when a job runs
            AgentConfig,
            RepairLoop,
        )
        from ..agent.report import write_outputs

        job_dir = self.settings.jobs_path / job_id
        files = job_dir / "files"
        remove_tree(files)  # what an earlier attempt wrote (a submission CSV) must not be judged now
        notebook = parse_notebook(self.store.notebook(job_id), Path(name), options.get("written"))
        own = own_files(job_dir)
        req = RunRequest(notebook=notebook, data_dir=data_dir, competition=options.get("competition"),
                         workdir=private_dir(files), files_dir=own if own.is_dir() else None,
                         cell_timeout=options["cell_timeout"], budget=options["budget"],
                         threads=shared_threads(self.settings.workers))  # repairs side by side share the cores
        s = self.settings
        config = AgentConfig(
            backend=options["backend"], backend_options=s.backend_options.get(options["backend"], {}), model=s.model, api_base=s.api_base,
            max_fixes=options["max_fixes"], max_seconds=options["max_seconds"], max_dollars=options["max_dollars"],
            tolerance=options["tolerance"], written=options.get("written"), memory=s.memory,
            memory_path=s.memory_path,
        )
        loop = RepairLoop(req, config, on_event=lambda kind, data: self._record(job_id, kind, data))
        report = loop.run()
        with tempfile.TemporaryDirectory(prefix="mlemod-out-") as out:
            paths = write_outputs(Path(out), loop.notebook, report)
            self.store.finish(job_id, report.verdict, report.reason, paths["notebook"].read_text(),
                              paths["json"].read_text(), paths["markdown"].read_text())

    def _record(self, job_id: str, kind: str, data: dict) -> None:
        self.store.add_event(job_id, kind, summarize(kind, data))
        if self._stopping.is_set() and kind != "done":
            raise ServerStopping()


# ---------------------------------------------------------------------- event payloads
# A progress event is small: what a person watching needs, never whole runs or outputs
# (those are in the report once the job is done).

def summarize(kind: str, data: dict) -> dict:
    if kind == "cell":  # one per code cell as it finishes, during every run
        c = data["cell"]
        return {"cell": c.index, "status": c.status, "seconds": round(c.seconds, 3),
                "peak_memory_mb": round(c.peak_memory_mb, 1) if c.peak_memory_mb is not None else None,
                "error": f"{c.error.ename}: {c.error.evalue}"[:300] if c.error else None}
    if kind in ("baseline", "final"):
        return run_summary(data["run"])
    if kind == "diagnosis":
        d = data["diagnosis"]
        return {"fix_type": d.fix_type, "cell": d.cell, "reason": d.reason[:500]}
    if kind == "attempt":
        a = data["attempt"]
        return {
            "accepted": a.accepted, "why": a.why, "status": a.status, "first_failure": a.first_failure,
            "error": a.error, "score": a.score,
            "edits": [{"cell": e.cell, "file": e.file, "origin": e.origin, "fix_type": e.fix_type,
                       "rationale": e.rationale} for e in a.edits],
        }
    if kind == "done":
        r = data["report"]
        return {"verdict": r.verdict, "reason": r.reason, "final_score": r.final_score,
                "attempts": len(r.attempts), "accepted_edits": len(r.accepted_edits)}
    return {}


def run_summary(run: RunResult) -> dict:
    bad = run.first_failure
    return {
        "status": run.status, "summary": run.summary(), "wall_seconds": round(run.wall_seconds, 2),
        "cells_ok": sum(c.status == "ok" for c in run.cells), "cells": len(run.cells),
        "first_failure": bad.index if bad else None,
    }

"""The host side of the runner protocol, independent of how the runner is reached.

A backend supplies a ``Channel`` (JSON lines in and out: a subprocess's pipes,
a container's attached stream) and a staged ``Workspace``; ``RunnerSession``
does the rest, so every backend reports cells the same way.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Protocol

from ..core import CellResult, Fingerprint, RunRequest, RunResult
from ..errors import ExecutorError
from .base import CellCallback
from .layout import Workspace

# Libraries that size their thread pools to the machine's cores read these. Two notebooks side by side on two
# cores, each with a pool of two spinning OpenMP threads, run a boosting cell 3.5 times slower than with one
# thread each; joblib's n_jobs=-1 (LOKY_MAX_CPU_COUNT) starts that many processes per notebook.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
                    "LOKY_MAX_CPU_COUNT")


def thread_environment(threads: int) -> dict[str, str]:
    return {name: str(threads) for name in THREAD_VARIABLES}


# The runner enforces cell timeouts itself and says "alive" every few seconds; the
# host only guards against a runner that has stopped talking altogether.
SILENCE_LIMIT = 120.0


class Channel(Protocol):
    def send(self, message: dict) -> None: ...

    def receive(self, timeout: float) -> dict | None:
        """The next message; None when the runner has gone away. Raises TimeoutError."""
        ...

    def close(self) -> None: ...

    def diagnostics(self) -> str:
        """The last lines the runner wrote to stderr, for error messages."""
        ...


class RunnerSession:
    """A live kernel behind a runner; see ``executor.base.Session``."""

    def __init__(self, channel: Channel, req: RunRequest, workspace: Workspace, fingerprint: Fingerprint,
                 start: dict, cleanup=None):
        self.channel, self.req, self.workspace, self.fingerprint = channel, req, workspace, fingerprint
        self._cleanup = cleanup
        self._valid_upto = 0  # cells [0, valid_upto) have run, in order, in the live kernel
        self._last: dict[int, CellResult] = {}
        self.closed = False
        if req.threads:  # the request's share of the cores wins over the backend's default
            start = {**start, "env": {**start.get("env", {}), **thread_environment(req.threads)}}
        began = time.perf_counter()
        try:
            channel.send({"op": "start", **start})
            ready = self._expect("ready")
        except BaseException:
            self.close()
            raise
        self.kernel_start_seconds = time.perf_counter() - began
        fingerprint.python = ready.get("python", "")
        fingerprint.packages = ready.get("packages", {})

    def run_cells(self, sources: list[str], start: int = 0, on_cell: CellCallback | None = None) -> RunResult:
        kinds = [cell.cell_type for cell in self.req.notebook.cells]
        if len(sources) != len(kinds):
            raise ValueError(f"expected {len(kinds)} sources (one per notebook cell), got {len(sources)}")
        start = max(0, min(start, self._valid_upto))
        began = time.perf_counter()
        self.channel.send({
            "op": "run", "sources": sources, "kinds": kinds, "start": start,
            "cell_timeout": self.req.cell_timeout, "budget": self.req.budget,
            "max_output_bytes": self.req.max_output_bytes,
        })
        ran: list[CellResult] = []
        while True:
            message = self._receive()
            if message["event"] == "done":
                break
            if message["event"] != "cell":
                raise ExecutorError(f"runner sent an unexpected {message['event']!r} message")
            message.pop("event")
            result = CellResult(**message)
            ran.append(result)
            if on_cell:
                on_cell(result)
        broken = next((c.index for c in ran if c.status != "ok"), None)
        if message.get("restarted"):
            self._valid_upto = 0  # a fresh kernel: the next run starts from the top
        else:
            self._valid_upto = broken if broken is not None else len(sources)
        for result in ran:
            self._last[result.index] = result
        cells = [self._last[i] for i in sorted(self._last) if i < len(sources) and kinds[i] == "code"]
        written = self.workspace.files_written()  # one scan of the working directory per run
        if self.req.workdir is not None:
            self.workspace.collect(Path(self.req.workdir), written)
        first_bad = next((c for c in cells if c.status not in ("ok", "skipped")), None)
        return RunResult(
            cells=cells,
            status=first_bad.status if first_bad else "ok",
            wall_seconds=time.perf_counter() - began,
            kernel_start_seconds=self.kernel_start_seconds,
            files=written,
            workdir=str(self.req.workdir or self.workspace.working),
            fingerprint=self.fingerprint,
            python2=self.req.notebook.python2,
        )

    def describe_names(self, names: list[str]) -> dict[str, str]:
        """What the live kernel holds under ``names`` (type; shape, dtypes and NaN counts of frames and
        arrays), as the runner reads it without running a cell; {} when it cannot tell."""
        if self.closed or not names:
            return {}
        self.channel.send({"op": "describe", "names": list(names)})
        return self._expect("described").get("facts") or {}

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self.channel.send({"op": "close"})
        except Exception:
            pass  # already gone
        self.channel.close()
        if self._cleanup:
            self._cleanup()

    def __enter__(self) -> RunnerSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----------------------------------------------------------------- messages

    def _receive(self) -> dict:
        """The next message that is not a heartbeat."""
        message = {"event": "alive"}
        while message is not None and message.get("event") == "alive":
            try:
                message = self.channel.receive(SILENCE_LIMIT)
            except TimeoutError:
                raise ExecutorError(f"the runner sent nothing for {SILENCE_LIMIT:.0f}s; "
                                    + self.channel.diagnostics()) from None
        if message is None:
            raise ExecutorError("the runner exited unexpectedly; " + self.channel.diagnostics())
        if message.get("event") == "fatal":
            raise ExecutorError(f"the runner failed: {message.get('message')}; " + self.channel.diagnostics())
        return message

    def _expect(self, event: str) -> dict:
        message = self._receive()
        if message.get("event") != event:
            raise ExecutorError(f"runner sent {message.get('event')!r}, expected {event!r}")
        return message

"""The executor protocol and the backend registry.

A backend is anything with ``start(RunRequest) -> Session``; a ``Session`` keeps
one kernel alive so that the agent can re-run from an edited cell. Backends are
registered by name and imported lazily, so that ``local`` never imports the
Docker SDK.
"""

from __future__ import annotations

import importlib
import os
from typing import Callable, Protocol

from ..core import CellResult, RunRequest, RunResult
from ..errors import InputError

# Called with each CellResult as it arrives (progress bars, SSE streams).
CellCallback = Callable[[CellResult], None]


class Session(Protocol):
    def run_cells(self, sources: list[str], start: int = 0, on_cell: CellCallback | None = None) -> RunResult:
        """Run cells ``start..`` of ``sources`` (one entry per notebook cell; non-code
        cells are ignored). The kernel first gets back the state it had before cell
        ``start`` last ran (a checkpoint the runner took then), which is what a fresh
        run of cells 0..start-1 gives: nothing a failed attempt did in cell ``start``
        or later leaks into the re-run. Where no exact checkpoint exists (the kernel
        died or restarted, a cell binds names out of sight, a value cannot be copied)
        the session runs from 0 in a fresh kernel."""
        ...

    def close(self) -> None: ...

    # Optional: ``describe_names(names) -> {name: text}``, what the live kernel holds under those names.


class Executor(Protocol):
    name: str

    def start(self, req: RunRequest) -> Session: ...


BACKENDS: dict[str, str] = {
    "local": "mlemodernizer.executor.local:LocalExecutor",
    "docker": "mlemodernizer.executor.docker:DockerExecutor",
}


def get_executor(name: str = "local", **options) -> Executor:
    """The backend called ``name``, configured with ``options`` (its config fields)."""
    try:
        target = BACKENDS[name]
    except KeyError:
        raise InputError(f"unknown executor backend {name!r}; known: {', '.join(BACKENDS)}") from None
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)(**options)


def shared_threads(parallel: int, cores: int | None = None) -> int | None:
    """Each notebook's share of the cores (``RunRequest.threads``) when ``parallel`` run at once; None
    when one runs alone and may use them all."""
    if parallel <= 1:
        return None
    return max(1, (cores or os.cpu_count() or 1) // parallel)


def run_notebook(req: RunRequest, backend: str = "local", on_cell: CellCallback | None = None, **options) -> RunResult:
    """One fresh session, the whole notebook from the first cell: what a verdict uses."""
    session = get_executor(backend, **options).start(req)
    try:
        return session.run_cells(req.notebook.sources(), 0, on_cell)
    finally:
        session.close()

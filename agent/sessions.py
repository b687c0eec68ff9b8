"""The repair's live session, started and closed in the background.

A kernel takes most of a second to boot and a fifth of one to shut down, and a
repair of a short notebook starts several. Neither needs the loop to wait: a
session boots while the fixers compute their proposals, and a session that is
done with shuts down while the next one boots. Only a run waits for its session,
and only the end of the repair waits for the shutdowns. Each session's runs write
into a scratch folder of its own, kept until the end: the verdict may be a run
of a session already discarded, and its files are copied from there.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..core import RunRequest
from ..executor.base import Session, get_executor


class LiveSession:
    """One current session at a time; each gets its own scratch folder for the files its runs write."""

    def __init__(self, backend: str, options: dict):
        self.backend, self.options = backend, options
        # Two, so that a session opened while a discarded one still boots does not queue behind it.
        self._starts = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mlemod-start")
        self._current: Future | None = None
        self._closing: list[threading.Thread] = []  # one each: a close waits for its session's start
        self._scratches: list[Path] = []  # every session's, removed by close()

    def open(self, req: RunRequest) -> None:
        """Start a new session for ``req`` in the background; the current one, if any, is discarded."""
        self.discard()
        executor = get_executor(self.backend, **self.options)  # here: an unknown backend fails at once
        self._scratches.append(Path(tempfile.mkdtemp(prefix="mlemod-live-")))
        self._current = self._starts.submit(executor.start, req.model_copy(update={"workdir": self._scratches[-1]}))

    @property
    def started(self) -> bool:
        """Whether a current session exists and has finished starting (asking for it would not wait)."""
        return self._current is not None and self._current.done() and self._current.exception() is None

    @property
    def session(self) -> Session:
        """The current session, once it has started (its start's error is raised here)."""
        if self._current is None:
            raise RuntimeError("no session is open")
        return self._current.result()

    def discard(self) -> None:
        """Close the current session in the background."""
        if self._current is not None:
            closing = threading.Thread(target=_close, args=(self._current,), name="mlemod-close")
            closing.start()
            self._closing.append(closing)
        self._current = None

    def close(self) -> None:
        """Close every session, wait until they are gone, and remove the scratch folders."""
        self.discard()
        for closing in self._closing:
            closing.join()
        self._closing.clear()
        self._starts.shutdown(wait=True)
        for scratch in self._scratches:
            shutil.rmtree(scratch, ignore_errors=True)
        self._scratches.clear()


def _close(started: Future) -> None:
    try:
        started.result().close()
    except Exception:
        pass  # it never started, or is gone already: nothing is left to close

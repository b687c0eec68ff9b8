"""The static pass over many notebooks: `mlemod lint DIR ...`, one worker process per core.

A notebook's pass is pure CPU (libcst, ast, regexes) and holds the GIL, so threads would
not help; processes do. On Linux the workers are forked from the process that already
imported the rules, so a worker starts in milliseconds rather than in the seconds an
import of libcst and of every rule module takes. Results come back in the order of the
inputs; a notebook that cannot be read is a result with an ``error``, never the end of
the batch.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from ...core import Edit, Notebook, corpus_defaults, load_notebook
from ...errors import ExecutorError, InputError
from ..diagnosis import list_files
from .collector import paused
from .engine import Finding, calibrate, fix_static, lint

T = TypeVar("T")


def notebook_paths(given: Sequence[Path]) -> list[Path]:
    """The notebooks ``given`` names: files as they are, folders searched for ``*.ipynb`` (not the
    ``*.fixed.ipynb`` a ``--fix`` wrote, nor Jupyter's checkpoints). Raises InputError for a path that is
    not there, or a folder that holds no notebook."""
    found: list[Path] = []
    for path in given:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            inside = sorted(p for p in path.rglob("*.ipynb") if p.is_file() and not p.name.endswith(".fixed.ipynb")
                            and ".ipynb_checkpoints" not in p.parts)
            if not inside:
                raise InputError(f"{path} holds no .ipynb notebook")
            found += inside
        else:
            raise InputError(f"{path}: no such file or directory")
    return list(dict.fromkeys(found))


def over_notebooks(work: Callable[[Path], T], paths: Sequence[Path], jobs: int = 1) -> Iterator[T]:
    """``work(path)`` for each of ``paths``, in their order, in ``jobs`` worker processes (1: in this one).
    ``work`` must be picklable (a module-level function, or a functools.partial of one). The workers are
    forked here, before the caller starts a thread of its own (a progress bar): a fork copies no thread.
    A worker that dies (killed, out of memory) raises ExecutorError rather than leaving the batch waiting."""
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        return map(work, paths)
    # fork where it is safe and cheap (Linux): the workers share the imported rules; elsewhere spawn.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_signals)
    return _drained(pool, pool.map(work, paths))  # map submits every path now: the workers start here


def _worker_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it lets the running notebooks end
    if sys.platform == "linux":  # a parent killed outright takes its workers with it (PR_SET_PDEATHSIG)
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def _drained(pool: ProcessPoolExecutor, results: Iterator[T]) -> Iterator[T]:
    try:
        yield from results
    except BrokenProcessPool:
        raise ExecutorError("a lint worker process died (killed, or out of memory); "
                            "run again with --jobs 1 to see which notebook") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # on an interrupt: what has not started never will


class LintOptions(BaseModel):
    """What `mlemod lint` was told, for every notebook of the batch."""

    written: str | None = None  # else the corpus's notebooks.csv or the notebook's metadata
    data: Path | None = None  # else the corpus's data/ folder next to the notebook
    files: Path | None = None  # else the corpus's helper folder named like the notebook
    fix: bool = False
    out: Path | None = None  # where --fix writes a single notebook (default: <name>.fixed.ipynb)


class Linted(BaseModel):
    """One notebook's lint: its findings and calibrations, and with --fix the edits and where they went."""

    path: Path
    written: str | None = None
    findings: list[Finding] = []
    calibrations: list[Edit] = []
    edits: list[Edit] = []
    out: Path | None = None
    seconds: float = 0.0
    error: str | None = None  # the notebook could not be read: why (without the path)

    @property
    def breaking(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]  # changed defaults are reported, not counted

    @property
    def unfixable(self) -> list[Finding]:
        return [f for f in self.breaking if not f.fixable]

    @property
    def clean(self) -> bool:
        """Nothing breaks: nothing found (or --fix applied it all) and nothing to calibrate."""
        if self.error is not None:
            return False
        return (self.out is not None and not self.unfixable) or not (self.breaking or self.calibrations)


def lint_file(options: LintOptions, path: Path) -> Linted:
    """`mlemod lint` of one notebook: an unreadable notebook or folder is a result with ``error``."""
    try:
        return _lint(options, path)
    except InputError as exc:
        message = str(exc)  # a NotebookError names the file first: the result holds the file already
        return Linted(path=path, error=message.removeprefix(f"{path}: "))


@paused  # lint and calibrate read the same cells: one pause keeps their parses for both
def _lint(options: LintOptions, path: Path) -> Linted:
    defaults = corpus_defaults(path)
    nb = load_notebook(path, options.written or defaults.get("written"))
    data = chosen_folder(options.data, defaults.get("data_dir"), "--data")
    workspace = (list_files(data), list_files(chosen_folder(options.files, defaults.get("files_dir"), "--files")))
    started = time.perf_counter()
    linted = Linted(path=path, written=nb.written, findings=lint(nb, nb.written, *workspace),
                    calibrations=calibrate(nb, nb.written))
    linted.seconds = time.perf_counter() - started
    if options.fix:
        linted.edits, linted.out = _fix(nb, options, path, data, workspace)
    return linted


def _fix(nb: Notebook, options: LintOptions, path: Path, data: Path | None, workspace) -> tuple[list[Edit], Path]:
    from ..provenance import for_lint_fix, stamp

    edits = fix_static(nb, nb.written, *workspace)
    fixed = nb.with_edits(edits)
    calibrations = calibrate(fixed, nb.written)
    fixed = fixed.with_edits(calibrations)
    edits += calibrations
    out = options.out or path.with_name(f"{path.stem}.fixed.ipynb")
    stamp(fixed.node, for_lint_fix(nb, fixed, edits, data))
    out.write_text(fixed.dumps())
    return edits, out


def chosen_folder(given: Path | None, default: Path | None, flag: str) -> Path | None:
    """The folder ``flag`` gave (it must be one), else ``default``."""
    if given is not None and not given.is_dir():
        raise InputError(f"{flag} {given} is not a directory")
    return given or default

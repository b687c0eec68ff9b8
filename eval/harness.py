"""Run ``evaluate`` over a corpus: resumable, on a process pool or on Ray.

Each finished notebook is appended to ``results.jsonl`` at once (one JSON object
a line, flushed), so an interrupted evaluation loses at most the notebooks that
were running; the next invocation skips every key already there. Records of
infrastructure failures (executor errors, harness bugs) are retried.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..core import RepairReport, RunRequest, RunResult
from ..errors import InputError
from ..executor.base import shared_threads
from . import jsonl, machine
from .corpus import CompetitionDir, load_corpus
from .edits import keep_repair, write_edits
from .outcome import CLASSES, EvalSettings, RepairFn, Scorer, Task, agent_repair, evaluate

RESULTS = "results.jsonl"


def read_results(out: Path) -> dict[str, dict]:
    """The latest record per notebook key; a line cut short by a kill is ignored."""
    return {record["key"]: record for record in jsonl.read(Path(out) / RESULTS) if "key" in record}


def append_result(out: Path, record: dict) -> None:
    jsonl.append(Path(out) / RESULTS, record)


def tasks_for(comps: Iterable[CompetitionDir]) -> list[Task]:
    return [
        Task(entry=entry, spec=comp.spec, data_dir=comp.data_dir, answers=comp.answers)
        for comp in comps
        for entry in comp.notebooks
    ]


def pending(tasks: list[Task], done: dict[str, dict]) -> list[Task]:
    return [t for t in tasks if t.entry.key not in done or done[t.entry.key].get("infra_error")]


class KeepRepairs:
    """A repair function that also keeps what it made: the repaired notebook (with its provenance), its
    reports and its edit rows under ``<out>/repaired/<competition>/<notebook>/`` (see edits.py). A plain
    object of a top-level function, so a process pool and Ray can ship it."""

    def __init__(self, repair: RepairFn):
        self.repair = repair

    def __call__(self, req: RunRequest, task: Task, settings: EvalSettings, scorer: Scorer,
                 baseline: RunResult | None = None) -> RepairReport:
        report = self.repair(req, task, settings, scorer, baseline)
        try:
            keep_repair(settings.out, task.entry.competition, task.entry.name, req, report)
        except Exception as exc:  # keeping must not cost the notebook its result
            print(f"mlemod eval: could not keep the repair of {task.entry.key}: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
        return report


def run_eval(
    corpus: Path,
    settings: EvalSettings,
    competitions: list[str] | None = None,
    limit: int | None = None,
    workers: int = 1,
    ray_address: str | None = None,
    repair: RepairFn | None = agent_repair,
    progress: bool = True,
) -> dict[str, dict]:
    """Evaluate every notebook not yet in ``results.jsonl``; returns all records by key.

    Every repair is kept (``KeepRepairs``) and ``edits.jsonl`` gathers their edits at the end."""
    settings.out.mkdir(parents=True, exist_ok=True)
    if settings.threads is None:
        # Notebooks side by side share the cores (else each runs several times slower); a Ray task has the
        # CPUs it declares.
        threads = max(1, int(settings.task_cpus)) if ray_address else shared_threads(workers)
        settings = replace(settings, threads=threads)
    if repair is not None and not isinstance(repair, KeepRepairs):
        repair = KeepRepairs(repair)
    tasks = tasks_for(load_corpus(corpus, competitions, limit))
    done = read_results(settings.out)
    todo = pending(tasks, done)
    counts = Counter(done[t.entry.key]["outcome"] for t in tasks if t.entry.key in done and t not in todo)
    console = Console(stderr=True)
    console.print(f"{len(tasks)} notebooks: {len(tasks) - len(todo)} already done, {len(todo)} to run")
    if todo:
        here = machine.record(settings.out)
        console.print(f"machine: {here['processor']}, {here['cores']} cores, reference workload "
                      f"{here['reference_seconds']} s (in {machine.MACHINES})")

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, disable=not progress) as bar:
        bar_id = bar.add_task(_describe(counts), total=len(tasks), completed=len(tasks) - len(todo))

        def finished(record: dict) -> None:
            append_result(settings.out, record)
            done[record["key"]] = record
            counts[record["outcome"]] += 1
            bar.update(bar_id, advance=1, description=_describe(counts))

        # Python's default SIGTERM ends this process at once, leaving pool workers to run on; as an exception
        # it goes through each runner's cleanup. Only the main thread may set a handler (tests call from others).
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _stop_on_sigterm) if main else None
        try:
            if ray_address:
                _run_ray(todo, settings, repair, ray_address, finished)
            elif workers <= 1:
                for task in todo:  # in this process: no pickling, easiest to debug
                    finished(evaluate(task, settings, repair))
            else:
                _run_pool(todo, settings, repair, workers, finished)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
    write_edits(settings.out, done)
    return {t.entry.key: done[t.entry.key] for t in tasks if t.entry.key in done}


def _describe(counts: Counter) -> str:
    short = {"error-free reproducible": "EF-R", "error reproducible": "E-R",
             "error-free non-reproducible": "EF-NR", "error non-reproducible": "E-NR", "failed": "fail"}
    return "  ".join(f"{short[c]} {counts.get(c, 0)}" for c in CLASSES)


def _worker_signals() -> None:
    # Ctrl-C is the parent's to handle: it stops the pool by terminating the workers.
    # SIGTERM becomes SystemExit so that the executor's cleanup (finally, atexit)
    # stops the worker's runner and kernel instead of orphaning them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if sys.platform == "linux":  # a parent killed outright (SIGKILL) sends its workers SIGTERM
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _evaluate_in_worker(task: Task, settings: EvalSettings, repair: RepairFn | None) -> dict:
    try:
        return evaluate(task, settings, repair)
    except SystemExit:
        # SIGTERM: the runner and kernel were stopped on the way out. The pool's worker loop catches
        # BaseException and would take the next notebook, so the process ends here.
        os._exit(143)


def _stop_on_sigterm(*_) -> None:
    raise SystemExit(143)  # through the cleanup: _run_pool terminates its workers, a runner stops its kernel


def _run_pool(todo: list[Task], settings: EvalSettings, repair: RepairFn | None, workers: int,
              finished: Callable[[dict], None]) -> None:
    # spawn, not fork: the parent holds threads (progress bar) and forking those is unsafe.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_signals)
    try:
        futures = {pool.submit(_evaluate_in_worker, task, settings, repair) for task in todo}
        while futures:
            complete, futures = wait(futures, return_when=FIRST_COMPLETED)
            for future in complete:
                finished(future.result())
    except BaseException:
        # Notebooks still running are lost (not recorded), so the next invocation reruns them.
        workers_now = list(getattr(pool, "_processes", {}).values())  # no public handle on them
        pool.shutdown(wait=False, cancel_futures=True)
        for process in workers_now:
            process.terminate()
        for process in workers_now:
            process.join(timeout=30)
        raise
    pool.shutdown(wait=True)


def _run_ray(todo: list[Task], settings: EvalSettings, repair: RepairFn | None, address: str,
             finished: Callable[[dict], None]) -> None:
    import ray

    if not ray.is_initialized():
        try:
            # "local" starts a Ray instance inside this process; anything else joins a cluster.
            ray.init(address=None if address == "local" else address, log_to_driver=False)
        except ConnectionError as exc:
            raise InputError(f"no Ray cluster at {address!r} ({exc}); start one with `ray start --head`, "
                             "or use --ray local") from None
    # Each notebook declares what it needs so the scheduler packs them onto nodes.
    remote = ray.remote(num_cpus=settings.task_cpus, memory=int(settings.task_memory_gb * 1024**3),
                        max_retries=0)(evaluate)
    refs = [remote.remote(task, settings, repair) for task in todo]
    try:
        while refs:
            ready, refs = ray.wait(refs, num_returns=1)
            for ref in ready:
                finished(ray.get(ref))
    except BaseException:
        for ref in refs:
            ray.cancel(ref, force=True)
        raise

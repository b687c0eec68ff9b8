"""The repair loop: run, diagnose, fix, re-run (DESIGN.md, agent/).

One live session keeps the kernel: an edit to cell k re-runs from k, not from
the top. Fixers are asked in order of cost (rules, fix memory, LLM); an edit is
kept only when the run gets further, else reverted and the next proposal is
tried. The verdict always comes from one fresh run of the whole notebook: when
the last run already was one (a new kernel and workspace, every cell from the
top, of the notebook as it now is, clean or not; a baseline the caller ran
counts too), it is the verdict; otherwise a new session runs the notebook once
more. An edit that re-runs from the first cell gets a new session,
so that a repair the static rules finish in one pass costs one run; so does a
later edit while re-running the cells before it has cost less, all told, than
the verdict run it may save. Sessions boot and shut down in the background
(``sessions.LiveSession``): a kernel starts while the fixers compute.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Callable, Literal

from pydantic import BaseModel

from ..core import Attempt, Cost, Edit, Notebook, RepairReport, RunRequest, RunResult, edit_key
from ..errors import ModelError
from . import guard
from .base import Diagnosis, Fixer, StopRepair, stopped_before, tried_edits
from .catalogue import lookup
from .diagnosis import (
    describe_data,
    diagnose,
    error_changed_in_place,
    error_text,
    got_further,
    list_files,
    progress_key,
)
from .modules import HelperModules
from .prompting import MAX_ATTEMPT_TRACEBACK_CHARS, cap_message, imported_modules, line_names, trim_traceback
from .rules_fixer import RuleFixer
from .score import Reference, Scorer, choose_reference, figure_signal
from .sessions import LiveSession

EventHook = Callable[[str, dict], None]


class LoopAttempt(Attempt):
    """An attempt as the loop keeps it for the fixers: what it answered and, when its run failed, the
    (trimmed) traceback it led to. The report stores the ``Attempt`` part."""

    answered: str | None = None  # the failure it was proposed for, "cell 3: AttributeError: ..."; None when
    #                              it was kept without fixing that failure (static rule edits to other cells)
    traceback: str | None = None  # the trimmed traceback of its run's first failure
    unreached: bool = False  # reverted, but its run stopped before any line it changed (see tried_edits)
LLM_ROUNDS = 3  # asks per diagnosis: each later ask sees why the earlier answers were reverted
# The rules' proposals per diagnosis: a keyed rule's edit that did not help leaves the turn to the next
# candidate (the static rules, a family's fallback, the last resorts that read the published notebook).
RULE_ROUNDS = 3


class AgentConfig(BaseModel):
    backend: str = "local"
    backend_options: dict = {}
    model: str | None = None  # a litellm model string; None (and no MLEMOD_MODEL): rules and memory only
    api_base: str | None = None
    max_fixes: int = 16  # attempts (each one a re-run), accepted or not
    max_dollars: float = 1.0
    max_tokens: int | None = None  # LLM tokens (prompt + completion) for the whole repair, priced model or not
    max_seconds: float = 3600.0  # wall time for the whole repair, runs included: a run is stopped at the limit
    tolerance: float = 0.10
    reference_score: float | None = None
    metric: str = "score"
    direction: Literal["max", "min"] | None = None
    written: str | None = None  # "YYYY-MM": enables score-calibration rules for old defaults
    memory: bool = True
    memory_path: Path | None = None


def default_fixers(config: AgentConfig, modules: HelperModules | None = None,
                   published: Notebook | None = None) -> list[Fixer]:
    from .llm import LLMConfig, LLMFixer
    from .memory import FixMemory, MemoryFixer

    fixers: list[Fixer] = [RuleFixer(modules, published)]
    if config.memory:
        fixers.append(MemoryFixer(FixMemory(config.memory_path)))
    llm = LLMConfig.from_options(config.model, config.api_base, max_dollars=config.max_dollars,
                                 max_total_tokens=config.max_tokens)
    if llm:
        fixers.append(LLMFixer(llm))
    return fixers


class RepairLoop:
    def __init__(self, req: RunRequest, config: AgentConfig, scorer: Scorer | None = None,
                 on_event: EventHook | None = None, fixers: list[Fixer] | None = None,
                 baseline: RunResult | None = None):
        self.req, self.config = req, config
        self.given_baseline = baseline  # a caller that already ran the notebook as it is saves that run
        self.notebook: Notebook = req.notebook
        self.written = config.written or req.notebook.written
        # Runs stage the helper modules from a private copy that module edits rewrite.
        self.modules = HelperModules(req.files_dir)
        self.run_req = req.model_copy(update={"files_dir": self.modules.root}) if self.modules else req
        self.fixers = fixers if fixers is not None else default_fixers(config, self.modules, req.notebook)
        self.reference: Reference = choose_reference(req.notebook, config.reference_score, scorer, config.metric)
        self.on_event = on_event or (lambda kind, data: None)
        self.history: list[Attempt] = []
        inputs = list_files(req.data_dir)
        self.data_files, none_text = describe_data(req.data_dir, inputs)  # each file read once
        self.workspace = {"input_files": inputs, "working_files": list_files(req.files_dir),
                          "none_text_files": none_text}
        self._dirty_from: int | None = None  # cells from here ran with reverted code in the live kernel
        self._began = 0.0
        self._rent = 0.0  # seconds spent re-running cells from the top that a live re-run would have skipped
        self._longest = 0.0  # the longest run so far (kernel start + cells): what a verdict run costs at least
        self._live = LiveSession(config.backend, config.backend_options)
        self._fresh = False  # the live session has run nothing yet
        self._verdict: RunResult | None = None  # the last run, when it was a fresh full run of the notebook as it is
        self._last_run: RunResult | None = None
        self._failure_facts: dict[str, str] = {}  # the failing line's names as the kernel held them
        self._cut = False  # the last run was stopped by the repair's time limit
        self._unverified = ""  # why the final run is not a fresh full run (the time limit left none)
        self._met: set[str] = set()  # every first error the runs stopped on: a changed error must be new

    @property
    def rules_only(self) -> bool:
        return not any(f.name.startswith("llm:") for f in self.fixers)

    # ----------------------------------------------------------------- the loop

    def run(self) -> RepairReport:
        self._began = time.monotonic()
        for fixer in self.fixers:  # model calls and their retries end by the repair's time limit
            llm_config = getattr(fixer, "config", None)
            if llm_config is not None and hasattr(llm_config, "deadline"):
                llm_config.deadline = self._began + self.config.max_seconds
                if self.config.max_tokens is not None and llm_config.max_total_tokens is None:
                    llm_config.max_total_tokens = self.config.max_tokens
            attach = getattr(fixer, "attach", None)  # the model sees (and edits) the helper-file copy, and the
            if attach is not None:                   # latest run's timings
                attach(modules=self.modules if self.modules else None, latest_run=lambda: self._last_run)
            if hasattr(fixer, "describe_names"):  # the failing line's names as the live kernel holds them
                fixer.describe_names = self._describe_names
        reason = ""
        try:
            try:
                if self.given_baseline is None:
                    baseline = last = self._run(self.notebook.sources(), 0)
                else:
                    baseline = last = self._verdict = self.given_baseline  # fresh and full, like the loop's own
                    self._longest = _seconds(baseline)
                # The first fix runs from the top in a new kernel: if it is the only one needed, that
                # run is the verdict, and no state of the failed cell leaks into it either way.
                self._dirty_from = 0
                self.on_event("baseline", {"run": baseline})
                while True:
                    self._check_cut()
                    diagnosis = self._diagnose(last)
                    self.on_event("diagnosis", {"diagnosis": diagnosis})
                    if diagnosis.fix_type is None:
                        break
                    self._failure_facts = self._read_failure_facts(diagnosis)  # before the kernel is replaced
                    self._boot_if_from_top()
                    better = self._fix(diagnosis, last)
                    if better is None:
                        reason = f"no fixer made progress on: {diagnosis.reason}"
                        break
                    last = better
            except (StopRepair, ModelError) as stop:  # keep what was achieved: final run and report still happen
                reason = f"stopped: {stop}"
            final = self._verdict_run()
        finally:
            self._live.close()
            self.modules.cleanup()
        return self._report(baseline, final, reason)

    # ----------------------------------------------------------------- live session

    def _describe_names(self, names: list[str]) -> dict[str, str]:
        return {name: text for name, text in self._failure_facts.items() if name in names}

    def _read_failure_facts(self, diagnosis: Diagnosis) -> dict[str, str]:
        """What the live kernel holds under the failing line's names, read once at the failure (for the model:
        the next kernel may boot while it thinks); {} for a rules-only repair or a kernel that ran nothing."""
        error = diagnosis.error
        if self.rules_only or error is None or not error.line_source or self._fresh or not self._live.started:
            return {}
        describe = getattr(self._live.session, "describe_names", None)
        if describe is None:
            return {}
        try:
            return describe(sorted(line_names(error.line_source)))
        except Exception:  # noqa: BLE001 - facts are a bonus: a kernel that cannot tell gives none
            return {}

    def _open_session(self) -> None:
        """A new kernel and workspace (booting in the background); the last one shuts down."""
        self._live.open(self.run_req)
        self._fresh = True

    def _boot_if_from_top(self) -> None:
        """When the next run is from the top anyway (the first fix; after a rejected one from the top, the
        next or the verdict), its kernel boots now, while the fixers compute."""
        if self._dirty_from == 0 and not self._fresh:
            self._open_session()

    def _run(self, sources: list[str], start: int, restage: bool = False) -> RunResult:
        if restage or (start == 0 and not self._fresh):
            # From the top anyway: a new kernel makes this run a possible verdict. A changed helper
            # module needs one too (staged anew, and imported anew rather than from sys.modules).
            self._open_session()
        fresh, self._fresh = self._fresh, False
        session = self._live.session
        left = self.config.max_seconds - (time.monotonic() - self._began)
        if left <= 0:
            raise StopRepair(f"the time limit of {self.config.max_seconds:g}s was reached")
        cut = left < self.run_req.budget
        if hasattr(session, "req"):  # the runner reads the run budget from its request at each run
            session.req = session.req.model_copy(update={"budget": min(self.run_req.budget, left)})
        run = self._live.session.run_cells(sources, start, lambda cell: self.on_event("cell", {"cell": cell}))
        self._last_run = run
        bad = run.first_failure
        if cut and bad is not None and bad.error is not None and bad.error.ename == "BudgetExceeded":
            self._cut = True  # stopped by the repair's time limit, not by the notebook's own budget
            fresh = False  # a cut run is no verdict
        self._verdict = run if fresh and start == 0 else None
        if fresh:
            self._longest = max(self._longest, _seconds(run))
        return run

    def _verdict_run(self) -> RunResult:
        """One fresh full run of the notebook as it now is: the last run when it was one (the baseline, or
        an accepted edit's run from the top in a new kernel; clean or not, running it again would only
        repeat it), else a run in a new session (already booting, when a rejected edit left the live
        kernel useless). Its files go to the workdir."""
        run = self._verdict
        if run is None:
            try:
                run = self._run(self.notebook.sources(), 0)
            except StopRepair as stop:  # no time left for a verdict run: the last run stands, unverified
                run = self._last_run or self.given_baseline
                self._unverified = f"{stop}; no fresh run of the repaired notebook was possible"
            else:
                if self._cut:
                    self._unverified = (f"the time limit of {self.config.max_seconds:g}s stopped the fresh run "
                                        f"of the repaired notebook")
        # A caller's baseline keeps its files where the caller's run put them; a run of the loop's has
        # them in its session's scratch folder (a later session may have booted since).
        if run is not self.given_baseline and self.req.workdir is not None and run.workdir:
            workdir = Path(self.req.workdir)
            workdir.mkdir(parents=True, exist_ok=True)
            shutil.copytree(run.workdir, workdir, dirs_exist_ok=True)
            run = run.model_copy(update={"workdir": str(workdir)})
        self.on_event("final", {"run": run})
        return run

    def _diagnose(self, run: RunResult) -> Diagnosis:
        return diagnose(run, self.reference.deviation(run, self.notebook.sources()), self.config.tolerance,
                        score=self.reference.score(run), target_score=self.reference.value,
                        direction=self.config.direction, data_files=self.data_files, written=self.written,
                        **self.workspace)

    def _fix(self, diagnosis: Diagnosis, last: RunResult) -> RunResult | None:
        """Try proposals until one gets further; return its run, or None when none did."""
        tried = tried_edits(self.history, diagnosis.run)
        for fixer in self.fixers:
            joint = getattr(fixer, "joint", True)
            for _ in range(LLM_ROUNDS if fixer.name.startswith("llm:") else RULE_ROUNDS):
                edits = fixer.propose(self.notebook, diagnosis, self.history)
                proposals = [edits] if joint else [[e] for e in edits]
                proposals = [p for p in proposals if p and edit_key(p) not in tried]
                if not proposals:
                    break
                for proposal in proposals:
                    tried.add(edit_key(proposal))
                    run = self._attempt(proposal, diagnosis, last)
                    self._check_cut()
                    if run is not None:
                        return run
        return None

    def _attempt(self, edits: list[Edit], diagnosis: Diagnosis, last: RunResult) -> RunResult | None:
        self._check_limits()
        sources = self.notebook.sources()
        checked = guard.check([e for e in edits if guard.guarded(e)], self._guard_workspace(diagnosis, edits))
        if checked.rejected:  # never run: the model hears why through the history
            bad = last.first_failure
            attempt = LoopAttempt(edits=edits, status=last.status, first_failure=bad.index if bad else None,
                                  accepted=False, why=f"{guard.GUARD_REJECTED}: " + "; ".join(checked.rejected),
                                  answered=_answered(diagnosis))
            self.history.append(attempt)
            self.on_event("attempt", {"attempt": attempt, "run": last})
            return None
        in_cells = [e for e in edits if e.file is None]
        for edit in in_cells:
            if sources[edit.cell] != edit.old:
                return None  # proposed against another version of the cell
            sources[edit.cell] = edit.new
        in_modules = len(in_cells) < len(edits)
        if in_modules and not self.modules.apply(edits):
            return None  # proposed against another version of the module
        start = 0 if in_modules else min(e.cell for e in in_cells)
        if self._dirty_from is not None:
            start = min(start, self._dirty_from)
        if start > 0 and self._from_the_top_pays(start, last):
            start = 0
        run = self._run(sources, start, restage=in_modules)
        before = self.notebook.sources()  # what ``last`` ran
        old_dev = self.reference.deviation(last, before)
        new_dev = self.reference.deviation(run, sources)
        accepted, why = got_further(run, last, new_dev, old_dev, before)
        by_rules = all(e.origin.startswith("rule:") for e in edits)
        self._met.add(error_text(last))
        if not accepted and by_rules and (changed := error_changed_in_place(run, last, self._met)):
            accepted, why = True, changed
        self._met.add(error_text(run))
        if checked.flags:
            why = f"{why}; {guard.GUARD_FLAGGED}: " + "; ".join(checked.flags)
        if not accepted and by_rules and progress_key(run) == progress_key(last) \
                and diagnosis.fix_type == "error-repair" and any(e.file or e.cell != diagnosis.cell for e in edits):
            # Static rules fix certain breakages in cells the run has not reached yet: keep them unless they hurt.
            accepted, why = True, "kept: static rule edits to other cells, and no regression"
        bad = run.first_failure
        static_kept = accepted and why.startswith("kept: static rule edits")
        attempt = LoopAttempt(edits=edits, status=run.status, first_failure=bad.index if bad else None,
                              error=f"{bad.error.ename}: {bad.error.evalue}"[:300] if bad and bad.error else None,
                              score=self.reference.score(run), accepted=accepted, why=why,
                              answered=None if static_kept else _answered(diagnosis),
                              traceback=_trimmed(bad, sources), unreached=not accepted and stopped_before(run, edits))
        self.history.append(attempt)
        self.on_event("attempt", {"attempt": attempt, "run": run})
        if not accepted:
            self._dirty_from = start
            self._verdict = None  # it ran reverted code
            if in_modules:
                self.modules.revert(edits)
                self._fresh = False  # the live kernel imported the reverted module: the next run restages
            self._boot_if_from_top()
            return None
        self._dirty_from = None
        self.notebook = self.notebook.with_sources(sources)
        self._remember(edits, diagnosis)
        return run

    def _from_the_top_pays(self, cell: int, last: RunResult) -> bool:
        """Whether to re-run from the top (a new kernel) rather than from ``cell`` in the live one.

        From ``cell`` is cheaper now, but a repair that ever re-ran from a later cell pays one fresh
        full run for its verdict; from the top re-runs the cells before ``cell`` again and, if this
        fix is the last, that run is the verdict. Which fix is the last is unknown, so this rents
        (re-runs the prefix) while the rent paid stays under the price of that verdict run, and buys
        (re-runs from ``cell``) after: never more than about twice the better choice (ski rental).
        """
        prefix = _seconds(last, before=cell)
        if self._rent + prefix > self._longest:
            return False
        self._rent += prefix
        return True

    def _remember(self, edits: list[Edit], diagnosis: Diagnosis) -> None:
        if diagnosis.error is None or diagnosis.fix_type != "error-repair":
            return
        for fixer in self.fixers:
            memory = getattr(fixer, "memory", None)
            if memory is not None:
                for edit in edits:
                    if edit.origin.startswith("llm:"):
                        memory.record(edit, diagnosis.error)

    def _guard_workspace(self, diagnosis: Diagnosis, edits: list[Edit]) -> guard.Workspace:
        cells = {e.cell for e in edits if e.file is None}
        return guard.Workspace(
            input_files=self.workspace["input_files"], working_files=self.workspace["working_files"],
            failing_line=diagnosis.error.line_source if diagnosis.error else None,
            other_sources=[src for i, src in enumerate(self.notebook.sources()) if i not in cells])

    def _check_cut(self) -> None:
        if self._cut:
            raise StopRepair(f"the time limit of {self.config.max_seconds:g}s was reached during a run, "
                             f"which was stopped")

    def _check_limits(self) -> None:
        cfg = self.config
        if sum(not a.why.startswith(guard.GUARD_REJECTED) for a in self.history) >= cfg.max_fixes:
            raise StopRepair(f"the limit of {cfg.max_fixes} fixes was reached")
        spent = time.monotonic() - self._began
        if spent >= cfg.max_seconds:
            raise StopRepair(f"the time limit of {cfg.max_seconds:g}s was reached ({spent:.0f}s spent)")

    # ----------------------------------------------------------------- report

    def _report(self, baseline: RunResult, final: RunResult, reason: str) -> RepairReport:
        deviation = self.reference.deviation(final, self.notebook.sources())
        figures = None  # published figures vs the final run's: beside the score, or the only signal without one
        if final.status == "ok" and not self._unverified:
            figures = figure_signal(self.req.notebook, final)
        if self._unverified:
            verdict = "failed"
            reason = f"{reason}; {self._unverified}" if reason else self._unverified
        elif final.status != "ok":
            verdict = "failed"
        elif self.reference.kind == "none":
            verdict = "runs" if figures is not None and figures.changed else "reproduced"
        elif deviation is None:
            verdict, reason = "runs", reason or "ran clean, but the score could not be measured"
        else:
            verdict = "reproduced" if deviation <= self.config.tolerance else "not-reproduced"
        if not reason:
            reason = final.summary() if verdict == "failed" else (
                f"ran clean{'' if deviation is None else f', {deviation:.1%} from the reference'}")
        if verdict == "failed" and (known := upstream_change(self.notebook, final)):
            reason += f"; {known}"
        if figures is not None:
            reason += f"; {figures.verdict}"
        if self.rules_only:
            reason += " (rules and memory only: no model configured)"
        cost = Cost(wall_seconds=time.monotonic() - self._began)
        for fixer in self.fixers:
            spent = getattr(fixer, "cost", None)
            if spent is not None:
                cost.llm_calls += spent.llm_calls
                cost.prompt_tokens += spent.prompt_tokens
                cost.completion_tokens += spent.completion_tokens
                cost.dollars += spent.dollars
        cost.memory_hits = sum(1 for a in self.history if a.accepted and any(e.origin == "memory" for e in a.edits))
        report = RepairReport(
            original_hash=self.req.notebook.sha256, final_hash=self.notebook.sha256, attempts=self.history,
            verdict=verdict, reason=reason, reference=self.reference.describe(),
            reference_score=self.reference.value, final_score=self.reference.score(final),
            baseline=baseline, final=final, cost=cost, fingerprint=final.fingerprint,
        )
        self.on_event("done", {"report": report})
        return report


def upstream_change(notebook: Notebook, final: RunResult) -> str:
    """What the erosion catalogue records of the failure a repair ended on ("" when nothing): the person who
    takes it over learns which release changed what, the successor, and why no rule applied it."""
    bad = final.first_failure
    error = bad.error if bad is not None else None
    if error is None:
        return ""
    found = lookup.for_cell_error(error, imported_modules(notebook), limit=1)
    return f"the catalogue records this failure: {lookup.describe(found[0])}" if found else ""


def _answered(diagnosis: Diagnosis) -> str:
    where = f"cell {diagnosis.cell}: " if diagnosis.cell is not None else ""
    if diagnosis.error is not None and diagnosis.fix_type == "error-repair":
        return cap_message(f"{where}{diagnosis.error.ename}: {diagnosis.error.evalue}", 300)
    return cap_message(diagnosis.reason or str(diagnosis.fix_type), 300)


def _trimmed(bad, sources: list[str]) -> str | None:
    """The trimmed traceback of a run's first failure (its message alone when it has no traceback)."""
    if bad is None or bad.error is None:
        return None
    if not bad.error.traceback.strip():
        return cap_message(f"{bad.error.ename}: {bad.error.evalue}", 400)
    return trim_traceback(bad.error.traceback, bad.index, sources, limit=MAX_ATTEMPT_TRACEBACK_CHARS)


def _seconds(run: RunResult, before: int | None = None) -> float:
    """What re-running ``run`` (its cells before ``before``) from a new kernel costs."""
    return run.kernel_start_seconds + sum(c.seconds for c in run.cells if before is None or c.index < before)


def repair_notebook(req: RunRequest, config: AgentConfig, scorer: Scorer | None = None,
                    on_event: EventHook | None = None, baseline: RunResult | None = None) -> RepairReport:
    """Repair ``req.notebook``; the report's edits rebuild the repaired notebook (see ``apply_report``).

    ``baseline``: the caller's own run of the notebook as it is (same request), reused instead of repeated.
    """
    return RepairLoop(req, config, scorer, on_event, baseline=baseline).run()


def apply_report(notebook: Notebook, report: RepairReport) -> Notebook:
    return notebook.with_edits(report.accepted_edits)  # helper modules: see modules.repaired_modules

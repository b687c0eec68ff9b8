"""What a run's score is compared with: a given reference, or the notebook's own stored outputs.

A reference turns a run into a *deviation*: the relative distance from the
reference (0 is exact). A run reproduces when the deviation is within the
tolerance. Kinds, in order of preference (DESIGN.md, "Reproducible, precisely"):

- ``given``: a reference score and a scorer (e.g. a Kaggle grader over the
  submission CSV, built by the caller: the agent never imports eval/);
- ``stored-outputs``: the metrics the notebook printed when it was published
  (accuracy, RMSE, AUC, ...), paired with the same cell's re-run outputs;
- ``none``: nothing to compare with; running clean is all that can be checked.
"""

from __future__ import annotations

import logging
import math
import re
import statistics
from pathlib import Path
from typing import Callable, Literal

from ..core import Notebook, RunResult

# (workdir, run) -> score of the submission the run wrote, or None when ungradable.
Scorer = Callable[[Path, RunResult], "float | None"]

METRIC_WORDS = re.compile(
    r"acc(uracy)?|auc|roc|r2|r\^2|rmse|rmsle|mse|mae|log ?loss|f1|precision|recall|score|error|loss",
    re.IGNORECASE,
)
NUMBER = r"[-+]?(?:\d+\.\d+|\d+\.|\.\d+|\d+)(?:[eE][-+]?\d+)?"
# "accuracy: 0.81", "RMSE = 0.1234", "Score 81.2%": a metric word, then a number on the same line.
LABELLED = re.compile(rf"(?P<label>{METRIC_WORDS.pattern})[^\n\d-]{{0,40}}?(?P<value>{NUMBER})", re.IGNORECASE)


def _text_of(output: dict) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") in ("execute_result", "display_data"):
        return output.get("data", {}).get("text/plain", "")
    return ""


def _as_text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def cell_metrics(source: str, outputs: list[dict]) -> list[tuple[str, float]]:
    """The labelled metric values a cell printed, in order.

    A bare number returned by a cell counts when the cell's code names a metric
    (``accuracy_score(y, p)`` or ``cross_val_score(...).mean()``).
    """
    found: list[tuple[str, float]] = []
    for output in outputs:
        text = _as_text(_text_of(output))
        for match in LABELLED.finditer(text):
            value = float(match.group("value"))
            if math.isfinite(value):
                found.append((match.group("label").lower(), value))
        if output.get("output_type") == "execute_result" and re.fullmatch(rf"\s*{NUMBER}\s*", text):
            last_line = source.strip().splitlines()[-1] if source.strip() else ""
            if METRIC_WORDS.search(last_line):
                found.append(("result", float(text)))
    return found


def relative(measured: float, reference: float) -> float:
    if reference == 0:
        return abs(measured)
    return abs(measured - reference) / abs(reference)


class Reference:
    """A reference to measure runs against; ``deviation`` is None when a run cannot be measured."""

    kind: Literal["given", "stored-outputs", "none"] = "none"
    value: float | None = None

    def deviation(self, run: RunResult, sources: list[str]) -> float | None:
        return None

    def score(self, run: RunResult) -> float | None:
        return None

    def describe(self) -> str:
        return "none: no reference score and no printed metrics, so running clean is the check"


class GivenReference(Reference):
    kind = "given"

    def __init__(self, value: float, scorer: Scorer, metric: str = "score"):
        self.value, self.scorer, self.metric = value, scorer, metric
        # Grading reads a CSV: once per run. The run is kept with its score so that a reused id() can't alias.
        self._graded: dict[int, tuple[RunResult, float | None]] = {}

    def score(self, run: RunResult) -> float | None:
        entry = self._graded.get(id(run))
        if entry is None or entry[0] is not run:
            entry = (run, self.scorer(Path(run.workdir), run) if run.workdir and run.submission else None)
            self._graded[id(run)] = entry
        return entry[1]

    def deviation(self, run: RunResult, sources: list[str]) -> float | None:
        score = self.score(run)
        return None if score is None else relative(score, self.value)

    def describe(self) -> str:
        return f"given: {self.metric} {self.value:g} of the submission, graded"


class StoredOutputsReference(Reference):
    kind = "stored-outputs"

    def __init__(self, original: Notebook):
        self.expected: dict[int, list[tuple[str, float]]] = {}
        for index in original.code_indices():
            cell = original.cells[index]
            metrics = cell_metrics(cell.source, cell.get("outputs", []))
            if metrics:
                self.expected[index] = metrics

    def __bool__(self) -> bool:
        return bool(self.expected)

    def deviation(self, run: RunResult, sources: list[str]) -> float | None:
        """Median relative deviation over metric values printed by cells that ran."""
        deviations = []
        for cell in run.cells:
            expected = self.expected.get(cell.index)
            if not expected or cell.status != "ok":
                continue
            measured = cell_metrics(sources[cell.index], cell.outputs)
            for (label, want), (_, got) in zip(expected, measured):
                deviations.append(relative(got, want))
        return statistics.median(deviations) if deviations else None

    def describe(self) -> str:
        count = sum(len(v) for v in self.expected.values())
        return f"stored-outputs: {count} metric values the notebook printed in {len(self.expected)} cells"


def figure_signal(original: Notebook, run: RunResult):
    """The published notebook's stored figures against the ones ``run`` drew (``insight.figures``), or None when
    it stored none: with no score to compare, the figures are the other signal of reproduction."""
    from ..insight.figures import compare_figures

    try:
        comparison = compare_figures(original, run)
    except Exception as exc:  # an image library's failure must not lose a repair
        logging.getLogger(__name__).warning("figures not compared: %s: %s", type(exc).__name__, exc)
        return None
    return comparison if comparison.published else None


def choose_reference(original: Notebook, reference_score: float | None = None, scorer: Scorer | None = None,
                     metric: str = "score") -> Reference:
    if reference_score is not None and scorer is not None:
        return GivenReference(reference_score, scorer, metric)
    stored = StoredOutputsReference(original)
    return stored if stored else Reference()

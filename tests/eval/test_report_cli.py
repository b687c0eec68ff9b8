"""Reports from a results file, and the `mlemod eval` command line (no kernel needed)."""

import csv
import json

import pytest
from mlemodernizer.cli import main
from mlemodernizer.eval.harness import append_result


def record(key, outcome, base_repro, final_repro, base_status="error", final_status="ok", edits=(), calls=0,
           dollars=0.0, seconds=10.0, reference=None, final_error=None):
    comp, name = key.split("/")
    repair = None
    if not base_repro:
        repair = {"verdict": "x", "edits": [{"cell": 1, "fix_type": t, "origin": o} for t, o in edits],
                  "llm_calls": calls, "dollars": dollars, "attempts": len(edits)}
    return {"key": key, "competition": comp, "notebook": name, "outcome": outcome, "reference_score": reference,
            "baseline_reproducible": base_repro, "final_reproducible": final_repro,
            "baseline": {"status": base_status}, "final": {"status": final_status, "error": final_error}, "repair": repair,
            "wall_seconds": seconds}


@pytest.fixture
def results(tmp_path):
    rows = [
        record("titanic/a", "error-free reproducible", True, True, base_status="ok", reference=0.8),
        record("titanic/b", "error reproducible", False, True,
               edits=[("error-repair", "rule:set_option"), ("error-repair", "llm:gpt-x")], calls=3, dollars=0.012),
        record("titanic/c", "failed", False, False, final_status="error", edits=[], calls=5, dollars=0.02),
        record("spooky-author-identification/d", "error-free non-reproducible", False, False, base_status="ok",
               edits=[("score-calibration", "memory")], reference=0.5),
        record("spooky-author-identification/e", "error non-reproducible", False, False, reference=0.4,
               edits=[("error-repair", "rule:r1"), ("runtime-reduction", "llm:gpt-x"), ("error-repair", "rule:r2")]),
    ]
    for row in rows:
        append_result(tmp_path, row)
    return tmp_path


def test_eval_report_regenerates_tables_and_plots(results, capsys):
    assert main(["eval", "report", str(results)]) == 0
    printed = capsys.readouterr().out
    assert "| overall | 5 | none 2, reported 3 | 20 | 40 | 25 |" in printed
    rows = {r["competition"]: r for r in csv.DictReader((results / "summary.csv").open())}
    titanic, spooky, overall = rows["titanic"], rows["spooky-author-identification"], rows["overall"]
    assert (titanic["notebooks"], titanic["baseline_reproducible_pct"], titanic["after_repair_pct"], titanic["restored_pct"]) == ("3", "33.3", "66.7", "50.0")
    assert (spooky["baseline_reproducible_pct"], spooky["after_repair_pct"], spooky["restored_pct"]) == ("0.0", "0.0", "0.0")
    assert (overall["fixes_error-repair"], overall["fixes_runtime-reduction"], overall["fixes_score-calibration"]) == ("4", "1", "1")
    assert (overall["fixes_rule"], overall["fixes_llm"], overall["fixes_memory"]) == ("3", "2", "1")
    assert (overall["llm_calls"], overall["llm_dollars"], overall["wall_seconds"]) == ("8", "0.032", "50.0")
    for cls, count in [("error-free reproducible", "1"), ("error reproducible", "1"), ("failed", "1"),
                       ("error-free non-reproducible", "1"), ("error non-reproducible", "1")]:
        assert overall[cls] == count
    assert "| spooky-author-identification | 0 | 0 | 1 | 1 | 0 |" in (results / "summary.md").read_text()
    for png in ("outcome_classes.png", "flow.png", "fixes_histogram.png"):
        assert (results / png).read_bytes()[:4] == b"\x89PNG"


def test_the_summary_counts_notebooks_stopped_by_a_time_limit_apart_from_other_failures(tmp_path):
    for key, error in [("titanic/slow", "CellTimeoutError: the cell ran past its timeout of 150s"),
                       ("titanic/long", "BudgetExceeded: the run's budget of 80s was used up"),
                       ("titanic/broken", "KeyError: 'CellTimeoutError'"), ("titanic/none", None)]:
        append_result(tmp_path, record(key, "failed", False, False, final_status="error", final_error=error))
    append_result(tmp_path, record("house-prices-advanced-regression-techniques/ok", "error reproducible", False, True))
    assert main(["eval", "report", str(tmp_path)]) == 0
    rows = {r["competition"]: r for r in csv.DictReader((tmp_path / "summary.csv").open())}
    assert (rows["titanic"]["time_limited"], rows["overall"]["time_limited"]) == ("2", "2")
    assert rows["house-prices-advanced-regression-techniques"]["time_limited"] == "0"
    assert "time_limited" in (tmp_path / "summary.md").read_text().splitlines()[4]


def test_a_later_record_for_the_same_notebook_replaces_the_earlier(results):
    append_result(results, record("titanic/c", "error reproducible", False, True, edits=[("error-repair", "memory")]))
    assert main(["eval", "report", str(results)]) == 0
    overall = {r["competition"]: r for r in csv.DictReader((results / "summary.csv").open())}["overall"]
    assert (overall["notebooks"], overall["failed"], overall["error reproducible"], overall["fixes_memory"]) == ("5", "0", "2", "2")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["eval", "report"], "usage: mlemod eval report RESULTS_DIR"),
        (["eval", "report", "/nonexistent/results"], "results folder /nonexistent/results does not exist"),
        (["eval", "/some/corpus"], "--out RESULTS_DIR is required"),
        (["eval", "/some/corpus", "--out", "x", "--workers", "0"], "--workers must be at least 1"),
        (["eval", "/some/corpus", "--out", "x", "--threads", "0"], "--threads must be at least 1"),
        (["eval", "/nonexistent/corpus", "--out", "x"], "corpus /nonexistent/corpus is not a directory"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err


def test_report_of_an_empty_results_folder(tmp_path, capsys):
    assert main(["eval", "report", str(tmp_path)]) == 2
    assert "has no results to report" in capsys.readouterr().err
    (tmp_path / "results.jsonl").write_text(json.dumps({"not": "a record"}) + "\n")
    assert main(["eval", "report", str(tmp_path)]) == 2


# --------------------------------------------------------------------------- the edits dataset

from mlemodernizer.core import Attempt, CellResult, CellError, Edit, RepairReport, RunResult  # noqa: E402
from mlemodernizer.eval.edits import edit_rows, error_signature, hunks  # noqa: E402


@pytest.mark.parametrize("error, signature", [
    ("AttributeError: 'DataFrame' object has no attribute 'ix'", "AttributeError: '<name>' object has no attribute '<name>'"),
    ("FileNotFoundError: [Errno 2] No such file or directory: '../input/train.csv'",
     "FileNotFoundError: [Errno <N>] No such file or directory: <path>"),
    ("ValueError: Found input variables with inconsistent numbers of samples: [891, 418]",
     "ValueError: Found input variables with inconsistent numbers of samples: [<N>, <N>]"),
    ("OSError: /kaggle/input/x.csv not found\nmore lines", "OSError: <path> not found"),
    ("TypeError: f() at 0x7f3a2b takes 2.5 arguments", "TypeError: f() at <addr> takes <N> arguments"),
    ("timeout", "timeout"),
    (None, None),
])
def test_error_signature(error, signature):
    assert error_signature(error) == signature


def test_hunks_carry_line_numbers():
    assert hunks("a\nb\nc\nd", "a\nB\nc\nd\ne") == [
        {"op": "replace", "old_start": 2, "old_lines": ["b"], "new_start": 2, "new_lines": ["B"]},
        {"op": "insert", "old_start": 5, "old_lines": [], "new_start": 5, "new_lines": ["e"]}]


def _report() -> RepairReport:
    baseline = RunResult(status="error", wall_seconds=1.0, cells=[
        CellResult(index=0, status="ok"),
        CellResult(index=1, status="error", error=CellError(ename="AttributeError", evalue="'DataFrame' object has no attribute 'ix'", traceback=""))])
    ix = Edit(cell=1, old="df.ix[0]\nprint(1)", new="df.loc[0]\nprint(1)", fix_type="error-repair", origin="llm:gpt-x",
              rationale="use loc")
    rule = Edit(cell=1, old="df.ix[0]\nprint(1)", new="df.iloc[0]\nprint(1)", fix_type="error-repair",
                origin="rule:pandas-ix", rationale="pandas 1.0: the .ix indexer was removed")
    catalogue = Edit(cell=2, old="x.as_matrix()", new="x.to_numpy()", fix_type="error-repair",
                     origin="rule:catalogue-attribute", rationale="pandas 1.0: as_matrix was removed (catalogue: x).")
    return RepairReport(original_hash="a", final_hash="b", verdict="runs", baseline=baseline, attempts=[
        Attempt(edits=[ix], status="error", first_failure=1, error="KeyError: 0", accepted=False, why="no progress"),
        Attempt(edits=[rule], status="error", first_failure=2, error="AttributeError: 'DataFrame' object has no attribute 'as_matrix'",
                accepted=True, why="the first failure moved"),
        Attempt(edits=[catalogue], status="ok", accepted=True, why="the notebook now runs to the end"),
    ])


def test_edit_rows_of_a_report(tmp_path):
    rows = edit_rows("titanic", "nb", _report())
    assert [(r["attempt"], r["origin_kind"], r["accepted"], r["library"], r["category"], r["error_cell"]) for r in rows] == [
        (1, "llm", False, None, "llm", 1), (2, "rule", True, "pandas", "rule:static", 1),
        (3, "rule", True, "pandas", "rule:error", 2)]
    assert rows[0]["error_signature"] == rows[1]["error_signature"] == "AttributeError: '<name>' object has no attribute '<name>'"
    assert rows[2]["error"] == "AttributeError: 'DataFrame' object has no attribute 'as_matrix'"  # what attempt 2 left
    assert rows[1]["versions"] == ["pandas 1.0"] and rows[2]["versions"] == ["pandas 1.0"]
    assert rows[0]["hunks"] == [{"op": "replace", "old_start": 1, "old_lines": ["df.ix[0]"], "new_start": 1,
                                 "new_lines": ["df.loc[0]"]}]


def test_eval_report_tables_edits_by_library_and_category(results, capsys):
    rows = edit_rows("titanic", "b", _report())
    (results / "edits.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert main(["eval", "report", str(results)]) == 0
    printed = capsys.readouterr().out
    assert "3 edits attempted, 2 accepted, 1 reverted" in printed
    assert "| library | edits | accepted | reverted | notebooks | rules |" in printed
    assert "| pandas | 2 | 2 | 0 | 1 | 2 |" in printed and "| (no rule: llm or memory) | 1 | 0 | 1 | 1 | 0 |" in printed
    assert "| rule:static | 1 | 1 | 0 | 1 | 1 |" in printed and "| llm | 1 | 0 | 1 | 1 | 0 |" in printed
    assert (results / "edits_by_library.png").read_bytes()[:4] == b"\x89PNG"


def test_the_summary_counts_failures_whose_published_notebook_holds_an_error(tmp_path, capsys):
    from mlemodernizer.core import parse_notebook
    from mlemodernizer.eval.outcome import published_error

    error = {"output_type": "error", "ename": "KeyError", "evalue": "'x'", "traceback": []}
    nb = {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": "a = 1"},
                    {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [error], "source": "d['x']"}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
    assert published_error(parse_notebook(json.dumps(nb))) == 1
    nb["cells"][1]["outputs"] = []
    assert published_error(parse_notebook(json.dumps(nb))) is None

    for key, published, final in [("titanic/a", 3, False), ("titanic/b", None, False), ("titanic/c", 2, True)]:
        rec = record(key, "error reproducible" if final else "failed", False, final,
                     final_status="ok" if final else "error")
        append_result(tmp_path, {**rec, "published_error": published})
    append_result(tmp_path, record("house-prices-advanced-regression-techniques/old", "failed", False, False,
                                   final_status="error"))  # written before the field: not known
    assert main(["eval", "report", str(tmp_path)]) == 0
    rows = {r["competition"]: r for r in csv.DictReader((tmp_path / "summary.csv").open())}
    assert (rows["titanic"]["published_errors"], rows["overall"]["published_errors"]) == ("1", "1")
    assert rows["house-prices-advanced-regression-techniques"]["published_errors"] == ""
    house = next(line for line in (tmp_path / "summary.md").read_text().splitlines() if line.startswith("| house"))
    assert house.endswith("| n/a |")

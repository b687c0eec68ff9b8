"""`mlemod provenance`: a real repair through the local backend stamps the record; the command verifies it,
finds a hand-edited cell and a changed data file, and tells the chain as sentences."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from mlemodernizer.agent.provenance import explain, for_repair, read
from mlemodernizer.core import Attempt, Edit, RepairReport, parse_notebook

CELLS = [
    ("markdown", "# A tiny 2017 notebook"),
    ("code", "import pandas as pd\ndf = pd.read_csv('../input/train.csv')\nprint(df.shape)"),
    ("code", "df = df.append(df.iloc[:1])\nprint(len(df))"),
    ("code", "m = df.as_matrix()\nprint(m.sum())"),
]


def mlemod(*args: str, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mlemodernizer.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def write_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(s) if kind == "markdown" else nbformat.v4.new_code_cell(s)
                for kind, s in CELLS]
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def repaired(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(repaired notebook, data folder, original notebook) from one real `mlemod repair`."""
    root = tmp_path_factory.mktemp("provenance")
    data = root / "data"
    data.mkdir()
    (data / "train.csv").write_text("a,b\n1,2\n3,4\n5,6\n")
    (data / "notes.txt").write_text("the inputs\n")
    original = write_notebook(root / "tiny.ipynb")
    proc = mlemod("repair", str(original), "--data", str(data), "--out", str(root / "out"), "--no-memory")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "out" / "tiny.repaired.ipynb", data, original


def test_the_repaired_notebook_carries_a_complete_record(repaired):
    notebook, data, original = repaired
    record = read(nbformat.read(notebook, as_version=4))
    report = json.loads((notebook.parent / "report.json").read_text())
    assert record.kind == "repair" and record.version and record.created >= record.started
    assert record.original.path == str(original.resolve()) and len(record.original.sha256) == 64
    assert record.original.sources_sha256 == report["original_hash"] and record.final_sha256 == report["final_hash"]
    assert [f.name for f in record.data] == ["notes.txt", "train.csv"]
    env = record.environment
    assert env.lock_hash == report["fingerprint"]["lock_hash"] and env.python and "pandas" in env.packages
    assert record.baseline.startswith("error at cell 2: AttributeError")
    edits = [e for a in record.attempts for e in a.edits]
    assert {e.cell: e.rule_ids for e in edits} == {2: ["pandas-append"], 3: ["pandas-as-matrix"]}
    assert all(len(e.old_sha256) == len(e.new_sha256) == 64 and e.diff.startswith("--- before") for e in edits)
    assert record.attempts[0].answered.startswith("cell 2: AttributeError") and record.attempts[-1].accepted
    assert len(record.cells) == len(CELLS)


def test_verify_passes_and_explains_in_sentences(repaired):
    notebook, data, _ = repaired
    proc = mlemod("provenance", str(notebook), "--data", str(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "Cell 2 was changed by rule pandas-append because the run failed at cell 2 with AttributeError" in out
    assert "The run then ran to the end." in out and "VERIFIED" in out
    assert "ok original:" in out and "all 2 file(s)" in out


def test_a_cell_edited_by_hand_is_named_with_its_line(repaired, tmp_path):
    notebook, data, _ = repaired
    node = nbformat.read(notebook, as_version=4)
    node.cells[3].source = node.cells[3].source.replace("print(m.sum())", "print(m.sum() * 2)")
    edited = tmp_path / "edited.ipynb"
    nbformat.write(node, edited)
    proc = mlemod("provenance", str(edited), "--data", str(data))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "cell 3: changed — line 2 differs: 'print(m.sum() * 2)'" in proc.stdout
    assert "MISMATCH: 1 thing(s) changed" in proc.stdout


def test_a_changed_data_file_is_named(repaired, tmp_path):
    notebook, data, _ = repaired
    changed = tmp_path / "data"
    shutil.copytree(data, changed)
    (changed / "train.csv").write_text("a,b\n1,2\n3,4\n5,7\n")
    proc = mlemod("provenance", str(notebook), "--data", str(changed), "--json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    result = json.loads(proc.stdout)
    assert not result["verified"]
    assert [(c["what"], c["status"]) for c in result["checks"] if c["status"] != "ok"] == [("data train.csv", "changed")]


@pytest.mark.parametrize("case, message", [
    ("no record", "no provenance (metadata.mlemodernizer.provenance)"),
    ("broken", "not valid JSON"),
    ("no data folder", "--data /nonexistent/data is not a directory"),
])
def test_bad_input_is_exit_2(case, message, repaired, tmp_path):
    notebook, _, original = repaired
    args = {"no record": [str(original)], "no data folder": [str(notebook), "--data", "/nonexistent/data"]}.get(case)
    if case == "broken":
        (tmp_path / "broken.ipynb").write_text('{"cells": [')
        args = [str(tmp_path / "broken.ipynb")]
    proc = mlemod("provenance", *args)
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr


def test_lint_fix_output_carries_provenance(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.csv").write_text("a,b\n1,2\n")
    original = write_notebook(tmp_path / "tiny.ipynb")
    fixed = tmp_path / "fixed.ipynb"
    proc = mlemod("lint", str(original), "--fix", "--data", str(data), "--out", str(fixed), timeout=120)
    assert proc.returncode == 0, proc.stderr
    record = read(nbformat.read(fixed, as_version=4))
    assert record.kind == "lint --fix" and record.environment is None and [f.name for f in record.data] == ["train.csv"]
    assert {e.cell for e in record.attempts[0].edits} == {2, 3}
    proc = mlemod("provenance", str(fixed), "--data", str(data), timeout=120)
    assert proc.returncode == 0 and "statically: it was not run" in proc.stdout, proc.stdout + proc.stderr


def test_a_reverted_attempt_is_explained():
    original = parse_notebook(nbformat.writes(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = old()"), nbformat.v4.new_code_cell("y = x.gone")])))
    bad = Edit(cell=1, old="y = x.gone", new="y = x.other", fix_type="error-repair", origin="llm:gpt-x",
               rationale="gone was renamed")
    good = Edit(cell=1, old="y = x.gone", new="y = x.new", fix_type="error-repair", origin="memory",
                rationale="a fix that worked before")
    report = RepairReport(original_hash=original.sha256, final_hash="f", verdict="failed", attempts=[
        Attempt(edits=[bad], status="error", first_failure=1, error="AttributeError: other", accepted=False,
                why="no progress: cell 1 still fails"),
        Attempt(edits=[good], status="error", first_failure=1, error="NameError: z", accepted=True,
                why="the first failure moved"),
    ])
    lines = explain(for_repair(original, report))
    assert ("Attempt 1: Cell 1 would have been changed by the model gpt-x before the run reached it (a known "
            "breakage of the code as written) (gone was renamed). The run then reached cell 1 and failed with "
            "AttributeError: other. Reverted: no progress: cell 1 still fails.") in lines
    assert any(line.startswith("Attempt 2: Cell 1 was changed by the fix memory") for line in lines)

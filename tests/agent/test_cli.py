"""`mlemod repair` on the quick-start example: a real process, the rules, a graded reference."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]


def test_repair_example_with_graded_reference(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "examples" / "make_data.py"), str(tmp_path / "data")], check=True)
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "mlemodernizer.cli", "repair", str(ROOT / "examples" / "breast_cancer_2017.ipynb"),
         "--data", str(tmp_path / "data" / "input"), "--out", str(out), "--no-memory",
         "--reference-score", "0.95", "--metric", "accuracy", "--answers", str(tmp_path / "data" / "answers.csv")],
        capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("reproduced")
    report = json.loads((out / "report.json").read_text())
    assert report["reference"].startswith("given: accuracy 0.95")
    assert 0.9 < report["final_score"] <= 1.0
    assert report["baseline"]["status"] == "error" and report["final"]["status"] == "ok"
    repaired = nbformat.read(out / "breast_cancer_2017.repaired.ipynb", as_version=4)
    provenance = repaired.metadata["mlemodernizer"]
    assert provenance["original_sha256"] == report["original_hash"]
    assert provenance["environment"]["lock_hash"] == report["fingerprint"]["lock_hash"]
    assert all(e["origin"].startswith("rule:") for e in provenance["edits"])
    assert "sklearn.model_selection" in "".join(c.source for c in repaired.cells)
    markdown = (out / "report.md").read_text()
    assert "**Verdict: reproduced**" in markdown and "```diff" in markdown
    assert (out / "files" / "submission.csv").exists()


def test_reference_score_needs_answers(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "mlemodernizer.cli", "repair", str(ROOT / "examples" / "breast_cancer_2017.ipynb"),
         "--reference-score", "0.9"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2 and "--answers" in proc.stderr


def test_a_file_beside_the_notebook_is_named_and_given_with_files(tmp_path):
    # A notebook kept in src/ of its repository reads ../images/a.txt. Without --files the run cannot have it
    # and the CLI says which folder to pass; with --files the copy is read from where the working directory
    # has it.
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "images").mkdir()
    (repo / "images" / "a.txt").write_text("42\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print(int(open('../images/a.txt').read()) + 1)")]
    nbformat.write(nb, repo / "src" / "nb.ipynb")

    def repair(*extra):
        return subprocess.run([sys.executable, "-m", "mlemodernizer.cli", "repair", str(repo / "src" / "nb.ipynb"),
                               "--no-memory", "--out", str(tmp_path / "out"), *extra],
                              capture_output=True, text=True, timeout=600)

    alone = repair()
    assert alone.returncode == 1, alone.stdout + alone.stderr
    assert f"hint: {repo / 'images' / 'a.txt'} is one of the notebook's own files: pass --files {repo}" in alone.stdout
    given = repair("--files", str(repo))
    assert given.returncode == 0, given.stdout + given.stderr
    assert "hint:" not in given.stdout
    repaired = nbformat.read(tmp_path / "out" / "nb.repaired.ipynb", as_version=4)
    assert repaired.cells[0].source == "print(int(open('images/a.txt').read()) + 1)"
    assert repaired.cells[0].outputs[0]["text"] == "43\n"

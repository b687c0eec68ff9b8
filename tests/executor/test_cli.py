"""`mlemod run` as a user calls it: a real process, a real kernel, exit codes that mean something."""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
from support import make_notebook

MLEMOD = [sys.executable, "-m", "mlemodernizer.cli"]


def mlemod(*args, cwd):
    return subprocess.run([*MLEMOD, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_run_clean_notebook_exits_0_and_writes_outputs(tmp_path):
    nb = make_notebook("print('hello')", "open('submission.csv', 'w').write('id,y\\n1,1\\n')")
    (tmp_path / "nb.ipynb").write_text(nb.dumps())
    proc = mlemod("run", "nb.ipynb", "--out", "done.ipynb", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok: 2/2 code cells ran")
    executed = nbformat.read(tmp_path / "done.ipynb", as_version=4)
    assert executed.cells[1].outputs[0].text == "hello\n"
    assert (tmp_path / "done.files" / "submission.csv").exists()


def test_run_failing_notebook_exits_1_and_names_the_cell(tmp_path):
    nb = make_notebook("import numpy as np", "x = np.float(3)")
    (tmp_path / "nb.ipynb").write_text(nb.dumps())
    proc = mlemod("run", "nb.ipynb", "--json", cwd=tmp_path)
    assert proc.returncode == 1
    result = json.loads(proc.stdout)
    bad = [c for c in result["cells"] if c["status"] == "error"][0]
    assert bad["index"] == 2 and bad["error"]["ename"] == "AttributeError" and "float" in bad["error"]["evalue"]


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "broken.ipynb").write_text("{not json")
    (tmp_path / "other.ipynb").write_text('{"hello": 1}')
    for name in ("broken.ipynb", "other.ipynb", "absent.ipynb"):
        proc = mlemod("run", name, cwd=tmp_path)
        assert proc.returncode == 2
        assert proc.stderr.strip().count("\n") == 0 and proc.stderr.startswith("mlemod: ")
    proc = mlemod("run", "other.ipynb", "--data", "nowhere", cwd=tmp_path)
    assert proc.returncode == 2


def test_help_explains_commands():
    proc = subprocess.run([*MLEMOD, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for command in ("run", "repair", "lint", "eval", "env"):
        assert f"    {command}" in proc.stdout

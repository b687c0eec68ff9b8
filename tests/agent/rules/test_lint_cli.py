"""`mlemod lint`: findings without running, --fix writes the repaired notebook, clear errors for bad input."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from support import interruptible

from mlemodernizer.cli import main
from mlemodernizer.core import load_notebook


def write(tmp_path, notebook, *cells, **kw):
    path = tmp_path / "old.ipynb"
    path.write_text(notebook(*cells, **kw).dumps())
    return path


def test_lint_lists_findings_and_exits_1(tmp_path, notebook, capsys):
    path = write(tmp_path, notebook, "import numpy as np\nx = np.zeros(3, dtype=np.float)", "y = df.ix[0]")
    assert main(["lint", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("old.ipynb: cell 0, line 2: numpy-builtin-aliases: numpy 1.24:")
    assert out[1].startswith("old.ipynb: cell 1, line 1: pandas-ix:")


def test_lint_json_with_calibration(tmp_path, notebook, capsys):
    path = write(
        tmp_path, notebook, "from sklearn.ensemble import RandomForestClassifier\nm = RandomForestClassifier()"
    )
    assert main(["lint", str(path), "--written", "2017-04", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f for f in report["findings"] if f["severity"] == "error"] == []
    # the default that changed is reported (and pinned back by calibration, below)
    assert [f["rule_id"] for f in report["findings"]] == ["sklearn-default-randomforestclassifier-n-estimators"]
    assert report["written"] == "2017-04"
    assert report["calibrations"][0]["origin"] == "rule:sklearn-default-n-estimators"


def test_clean_notebook_exits_0(tmp_path, notebook):
    assert main(["lint", str(write(tmp_path, notebook, "print(1)"))]) == 0


def test_fix_writes_a_notebook_that_lints_clean(tmp_path, notebook, capsys):
    path = write(
        tmp_path,
        notebook,
        "%matplotlib inline\nimport pandas as pd\nd = pd.get_dummies(s)",
        "from sklearn.svm import SVC\nm = SVC()",
    )
    out = tmp_path / "fixed.ipynb"
    assert main(["lint", str(path), "--fix", "--out", str(out), "--written", "2016-01"]) == 0
    fixed = load_notebook(out)
    assert fixed.cells[0].source == "%matplotlib inline\nimport pandas as pd\nd = pd.get_dummies(s, dtype='uint8')"
    assert fixed.cells[1].source.endswith("SVC(gamma='auto')")
    capsys.readouterr()
    assert main(["lint", str(out), "--written", "2016-01"]) == 0


def test_bad_input_is_one_line_error(tmp_path, notebook, capsys):
    assert main(["lint", str(tmp_path / "missing.ipynb")]) == 2
    assert "no such file" in capsys.readouterr().err
    path = write(tmp_path, notebook, "print(1)")
    assert main(["lint", str(path), "--written", "March 2017"]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert main(["lint", str(path), "--out", str(tmp_path / "x.ipynb")]) == 2


def test_a_folder_is_linted_in_worker_processes_one_json_line_per_notebook(tmp_path, notebook, capsys):
    folder = tmp_path / "nbs"
    folder.mkdir()
    (folder / "a_old.ipynb").write_text(notebook("y = df.ix[0]").dumps())
    (folder / "b_clean.ipynb").write_text(notebook("print(1)").dumps())
    (folder / "c_broken.ipynb").write_text("{not json")
    assert main(["lint", str(folder), "--json", "--jobs", "2"]) == 2  # unreadable beats breaking
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [Path(r["notebook"]).name for r in lines] == ["a_old.ipynb", "b_clean.ipynb", "c_broken.ipynb"]
    assert [f["rule_id"] for f in lines[0]["findings"]] == ["pandas-ix"]
    assert lines[1]["findings"] == [] and "not valid JSON" in lines[2]["error"]
    assert "3 notebook(s): 1 clean, 1 with something that breaks, 1 unreadable" in captured.err
    assert f"{folder / 'c_broken.ipynb'}: cannot be read: not valid JSON" in captured.err  # the path once
    (folder / "c_broken.ipynb").unlink()
    assert main(["lint", str(folder), "--jobs", "2"]) == 1


def test_fix_over_a_folder_writes_each_notebook_next_to_its_input(tmp_path, notebook, capsys):
    for name in ("one", "two"):
        (tmp_path / f"{name}.ipynb").write_text(notebook("import numpy as np\nx = np.float(1)").dumps())
    assert main(["lint", str(tmp_path), "--fix", "--out", str(tmp_path / "x.ipynb")]) == 2  # one --out, two inputs
    assert "with several notebooks" in capsys.readouterr().err
    assert main(["lint", str(tmp_path), "--fix", "--jobs", "2"]) == 0
    for name in ("one", "two"):
        assert load_notebook(tmp_path / f"{name}.fixed.ipynb").cells[0].source.endswith("x = float(1)")
    capsys.readouterr()
    assert main(["lint", str(tmp_path)]) == 1  # the fixed outputs are not linted again: the inputs still break
    assert "2 notebook(s)" in capsys.readouterr().err
    assert main(["lint", str(tmp_path), "--jobs", "0"]) == 2


def test_ctrl_c_stops_a_batch_with_130_no_traceback_and_no_worker_left(tmp_path, notebook):
    for i in range(400):
        (tmp_path / f"nb{i:03d}.ipynb").write_text(notebook("import numpy as np\nx = np.float(1)").dumps())
    command = [sys.executable, "-m", "mlemodernizer.cli", "lint", str(tmp_path), "--json", "--jobs", "2"]
    batch = subprocess.Popen(command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, preexec_fn=interruptible,
                             env={**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"})
    assert batch.stdout.readline().startswith('{"notebook"')  # the workers are at it
    os.killpg(batch.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group, as a terminal sends it
    out, err = batch.communicate(timeout=120)
    assert batch.returncode == 130, err
    assert "Traceback" not in err
    assert len(out.splitlines()) < 399  # it stopped before the end
    leftover = subprocess.run(["pgrep", "-s", str(batch.pid)], capture_output=True, text=True).stdout
    assert leftover == "", leftover


def test_a_batch_killed_outright_leaves_no_worker_behind(tmp_path, notebook):
    for i in range(400):
        (tmp_path / f"nb{i:03d}.ipynb").write_text(notebook("import numpy as np\nx = np.float(1)").dumps())
    command = [sys.executable, "-m", "mlemodernizer.cli", "lint", str(tmp_path), "--json", "--jobs", "2"]
    batch = subprocess.Popen(command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env={**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"})
    assert batch.stdout.readline().startswith('{"notebook"')
    batch.kill()  # SIGKILL: no cleanup of its own runs
    batch.wait(timeout=60)
    deadline = time.monotonic() + 30
    while (left := subprocess.run(["pgrep", "-s", str(batch.pid)], capture_output=True, text=True).stdout):
        assert time.monotonic() < deadline, f"workers outlived their parent: {left}"
        time.sleep(0.2)

"""Executor behaviour with a real kernel, on every available backend (same notebooks, same results)."""

from __future__ import annotations

import json
import os

import pytest
from mlemodernizer.core import RunRequest, parse_notebook
from mlemodernizer.executor.base import get_executor
from support import make_notebook


def test_clean_notebook_runs_every_cell(run):
    nb = make_notebook("x = 21", "y = x * 2\nprint(y)", "y")
    result = run(nb)
    assert result.status == "ok"
    assert [c.index for c in result.cells] == [1, 2, 3]  # notebook indices; cell 0 is markdown
    assert all(c.status == "ok" for c in result.cells)
    assert result.cells[1].outputs[0]["text"] == "42\n"
    assert result.cells[2].outputs[0]["data"]["text/plain"] == "42"
    assert result.cells[0].peak_memory_mb and result.cells[0].peak_memory_mb > 10
    assert result.fingerprint.python.startswith("3.")
    assert "pandas" in result.fingerprint.packages


def test_error_names_cell_ename_and_line(run):
    nb = make_notebook("import pandas as pd", "df = pd.DataFrame({'a': [1]})\nrow = df.ix[0]\nprint(row)", "print('after')")
    result = run(nb)
    assert result.status == "error"
    bad = result.first_failure
    assert bad.index == 2 and bad.status == "error"
    assert bad.error.ename == "AttributeError" and "ix" in bad.error.evalue
    assert bad.error.line == 2 and bad.error.line_source == "row = df.ix[0]"
    assert "\x1b[" not in bad.error.traceback
    assert result.cells[-1].status == "skipped"


def test_an_error_raised_while_displaying_a_result_is_named(run):
    # IPython raises it while formatting the cell's value, after the code ran: the reply
    # carries no exception name, the error output does.
    nb = make_notebook("from IPython.display import Image\nImage('no-such-picture.jpg')", "print('after')")
    bad = run(nb).first_failure
    assert bad.index == 1 and bad.status == "error"
    assert bad.error.ename == "FileNotFoundError" and "no-such-picture.jpg" in bad.error.evalue


def test_infinite_loop_is_stopped_at_cell_timeout(run):
    nb = make_notebook("n = 0", "while True:\n    n += 1", "print('later')")
    result = run(nb, cell_timeout=2)
    assert [c.status for c in result.cells] == ["ok", "timeout", "skipped"]
    assert result.status == "timeout"
    assert "timeout" in result.cells[1].error.evalue


def test_whole_run_budget(run):
    nb = make_notebook("import time", "time.sleep(1.5)", "time.sleep(1.5)", "print('never')")
    result = run(nb, budget=2)
    statuses = [c.status for c in result.cells]
    assert statuses[:2] == ["ok", "ok"] and statuses[2] == "timeout" and statuses[3] == "skipped"
    assert result.cells[2].error.ename == "BudgetExceeded"


@pytest.mark.parametrize("crash", [
    "import os; os._exit(1)",
    "import ctypes; ctypes.string_at(0)",  # segfault
])
def test_kernel_death_is_reported_with_its_cell(run, crash):
    result = run(make_notebook("a = 1", crash, "print(a)"))
    assert [c.status for c in result.cells] == ["ok", "kernel_died", "skipped"]
    assert result.status == "kernel_died"


def test_memory_blowup_kills_the_kernel_not_the_host(backend, tmp_path):
    nb = make_notebook("import numpy as np", "blocks = [np.ones(50_000_000) for _ in range(40)]", "print('no')")
    options = {"memory_limit_mb": 600} if backend == "local" else {"memory": "600m"}
    session = get_executor(backend, **options).start(RunRequest(notebook=nb, cell_timeout=60))
    try:
        result = session.run_cells(nb.sources())
    finally:
        session.close()
    assert result.cells[1].status in ("kernel_died", "error")
    if result.cells[1].status == "error":  # an allocator may refuse before the limit kills
        assert result.cells[1].error.ename == "MemoryError"


def test_huge_output_is_truncated(run):
    result = run(make_notebook("for i in range(200000):\n    print('x' * 100)"), max_output_bytes=50_000)
    cell = result.cells[0]
    assert cell.status == "ok" and cell.truncated
    assert sum(len(json.dumps(o)) for o in cell.outputs) < 80_000
    assert "truncated" in cell.outputs[-1]["text"]


def test_nbformat_v3_is_upgraded_and_runs(run):
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": "old"}, "worksheets": [{"cells": [
        {"cell_type": "code", "language": "python", "input": ["a = 2\n", "print(a * 3)"], "outputs": [],
         "metadata": {}}]}]}
    nb = parse_notebook(json.dumps(v3))
    assert nb.upgraded_from == 3
    result = run(nb)
    assert result.status == "ok" and result.cells[0].outputs[0]["text"] == "6\n"


@pytest.mark.parametrize("path", [
    "../input/train.csv", "/kaggle/input/train.csv", "/kaggle/input/titanic/train.csv",
    "../input/train.csv.zip", "/kaggle/input/titanic/test.csv.zip", "../input/titanic/gender_submission.csv",
])
def test_kaggle_paths_resolve(run, titanic_data, path):
    nb = make_notebook(f"import pandas as pd\ndf = pd.read_csv({path!r})\nprint(len(df))")
    result = run(nb, data_dir=titanic_data, competition="titanic")
    assert result.status == "ok", result.summary()
    assert result.cells[0].outputs[0]["text"].strip() in {"891", "418"}


def test_zipped_data_is_readable_unzipped(run, tmp_path):
    import zipfile

    data = tmp_path / "data"
    data.mkdir()
    with zipfile.ZipFile(data / "train.csv.zip", "w") as zf:
        zf.writestr("train.csv", "a,b\n1,2\n3,4\n")
    result = run(make_notebook("import pandas as pd\nprint(pd.read_csv('../input/train.csv').shape)"), data_dir=data)
    assert result.status == "ok", result.summary()
    assert result.cells[0].outputs[0]["text"] == "(2, 2)\n"


def test_input_data_is_never_modified(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.csv").write_text("a\n1\n")
    nb = make_notebook(
        "try:\n    open('../input/train.csv', 'w').write('overwritten')\nexcept OSError as e:\n    print(type(e).__name__)",
        "import os\ntry:\n    os.remove('../input/train.csv')\nexcept OSError as e:\n    print(type(e).__name__)",
    )
    run(nb, data_dir=data)
    assert (data / "train.csv").read_text() == "a\n1\n"


def test_files_written_and_submission(run, tmp_path):
    nb = make_notebook("open('notes.txt', 'w').write('x')", "import time; time.sleep(0.05)\nopen('submission.csv', 'w').write('id,y\\n1,0\\n')")
    result = run(nb, workdir=tmp_path / "kept")
    assert {f.path for f in result.files} == {"notes.txt", "submission.csv"}
    assert result.submission == "submission.csv"
    assert (tmp_path / "kept" / "submission.csv").read_text() == "id,y\n1,0\n"


def test_a_folder_beside_the_working_folder_is_scratch_space(run, tmp_path):
    # authors saved into ../submissions or ../models of their checkout: the rules create the folder,
    # and both backends must then let it be written (it is not one of the run's files)
    nb = make_notebook("import os\nos.makedirs('../models/mlp', exist_ok=True)\n"
                       "open('../models/mlp/net.txt', 'w').write('w')\nprint(os.listdir('../models/mlp'))")
    result = run(nb, workdir=tmp_path / "kept")
    assert result.status == "ok", result.summary()
    assert result.cells[0].outputs[0]["text"] == "['net.txt']\n"
    assert result.files == [] and not (tmp_path / "models").exists()


def test_helper_modules_are_importable(run, tmp_path):
    helpers = tmp_path / "helpers"
    (helpers / "pkg").mkdir(parents=True)
    (helpers / "features.py").write_text("def double(x):\n    return 2 * x\n")
    (helpers / "pkg" / "__init__.py").write_text("NAME = 'pkg'\n")
    nb = make_notebook("from features import double\nimport pkg\nprint(double(4), pkg.NAME)")
    result = run(nb, files_dir=helpers)
    assert result.status == "ok", result.summary()
    assert result.cells[0].outputs[0]["text"] == "8 pkg\n"
    assert result.files == []  # copied helpers are not "written by the notebook"


def test_resume_from_cell_keeps_earlier_state(backend):
    nb = make_notebook("import os\nstarted = os.getpid()\ncounter = 10", "counter += 1\nresult = 1 / 0", "print(counter, started)")
    session = get_executor(backend).start(RunRequest(notebook=nb, cell_timeout=30))
    try:
        first = session.run_cells(nb.sources())
        assert first.first_failure.index == 2
        sources = nb.sources()
        sources[2] = "counter += 1\nresult = 1 / 1"
        second = session.run_cells(sources, start=2)
    finally:
        session.close()
    assert second.status == "ok"
    # cell 1 did not run again and the failed cell's own `counter += 1` was undone: 11, as a fresh run
    # of the fixed notebook gives, in the same kernel process
    printed = second.cells[-1].outputs[0]["text"].split()
    assert printed[0] == "11"
    assert second.cells[0].status == "ok"  # earlier results are carried into the new RunResult


# Cells that change state in place, then fail: what the partial run did must not leak into the re-run.
MUTATING = [
    "import random\nimport numpy as np\nimport pandas as pd\nfrom sklearn.linear_model import LinearRegression\n"
    "np.random.seed(0); random.seed(0)\n"
    "df = pd.DataFrame({'sex': ['male', 'female', 'male'], 'age': [22.0, None, 30.0]})\n"
    "x, items, model, seen = 1, [], LinearRegression(), {}\n"
    "def note(key):\n    seen[key] = len(seen)",
    "df['sex'] = df['sex'].map({'male': 0, 'female': 1})\n"
    "df.fillna({'age': 0}, inplace=True)\n"
    "x += 1\nitems.append(len(items))\nmodel.fit(df[['age']], df['sex'])\n"
    "draw = (np.random.rand(), random.random())\nnote('a')\nleft_behind = True\nBROKEN",
    "print(df.to_dict('list'), x, items, round(float(model.coef_[0]), 6), draw, seen, 'left_behind' in dir())",
]


def test_rerun_from_a_failed_cell_gives_what_a_fresh_run_gives(backend):
    nb = make_notebook(*MUTATING)
    fixed = nb.sources()
    fixed[2] = fixed[2].replace("\nleft_behind = True\nBROKEN", "")  # the name the failed run bound goes too
    executor = get_executor(backend)
    session = executor.start(RunRequest(notebook=nb, cell_timeout=60))
    try:
        assert session.run_cells(nb.sources()).first_failure.index == 2
        rerun = session.run_cells(fixed, start=2)
        again = session.run_cells(fixed, start=2)  # a checkpoint survives its own restore
    finally:
        session.close()
    fresh_session = executor.start(RunRequest(notebook=nb.with_sources(fixed), cell_timeout=60))
    try:
        fresh = fresh_session.run_cells(fixed)
    finally:
        fresh_session.close()
    assert rerun.status == again.status == fresh.status == "ok", rerun.summary()
    printed = [r.cells[-1].outputs[0]["text"] for r in (rerun, again, fresh)]
    assert printed[0] == printed[1] == printed[2]
    assert "[0, 1, 0]" in printed[0] and "False" in printed[0]


def test_a_cell_that_binds_names_out_of_sight_is_replayed_from_the_top(backend):
    nb = make_notebook("total = 0", "exec('total = total + 5')\nBROKEN", "print(total)")
    fixed = nb.sources()
    fixed[2] = "exec('total = total + 5')"
    session = get_executor(backend).start(RunRequest(notebook=nb, cell_timeout=30))
    try:
        session.run_cells(nb.sources())
        rerun = session.run_cells(fixed, start=2)
    finally:
        session.close()
    assert rerun.status == "ok" and rerun.cells[-1].outputs[0]["text"] == "5\n"


def test_data_too_large_to_copy_gets_no_checkpoint_and_is_replayed(backend):
    # 240 MB of data under a 800 MB limit: a copy of it (a quarter of the limit at most) is not taken, so the
    # failing cell's memory stays what the data needs, and the re-run replays from the top instead.
    nb = make_notebook("import numpy as np\nbig = np.ones(30_000_000)", "total = float(big.sum())\nBROKEN",
                       "print(total)")
    options = {"memory_limit_mb": 800} if backend == "local" else {"memory": "940m"}
    fixed = nb.sources()
    fixed[2] = "total = float(big.sum())"
    session = get_executor(backend, **options).start(RunRequest(notebook=nb, cell_timeout=60))
    try:
        failed = session.run_cells(nb.sources())
        rerun = session.run_cells(fixed, start=2)
    finally:
        session.close()
    made, used = failed.cells[0].peak_memory_mb, failed.cells[1].peak_memory_mb  # code cells 1 and 2
    assert failed.cells[1].status == "error" and used - made < 120, (made, used)
    assert rerun.status == "ok" and rerun.cells[-1].outputs[0]["text"] == "30000000.0\n"


def test_after_kernel_death_session_restarts_from_the_top(backend):
    nb = make_notebook("value = 5", "import os; os._exit(3)", "print(value)")
    session = get_executor(backend).start(RunRequest(notebook=nb, cell_timeout=30))
    try:
        assert session.run_cells(nb.sources()).cells[1].status == "kernel_died"
        sources = nb.sources()
        sources[2] = "pass"  # notebook index 2 is the crashing cell (0 is markdown)
        again = session.run_cells(sources, start=3)
    finally:
        session.close()
    assert again.status == "ok" and again.cells[-1].outputs[0]["text"] == "5\n"


def test_no_network_when_isolated(run, backend):
    from mlemodernizer.executor.local import can_isolate

    if backend == "local" and not can_isolate():
        pytest.skip("local isolation needs root and unshare")
    nb = make_notebook("import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=2)\n    print('connected')\n"
                       "except OSError as e:\n    print('refused', type(e).__name__)\nprint(sorted(socket.if_nameindex()))")
    result = run(nb)
    text = result.cells[0].outputs[0]["text"]
    assert "refused" in text and "eth" not in text


def test_kaggle_paths_by_rewrite_without_namespaces(tmp_path, titanic_data):
    """The non-root path: literal /kaggle paths are rewritten inside the kernel."""
    nb = make_notebook("import pandas as pd, os\nprint(len(pd.read_csv('/kaggle/input/titanic/train.csv')), os.path.isdir('/kaggle/working'))")
    session = get_executor("local", isolate="off").start(RunRequest(notebook=nb, data_dir=titanic_data, competition="titanic"))
    try:
        result = session.run_cells(nb.sources())
    finally:
        session.close()
    assert result.fingerprint.kaggle_paths == "rewrite"
    assert result.cells[0].outputs[0]["text"] == "891 True\n"
    assert os.path.isdir(titanic_data)


def test_the_live_kernel_describes_the_names_of_the_failing_line(backend):
    nb = make_notebook("import numpy as np\nimport pandas as pd\n"
                       "df = pd.DataFrame({'age': [22.0, None, 30.0], 'sex': ['m', 'f', 'm']})\n"
                       "a = np.zeros((4, 2))\nn = 3\nlabels = ['x', 'y']",
                       "result = df.ix[0]")
    session = get_executor(backend).start(RunRequest(notebook=nb, cell_timeout=30))
    try:
        assert session.run_cells(nb.sources()).first_failure.index == 2
        facts = session.describe_names(["df", "a", "n", "labels", "nowhere"])
        again = session.run_cells(nb.sources(), start=2)  # describing ran no cell and changed nothing
    finally:
        session.close()
    assert facts["df"].startswith("DataFrame (3, 2)") and "age: float64 (1 NaN)" in facts["df"]
    assert facts["a"] == "ndarray (4, 2) float64" and facts["n"] == "int 3" and facts["labels"] == "list of 2"
    assert facts["nowhere"] == "not defined"
    assert again.first_failure.index == 2 and again.first_failure.error.ename == "AttributeError"

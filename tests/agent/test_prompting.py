"""Prompt building: which packages are shown, how cells and attempts are rendered, template files."""

import nbformat
import pytest
from mlemodernizer.agent.prompting import (
    PROMPTS_DIR,
    imported_modules,
    load_template,
    package_versions,
    render_cells,
)
from mlemodernizer.core import Fingerprint, parse_notebook


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return parse_notebook(nbformat.writes(nb))


def test_imported_modules_reads_python2_and_ipython_cells():
    nb = notebook("%matplotlib inline\nimport numpy as np, pandas as pd\nprint 'hello'",
                  "from sklearn.cross_validation import train_test_split\nimport xgboost.sklearn\n"
                  "    from . import local\n# import os (a comment, not an import)\nx = 1  # import nothing",
                  "!pip install lightgbm\nfrom PIL import Image")
    assert imported_modules(nb) == {"numpy", "pandas", "sklearn", "xgboost", "PIL"}


def test_package_versions_only_for_imported_modules():
    fingerprint = Fingerprint(backend="local", lock="tabular", lock_hash="h",
                              packages={"scikit-learn": "1.9.0", "Pillow": "11.0.0", "numpy": "2.3.4",
                                        "lightgbm": "4.6.0", "scikit_image": "0.25.0", "xgboost-cpu": "3.2.0",
                                        "opencv-python-headless": "5.0.0", "typing_extensions": "4.15.0"})
    modules = {"sklearn", "PIL", "lightgbm", "skimage", "notinstalled", "xgboost", "cv2", "typing_extensions"}
    assert package_versions(fingerprint, modules) == [
        "- cv2 (opencv-python-headless) 5.0.0", "- lightgbm 4.6.0", "- PIL (Pillow) 11.0.0",
        "- skimage (scikit_image) 0.25.0", "- sklearn (scikit-learn) 1.9.0", "- typing_extensions 4.15.0",
        "- xgboost (xgboost-cpu) 3.2.0"]
    assert package_versions(None, {"numpy"}) == []


def test_render_cells_summarises_what_does_not_fit(monkeypatch):
    import mlemodernizer.agent.prompting as prompting

    monkeypatch.setattr(prompting.cells, "MAX_CELLS_CHARS", 170)
    monkeypatch.setattr(prompting.cells, "SMALL_NOTEBOOK_CHARS", 0)
    nb = notebook("a = 1\n" * 10, "b = 2\n" * 10, "c = a + b\n" * 10, "d = 4")
    text = render_cells(nb, upto=2)
    # Both define what the failing cell reads; the nearer one fits beside it, the other is summarised.
    assert text.startswith("cell 0: `a = 1` (+9 lines)\n\n### cell 1")
    assert "### cell 2" in text and "cell 3" not in text


@pytest.mark.parametrize("name", ["error-repair", "runtime-reduction", "score-calibration", "reask"])
def test_templates_have_only_known_placeholders(name):
    known = {"cell", "written", "python", "packages", "data_files", "cells", "traceback", "attempts",
             "score_note", "reason", "timings", "outputs", "problem", "cell_output", "facts", "files", "progress"}
    template = load_template(name)
    assert set(template.get_identifiers()) <= known
    assert template.is_valid()
    assert (PROMPTS_DIR / "system.md").read_text().count("$") == 0


# --------------------------------------------------------------------------- trimming (issue 16, item 4)

SITE = "/root/.cache/mlemodernizer/envs/tabular-1/lib/python3.11/site-packages"
COLUMNS = ", ".join(f"'col_{i}'" for i in range(400))
LONG_TRACEBACK = "\n".join([
    "---------------------------------------------------------------------------",
    "KeyError                                  Traceback (most recent call last)",
    "Cell In[12], line 3",
    "      1 features = [c for c in train.columns if c != 'y']",
    "      2 X = train[features]",
    "----> 3 X = fill(X, ['Age'])",
    "",
    "File /kaggle/working/helpers.py:7, in fill(df, cols)",
    "      5 def fill(df, cols):",
    "      6     for c in cols:",
    "----> 7         df[c] = df[c].fillna(df[c].mean())",
    "",
    *[line for i in range(8) for line in (
        f"File {SITE}/pandas/core/frame.py:{4000 + i}, in DataFrame.__getitem__(self, key)",
        f"   {3998 + i} if is_hashable(key):",
        f"-> {4000 + i}     return self._get_item(key)", "")],
    f"File {SITE}/pandas/core/indexes/base.py:3812, in Index.get_loc(self, key)",
    "-> 3812     raise KeyError(key) from err",
    "",
    f"KeyError: \"None of [Index([{COLUMNS}], dtype='object')] are in the [columns]\"",
])


def test_trim_traceback_keeps_the_users_frames_and_the_last_library_frames():
    from mlemodernizer.agent.prompting import trim_traceback

    sources = ["# md", "import pandas as pd", "features = [c for c in train.columns if c != 'y']\\nX = train[features]"]
    text = trim_traceback(LONG_TRACEBACK, cell=5, sources=sources)
    assert "Cell 5, line 3\n" in text and "----> 3 X = fill(X, ['Age'])" in text  # the cell, by its index
    assert "File /kaggle/working/helpers.py:7, in fill(df, cols)" in text  # a staged helper file is the user's
    assert "df[c] = df[c].fillna(df[c].mean())" in text
    assert "[... 6 library frames left out ...]" in text
    assert text.count(f"File {SITE}") == 3  # the last three library frames
    assert "base.py:3812" in text and "frame.py:4007" in text and "frame.py:4000" not in text
    assert "'col_0', 'col_1'" in text and "(394 more)" in text and "'col_399'" not in text
    assert len(text) < 2000 < len(LONG_TRACEBACK)


def test_cap_message_marks_what_it_cut():
    from mlemodernizer.agent.prompting import cap_message

    text = cap_message("ValueError: " + "x" * 5000)
    assert len(text) < 1600 and "chars cut ...]" in text and text.startswith("ValueError: xxx")
    assert cap_message("warning: slow\n" * 5).strip() == "warning: slow [repeated 5 times]"


def test_chained_tracebacks_keep_the_cause_short():
    from mlemodernizer.agent.prompting import trim_traceback

    cause = "\n".join([f"File {SITE}/pandas/_libs/index.pyx:{i}, in get_loc()\n" for i in range(5)]
                      + ["KeyError: 'Age'"])
    text = (cause + "\n\nThe above exception was the direct cause of the following exception:\n\n"
            + LONG_TRACEBACK.replace("KeyError: \"None", "KeyError: 'Age' \"None"))
    trimmed = trim_traceback(text, cell=3, sources=[])
    assert trimmed.count("index.pyx") == 1 and "[... 4 library frames left out ...]" in trimmed
    assert "The above exception was the direct cause" in trimmed and "Cell 3, line 3" in trimmed


def big_notebook():
    """A notebook long enough that only what bears on the failure is shown in full."""
    filler = "\n".join(f"plt.plot(range({i}))" for i in range(12))
    return notebook(
        "import pandas as pd\nimport numpy as np\nimport matplotlib.pyplot as plt",  # 0
        "train = pd.read_csv('../input/train.csv')",  # 1: defines train
        filler, filler, filler,  # 2-4: plots
        "# train = train.dropna()\n# print(train.shape)",  # 5: commented out
        "STOPWORDS = [" + ", ".join(f"'w{i}'" for i in range(400)) + "]",  # 6: a long literal
        "train['Age'] = train['Age'].fillna(0)",  # 7: changes train
        filler, filler,  # 8-9
        "model = None\nX = train.ix[:, 2:].as_matrix()",  # 10: fails
        "print('unrelated')",  # 11
        "test = pd.read_csv('../input/test.csv')\nT = test.ix[:, 1:]",  # 12: the same pattern later
        "plt.show()",  # 13
    )


def big_diagnosis(nb, **extra):
    from mlemodernizer.agent.base import Diagnosis
    from mlemodernizer.core import CellError, CellResult, RunResult

    error = CellError(ename="AttributeError", evalue="'DataFrame' object has no attribute 'ix'",
                      traceback="AttributeError  Traceback (most recent call last)\nCell In[9], line 2\n"
                                "      1 model = None\n----> 2 X = train.ix[:, 2:].as_matrix()\n\n"
                                "AttributeError: 'DataFrame' object has no attribute 'ix'",
                      line=2, line_source="X = train.ix[:, 2:].as_matrix()")
    cells = [CellResult(index=i, status="ok") for i in range(10)]
    cells.append(CellResult(index=10, status="error", error=error))
    values = dict(fix_type="error-repair", cell=10, error=error, reason="cell 10 failed",
                  run=RunResult(cells=cells, status="error", wall_seconds=1.0))
    values.update(extra)
    return Diagnosis(**values)


def test_the_listing_shows_what_bears_on_the_failure_and_summarises_the_rest(monkeypatch):
    import mlemodernizer.agent.prompting as prompting

    monkeypatch.setattr(prompting.cells, "SMALL_NOTEBOOK_CHARS", 1000)
    nb = big_notebook()
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="(891, 12)\n")]
    text = render_cells(nb, 10, big_diagnosis(nb))
    for shown in (1, 7, 10):  # defines train, changes train, fails
        assert f"### cell {shown}\n" in text
    assert "Its output when the notebook was published:\n```\n(891, 12)\n```" in text
    assert "cell 2: `plt.plot(range(0))` (+11 lines)" in text and "### cell 2" not in text
    assert "cell 0: `import pandas as pd`; `import numpy as np`" in text  # imports, as a summary line
    assert "Left out: cells 5 (commented out); cells 6 (a long literal)." in text
    assert "'w399'" not in text and "# train = train.dropna()" not in text
    later = text.split("Later cells that use `ix` too")[1]
    assert "### cell 12" in later and "T = test.ix[:, 1:]" in later and "cell 13" not in text
    assert "print('unrelated')" not in text


def test_a_failed_shell_cell_shows_its_stderr():
    from mlemodernizer.agent.prompting import template_values
    from mlemodernizer.core import CellError, CellResult, RunResult

    nb = notebook("import os", "%%bash\nunzip ../input/train.zip -d data")
    error = CellError(ename="CalledProcessError",
                      evalue="Command 'b'unzip ../input/train.zip -d data\\n'' returned non-zero exit status 9.",
                      traceback="CalledProcessError: Command returned non-zero exit status 9.")
    cell = CellResult(index=1, status="error", error=error, outputs=[
        {"output_type": "stream", "name": "stderr", "text": "unzip:  cannot find or open ../input/train.zip\n"}])
    diagnosis = big_diagnosis(nb, cell=1, error=error, run=RunResult(
        cells=[CellResult(index=0, status="ok"), cell], status="error", wall_seconds=1.0))
    values = template_values(nb, diagnosis, [])
    assert "What cell 1 printed before it failed (stderr first)" in values["cell_output"]
    assert "cannot find or open ../input/train.zip" in values["cell_output"]
    assert "exit status 9" in values["traceback"]


def test_the_notebooks_own_files_are_listed_beside_the_data_and_a_big_folder_is_one_line():
    from mlemodernizer.agent.prompting import template_values

    nb = notebook(*(f"x{i} = {i}" for i in range(11)))
    working = ["helpers.py", "processed/clean.csv", *(f"images/{i}.jpg" for i in range(1, 1585))]
    values = template_values(nb, big_diagnosis(nb, data_files=["train.csv: 3 rows"], working_files=working), [])
    assert values["data_files"].split("\n") == [
        "- train.csv: 3 rows",
        "In its working directory, the notebook's own files (from its repository):",
        "- processed/clean.csv",
        "- images/ (1584 files: 1.jpg, 2.jpg, 3.jpg, ...)",
    ]
    # modules alone add nothing (the helper-file context shows them where a traceback runs through them)
    values = template_values(nb, big_diagnosis(nb, data_files=[], working_files=["helpers.py"]), [])
    assert values["data_files"] == "- (none listed)"


# --------------------------------------------------------------------------- history (issue 16, item 5)


def test_history_lists_kept_edits_with_what_they_fixed_and_reverted_ones_with_what_they_led_to():
    from mlemodernizer.agent.loop import LoopAttempt
    from mlemodernizer.agent.prompting import render_attempts
    from mlemodernizer.core import Edit

    def edit(cell, old, new, origin="llm:m"):
        return Edit(cell=cell, old=old, new=new, fix_type="error-repair", origin=origin, rationale=f"change {cell}")

    kept = LoopAttempt(edits=[edit(2, "x = df.ix[0]", "x = df.loc[0]", "rule:pandas-ix")], status="error",
                       first_failure=4, error="NameError: name 'y' is not defined", accepted=True,
                       why="the first failure moved from cell 2 to cell 4 line 1",
                       answered="cell 2: AttributeError: 'DataFrame' object has no attribute 'ix'")
    long_new = "\n".join(f"y = {i}" for i in range(40))
    reverted = LoopAttempt(edits=[edit(4, "print(y)", long_new)], status="error", first_failure=1,
                           error="ValueError: bad", accepted=False, why="the first failure moved back to cell 1",
                           answered="cell 4: NameError: name 'y' is not defined",
                           traceback="ValueError  Traceback (most recent call last)\nCell 1, line 1\n"
                                     "----> 1 f()\n\nValueError: bad")
    text = render_attempts([kept, reverted])
    assert "(none)" not in text
    assert "1. kept: edit of cell 2 (rule:pandas-ix): change 2" in text
    assert "it fixed: cell 2: AttributeError: 'DataFrame' object has no attribute 'ix'" in text
    assert "-x = df.ix[0]" not in text  # a kept edit's code is in the cells already
    assert "2. reverted: edit of cell 4 (llm:m)" in text and "it answered: cell 4: NameError" in text
    assert "why it was reverted: the first failure moved back to cell 1" in text
    assert "it led to:\n   ValueError  Traceback" in text and "----> 1 f()" in text
    assert "+y = 11" in text and "+y = 12" not in text and "[... 28 more diff lines ...]" in text  # a reverted answer, capped
    assert render_attempts([]) == "(none)"


# --------------------------------------------------------------------------- helper files (issue 16, item 3)

HELPERS = {
    "src/__init__.py": "",
    "src/data.py": ("import os\nimport numpy as np\nfrom sklearn.cross_validation import KFold\n\n\n"
                    "def folds(n):\n    return KFold(n, n_folds=5)\n"),
    "src/model.py": ("from sklearn.cross_validation import train_test_split\nfrom src.data import folds\n\n\n"
                     "def split(X, y):\n    # sklearn.cross_validation is gone\n"
                     "    return train_test_split(X, y)\n"),
    "utils.py": "def unrelated():\n    return 1\n",
}
MODULE_TB = ("ModuleNotFoundError                       Traceback (most recent call last)\n"
             "Cell In[2], line 1\n----> 1 from src import model\n\n"
             "File /kaggle/working/src/model.py:2\n      1 from sklearn.cross_validation import train_test_split\n"
             "----> 2 from src.data import folds\n\n"
             "File /kaggle/working/src/data.py:3\n      2 import numpy as np\n"
             "----> 3 from sklearn.cross_validation import KFold\n\n"
             "ModuleNotFoundError: No module named 'sklearn.cross_validation'")


def test_a_traceback_through_helper_files_shows_their_imports_and_every_use_of_the_failing_name():
    from mlemodernizer.agent.prompting import helper_context, helper_frames
    from mlemodernizer.core import CellError

    error = CellError(ename="ModuleNotFoundError", evalue="No module named 'sklearn.cross_validation'",
                      traceback=MODULE_TB, line=1, line_source="from src import model")
    assert helper_frames(error, HELPERS) == [("src/model.py", 2), ("src/data.py", 3)]
    text = helper_context(error, HELPERS)
    assert "### file src/data.py: its imports\n```python\nimport os\nimport numpy as np\n" \
           "from sklearn.cross_validation import KFold\n```" in text
    assert "### file src/model.py: its imports\n```python\nfrom sklearn.cross_validation import train_test_split\n" \
           "from src.data import folds\n```" in text
    assert text.index("file src/data.py") < text.index("file src/model.py")  # the deepest file first
    # Module-level lines that raised are imports, already shown: no window repeats them; no other file
    # names the module, comments aside, so there is no list of other uses.
    assert "module level" not in text and "is gone" not in text
    assert "The other helper files: src/__init__.py, utils.py." in text
    assert "SEARCH file PATH" in text
    # Nothing of this when the failure does not pass through a helper file.
    plain = CellError(ename="KeyError", evalue="'a'", traceback="Cell In[2], line 1\n----> 1 df['a']\nKeyError: 'a'")
    assert helper_context(plain, HELPERS) == "" and helper_context(error, {}) == ""


def test_the_failing_function_and_the_uses_of_its_failing_call_are_shown_and_bounded(monkeypatch):
    import mlemodernizer.agent.prompting as prompting
    from mlemodernizer.agent.prompting import helper_context
    from mlemodernizer.core import CellError

    body = "\n".join(f"    step_{i} = {i}" for i in range(100))
    files = {"feat.py": f"import pandas as pd\n\n\ndef build(df):\n{body}\n    df = df.ix[:, 1:]\n    return df\n",
             "other.py": "def again(df):\n    return df.ix[0]\n"}
    tb = ("Cell In[4], line 1\n----> 1 build(train)\n\nFile /tmp/mlemod-x/working/feat.py:105, in build(df)\n"
          "--> 105     df = df.ix[:, 1:]\n\n"
          "File /env/lib/python3.11/site-packages/pandas/core/generic.py:6299, in NDFrame.__getattr__(self, name)\n"
          "AttributeError: 'DataFrame' object has no attribute 'ix'")
    error = CellError(ename="AttributeError", evalue="'DataFrame' object has no attribute 'ix'", traceback=tb)
    text = helper_context(error, files)
    assert "### file feat.py: lines 75-106, `def build` (lines 75-106 of it, its `def` line is 4) (line 105: raised here)" \
           in text
    assert "    step_69 = 69" not in text and "    step_70 = 70" in text and "    df = df.ix[:, 1:]\n    return df" in text
    assert "- other.py line 2 (in `def again`): `return df.ix[0]`" in text
    monkeypatch.setattr(prompting.helper_files, "MAX_FUNCTION_LINES", 10)
    assert len(helper_context(error, files, limit=300)) < 800  # the bound holds: what does not fit is left out


# --------------------------------------------------------------------------- runtime (issue 16, item 2)


def test_a_runtime_prompt_gives_the_latest_runs_timings_and_how_far_the_slow_cell_got():
    from mlemodernizer.agent.base import Diagnosis
    from mlemodernizer.agent.loop import LoopAttempt
    from mlemodernizer.agent.prompting import build_messages
    from mlemodernizer.core import CellError, CellResult, Edit, RunResult

    nb = notebook("import time\nN = 500", "for i in range(N):\n    time.sleep(1)\n    print(i)", "print('done')")
    timeout = CellError(ename="CellTimeoutError", evalue="the cell ran past its timeout of 60s", traceback="")
    interrupted = {"output_type": "error", "ename": "KeyboardInterrupt", "evalue": "",
                   "traceback": ["Cell In[2], line 2", "      1 for i in range(N):", "----> 2     time.sleep(1)"]}
    first = RunResult(status="timeout", wall_seconds=70, cells=[
        CellResult(index=0, status="ok", seconds=30.0),
        CellResult(index=1, status="timeout", seconds=60.2, error=timeout,
                   outputs=[{"output_type": "stream", "name": "stdout", "text": "".join(f"{i}\n" for i in range(58))},
                            interrupted]),
        CellResult(index=2, status="skipped")])
    diagnosis = Diagnosis(fix_type="runtime-reduction", cell=1, error=timeout, run=first,
                          reason="cell 1 ran out of time: the cell ran past its timeout of 60s")
    user = build_messages(nb, diagnosis, [], latest=first)[1]["content"]
    assert "In the latest run cell 1 was stopped after 60.2s (its limit is 60s per cell). It was interrupted " \
           "at line 2: `time.sleep(1)`." in user
    assert "What it printed before it was stopped (the end):\n```\n0\n1\n" in user and "57\n```" in user
    assert "Seconds each cell took in the latest run (of the cells as shown below):\n- cell 0: 30.0s (ok)\n" \
           "- cell 1: 60.2s (timeout)" in user
    assert "Slowest: cell 1 (60.2s), cell 0 (30.0s)." in user
    assert "Any code cell may be edited, not only cell 1" in user and "(the slowest)" not in user
    # An attempt cut cell 0 and ran: its run is the latest, beside the times of the notebook as shown.
    edit = Edit(cell=0, old="import time\nN = 500", new="import time\nN = 50", fix_type="runtime-reduction",
                origin="llm:m", rationale="fewer")
    attempt = LoopAttempt(edits=[edit], status="timeout", first_failure=1, accepted=False,
                          why="no progress: cell 1 still fails (CellTimeoutError: ...)")
    second = RunResult(status="timeout", wall_seconds=62, cells=[
        CellResult(index=0, status="ok", seconds=1.0),
        CellResult(index=1, status="timeout", seconds=60.1, error=timeout), CellResult(index=2, status="skipped")])
    user = build_messages(nb, diagnosis, [attempt], latest=second)[1]["content"]
    assert "Seconds each cell took in the latest run, that of attempt 1 (not kept: its code is not in the cells " \
           "below):\n- cell 0: 1.0s (ok); 30.0s (ok) with the cells as shown below\n" \
           "- cell 1: 60.1s (timeout); 60.2s (timeout) with the cells as shown below" in user
    assert "In the latest run cell 1 was stopped after 60.1s" in user and "What it printed" not in user
    budget = CellError(ename="BudgetExceeded", evalue="the run's budget of 90s was used up", traceback="")
    cut = second.model_copy(update={"cells": [second.cells[0], CellResult(index=1, status="timeout", seconds=89.0,
                                                                          error=budget)]})
    user = build_messages(nb, diagnosis, [attempt], latest=cut)[1]["content"]
    assert "cell 1 was stopped after 89.0s (the run's budget of 90s was used up); the cells before it took 1.0s." in user


def _name_error(cell, name):
    from mlemodernizer.agent.base import Diagnosis
    from mlemodernizer.core import CellError, RunResult

    error = CellError(ename="NameError", evalue=f"name '{name}' is not defined", line=1, traceback="")
    return Diagnosis(fix_type="error-repair", cell=cell, error=error, run=RunResult(status="error", cells=[], wall_seconds=1.0))


def test_a_name_error_says_where_the_notebook_binds_the_name_or_that_nothing_does():
    from mlemodernizer.agent.prompting.names import unbound_name_facts

    nb = notebook("import pandas as pd", "x_train = X2[:10]", "fold, test = fold_indices[3]\nprint(X2)",
                  "X2 = pd.concat([a, b])", "# X2 is built above\nX2.head()")
    assert unbound_name_facts(nb, _name_error(1, "X2"), {}) == [
        "- `X2` is bound (assigned, imported or defined) at the top level of: cell 3 (after the failing cell)"]
    assert unbound_name_facts(nb, _name_error(2, "fold_indices"), {"features.py": "fold_indices = []\n"}) == [
        "- `fold_indices` is bound (assigned, imported or defined) at the top level of: helper file features.py"]
    assert unbound_name_facts(nb, _name_error(2, "fold_indices"), {"features.py": "def f(fold_indices): pass\n"}) == [
        "- `fold_indices` is bound (assigned, imported or defined) at the top level of no cell of the notebook "
        "and of no helper file; no other cell mentions it"]
    assert unbound_name_facts(nb, _name_error(4, "a"), {}) == [
        "- `a` is bound (assigned, imported or defined) at the top level of no cell of the notebook and of no "
        "helper file; the other cells that mention it: 3"]
    other = _name_error(1, "X2").model_copy(update={"error": _name_error(1, "X2").error.model_copy(
        update={"ename": "KeyError", "evalue": "'X2'"})})
    assert unbound_name_facts(nb, other, {}) == []


def test_the_name_fact_is_among_the_prompts_facts():
    from mlemodernizer.agent.prompting import environment_facts

    nb = notebook("x_train = X2[:10]", "X2 = [1] * 20")
    facts = environment_facts(nb, _name_error(0, "X2"), files={})
    assert facts.startswith("Facts from the installed environment and the notebook:\n")
    assert "- `X2` is bound (assigned, imported or defined) at the top level of: cell 1 (after the failing cell)" in facts

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

    monkeypatch.setattr(prompting, "MAX_CELLS_CHARS", 170)
    monkeypatch.setattr(prompting, "SMALL_NOTEBOOK_CHARS", 0)
    nb = notebook("a = 1\n" * 10, "b = 2\n" * 10, "c = a + b\n" * 10, "d = 4")
    text = render_cells(nb, upto=2)
    # Both define what the failing cell reads; the nearer one fits beside it, the other is summarised.
    assert text.startswith("cell 0: `a = 1` (+9 lines)\n\n### cell 1")
    assert "### cell 2" in text and "cell 3" not in text


@pytest.mark.parametrize("name", ["error-repair", "runtime-reduction", "score-calibration", "reask"])
def test_templates_have_only_known_placeholders(name):
    known = {"cell", "written", "python", "packages", "data_files", "cells", "traceback", "attempts",
             "score_note", "reason", "timings", "outputs", "problem", "cell_output", "facts"}
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

    monkeypatch.setattr(prompting, "SMALL_NOTEBOOK_CHARS", 1000)
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

"""The LLM fixer's and the memory's edits, applied and re-run in a real kernel of the modern environment.

The model is the scripted fake server; the notebook, pandas 3 and the Titanic
data are real, so the test shows that the applied edits really repair the
failure, and that a remembered fix, adapted to a differently written cell of
another notebook, repairs that one too without asking the model.
"""

import os
from pathlib import Path

import nbformat
import pytest
from mlemodernizer.agent.base import Diagnosis
from mlemodernizer.agent.llm import LLMConfig, LLMFixer
from mlemodernizer.agent.memory import FixMemory, MemoryFixer
from mlemodernizer.core import RunRequest, parse_notebook
from mlemodernizer.executor.base import get_executor

SHARED = Path(os.environ.get("MLEMOD_SHARED", Path(__file__).resolve().parents[3] / "shared"))
TITANIC = SHARED / "data" / "titanic" / "input"

# The model copied the line without its loop indentation: the whitespace-tolerant match must place it.
ANSWER = """Rationale: `DataFrame.ix` and `DataFrame.as_matrix` were removed in pandas 1.0; label-based `.loc`
and `.to_numpy()` give the same array.

```
<<<<<<< SEARCH cell 2
X = train.ix[:, ['Pclass', 'Fare']].as_matrix()
=======
X = train.loc[:, ['Pclass', 'Fare']].to_numpy()
>>>>>>> REPLACE
```
"""


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Titanic (2016)")] + [nbformat.v4.new_code_cell(s) for s in sources]
    return parse_notebook(nbformat.writes(nb))


def first_failure_diagnosis(run):
    bad = run.first_failure
    assert bad is not None and bad.error is not None, run.summary()
    return Diagnosis(fix_type="error-repair", cell=bad.index, error=bad.error, run=run,
                     data_files=["train.csv: 891 rows x 12 columns"], input_files=["train.csv"])


def apply(nb, edits):
    sources = nb.sources()
    for edit in edits:
        assert sources[edit.cell] == edit.old
        sources[edit.cell] = edit.new
    return nb.with_sources(sources)


@pytest.fixture
def session_for(tmp_path):
    if not TITANIC.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    sessions = []

    def start(nb):
        request = RunRequest(notebook=nb, data_dir=TITANIC, competition="titanic", cell_timeout=120,
                             workdir=tmp_path / f"work{len(sessions)}")
        sessions.append(get_executor("local").start(request))
        return sessions[-1]

    yield start
    for session in sessions:
        session.close()


def test_llm_edit_then_remembered_edit_repair_real_runs(fake_llm, tmp_path, session_for):
    first = notebook("import pandas as pd\ntrain = pd.read_csv('../input/train.csv')",
                     "for i in range(1):\n    X = train.ix[:, ['Pclass', 'Fare']].as_matrix()\nprint(X.shape)")
    session = session_for(first)
    run = session.run_cells(first.sources())
    diagnosis = first_failure_diagnosis(run)
    assert (diagnosis.cell, diagnosis.error.ename) == (2, "AttributeError")

    fake_llm.push(ANSWER)
    llm = LLMFixer(LLMConfig(model="openai/fake", api_base=fake_llm.api_base, backoff_seconds=0.01))
    edits = llm.propose(first, diagnosis, [])
    assert "    X = train.loc[:, ['Pclass', 'Fare']].to_numpy()" in edits[0].new
    prompt = fake_llm.user_prompts()[0]
    assert "'DataFrame' object has no attribute 'ix'" in prompt and "- pandas 3." in prompt  # the real run's facts
    fixed = apply(first, edits)
    rerun = session.run_cells(fixed.sources(), start=2)
    assert rerun.status == "ok", rerun.summary()
    assert rerun.cells[-1].outputs[0]["text"] == "(891, 2)\n"

    memory = FixMemory(tmp_path / "memory.sqlite")
    memory.record(edits[0], diagnosis.error)  # the loop records an edit once the run got further

    # A different notebook: other names, the data under Kaggle's newer path, the bad call inside a function.
    second = notebook("import pandas as pd\nframe = pd.read_csv('/kaggle/input/titanic/train.csv')",
                      "def column(name):\n    return frame.ix[:, name].as_matrix()\nprint(column('Age').shape)")
    session = session_for(second)
    diagnosis = first_failure_diagnosis(session.run_cells(second.sources()))
    remembered = MemoryFixer(memory).propose(second, diagnosis, [])
    assert [e.origin for e in remembered] == ["memory"]
    assert "    return frame.loc[:, name].to_numpy()" in remembered[0].new
    rerun = session.run_cells(apply(second, remembered).sources(), start=2)
    assert rerun.status == "ok", rerun.summary()
    assert rerun.cells[-1].outputs[0]["text"] == "(891,)\n"
    assert len(fake_llm.requests) == 1  # the second notebook was repaired without the model


def test_an_error_raised_in_a_function_an_earlier_cell_defined_is_fixed_in_that_cell(session_for):
    from mlemodernizer.agent.rules import fix_error

    nb = notebook(
        "import numpy as np\nimport pandas as pd\ntrain = pd.read_csv('../input/train.csv')",
        "def log_transform(col):\n    train.loc[train[col] > 0, col] = np.log(train[col])",
        "x = 1\nlog_transform('SibSp')",
    )
    session = session_for(nb)
    run = session.run_cells(nb.sources())
    bad = run.first_failure
    assert (bad.index, bad.error.ename, bad.error.line) == (3, "TypeError", 2), run.summary()
    edits = fix_error(nb, bad.index, bad.error, ["train.csv"])
    # the assignment that raised is in cell 2, line 2: that is the cell the rule rewrites
    assert [(e.cell, e.origin) for e in edits] == [(2, "rule:pandas-setitem-upcast")]
    fixed = apply(nb, edits)
    rerun = session.run_cells(fixed.sources(), start=2)
    assert rerun.first_failure is None, rerun.summary()


def test_numpy_and_correlation_reductions_of_a_frame_with_text_get_the_old_per_column_result(session_for):
    from mlemodernizer.agent.rules import fix_error

    nb = notebook(
        "import numpy as np\nimport pandas as pd\ntrain = pd.read_csv('../input/train.csv')",
        "means = np.mean(train)\nprint(means.round(3).equals(train.mean(numeric_only=True).round(3)))",
        "r = train.corrwith(train['Survived'])\nprint(round(r['Fare'], 4), 'Name' in r)",
    )
    session = session_for(nb)
    sources, start = nb.sources(), 1
    for expected in ("rule:pandas-numeric-only", "rule:pandas-numeric-only"):  # one failing cell after the other
        run = session.run_cells(sources, start=start)
        bad = run.first_failure
        assert bad is not None and bad.error.ename in ("TypeError", "ValueError"), run.summary()
        edits = fix_error(nb.with_sources(sources), bad.index, bad.error, ["train.csv"])
        assert [e.origin for e in edits] == [expected]
        sources[bad.index] = edits[0].new
        start = bad.index
    run = session.run_cells(sources, start=start)
    assert run.first_failure is None, run.summary()
    assert run.cells[-2].outputs[-1]["text"] == "True\n"
    assert run.cells[-1].outputs[-1]["text"] == "0.2573 False\n"


def test_a_helper_that_fills_many_columns_makes_only_the_text_ones_object(session_for):
    from mlemodernizer.agent.rules import fix_error, fix_static

    nb = notebook(
        "import pandas as pd\ntrain = pd.read_csv('../input/train.csv')",
        "def fill(frame, column, value):\n    frame.loc[frame[column].isnull(), column] = value",
        "for column in ['Age', 'Cabin', 'Embarked']:\n"
        "    fill(train, column, 'None' if train.dtypes[column] == 'object' else 0)\n"
        "fill(train, 'Cabin', 0)\n"
        "print(train['Age'].dtype, train['Cabin'].dtype, train['Cabin'].isna().sum(), (train['Embarked'] == 'None').sum())",
    )
    sources = nb.sources()
    for edit in fix_static(nb):  # train.dtypes[column] == 'object' misses pandas 3's str columns
        sources[edit.cell] = edit.new
    assert "train.dtypes[column] in ('object', 'str')" in sources[3]
    session = session_for(nb)
    run = session.run_cells(sources)
    bad = run.first_failure  # the number into the str column Cabin, in the helper
    assert bad is not None and (bad.index, bad.error.ename) == (3, "TypeError"), run.summary()
    edits = fix_error(nb.with_sources(sources), bad.index, bad.error, ["train.csv"])
    assert [(e.cell, e.origin) for e in edits] == [(2, "rule:pandas-str-value")]
    sources[2] = edits[0].new
    run = session.run_cells(sources, start=2)
    assert run.first_failure is None, run.summary()
    # Age took 0 and stays a number column; Cabin, all 'None' filled before, is object as it was before pandas 3
    assert run.cells[-1].outputs[-1]["text"] == "float64 object 0 2\n"

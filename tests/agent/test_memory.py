"""Fix memory: real SQLite files, signatures, and remembered edits adapted to other notebooks' cells."""

import sqlite3

import nbformat
import pytest
from mlemodernizer.agent.base import Diagnosis
from mlemodernizer.agent.llm import LLMConfig, LLMFixer
from mlemodernizer.agent.memory import (
    FixMemory,
    MemoryFixer,
    adapt,
    error_signature,
    fragments,
)
from mlemodernizer.core import CellError, CellResult, Edit, RunResult, parse_notebook

IX_ERROR = CellError(ename="AttributeError", evalue="'DataFrame' object has no attribute 'ix'",
                     traceback="AttributeError: 'DataFrame' object has no attribute 'ix'")


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# notes")] + [nbformat.v4.new_code_cell(s) for s in sources]
    return parse_notebook(nbformat.writes(nb))


def diagnosis(cell, error, line=None, fix_type="error-repair"):
    error = error.model_copy(update={"line": line})
    run = RunResult(cells=[CellResult(index=cell, status="error", error=error)], status="error", wall_seconds=1.0)
    return Diagnosis(fix_type=fix_type, cell=cell, error=error, run=run)


def edit(old, new, origin="llm:openai/m"):
    return Edit(cell=1, old=old, new=new, fix_type="error-repair", origin=origin, rationale=".ix was removed")


def test_signature_masks_what_varies_between_notebooks():
    a = CellError(ename="FileNotFoundError", evalue="[Errno 2] No such file or directory: '/kaggle/input/a/train.csv'",
                  traceback="")
    b = CellError(ename="FileNotFoundError", evalue="[Errno 2] No such file or directory: '../input/test.csv'",
                  traceback="")
    assert error_signature(a) == error_signature(b) == "FileNotFoundError: [Errno <n>] No such file or directory: <q>"
    shape = CellError(ename="ValueError", traceback="",
                      evalue="Found input variables with inconsistent numbers of samples: [891, 418]")
    assert error_signature(shape) == ("ValueError: Found input variables with inconsistent numbers of samples: "
                                      "[<n>, <n>]")
    assert error_signature(IX_ERROR) == "AttributeError: <q> object has no attribute <q>"
    path = CellError(ename="OSError", evalue="cannot open /tmp/x/model.bin at 0x7f3a2b", traceback="")
    assert error_signature(path) == "OSError: cannot open <path> at <addr>"


def test_record_persists_the_minimal_hunk_and_counts_uses(tmp_path):
    db = tmp_path / "memory.sqlite"
    memory = FixMemory(db)
    old = "import pandas as pd\ntrain = pd.read_csv('x')\nX = train.ix[:, 2:]\nprint(X.shape)"
    memory.record(edit(old, old.replace(".ix[", ".iloc[")), IX_ERROR)
    memory.record(edit(old, old.replace(".ix[", ".iloc[")), IX_ERROR)
    again = FixMemory(db)  # a later process reads the same file
    rows = again.lookup(IX_ERROR)
    assert len(again) == 1 and len(rows) == 1
    assert (rows[0]["search"], rows[0]["replace"]) == ("X = train.ix[:, 2:]", "X = train.iloc[:, 2:]")
    assert rows[0]["uses"] == 2
    with sqlite3.connect(db) as raw:  # really on disk, under the signature
        assert raw.execute("SELECT signature FROM fixes").fetchone()[0] == error_signature(IX_ERROR)


def test_default_path_is_under_the_user_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    memory = FixMemory()
    assert memory.path == tmp_path / "cache" / "mlemodernizer" / "fix-memory.sqlite"
    assert memory.path.is_file()


def test_memory_hit_adapts_the_fix_to_a_different_cell(tmp_path):
    memory = FixMemory(tmp_path / "m.sqlite")
    memory.record(edit("df = load()\nrow = df.ix[0]", "df = load()\nrow = df.loc[0]"), IX_ERROR)
    fixer = MemoryFixer(memory)
    # Another notebook: the failing line is a different line, in cell 2, inside a loop.
    later = notebook("import pandas as pd", "for k in range(3):\n    value = data.ix[k, 'Age']\n    print(value)")
    edits = fixer.propose(later, diagnosis(2, IX_ERROR, line=2), [])
    assert len(edits) == 1
    assert edits[0].cell == 2 and edits[0].origin == "memory" and edits[0].fix_type == "error-repair"
    assert edits[0].new == "for k in range(3):\n    value = data.loc[k, 'Age']\n    print(value)"
    assert "llm:openai/m" in edits[0].rationale and ".ix was removed" in edits[0].rationale
    assert fixer.hits == 1


def test_whole_line_hunk_applies_with_other_indentation(tmp_path):
    memory = FixMemory(tmp_path / "m.sqlite")
    train = "model = xgb.train(params, dtrain, 100)\n"
    old = train + "scores = model.predict(dtest, ntree_limit=model.best_ntree_limit)"
    new = train + "scores = model.predict(dtest, iteration_range=(0, model.best_iteration + 1))"
    error = CellError(ename="TypeError", traceback="",
                      evalue="predict() got an unexpected keyword argument 'ntree_limit'")
    memory.record(edit(old, new), error)
    later = notebook("def run(model, dtest):\n"
                     "        scores = model.predict(dtest, ntree_limit=model.best_ntree_limit)\n"
                     "        return scores")
    edits = MemoryFixer(memory).propose(later, diagnosis(1, error), [])
    fixed = "        scores = model.predict(dtest, iteration_range=(0, model.best_iteration + 1))"
    assert edits[0].new.split("\n")[1] == fixed


def test_fragment_is_widened_to_whole_names(tmp_path):
    error = CellError(ename="AttributeError", evalue="module 'numpy' has no attribute 'float'", traceback="")
    memory = FixMemory(tmp_path / "m.sqlite")
    memory.record(edit("x = np.float(a)", "x = float(a)"), error)
    source = "y = df.astype(np.float)\nz = np.float64(1)"
    edits = MemoryFixer(memory).propose(notebook(source), diagnosis(1, error, line=1), [])
    assert edits[0].new == "y = df.astype(float)\nz = np.float64(1)"
    # Without a failing line number the fragment must occur on exactly one line.
    assert adapt("a = np.float(1)\nb = np.float(2)", "x = np.float(a)", "x = float(a)") is None
    assert adapt("a = np.float(1)\nb = 2", "x = np.float(a)", "x = float(a)") == "a = float(1)\nb = 2"
    # An attribute fragment keeps its dot: a variable named ix is left alone.
    assert adapt("ix = 0\nrow = df.ix[ix]", "r = d.ix[0]", "r = d.loc[0]", line=2) == "ix = 0\nrow = df.loc[ix]"


@pytest.mark.parametrize("old, new, pieces", [
    ("X = train.ix[:, ['Age']].as_matrix()", "X = train.loc[:, ['Age']].to_numpy()",
     [(".ix", ".loc"), (".as_matrix", ".to_numpy")]),
    ("x = np.float(a)", "x = float(a)", [("np.float", "float")]),
    ("km = KMeans(n)", "km = KMeans(n, n_init=10)", [("n)", "n, n_init=10)")]),  # insertion: anchored
    ("m.fit(X, y, verbose=False)", "m.fit(X, y)", [("y, verbose=False)", "y)")]),  # deletion: anchored
    ("print x", "print(x)", []),  # nothing but punctuation changed: too generic to carry over
])
def test_fragments_are_cut_on_whole_tokens(old, new, pieces):
    assert fragments(old, new) == pieces


def test_several_fragments_of_one_line_move_to_another_line():
    new = adapt("for c in cols:\n    v = frame.ix[:, c].as_matrix()", "X = train.ix[:, ['Age']].as_matrix()",
                "X = train.loc[:, ['Age']].to_numpy()", line=2)
    assert new == "for c in cols:\n    v = frame.loc[:, c].to_numpy()"


def test_no_proposal_when_nothing_fits(tmp_path):
    memory = FixMemory(tmp_path / "m.sqlite")
    memory.record(edit("row = df.ix[0]", "row = df.loc[0]"), IX_ERROR)
    fixer = MemoryFixer(memory)
    other_error = CellError(ename="KeyError", evalue="'Age'", traceback="")
    assert fixer.propose(notebook("row = df.ix[0]"), diagnosis(1, other_error), []) == []  # other signature
    assert fixer.propose(notebook("print(df.head())"), diagnosis(1, IX_ERROR), []) == []  # nothing to adapt
    assert fixer.propose(notebook("row = df.ix[0]"), diagnosis(1, IX_ERROR, fix_type="runtime-reduction"), []) == []
    assert fixer.hits == 0


def test_an_edit_already_tried_is_not_proposed_again(tmp_path):
    from mlemodernizer.core import Attempt

    memory = FixMemory(tmp_path / "m.sqlite")
    memory.record(edit("row = df.ix[0]", "row = df.loc[0]"), IX_ERROR)
    memory.record(edit("row = df.ix[0]", "row = df.iloc[0]"), IX_ERROR)
    fixer = MemoryFixer(memory)
    first = fixer.propose(notebook("row = df.ix[0]"), diagnosis(1, IX_ERROR), [])
    assert [e.new for e in first] == ["row = df.loc[0]", "row = df.iloc[0]"]
    history = [Attempt(edits=[first[0]], status="error", accepted=False, why="did not get further")]
    again = fixer.propose(notebook("row = df.ix[0]"), diagnosis(1, IX_ERROR), history)
    assert [e.new for e in again] == ["row = df.iloc[0]"]


def test_memory_answers_the_second_notebook_without_an_llm_call(tmp_path, fake_llm):
    answer = ("Rationale: `.ix` was removed in pandas 1.0.\n<<<<<<< SEARCH cell 1\nX = train.ix[:, 1:]\n=======\n"
              "X = train.iloc[:, 1:]\n>>>>>>> REPLACE")
    fake_llm.push(answer)
    llm = LLMFixer(LLMConfig(model="openai/m", api_base=fake_llm.api_base, backoff_seconds=0.01))
    memory = FixMemory(tmp_path / "m.sqlite")
    first = notebook("train = load()\nX = train.ix[:, 1:]")
    [accepted] = llm.propose(first, diagnosis(1, IX_ERROR, line=2), [])
    memory.record(accepted, IX_ERROR)  # what the loop does when the run got further

    second = notebook("import pandas as pd", "features = frame.ix[:, 1:]\nfeatures.head()")
    [remembered] = MemoryFixer(memory).propose(second, diagnosis(2, IX_ERROR, line=1), [])
    assert remembered.new == "features = frame.iloc[:, 1:]\nfeatures.head()"
    assert len(fake_llm.requests) == 1 and llm.cost.llm_calls == 1  # the second notebook cost no call


@pytest.mark.parametrize("bad", ["", "   "])
def test_blank_edit_is_not_recorded(tmp_path, bad):
    memory = FixMemory(tmp_path / "m.sqlite")
    memory.record(edit("x = 1" + bad, "x = 1" + bad), IX_ERROR)
    assert len(memory) == 0

"""The guard on model edits (issue 16, item 6): what is rejected before it runs, what is flagged."""

import pytest
from mlemodernizer.agent.guard import Workspace, check, guarded
from mlemodernizer.core import Edit

WS = Workspace(input_files=["train.csv", "test.csv", "gender_submission.csv", "ground-truth.csv"], working_files=["helpers.py"],
               failing_line="X = train.ix[:, 2:]", other_sources=["img = plt.imread('plot.png')"])


def edit(old, new, origin="llm:m", cell=3):
    return Edit(cell=cell, old=old, new=new, fix_type="error-repair", origin=origin, rationale="r")


@pytest.mark.parametrize("new, words", [
    ("truth = pd.read_csv('../answers.csv')", "looks like the answers"),
    ("truth = pd.read_csv('/kaggle/input/solution.csv')", "looks like the answers"),
    ("truth = pd.read_csv('../input/ground-truth.csv')", "looks like the answers"),
    ("df = pd.read_csv('/home/user/secret.csv')", "outside the inputs and the working directory"),
    ("df = pd.read_csv('../../corpus/titanic/data.csv')", "outside the inputs"),
    ("df = pd.read_csv('data/../../x.csv')", "outside the inputs"),
    ("df = pd.read_csv('~/x.csv')", "outside the inputs"),
    ("!cat /etc/passwd", "outside the inputs"),
    ("accuracy = 0.83", "hard-codes the score"),
    ("val_rmse = 0.1234", "hard-codes the score"),
    ("predictions = [0, 1, 1, 0]", "hard-codes predictions"),
    ("submission['Survived'] = 0", "hard-codes predictions"),
    ("y_pred = np.zeros(len(test))", "hard-codes predictions"),
    ("print('Accuracy: 0.83')", "prints a score it did not compute"),
])
def test_rejected(new, words):
    verdict = check([edit("x = 1", new)], WS)
    assert verdict.rejected and words in verdict.rejected[0] and verdict.rejected[0].startswith("cell 3: ")


@pytest.mark.parametrize("new", [
    "df = pd.read_csv('../input/train.csv')", "df = pd.read_csv('/kaggle/input/titanic/train.csv')",
    "df.to_csv('/kaggle/working/out/sub.csv')", "df = pd.read_csv('gender_submission.csv')",
    "pd.read_csv('data/train.csv')", "accuracy = accuracy_score(y, p)", "print('Accuracy:', acc)",
    "x = 2", "n_estimators = 100",
])
def test_allowed(new):
    assert check([edit("x = 1", new)], WS).rejected == []


def test_deleting_the_work_is_rejected_and_disabling_a_shell_line_is_not():
    old = "model = RF()\nmodel.fit(X, y)\npreds = model.predict(T)\nprint(preds[:5])"
    gutted = "# model = RF()\n# model.fit(X, y)\npreds = None\n"
    assert "deletes the cell's work: 4 code lines become 1" in check([edit(old, gutted)], WS).rejected[0]
    assert check([edit("x = df.ix[0]", "")], WS).rejected  # the failing line simply removed
    assert check([edit("!pip install xgboost\nimport xgboost", "# !pip install xgboost (no network)\nimport xgboost")],
                 WS).rejected == []
    assert check([edit("%%bash\nunzip a.zip\nls", "# disabled: the data is already unzipped")], WS).rejected == []
    assert check([edit("import mlxtend\nx = 1", "x = 1")], WS).rejected == []  # a dead import may go


def test_try_except_around_the_failing_line_is_rejected():
    old = "y = train.Survived\nX = train.ix[:, 2:]"
    wrapped = "y = train.Survived\ntry:\n    X = train.ix[:, 2:]\nexcept AttributeError:\n    X = train"
    assert "wraps the failing line `X = train.ix[:, 2:]` in try/except" in check([edit(old, wrapped)], WS).rejected[0]
    swallow = "y = train.Survived\ntry:\n    X = train.iloc[:, 2:]\nexcept Exception:\n    pass"
    assert "swallows every error" in check([edit(old, swallow)], WS).rejected[0]
    kept = "try:\n    import lightgbm\nexcept ImportError:\n    lightgbm = None"  # an old one, unchanged
    assert check([edit(kept + "\nx = 1", kept + "\nx = 2")], WS).rejected == []


def test_workarounds_are_flagged_not_rejected():
    stand_in = check([edit("import mlxtend", "%%writefile mlxtend.py\ndef plot_decision_regions(*a, **k):\n    pass")],
                     WS)
    assert stand_in.rejected == [] and "writes a stand-in module 'mlxtend.py'" in stand_in.flags[0]
    fake = check([edit("import spacy", "import sys, types\nsys.modules['spacy'] = types.ModuleType('spacy')")], WS)
    assert "stand-in module into sys.modules" in fake.flags[0]
    regenerated = check([edit("plt.plot(x)", "plt.plot(x)\nplt.savefig('plot.png')")], WS)
    assert "writes 'plot.png', a file the notebook reads" in regenerated.flags[0]
    data = check([edit("x = 1", "pd.DataFrame({'a': [1]}).to_csv('train.csv')")], WS)
    assert "writes 'train.csv', a file the notebook reads" in data.flags[0]
    assert check([edit("x = 1", "sub.to_csv('submission.csv', index=False)")], WS).flags == []


def test_rules_are_not_guarded():
    assert not guarded(edit("a", "b", origin="rule:pandas-ix")) and guarded(edit("a", "b", origin="memory"))


# --------------------------------------------------------------------------- helper files (issue 16, item 3)

MODULE = "import math\n\n\ndef scale(values):\n    out = [math.sqroot(v) for v in values]\n    return out\n"
FILE_WS = Workspace(input_files=["train.csv"], working_files=["src/__init__.py", "src/feat.py"],
                    failing_line="df['r'] = feat.scale(df.a)")


def file_edit(new, file="src/feat.py", old=MODULE):
    return Edit(cell=0, file=file, old=old, new=new, fix_type="error-repair", origin="llm:m", rationale="r")


@pytest.mark.parametrize("new, words", [
    (MODULE.replace("    out = [math.sqroot(v) for v in values]",
                    "    try:\n        out = [math.sqroot(v) for v in values]\n    except AttributeError:\n"
                    "        out = list(values)"), "wraps existing code (`out = [math.sqroot(v) for v in values]`)"),
    (MODULE.replace("    out = [", "    try:\n        out = [").replace("values]\n", "values]\n    except Exception:\n"
                                                                           "        pass\n"), "swallows every error"),
    (MODULE.replace("values):\n", "values):\n    truth = open('../answers.csv').read()\n"), "looks like the answers"),
    (MODULE.replace("    return out", "    accuracy = 0.93\n    return out"), "hard-codes the score"),
    ("import math\n", "deletes the cell's work"),
])
def test_file_edits_are_guarded_like_cell_edits(new, words):
    verdict = check([file_edit(new)], FILE_WS)
    assert verdict.rejected and words in verdict.rejected[0], verdict
    assert verdict.rejected[0].startswith("module src/feat.py: ")


def test_a_file_edit_must_name_a_staged_helper_file_and_may_add_an_import_fallback():
    verdict = check([file_edit("x = 1\n", file="setup_secrets.py", old="x = 0\n")], FILE_WS)
    assert "not one of the helper files staged with the notebook" in verdict.rejected[0]
    fallback = "try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n"
    old = "import cPickle as pickle\n"
    assert not check([file_edit(fallback, old=old)], FILE_WS).rejected
    assert not check([file_edit(MODULE.replace("sqroot", "sqrt"))], FILE_WS).rejected

"""A name read and never imported, which means one thing, is imported where the notebook first reads it; the table
is true of the locked libraries."""

import json
import subprocess

from mlemodernizer.agent.rules import fix_error, fix_static
from mlemodernizer.agent.rules.unimported_names import ALIASES, HOMES, RULE_ID, STANDARD
from mlemodernizer.core import CellError
from mlemodernizer.executor.lockenv import venv_python

ORIGIN = f"rule:{RULE_ID}"


def ours(edits):
    return [e for e in edits if e.origin == ORIGIN]


def on_error(nb, cell: int, name: str):
    """The rule's edits when ``cell`` fails on ``name``."""
    return ours(fix_error(nb, cell, CellError(ename="NameError", evalue=f"name '{name}' is not defined",
                                              traceback=""), []))


def test_names_the_author_imported_in_a_deleted_cell_are_imported_where_first_read(notebook, apply, run_repaired):
    nb = notebook(
        "%matplotlib inline\nimport pandas as pd\ntrain = pd.DataFrame({'a': [1, 2, 3, 4] * 5, 'y': [0, 1] * 10})",
        "# the author imported these in a cell since deleted\n"
        "def score(model):\n    return cross_val_score(model, train[['a']], train.y, cv=2).mean()",
        "%%time\nclf = XGBClassifier(n_estimators=2)\nprint(round(score(clf), 2), re.sub('a', 'b', 'abc'), np.mean([1, 3]))",
        "print(type(tree.DecisionTreeClassifier()).__name__, DataFrame({'b': [1]}).shape)",
    )
    assert not ours(fix_static(nb)), "keyed by the NameError: the run shows the name unbound"
    [edit] = on_error(nb, 2, "XGBClassifier")
    assert edit.cell == 1, "every such name, where the notebook first reads one"
    assert edit.new == (
        "# the author imported these in a cell since deleted\n"
        "import numpy as np\nimport re\nfrom pandas import DataFrame\nfrom sklearn import tree\n"
        "from sklearn.model_selection import cross_val_score\nfrom xgboost import XGBClassifier\n"
        "def score(model):\n    return cross_val_score(model, train[['a']], train.y, cv=2).mean()")
    assert "'XGBClassifier'" in edit.rationale and "'np'" in edit.rationale
    out = run_repaired(apply(nb, [edit]), attempts=1)
    assert out[2].splitlines()[0].split()[1:] == ["bbc", "2.0"]
    assert out[3].strip() == "DecisionTreeClassifier (1, 1)"


def test_nothing_where_the_name_could_mean_something_else(notebook):
    cases = [
        ("clf = XGBClassifier()", "XGBClassifier = object"),  # bound later: the cell order's matter
        ("from helpers import *\nclf = XGBClassifier()",),  # a star import may bring it
        ("from xgboost import *\nclf = XGBClassifier()",),  # a home's star import brings its own names
        ("from helpers import *\nprint(", "clf = XGBClassifier()"),  # no Python yet, but a star import
        ("for k, v in models.items():\n    globals()[k] = v\nclf = XGBClassifier()",),
        ("globals()['XGB%s' % kind] = pick(kind)\nclf = XGBClassifier()",),
        ("%run helpers.py\nclf = XGBClassifier()",),
        ("globals().update(models)\nclf = XGBClassifier()",),
        ("def f(XGBClassifier):\n    return XGBClassifier()",),  # a parameter
        ("y = np",),  # an alias read as something other than a module
        ("t = re.compile_all('x')",),  # an attribute the standard module lacks
        ("k = train(params, data)",),  # two libraries export it
        ("s = mean(xs)",),  # numpy's, or the standard library's, or %pylab's
        ("m = merge(a, b)",),  # a plain word of pandas
        ("XGBClassifier = = pick()", "clf = XGBClassifier()"),  # no Python: a repair of it may bind the name
    ]
    for sources in cases:
        name = next(w for w in ("XGBClassifier", "np", "re", "train", "mean", "merge") if w in sources[-1])
        assert not on_error(notebook(*sources), len(sources) - 1, name), sources


def test_a_home_star_import_or_a_named_globals_write_leaves_other_names_unbound(notebook):
    nb = notebook("from sklearn.metrics import *\nfor depth in range(7, 8):\n    globals()['tree%s' % depth] = depth\n"
                  "globals()[f'model_{depth}'] = None",
                  "train = pd.read_csv('train.csv')\nsns.countplot(train.author)")
    [edit] = on_error(nb, 1, "pd")
    assert edit.new == "import pandas as pd\nimport seaborn as sns\n" + nb.cells[1].source


def test_the_imports_go_where_a_name_they_bind_is_first_read(notebook):
    nb = notebook("y = np", "import re\nm = SVC()\nz = np.zeros(2)")  # np alone: not numpy for sure
    assert not on_error(nb, 1, "np")
    [edit] = on_error(nb, 1, "SVC")
    assert edit.cell == 1 and edit.new == "from sklearn.svm import SVC\nimport re\nm = SVC()\nz = np.zeros(2)"


def test_a_foreign_cell_or_pasted_output_binds_nothing(notebook):
    nb = notebook("%%bash\necho hi", "[0.11, 0.15] 140\n[0.12, 0.14] 130", "m = GridSearchCV(est, {})")
    [edit] = on_error(nb, 2, "GridSearchCV")
    assert edit.cell == 2
    assert edit.new == "from sklearn.model_selection import GridSearchCV\nm = GridSearchCV(est, {})"


def test_the_table_is_true_of_the_locked_libraries():
    """Each name (and each alias bound by a from-import) is there in its home in the locked environment; the names
    two homes share, numpy's and math's are not in the table."""
    check = (
        "import importlib, json, sys\n"
        "table = json.loads(sys.argv[1])\n"
        "bad = [n for n, home in table.items() if not hasattr(importlib.import_module(home), n)]\n"
        "print(json.dumps(bad))"
    )
    table = {**HOMES, **{alias: module.rsplit(".", 1)[0] for alias, module in ALIASES.items()
                         if "." in module and module.endswith("." + alias)}}
    out = subprocess.run([str(venv_python("tabular")), "-c", check, json.dumps(table)], capture_output=True,
                         text=True, check=True, timeout=600)
    assert json.loads(out.stdout) == []
    # What a star import from a home binds is its __all__: never an alias or a standard module the rule imports.
    aliases = sorted(ALIASES.keys() | set(STANDARD))
    check = (
        "import importlib, json, sys\n"
        "homes, names = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))\n"
        "found = {h: sorted(names & set(getattr(importlib.import_module(h), '__all__', ['<none>']))) for h in homes}\n"
        "print(json.dumps({h: f for h, f in found.items() if f}))"
    )
    out = subprocess.run([str(venv_python("tabular")), "-c", check, json.dumps(sorted(set(HOMES.values()))),
                          json.dumps(aliases + ["<none>"])], capture_output=True, text=True, check=True, timeout=600)
    assert json.loads(out.stdout) == {}
    assert len(HOMES) > 500 and "train" not in HOMES and "array" not in HOMES and "mean" not in HOMES

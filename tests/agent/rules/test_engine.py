"""The four entry points the agent calls: lint, fix_static, fix_error, calibrate."""

import ast

import pytest

from mlemodernizer.agent.rules import calibrate, fix_static, lint
from mlemodernizer.agent.rules.masking import mask


def old_notebook(make_notebook):
    return make_notebook(
        "#md # Titanic",
        "%matplotlib inline\nimport pandas as pd\ntrain = pd.read_csv('../input/train.csv')",
        "print train.shape\nfor k, v in train.iteritems():\n    print k",
        "full = train.append(train, ignore_index=True)\nsns.countplot('Sex', data=full)",
        "import seaborn as sns\nfrom sklearn.ensemble import RandomForestClassifier",
        "!pip install xgboost\nm = RandomForestClassifier(random_state=0)",
        python2=True,
    )


def test_fix_static_gives_one_explained_edit_per_changed_cell(notebook):
    make_notebook = notebook
    nb = old_notebook(make_notebook)
    edits = fix_static(nb)
    cells = [e.cell for e in edits]
    assert cells == sorted(set(cells)), "one edit per cell, in cell order"
    assert 0 not in cells, "markdown is never touched"
    by_cell = {e.cell: e for e in edits}
    assert by_cell[2].new.startswith("print(train.shape)\nfor k, v in train.items():")
    assert by_cell[2].origin == "rule:python2-to-3", "fissix also renames iteritems in a Python 2 notebook"
    assert by_cell[3].new.splitlines()[0] == "import seaborn as sns", "the import used here moved up from cell 4"
    assert "pd.concat([train, train], ignore_index=True)" in by_cell[3].new
    assert "sns.countplot(x='Sex', data=full)" in by_cell[3].new
    assert "import seaborn as sns" not in by_cell[4].new
    assert by_cell[5].new.startswith("# mlemod: disabled")
    for e in edits:
        assert e.fix_type == "error-repair"
        assert e.origin.startswith("rule:")
        assert e.rationale and "." in e.rationale
        assert e.old == nb.cells[e.cell].source
    assert "pandas 2.0" in by_cell[3].rationale and "seaborn" in by_cell[3].rationale


def test_fix_static_result_is_python_keeps_magics_and_is_idempotent(notebook, apply):
    make_notebook, apply_edits = notebook, apply
    nb = old_notebook(make_notebook)
    fixed = apply_edits(nb, fix_static(nb))
    assert fixed.cells[1].source.startswith("%matplotlib inline\n")
    for i in fixed.code_indices():
        ast.parse(mask(fixed.cells[i].source).code)
    assert fix_static(fixed) == []



def test_a_python2_cell_that_a_rule_gives_a_zip_is_not_converted_again(notebook, apply):
    # The search's grid_scores_ rewrite writes a zip in a comprehension; the range beside it was Python 2's
    # list, converted on the first pass, so a second pass finds nothing left to do.
    make_notebook, apply_edits = notebook, apply
    nb = make_notebook("from sklearn.model_selection import GridSearchCV\nfrom sklearn.svm import SVC",
                       "g = GridSearchCV(SVC(), {'C': range(1, 4)})\ng.fit(X, y)\ng.grid_scores_", python2=True)
    fixed = apply_edits(nb, fix_static(nb))
    assert "list(range(1, 4))" in fixed.cells[1].source and "zip(" in fixed.cells[1].source
    assert fix_static(fixed) == []


def test_a_python2_cell_whose_rule_writes_a_range_is_converted_in_the_same_pass(notebook, apply):
    # The old KFold(n, n_folds) becomes KFold(n_splits).split(range(n)): in a Python 2 notebook fissix would
    # wrap that range on a second pass, so the first pass does it.
    make_notebook, apply_edits = notebook, apply
    nb = make_notebook("from sklearn.cross_validation import KFold",
                       "kf = KFold(891, n_folds=3, random_state=1)\nfor a, b in kf:\n    print a", python2=True)
    fixed = apply_edits(nb, fix_static(nb))
    assert "split(list(range(891)))" in fixed.cells[1].source
    assert fix_static(fixed) == []


def test_lint_names_rule_cell_and_line(notebook):
    make_notebook = notebook
    findings = lint(old_notebook(make_notebook))
    found = {(f.rule_id, f.cell, f.line) for f in findings}
    assert ("python2-to-3", 2, 1) in found
    assert ("pandas-append", 3, 1) in found
    assert ("seaborn-removed-api", 3, 2) in found
    assert ("shell-network", 5, 1) in found
    assert any(f.rule_id == "notebook-cell-order" for f in findings)
    assert all(f.fixable and f.message for f in findings if f.severity == "error")
    # a call that leaves a changed default to itself is reported, not fixed
    assert all(not f.fixable and f.message for f in findings if f.severity == "warning")


def test_lint_of_a_modern_notebook_is_empty(notebook):
    make_notebook = notebook
    nb = make_notebook("import pandas as pd\ndf = pd.DataFrame({'a': [1]})\ndf = pd.concat([df, df])\nprint(df.shape)")
    assert lint(nb) == [] and fix_static(nb) == []


def test_a_cell_that_does_not_parse_is_left_alone(notebook):
    make_notebook = notebook
    nb = make_notebook("def f(:\n    df.ix[0]")
    assert fix_static(nb) == []


def test_calibrate_pins_old_defaults_only_for_old_notebooks(notebook):
    make_notebook = notebook
    source = "from sklearn.svm import SVC\nfrom sklearn.cluster import KMeans\nm = SVC()\nk = KMeans(n_clusters=3)"
    assert calibrate(make_notebook(source), None) == [], "no date, no calibration"
    edits = calibrate(make_notebook(source), "2018-03")
    assert len(edits) == 1
    assert "SVC(gamma='auto')" in edits[0].new and "KMeans(n_clusters=3, n_init=10)" in edits[0].new
    assert edits[0].fix_type == "score-calibration"
    assert "scikit-learn 0.22" in edits[0].rationale
    newer = calibrate(make_notebook(source), "2021-05")
    assert "SVC()" in newer[0].new and "n_init=10" in newer[0].new, "only the KMeans change (1.4) is later than 2021"
    assert calibrate(make_notebook(source), "2025-01") == []
    assert calibrate(make_notebook(source, written="2018-03"), None), "the notebook's own date is used"


def test_runtime_calibration_pins_only_the_defaults_that_are_less_work(notebook):
    source = "from xgboost import XGBRegressor\nm = XGBRegressor(n_estimators=500)\nf = RandomForestRegressor()"
    full = calibrate(notebook(source), "2018-03")[0].new
    assert "tree_method='exact'" in full and "max_depth=3" in full and "n_estimators=10)" in full
    runtime = calibrate(notebook(source), "2018-03", for_runtime=True)
    assert runtime[0].fix_type == "runtime-reduction"
    assert "max_depth=3" in runtime[0].new and "n_estimators=10)" in runtime[0].new
    assert "tree_method" not in runtime[0].new, "'exact' is slower than today's 'hist': no help to a run out of time"


def test_static_pass_pins_the_less_work_defaults_of_an_old_notebook(notebook):
    from mlemodernizer.agent.rules import fix_static

    source = ["import pandas as pd\nx = df.ix[0]", "from sklearn.svm import SVC\nm = RandomForestClassifier()\ns = SVC()"]
    edits = {e.cell: e for e in fix_static(notebook(*source, written="2017-05"), old_defaults=True)}
    first, second = (edits[i] for i in sorted(edits))
    assert first.fix_type == "error-repair" and "n_estimators" not in first.new
    assert second.fix_type == "score-calibration" and second.rule_ids == ["sklearn-default-n-estimators"]
    assert "RandomForestClassifier(n_estimators=10)" in second.new and "SVC()" in second.new, "only less work"
    assert len(fix_static(notebook(*source, written="2017-05"))) == 1, "off by default (lint and helpers)"
    assert len(fix_static(notebook(*source, written="2021-05"), old_defaults=True)) == 1, "after the change"


def test_a_rule_reads_the_notebook_for_what_a_later_cell_uses(notebook):
    """The cell that uses an old API may hold no word of the library: the notebook says where it came from
    (a sampler made with return_indices in one cell, unpacked in three in the next; keras' l2 imported
    above its l= call)."""
    nb = notebook("from imblearn.under_sampling import RandomUnderSampler\nrus = RandomUnderSampler(return_indices=True)",
                  "X_res, y_res, idx = rus.fit_sample(X, y)",
                  "from keras.regularizers import l2", "reg = l2(l=0.01)")
    assert {e.cell: e.new for e in fix_static(nb)} == {
        0: "from imblearn.under_sampling import RandomUnderSampler\nrus = RandomUnderSampler()",
        1: "X_res, y_res = rus.fit_resample(X, y)\nidx = rus.sample_indices_",
        3: "reg = l2(l2=0.01)"}


def test_lint_flags_packages_the_environment_lacks(notebook):
    nb = notebook(
        "import os\nimport pandas as pd\nimport tpot\nfrom keras.models import Sequential\nimport sklearn, cv2"
    )
    missing = [(f.rule_id, f.line, f.fixable) for f in lint(nb) if f.rule_id == "missing-package"]
    assert missing == [("missing-package", 3, False), ("missing-package", 4, False)]


def test_helper_module_gets_the_static_rules():
    from mlemodernizer.agent.rules.engine import fix_helper_module

    source = (
        "from scipy import interp\n\n"
        "def fill(df):\n"
        "    df['Embarked'].fillna('S', inplace=True)\n"
        "    return [i for i in xrange(3)]\n"
    )
    change = fix_helper_module(source)
    assert change.source == (
        "from numpy import interp\n\n"
        "def fill(df):\n"
        "    df['Embarked'] = df['Embarked'].fillna('S')\n"
        "    return [i for i in range(3)]\n"
    )
    assert {"scipy-misc-removed", "pandas-cow-inplace", "python2-to-3"} <= set(change.ids)
    assert fix_helper_module(change.source).source == change.source


def test_helper_module_error_keyed_rule_on_the_traceback_line():
    from mlemodernizer.agent.rules.engine import fix_helper_module
    from mlemodernizer.core import CellError

    source = "def fill_age(df):\n    g = df.groupby(['Sex', 'Pclass'])\n    m = g.median()\n    return m\n"
    err = CellError(ename="TypeError", evalue="dtype 'str' does not support operation 'median'", traceback="", line=2)
    change = fix_helper_module(source, error=err, line=3)
    assert change.source.splitlines()[2] == "    m = g.median(numeric_only=True)"
    assert change.ids[0] == "pandas-numeric-only"


def test_helper_module_gets_the_notebook_level_fix_its_error_is_keyed_to():
    """A read-only array a frame lent (pandas-readonly-array, a fix that reads the notebook's cells) is
    repaired in a helper module too: the module is read as a notebook of one cell."""
    from mlemodernizer.agent.rules.engine import fix_helper_module
    from mlemodernizer.core import CellError

    source = "def fill(df):\n    X = df[['a', 'b']].values\n    X[X < 0] = 0\n    return X\n"
    err = CellError(ename="ValueError", evalue="assignment destination is read-only", traceback="", line=1)
    change = fix_helper_module(source, error=err, line=3)
    assert change.source.splitlines()[1] == "    X = df[['a', 'b']].values.copy()"
    assert change.ids == ["pandas-readonly-array"]
    assert fix_helper_module(source).source == source  # without the error nothing says the array is lent


def test_python2_cells_of_a_notebook_not_marked_python2_are_converted(notebook):
    from mlemodernizer.agent.rules import fix_error
    from mlemodernizer.core import CellError

    # libcst reads `except ValueError, e:` (as a tuple of exceptions); Python 3 does not compile it
    nb = notebook("try:\n    x = int(s)\nexcept ValueError, e:\n    print(e)", "if d.has_key('a'):\n    n = 1")
    assert not nb.python2
    edits = fix_static(nb)
    assert [e.cell for e in edits] == [0] and "except ValueError as e:" in edits[0].new
    # a Python 2 dict method, on the error it raises: the cell is converted
    failed = CellError(ename="AttributeError", evalue="'dict' object has no attribute 'has_key'", traceback="", line=1)
    edits = fix_error(nb, 1, failed, [])
    assert edits[0].origin == "rule:python2-to-3" and edits[0].new.startswith("if 'a' in d:")


def test_a_static_notebook_fix_that_fails_leaves_the_pass_to_the_others(notebook, monkeypatch):
    from mlemodernizer.agent.rules import engine

    def broken(sources, cell, ctx):
        raise RuntimeError("a fix's own bug")

    monkeypatch.setattr(engine, "NOTEBOOK_STATIC", [broken, *engine.NOTEBOOK_STATIC])
    nb = notebook("import pandas as pd\nm = pd.DataFrame({'a': [1]}).as_matrix()")
    assert [e.new for e in fix_static(nb)] == ["import pandas as pd\nm = pd.DataFrame({'a': [1]}).to_numpy()"]


def test_a_rewrite_inside_an_f_string_stays_code_this_python_reads(notebook):
    # The keras rule writes a dict lookup: as an f-string's field it starts with a brace, which Python 3.11 reads
    # as a literal brace unless the expression is in parentheses.
    nb = notebook('from keras import backend as K\nprint(f"order: {K.image_dim_ordering()}")')
    (edit,) = fix_static(nb)
    compile(edit.new, "cell", "exec")
    assert "{({'channels_first': 'th', 'channels_last': 'tf'}[K.image_data_format()])}" in edit.new
    # read_csv's rule writes sep='\\s+', a backslash no 3.11 field may hold: that edit is not made at all.
    nb = notebook("import pandas as pd\nprint(f\"{pd.read_csv('x.txt', delim_whitespace=True).shape}\")")
    for edit in fix_static(nb):
        compile(edit.new, "cell", "exec")
        assert "delim_whitespace=True" in edit.new


def test_a_rule_that_raises_is_skipped_in_a_repair_and_seen_in_the_tests(notebook, monkeypatch):
    from mlemodernizer.agent.rules import RULES

    def broken(module, ctx):
        raise RuntimeError("a rule's own bug")

    monkeypatch.setattr(RULES["pandas-as-matrix"], "transform", broken)
    nb = notebook("import pandas as pd\nm = pd.DataFrame({'a': [1]}).as_matrix()\nx = np.float(1)")
    monkeypatch.setenv("MLEMOD_RULE_ERRORS", "skip")
    assert [e.origin for e in fix_static(nb)] == ["rule:numpy-builtin-aliases"]  # the other rules still repair
    monkeypatch.setenv("MLEMOD_RULE_ERRORS", "raise")
    with pytest.raises(RuntimeError, match="a rule's own bug"):
        fix_static(nb)
